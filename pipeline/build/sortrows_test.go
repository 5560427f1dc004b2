package build

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestSortRows: rows come out in the order of slices.SortFunc, whatever
// the permutation they came in (one row, sorted, reversed, random cycles).
func TestSortRows(t *testing.T) {
	type row struct {
		id   string
		rest []int
	}
	byID := func(a, b *row) int { return strings.Compare(a.id, b.id) }
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 300 {
		rows := make([]row, r.IntN(200))
		for i := range rows {
			rows[i] = row{id: string(rune('a'+i/26%26)) + string(rune('a'+i%26)), rest: []int{i}}
		}
		switch round % 3 {
		case 0:
			r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
		case 1:
			slices.Reverse(rows)
		}
		want := slices.Clone(rows)
		slices.SortFunc(want, func(a, b row) int { return byID(&a, &b) })
		sortRows(rows, byID)
		for i := range rows {
			if rows[i].id != want[i].id || rows[i].rest[0] != want[i].rest[0] {
				t.Fatalf("round %d: place %d holds %v, want %v", round, i, rows[i], want[i])
			}
		}
	}
}
