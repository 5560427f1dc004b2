package build

import (
	"strings"

	"newsfacts/pipeline/coverage"
	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/normalize"
	"newsfacts/pipeline/progress"
	"newsfacts/schema"
)

// coverage accounts for every mention that the scanner finds in each source
// text. A mention is captured when:
//
//   - country: it lies in the quote of a statement that names the country in
//     a country role or refers to an entity of that country;
//   - date: a statement of the source has that date (or a bound on that day);
//   - number: it lies in the quote of a statement with a figure written so;
//   - quotation: a statement's quote covers the quoted words.
//
// Otherwise it must be ignored under ignore: with a reason, or it is missing.
// An ignore entry that matches nothing is an error too: stale entries hide
// future misses.
//
// A source whose files have errors is not checked: its gaps would only echo
// those errors. It is checked in the run after they are fixed.
func (b *builder) coverage(stage *progress.Stage) []coverage.Item {
	faulty := map[string]bool{}
	for f := range b.in.Faulty {
		faulty[f] = true
	}
	for _, e := range b.errs {
		faulty[e.Pos.File] = true
	}
	var items []coverage.Item
	for _, src := range b.ds.Sources {
		stage.Add(1)
		si := b.sources[src.ID]
		if si.broken || faulty[si.file] || faulty[si.factsFile] || faulty[si.textFile] {
			continue
		}
		used := make([]bool, len(si.ignores))
		for _, m := range si.mentions {
			it := coverage.Item{Mention: m, SourceID: si.ID}
			line, col := si.text.Position(m.Start)
			it.Pos = diag.Pos{File: si.textFile, Line: line, Col: col}
			if by := b.captured(si, m); by != "" {
				it.Status, it.By = coverage.Captured, by
			} else {
				it.Status = coverage.Missing
				for i, ig := range si.ignores {
					if string(m.Kind) == ig.Kind.Value && m.Text == ig.Text.Value {
						it.Status, it.By, used[i] = coverage.Ignored, ig.Reason.Value, true
					}
				}
			}
			if it.Status == coverage.Missing {
				b.errs.Add(it.Pos, "%s %q is not captured by any fact of source %s; capture it, or list it under ignore: in %s with a reason", it.Kind, it.Text, si.ID, si.factsFile)
			}
			items = append(items, it)
		}
		for i, ig := range si.ignores {
			switch k := coverage.Kind(ig.Kind.Value); {
			case k != coverage.Country && k != coverage.Date && k != coverage.Number && k != coverage.Quotation:
				b.errs.Add(ig.Kind.Pos, "ignore kind %q: expected country, date, number or quotation", ig.Kind.Value)
			case !used[i]:
				b.errs.Add(ig.Pos, "ignore entry %s %q matches no uncaptured mention in the source text: remove it", ig.Kind.Value, ig.Text.Value)
			}
		}
	}
	return items
}

// captured returns the id of a statement that captures m, or "".
func (b *builder) captured(si *sourceInfo, m coverage.Mention) string {
	for _, s := range si.stmts {
		in := s.Quote != "" && s.QuoteStart <= m.Start && m.End <= s.QuoteEnd
		switch m.Kind {
		case coverage.Country:
			if in && b.linksCountry(s, m.ISO3) {
				return s.ID
			}
		case coverage.Number:
			for _, f := range s.figures {
				if in && f.ValueText == m.Text {
					return s.ID
				}
			}
		case coverage.Date:
			v, err := normalize.ParseDate(m.Text, si.Published)
			if err != nil {
				continue
			}
			for _, d := range s.dates {
				if sameDate(v, d) {
					return s.ID
				}
			}
		case coverage.Quotation:
			start, end := innerSpan(m)
			if s.Quote != "" && s.QuoteStart <= start && end <= s.QuoteEnd {
				return s.ID
			}
		}
	}
	return ""
}

func (b *builder) linksCountry(s *stmtInfo, iso3 string) bool {
	for _, code := range s.roles {
		if code == iso3 {
			return true
		}
	}
	for _, id := range s.refs { // speaker, via, reported_by, place, participants, stance holders
		if e := b.entities[id]; e != nil && (e.ISO3 == iso3 || e.CountryISO3 == iso3) {
			return true
		}
	}
	return false
}

// sameDate compares at the coarser of the two precisions.
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

// innerSpan is the quotation without its marks and trailing punctuation, so
// that a quote may leave out a closing comma or full stop.
func innerSpan(m coverage.Mention) (int, int) {
	r := []rune(m.Text)
	start, end := 1, len(r)-1
	for end > start && strings.ContainsRune(" ,.;:!?\u00a0", r[end-1]) {
		end--
	}
	if end < start {
		end = start
	}
	return m.Start + start, m.Start + end
}
