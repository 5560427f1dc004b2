// Package pages asks the kernel for the memory of a large table at once.
//
// Memory the process has not used before is given to it a page at a
// time, on the first write to each page: a fault, a trap into the kernel
// and out, 4 KiB each. On the virtual machines builds run on, that trap is
// dear: a million statements' rows (360 MB, 88,000 pages) took 1.7 s to
// fill in a test program, and 0.55 s when their pages were asked for in
// one call first (BenchmarkPopulate measures it on the machine at hand).
package pages

import (
	"runtime"
	"unsafe"
)

// pageSize is the size of the pages asked for; a smaller page of the
// system's is asked for in full all the same (the call takes a range).
const pageSize = 4096

// Populate asks the kernel for the pages of s's memory that lie wholly
// within it, as though each had been written, in one call (Linux 5.14 or
// later; elsewhere, and on an older kernel, it does nothing). It changes
// nothing in s: call it on a slice just made, before filling it. Small
// slices, most of whose pages the heap has used before, are left alone.
// The error is the kernel's, for tests: a caller has nothing to do about
// it, as the pages then come as they would have without it.
func Populate[E any](s []E) error {
	var e E
	size := uintptr(cap(s)) * unsafe.Sizeof(e)
	if size < minSize {
		return nil
	}
	from := uintptr(unsafe.Pointer(unsafe.SliceData(s[:cap(s)])))
	start, end := (from+pageSize-1)&^(pageSize-1), (from+size)&^(pageSize-1)
	var err error
	if end > start {
		err = populate(start, end-start)
	}
	runtime.KeepAlive(s)
	return err
}

// minSize is the least slice Populate asks for: the Go heap allocates
// anything smaller from pages it has most likely used before.
const minSize = 1 << 20
