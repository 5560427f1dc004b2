package pages

import (
	"os"
	"syscall"
	"unsafe"
)

// madvPopulateWrite is MADV_POPULATE_WRITE, which the syscall package
// does not name.
const madvPopulateWrite = 23

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
	// The address is converted in the call's arguments, as unsafe.Pointer
	// requires of a system call's.
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, uintptr(unsafe.Add(p, start-from)), end-start, madvPopulateWrite)
	if errno != 0 {
		return errno
	}
	return nil
}
