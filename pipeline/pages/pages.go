// Package pages asks the kernel for memory in fewer faults: the memory
// of a large table at once (Populate), and the heap's in huge pages
// (PreferHuge).
//
// Memory the process has not used before is given to it a page at a
// time, on the first write to each page: a fault, a trap into the kernel
// and out. On the virtual machines builds run on, that trap is dear:
// BenchmarkFill writes 360 MB of new memory (a million statements' rows,
// as they were before they shrank to 256 MB) with and without asking for
// its pages first, and BenchmarkTouch 256 MiB in small and in huge pages.
//
// Only memory the process has never used gains. The Go heap zeroes memory
// it hands out again, which writes every page there and then, so a table
// made late in a build, of memory freed by earlier work, has its pages
// already. The statements' table is made early, of new memory: in a CPU
// profile of a million statements, the first write to each of its rows
// had taken 7.7 s of the two cores' time, and took 0.2 s once it was asked
// for at once. Where PreferHuge has reserved room for the heap, the table
// is made in it, and zeroed there by the runtime, in huge pages: Populate
// then finds its pages resident already. It still gains where the heap
// has no huge pages.
package pages

import "unsafe"

// Populate asks the kernel for the pages of s's backing array, up to
// cap(s), that lie wholly within it, as though each had been written, in
// one call (Linux 5.14 or later; elsewhere it does nothing, and on an
// older kernel the call fails and changes nothing). It changes nothing in
// s. Slices under a MiB are left alone: the heap takes them from pages it
// has most likely used before. The error is the kernel's, for tests: a
// caller has nothing to do about it, as the pages then come as they would
// have without it.
func Populate[E any](s []E) error {
	var e E
	size := uintptr(cap(s)) * unsafe.Sizeof(e)
	if size < minSize {
		return nil
	}
	return populate(unsafe.Pointer(unsafe.SliceData(s)), size)
}

// minSize is the least slice Populate asks for.
const minSize = 1 << 20
