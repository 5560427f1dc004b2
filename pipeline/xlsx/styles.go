package xlsx

import (
	"github.com/xuri/excelize/v2"

	"newsfacts/schema"
)

// styles are the workbook's cell styles, by what a cell shows.
type styles struct {
	title, heading, header, text, wrapped, link, integer, number int
	// date[precision][inferred]: a date shows only the part that is known
	// (yyyy-mm-dd, yyyy-mm or yyyy); an inferred date is in italics.
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
	s.title = style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}})
	s.heading = style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Alignment: top})
	s.header = style(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	})
	s.text = style(&excelize.Style{Alignment: top})
	s.wrapped = style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.link = style(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: top})
	s.integer = style(&excelize.Style{NumFmt: 1, Alignment: top}) // 0
	s.number = style(&excelize.Style{Alignment: top})             // General
	formats := map[schema.DatePrecision]string{
		schema.PrecisionDay: "yyyy-mm-dd", schema.PrecisionMonth: "yyyy-mm", schema.PrecisionYear: "yyyy",
		// A date with unknown precision does not occur (its date is NULL);
		// show the full day rather than fail.
		schema.PrecisionUnknown: "yyyy-mm-dd",
	}
	for _, p := range schema.DatePrecisions { // in order: style ids must not follow map order
		layout := formats[p]
		s.date[p] = map[bool]int{}
		for _, inferred := range []bool{false, true} {
			s.date[p][inferred] = style(&excelize.Style{CustomNumFmt: &layout, Font: &excelize.Font{Italic: inferred}, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}})
		}
	}
	for _, inferred := range []bool{false, true} {
		s.earlyDate[inferred] = style(&excelize.Style{Font: &excelize.Font{Italic: inferred}, Alignment: top})
	}
	return s, err
}
