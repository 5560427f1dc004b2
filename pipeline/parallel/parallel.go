// Package parallel runs independent pieces of work on every core. Callers
// give each piece its own slot for results and errors and read them in
// order afterwards, so that nothing written depends on which goroutine
// finished first.
package parallel

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// ForEach calls fn(0) … fn(n-1) on as many goroutines as there are cores
// and returns when every call has.
func ForEach(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// ForEachLargestFirst is ForEach, with the calls started in order of
// size, largest first: a large piece started last would leave one core
// working alone at the end.
func ForEachLargestFirst(n int, size func(i int) int, fn func(i int)) {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(size(j), size(i)) })
	ForEach(n, func(k int) { fn(order[k]) })
}

// Do runs the functions at once and returns their errors in the order of
// the functions (nil where one succeeded).
func Do(fns ...func() error) []error {
	errs := make([]error, len(fns))
	ForEach(len(fns), func(i int) { errs[i] = fns[i]() })
	return errs
}
