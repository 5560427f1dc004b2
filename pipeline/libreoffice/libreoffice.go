// Package libreoffice opens workbooks with LibreOffice Calc, a real
// spreadsheet client, and reports what it sees: for each sheet, each cell's
// type (string, float, date, boolean), its value, the text it displays, its
// hyperlink, its comment and whether it is bold or italic. Tests use it to
// check the workbook as a journalist would see it, not as our writer
// believes it wrote it; the dataset command does not use it.
//
// It needs the soffice program (Debian: libreoffice-calc). LibreOffice
// converts the workbook to flat OpenDocument XML (.fods), which keeps every
// cell's type and value, unlike CSV.
package libreoffice

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"newsfacts/pipeline/csv"
)

// Cell is one cell as LibreOffice reads it.
type Cell struct {
	Type    string // "string", "float", "date", "boolean", or "" for an empty cell
	Value   string // float: the number; date: YYYY-MM-DD; boolean: true/false; string: the text
	Text    string // the text shown, lines joined by "\n"
	Link    string // the hyperlink's target, if any
	Comment string // the comment's text, if any
	Bold    bool
	Italic  bool
}

// Sheet is one sheet: its rows, without trailing empty rows and cells.
type Sheet struct {
	Name   string
	Rows   [][]Cell
	Filter string // the range with filter buttons, e.g. "statements.A1:statements.V25"
}

// Workbook is every sheet, in order.
type Workbook struct{ Sheets []Sheet }

// Sheet returns the sheet with the given name, or nil.
func (w *Workbook) Sheet(name string) *Sheet {
	for i := range w.Sheets {
		if w.Sheets[i].Name == name {
			return &w.Sheets[i]
		}
	}
	return nil
}

// prepare finds soffice, makes a temporary folder (named by pattern; the
// caller removes it) for LibreOffice's profile and output, and makes path
// absolute, as LibreOffice needs.
func prepare(path, pattern string) (soffice, dir, abs string, err error) {
	soffice, err = exec.LookPath("soffice")
	if err != nil {
		return "", "", "", errors.New("soffice not found: install LibreOffice Calc (Debian: apt-get install libreoffice-calc; `make deps` does it)")
	}
	if abs, err = filepath.Abs(path); err != nil {
		return "", "", "", err
	}
	if dir, err = os.MkdirTemp("", pattern); err != nil {
		return "", "", "", err
	}
	return soffice, dir, abs, nil
}

// Open converts the workbook at path with LibreOffice (headless, in a
// private profile under a temporary folder) and reads the result.
func Open(path string) (*Workbook, error) {
	soffice, dir, abs, err := prepare(path, "libreoffice-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command(soffice, "--headless", "--norestore", "--nologo",
		"-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "fods", "--outdir", dir, abs)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("soffice: %v: %s", err, out)
	}
	fods := filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))+".fods")
	f, err := os.Open(fods)
	if err != nil {
		return nil, fmt.Errorf("soffice wrote no .fods (%v): %s", err, out)
	}
	defer f.Close()
	return Read(f)
}

const (
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsStyle  = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
	nsFO     = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
	nsXLink  = "http://www.w3.org/1999/xlink"
)

// font is what a cell style says of its text. Only the text properties of automatic
// cell styles are read, which is what LibreOffice writes for an
// imported xlsx; parent styles and text spans are not followed.
type font struct{ bold, italic bool }

// Read reads a flat OpenDocument spreadsheet.
func Read(r io.Reader) (*Workbook, error) {
	d := xml.NewDecoder(r)
	var (
		wb     Workbook
		styles = map[string]font{}
		style  string // the cell style being read
		sheet  *Sheet
		row    []Cell
		rowRep int
		// Runs of empty cells and rows are held back and added only when
		// content follows: LibreOffice pads every row to 16,384 columns
		// and every sheet to 1,048,576 rows with them.
		emptyCells, emptyRows int
		colStyle              []string // each column's default cell style
		cell                  *Cell
		cellRep               int
		text                  *strings.Builder // where text goes: the cell's or the comment's
		comment               strings.Builder
		inNote                bool
		paras                 int
		inP                   int // depth of text:p: only paragraph text is cell or comment text
	)
	attr := func(e xml.StartElement, space, local string) string {
		for _, a := range e.Attr {
			if a.Name.Space == space && a.Name.Local == local {
				return a.Value
			}
		}
		return ""
	}
	repeat := func(e xml.StartElement, local string) int {
		n, err := strconv.Atoi(attr(e, nsTable, local))
		if err != nil || n < 1 {
			return 1
		}
		return n
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Space == nsStyle && t.Name.Local == "style":
				style = attr(t, nsStyle, "name")
			case t.Name.Space == nsStyle && t.Name.Local == "text-properties" && style != "":
				styles[style] = font{bold: attr(t, nsFO, "font-weight") == "bold", italic: attr(t, nsFO, "font-style") == "italic"}
			case t.Name.Space == nsTable && t.Name.Local == "table":
				wb.Sheets = append(wb.Sheets, Sheet{Name: attr(t, nsTable, "name")})
				sheet, colStyle, emptyRows = &wb.Sheets[len(wb.Sheets)-1], nil, 0
			case t.Name.Space == nsTable && t.Name.Local == "table-column":
				for range min(repeat(t, "number-columns-repeated"), 1024) {
					colStyle = append(colStyle, attr(t, nsTable, "default-cell-style-name"))
				}
			case t.Name.Space == nsTable && t.Name.Local == "table-row":
				row, rowRep, emptyCells = nil, repeat(t, "number-rows-repeated"), 0
			case t.Name.Space == nsTable && (t.Name.Local == "table-cell" || t.Name.Local == "covered-table-cell"):
				c := Cell{Type: attr(t, nsOffice, "value-type")}
				switch c.Type {
				case "float", "percentage", "currency":
					c.Value = attr(t, nsOffice, "value")
				case "date":
					c.Value = attr(t, nsOffice, "date-value")
				case "boolean":
					c.Value = attr(t, nsOffice, "boolean-value")
				}
				st := attr(t, nsTable, "style-name")
				if col := len(row) + emptyCells; st == "" && col < len(colStyle) {
					st = colStyle[col]
				}
				f := styles[st]
				c.Bold, c.Italic = f.bold, f.italic
				cell, cellRep, paras = &c, repeat(t, "number-columns-repeated"), 0
				text = &strings.Builder{}
			case t.Name.Space == nsOffice && t.Name.Local == "annotation":
				inNote = true
				comment.Reset()
			case t.Name.Space == nsText && t.Name.Local == "p":
				inP++
				if inNote {
					if comment.Len() > 0 {
						comment.WriteByte('\n')
					}
				} else if text != nil {
					if paras > 0 {
						text.WriteByte('\n')
					}
					paras++
				}
			case t.Name.Space == nsText && t.Name.Local == "s":
				n, err := strconv.Atoi(attr(t, nsText, "c"))
				if err != nil {
					n = 1
				}
				target(inNote, &comment, text).WriteString(strings.Repeat(" ", n))
			case t.Name.Space == nsText && t.Name.Local == "tab":
				target(inNote, &comment, text).WriteByte('\t')
			case t.Name.Space == nsText && t.Name.Local == "line-break":
				target(inNote, &comment, text).WriteByte('\n')
			case t.Name.Space == nsText && t.Name.Local == "a":
				if cell != nil && !inNote {
					cell.Link = attr(t, nsXLink, "href")
				}
			case t.Name.Space == nsTable && t.Name.Local == "database-range":
				addr := attr(t, nsTable, "target-range-address")
				if name, _, ok := strings.Cut(addr, "."); ok && attr(t, nsTable, "display-filter-buttons") == "true" {
					for i := range wb.Sheets {
						if strings.Trim(name, "'$") == wb.Sheets[i].Name {
							wb.Sheets[i].Filter = addr
						}
					}
				}
			}
		case xml.CharData:
			if inP == 0 {
				break
			}
			if inNote {
				comment.Write(t)
			} else if text != nil {
				text.Write(t)
			}
		case xml.EndElement:
			switch {
			case t.Name.Space == nsStyle && t.Name.Local == "style":
				style = ""
			case t.Name.Space == nsText && t.Name.Local == "p":
				inP--
			case t.Name.Space == nsOffice && t.Name.Local == "annotation":
				inNote = false
				if cell != nil {
					cell.Comment = comment.String()
				}
			case t.Name.Space == nsTable && (t.Name.Local == "table-cell" || t.Name.Local == "covered-table-cell"):
				cell.Text = text.String()
				if cell.Type == "string" {
					cell.Value = cell.Text
				}
				if cell.Type == "" && cell.Text == "" && cell.Comment == "" && cell.Link == "" {
					emptyCells += cellRep
				} else {
					for range emptyCells {
						row = append(row, Cell{})
					}
					emptyCells = 0
					for range cellRep {
						row = append(row, *cell)
					}
				}
				cell, text = nil, nil
			case t.Name.Space == nsTable && t.Name.Local == "table-row":
				if len(row) == 0 {
					emptyRows += rowRep
					break
				}
				for range emptyRows {
					sheet.Rows = append(sheet.Rows, nil)
				}
				emptyRows = 0
				for range rowRep {
					sheet.Rows = append(sheet.Rows, row)
				}
			}
		}
	}
	return &wb, nil
}

func target(inNote bool, comment, text *strings.Builder) *strings.Builder {
	if inNote || text == nil {
		return comment
	}
	return text
}

// Dump renders the workbook as text for expected-output files: each sheet
// and its filter, then each row with every cell as type:value, followed
// where they apply by the text shown, the link, the style and the comment.
func (w *Workbook) Dump() string {
	var b strings.Builder
	for _, s := range w.Sheets {
		fmt.Fprintf(&b, "sheet %q filter %q\n", s.Name, s.Filter)
		for i, row := range s.Rows {
			fmt.Fprintf(&b, "%d:", i+1)
			for _, c := range row {
				b.WriteString(" |")
				if c.Type == "" && c.Text == "" {
					continue
				}
				fmt.Fprintf(&b, " %s:%q", c.Type, c.Value)
				if c.Text != c.Value {
					fmt.Fprintf(&b, " shown %q", c.Text)
				}
				if c.Link != "" {
					fmt.Fprintf(&b, " link %q", c.Link)
				}
				if c.Bold {
					b.WriteString(" bold")
				}
				if c.Italic {
					b.WriteString(" italic")
				}
				if c.Comment != "" {
					fmt.Fprintf(&b, " comment %q", c.Comment)
				}
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// SheetsAsCSV converts every sheet of the workbook at path to CSV with
// LibreOffice, as the cells are shown (dates as formatted), and returns
// each sheet's records by sheet name.
func SheetsAsCSV(path string) (map[string][][]string, error) {
	soffice, dir, abs, err := prepare(path, "libreoffice-csv-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	// Filter options: comma, double quote, UTF-8, from line 1, no column
	// formats, default language, quoted fields not as text, detect special
	// numbers, save cell contents as shown, no formulas, no trimming, and
	// -1: every sheet, each to <name>-<sheet>.csv.
	const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
	cmd := exec.Command(soffice, "--headless", "--norestore", "--nologo",
		"-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", filter, "--outdir", dir, abs)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("soffice: %v: %s", err, out)
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + "-"
	files, err := filepath.Glob(filepath.Join(dir, base+"*.csv"))
	if err != nil {
		return nil, err
	}
	sheets := map[string][][]string{}
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		header, records, err := csv.Read(r)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		sheets[strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), base), ".csv")] = append([][]string{header}, records...)
	}
	return sheets, nil
}
