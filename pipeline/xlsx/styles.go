package xlsx

import (
	"github.com/xuri/excelize/v2"

	"newsfacts/schema"
)

// inferredSuffix follows an inferred date, in its number format (the cell
// stays a date) or in its text: italics alone are easy to miss and are
// lost in a copy.
const inferredSuffix = " (inferred)"

// font is the workbook's one typeface; a font without a name is drawn in
// whatever the reader's program picks.
func font(size float64, bold, italic bool) *excelize.Font {
	return &excelize.Font{Family: "Calibri", Size: size, Bold: bold, Italic: italic}
}

// styles are the workbook's cell styles, by what a cell shows.
type styles struct {
	title, heading, header, text, wrapped, link, integer, number int
	// date[precision][inferred]: a date shows only the part that is known
	// (yyyy-mm-dd, yyyy-mm or yyyy); an inferred date is in italics and
	// followed by " (inferred)".
	date map[schema.DatePrecision]map[bool]int
	// earlyDate[inferred]: a date before 1 March 1900, written as text.
	earlyDate map[bool]int
}

func newStyles(f *excelize.File) (*styles, error) {
	var (
		s     = &styles{date: map[schema.DatePrecision]map[bool]int{}, earlyDate: map[bool]int{}}
		err   error
		top   = &excelize.Alignment{Vertical: "top"}
		style = func(st *excelize.Style) int {
			if err != nil {
				return 0
			}
			id, e := f.NewStyle(st)
			err = e
			return id
		}
	)
	s.title = style(&excelize.Style{Font: font(16, true, false)})
	s.heading = style(&excelize.Style{Font: font(11, true, false), Alignment: top})
	s.header = style(&excelize.Style{
		Font:      font(11, true, false),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	})
	plain := font(11, false, false)
	s.text = style(&excelize.Style{Font: plain, Alignment: top})
	s.wrapped = style(&excelize.Style{Font: plain, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.link = style(&excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 11, Color: "0563C1", Underline: "single"}, Alignment: top})
	s.integer = style(&excelize.Style{Font: plain, NumFmt: 1, Alignment: top}) // 0
	s.number = style(&excelize.Style{Font: plain, Alignment: top})             // General
	// A date of unknown precision has no style: it is an error to show one.
	formats := map[schema.DatePrecision]string{
		schema.PrecisionDay: "yyyy-mm-dd", schema.PrecisionMonth: "yyyy-mm", schema.PrecisionYear: "yyyy",
	}
	for _, p := range schema.DatePrecisions { // in order: style ids must not follow map order
		layout, ok := formats[p]
		if !ok {
			continue
		}
		s.date[p] = map[bool]int{}
		for _, inferred := range []bool{false, true} {
			format := layout
			if inferred {
				format += `"` + inferredSuffix + `"`
			}
			s.date[p][inferred] = style(&excelize.Style{CustomNumFmt: &format, Font: font(11, false, inferred), Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}})
		}
	}
	for _, inferred := range []bool{false, true} {
		s.earlyDate[inferred] = style(&excelize.Style{Font: font(11, false, inferred), Alignment: top})
	}
	return s, err
}
