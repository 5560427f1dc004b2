// Package xlsx writes the release as an Excel workbook for journalists: a
// README sheet that explains the dataset, one sheet per table with typed
// cells, a codebook and reading views. It is the only package that imports
// github.com/xuri/excelize/v2.
//
// excelize has silent failure modes that this package turns into errors or
// documented handling (see ../shared notes, and the tests):
//
//   - text over 32,767 UTF-16 units is silently truncated: Write refuses it,
//     naming the table, row and column;
//   - characters XML 1.0 cannot hold, and bytes that are not UTF-8, are
//     silently replaced: refused too;
//   - text that a spreadsheet reads as the escape of a character
//     ("_x0041_", and "_x4_" to LibreOffice) is escaped only in part:
//     not where such runs overlap, not a run of fewer than four digits,
//     and a surrogate's is written as it is, for readers to drop. The table
//     sheets' rows are written by this package (rowEncoder, for speed),
//     which escapes them all; the headers, README sheet and comments,
//     written by excelize, hold no such text but what a curator writes;
//   - dates before 1900 are silently written as text, and Excel's calendar
//     has a false 29 February 1900: every date before 1 March 1900 is
//     written as yyyy-mm-dd text on purpose, and the README sheet says so;
//   - a sheet holds 1,048,576 rows: a longer table continues on sheets
//     named "<table> (2)", "<table> (3)", each with its header;
//   - a sheet holds 65,530 hyperlinks, and Excel refuses an address over
//     2,079 characters: the first 5,000 web addresses of a sheet within
//     that length are links (linksPerSheet), the rest plain text;
//   - with several stream writers the zip entries come out in map order:
//     the finished file is rewritten with its entries sorted by name.
package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"

	"newsfacts/pipeline/csv"
	"newsfacts/pipeline/parallel"
	"newsfacts/schema"
)

// Limits of the file format. Variables so that tests can lower them.
var (
	sheetRows      = excelize.TotalRows      // rows of a sheet, header included
	sheetLinks     = linksPerSheet           // hyperlinks of a sheet
	widthSample    = 10_000                  // rows read to size the columns
	maxCellUnits   = excelize.TotalCellChars // UTF-16 units of one cell's text
	maxExactNumber = int64(1) << 53          // integers beyond this lose digits in a double
)

// linksPerSheet is how many web addresses a sheet makes clickable; later
// ones stay plain text. The format allows 65,530 (excelize's
// TotalSheetHyperlinks): the first 5,000 are links, which covers a year of
// a desk's sources. (excelize would add each link in time that grows with
// the links before it; the table sheets' links are written by this
// package, see linkParts.)
const linksPerSheet = 5000

// The format's limit, which excelize's SetCellHyperLink enforced.
const _ = uint(excelize.TotalSheetHyperlinks + 1 - linksPerSheet)

// maxLinkUnits is the longest address, in UTF-16 units, that Excel takes
// as a link's; a longer one stays plain text.
const maxLinkUnits = 2079

// Workbook is what the workbook shows.
type Workbook struct {
	Meta     schema.Meta
	Tables   []schema.Table // the contract's tables, one sheet each, in order
	Views    []schema.Table // reading views, one sheet each after the codebook
	Glossary []schema.Term
	// Progress, when not nil, is told of the rows of Tables and Views as
	// they are written, a batch at a time, from several goroutines at once.
	Progress func(rows int)
}

// Write writes the workbook to w. It needs a temporary file: excelize
// writes the zip, which is then copied to w with its entries in name order.
func Write(w io.Writer, wb Workbook) error {
	f := excelize.NewFile()
	defer f.Close()
	s, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "README"); err != nil {
		return fmt.Errorf("sheet README: %w", err)
	}
	// Each sheet is started, then filled, then finished. Starting and
	// finishing change the workbook and go one sheet after another, in
	// order; the rows, which take nearly all the time, go into each
	// sheet's own stream on every core. The error reported is the one a
	// sheet-by-sheet writer would meet first: a sheet that cannot be
	// started comes after every error in filling the sheets before it.
	var sheets []sheetInfo
	var parts []*sheetPart
	var startErr error
	tables := slices.Concat(wb.Tables, []schema.Table{codebook(wb.Tables)}, wb.Views)
	for k, t := range tables {
		ps, err := startTable(f, s, t)
		if err != nil {
			startErr = err
			break
		}
		for _, p := range ps {
			p.counted = k != len(wb.Tables) // the codebook is not the data's
		}
		var names []string
		for _, p := range ps {
			names = append(names, p.name)
		}
		sheets = append(sheets, sheetInfo{names, t})
		parts = append(parts, ps...)
	}
	defer func() {
		for _, p := range parts {
			if p.rows != nil {
				p.rows.file.Close()
			}
		}
	}()
	errs := make([]error, len(parts))
	parallel.ForEachLargestFirst(len(parts), func(i int) int { return parts[i].cells() }, func(i int) {
		progress := wb.Progress
		if !parts[i].counted {
			progress = nil
		}
		errs[i] = parts[i].wrap(parts[i].fill(s, progress))
	})
	for _, err := range append(errs, startErr) {
		if err != nil {
			return err // the first in sheet order
		}
	}
	for _, p := range parts {
		if err := p.wrap(p.finish(f)); err != nil {
			return err
		}
	}
	if err := writeReadme(f, s, wb, sheets); err != nil {
		return fmt.Errorf("sheet README: %w", err)
	}
	if err := printLayout(f, "README", 1); err != nil {
		return fmt.Errorf("sheet README: %w", err)
	}
	if err := setUsedRange(f, "README"); err != nil {
		return fmt.Errorf("sheet README: %w", err)
	}
	released := wb.Meta.Released.Time().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: wb.Meta.Title, Description: wb.Meta.Description, Identifier: wb.Meta.Name,
		Version: wb.Meta.Version, Creator: wb.Meta.Name, Created: released, Modified: released,
		Language: "en",
	}); err != nil {
		return fmt.Errorf("document properties: %w", err)
	}
	// README is the first sheet and stays the active one. SetActiveSheet
	// would read every streamed sheet back into memory to unselect it.
	return writeSorted(f, w, wb.Meta.Released.Time(), parts)
}

// printLayout prints a sheet in landscape, pagesWide pages wide and as
// many pages long as it takes, with the header row repeated on every page.
func printLayout(f *excelize.File, sheet string, pagesWide int) error {
	landscape, tall := "landscape", 0 // 0: as many pages long as needed
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &pagesWide, FitToHeight: &tall}); err != nil {
		return err
	}
	if sheet == "README" {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$1", sheet), Scope: sheet})
}

// setUsedRange records the range of a sheet's cells (its dimension),
// which excelize leaves at A1: openpyxl's read-only mode reads only the
// rows it spans. For a sheet written cell by cell, not streamed.
func setUsedRange(f *excelize.File, sheet string) error {
	rows, err := f.GetRows(sheet)
	if err != nil {
		return err
	}
	cols := 1
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	return f.SetSheetDimension(sheet, cellRange(cols, max(len(rows), 1)))
}

// cellRange is the range of the first cols columns and rows rows, "A1:C9".
func cellRange(cols, rows int) string {
	lastCol, _ := excelize.ColumnNumberToName(cols)
	return fmt.Sprintf("A1:%s%d", lastCol, rows)
}

type sheetInfo struct {
	names []string
	table schema.Table
}

// pageWidth is about how many characters of column width a landscape
// page holds at a readable scale.
const pageWidth = 170

// startTable starts the sheets of t: one, or several when it has more rows
// than a sheet holds.
func startTable(f *excelize.File, s *styles, t schema.Table) ([]*sheetPart, error) {
	if len(t.Name) > 31-len(" (99)") {
		return nil, fmt.Errorf("table %s: a sheet name holds at most 26 characters here", t.Name)
	}
	layout := layoutOf(t)
	perSheet := sheetRows - 1
	var parts []*sheetPart
	for first := 0; first == 0 || first < t.Len; first += perSheet {
		name := t.Name
		if first > 0 {
			name = fmt.Sprintf("%s (%d)", t.Name, first/perSheet+1)
		}
		if _, err := f.NewSheet(name); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
		// Sheet properties must be set before the stream writer starts,
		// which copies them then.
		total := 0.0
		for _, w := range layout.widths {
			total += w
		}
		if err := printLayout(f, name, int(math.Ceil(total/pageWidth))); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
		p := &sheetPart{name: name, table: t, layout: layout, first: first, last: min(first+perSheet, t.Len)}
		// The used range, which excelize leaves at A1 for a streamed
		// sheet: openpyxl's read-only mode reads only the rows it spans.
		if err := f.SetSheetDimension(name, p.cellRange()); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
		if err := p.start(f, s); err != nil {
			return nil, fmt.Errorf("table %s, sheet %q: %w", t.Name, name, err)
		}
		parts = append(parts, p)
	}
	return parts, nil
}

// layout is what a table's sheet needs to know about its columns.
type layout struct {
	widths    []float64
	wrap      []bool // long text with spaces wraps; long words (hashes, URLs) do not
	precision []int  // index of the column giving a date column's precision, or -1
	basis     []int  // index of the column giving a date column's basis, or -1
}

const maxWidth = 60

// layoutOf sizes the columns from the header and the first widthSample
// rows: long text gets the widest column and wraps.
func layoutOf(t schema.Table) layout {
	n := len(t.Columns)
	l := layout{widths: make([]float64, n), wrap: make([]bool, n), precision: make([]int, n), basis: make([]int, n)}
	index := func(name string) int {
		return slices.IndexFunc(t.Columns, func(c schema.Column) bool { return c.Name == name && name != "" })
	}
	longest := make([]int, n)
	spaced := make([]bool, n)
	for j, c := range t.Columns {
		longest[j] = utf8.RuneCountInString(c.Name) + 3 // room for the filter button
		l.precision[j], l.basis[j] = index(c.Precision), index(c.Basis)
	}
	cells := make([]schema.Value, n)
	for i := 0; i < min(t.Len, widthSample); i++ {
		t.Row(i, cells)
		for j, c := range t.Columns {
			longest[j] = max(longest[j], displayLength(c, cells[j]))
			spaced[j] = spaced[j] || strings.ContainsRune(cells[j].String, ' ')
		}
	}
	for j, c := range t.Columns {
		if c.Type == schema.TypeDate && (c.Basis != "" || c.Inferred) {
			longest[j] = max(longest[j], len("2006-01-02 (inferred)"))
		}
		l.widths[j] = float64(min(longest[j]+2, maxWidth))
		l.wrap[j] = (longest[j]+2 > maxWidth && spaced[j]) || c.Type == schema.TypeStringList
	}
	return l
}

func displayLength(c schema.Column, v schema.Value) int {
	if v.Null {
		return 0
	}
	switch c.Type {
	case schema.TypeDate:
		return 10
	case schema.TypeInteger:
		return len(fmt.Sprint(v.Int))
	case schema.TypeNumber:
		return len(fmt.Sprint(v.Number))
	case schema.TypeBoolean:
		return 5
	case schema.TypeStringList:
		n := 0
		for _, s := range v.List {
			n = max(n, utf8.RuneCountInString(s))
		}
		return n
	}
	return utf8.RuneCountInString(v.String)
}

// sheetPart is a sheet that shows rows [first, last) of a table.
type sheetPart struct {
	name        string
	table       schema.Table
	layout      layout
	first, last int
	stream      *excelize.StreamWriter
	rows        *deflated // its rows, by fill
	links       []link    // the web addresses among its cells
	counted     bool      // whether its rows are reported to Workbook.Progress
}

// cellRange is the range of the sheet's cells, its header included.
func (p *sheetPart) cellRange() string { return cellRange(len(p.table.Columns), p.last-p.first+1) }

// cells is about how much there is to write on the sheet.
func (p *sheetPart) cells() int { return (p.last - p.first) * len(p.table.Columns) }

// wrap places an error of the sheet's.
func (p *sheetPart) wrap(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("table %s, sheet %q: %w", p.table.Name, p.name, err)
}

// start opens the sheet's stream and writes what precedes the rows.
func (p *sheetPart) start(f *excelize.File, s *styles) error {
	t, l := p.table, p.layout
	sw, err := f.NewStreamWriter(p.name)
	if err != nil {
		return err
	}
	p.stream = sw
	// Panes and column settings must precede the first row.
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	// excelize's stream writer lists each new column first; setting them
	// from the last leaves <cols> in ascending order, which Excel requires.
	for j := len(t.Columns) - 1; j >= 0; j-- {
		if err := sw.SetColWidth(j+1, j+1, l.widths[j]); err != nil {
			return err
		}
	}
	header := make([]any, len(t.Columns))
	for j, c := range t.Columns {
		header[j] = excelize.Cell{StyleID: s.header, Value: c.Name}
	}
	return sw.SetRow("A1", header)
}

// progressBatch is how many rows a sheet writes between reports.
const progressBatch = 4096

// fill writes the rows, deflated, into the sheet's own temporary file,
// which writeSorted splices into the worksheet. It touches nothing but
// the sheet's own file, and so runs beside the other sheets' fill (and
// their deflating with it).
func (p *sheetPart) fill(s *styles, progress func(int)) error {
	t, l, first := p.table, p.layout, p.first
	rows, err := newTempFile("sheet-*.deflate")
	if err != nil {
		return err
	}
	p.rows = &deflated{file: rows, sum: crc32.NewIEEE()}
	// Buffered on both sides: the compressor writes a few hundred bytes
	// at a time.
	out := bufio.NewWriterSize(rows, 1<<16)
	fw, err := flate.NewWriter(out, flate.DefaultCompression)
	if err != nil {
		return err
	}
	sheet := bufio.NewWriterSize(io.MultiWriter(fw, p.rows.sum), 1<<16)
	var links []link
	cells := make([]schema.Value, len(t.Columns))
	values := make([]cellValue, len(t.Columns))
	present := make([]bool, len(t.Columns))
	enc := newRowEncoder(len(t.Columns))
	var buf []byte // one row's XML
	for i := first; i < p.last; i++ {
		if progress != nil && (i-first)%progressBatch == progressBatch-1 {
			progress(progressBatch)
		}
		t.Row(i, cells)
		r := i - first + 2
		height := 1
		for j, c := range t.Columns {
			cell, ok, err := s.cell(c, j, cells, l)
			if err != nil {
				return fmt.Errorf("row %d (%s), column %s: %w", i+1, keyOf(t, cells), c.Name, err)
			}
			if c.Format == "uri" && !cells[j].Null && isWebAddress(cells[j].String) && len(links) < sheetLinks && utf16Len(cells[j].String) <= maxLinkUnits {
				// Styled as a link only when it is one: past the sheet's
				// limit an address stays plain text and looks it.
				links = append(links, link{j + 1, r, cells[j].String})
				cell.style = s.link
			}
			values[j], present[j] = cell, ok
			if l.wrap[j] && !cells[j].Null {
				height = max(height, wrappedLines(c, cells[j], int(l.widths[j])))
			}
		}
		// Excel does not fit rows to wrapped text when it opens a file.
		points := 0.0
		if height > 1 {
			points = rowHeight(height)
		}
		buf = enc.row(buf[:0], r, points, values, present)
		if _, err := sheet.Write(buf); err != nil {
			return err
		}
		p.rows.rawSize += int64(len(buf))
	}
	// Flushed, not closed: the rows are the middle of the worksheet's
	// deflated stream (see deflated).
	if err := sheet.Flush(); err != nil {
		return err
	}
	if err := fw.Flush(); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if p.rows.size, err = rows.Seek(0, io.SeekCurrent); err != nil {
		return err
	}
	if progress != nil {
		progress((p.last - first) % progressBatch)
	}
	p.links = links
	return nil
}

// finish adds what follows the rows and closes the stream.
func (p *sheetPart) finish(f *excelize.File) error {
	name, t := p.name, p.table
	// Comments and the filter go in before Flush: excelize drops an
	// autofilter set after it. The links are writeSorted's.
	for j, c := range t.Columns {
		ref, _ := excelize.CoordinatesToCellName(j+1, 1)
		if err := f.AddComment(name, excelize.Comment{Cell: ref, Author: "codebook", Text: definition(c), Width: 320, Height: 160}); err != nil {
			return err
		}
	}
	if err := f.AutoFilter(name, p.cellRange(), nil); err != nil {
		return err
	}
	return p.stream.Flush()
}

type link struct {
	col, row int
	url      string
}

func isWebAddress(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// definition is a column's entry in the codebook, as a header comment.
func definition(c schema.Column) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s", c.Name, c.Type)
	if c.Nullable {
		b.WriteString(", may be empty")
	}
	b.WriteString("): ")
	b.WriteString(c.Doc)
	if c.Values != nil {
		fmt.Fprintf(&b, " Values: %s.", strings.Join(c.Values, ", "))
	}
	if c.Ref != "" {
		fmt.Fprintf(&b, " Refers to %s.", c.Ref)
	}
	return b.String()
}

func keyOf(t schema.Table, cells []schema.Value) string {
	var parts []string
	for _, k := range t.Key {
		for j, c := range t.Columns {
			if c.Name == k {
				parts = append(parts, k+"="+csv.Format(c.Type, cells[j]))
			}
		}
	}
	return strings.Join(parts, ", ")
}

// cell converts cell j of a row into what the sheet shows; ok is false for
// an empty cell.
func (s *styles) cell(c schema.Column, j int, cells []schema.Value, l layout) (cell cellValue, ok bool, err error) {
	v := cells[j]
	if v.Null {
		return cellValue{}, false, nil
	}
	text := s.text
	if l.wrap[j] {
		text = s.wrapped
	}
	switch c.Type {
	case schema.TypeInteger:
		if v.Int > maxExactNumber || v.Int < -maxExactNumber {
			return cellValue{}, false, fmt.Errorf("%d has more digits than a spreadsheet number keeps", v.Int)
		}
		return cellValue{style: s.integer, kind: integerCell, integer: v.Int}, true, nil
	case schema.TypeNumber:
		if math.IsNaN(v.Number) || math.IsInf(v.Number, 0) {
			return cellValue{}, false, fmt.Errorf("%v is not a number a spreadsheet can hold", v.Number)
		}
		return cellValue{style: s.number, kind: numberCell, number: v.Number}, true, nil
	case schema.TypeBoolean:
		b := int64(0)
		if v.Bool {
			b = 1
		}
		return cellValue{style: s.text, kind: booleanCell, integer: b}, true, nil
	case schema.TypeDate:
		precision, inferred := schema.PrecisionDay, c.Inferred
		if p := l.precision[j]; p >= 0 {
			var known bool
			if precision, known = schema.Parse(cells[p].String, schema.DatePrecisions); !known {
				return cellValue{}, false, unshown(v.Date, cells[p].String)
			}
		}
		if b := l.basis[j]; b >= 0 {
			inferred = inferred || cells[b].String == schema.BasisInferred.String()
		}
		cell, err := s.dateCell(v.Date, precision, inferred)
		return cell, err == nil, err
	case schema.TypeStringList:
		if len(v.List) == 0 {
			return cellValue{}, false, nil // an empty cell; the README sheet says so
		}
		for _, item := range v.List {
			if err := checkText(item); err != nil {
				return cellValue{}, false, err
			}
		}
		joined := strings.Join(v.List, "\n")
		if err := checkText(joined); err != nil {
			return cellValue{}, false, err
		}
		return cellValue{style: s.wrapped, text: joined}, true, nil
	}
	if v.String == "" {
		return cellValue{}, false, nil // a spreadsheet cannot tell "" from an empty cell
	}
	if err := checkText(v.String); err != nil {
		return cellValue{}, false, err
	}
	return cellValue{style: text, text: v.String}, true, nil
}

// dateCell shows a date to its precision, and says so when it was
// inferred. A date of unknown precision has no day to show: an error.
func (s *styles) dateCell(d schema.Date, precision schema.DatePrecision, inferred bool) (cellValue, error) {
	style, ok := s.date[precision]
	if !ok || precision == schema.PrecisionUnknown {
		return cellValue{}, unshown(d, precision.String())
	}
	if d.Before(firstSerialDate) {
		text := earlyDateText(d, precision)
		if inferred {
			text += inferredSuffix
		}
		return cellValue{style: s.earlyDate[inferred], text: text}, nil
	}
	return cellValue{style: style[inferred], kind: numberCell, number: serial(d)}, nil
}

// unshown is the error of a date whose precision has no way to be shown.
func unshown(d schema.Date, precision string) error {
	return fmt.Errorf("a date (%s) with precision %q cannot be shown", d, precision)
}

// utf16Len is the length of s in UTF-16 units.
func utf16Len(s string) int {
	if plainASCII(s) {
		return len(s)
	}
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// checkText refuses what excelize would silently alter.
func checkText(s string) error {
	if plainASCII(s) { // most cells: a byte is a character and a UTF-16 unit
		if len(s) > maxCellUnits {
			return fmt.Errorf("text of %d UTF-16 units is longer than a spreadsheet cell holds (%d); excelize would cut it", len(s), maxCellUnits)
		}
		return nil
	}
	units := 0
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			return fmt.Errorf("byte %#x at byte %d is not UTF-8", s[i], i)
		}
		if !xmlChar(r) {
			return fmt.Errorf("character %U at byte %d cannot be stored in a spreadsheet (XML 1.0)", r, i)
		}
		units += utf16.RuneLen(r)
	}
	if units > maxCellUnits {
		return fmt.Errorf("text of %d UTF-16 units is longer than a spreadsheet cell holds (%d); excelize would cut it", units, maxCellUnits)
	}
	return nil
}

// plainASCII reports whether s is bytes 0x20 to 0x7F, tabs and line
// breaks only: ASCII that XML 1.0 allows as it is. It reads eight bytes at a time,
// twice as fast as one (BenchmarkPlainASCII): it is asked of every cell of
// the workbook, and took a tenth of the workbook's time.
func plainASCII(s string) bool {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		_ = s[i+7]
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if w&high != 0 {
			return false // a byte of 0x80 or more
		}
		// Some byte is below 0x20 (of bytes below 0x80, exactly when one
		// is): a control character, or a tab or line break.
		if (w-ones*0x20)&^w&high != 0 && !plainBytes(s[i:i+8]) {
			return false
		}
	}
	return plainBytes(s[i:])
}

// plainBytes is plainASCII a byte at a time.
func plainBytes(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// firstSerialDate is the first day that Excel's 1900 date system and
// other readers agree on: Excel counts a 29 February 1900 that never was.
var firstSerialDate = schema.MakeDate(1900, time.March, 1)

// serial is d as a spreadsheet date number (days since 30 December 1899,
// right for every day from 1 March 1900).
func serial(d schema.Date) float64 {
	return float64(d.DaysSinceEpoch()) + 25569 // 25569 = serial of 1970-01-01
}

// earlyDateText shows a date before 1 March 1900 as text, to its precision.
func earlyDateText(d schema.Date, p schema.DatePrecision) string {
	switch p {
	case schema.PrecisionMonth:
		return d.String()[:7]
	case schema.PrecisionYear:
		return d.String()[:4]
	}
	return d.String()
}

// writeSorted saves f and copies the zip to w with its entries in name
// order and dated stamp, so that the same workbook gives the same bytes.
// On the way, each table sheet gets its rows: excelize wrote the sheet
// with its header row alone, and fill wrote the rest (see rowEncoder).
//
// excelize's own WriteTo assembles the whole zip in memory, which would
// make memory grow with the row count; its ZipWriter hook lets the zip go
// straight to a temporary file instead, deflated by klauspost/compress
// (the standard library's deflate took a third of the time of a large
// workbook; this one is faster at a similar size).
func writeSorted(f *excelize.File, w io.Writer, stamp time.Time, parts []*sheetPart) error {
	tmp, err := newTempFile("workbook-*.xlsx")
	if err != nil {
		return err
	}
	defer tmp.Close()
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(tmp)
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, flate.DefaultCompression)
		})
		return zw
	})
	if _, err := f.WriteToBuffer(); err != nil { // the buffer stays empty
		return err
	}
	size, err := tmp.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(tmp, size)
	if err != nil {
		return err
	}
	splices, err := splicesOf(zr, parts)
	if err != nil {
		return err
	}
	links, rels, err := linkParts(zr, splices)
	if err != nil {
		return err
	}
	entries := slices.Clone(zr.File)
	slices.SortFunc(entries, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	zw := zip.NewWriter(w)
	for _, e := range entries {
		header := e.FileHeader
		var raw io.Reader
		if p := splices[e.Name]; p != nil {
			if raw, err = splice(&header, e, p.rows, links[e.Name]); err != nil {
				return err
			}
		} else if r, ok := rels[e.Name]; ok {
			if raw, err = deflateEntry(&header, r); err != nil {
				return err
			}
		} else if raw, err = e.OpenRaw(); err != nil {
			return err
		}
		setModified(&header, stamp) // excelize leaves the invalid DOS date 1980-00-00
		dst, err := zw.CreateRaw(&header)
		if err != nil {
			return err
		}
		if _, err := io.Copy(dst, raw); err != nil {
			return err
		}
	}
	return zw.Close()
}

// deflated is a part of a file, deflated into a stream of its own that
// ends in a flush (a sync flush, in zlib's terms) rather than a final
// block: such a stream, followed by another that ends in a final block,
// is one stream, and reads as the two parts one after the other.
type deflated struct {
	file    *tempFile   // the deflated part
	size    int64       // of the file
	sum     hash.Hash32 // CRC-32 of the part
	rawSize int64       // of the part
}

// splice returns the worksheet e of excelize's zip with rows inside it,
// deflated, and its links (a <hyperlinks> element, or nothing) in their
// place after them, and sets the header to match. The worksheet, which
// excelize wrote with its header row alone, is small and read whole; the
// rows, most of the file, stay as fill deflated them.
func splice(header *zip.FileHeader, e *zip.File, rows *deflated, links []byte) (io.Reader, error) {
	r, err := e.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	sheet, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	// A cell's text has its "<" escaped: the first end of the sheet's
	// data is the end of its header row's.
	end := bytes.Index(sheet, []byte("</sheetData>"))
	if end < 0 {
		return nil, fmt.Errorf("%s: excelize wrote no </sheetData>", e.Name)
	}
	before, after := sheet[:end], sheet[end:]
	if len(links) > 0 {
		// The links name their relationships with the prefix r, which
		// excelize declares on the worksheet.
		if !bytes.Contains(before, []byte(`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`)) {
			return nil, fmt.Errorf("%s: excelize declared no prefix r for relationships", e.Name)
		}
		if bytes.Contains(after, []byte("<hyperlinks")) {
			return nil, fmt.Errorf("%s: excelize wrote links of its own", e.Name)
		}
		at, err := linksAt(after)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name, err)
		}
		after = slices.Concat(after[:at], links, after[at:])
	}
	var head, tail bytes.Buffer
	if err := deflate(&head, before, false); err != nil {
		return nil, err
	}
	if err := deflate(&tail, after, true); err != nil {
		return nil, err
	}
	sum := crc32Combine(crc32.ChecksumIEEE(before), rows.sum.Sum32(), rows.rawSize)
	header.CRC32 = crc32Combine(sum, crc32.ChecksumIEEE(after), int64(len(after)))
	header.UncompressedSize64 = uint64(int64(len(before)+len(after)) + rows.rawSize)
	header.CompressedSize64 = uint64(int64(head.Len()+tail.Len()) + rows.size)
	header.Method = zip.Deflate
	if header.UncompressedSize64 >= math.MaxUint32 || header.CompressedSize64 >= math.MaxUint32 {
		// CreateRaw writes the sizes as zip64 but leaves the version
		// needed to read them as excelize's small entry had it.
		header.ReaderVersion = max(header.ReaderVersion, 45)
	}
	return io.MultiReader(&head, io.NewSectionReader(rows.file, 0, rows.size), &tail), nil
}

// deflate writes p deflated into w, ending in a final block when last,
// else in a flush (see deflated).
func deflate(w io.Writer, p []byte, last bool) error {
	fw, err := flate.NewWriter(w, flate.DefaultCompression)
	if err != nil {
		return err
	}
	if _, err := fw.Write(p); err != nil {
		return err
	}
	if last {
		return fw.Close()
	}
	return fw.Flush()
}

// crc32Combine is the CRC-32 (IEEE) of a followed by b, from a's CRC, b's
// CRC and b's length: zlib's crc32_combine, so that the rows' CRC, taken
// as fill writes them, need not be taken again inside their worksheet.
func crc32Combine(a, b uint32, lenB int64) uint32 {
	// a times x to the power 8·lenB, modulo the polynomial, plus b.
	p := uint32(1) << 31                // x^0, bits reflected as in the CRC
	x := uint32(1) << 30                // x^1
	for n := lenB * 8; n > 0; n >>= 1 { // x is x^(2^k) at bit k of n
		if n&1 == 1 {
			p = multModP(x, p)
		}
		x = multModP(x, x)
	}
	return multModP(p, a) ^ b
}

// multModP multiplies a and b modulo the CRC-32 polynomial, in the
// reflected bit order of the CRC.
func multModP(a, b uint32) uint32 {
	var p uint32
	for m := uint32(1) << 31; m != 0; m >>= 1 {
		if a&m != 0 {
			p ^= b
		}
		if b&1 != 0 {
			b = b>>1 ^ crc32.IEEE
		} else {
			b >>= 1
		}
	}
	return p
}

// splicesOf finds the worksheet of each sheet part in the zip that
// excelize wrote, by the workbook's list of sheets and its relationships,
// and returns the parts by the worksheet's name in the zip.
func splicesOf(zr *zip.Reader, parts []*sheetPart) (map[string]*sheetPart, error) {
	var book struct {
		Sheets []workbookSheet `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []relationship `xml:"Relationship"`
	}
	if err := readXML(zr, "xl/workbook.xml", &book); err != nil {
		return nil, err
	}
	if err := readXML(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	entries := map[string]*zip.File{}
	for _, e := range zr.File {
		entries[e.Name] = e
	}
	splices := map[string]*sheetPart{}
	for _, p := range parts {
		i := slices.IndexFunc(book.Sheets, func(s workbookSheet) bool { return s.Name == p.name })
		if i < 0 {
			return nil, fmt.Errorf("sheet %q: not in the workbook that excelize wrote", p.name)
		}
		k := slices.IndexFunc(rels.Rels, func(r relationship) bool { return r.ID == book.Sheets[i].ID })
		if k < 0 {
			return nil, fmt.Errorf("sheet %q: excelize wrote no relationship %s", p.name, book.Sheets[i].ID)
		}
		name := rels.Rels[k].Target
		if strings.HasPrefix(name, "/") {
			name = name[1:]
		} else {
			name = path.Join("xl", name)
		}
		e := entries[name]
		if e == nil {
			return nil, fmt.Errorf("sheet %q: excelize wrote no %s", p.name, name)
		}
		splices[name] = p
	}
	return splices, nil
}

// afterLinks are the elements that may follow a worksheet's <hyperlinks>
// (ECMA-376 Part 1, CT_Worksheet; and markup compatibility's
// AlternateContent, which may hold any of them).
var afterLinks = []string{"printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst", "AlternateContent"}

// linksAt is where a worksheet's <hyperlinks> goes in after, its text from
// </sheetData> on: before the first of the worksheet's own elements that
// follow it, or before its end. Only the worksheet's own count: a page
// setup inside a custom sheet view, or an extLst inside a conditional
// format, is not one.
func linksAt(after []byte) (int, error) {
	start := len("</sheetData>")
	if !bytes.HasPrefix(after, []byte("</sheetData>")) {
		return 0, fmt.Errorf("no </sheetData>")
	}
	d := xml.NewDecoder(bytes.NewReader(after[start:]))
	for depth := 0; ; {
		at := start + int(d.InputOffset())
		tok, err := d.RawToken()
		if err != nil {
			return 0, fmt.Errorf("no end of the worksheet after its rows: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 && slices.Contains(afterLinks, t.Name.Local) {
				return at, nil
			}
			depth++
		case xml.EndElement:
			if depth == 0 {
				return at, nil // </worksheet>
			}
			depth--
		}
	}
}

// linkParts makes the links of each sheet part that has any, as this
// package writes them rather than excelize: excelize's SetCellHyperLink
// reads every relationship of the sheet to add one, so that the 10,000
// links of a million statements' workbook (5,000 on each of two sheets)
// took it half a second, on one core while the other waited. Each link is a relationship of the worksheet, added after
// those excelize wrote (its comments'), numbered on from theirs, and a
// <hyperlink> of the worksheet naming its cell and relationship. It
// returns each worksheet's <hyperlinks> element, by the worksheet's entry,
// and the whole text of each worksheet's relationships to write instead
// of excelize's, by theirs.
func linkParts(zr *zip.Reader, splices map[string]*sheetPart) (links, rels map[string][]byte, err error) {
	links, rels = map[string][]byte{}, map[string][]byte{}
	for name, p := range splices {
		if len(p.links) == 0 {
			continue
		}
		relsName := path.Join(path.Dir(name), "_rels", path.Base(name)+".rels")
		r, err := zr.Open(relsName)
		if err != nil {
			return nil, nil, fmt.Errorf("sheet %q: excelize wrote no %s for its comments: %w", p.name, relsName, err)
		}
		text, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", relsName, err)
		}
		var had struct {
			Rels []relationship `xml:"Relationship"`
		}
		if err := xml.Unmarshal(text, &had); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", relsName, err)
		}
		next := 1
		for _, rel := range had.Rels {
			if n, err := strconv.Atoi(strings.TrimPrefix(rel.ID, "rId")); err == nil && n >= next {
				next = n + 1
			}
		}
		end := bytes.LastIndex(text, []byte("</Relationships>"))
		if end < 0 {
			return nil, nil, fmt.Errorf("%s: no </Relationships>", relsName)
		}
		var sheet, added bytes.Buffer
		sheet.WriteString("<hyperlinks>")
		for i, lk := range p.links {
			ref, err := excelize.CoordinatesToCellName(lk.col, lk.row)
			if err != nil {
				return nil, nil, err
			}
			id := "rId" + strconv.Itoa(next+i)
			fmt.Fprintf(&sheet, `<hyperlink ref="%s" r:id="%s"/>`, ref, id)
			fmt.Fprintf(&added, `<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="`, id)
			if err := xml.EscapeText(&added, []byte(lk.url)); err != nil {
				return nil, nil, err
			}
			added.WriteString(`" TargetMode="External"/>`)
		}
		sheet.WriteString("</hyperlinks>")
		links[name] = sheet.Bytes()
		rels[relsName] = slices.Concat(text[:end], added.Bytes(), text[end:])
	}
	return links, rels, nil
}

// deflateEntry returns text deflated as a zip entry, and sets the header
// to match.
func deflateEntry(header *zip.FileHeader, text []byte) (io.Reader, error) {
	var out bytes.Buffer
	if err := deflate(&out, text, true); err != nil {
		return nil, err
	}
	header.Method = zip.Deflate
	header.CRC32 = crc32.ChecksumIEEE(text)
	header.UncompressedSize64 = uint64(len(text))
	header.CompressedSize64 = uint64(out.Len())
	return &out, nil
}

// workbookSheet is a sheet in the workbook's list of sheets.
type workbookSheet struct {
	Name string `xml:"name,attr"`
	ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"` // of its relationship
}

// relationship is one of the workbook's relationships: a sheet's names
// the file of its worksheet, relative to xl/ unless it starts with "/".
type relationship struct {
	ID     string `xml:"Id,attr"`
	Target string `xml:"Target,attr"`
}

func readXML(zr *zip.Reader, name string, v any) error {
	r, err := zr.Open(name)
	if err != nil {
		return err
	}
	defer r.Close()
	if err := xml.NewDecoder(r).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// tempFile is a temporary file that is gone once closed, and, where the
// system allows it, as soon as it is made, so that a killed build leaves
// none behind.
type tempFile struct {
	*os.File
	unlinked bool
}

func newTempFile(pattern string) (*tempFile, error) {
	f, err := os.CreateTemp("", pattern)
	if err != nil {
		return nil, err
	}
	return &tempFile{File: f, unlinked: os.Remove(f.Name()) == nil}, nil
}

func (t *tempFile) Close() error {
	err := t.File.Close()
	if !t.unlinked {
		os.Remove(t.Name())
	}
	return err
}

// setModified dates a zip entry. CreateRaw writes the MS-DOS date and time
// fields as they are, so they are set here (two-second resolution, from
// 1980).
func setModified(h *zip.FileHeader, t time.Time) {
	t = t.UTC()
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	h.Modified = t
	//lint:ignore SA1019 CreateRaw writes the MS-DOS fields, not Modified.
	h.ModifiedDate = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	//lint:ignore SA1019 as above.
	h.ModifiedTime = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
}
