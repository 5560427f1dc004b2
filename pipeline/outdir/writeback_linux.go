package outdir

import (
	"os"

	"golang.org/x/sys/unix"
)

// startWriteback is sync_file_range(SYNC_FILE_RANGE_WRITE) of the whole
// file: the writing of its dirty pages is started, not waited for.
func startWriteback(f *os.File) error {
	conn, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var rangeErr error
	if err := conn.Control(func(fd uintptr) {
		rangeErr = unix.SyncFileRange(int(fd), 0, 0, unix.SYNC_FILE_RANGE_WRITE)
	}); err != nil {
		return err
	}
	if rangeErr != nil {
		return &os.PathError{Op: "sync_file_range", Path: f.Name(), Err: rangeErr}
	}
	return nil
}
