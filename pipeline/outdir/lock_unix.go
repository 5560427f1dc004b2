//go:build unix

package outdir

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// openNoFollow opens or makes the lock file, refusing a link where it
// goes (checked before, and refused here too should one appear since).
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE|unix.O_NOFOLLOW, 0o644)
}

func isLoop(err error) bool { return errors.Is(err, unix.ELOOP) }

// flock is the system's, or a test's that fails as a file system that
// cannot lock does.
var flock = unix.Flock

// tryLock takes the exclusive lock of f without waiting; busy reports
// that another open file holds it, in this process or another.
func tryLock(f *os.File) (busy bool, err error) {
	err = flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return true, nil
	}
	return false, err
}

// unsupported reports whether err is a file system's refusal to lock
// at all (some network file systems), rather than a failure.
func unsupported(err error) bool {
	return errors.Is(err, unix.ENOLCK) || errors.Is(err, unix.EOPNOTSUPP) || errors.Is(err, unix.ENOSYS)
}
