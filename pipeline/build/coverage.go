package build

import (
	"fmt"
	"slices"
	"strings"

	"newsfacts/pipeline/coverage"
	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/normalize"
	"newsfacts/pipeline/parallel"
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
// those errors. It is checked in the run after they are fixed. Nor is one
// whose facts are most likely in a misnamed file (see misnamedFacts). A
// source that no facts file describes is checked, and its missing mentions
// make one error, not one each.
//
// A source is accounted for as soon as its statements are committed (see
// accountBatch), so that its mentions, a seventh of a million statements'
// memory at the end of the checks, can go. coverage then
// accounts for the sources that no facts file describes, and drops the
// account of a source in whose files errors were found since (by a later
// batch, or by the checks that need every statement). A file never loses
// its errors before coverage (holdBack, which takes some out, runs after
// it), so a source left unchecked at its batch is still unchecked here.
func (b *builder) coverage(stage *progress.Stage, listing Listing) (coverage.Counts, []coverage.Item) {
	b.noteFaulty()
	var rest []*sourceInfo
	for _, src := range b.ds.Sources {
		si := b.sources[src.ID]
		switch a := &b.accounts[si.index]; {
		case a.done && !b.checked(si):
			*a = account{}
		case !a.done && b.checked(si): // in no batch: no facts file describes it
			rest = append(rest, si)
		}
	}
	textErrs := make([]error, len(rest))
	parallel.ForEach(len(rest), func(i int) {
		var text string
		if text, textErrs[i] = b.readText(rest[i]); textErrs[i] == nil {
			b.scan(rest[i], text)
			b.account(rest[i], listing)
		}
	})
	for i, err := range textErrs {
		b.textFailed(rest[i], err)
	}
	// In the order of the sources' ids: the list's, and the errors'.
	var total coverage.Counts
	var items []coverage.Item
	for _, src := range b.ds.Sources {
		a := &b.accounts[b.sources[src.ID].index]
		b.errs.Append(a.errs)
		total.Merge(a.counts)
		items = append(items, a.items...)
		*a = account{}
	}
	stage.Add(len(b.accounts))
	return total, items
}

// account is the coverage of one source's mentions.
type account struct {
	done   bool // its mentions are accounted for, unless errors are found in its files since
	errs   diag.List
	counts coverage.Counts
	items  []coverage.Item // with ListMentions
}

// accountBatch accounts for the sources of a committed batch of
// statements, on every core, and lets go of what only their checks and
// coverage read: their mentions, texts and ignore entries, and what their
// statements kept for coverage. Each source is in one batch only: its one
// facts file's (named after it).
func (b *builder) accountBatch(sources []*sourceInfo, listing Listing) {
	b.noteFaulty()
	parallel.ForEach(len(sources), func(i int) {
		si := sources[i]
		if b.checked(si) {
			b.account(si, listing)
		}
		si.mentions, si.places, si.lines, si.ignores = nil, nil, nil, nil
		// Nothing else holds the text (si.text is let go by statements):
		// the rows that quote it are written to a file (see spill).
		for _, s := range si.stmts {
			s.stmtCheck = nil
		}
	})
}

// account accounts for the mentions of si.
func (b *builder) account(si *sourceInfo, listing Listing) {
	a := &b.accounts[si.index]
	items := make([]coverage.Item, len(si.mentions))
	b.sourceCoverage(si, items, &a.errs)
	for _, it := range items {
		a.counts.Add(it.Status)
	}
	if listing == ListMentions {
		a.items = items
	}
	a.done = true
}

// noteFaulty notes the files of the errors found since it last ran.
func (b *builder) noteFaulty() {
	for _, e := range b.errs[b.faultyNoted:] {
		b.faulty[e.Pos.File] = true
	}
	b.faultyNoted = len(b.errs)
}

// checked says whether coverage checks si: whether none of its files
// has errors, as far as noted, and no misnamed facts file may hold its
// facts (see misnamedFacts).
func (b *builder) checked(si *sourceInfo) bool {
	return !si.broken && !si.factsMisnamed && !b.faulty[si.file] && !b.faulty[si.factsFile] && !b.faulty[si.textFile]
}

// ignoreKinds are the kinds of mention an ignore entry may name: every
// kind the scan finds.
var ignoreKinds = []coverage.Kind{coverage.Country, coverage.Date, coverage.Number, coverage.Quotation}

// sourceCoverage accounts for the mentions of one source, each into its
// item.
func (b *builder) sourceCoverage(si *sourceInfo, items []coverage.Item, errs *diag.List) {
	used := make([]bool, len(si.ignores))
	// An ignore entry's kind that is a slip for one is read as that one,
	// as a misspelt key is: its error says so, and the mention it meant
	// is not reported as not captured as well.
	kinds := make([]coverage.Kind, len(si.ignores))
	for i, ig := range si.ignores {
		kinds[i] = coverage.Kind(ig.Kind.Value)
		if !oneOf(kinds[i], ignoreKinds) {
			if meant, ok := slipOf(ig.Kind.Value, ignoreKinds); ok {
				kinds[i] = meant
			}
		}
	}
	x := newQuoteIndex(si.stmts)
	var missing []coverage.Kind // of a source that no facts file describes, or no statement
	var firstMissing diag.Pos
	for k, m := range si.mentions {
		it := &items[k]
		*it = coverage.Item{Mention: m, SourceID: si.ID}
		line, col := si.lines.Position(m.Start)
		it.Pos = diag.Pos{File: si.textFile, Line: line, Col: col}
		if by := b.captured(si, x, m); by != "" {
			it.Status, it.By = coverage.Captured, by
		} else {
			it.Status = coverage.Missing
			for i, ig := range si.ignores {
				if m.Kind == kinds[i] && m.Text == ig.Text.Value {
					it.Status, it.By, used[i] = coverage.Ignored, ig.Reason.Value, true
				}
			}
		}
		switch {
		case it.Status != coverage.Missing:
		case !si.described || len(si.stmts) == 0:
			if len(missing) == 0 {
				firstMissing = it.Pos
			}
			missing = append(missing, it.Kind)
		case it.Kind == coverage.Country && it.Shared():
			errs.Add(it.Pos, "%s %q is not captured by any fact of source %s; it is a name %s share: capture the one the text means, by its own name, or list it under ignore: in %s with a reason", it.Kind, it.Text, si.ID, strings.Join(it.Codes(), " and "), si.factsFile)
		default:
			errs.Add(it.Pos, "%s %q is not captured by any fact of source %s; capture it, or list it under ignore: in %s with a reason", it.Kind, it.Text, si.ID, si.factsFile)
		}
	}
	switch {
	// One error, not one for each mention of a text that no fact has
	// been written for yet.
	case len(missing) > 0 && !si.described:
		errs.Add(firstMissing, "source %s has no facts file: its text has %s (the first here), which facts must capture or list under ignore: in %s", si.ID, mentionCounts(missing), si.factsFile)
	case len(missing) > 0:
		errs.Add(firstMissing, "source %s has no statements yet: its text has %s (the first here) that statements in %s must capture, or its ignore: list", si.ID, mentionCounts(missing), si.factsFile)
	}
	for i, ig := range si.ignores {
		switch {
		case !oneOf(coverage.Kind(ig.Kind.Value), ignoreKinds):
			errs.Add(ig.Kind.Pos(), "ignore kind %q: %s", ig.Kind.Value, expectedOneOf(ig.Kind.Value, ignoreKinds))
		case !used[i]:
			errs.Add(ig.Pos, "ignore entry %s %q matches no uncaptured mention in the source text: remove it", ig.Kind.Value, ig.Text.Value)
		}
	}
}

// quoteIndex finds, for a mention, the statements of one source that could
// capture it, without trying every statement for every mention (which
// would grow with the square of a source's length): quotes through a
// spanIndex, dates by value.
type quoteIndex struct {
	stmts  []*stmtInfo // in the source's order: the first that captures wins
	quoted []int       // indexes into stmts of the statements with a located quote
	spans  *spanIndex  // over quoted
	// The first statement with a date of each value, by precision:
	// "2022", "2022-10", "2022-10-30".
	years, months, days map[string]int // dates of year, month, day precision
	yearsOf, monthsOf   map[string]int // the year, or year and month, of a date of any finer precision
}

func newQuoteIndex(stmts []*stmtInfo) *quoteIndex {
	x := &quoteIndex{stmts: stmts, years: map[string]int{}, months: map[string]int{}, days: map[string]int{}, yearsOf: map[string]int{}, monthsOf: map[string]int{}}
	first := func(m map[string]int, key string, i int) {
		if _, ok := m[key]; !ok {
			m[key] = i
		}
	}
	for i, s := range stmts {
		if s.row.Quote != "" {
			x.quoted = append(x.quoted, i)
		}
		for _, d := range s.dates {
			iso := d.Date.String() // 2022-10-30
			switch d.Precision {
			case schema.PrecisionYear:
				first(x.years, iso[:4], i)
			case schema.PrecisionMonth:
				first(x.months, iso[:7], i)
				first(x.yearsOf, iso[:4], i)
			default:
				first(x.days, iso, i)
				first(x.monthsOf, iso[:7], i)
				first(x.yearsOf, iso[:4], i)
			}
		}
	}
	x.spans = newSpanIndex(len(x.quoted), func(k int) (int, int) {
		s := stmts[x.quoted[k]]
		return s.row.QuoteStart, s.row.QuoteEnd
	})
	return x
}

// covering returns the first statement, in the source's order, whose quote
// covers [start, end) and for which ok holds; -1 if none.
func (x *quoteIndex) covering(start, end int, ok func(*stmtInfo) bool) int {
	best := -1
	x.spans.containing(start, end, func(k int) bool {
		if i := x.quoted[k]; (best < 0 || i < best) && ok(x.stmts[i]) {
			best = i
		}
		return true
	})
	return best
}

// dated returns the first statement with a date equal to v when the two
// are compared at the coarser of their precisions ("October 2022" is
// "2022-10-30"; "2022" is any day of 2022); -1 if none.
func (x *quoteIndex) dated(v normalize.Date) int {
	best := -1
	try := func(m map[string]int, key string) {
		if i, ok := m[key]; ok && (best < 0 || i < best) {
			best = i
		}
	}
	iso := v.Date.String()
	switch v.Precision {
	case schema.PrecisionYear: // compared at the year, whatever the statement's precision
		try(x.years, iso[:4])
		try(x.yearsOf, iso[:4])
	case schema.PrecisionMonth:
		try(x.years, iso[:4])
		try(x.months, iso[:7])
		try(x.monthsOf, iso[:7])
	default:
		try(x.years, iso[:4])
		try(x.months, iso[:7])
		try(x.days, iso)
	}
	return best
}

// captured returns the id of a statement that captures m, or "".
func (b *builder) captured(si *sourceInfo, x *quoteIndex, m coverage.Mention) string {
	i := -1
	switch m.Kind {
	case coverage.Country:
		codes := m.Codes() // one, or those that share the name: any captures it
		i = x.covering(m.Start, m.End, func(s *stmtInfo) bool {
			return slices.ContainsFunc(codes, func(code string) bool { return b.linksCountry(s, code) })
		})
	case coverage.Number:
		i = x.covering(m.Start, m.End, func(s *stmtInfo) bool {
			return slices.ContainsFunc(s.figures, func(f schema.Figure) bool { return f.ValueText == m.Text })
		})
	case coverage.Date:
		if v, err := normalize.ParseDate(m.Text, si.Published); err == nil {
			i = x.dated(v)
		}
	case coverage.Quotation:
		start, end := innerSpan(m)
		i = x.covering(start, end, func(*stmtInfo) bool { return true })
	}
	if i < 0 {
		return ""
	}
	return x.stmts[i].ID
}

// linksCountry runs while statements are accounted for, before
// finishEntities moves the entities' rows: after it, a source being
// accounted for has no statements (no facts file describes it).
func (b *builder) linksCountry(s *stmtInfo, iso3 string) bool {
	if b.entities == nil {
		panic("linksCountry after finishEntities, which moved the entities' rows")
	}
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

// mentionCounts says how many mentions of each kind kinds holds: "3
// countries, 1 date and 2 quotations".
func mentionCounts(kinds []coverage.Kind) string {
	var parts []string
	for _, k := range ignoreKinds {
		n := 0
		for _, m := range kinds {
			if m == k {
				n++
			}
		}
		switch {
		case n == 1:
			parts = append(parts, "1 "+string(k))
		case n > 1 && k == coverage.Country:
			parts = append(parts, fmt.Sprintf("%d countries", n))
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %ss", n, k))
		}
	}
	return joinAnd(parts)
}
