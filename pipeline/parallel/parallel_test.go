package parallel

import (
	"errors"
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
