package echarts

import (
	"cmp"
	"fmt"
	"slices"

	"newsfacts/schema"
)

// A chart is read on a phone, in an article: past a few hundred marks it
// is a smudge, and a page of a million statements would not load. So each
// chart draws at most these many marks, the most recent first chosen, and
// says in its subtitle how many it leaves out; the tables hold them all.
// They also keep the cost of the charts from growing with the dataset.
const (
	timelineLimit = 300 // dated statements on the timeline
	speakerRows   = 24  // timeline rows: past as many speakers, the busiest 23 have one each, the others share the last
	undatedLimit  = 50  // undated statements listed under it
	figuresLimit  = 20  // figures on the figures chart
	headlineLimit = 3   // figures written on the map
	claimsLimit   = 30  // claims on the network, those with the most stances
	stancesLimit  = 250 // stances on the network
	creditSources = 3   // sources named one by one in the credit line
)

// said is what the charts order statements by: the date, and the row,
// which is in id order (see schema.Index); -1 for a statement that is not
// in the dataset, which is undated.
type said struct {
	date schema.Date
	row  int
}

// newestFirst orders statements by date, the latest first, undated last,
// then by id: the order in which charts choose what to draw.
func newestFirst(a, b said) int {
	switch {
	case a.date.IsZero() != b.date.IsZero():
		if a.date.IsZero() {
			return 1
		}
		return -1
	case !a.date.IsZero():
		if c := b.date.Compare(a.date); c != 0 {
			return c
		}
	}
	return cmp.Compare(a.row, b.row)
}

// newest returns at most limit of items: those whose statements (saidOf
// gives each one's) come first by newestFirst, ties in the items' order,
// kept in the items' order. Every chart with a limit chooses through it.
//
// The chosen are kept in a heap whose root is the last of them: each item
// costs a comparison with it, and log(limit) more when it is chosen, where
// sorting every item would cost log(items) each (a million statements'
// timeline sorted 1.9 CPU-seconds of the charts' 5.6).
func newest[T any](items []T, limit int, saidOf func(T) said) []T {
	if len(items) <= limit {
		return items
	}
	if limit <= 0 {
		return []T{}
	}
	type choice struct {
		item int
		said said
	}
	// before orders choices as the charts choose: newestFirst, then the
	// items' order.
	before := func(a, b *choice) bool {
		if c := newestFirst(a.said, b.said); c != 0 {
			return c < 0
		}
		return a.item < b.item
	}
	chosen := make([]choice, 0, limit) // a heap: no choice comes after its parent
	down := func(at int) {
		for {
			last, l, r := at, 2*at+1, 2*at+2
			if l < len(chosen) && before(&chosen[last], &chosen[l]) {
				last = l
			}
			if r < len(chosen) && before(&chosen[last], &chosen[r]) {
				last = r
			}
			if last == at {
				return
			}
			chosen[at], chosen[last] = chosen[last], chosen[at]
			at = last
		}
	}
	for i := range items {
		c := choice{i, saidOf(items[i])}
		if len(chosen) < limit {
			chosen = append(chosen, c)
			for at := len(chosen) - 1; at > 0 && before(&chosen[(at-1)/2], &chosen[at]); at = (at - 1) / 2 {
				chosen[at], chosen[(at-1)/2] = chosen[(at-1)/2], chosen[at]
			}
			continue
		}
		if before(&c, &chosen[0]) {
			chosen[0] = c
			down(0)
		}
	}
	slices.SortFunc(chosen, func(a, b choice) int { return cmp.Compare(a.item, b.item) })
	out := make([]T, len(chosen))
	for k, c := range chosen {
		out[k] = items[c.item]
	}
	return out
}

// saidOf is what newest orders the statement with id by, from the index:
// no statement is read.
func (l lookups) saidOf(id string) said {
	row, ok := l.StatementRow(id)
	if !ok {
		return said{row: -1}
	}
	return said{l.StatementBrief(row).Date, row}
}

// newestFigures returns at most limit figures, those of the latest
// statements, in the dataset's order (which is by figure id).
func newestFigures(figures []schema.Figure, l lookups, limit int) []schema.Figure {
	return newest(figures, limit, func(f schema.Figure) said { return l.saidOf(f.StatementID) })
}

// shownOf says how many of all a chart shows, when it does not show all.
func shownOf(shown, all int, what string) string {
	if shown >= all {
		return ""
	}
	return fmt.Sprintf(" Shown: the %d most recent of %d %s; the tables hold them all.", shown, all, what)
}
