package build

import (
	"math/rand/v2"
	"testing"
	"time"

	"newsfacts/pipeline/normalize"
	"newsfacts/schema"
)

// sameDate, the oracle of TestQuoteIndexDates, compares at the coarser of the two precisions.
func sameDate(a, c normalize.Date) bool {
	p := a.Precision
	if c.Precision == schema.PrecisionYear || (c.Precision == schema.PrecisionMonth && p == schema.PrecisionDay) {
		p = c.Precision
	}
	switch p {
	case schema.PrecisionYear:
		return a.Date.Year == c.Date.Year
	case schema.PrecisionMonth:
		return a.Date.Year == c.Date.Year && a.Date.Month == c.Date.Month
	}
	return a.Date == c.Date
}

// TestQuoteIndexDates checks the date index of the coverage check against
// comparing every statement's dates with the mention, in random sources.
func TestQuoteIndexDates(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	precisions := []schema.DatePrecision{schema.PrecisionYear, schema.PrecisionMonth, schema.PrecisionDay}
	date := func() normalize.Date {
		p := precisions[rng.IntN(3)]
		y, m, d := 2020+rng.IntN(2), time.Month(1+rng.IntN(2)), 1+rng.IntN(2)
		switch p {
		case schema.PrecisionYear:
			m, d = 1, 1
		case schema.PrecisionMonth:
			d = 1
		}
		return normalize.Date{Date: schema.MakeDate(y, m, d), Precision: p}
	}
	for range 2000 {
		var stmts []*stmtInfo
		for range rng.IntN(5) {
			s := &stmtInfo{Statement: &schema.Statement{}}
			for range rng.IntN(3) {
				s.dates = append(s.dates, date())
			}
			stmts = append(stmts, s)
		}
		x := newQuoteIndex(stmts)
		v := date()
		want := -1
		for i, s := range stmts {
			for _, d := range s.dates {
				if want < 0 && sameDate(v, d) {
					want = i
				}
			}
		}
		if got := x.dated(v); got != want {
			t.Fatalf("mention %v (%s): index finds statement %d, comparing each finds %d", v.Date, v.Precision, got, want)
		}
	}
}

// TestQuoteIndexSpans checks the span index of the coverage check against
// trying every statement's quote, with overlapping and nested quotes.
func TestQuoteIndexSpans(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	for range 5000 {
		var stmts []*stmtInfo
		for i := range rng.IntN(8) {
			s := &stmtInfo{Statement: &schema.Statement{ID: string(rune('a' + i))}}
			if rng.IntN(5) > 0 { // some statements have no located quote
				s.Quote = "q"
				s.QuoteStart = rng.IntN(40)
				s.QuoteEnd = s.QuoteStart + 1 + rng.IntN(30)
			}
			stmts = append(stmts, s)
		}
		x := newQuoteIndex(stmts)
		start := rng.IntN(60)
		end := start + rng.IntN(10)
		odd := rng.IntN(2) == 0
		ok := func(s *stmtInfo) bool { return !odd || s.ID[0]%2 == 1 }
		want := -1
		for i, s := range stmts {
			if want < 0 && s.Quote != "" && s.QuoteStart <= start && end <= s.QuoteEnd && ok(s) {
				want = i
			}
		}
		if got := x.covering(start, end, ok); got != want {
			t.Fatalf("span [%d, %d): index finds statement %d, trying each finds %d", start, end, got, want)
		}
	}
}
