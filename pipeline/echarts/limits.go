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
	undatedLimit  = 50  // undated statements listed under it
	figuresLimit  = 20  // figures on the figures chart
	headlineLimit = 3   // figures written on the map
	claimsLimit   = 30  // claims on the network, those with the most stances
	stancesLimit  = 250 // stances on the network
	creditSources = 3   // sources named one by one in the credit line
)

// newestFirst orders statements by date, the latest first, undated last,
// then by id: the order in which charts choose what to draw.
func newestFirst(a, b *schema.Statement) int {
	switch {
	case a.Date.IsZero() != b.Date.IsZero():
		if a.Date.IsZero() {
			return 1
		}
		return -1
	case !a.Date.IsZero():
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
	}
	return cmp.Compare(a.ID, b.ID)
}

// newestFigures returns at most limit figures, those of the latest
// statements, in the dataset's order.
func newestFigures(figures []schema.Figure, l lookups, limit int) []schema.Figure {
	if len(figures) <= limit {
		return figures
	}
	idx := make([]int, len(figures))
	for i := range idx {
		idx[i] = i
	}
	undated := &schema.Statement{}
	stmt := func(f schema.Figure) *schema.Statement {
		if s := l.statements[f.StatementID]; s != nil {
			return s
		}
		return undated
	}
	slices.SortFunc(idx, func(i, j int) int {
		if c := newestFirst(stmt(figures[i]), stmt(figures[j])); c != 0 {
			return c
		}
		return cmp.Compare(figures[i].ID, figures[j].ID)
	})
	idx = idx[:limit]
	slices.Sort(idx)
	out := make([]schema.Figure, len(idx))
	for k, i := range idx {
		out[k] = figures[i]
	}
	return out
}

// shownOf says how many of all a chart shows, when it does not show all.
func shownOf(shown, all int, what string) string {
	if shown >= all {
		return ""
	}
	return fmt.Sprintf(" Shown: the %d most recent of %d %s; the tables hold them all.", shown, all, what)
}
