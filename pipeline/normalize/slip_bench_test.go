package normalize

import (
	"fmt"
	"testing"
)

// BenchmarkSlipClosest: one unknown reference against the ids and names
// of a million-statement corpus's half a million entities.
func BenchmarkSlipClosest(b *testing.B) {
	var names []string
	for i := range 500_000 {
		names = append(names, fmt.Sprintf("person-%07d-%d", i/3, i%3), fmt.Sprintf("Name%d Surname%d", i%1000, i/1000))
	}
	for b.Loop() {
		NewSlip("persn-0000000-0").Closest(names)
	}
}
