// Package pages asks the kernel for the heap's memory in fewer faults:
// in huge pages (PreferHuge).
//
// Memory the process has not used before is given to it a page at a
// time, on the first write to each page: a fault, a trap into the kernel
// and out. On the virtual machines builds run on, that trap is dear:
// BenchmarkTouch writes 256 MiB of new memory in small and in huge pages.
//
// (It also asked for a large table's pages at once, with
// madvise(MADV_POPULATE_WRITE): the statements' rows, made early of new
// memory, whose first writes took 7.7 s of the two cores' time at a
// million statements. The rows are now written to a file as they are
// checked, and no table of that size is made.)
package pages
