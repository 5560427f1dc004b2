package pages

import "syscall"

// madvPopulateWrite is MADV_POPULATE_WRITE, which the syscall package
// does not name.
const madvPopulateWrite = 23

// populate asks for the pages from addr, for size bytes. An error (EINVAL
// before Linux 5.14, ENOMEM when memory is short) leaves the pages to be
// faulted in one at a time, as they would be without it.
func populate(addr, size uintptr) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, addr, size, madvPopulateWrite); errno != 0 {
		return errno
	}
	return nil
}
