package xlsx

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"newsfacts/pipeline/csv"
	"newsfacts/pipeline/docs"
	"newsfacts/schema"
)

// workbookNotes explain what is particular to reading this workbook; the
// glossary explains the dataset itself.
var workbookNotes = []schema.Term{
	{Term: "dates in this workbook", Definition: "A date cell holds a real date, so sorting and filtering work. It shows yyyy-mm-dd when the day is known, yyyy-mm when only the month is, and yyyy when only the year is; the cell then holds the first day of that period. An inferred date is shown in italics followed by \"(inferred)\": date_basis says inferred and date_note says how; the bounds date_earliest and date_latest are always inferred. A date before 1 March 1900 is text in the same form, because spreadsheet calendars cannot hold it reliably."},
	{Term: "empty cells", Definition: "An empty cell is a missing value (NULL): the source does not say. It is never zero. In a list column, such as aliases, an empty cell is an empty list: there are none."},
	{Term: "lists", Definition: "A cell holding a list, such as aliases, has one item per line."},
	{Term: "column headers", Definition: "Every column header carries the column's definition as a comment; the codebook sheet lists every column of every table with its type, allowed values and an example."},
	{Term: "long tables", Definition: "A table longer than a sheet (1,048,575 rows) continues on sheets named \"<table> (2)\", \"<table> (3)\", each with the header row."},
	{Term: "other formats", Definition: "The same tables are published as CSV and Parquet files beside this workbook, with the same columns in the same order."},
}

// writeReadme fills the README sheet: what the dataset is, its version,
// licence and citation, its sources, how to read it, and its sheets.
func writeReadme(f *excelize.File, s *styles, wb Workbook, sheets []sheetInfo) error {
	const sheet = "README"
	w := &sheetWriter{f: f, sheet: sheet}
	for i, width := range []float64{22, 80, 14, 26, 70} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return err
		}
	}
	m := wb.Meta
	w.row(s.title, m.Title)
	w.blank()
	w.pair(s, "About", m.Description)
	w.pair(s, "Dataset", m.Name)
	w.pair(s, "Version", m.Version)
	w.set("A", s.heading, "Released")
	w.date("B", s, m.Released)
	w.next()
	w.pair(s, "Schema version", schema.SchemaVersion)
	w.set("A", s.heading, "Licence")
	if m.LicenseURL != "" {
		w.set("B", s.link, m.License+" ("+m.LicenseURL+")")
		w.link("B", m.LicenseURL)
	} else {
		w.set("B", s.wrapped, m.License)
	}
	w.next()
	w.pair(s, "How to cite", m.Citation())

	w.blank()
	w.row(s.heading, "Sources")
	w.headerRow(s, "publisher", "title", "published", "source_id", "url")
	for _, t := range wb.Tables {
		if t.Name != "sources" {
			continue
		}
		cells := make([]schema.Value, len(t.Columns))
		get := func(name string) schema.Value {
			for j, c := range t.Columns {
				if c.Name == name {
					return cells[j]
				}
			}
			return schema.Value{Null: true}
		}
		for i := 0; i < min(t.Len, docs.ListedSources); i++ {
			t.Row(i, cells)
			w.set("A", s.wrapped, get("publisher").String)
			w.set("B", s.wrapped, get("title").String)
			if d := get("published"); !d.Null {
				w.date("C", s, d.Date)
			}
			w.set("D", s.text, get("source_id").String)
			if u := get("url").String; u != "" {
				w.set("E", s.link, u)
				if isWebAddress(u) {
					w.link("E", u)
				}
			}
			w.next()
		}
		if t.Len > docs.ListedSources {
			w.set("A", s.wrapped, fmt.Sprintf("The first %d of %d sources, by source_id: the sheet %s lists them all.", docs.ListedSources, t.Len, t.Name))
			w.next()
		}
	}

	w.blank()
	w.row(s.heading, "How to read it")
	for _, t := range append(append([]schema.Term{}, wb.Glossary...), workbookNotes...) {
		w.set("A", s.heading, t.Term)
		w.set("B", s.wrapped, t.Definition)
		w.height(t.Definition, 80)
		w.next()
	}

	w.blank()
	w.row(s.heading, "Sheets")
	w.headerRow(s, "sheet", "what it holds", "rows")
	for _, sh := range sheets {
		perSheet := sheetRows - 1
		for k, name := range sh.names {
			rows := min(sh.table.Len-k*perSheet, perSheet)
			w.set("A", s.text, name)
			w.set("B", s.wrapped, sh.table.Doc)
			w.set("C", s.integer, rows)
			w.height(sh.table.Doc, 80)
			w.next()
		}
	}
	return w.err
}

// sheetWriter writes a small sheet cell by cell, row after row, keeping
// the first error.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	r     int // the current row, from 1
	err   error
}

func (w *sheetWriter) ref(col string) string {
	if w.r == 0 {
		w.r = 1
	}
	return fmt.Sprintf("%s%d", col, w.r)
}

func (w *sheetWriter) set(col string, style int, v any) {
	if w.err != nil {
		return
	}
	if s, ok := v.(string); ok {
		if w.err = checkText(s); w.err != nil {
			w.err = fmt.Errorf("README sheet, cell %s: %w", w.ref(col), w.err)
			return
		}
	}
	ref := w.ref(col)
	if w.err = w.f.SetCellValue(w.sheet, ref, v); w.err == nil {
		w.err = w.f.SetCellStyle(w.sheet, ref, ref, style)
	}
}

// date writes a day, as the table sheets do.
func (w *sheetWriter) date(col string, s *styles, d schema.Date) {
	if w.err != nil {
		return
	}
	cell, err := s.dateCell(d, schema.PrecisionDay, false)
	if err != nil {
		w.err = fmt.Errorf("cell %s: %w", w.ref(col), err)
		return
	}
	w.set(col, cell.style, cell.value())
}

func (w *sheetWriter) link(col, url string) {
	if w.err == nil {
		w.err = w.f.SetCellHyperLink(w.sheet, w.ref(col), url, "External")
	}
}

// height sets the row's height for text wrapped in a column of width chars.
func (w *sheetWriter) height(text string, width int) {
	if w.err == nil {
		w.err = w.f.SetRowHeight(w.sheet, max(w.r, 1), rowHeight(lines(text, width)))
	}
}

func (w *sheetWriter) next()  { w.r = max(w.r, 1) + 1 }
func (w *sheetWriter) blank() { w.next() }

func (w *sheetWriter) row(style int, text string) {
	w.set("A", style, text)
	w.next()
}

func (w *sheetWriter) pair(s *styles, label, value string) {
	w.set("A", s.heading, label)
	w.set("B", s.wrapped, value)
	w.height(value, 80)
	w.next()
}

func (w *sheetWriter) headerRow(s *styles, names ...string) {
	for i, n := range names {
		col, _ := excelize.ColumnNumberToName(i + 1)
		w.set(col, s.header, n)
	}
	w.next()
}

// lines estimates how many lines text takes when wrapped at width
// characters: Excel does not fit row heights to wrapped text on opening.
func lines(text string, width int) int {
	n := 0
	for {
		line, rest, more := strings.Cut(text, "\n")
		n += max(1, (utf8.RuneCountInString(line)+width-2)/(width-1))
		if !more {
			return n
		}
		text = rest
	}
}

// wrappedLines is how many lines a table's cell v of column c takes in a
// column width characters wide; a list shows one item a line.
func wrappedLines(c schema.Column, v schema.Value, width int) int {
	if c.Type != schema.TypeStringList {
		return lines(v.String, width)
	}
	n := 0
	for _, item := range v.List {
		n += lines(item, width)
	}
	return max(n, 1)
}

// rowHeight is the height in points of a row of n lines, within Excel's
// limit of 409 points.
func rowHeight(n int) float64 { return min(15*float64(n), 409) }

// codebook is the table of every column of every table: the codebook sheet.
func codebook(tables []schema.Table) schema.Table {
	type entry struct {
		table   schema.Table
		column  schema.Column
		example string
	}
	var entries []entry
	for _, t := range tables {
		examples := firstValues(t)
		for j, c := range t.Columns {
			entries = append(entries, entry{t, c, examples[j]})
		}
	}
	str := func(name, doc string, nullable bool) schema.Column {
		return schema.Column{Name: name, Type: schema.TypeString, Doc: doc, Nullable: nullable}
	}
	cols := []schema.Column{
		str("table", "The table (and sheet) the column belongs to.", false),
		str("column", "The column's name.", false),
		str("type", "Its type: string, integer, number, boolean, date or list<string>.", false),
		{Name: "nullable", Type: schema.TypeBoolean, Doc: "Whether a cell may be empty (NULL)."},
		str("description", "What the column holds.", false),
		{Name: "allowed_values", Type: schema.TypeStringList, Nullable: true, Doc: "The values a categorical column may take."},
		str("refers_to", "The table and column this column's values point to.", true),
		str("example", "The column's first value in this release, as text.", true),
	}
	return schema.Table{
		Name: "codebook", Doc: "Every column of every table: its type, whether it may be empty, its description, its allowed values and an example.",
		Key: []string{"table", "column"}, Columns: cols, Len: len(entries),
		Row: func(i int, dst []schema.Value) {
			e := entries[i]
			dst[0] = schema.Value{String: e.table.Name}
			dst[1] = schema.Value{String: e.column.Name}
			dst[2] = schema.Value{String: string(e.column.Type)}
			dst[3] = schema.Value{Bool: e.column.Nullable}
			dst[4] = schema.Value{String: e.column.Doc}
			dst[5] = schema.Value{Null: e.column.Values == nil, List: e.column.Values}
			dst[6] = schema.Value{Null: e.column.Ref == "", String: e.column.Ref}
			dst[7] = schema.Value{Null: e.example == "", String: e.example}
		},
	}
}

// firstValues returns, for each column of t, its first non-NULL value as
// text ("" when the column has none).
func firstValues(t schema.Table) []string {
	examples := make([]string, len(t.Columns))
	missing := len(t.Columns)
	cells := make([]schema.Value, len(t.Columns))
	for i := 0; i < t.Len && missing > 0; i++ {
		t.Row(i, cells)
		for j, c := range t.Columns {
			if examples[j] == "" && !cells[j].Null {
				if ex := csv.Format(c.Type, cells[j]); ex != "" && ex != "[]" {
					examples[j] = ex
					missing--
				}
			}
		}
	}
	return examples
}
