package build

import (
	"math/rand/v2"
	"slices"
	"testing"

	"newsfacts/pipeline/coverage"
)

// TestSpanIndex compares containing with trying every span, for nested,
// overlapping and equal spans.
func TestSpanIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for range 3000 {
		n := rng.IntN(40)
		starts, ends := make([]int, n), make([]int, n)
		for i := range n {
			starts[i] = rng.IntN(50)
			ends[i] = starts[i] + rng.IntN(50)
		}
		x := newSpanIndex(n, func(i int) (int, int) { return starts[i], ends[i] })
		start := rng.IntN(60)
		end := start + rng.IntN(20)
		var got, want []int
		x.containing(start, end, func(i int) bool { got = append(got, i); return true })
		for i := range n {
			if starts[i] <= start && end <= ends[i] {
				want = append(want, i)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("spans containing [%d, %d): index finds %v, trying each finds %v", start, end, got, want)
		}
	}
}

// TestMentionIndex compares the quote types and country checks with
// trying every mention, as build did before it had the index.
func TestMentionIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 10))
	codes := []string{"IRN", "TJK"}
	for range 3000 {
		var mentions []coverage.Mention
		for range rng.IntN(30) {
			m := coverage.Mention{Start: rng.IntN(100)}
			m.End = m.Start + 1 + rng.IntN(20)
			if rng.IntN(2) == 0 {
				m.Kind = coverage.Quotation
			} else {
				m.Kind, m.ISO3 = coverage.Country, codes[rng.IntN(2)]
			}
			mentions = append(mentions, m)
		}
		slices.SortStableFunc(mentions, func(a, b coverage.Mention) int { return a.Start - b.Start })
		x := newMentionIndex(mentions)
		start := rng.IntN(100)
		end := start + 1 + rng.IntN(40)
		var direct, mixed, names bool
		for _, m := range mentions {
			switch {
			case m.Kind == coverage.Quotation && m.Start <= start && end <= m.End:
				direct = true
			case m.Kind == coverage.Quotation && start <= m.Start && m.End <= end:
				mixed = true
			}
			names = names || m.Kind == coverage.Country && m.ISO3 == "IRN" && start <= m.Start && m.End <= end
		}
		gotDirect, gotMixed := x.quoteType(start, end)
		if gotDirect != direct || (!direct && gotMixed != mixed) {
			t.Fatalf("quote [%d, %d) in %v: direct %v mixed %v, want %v %v", start, end, mentions, gotDirect, gotMixed, direct, mixed)
		}
		if got := x.namesCountry("IRN", start, end); got != names {
			t.Fatalf("quote [%d, %d) in %v: names IRN %v, want %v", start, end, mentions, got, names)
		}
	}
}
