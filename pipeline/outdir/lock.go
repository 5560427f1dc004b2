package outdir

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"
)

// Lock keeps every other build from writing a release folder while this
// one holds it. Without it, two builds into one folder (a nightly run and
// an editor's, say) removed each other's staging folder as they began and
// then wrote into each other's files: one put in place a release whose
// workbook failed its checksum, and reported success.
//
// The lock is the system's lock (flock) on a file beside the folder,
// dir.lock, which the holder writes its process id into and removes when
// it lets go. The system lets go of it when the process ends, however it
// ends, so a killed build never leaves a folder locked.
type Lock struct {
	dir, path string
	file      *os.File
}

// BusyError is the refusal to write a release folder that another build
// is writing.
type BusyError struct {
	Dir  string // the release folder
	Path string // its lock file
	PID  int    // the process holding it, or 0 when it has not said yet
}

func (e *BusyError) Error() string {
	who := "another dataset build"
	if e.PID > 0 {
		who += " (process " + strconv.Itoa(e.PID) + ")"
	}
	return fmt.Sprintf("%s is writing %s and holds %s; run this build again when it has finished", who, e.Dir, e.Path)
}

// lockText is what the holder writes into the lock file.
const lockText = "locked by dataset build, process %d\n"

var lockPattern = regexp.MustCompile(`^locked by dataset build, process ([0-9]+)\n$`)

// Acquire locks the release folder dir (which, like the folders above
// it, need not exist yet) for this process, until Unlock. It does not wait: while another build
// holds the folder it returns a *BusyError at once. A file at dir.lock
// that this package did not write is refused, never replaced.
func Acquire(dir string) (*Lock, error) {
	dir = filepath.Clean(dir)
	path := dir + ".lock"
	if err := notALink(path); err != nil {
		return nil, err
	}
	// The folders above the release are made now, as the build would
	// make them (the lock file is their first content).
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("locking %s: %w", dir, err)
		}
		busy, err := tryLock(f)
		if busy {
			pid := holder(f)
			f.Close()
			return nil, &BusyError{Dir: dir, Path: path, PID: pid}
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		// The build that held the lock until now removes the file as it
		// lets go: a lock taken on the file it removed keeps no one out,
		// so take the one now at the path.
		if current(f, path) {
			l := &Lock{dir: dir, path: path, file: f}
			if err := l.claim(); err != nil {
				f.Close() // the file is someone else's: leave it
				return nil, err
			}
			return l, nil
		}
		f.Close()
	}
}

// claim writes this process's id into the lock file, which must be empty
// or hold the id of a build that has ended.
func (l *Lock) claim() error {
	buf := make([]byte, 128)
	n, _ := l.file.ReadAt(buf, 0)
	if n > 0 && !lockPattern.Match(buf[:n]) {
		return fmt.Errorf("%s exists and was not made by dataset build: move it away; refusing to replace it", l.path)
	}
	if err := l.file.Truncate(0); err != nil {
		return fmt.Errorf("locking %s: %w", l.dir, err)
	}
	if _, err := l.file.WriteAt(fmt.Appendf(nil, lockText, os.Getpid()), 0); err != nil {
		return fmt.Errorf("locking %s: %w", l.dir, err)
	}
	return nil
}

// holder reads the id of the process that holds the lock of f, or 0 when
// it has not written it yet.
func holder(f *os.File) int {
	buf := make([]byte, 128)
	n, _ := f.ReadAt(buf, 0)
	if m := lockPattern.FindSubmatch(buf[:n]); m != nil {
		pid, _ := strconv.Atoi(string(m[1]))
		return pid
	}
	return 0
}

// Replace replaces the locked folder as the function Replace does.
func (l *Lock) Replace(stamp time.Time, write func(staging string) error) error {
	return replace(l.dir, stamp, write)
}

// Unlock removes the lock file and lets go of the lock, in that order, so
// that no other build ever holds the lock of a file this one removes.
func (l *Lock) Unlock() {
	// A lock file that could not be removed is harmless: the next build
	// takes it over, as it takes over one left by a killed build.
	_ = os.Remove(l.path)
	l.file.Close()
}
