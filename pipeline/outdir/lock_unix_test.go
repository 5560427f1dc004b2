//go:build unix

package outdir

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestUnlockRemovesBeforeLettingGo: a build waiting on the lock file gets
// the lock only once the file is gone, so that it sees it lost the race
// and locks the new one; let go first, the file would still be there.
func TestUnlockRemovesBeforeLettingGo(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	l, err := Acquire(out)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out + ".lock")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gone := make(chan error)
	go func() {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX) // waits for Unlock
		if err == nil {
			_, err = os.Stat(out + ".lock")
		}
		gone <- err
	}()
	time.Sleep(50 * time.Millisecond) // for the goroutine to wait on the lock: only a waiter could see the file
	l.Unlock()
	if err := <-gone; !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("when the lock was let go, the lock file: %v, want it removed", err)
	}
}

// TestDanglingLinkRefused: a link where the lock file goes is refused,
// even one to nothing, whose target the lock would otherwise make.
func TestDanglingLinkRefused(t *testing.T) {
	parent := t.TempDir()
	out, target := filepath.Join(parent, "out"), filepath.Join(parent, "nowhere")
	if err := os.Symlink(target, out+".lock"); err != nil {
		t.Fatal(err)
	}
	if _, err := Acquire(out); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("Acquire: %v, want a refusal", err)
	}
	if _, err := os.Lstat(target); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the link's target was made: %v", err)
	}
}

// TestLockUnsupported: on a file system that cannot lock, the folder is
// written unlocked, and the lock says why; a failure to lock for another
// reason is an error.
func TestLockUnsupported(t *testing.T) {
	defer func(f func(int, int) error) { flock = f }(flock)
	out := filepath.Join(t.TempDir(), "out")
	flock = func(int, int) error { return unix.ENOLCK }
	l, err := Acquire(out)
	if err != nil || !errors.Is(l.Unlocked, unix.ENOLCK) {
		t.Fatalf("Acquire: %v, Unlocked %v; want the lock, unlocked for ENOLCK", err, l.Unlocked)
	}
	if err := l.Replace(stamp, write("a.csv", "x")); err != nil {
		t.Error(err)
	}
	l.Unlock()
	flock = func(int, int) error { return unix.EIO }
	if _, err := Acquire(out); !errors.Is(err, unix.EIO) {
		t.Errorf("Acquire when locking fails: %v", err)
	}
	// The lock file stays, unlocked, for the next build to take over: a
	// file it could not lock may be another's.
	flock = unix.Flock
	if l, err := Acquire(out); err != nil {
		t.Errorf("Acquire after: %v", err)
	} else {
		l.Unlock()
	}
	assertOnly(t, filepath.Dir(out), "out")
}
