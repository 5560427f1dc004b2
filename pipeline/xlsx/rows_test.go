package xlsx

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"newsfacts/schema"
)

// excelizeRows writes rows through excelize's own stream writer, from row
// 2, and returns the XML of the rows.
func excelizeRows(t *testing.T, rows [][]cellValue, present [][]bool, heights []float64) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		values := make([]any, len(row))
		for j, c := range row {
			if present[i][j] {
				values[j] = excelize.Cell{StyleID: c.style, Value: c.value()}
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		var opts []excelize.RowOpts
		if heights[i] > 0 {
			opts = append(opts, excelize.RowOpts{Height: heights[i]})
		}
		if err := sw.SetRow(ref, values, opts...); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	r, err := zr.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	sheet, _ := io.ReadAll(r)
	start, end := bytes.Index(sheet, []byte("<sheetData>")), bytes.Index(sheet, []byte("</sheetData>"))
	if start < 0 || end < 0 {
		t.Fatalf("no sheetData in %s", sheet)
	}
	return sheet[start+len("<sheetData>") : end]
}

// excelizeChanges reports whether excelize writes text s so that it does
// not read back as it was (see escapeText): a run of fewer than four
// digits, which it leaves as it is, a run that overlaps another, or one
// that names a surrogate.
func excelizeChanges(s string) bool {
	for i := range len(s) {
		if !hexEscapeAt(s, i) {
			continue
		}
		if strings.IndexByte(s[i+2:], '_') != 4 {
			return true // fewer digits
		}
		if digits := strings.ToUpper(s[i+2 : i+6]); digits[0] == 'D' && strings.ContainsRune("89ABCDEF", rune(digits[1])) {
			return true
		}
		if hexEscapeAt(s, i+6) && s[i:i+7] != "_x005F_" {
			return true
		}
	}
	return false
}

// TestRowsAsExcelize: the rows are the XML that excelize's stream writer
// writes for the same cells, byte for byte, on random rows made of the
// characters and values most likely to be written differently.
func TestRowsAsExcelize(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 27))
	pieces := []string{"a", "Z", " ", "\t", "\n", "\r", "&", "<", ">", `"`, "'", "_", "x", "_x", "0", "4", "1", "D", "8", "F", "f",
		"_x0041_", "_x005F_", "_x005f_", "_xZZZZ_", "é", "Душанбе", "😀", "\u2028", "]]>", "&amp;", "&#xA;"}
	// Rarer: text that excelize writes so that it does not read back.
	changed := []string{"_xD800_", "_xdfff_", "_x4_", "_x00a_"}
	numbers := []float64{0, -0.5, 1, 44865, 2.5, 1e-7, 1e21, -1e21, 123456789012345678, 0.1 + 0.2, 1.0 / 3, math.MaxFloat64, -math.MaxFloat64,
		math.SmallestNonzeroFloat64, 9007199254740993, 12345678901234.567, 99999999999999999}
	const cols = 6
	enc := newRowEncoder(cols)
	var rows [][]cellValue
	var present [][]bool
	var heights []float64
	for range 3000 {
		row := make([]cellValue, cols)
		here := make([]bool, cols)
		for j := range row {
			c := cellValue{style: rng.IntN(4), kind: cellKind(rng.IntN(4))}
			switch c.kind {
			case textCell:
				var b strings.Builder
				for range rng.IntN(8) + 1 {
					if rng.IntN(40) == 0 {
						b.WriteString(changed[rng.IntN(len(changed))])
					} else {
						b.WriteString(pieces[rng.IntN(len(pieces))])
					}
				}
				c.text = b.String()
			case integerCell:
				c.integer = rng.Int64N(1<<54) - 1<<53
			case numberCell:
				c.number = numbers[rng.IntN(len(numbers))]
				if rng.IntN(2) == 0 {
					c.number = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(40)-20))
				}
			case booleanCell:
				c.integer = rng.Int64N(2)
			}
			row[j], here[j] = c, rng.IntN(5) > 0
		}
		if len(rows)%500 == 0 {
			here = make([]bool, cols) // a row of empty cells
		}
		rows, present = append(rows, row), append(present, here)
		heights = append(heights, []float64{0, 0, 30, 45, 409, 22.5}[rng.IntN(6)])
	}
	want := excelizeRows(t, rows, present, heights)
	var got []byte
	differ := 0
	for i := range rows {
		before := len(got)
		got = enc.row(got, i+2, heights[i], rows[i], present[i])
		lost := false
		for j, c := range rows[i] {
			lost = lost || present[i][j] && c.kind == textCell && excelizeChanges(c.text)
		}
		if lost { // excelize's row is not the one to compare with
			differ++
			n := bytes.Index(want, []byte("</row>")) + len("</row>")
			got, want = got[:before], want[n:]
			continue
		}
		if !bytes.HasPrefix(want, got[before:]) {
			n := bytes.Index(want, []byte("</row>")) + len("</row>")
			t.Fatalf("row %d:\n got %s\nwant %s", i+2, got[before:], want[:n])
		}
		want = want[len(got)-before:]
	}
	if len(want) > 0 {
		t.Errorf("excelize wrote more: %.200s", want)
	}
	if differ == 0 || differ > len(rows)/4 {
		t.Errorf("%d of %d rows have text that excelize changes; the comparison needs some, and most rows without", differ, len(rows))
	}
}

// TestEscapesInLibreOffice: text that looks like a spreadsheet's escape of
// a character reads back as it was written, where excelize would change
// it (see escapeText).
func TestEscapesInLibreOffice(t *testing.T) {
	texts := []string{"_x0041_", "_x0041_x0042_", "_xD800_", "a_x005F_x0041_b", "_x005F_", "__x0041__", "_x004_", "a_x4_b", "_x0_",
		"_x00041_", "_xGG_", "_x_", "snake_case_x_1234_", "&<>\"'", "\ttab\r", "line\nbreak"}
	cols := []schema.Column{{Name: "id", Type: schema.TypeString}, {Name: "text", Type: schema.TypeString}}
	tb := schema.Table{Name: "t", Key: []string{"id"}, Columns: cols, Len: len(texts), Row: func(i int, dst []schema.Value) {
		dst[0], dst[1] = schema.Value{String: string(rune('a' + i))}, schema.Value{String: texts[i]}
	}}
	lo := openInLibreOffice(t, writeFile(t, Workbook{Meta: schema.Meta{Name: "t", Title: "T", Version: "1", Released: schema.Date{Year: 2026, Month: 11, Day: 27}}, Tables: []schema.Table{tb}}))
	sheet := lo.Sheet("t")
	if sheet == nil || len(sheet.Rows) != len(texts)+1 {
		t.Fatalf("sheet t: %+v", sheet)
	}
	for i, want := range texts {
		if got := sheet.Rows[i+1][1].Text; got != want {
			t.Errorf("row %d: LibreOffice reads %q, want %q", i+2, got, want)
		}
	}
}

// TestCRC32Combine: the CRC of two parts, combined, is the CRC of the
// whole.
func TestCRC32Combine(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 7, 64, 1000, 70_000} {
		for _, m := range []int{0, 1, 3, 512, 100_003} {
			a, b := make([]byte, n), make([]byte, m)
			for i := range a {
				a[i] = byte(rng.Uint32())
			}
			for i := range b {
				b[i] = byte(rng.Uint32())
			}
			got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(m))
			if want := crc32.ChecksumIEEE(append(a, b...)); got != want {
				t.Errorf("%d then %d bytes: %08x, want %08x", n, m, got, want)
			}
		}
	}
}

// plainASCII, reading eight bytes at a time, answers as plainBytes does,
// a byte at a time: for every byte value, at every place in a word and
// in the bytes after the last whole word, in text otherwise plain.
func TestPlainASCII(t *testing.T) {
	base := "Tajikistan denied it.\tDrones\r\n"
	for n := 0; n <= 24; n++ {
		for at := 0; at < n; at++ {
			for c := 0; c < 256; c++ {
				b := make([]byte, 0, n)
				for len(b) < n {
					b = append(b, base[len(b)%len(base)])
				}
				b[at] = byte(c)
				s := string(b)
				if got, want := plainASCII(s), plainBytes(s); got != want {
					t.Fatalf("plainASCII(%q) = %v; want %v", s, got, want)
				}
			}
		}
	}
	for _, s := range []string{"", "a", "quote: \"22 countries\"", "no\x00", "caf\u00e9 in Dushanbe", strings.Repeat("x", 1000) + "\x7f", strings.Repeat("y", 1000) + "\x1b"} {
		if got, want := plainASCII(s), plainBytes(s); got != want {
			t.Errorf("plainASCII(%q) = %v; want %v", s, got, want)
		}
	}
}

// BenchmarkPlainASCII checks a sentence of a quote's length, eight bytes
// at a time and, for comparison, one at a time.
func BenchmarkPlainASCII(b *testing.B) {
	s := strings.Repeat("The blogger said drones were made in Dushanbe, then corrected it. ", 3)
	for _, check := range []struct {
		name string
		f    func(string) bool
	}{{"words", plainASCII}, {"bytes", plainBytes}} {
		b.Run(check.name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				if !check.f(s) {
					b.Fatal("plain text found not plain")
				}
			}
		})
	}
}
