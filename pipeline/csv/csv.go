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
	bw := bufio.NewWriter(w)
	record := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		record[i] = c.Name
	}
	writeRecord(bw, record)
	row := make([]schema.Value, len(t.Columns))
	for i := 0; i < t.Len; i++ {
		t.Row(i, row)
		for j, c := range t.Columns {
			record[j] = Format(c.Type, row[j])
		}
		writeRecord(bw, record)
	}
	return bw.Flush()
}

// writeRecord writes one record: fields quoted when they hold a comma, a
// quotation mark, a line break or a leading space (a quotation mark
// doubled), CRLF at the end. Errors are the buffer's, reported by Flush.
func writeRecord(w *bufio.Writer, record []string) {
	for i, field := range record {
		if i > 0 {
			w.WriteByte(',')
		}
		if field == "" && len(record) == 1 {
			w.WriteString(`""`) // an empty line would be skipped by readers
			continue
		}
		if field == "" || !strings.ContainsAny(field, ",\"\r\n") && field[0] != ' ' && field[0] != '\t' {
			w.WriteString(field)
			continue
		}
		w.WriteByte('"')
		w.WriteString(strings.ReplaceAll(field, `"`, `""`))
		w.WriteByte('"')
	}
	w.WriteString("\r\n")
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
