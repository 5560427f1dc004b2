package schema

import (
	"cmp"
	"fmt"
	"time"
)

// Date is a calendar date with no time of day and no time zone: the day a
// source says something happened. The zero Date means "no date". It is 8
// bytes, not the 24 of three ints it was: a statement holds three.
type Date struct {
	Year  int32
	Month uint8 // 1 to 12, as time.Month
	Day   uint8
}

// MakeDate returns the date, normalizing out-of-range days as time.Date does.
func MakeDate(year int, month time.Month, day int) Date {
	return dateOf(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

func dateOf(t time.Time) Date { return Date{int32(t.Year()), uint8(t.Month()), uint8(t.Day())} }

// ParseISODate parses YYYY-MM-DD and rejects impossible days such as 2022-02-30.
func ParseISODate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return dateOf(t), nil
}

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Time returns midnight UTC of d.
func (d Date) Time() time.Time {
	return time.Date(int(d.Year), time.Month(d.Month), int(d.Day), 0, 0, 0, 0, time.UTC)
}

// DaysSinceEpoch counts days from 1970-01-01, as Parquet's DATE type stores it.
func (d Date) DaysSinceEpoch() int32 { return int32(d.Time().Unix() / 86400) }

// Before reports whether d is strictly earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e. The
// zero Date comes before every date.
func (d Date) Compare(e Date) int {
	return cmp.Or(cmp.Compare(d.Year, e.Year), cmp.Compare(d.Month, e.Month), cmp.Compare(d.Day, e.Day))
}

// LastDay returns the last day of the period that d and p describe: d itself
// for a day, the month's last day for a month, 31 December for a year.
func (d Date) LastDay(p DatePrecision) Date {
	switch p {
	case PrecisionMonth:
		return MakeDate(int(d.Year), time.Month(d.Month)+1, 0)
	case PrecisionYear:
		return Date{d.Year, uint8(time.December), 31}
	}
	return d
}
