// Package normalize turns values as an article gives them ("October 30",
// "Tajik", "U.S.") into the dataset's typed values (a date with its
// precision and basis, an ISO 3166-1 alpha-3 code), and says how.
package normalize

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"newsfacts/schema"
)

// Date is a parsed date expression.
type Date struct {
	Date      schema.Date // first day of the period for month and year precision
	Precision schema.DatePrecision
	// YearInferred is set when the expression has no year and the year was
	// taken from the publication date.
	YearInferred bool
}

var months = map[string]time.Month{}

func init() {
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		months[name] = m
		months[name[:3]] = m
	}
	months["sept"] = time.September
}

var (
	isoDayRE    = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	isoMonthRE  = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	yearRE      = regexp.MustCompile(`^(\d{4})$`)
	monthDayRE  = regexp.MustCompile(`^([A-Za-z]+)\.? (\d{1,2})(?:,? (\d{4}))?$`) // October 30[, 2022]
	dayMonthRE  = regexp.MustCompile(`^(\d{1,2}) ([A-Za-z]+)\.?(?: (\d{4}))?$`)   // 30 October[ 2022]
	monthYearRE = regexp.MustCompile(`^([A-Za-z]+)\.?(?: (\d{4}))?$`)             // October[ 2022]
)

// ParseDate parses a date expression as articles write it. An expression
// without a year gets the year that puts the date on or before published,
// the day the source appeared: "October 30" in an article of 2022-11-03 is
// 2022-10-30, "December 30" in it is 2021-12-30. Accepted forms:
//
//	2022-10-30, 2022-10, 2022
//	October 30, 2022 / October 30 2022 / 30 October 2022 / Oct. 30
//	October 30 / 30 October / October 2022 / October
func ParseDate(raw string, published schema.Date) (Date, error) {
	s := strings.Join(strings.Fields(raw), " ")
	if s == "" {
		return Date{}, fmt.Errorf("empty date")
	}
	if m := isoDayRE.FindStringSubmatch(s); m != nil {
		d, err := schema.ParseISODate(s)
		if err != nil {
			return Date{}, fmt.Errorf("%q is not a real day", raw)
		}
		return Date{Date: d, Precision: schema.PrecisionDay}, nil
	}
	if m := isoMonthRE.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		return monthDate(raw, y, mo)
	}
	if m := yearRE.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		return Date{Date: schema.Date{Year: y, Month: time.January, Day: 1}, Precision: schema.PrecisionYear}, nil
	}
	var monthName, dayText, yearText string
	if m := monthDayRE.FindStringSubmatch(s); m != nil {
		monthName, dayText, yearText = m[1], m[2], m[3]
	} else if m := dayMonthRE.FindStringSubmatch(s); m != nil {
		dayText, monthName, yearText = m[1], m[2], m[3]
	} else if m := monthYearRE.FindStringSubmatch(s); m != nil {
		monthName, yearText = m[1], m[2]
	} else {
		return Date{}, fmt.Errorf("%q is not a date; expected a form such as 2022-10-30, October 30, 30 October 2022, October 2022 or 2022", raw)
	}
	month, ok := months[strings.ToLower(monthName)]
	if !ok {
		return Date{}, fmt.Errorf("%q: %q is not an English month name", raw, monthName)
	}
	if dayText == "" {
		if yearText != "" {
			y, _ := strconv.Atoi(yearText)
			return monthDate(raw, y, int(month))
		}
		if published.IsZero() {
			return Date{}, fmt.Errorf("%q has no year and there is no publication date to take it from", raw)
		}
		y := published.Year
		if month > published.Month {
			y--
		}
		return Date{Date: schema.Date{Year: y, Month: month, Day: 1}, Precision: schema.PrecisionMonth, YearInferred: true}, nil
	}
	day, _ := strconv.Atoi(dayText)
	if yearText != "" {
		y, _ := strconv.Atoi(yearText)
		d := schema.Date{Year: y, Month: month, Day: day}
		if !valid(d) {
			return Date{}, fmt.Errorf("%q is not a real day", raw)
		}
		return Date{Date: d, Precision: schema.PrecisionDay}, nil
	}
	if published.IsZero() {
		return Date{}, fmt.Errorf("%q has no year and there is no publication date to take it from", raw)
	}
	// The latest year in which the day exists and is not after publication;
	// a 29 February may go back up to eight years.
	for y := published.Year; y > published.Year-9; y-- {
		d := schema.Date{Year: y, Month: month, Day: day}
		if valid(d) && !published.Before(d) {
			return Date{Date: d, Precision: schema.PrecisionDay, YearInferred: true}, nil
		}
	}
	return Date{}, fmt.Errorf("%q is not a real day", raw)
}

func monthDate(raw string, y, mo int) (Date, error) {
	if mo < 1 || mo > 12 {
		return Date{}, fmt.Errorf("%q: month %d does not exist", raw, mo)
	}
	return Date{Date: schema.Date{Year: y, Month: time.Month(mo), Day: 1}, Precision: schema.PrecisionMonth}, nil
}

func valid(d schema.Date) bool {
	return d.Day >= 1 && schema.MakeDate(d.Year, d.Month, d.Day) == d
}
