package parallel

import (
	"errors"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
)

func TestForEachCallsEachOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 1000} {
		calls := make([]atomic.Int32, n)
		ForEach(n, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Fatalf("n=%d: fn(%d) called %d times", n, i, c)
			}
		}
	}
}

func TestDoKeepsErrorsInOrder(t *testing.T) {
	bad := errors.New("bad")
	errs := Do(func() error { return nil }, func() error { return bad }, func() error { return nil })
	if len(errs) != 3 || errs[0] != nil || errs[1] != bad || errs[2] != nil {
		t.Errorf("Do: %v", errs)
	}
}

func TestForEachLargestFirst(t *testing.T) {
	sizes := []int{3, 9, 1, 9, 5}
	var mu sync.Mutex
	var started []int
	old := runtime.GOMAXPROCS(1) // one goroutine: the calls' order is the starting order
	defer runtime.GOMAXPROCS(old)
	ForEachLargestFirst(len(sizes), func(i int) int { return sizes[i] }, func(i int) {
		mu.Lock()
		started = append(started, i)
		mu.Unlock()
	})
	if want := []int{1, 3, 4, 0, 2}; !slices.Equal(started, want) {
		t.Errorf("started %v, want %v (largest first, ties in index order)", started, want)
	}
}
