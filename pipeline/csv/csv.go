// Package csv writes dataset tables as CSV files (RFC 4180: UTF-8, a header
// row, CRLF line ends, fields quoted where needed) and reads them back. It
// is the only package that imports encoding/csv.
package csv

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"newsfacts/schema"
)

// Write writes t with a header row. NULL is the empty field; a list is a JSON
// array (["a","b"]); a date is YYYY-MM-DD; a number has no exponent and no
// trailing zeros.
//
// Records end in CRLF, as RFC 4180 says, but the bytes of a field are kept
// as they are: encoding/csv's writer, with CRLF on, turns a line break
// inside a quote into CRLF and drops a lone CR, which would change a
// verbatim quote.
func Write(w io.Writer, t schema.Table) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	// Each record is made in line, then written whole: formatting every
	// cell as a string of its own, and asking which of them need quotes
	// with strings.ContainsAny, took half of the time of a million rows.
	line := make([]byte, 0, 4<<10)
	for i, c := range t.Columns {
		line = appendField(line, c.Name, i, len(t.Columns))
	}
	bw.Write(append(line, '\r', '\n'))
	row := make([]schema.Value, len(t.Columns))
	for i := 0; i < t.Len; i++ {
		t.Row(i, row)
		line = line[:0]
		for j, c := range t.Columns {
			line = appendValue(line, c.Type, row[j], j, len(t.Columns))
		}
		bw.Write(append(line, '\r', '\n'))
	}
	return bw.Flush()
}

// appendValue appends field j (of n) of a record: the value as Format
// writes it, quoted as appendField does.
func appendValue(line []byte, typ schema.Type, v schema.Value, j, n int) []byte {
	if v.Null {
		return appendField(line, "", j, n)
	}
	if j > 0 {
		line = append(line, ',')
	}
	switch typ {
	case schema.TypeInteger:
		return strconv.AppendInt(line, v.Int, 10)
	case schema.TypeNumber:
		return strconv.AppendFloat(line, v.Number, 'f', -1, 64)
	case schema.TypeBoolean:
		return strconv.AppendBool(line, v.Bool)
	case schema.TypeDate:
		return appendDate(line, v.Date)
	}
	return appendField(line, Format(typ, v), 0, n) // the comma is in
}

// appendDate appends d as YYYY-MM-DD, as schema.Date's String does
// (without its fmt.Sprintf: a date column of a million rows took a second).
func appendDate(line []byte, d schema.Date) []byte {
	if d.IsZero() || d.Year < 0 || d.Year > 9999 {
		return append(line, d.String()...)
	}
	return append(line,
		byte('0'+d.Year/1000), byte('0'+d.Year/100%10), byte('0'+d.Year/10%10), byte('0'+d.Year%10), '-',
		byte('0'+d.Month/10), byte('0'+d.Month%10), '-',
		byte('0'+d.Day/10), byte('0'+d.Day%10))
}

// quoteByte marks the bytes that make a field quoted wherever they are.
var quoteByte = [256]bool{',': true, '"': true, '\r': true, '\n': true}

// appendField appends field j of a record of n fields (after a comma but
// for the first), quoted when it holds a comma, a quotation mark or a line
// break, or starts with a space or a tab (a quotation mark doubled). The
// one field of a record of one is quoted when empty: an empty line would
// be skipped by readers.
func appendField(line []byte, field string, j, n int) []byte {
	if j > 0 {
		line = append(line, ',')
	}
	if field == "" && n == 1 {
		return append(line, `""`...)
	}
	quote := field != "" && (field[0] == ' ' || field[0] == '\t')
	for i := 0; i < len(field) && !quote; i++ {
		quote = quoteByte[field[i]]
	}
	if !quote {
		return append(line, field...)
	}
	line = append(line, '"')
	for {
		at := strings.IndexByte(field, '"')
		if at < 0 {
			break
		}
		line = append(append(line, field[:at+1]...), '"')
		field = field[at+1:]
	}
	return append(append(line, field...), '"')
}

// ReadNormalizes says what Read does to a field's bytes: a CRLF inside a
// quoted field reads back as LF (encoding/csv's rule). Code that compares
// values written by Write with values read by Read applies it first.
func ReadNormalizes(field string) string { return strings.ReplaceAll(field, "\r\n", "\n") }

// Format renders one value as CSV text.
func Format(typ schema.Type, v schema.Value) string {
	if v.Null {
		return ""
	}
	switch typ {
	case schema.TypeInteger:
		return strconv.FormatInt(v.Int, 10)
	case schema.TypeNumber:
		return strconv.FormatFloat(v.Number, 'f', -1, 64)
	case schema.TypeBoolean:
		return strconv.FormatBool(v.Bool)
	case schema.TypeDate:
		return v.Date.String()
	case schema.TypeStringList:
		list := v.List
		if list == nil {
			list = []string{}
		}
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // "R&D", not "R\u0026D"
		_ = enc.Encode(list)     // a []string always encodes
		return strings.TrimSuffix(b.String(), "\n")
	}
	return v.String
}

// Read reads a CSV file written by Write: its header and its records as
// text, every record as long as the header.
func Read(r io.Reader) (header []string, records [][]string, err error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = false
	all, err := cr.ReadAll()
	if err != nil {
		return nil, nil, err
	}
	if len(all) == 0 {
		return nil, nil, errors.New("no header row")
	}
	return all[0], all[1:], nil
}
