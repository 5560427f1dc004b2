package xlsx

import (
	"bytes"
	"math"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// A table sheet's rows are written by rowEncoder rather than by excelize's
// stream writer, into the worksheet's XML that the stream writer made for
// the header row (see writeSorted): in a CPU profile of a workbook of a
// million rows, the stream writer's work on each cell (boxing its value,
// naming it, escaping its text three times over through
// encoding/xml and regular expressions) took half the time. The XML is
// the stream writer's, byte for byte (TestRowsAsExcelize), but for one
// thing excelize gets wrong: see escapeText.

// cellKind is what a cell holds.
type cellKind uint8

const (
	textCell cellKind = iota
	integerCell
	numberCell
	booleanCell
)

// cellValue is one cell of a row: its style and its value.
type cellValue struct {
	style   int
	kind    cellKind
	text    string
	integer int64   // also a boolean: 0 or 1
	number  float64 // finite: cell refuses NaN and infinities
}

// value is the cell's value as excelize's functions take it.
func (c cellValue) value() any {
	switch c.kind {
	case integerCell:
		return c.integer
	case numberCell:
		return c.number
	case booleanCell:
		return c.integer == 1
	}
	return c.text
}

// rowEncoder appends the XML of a sheet's rows.
type rowEncoder struct {
	columns []string // the names of the columns, "A", "B", …
}

func newRowEncoder(columns int) rowEncoder {
	e := rowEncoder{columns: make([]string, columns)}
	for j := range e.columns {
		e.columns[j], _ = excelize.ColumnNumberToName(j + 1)
	}
	return e
}

// row appends row r (counted from 1) with its cells; a cell that is not
// present is left out, as an empty cell is. height is the row's height in
// points, or 0 for the default.
func (e rowEncoder) row(b []byte, r int, height float64, cells []cellValue, present []bool) []byte {
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(r), 10)
	b = append(b, '"')
	if height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, height, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	b = append(b, '>')
	for j, c := range cells {
		if !present[j] {
			continue
		}
		b = append(b, `<c r="`...)
		b = append(b, e.columns[j]...)
		b = strconv.AppendInt(b, int64(r), 10)
		b = append(b, '"')
		if c.style != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(c.style), 10)
			b = append(b, '"')
		}
		switch c.kind {
		case integerCell:
			b = append(b, `><v>`...)
			b = strconv.AppendInt(b, c.integer, 10)
			b = append(b, `</v></c>`...)
		case numberCell:
			b = append(b, `><v>`...)
			b = appendNumber(b, c.number)
			b = append(b, `</v></c>`...)
		case booleanCell:
			b = append(b, ` t="b"><v>`...)
			b = strconv.AppendInt(b, c.integer, 10)
			b = append(b, `</v></c>`...)
		default:
			b = append(b, ` t="inlineStr"><is><t`...)
			if n := len(c.text); n > 0 && (spaceByte(c.text[0]) || spaceByte(c.text[n-1])) {
				b = append(b, ` xml:space="preserve"`...)
			}
			b = append(b, '>')
			b = escapeText(b, c.text)
			b = append(b, `</t></is></c>`...)
		}
	}
	return append(b, `</row>`...)
}

// spaceByte reports whether a text that begins or ends with c must keep
// its spaces (xml:space="preserve").
func spaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// escaped is what escapeText writes for a byte, where it writes something
// else than the byte: the entities of encoding/xml, as excelize writes
// them, but for the line break, which stays as it is.
var escaped = [256]string{
	'"': "&#34;", '\'': "&#39;", '&': "&amp;", '<': "&lt;", '>': "&gt;",
	'\t': "&#x9;", '\r': "&#xD;",
}

// escapeText appends s as the text of an XML element, as excelize does.
// s holds only characters XML 1.0 allows (checkText).
//
// Spreadsheets read "_xHHHH_" in a cell's text as the character U+HHHH,
// so an underscore that starts such a run must itself be written as its
// escape, "_x005F_". excelize escapes only runs that do not overlap, and
// writes a run that names a surrogate as it is, which readers then drop:
// "_x0041_x0042_" reads back as "_x0041B", and "_xD800_" as nothing.
// LibreOffice also reads a run of fewer digits, such as "_x4_", as a
// character, and drops it when it is a control character
// (TestEscapesInLibreOffice); excelize leaves those as they are. Here
// every underscore that starts a run of one to four digits is escaped,
// and the text reads back as it was.
func escapeText(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		esc := escaped[s[i]]
		if s[i] == '_' && hexEscapeAt(s, i) {
			esc = "_x005F_"
		}
		if esc == "" {
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// hexEscapeAt reports whether s[i:] begins with "_x", one to four
// hexadecimal digits and "_".
func hexEscapeAt(s string, i int) bool {
	if len(s)-i < 4 || s[i+1] != 'x' {
		return false
	}
	for k := i + 2; k < len(s) && k <= i+6; k++ {
		c := s[k]
		if c == '_' {
			return k > i+2
		}
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return false
}

// appendNumber appends x as excelize writes a float: in decimal notation,
// without an exponent, to at most 15 significant digits (what a
// spreadsheet keeps), the digits beyond them cut, not rounded.
func appendNumber(b []byte, x float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, x, 'f', -1, 64)
	if math.Abs(x) == math.MaxFloat64 {
		return b
	}
	s := b[start:]
	decimal := bytes.IndexByte(s, '.')
	significant := 0
	for i, c := range s {
		if c < '0' || c > '9' || significant == 0 && c == '0' {
			continue
		}
		significant++
		if significant <= 15 {
			continue
		}
		if decimal >= 0 && i > decimal { // a fraction's digit: cut there
			return bytes.TrimSuffix(b[:start+i], []byte("."))
		}
		if decimal < 0 {
			decimal = len(s)
		}
		for ; i < decimal; i++ { // an integer's digits become zeros
			s[i] = '0'
		}
		return b[:start+decimal]
	}
	return b
}
