package pages

import (
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// pageSize is the system's page size: madvise takes whole pages.
var pageSize = uintptr(os.Getpagesize())

// populate asks for the whole pages of the size bytes at p. An error
// (EINVAL before Linux 5.14, ENOMEM when memory is short) leaves the
// pages to be faulted in one at a time, as they would be without it.
func populate(p unsafe.Pointer, size uintptr) error {
	from := uintptr(p)
	start := (from + pageSize - 1) &^ (pageSize - 1)
	end := (from + size) &^ (pageSize - 1)
	if end <= start {
		return nil
	}
	return unix.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, start-from)), end-start), unix.MADV_POPULATE_WRITE)
}
