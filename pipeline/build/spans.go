package build

import (
	"slices"
	"sort"

	"newsfacts/pipeline/coverage"
)

// spanIndex answers "which spans contain [start, end)?" in time that grows
// with the answer, not with the spans: the spans sorted by start, under a
// segment tree of their largest end, so that a whole range of spans that
// all end too early is skipped at once. Without it, finding the quotes that
// cover each mention of a long source would compare every mention with
// every quote.
type spanIndex struct {
	starts []int // span starts, ascending
	ids    []int // ids[k]: the caller's index of the k-th span
	size   int   // leaves of the tree: a power of two, at least len(starts)
	maxEnd []int // the tree: maxEnd[1] is the root; leaf k is maxEnd[size+k]
}

// newSpanIndex indexes n spans; span(i) gives the i-th.
func newSpanIndex(n int, span func(i int) (start, end int)) *spanIndex {
	x := &spanIndex{ids: make([]int, n), starts: make([]int, n), size: 1}
	for i := range x.ids {
		x.ids[i] = i
	}
	starts := make([]int, n)
	ends := make([]int, n)
	for i := range n {
		starts[i], ends[i] = span(i)
	}
	slices.SortStableFunc(x.ids, func(a, b int) int { return starts[a] - starts[b] })
	for x.size < n {
		x.size *= 2
	}
	x.maxEnd = make([]int, 2*x.size)
	for k := range x.maxEnd {
		x.maxEnd[k] = -1
	}
	for k, i := range x.ids {
		x.starts[k] = starts[i]
		x.maxEnd[x.size+k] = ends[i]
	}
	for k := x.size - 1; k >= 1; k-- {
		x.maxEnd[k] = max(x.maxEnd[2*k], x.maxEnd[2*k+1])
	}
	return x
}

// containing calls visit with the index of every span that starts at or
// before start and ends at or after end, until visit returns false.
func (x *spanIndex) containing(start, end int, visit func(i int) bool) {
	last := sort.SearchInts(x.starts, start+1) - 1 // the last span starting at or before start
	if last >= 0 {
		x.walk(1, 0, x.size, last, end, visit)
	}
}

// walk visits the spans under node, which covers positions [lo, hi), that
// are at or before position last and end at or after end.
func (x *spanIndex) walk(node, lo, hi, last, end int, visit func(int) bool) bool {
	if lo > last || x.maxEnd[node] < end {
		return true
	}
	if hi-lo == 1 {
		return visit(x.ids[lo])
	}
	mid := (lo + hi) / 2
	return x.walk(2*node, lo, mid, last, end, visit) && x.walk(2*node+1, mid, hi, last, end, visit)
}

// mentionIndex finds a source's mentions by place: quotations that contain
// or lie in a span, and mentions of a country within a span.
type mentionIndex struct {
	quotations []coverage.Mention // by start
	containing *spanIndex         // over quotations
	countries  map[string][]coverage.Mention
}

func newMentionIndex(mentions []coverage.Mention) *mentionIndex {
	x := &mentionIndex{countries: map[string][]coverage.Mention{}}
	for _, m := range mentions { // Scan lists them by start
		switch m.Kind {
		case coverage.Quotation:
			x.quotations = append(x.quotations, m)
		case coverage.Country: // under each country of a name they share
			for _, code := range m.Codes() {
				x.countries[code] = append(x.countries[code], m)
			}
		}
	}
	x.containing = newSpanIndex(len(x.quotations), func(i int) (int, int) { return x.quotations[i].Start, x.quotations[i].End })
	return x
}

// inside returns the first of the mentions, which are sorted by start,
// that lies within [start, end), and whether there is one.
func inside(mentions []coverage.Mention, start, end int) (coverage.Mention, bool) {
	k := sort.Search(len(mentions), func(k int) bool { return mentions[k].Start >= start })
	for ; k < len(mentions) && mentions[k].Start < end; k++ {
		if mentions[k].End <= end {
			return mentions[k], true
		}
	}
	return coverage.Mention{}, false
}

// quoteType says whose words [start, end) are: direct when a quotation of
// the text contains it, mixed when it contains one, reported otherwise.
func (x *mentionIndex) quoteType(start, end int) (direct, mixed bool) {
	x.containing.containing(start, end, func(int) bool { direct = true; return false })
	_, mixed = inside(x.quotations, start, end)
	return direct, mixed
}

// namesCountry reports whether a mention of the country code lies within
// [start, end).
func (x *mentionIndex) namesCountry(code string, start, end int) bool {
	_, ok := inside(x.countries[code], start, end)
	return ok
}
