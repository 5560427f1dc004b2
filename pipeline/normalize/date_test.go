package normalize

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"newsfacts/schema"
)

func mkDay(y int, m time.Month, d int) schema.Date {
	return schema.Date{Year: int32(y), Month: uint8(m), Day: uint8(d)}
}

func TestParseDate(t *testing.T) {
	pub := mkDay(2022, time.November, 3)
	tests := []struct {
		raw       string
		published schema.Date
		want      Date
	}{
		// No year: the latest year that puts the date on or before publication.
		{"October 30", pub, Date{mkDay(2022, 10, 30), schema.PrecisionDay, true}},
		{"December 30", pub, Date{mkDay(2021, 12, 30), schema.PrecisionDay, true}},
		{"November 3", pub, Date{mkDay(2022, 11, 3), schema.PrecisionDay, true}},
		{"November 4", pub, Date{mkDay(2021, 11, 4), schema.PrecisionDay, true}},
		{"Oct. 30", pub, Date{mkDay(2022, 10, 30), schema.PrecisionDay, true}},
		{"Oct 30", pub, Date{mkDay(2022, 10, 30), schema.PrecisionDay, true}},
		{"Sept 5", pub, Date{mkDay(2022, 9, 5), schema.PrecisionDay, true}},
		{"Sept. 5", pub, Date{mkDay(2022, 9, 5), schema.PrecisionDay, true}},
		{"Sep 5", pub, Date{mkDay(2022, 9, 5), schema.PrecisionDay, true}},
		{"30 October", pub, Date{mkDay(2022, 10, 30), schema.PrecisionDay, true}},
		{"30 Oct.", pub, Date{mkDay(2022, 10, 30), schema.PrecisionDay, true}},
		{"october 30", pub, Date{mkDay(2022, 10, 30), schema.PrecisionDay, true}},
		{"  October\n 30 ", pub, Date{mkDay(2022, 10, 30), schema.PrecisionDay, true}},
		// 29 February goes back to the last leap year before publication.
		{"February 29", mkDay(2023, 3, 1), Date{mkDay(2020, 2, 29), schema.PrecisionDay, true}},
		{"February 29", mkDay(2024, 2, 28), Date{mkDay(2020, 2, 29), schema.PrecisionDay, true}},
		{"February 29", mkDay(2024, 2, 29), Date{mkDay(2024, 2, 29), schema.PrecisionDay, true}},
		{"February 29", mkDay(2103, 12, 31), Date{mkDay(2096, 2, 29), schema.PrecisionDay, true}},
		// Stated years.
		{"30 October 2022", pub, Date{mkDay(2022, 10, 30), schema.PrecisionDay, false}},
		{"October 30, 2022", pub, Date{mkDay(2022, 10, 30), schema.PrecisionDay, false}},
		{"October 30 2022", pub, Date{mkDay(2022, 10, 30), schema.PrecisionDay, false}},
		{"Oct. 30, 2022", pub, Date{mkDay(2022, 10, 30), schema.PrecisionDay, false}},
		{"December 30, 2022", pub, Date{mkDay(2022, 12, 30), schema.PrecisionDay, false}}, // a stated year is kept even after publication
		{"October 30, 2022", schema.Date{}, Date{mkDay(2022, 10, 30), schema.PrecisionDay, false}},
		{"2022-10-30", pub, Date{mkDay(2022, 10, 30), schema.PrecisionDay, false}},
		{"2022-10-30", schema.Date{}, Date{mkDay(2022, 10, 30), schema.PrecisionDay, false}},
		{"2022-10", pub, Date{mkDay(2022, 10, 1), schema.PrecisionMonth, false}},
		{"October 2022", pub, Date{mkDay(2022, 10, 1), schema.PrecisionMonth, false}},
		{"Oct. 2022", pub, Date{mkDay(2022, 10, 1), schema.PrecisionMonth, false}},
		{"October", pub, Date{mkDay(2022, 10, 1), schema.PrecisionMonth, true}},
		{"November", pub, Date{mkDay(2022, 11, 1), schema.PrecisionMonth, true}},
		{"December", pub, Date{mkDay(2021, 12, 1), schema.PrecisionMonth, true}},
		{"2022", pub, Date{mkDay(2022, 1, 1), schema.PrecisionYear, false}},
		{"2022", schema.Date{}, Date{mkDay(2022, 1, 1), schema.PrecisionYear, false}},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.raw, tt.published)
		if err != nil {
			t.Errorf("ParseDate(%q, %v): %v", tt.raw, tt.published, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q, %v) = %+v, want %+v", tt.raw, tt.published, got, tt.want)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	pub := mkDay(2022, time.November, 3)
	tests := []struct {
		raw       string
		published schema.Date
		want      string // substrings of the error
	}{
		{"", pub, "empty date"},
		{"   ", pub, "empty date"},
		{"Mya 17", pub, `"Mya 17": "Mya" is not an English month name; did you mean "May"?`},
		{"Octobr 28", pub, `"Octobr 28": "Octobr" is not an English month name; did you mean "October"?`},
		{"Mai 16", pub, `"Mai 16": "Mai" is not an English month name; did you mean "May"?`},
		{"17 Mya", pub, `"Mya" is not an English month name`},
		{"October 32", pub, `"October 32" is not a real day`},
		{"October 0", pub, `"October 0" is not a real day`},
		{"February 30", pub, `"February 30" is not a real day`},
		{"February 29, 2023", pub, `"February 29, 2023" is not a real day`},
		{"2022-02-30", pub, `"2022-02-30" is not a real day`},
		{"2022-13-01", pub, `"2022-13-01" is not a real day`},
		{"2022-13", pub, `"2022-13": month 13 does not exist`},
		{"2022-00", pub, `"2022-00": month 0 does not exist`},
		{"yesterday", pub, `"yesterday"`},
		{"October 30,2022", pub, `"October 30,2022" is not a date`},
		{"30/10/2022", pub, `"30/10/2022" is not a date`},
		{"22", pub, `"22" is not a date`},
		{"October 30", schema.Date{}, `"October 30" has no year and there is no publication date`},
		{"October", schema.Date{}, `"October" has no year and there is no publication date`},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.raw, tt.published)
		if err == nil {
			t.Errorf("ParseDate(%q, %v) = %+v, want an error", tt.raw, tt.published, got)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseDate(%q, %v) error %q, want it to contain %q", tt.raw, tt.published, err, tt.want)
		}
		if strings.TrimSpace(tt.raw) != "" && !strings.Contains(err.Error(), tt.raw) {
			t.Errorf("ParseDate(%q, %v) error %q does not name the value", tt.raw, tt.published, err)
		}
		if got != (Date{}) {
			t.Errorf("ParseDate(%q, %v) = %+v with an error, want the zero Date", tt.raw, tt.published, got)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, raw := range []string{
		"October 30", "December 30", "November 3", "30 October 2022", "October 30, 2022",
		"Oct. 30", "Sept 5", "2022-10-30", "2022-10", "October 2022", "October", "2022",
		"February 29", "", "Mya 17", "October 32", "2022-02-30", "2022-13", "yesterday",
	} {
		f.Add(raw, 2022, 11, 3)
	}
	f.Add("February 29", 2023, 3, 1)
	f.Add("October 30", 0, 0, 0)
	f.Fuzz(func(t *testing.T, raw string, y, m, d int) {
		// A real publication date (years 1 to 9999), or none when all are zero.
		var pub schema.Date
		if y != 0 || m != 0 || d != 0 {
			pub = schema.MakeDate(1+absInt(y%9999), time.Month(1+absInt(m%12)), 1+absInt(d%31))
		}
		got, err := ParseDate(raw, pub)
		if err != nil {
			if got != (Date{}) {
				t.Fatalf("ParseDate(%q, %v) = %+v with error %v", raw, pub, got, err)
			}
			return
		}
		dt := got.Date
		if dt.Day < 1 || schema.MakeDate(int(dt.Year), time.Month(dt.Month), int(dt.Day)) != dt {
			t.Fatalf("ParseDate(%q, %v) = %+v: not a calendar date", raw, pub, got)
		}
		switch got.Precision {
		case schema.PrecisionDay:
		case schema.PrecisionMonth:
			if dt.Day != 1 {
				t.Fatalf("ParseDate(%q, %v) = %+v: month precision not on the 1st", raw, pub, got)
			}
		case schema.PrecisionYear:
			if time.Month(dt.Month) != time.January || dt.Day != 1 {
				t.Fatalf("ParseDate(%q, %v) = %+v: year precision not on 1 January", raw, pub, got)
			}
		default:
			t.Fatalf("ParseDate(%q, %v) = %+v: precision %q", raw, pub, got, got.Precision)
		}
		if got.YearInferred {
			if pub.IsZero() {
				t.Fatalf("ParseDate(%q, zero) = %+v: year inferred without a publication date", raw, got)
			}
			if pub.Before(dt) {
				t.Fatalf("ParseDate(%q, %v) = %+v: inferred date after publication", raw, pub, got)
			}
			if pub.Year-dt.Year > 8 { // a 29 February goes back at most eight years
				t.Fatalf("ParseDate(%q, %v) = %+v: inferred year too far back", raw, pub, got)
			}
		}
		// The year has four digits, so the date formats as YYYY-MM-DD.
		if dt.Year < 0 || dt.Year > 9999 {
			t.Fatalf("ParseDate(%q, %v) = %+v: year out of range", raw, pub, got)
		}
		if again, err := ParseDate(" "+raw+"\n", pub); err != nil || again != got {
			t.Fatalf("ParseDate(%q, %v) = %+v, but with blanks around it %+v, %v", raw, pub, got, again, err)
		}
		// Round trip: the result written in ISO form, and in words, parses
		// back to itself, with the year now given.
		iso, words := dt.String(), fmt.Sprintf("%s %d, %04d", time.Month(dt.Month), dt.Day, dt.Year)
		switch got.Precision {
		case schema.PrecisionMonth:
			iso, words = iso[:7], fmt.Sprintf("%s %04d", time.Month(dt.Month), dt.Year)
		case schema.PrecisionYear:
			iso, words = iso[:4], iso[:4]
		}
		want := Date{Date: dt, Precision: got.Precision}
		for _, form := range []string{iso, words} {
			if back, err := ParseDate(form, schema.Date{}); err != nil || back != want {
				t.Fatalf("ParseDate(%q, %v) = %+v; written as %q it parses to %+v, %v", raw, pub, got, form, back, err)
			}
		}
	})
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// The regular expressions inWords replaced, as the reference it must agree
// with.
var (
	monthDayRE  = regexp.MustCompile(`^([A-Za-z]+)\.? (\d{1,2})(?:,? (\d{4}))?$`) // October 30[, 2022]
	dayMonthRE  = regexp.MustCompile(`^(\d{1,2}) ([A-Za-z]+)\.?(?: (\d{4}))?$`)   // 30 October[ 2022]
	monthYearRE = regexp.MustCompile(`^([A-Za-z]+)\.?(?: (\d{4}))?$`)             // October[ 2022]
)

// FuzzInWords: inWords splits every text as the regular expressions do, and
// accepts no other; singleSpaced spaces it as strings.Fields and Join do.
func FuzzInWords(f *testing.F) {
	for _, s := range []string{
		"October 30", "October 30, 2022", "October 30 2022", "30 October 2022", "30 October", "Oct. 30",
		"October 2022", "October", "Oct.", "October 30,", "30, October", "October  30", "October 302",
		"1 May 20222", "Sept. 5, 2022", "Mai 5", "5 5", "October 2022 30", "Октябрь 30", "October.. 30", ". 30", "30",
	} {
		f.Add(s)
	}
	for _, s := range []string{" October 30", "October  30 ", "30\tOctober", "30\u00a0October", "Oct\u2003 30", "\xff 30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := singleSpaced(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("singleSpaced(%q) = %q, want %q", s, got, want)
		}
		var want [4]string
		if m := monthDayRE.FindStringSubmatch(s); m != nil {
			want = [4]string{m[1], m[2], m[3], "ok"}
		} else if m := dayMonthRE.FindStringSubmatch(s); m != nil {
			want = [4]string{m[2], m[1], m[3], "ok"}
		} else if m := monthYearRE.FindStringSubmatch(s); m != nil {
			want = [4]string{m[1], "", m[2], "ok"}
		}
		month, day, year, ok := inWords(s)
		got := [4]string{month, day, year, ""}
		if ok {
			got[3] = "ok"
		}
		if got != want {
			t.Fatalf("inWords(%q) = %q, the regular expressions %q", s, got, want)
		}
	})
}

// BenchmarkParseDate parses each accepted form once per iteration, with the
// publication date that years are inferred from.
//
//	go test -run '^$' -bench ParseDate ./pipeline/normalize
func BenchmarkParseDate(b *testing.B) {
	forms := []string{"2022-10-30", "2022-10", "2022", "October 30, 2022", "30 October 2022", "Oct. 30", "October 2022", "October", "30 October"}
	published := mkDay(2022, time.November, 3)
	for b.Loop() {
		for _, s := range forms {
			if _, err := ParseDate(s, published); err != nil {
				b.Fatal(err)
			}
		}
	}
}
