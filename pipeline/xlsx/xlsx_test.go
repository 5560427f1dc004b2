package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"newsfacts/pipeline/build"
	"newsfacts/pipeline/docs"
	"newsfacts/pipeline/libreoffice"
	"newsfacts/pipeline/load"
	"newsfacts/schema"
)

// realWorkbook is the workbook of the dataset in data/.
func realWorkbook(t *testing.T) (Workbook, *schema.Dataset) {
	t.Helper()
	in, errs := load.Dir("../../data", nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	res, errs := build.Build(in, nil, build.CountMentions, filepath.Join(t.TempDir(), "statements"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	d := res.Dataset
	x := d.Index()
	return Workbook{Meta: d.Meta, Tables: d.Tables(), Views: []schema.Table{d.ClaimView(x), d.ConflictView(x)}, Glossary: schema.Glossary}, d
}

// writeFile writes wb into a temporary file and returns its path.
func writeFile(t *testing.T, wb Workbook) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, wb); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func openInLibreOffice(t *testing.T, path string) *libreoffice.Workbook {
	t.Helper()
	lo, err := libreoffice.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return lo
}

// TestRealDataInLibreOffice: LibreOffice Calc opens the workbook of data/;
// every table's sheet has the table's columns in order and every value, as
// a cell of the right type: dates come back as dates.
func TestRealDataInLibreOffice(t *testing.T) {
	wb, d := realWorkbook(t)
	lo := openInLibreOffice(t, writeFile(t, wb))

	var names []string
	for _, s := range lo.Sheets {
		names = append(names, s.Name)
	}
	want := []string{"README"}
	for _, tb := range wb.Tables {
		want = append(want, tb.Name)
	}
	want = append(want, "codebook", "claims_with_stances", "conflicts_side_by_side")
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("sheets %v, want %v", names, want)
	}
	for _, tb := range append(append(wb.Tables, codebook(wb.Tables)), wb.Views...) {
		sheet := lo.Sheet(tb.Name)
		if sheet == nil {
			t.Errorf("no sheet %s", tb.Name)
			continue
		}
		compareSheet(t, sheet, tb, 0, tb.Len)
	}

	// The statements sheet has inferred dates, which must be in italics;
	// the check proves nothing without them (stated dates are in the edge
	// cases below).
	inferred := 0
	for _, st := range d.Statements.All() {
		if st.DateBasis == schema.BasisInferred && !st.Date.IsZero() {
			inferred++
		}
	}
	if inferred == 0 {
		t.Error("data/ has no inferred dates; the italics check needs some")
	}

	readme := lo.Sheet("README")
	text := sheetText(readme)
	for _, want := range []string{d.Meta.Title, d.Meta.Version, d.Meta.License, "How to cite", "How to read it", "claim", "stance", "inferred date", "conflict", "dates in this workbook", "(inferred)"} {
		if !strings.Contains(text, want) {
			t.Errorf("README sheet lacks %q", want)
		}
	}
	links := map[string]bool{}
	for _, row := range readme.Rows {
		for _, c := range row {
			if c.Link != "" {
				links[c.Link] = true
			}
		}
		if len(row) > 1 && row[0].Text == "Released" && (row[1].Type != "date" || row[1].Value != d.Meta.Released.String()) {
			t.Errorf("README: Released is %+v, want the date %s", row[1], d.Meta.Released)
		}
	}
	for _, src := range d.Sources {
		if !links[src.URL] {
			t.Errorf("README sheet: no hyperlink to source %s", src.URL)
		}
	}
	if !links[d.Meta.LicenseURL] {
		t.Errorf("README sheet: no hyperlink to the licence %s", d.Meta.LicenseURL)
	}
}

func sheetText(s *libreoffice.Sheet) string {
	var b strings.Builder
	for _, row := range s.Rows {
		for _, c := range row {
			b.WriteString(c.Text)
			b.WriteByte('\t')
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// compareSheet checks that sheet shows rows [first, last) of tb: the
// header (bold, with the column's definition as its comment, under a
// filter), then each cell's type, value, displayed text, link and style.
func compareSheet(t *testing.T, sheet *libreoffice.Sheet, tb schema.Table, first, last int) {
	t.Helper()
	if len(sheet.Rows) != last-first+1 {
		t.Errorf("%s: %d rows, want a header and %d rows", sheet.Name, len(sheet.Rows), last-first)
		return
	}
	lastCol, _ := excelize.ColumnNumberToName(len(tb.Columns))
	if wantFilter := fmt.Sprintf("%s.A1:%s.%s%d", sheet.Name, sheet.Name, lastCol, last-first+1); !strings.EqualFold(strings.ReplaceAll(sheet.Filter, "'", ""), wantFilter) {
		t.Errorf("%s: filter on %q, want %q", sheet.Name, sheet.Filter, wantFilter)
	}
	header := sheet.Rows[0]
	for j, c := range tb.Columns {
		if j >= len(header) || header[j].Text != c.Name || !header[j].Bold || header[j].Comment != definition(c) {
			t.Errorf("%s: header %d is %+v, want bold %q with comment %q", sheet.Name, j+1, header[min(j, len(header)-1)], c.Name, definition(c))
		}
	}
	l := layoutOf(tb)
	cells := make([]schema.Value, len(tb.Columns))
	for i := first; i < last; i++ {
		tb.Row(i, cells)
		got := sheet.Rows[i-first+1]
		for j, c := range tb.Columns {
			want := expectedCell(c, j, cells, l)
			var g libreoffice.Cell
			if j < len(got) {
				g = got[j]
			}
			g.Comment, g.Bold = "", false
			if g != want {
				t.Errorf("%s row %d column %s: LibreOffice reads %+v, want %+v", sheet.Name, i+1, c.Name, g, want)
			}
		}
	}
}

// expectedCell is what LibreOffice must show for cell j of a row.
func expectedCell(c schema.Column, j int, cells []schema.Value, l layout) libreoffice.Cell {
	v := cells[j]
	if v.Null {
		return libreoffice.Cell{}
	}
	str := func(s string) libreoffice.Cell { return libreoffice.Cell{Type: "string", Value: s, Text: s} }
	switch c.Type {
	case schema.TypeInteger:
		n := strconv.FormatInt(v.Int, 10)
		return libreoffice.Cell{Type: "float", Value: n, Text: n}
	case schema.TypeNumber:
		n := strconv.FormatFloat(v.Number, 'f', -1, 64)
		return libreoffice.Cell{Type: "float", Value: n, Text: n}
	case schema.TypeBoolean:
		// LibreOffice imports an xlsx boolean as the number 1 or 0 with a
		// boolean format, shown TRUE or FALSE.
		n := map[bool]string{false: "0", true: "1"}[v.Bool]
		return libreoffice.Cell{Type: "float", Value: n, Text: strings.ToUpper(strconv.FormatBool(v.Bool))}
	case schema.TypeDate:
		precision, inferred := schema.PrecisionDay, c.Inferred
		if p := l.precision[j]; p >= 0 {
			precision, _ = schema.Parse(cells[p].String, schema.DatePrecisions)
		}
		if b := l.basis[j]; b >= 0 {
			inferred = inferred || cells[b].String == schema.BasisInferred.String()
		}
		shown := earlyDateText(v.Date, precision)
		if inferred {
			shown += inferredSuffix
		}
		if v.Date.Before(firstSerialDate) {
			return libreoffice.Cell{Type: "string", Value: shown, Text: shown, Italic: inferred}
		}
		return libreoffice.Cell{Type: "date", Value: v.Date.String(), Text: shown, Italic: inferred}
	case schema.TypeStringList:
		if len(v.List) == 0 {
			return libreoffice.Cell{} // an empty list is an empty cell
		}
		return str(strings.Join(v.List, "\n"))
	}
	if v.String == "" {
		return libreoffice.Cell{} // a spreadsheet cannot tell "" from empty
	}
	cell := str(v.String)
	if c.Format == "uri" && isWebAddress(v.String) {
		cell.Link = v.String
	}
	return cell
}

// TestSheetsAsCSV: LibreOffice converts every sheet to CSV, as the cells
// are shown; each table's sheet holds its header and every row, each cell
// shown as the workbook means it (dates to their precision, inferred ones
// marked).
func TestSheetsAsCSV(t *testing.T) {
	wb, _ := realWorkbook(t)
	sheets, err := libreoffice.SheetsAsCSV(writeFile(t, wb))
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range append(wb.Tables, wb.Views...) {
		records, ok := sheets[tb.Name]
		if !ok {
			t.Errorf("no CSV for sheet %s", tb.Name)
			continue
		}
		if len(records) != tb.Len+1 {
			t.Errorf("%s: %d CSV records, want a header and %d rows", tb.Name, len(records), tb.Len)
			continue
		}
		l := layoutOf(tb)
		cells := make([]schema.Value, len(tb.Columns))
		for i := 0; i < tb.Len; i++ {
			tb.Row(i, cells)
			for j, c := range tb.Columns {
				want := expectedCell(c, j, cells, l).Text
				if records[0][j] != c.Name || records[i+1][j] != want {
					t.Errorf("%s row %d %s: CSV %q, want %q", tb.Name, i+1, c.Name, records[i+1][j], want)
				}
			}
		}
	}
}

// TestEdgeCasesInLibreOffice: dates of every precision, inferred dates,
// dates before and after 1 March 1900, NULLs next to zeros and empty
// lists, booleans, links; a table longer than a sheet continues on the next
// sheet with its header; links beyond a sheet's limit stay text.
func TestEdgeCasesInLibreOffice(t *testing.T) {
	defer setLimits(5, 3)()
	cols := []schema.Column{
		{Name: "id", Type: schema.TypeString},
		{Name: "date", Type: schema.TypeDate, Nullable: true, Precision: "date_precision", Basis: "date_basis"},
		{Name: "date_precision", Type: schema.TypeString},
		{Name: "date_basis", Type: schema.TypeString},
		{Name: "n", Type: schema.TypeInteger, Nullable: true},
		{Name: "x", Type: schema.TypeNumber, Nullable: true},
		{Name: "ok", Type: schema.TypeBoolean, Nullable: true},
		{Name: "tags", Type: schema.TypeStringList},
		{Name: "url", Type: schema.TypeString, Format: "uri", Nullable: true},
		{Name: "note", Type: schema.TypeString, Nullable: true},
	}
	day := func(s string) schema.Value { d, _ := schema.ParseISODate(s); return schema.Value{Date: d} }
	str := func(s string) schema.Value { return schema.Value{String: s} }
	null := schema.Value{Null: true}
	rows := [][]schema.Value{
		{str("a"), day("2022-10-30"), str("day"), str("inferred"), {Int: 0}, {Number: 0}, {Bool: false}, {List: nil}, str("https://a.example/x?q=1&r=2"), str("")},
		{str("b"), day("2022-10-01"), str("month"), str("stated"), null, null, null, {List: []string{"one"}}, null, str("  spaced   text\tand tab")},
		{str("c"), day("2022-01-01"), str("year"), str("inferred"), {Int: -7}, {Number: 2.5}, {Bool: true}, {List: []string{"Душанбе", "two"}}, str("https://b.example/"), str("line one\nline two")},
		{str("d"), day("1899-12-31"), str("day"), str("stated"), {Int: 1 << 40}, {Number: 1e-7}, null, {List: nil}, str("https://c.example/"), null},
		{str("e"), day("1900-02-28"), str("day"), str("inferred"), null, null, null, {List: nil}, str("not a link"), null},
		{str("f"), day("1900-03-01"), str("day"), str("stated"), null, null, null, {List: nil}, str("https://d.example/"), null},
		{str("g"), day("1850-06-01"), str("month"), str("stated"), null, null, null, {List: nil}, null, null},
		{str("h"), null, str("unknown"), str("unknown"), null, null, null, {List: nil}, null, str("=1+1")},
		{str("i"), day("9999-12-31"), str("day"), str("stated"), null, null, null, {List: nil}, null, null},
	}
	tb := schema.Table{Name: "edge", Doc: "Edge cases.", Key: []string{"id"}, Columns: cols, Len: len(rows),
		Row: func(i int, dst []schema.Value) { copy(dst, rows[i]) }}
	wb := Workbook{Meta: schema.Meta{Name: "edge", Title: "Edge", Version: "1", Released: schema.Date{Year: 2026, Month: 11, Day: 27}}, Tables: []schema.Table{tb}}
	path := writeFile(t, wb)
	readEntries(t, path)
	lo := openInLibreOffice(t, path)

	// What a reader sees, written out by hand rather than derived by the
	// same rules as the writer: sheet, row, column -> type and text.
	for _, want := range []struct {
		sheet    string
		row, col int
		typ      string
		text     string
		italic   bool
	}{
		{"edge", 2, 2, "date", "2022-10-30 (inferred)", true},
		{"edge", 3, 2, "date", "2022-10", false},
		{"edge", 4, 2, "date", "2022 (inferred)", true},
		{"edge", 5, 2, "string", "1899-12-31", false},
		{"edge", 3, 10, "string", "  spaced   text\tand tab", false},
		{"edge", 4, 8, "string", "Душанбе\ntwo", false},
		{"edge", 4, 10, "string", "line one\nline two", false},
		{"edge (2)", 2, 2, "string", "1900-02-28 (inferred)", true},
		{"edge (2)", 3, 2, "date", "1900-03-01", false},
		{"edge (2)", 4, 2, "string", "1850-06", false},
		{"edge (2)", 5, 10, "string", "=1+1", false},
		{"edge (3)", 2, 2, "date", "9999-12-31", false},
	} {
		sheet := lo.Sheet(want.sheet)
		if sheet == nil || want.row > len(sheet.Rows) || want.col > len(sheet.Rows[want.row-1]) {
			t.Errorf("%s row %d column %d: no such cell", want.sheet, want.row, want.col)
			continue
		}
		got := sheet.Rows[want.row-1][want.col-1]
		if got.Type != want.typ || got.Text != want.text || got.Italic != want.italic {
			t.Errorf("%s row %d column %d: %s %q italic %v; want %s %q italic %v", want.sheet, want.row, want.col, got.Type, got.Text, got.Italic, want.typ, want.text, want.italic)
		}
	}

	perSheet := sheetRows - 1
	for k, name := range []string{"edge", "edge (2)", "edge (3)"} {
		sheet := lo.Sheet(name)
		if sheet == nil {
			t.Fatalf("no sheet %q; sheets: %+v", name, lo.Sheets)
		}
		first := k * perSheet
		compareSheet(t, sheet, tb, first, min(first+perSheet, tb.Len))
	}
	// At most sheetLinks links per sheet: the first sheet has three URLs
	// and the limit is 3; compareSheet expects every link, so check the
	// limit on a sheet with more URLs than that.
	defer setLimits(10, 2)()
	lo = openInLibreOffice(t, writeFile(t, wb))
	var linked, urls int
	for _, row := range lo.Sheet("edge").Rows[1:] {
		if len(row) > 8 && isWebAddress(row[8].Text) {
			urls++
			if row[8].Link != "" {
				linked++
			}
		}
	}
	if urls != 4 || linked != 2 {
		t.Errorf("%d of %d URLs are links; want 2 of 4 with a limit of 2", linked, urls)
	}
	// An unknown precision with a date, or an unexpected precision, has no
	// right way to be shown: an error, not a guess.
	rows[0][2] = str("unknown")
	if err := Write(&bytes.Buffer{}, wb); err == nil || !strings.Contains(err.Error(), `table edge, sheet "edge": row 1 (id=a), column date: a date (2022-10-30) with precision "unknown" cannot be shown`) {
		t.Errorf("unknown precision: %v", err)
	}
	rows[0][2] = str("week")
	if err := Write(&bytes.Buffer{}, wb); err == nil || !strings.Contains(err.Error(), `precision "week" cannot be shown`) {
		t.Errorf("unexpected precision: %v", err)
	}
}

// readEntries reads every entry of the zip at path, which checks each
// one's size and CRC-32, and its deflated stream (LibreOffice may forgive
// what a strict reader would not).
func readEntries(t *testing.T, path string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		rc, err := f.Open()
		if err == nil {
			_, err = io.Copy(io.Discard, rc)
			rc.Close()
		}
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
	}
}

// setLimits lowers the sheet's row and link limits and returns a function
// that restores them.
func setLimits(rows, links int) func() {
	oldRows, oldLinks := sheetRows, sheetLinks
	sheetRows, sheetLinks = rows, links
	return func() { sheetRows, sheetLinks = oldRows, oldLinks }
}

// TestStructure reads the file's own structure: frozen header row, column
// widths, wrapped long text, document properties from the release date.
func TestStructure(t *testing.T) {
	wb, d := realWorkbook(t)
	f, err := excelize.OpenFile(writeFile(t, wb))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, tb := range wb.Tables {
		panes, err := f.GetPanes(tb.Name)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("%s: panes %+v, want the header row frozen", tb.Name, panes)
		}
		for j, c := range tb.Columns {
			col, _ := excelize.ColumnNumberToName(j + 1)
			w, err := f.GetColWidth(tb.Name, col)
			if err != nil {
				t.Fatal(err)
			}
			if w < float64(len(c.Name)) || w > maxWidth {
				t.Errorf("%s.%s: width %v, want between the header's length and %d", tb.Name, c.Name, w, maxWidth)
			}
		}
	}
	cell := map[string]string{}
	for j, c := range wb.Tables[3].Columns {
		col, _ := excelize.ColumnNumberToName(j + 1)
		cell[c.Name] = col + "2"
	}
	if wb.Tables[3].Name != "statements" {
		t.Fatalf("table 4 is %s", wb.Tables[3].Name)
	}
	style, _ := f.GetCellStyle("statements", cell["quote"])
	st, err := f.GetStyle(style)
	if err != nil || st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("statements.quote is not wrapped: %+v %v", st, err)
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	released := d.Meta.Released.Time().Format(time.RFC3339)
	if props.Created != released || props.Modified != released || props.Title != d.Meta.Title || props.Version != d.Meta.Version {
		t.Errorf("document properties %+v; want created and modified %s", props, released)
	}
}

// TestExcelStructure checks what LibreOffice forgives and Excel may not:
// column definitions in ascending order, and every font named.
func TestExcelStructure(t *testing.T) {
	wb, _ := realWorkbook(t)
	zr, err := zip.OpenReader(writeFile(t, wb))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	colMin := regexp.MustCompile(`<col min="(\d+)"`)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc) // archive/zip checks the size and CRC-32
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !f.Modified.Equal(wb.Meta.Released.Time()) {
			t.Errorf("%s: zip entry dated %v, want the release date", f.Name, f.Modified)
		}
		switch {
		case strings.HasPrefix(f.Name, "xl/worksheets/sheet"):
			last := 0
			for _, m := range colMin.FindAllSubmatch(data, -1) {
				n, _ := strconv.Atoi(string(m[1]))
				if n <= last {
					t.Errorf("%s: <col min=%d> after min=%d; Excel wants them ascending", f.Name, n, last)
				}
				last = n
			}
		case f.Name == "xl/styles.xml":
			fonts := regexp.MustCompile(`(?s)<font>.*?</font>`).FindAll(data, -1)
			if len(fonts) == 0 {
				t.Error("styles.xml has no fonts")
			}
			for _, font := range fonts {
				if !bytes.Contains(font, []byte(`<name val="Calibri"`)) {
					t.Errorf("a font without the workbook's typeface: %s", font)
				}
			}
		}
	}
}

// TestSameBytes: several stream writers, and still the same bytes.
func TestSameBytes(t *testing.T) {
	wb, _ := realWorkbook(t)
	var first []byte
	for i := 0; i < 5; i++ {
		var buf bytes.Buffer
		if err := Write(&buf, wb); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = buf.Bytes()
		} else if !bytes.Equal(first, buf.Bytes()) {
			t.Fatalf("write %d differs from the first", i+1)
		}
	}
}

// TestRefusals: what excelize would silently alter is an error that names
// the table, the row's key and the column.
func TestRefusals(t *testing.T) {
	oldMax := maxCellUnits
	maxCellUnits = 10
	defer func() { maxCellUnits = oldMax }()
	cols := []schema.Column{{Name: "id", Type: schema.TypeString}, {Name: "text", Type: schema.TypeString, Nullable: true},
		{Name: "n", Type: schema.TypeInteger, Nullable: true}, {Name: "x", Type: schema.TypeNumber, Nullable: true}}
	for _, tc := range []struct {
		row  []schema.Value
		want string
	}{
		{[]schema.Value{{String: "k"}, {String: "12345678901"}, {Null: true}, {Null: true}},
			"table t, sheet \"t\": row 1 (id=k), column text: text of 11 UTF-16 units is longer than a spreadsheet cell holds (10); excelize would cut it"},
		{[]schema.Value{{String: "k"}, {String: "😀😀😀😀😀😀"}, {Null: true}, {Null: true}}, // 6 code points, 12 UTF-16 units
			"table t, sheet \"t\": row 1 (id=k), column text: text of 12 UTF-16 units is longer than a spreadsheet cell holds (10); excelize would cut it"},
		{[]schema.Value{{String: "k"}, {String: "a\x01b"}, {Null: true}, {Null: true}},
			"table t, sheet \"t\": row 1 (id=k), column text: character U+0001 at byte 1 cannot be stored in a spreadsheet (XML 1.0)"},
		{[]schema.Value{{String: "k"}, {String: "ab\xffc"}, {Null: true}, {Null: true}},
			"table t, sheet \"t\": row 1 (id=k), column text: byte 0xff at byte 2 is not UTF-8"},
		{[]schema.Value{{String: "k"}, {Null: true}, {Int: 1<<53 + 1}, {Null: true}},
			"table t, sheet \"t\": row 1 (id=k), column n: 9007199254740993 has more digits than a spreadsheet number keeps"},
	} {
		tb := schema.Table{Name: "t", Key: []string{"id"}, Columns: cols, Len: 1, Row: func(i int, dst []schema.Value) { copy(dst, tc.row) }}
		err := Write(&bytes.Buffer{}, Workbook{Tables: []schema.Table{tb}})
		if err == nil || err.Error() != tc.want {
			t.Errorf("got %v\nwant %s", err, tc.want)
		}
	}
}

// TestCellLimitIsTheSchemas: build refuses texts longer than
// schema.MaxTextUnits so that the workbook never meets one; the two limits
// must be the same.
func TestCellLimitIsTheSchemas(t *testing.T) {
	if maxCellUnits != schema.MaxTextUnits {
		t.Errorf("excelize holds %d UTF-16 units per cell, the schema promises %d", maxCellUnits, schema.MaxTextUnits)
	}
}

// TestManySources: the README sheet lists the first sources and says where
// the others are; the sources sheet holds them all.
func TestManySources(t *testing.T) {
	wb, d := realWorkbook(t)
	many := *d
	many.Sources = nil
	for i := range docs.ListedSources + 5 {
		s := d.Sources[0]
		s.ID = fmt.Sprintf("source-%04d", i)
		many.Sources = append(many.Sources, s)
	}
	wb.Tables = many.Tables()
	f, err := excelize.OpenFile(writeFile(t, wb))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	readme, err := f.GetRows("README")
	if err != nil {
		t.Fatal(err)
	}
	listed, note := 0, false
	for _, row := range readme {
		for _, cell := range row {
			if strings.HasPrefix(cell, "source-") {
				listed++
			}
			note = note || cell == fmt.Sprintf("The first %d of %d sources, by source_id: the sheet sources lists them all.", docs.ListedSources, docs.ListedSources+5)
		}
	}
	if listed != docs.ListedSources || !note {
		t.Errorf("README lists %d sources (want %d) and says so: %v", listed, docs.ListedSources, note)
	}
	rows, err := f.GetRows("sources")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != docs.ListedSources+6 {
		t.Errorf("the sources sheet has %d rows, want %d and the header", len(rows), docs.ListedSources+5)
	}
}

// TestReadmeOpensFirst: the workbook opens on its README sheet, the only
// one selected (read from the sheets' XML: excelize's view options do not
// tell).
func TestReadmeOpensFirst(t *testing.T) {
	wb, _ := realWorkbook(t)
	path := writeFile(t, wb)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if i := f.GetActiveSheetIndex(); f.GetSheetName(i) != "README" {
		t.Errorf("the workbook opens on sheet %d, %q", i, f.GetSheetName(i))
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, e := range zr.File {
		if !strings.HasPrefix(e.Name, "xl/worksheets/sheet") {
			continue
		}
		r, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		xml, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		selected := bytes.Contains(xml, []byte(`tabSelected="true"`)) || bytes.Contains(xml, []byte(`tabSelected="1"`))
		if selected != (e.Name == "xl/worksheets/sheet1.xml") { // sheet1 is README, made first
			t.Errorf("%s: selected %v; only README's sheet1.xml should be", e.Name, selected)
		}
	}
}

// TestProgress: the rows of the tables and views are each reported once,
// while sheets are filled at the same time, a table over several of them.
func TestProgress(t *testing.T) {
	defer setLimits(10, linksPerSheet)()
	wb, _ := realWorkbook(t)
	want := 0
	for _, tb := range slices.Concat(wb.Tables, wb.Views) {
		want += tb.Len
	}
	var mu sync.Mutex
	got, calls := 0, 0
	wb.Progress = func(rows int) {
		mu.Lock()
		defer mu.Unlock()
		got += rows
		calls++
	}
	var buf bytes.Buffer
	if err := Write(&buf, wb); err != nil {
		t.Fatal(err)
	}
	if got != want || calls == 0 {
		t.Errorf("Progress was told of %d rows in %d calls, want %d rows", got, calls, want)
	}
}

// TestFirstErrorInSheetOrder: a bad cell in a table comes before a view
// that cannot have a sheet, as when sheets were written one by one, though
// every sheet is started before any is filled.
func TestFirstErrorInSheetOrder(t *testing.T) {
	cols := []schema.Column{{Name: "id", Type: schema.TypeString}, {Name: "x", Type: schema.TypeNumber, Nullable: true}}
	bad := schema.Table{Name: "t", Key: []string{"id"}, Columns: cols, Len: 1, Row: func(i int, dst []schema.Value) {
		copy(dst, []schema.Value{{String: "k"}, {Number: math.NaN()}})
	}}
	view := schema.Table{Name: "a_view_whose_name_is_far_too_long", Columns: cols}
	err := Write(&bytes.Buffer{}, Workbook{Tables: []schema.Table{bad}, Views: []schema.Table{view}})
	want := `table t, sheet "t": row 1 (id=k), column x: NaN is not a number a spreadsheet can hold`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestCheckText: plain ASCII takes a shortcut; it must agree with the
// character-by-character check on what it accepts.
func TestCheckText(t *testing.T) {
	long := strings.Repeat("a", maxCellUnits)
	for _, tc := range []struct {
		s  string
		ok bool
	}{
		{"", true},
		{"a\tb\nc\r\n~\x7f", true},
		{long, true},
		{long + "a", false},
		{long[1:] + "é", true}, // 2 bytes, 1 unit
		{long + "é", false},
		{"a\x00", false},
		{"a\x1b", false},
		{"a\uFFFDb", true}, // the replacement character is a character
		{"a\xffb", false},  // a byte that is not UTF-8 is not
	} {
		if err := checkText(tc.s); (err == nil) != tc.ok {
			t.Errorf("checkText(%.20q…, %d bytes) = %v, want ok=%v", tc.s, len(tc.s), err, tc.ok)
		}
	}
}

// TestUsedRange: every sheet records the range its cells take (its
// dimension), so that a reader that trusts it, such as openpyxl's
// read-only mode, reads every row; tables split over several sheets too.
func TestUsedRange(t *testing.T) {
	defer setLimits(10, linksPerSheet)()
	wb, _ := realWorkbook(t)
	f, err := excelize.OpenFile(writeFile(t, wb))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	split := 0
	for _, name := range f.GetSheetList() {
		split += strings.Count(name, " (")
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		cols := 0
		for _, r := range rows {
			cols = max(cols, len(r))
		}
		lastCol, _ := excelize.ColumnNumberToName(cols)
		want := fmt.Sprintf("A1:%s%d", lastCol, len(rows))
		if got, err := f.GetSheetDimension(name); err != nil || got != want {
			t.Errorf("sheet %s: used range %q (%v), want %q", name, got, err, want)
		}
	}
	if split == 0 {
		t.Error("no table was split over several sheets; the check needs some")
	}
}

// A sheet's links are its relationships, numbered on from excelize's own
// (its comments'), and a <hyperlinks> element in its place among the
// worksheet's own elements (after the filter, before the page setup and
// the comments' drawing), each naming its cell and relationship; an
// address is escaped, and one too long for Excel stays plain text. A table
// over several sheets has links on each.
func TestLinksInPlace(t *testing.T) {
	defer setLimits(20, 15)() // 19 rows a sheet, 15 links
	var urls []string
	for i := range 30 {
		urls = append(urls, fmt.Sprintf("https://example.org/news/%05d?lang=en&page=1", i))
	}
	urls[3] = `https://example.org/"quoted"/<angled>`
	urls[4] = "https://example.org/" + strings.Repeat("x", maxLinkUnits) // over by 20
	zr, err := zip.OpenReader(writeFile(t, linkedSources(urls)))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	read := func(name string) string {
		r, err := zr.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	linked := 0
	for k, sheetName := range []string{"xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"} {
		sheet, rels := read(sheetName), read(strings.Replace(sheetName, "sheets/", "sheets/_rels/", 1)+".rels")
		// The worksheet's own elements, in their order.
		var order []string
		d := xml.NewDecoder(strings.NewReader(sheet))
		for depth := 0; ; {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", sheetName, err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				if depth == 1 {
					order = append(order, tok.Name.Local)
				}
				depth++
			case xml.EndElement:
				depth--
			}
		}
		if want := []string{"sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "autoFilter", "hyperlinks", "pageSetup", "legacyDrawing"}; !slices.Equal(order, want) {
			t.Errorf("%s: elements %q; want %q", sheetName, order, want)
		}
		ids := map[string]bool{}
		for _, m := range regexp.MustCompile(`Id="(rId\d+)"`).FindAllStringSubmatch(rels, -1) {
			if ids[m[1]] {
				t.Errorf("%s: relationship %s twice", sheetName, m[1])
			}
			ids[m[1]] = true
		}
		refs := regexp.MustCompile(`<hyperlink ref="E(\d+)" r:id="(rId\d+)"/>`).FindAllStringSubmatch(sheet, -1)
		if len(ids) != len(refs)+2 {
			t.Errorf("%s: %d links and %d relationships; want 2 more, the comments'", sheetName, len(refs), len(ids))
		}
		for _, m := range refs {
			row, _ := strconv.Atoi(m[1])
			url := urls[k*19+row-2]
			var escaped strings.Builder
			xml.EscapeText(&escaped, []byte(url))
			if !strings.Contains(rels, `<Relationship Id="`+m[2]+`" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="`+escaped.String()+`" TargetMode="External"/>`) {
				t.Errorf("%s: the link of E%s, %s, is not to %s", sheetName, m[1], m[2], escaped.String())
			}
			if len(url) > maxLinkUnits {
				t.Errorf("%s: E%s links an address of %d characters", sheetName, m[1], len(url))
			}
		}
		linked += len(refs)
	}
	if linked != 15+11 {
		t.Errorf("%d links; want 15 on the first sheet (of 18 addresses short enough) and 11 on the second", linked)
	}
	if !strings.Contains(read("xl/worksheets/_rels/sheet2.xml.rels"), "&#34;quoted&#34;/&lt;angled&gt;") {
		t.Errorf("the address with quotes and angle brackets is not a link, or not escaped")
	}
}

// The links go before the first of the worksheet's own elements that
// follow them, not before one of those inside an element that precedes
// them.
func TestLinksAt(t *testing.T) {
	for _, tc := range []struct{ after, before string }{
		{`</sheetData><autoFilter ref="A1:B2"></autoFilter><pageSetup orientation="landscape"></pageSetup></worksheet>`, "<pageSetup"},
		{`</sheetData><conditionalFormatting sqref="A1"><cfRule type="dataBar"><extLst><ext/></extLst></cfRule></conditionalFormatting><customSheetViews><customSheetView><pageSetup/></customSheetView></customSheetViews><legacyDrawing r:id="rId1"/></worksheet>`, "<legacyDrawing"},
		{`</sheetData><mc:AlternateContent><mc:Choice/></mc:AlternateContent></worksheet>`, "<mc:AlternateContent"},
		{`</sheetData></worksheet>`, "</worksheet>"},
	} {
		got, err := linksAt([]byte(tc.after))
		if want := strings.Index(tc.after, tc.before); err != nil || got != want {
			t.Errorf("%s: %d, %v; want %d, before %s", tc.after, got, err, want, tc.before)
		}
	}
	if _, err := linksAt([]byte(`</sheetData><autoFilter ref="A1:B2">`)); err == nil {
		t.Errorf("a worksheet without its end: no error")
	}
}
