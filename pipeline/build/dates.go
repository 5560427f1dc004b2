package build

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"newsfacts/pipeline/coverage"
	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/load"
	"newsfacts/pipeline/normalize"
	"newsfacts/schema"
)

// dates normalizes a statement's date and bounds and decides its basis.
//
// A date is stated when its expression occurs in the statement's quote and
// gives the year; it is inferred when the year comes from the publication
// date or the date comes from elsewhere in the text (then date_note must say
// where). A missing date stays NULL with precision unknown; bounds the text
// implies go to date_earliest and date_latest.
func (b *builder) dates(s *stmtInfo, quoteOK bool, errs *diag.List) {
	d := s.def
	published := s.src.Published
	var notes []string
	if d.DateNote.Set() {
		notes = append(notes, strings.TrimSpace(d.DateNote.Value))
	}
	inferredYears := false
	parse := func(raw load.Scalar, what string) (normalize.Date, bool) {
		// A day after publication in date: may be something still to
		// come, written there by mistake (see stillToCome); a bound is
		// not when the statement was made, and is told nothing more.
		hint := func() string {
			if raw != d.Date {
				return ""
			}
			return b.stillToCome(s, published)
		}
		if !raw.Set() {
			return normalize.Date{}, false
		}
		if published.IsZero() {
			return normalize.Date{}, false // reported at the source's published: key
		}
		v, err := normalize.ParseDate(raw.Value, published)
		if err != nil {
			errs.Add(raw.Pos(), "%s: %v", what, err)
			return normalize.Date{}, false
		}
		if published.Before(v.Date) {
			if !s.src.publishedDoubtful {
				errs.Add(raw.Pos(), "%s %q is %s, after the source was published on %s%s", what, raw.Value, v.Date, published, hint())
			}
			return normalize.Date{}, false
		}
		if yearTooFarBack(v, published) {
			if s.src.publishedDoubtful {
				return normalize.Date{}, false // reported at published: (see publishedAsID)
			}
			if next := schema.MakeDate(int(v.Date.Year)+1, time.Month(v.Date.Month), int(v.Date.Day)); next.Year == published.Year {
				// In the year of publication the day comes after it: a
				// date the source could not report, or a wrong published:.
				errs.Add(raw.Pos(), "%s %q has no year: in %d it would come after the source was published (%s), and in %d it is over six months before; write the year, or check the source's published: date%s", what, raw.Value, published.Year, published, v.Date.Year, hint())
				return normalize.Date{}, false
			}
			errs.Add(raw.Pos(), "%s %q has no year, and the latest such day on or before publication (%s) is %s, over six months earlier; write the year", what, raw.Value, published, v.Date)
			return normalize.Date{}, false
		}
		inferredYears = inferredYears || v.YearInferred
		s.dates = append(s.dates, v)
		return v, true
	}

	s.row.DatePrecision, s.row.DateBasis = schema.PrecisionUnknown, schema.BasisUnknown
	date, hasDate := parse(d.Date, "date")
	if hasDate {
		s.row.Date, s.row.DatePrecision, s.row.DateText = date.Date, date.Precision, strings.TrimSpace(d.Date.Value)
		inQuote := quoteOK && s.quote.Has(s.row.DateText)
		switch {
		case inQuote && !date.YearInferred:
			s.row.DateBasis = schema.BasisStated
		default:
			s.row.DateBasis = schema.BasisInferred
		}
		inText := s.src.broken || s.src.text.Has(s.row.DateText)
		switch {
		case !inText && !isISO(s.row.DateText):
			// Not in the quote either, which is part of the text: one error.
			errs.Add(d.Date.Pos(), "date %q does not occur in the source text%s: write it as the text does, or as YYYY-MM-DD with a date_note saying how it was worked out", d.Date.Value, b.quoteWrites(s, date, published))
		case quoteOK && !inQuote && !d.DateNote.Set():
			errs.Add(d.Date.Pos(), "date %q does not occur in the statement's quote: say where it comes from in date_note", d.Date.Value)
		}
		if !inText {
			// Worked out, not worded by the source: date_text is the
			// source's words, and has none to give.
			s.row.DateText = ""
		}
	}
	earliest, hasEarliest := parse(d.DateEarliest, "date_earliest")
	latest, hasLatest := parse(d.DateLatest, "date_latest")
	if hasEarliest {
		s.row.DateEarliest = earliest.Date
	}
	if hasLatest {
		s.row.DateLatest = latest.Date.LastDay(latest.Precision)
	}
	if hasEarliest && hasLatest && s.row.DateLatest.Before(s.row.DateEarliest) {
		errs.Add(d.DateLatest.Pos(), "date_latest %s is before date_earliest %s", s.row.DateLatest, s.row.DateEarliest)
	}
	if hasDate {
		first, last := s.row.Date, s.row.Date.LastDay(s.row.DatePrecision)
		if hasEarliest && last.Before(s.row.DateEarliest) {
			errs.Add(d.Date.Pos(), "date %s is before date_earliest %s", s.row.Date, s.row.DateEarliest)
		}
		if hasLatest && s.row.DateLatest.Before(first) {
			errs.Add(d.Date.Pos(), "date %s is after date_latest %s", s.row.Date, s.row.DateLatest)
		}
	}
	if (hasEarliest || hasLatest) && !hasDate && !d.DateNote.Set() {
		errs.Add(d.Pos, "statement %q has date bounds but no date_note saying what in the text implies them", s.ID)
	}
	if inferredYears {
		notes = append(notes, fmt.Sprintf("year not stated; inferred as the latest such day on or before the publication date %s", published))
	}
	s.row.DateNote = strings.Join(notes, "; ")
}

// yearTooFarBack reports whether a date's year, inferred as the latest
// that puts it on or before publication, puts it over six months before:
// more likely a wrong day, or one still to come, than an old one.
func yearTooFarBack(v normalize.Date, published schema.Date) bool {
	return v.YearInferred && published.Time().Sub(v.Date.Time()).Hours() > 183*24
}

var isoRE = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// isISO reports whether a date is written in ISO form, as a curator writes a
// date worked out rather than read.
func isISO(s string) bool { return isoRE.MatchString(s) }

// quoteWrites says how the statement's quote writes date, if it does in
// other words ("October 30" for "30 October"), for an error about a date
// not written as the text writes it; else which dates the quote does
// write, as the date may be a slip for one of them ("October 29" where
// the quote says "October 28"); else "".
func (b *builder) quoteWrites(s *stmtInfo, date normalize.Date, published schema.Date) string {
	if s.row.Quote == "" {
		return ""
	}
	var others []string
	for _, m := range b.scanner.Scan(s.row.Quote) {
		if m.Kind != coverage.Date {
			continue
		}
		if v, err := normalize.ParseDate(m.Text, published); err == nil && v.Date == date.Date && v.Precision == date.Precision {
			return fmt.Sprintf(" (the quote writes it %q)", m.Text)
		}
		if q := strconv.Quote(m.Text); !slices.Contains(others, q) {
			others = append(others, q)
		}
	}
	if len(others) == 0 {
		return ""
	}
	return fmt.Sprintf(" (the quote writes %s: if the statement's date is there, write it as the quote does)", joinAnd(others))
}

// stillToCome tells, for a statement's date after its source's
// publication, how a day the text gives for something still to come (a
// plan, a deadline) is recorded: not as the statement's date, which is
// when it was said or done, but listed under ignore:. It names the other
// dates the quote writes, any of which may be the statement's own, and leaves
// the choice to the curator: they may be a year, a month or a span.
func (b *builder) stillToCome(s *stmtInfo, published schema.Date) string {
	hint := "; if the text gives this day for something still to come (a plan, a deadline), it is not the statement's date, which is when it was said or done: remove it from date: and list it under ignore: with a reason"
	var others []string
	for _, m := range b.scanner.Scan(s.row.Quote) {
		if m.Kind != coverage.Date {
			continue
		}
		v, err := normalize.ParseDate(m.Text, published)
		if err != nil || published.Before(v.Date) || yearTooFarBack(v, published) {
			continue // not a date the source could give as past (see dates)
		}
		if q := strconv.Quote(m.Text); !slices.Contains(others, q) {
			others = append(others, q)
		}
	}
	if len(others) > 0 {
		hint += fmt.Sprintf("; the quote writes %s: if one is when it was said or done, write that as date:", joinAnd(others))
	}
	return hint
}
