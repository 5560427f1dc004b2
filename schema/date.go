package schema

import (
	"fmt"
	"time"
)

// Date is a calendar date with no time of day and no time zone: the day a
// source says something happened. The zero Date means "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// MakeDate returns the date, normalizing out-of-range days as time.Date does.
func MakeDate(year int, month time.Month, day int) Date {
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

// ParseISODate parses YYYY-MM-DD and rejects impossible days such as 2022-02-30.
func ParseISODate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
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
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// DaysSinceEpoch counts days from 1970-01-01, as Parquet's DATE type stores it.
func (d Date) DaysSinceEpoch() int32 { return int32(d.Time().Unix() / 86400) }

// Before reports whether d is strictly earlier than e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int { return d.Time().Compare(e.Time()) }

// LastDay returns the last day of the period that d and p describe: d itself
// for a day, the month's last day for a month, 31 December for a year.
func (d Date) LastDay(p DatePrecision) Date {
	switch p {
	case PrecisionMonth:
		return MakeDate(d.Year, d.Month+1, 0)
	case PrecisionYear:
		return Date{d.Year, time.December, 31}
	}
	return d
}
