package outdir

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
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
	file      *os.File // nil once unlocked
	made      []string // the folders Acquire made, deepest first
	// Unlocked says the file system refused to lock the file (some
	// network file systems do): the folder is written without a lock.
	Unlocked error
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

// retakes bounds how often Acquire takes the lock of a file that its
// holder removed meanwhile, before it gives up: on a file system that
// never shows the file it locked at its path, it would go on forever.
const retakes = 100

// Acquire locks the release folder dir (which, like the folders above it,
// need not exist yet) for this process, until Unlock. It does not wait:
// while another build holds the folder it returns a *BusyError at once.
// A file at dir.lock that this package did not write is refused, never
// replaced; an empty one is taken over, as a build cut short by a power
// cut may leave it.
func Acquire(dir string) (*Lock, error) {
	dir = filepath.Clean(dir)
	path := dir + ".lock"
	if err := notALink(path); err != nil {
		return nil, err
	}
	// The folders above the release are made now, as the build would make
	// them (the lock file is their first content), and removed at Unlock
	// if the build put nothing in them.
	made, err := mkdirs(filepath.Dir(dir))
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	l := &Lock{dir: dir, path: path, made: made}
	for range retakes {
		f, err := openNoFollow(path)
		if err != nil {
			l.removeMade()
			if isLoop(err) {
				return nil, fmt.Errorf("%s is a symbolic link; move it away", path)
			}
			return nil, fmt.Errorf("locking %s: %w", dir, err)
		}
		busy, err := tryLock(f)
		if busy {
			pid := holder(f)
			f.Close()
			l.removeMade()
			return nil, &BusyError{Dir: dir, Path: path, PID: pid}
		}
		if err != nil && !unsupported(err) {
			f.Close()
			l.removeMade()
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		l.Unlocked = err
		// The build that held the lock until now removes the file as it
		// lets go: a lock taken on the file it removed keeps no one out,
		// so take the one now at the path.
		if !stillAt(f, path) {
			f.Close()
			continue
		}
		l.file = f
		if err := l.claim(); err != nil {
			var foreign *foreignError
			if !errors.As(err, &foreign) {
				os.Remove(path) // made or taken over, and not written: no one's
			}
			f.Close()
			l.file = nil
			l.removeMade()
			return nil, err
		}
		return l, nil
	}
	l.removeMade()
	return nil, fmt.Errorf("locking %s: the lock file was replaced %d times while it was being locked", path, retakes)
}

// foreignError is the refusal of a lock file this package did not write.
type foreignError struct{ path string }

func (e *foreignError) Error() string {
	return fmt.Sprintf("%s exists and was not made by dataset build: move it away; refusing to replace it", e.path)
}

// claim writes this process's id into the lock file, which must be empty
// (or hold only zero bytes, as a file cut short by a power cut may) or
// hold the id of a build that has ended.
func (l *Lock) claim() error {
	if foreign(lockContent(l.file)) {
		return &foreignError{l.path}
	}
	if err := l.file.Truncate(0); err != nil {
		return fmt.Errorf("locking %s: %w", l.dir, err)
	}
	if _, err := l.file.WriteAt(fmt.Appendf(nil, lockText, os.Getpid()), 0); err != nil {
		return fmt.Errorf("locking %s: %w", l.dir, err)
	}
	return nil
}

// foreign reports whether content, the start of a lock file, is not a
// lock file's: neither empty (nor zero bytes) nor a build's process id.
func foreign(content []byte) bool {
	return len(bytes.Trim(content, "\x00")) > 0 && !lockPattern.Match(content)
}

// checkLockFile refuses a lock file at path that this package did not
// write, or a link there.
func checkLockFile(path string) error {
	if err := notALink(path); err != nil {
		return err
	}
	// Opened without waiting, and checked once open: a pipe put there
	// would otherwise be waited on for a writer.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil // missing, or found by Acquire
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return &foreignError{path}
	}
	if foreign(lockContent(f)) {
		return &foreignError{path}
	}
	return nil
}

// lockContent reads the start of a lock file, enough to hold what a
// holder writes (lockText) and to tell anything else from it.
func lockContent(f *os.File) []byte {
	buf := make([]byte, 128)
	n, _ := f.ReadAt(buf, 0)
	return buf[:n]
}

// holder reads the id of the process that holds the lock of f, or 0 when
// it has not written it yet.
func holder(f *os.File) int {
	if m := lockPattern.FindSubmatch(lockContent(f)); m != nil {
		pid, _ := strconv.Atoi(string(m[1]))
		return pid
	}
	return 0
}

// Replace replaces the locked folder as the function Replace does.
func (l *Lock) Replace(stamp time.Time, write func(staging string) error) error {
	if l.file == nil {
		return fmt.Errorf("replacing %s: its lock was let go", l.dir)
	}
	return replace(l.dir, stamp, write)
}

// Unlock removes the lock file and lets go of the lock, in that order, so
// that no other build ever holds the lock of a file this one removes. It
// removes the file only while it is the one this lock holds: one that
// replaced it (after someone removed it by hand) is another build's. A
// second Unlock does nothing.
func (l *Lock) Unlock() {
	if l.file == nil {
		return
	}
	// A lock file that could not be removed is harmless: the next build
	// takes it over, as it takes over one left by a killed build.
	if stillAt(l.file, l.path) {
		_ = os.Remove(l.path)
	}
	l.file.Close()
	l.file = nil
	l.removeMade()
}

// removeMade removes the folders Acquire made, deepest first, where the
// build left them empty.
func (l *Lock) removeMade() {
	for _, dir := range l.made {
		if os.Remove(dir) != nil {
			return
		}
	}
	l.made = nil
}

// mkdirs makes dir and the folders above it that are missing, and
// returns those it made, deepest first.
func mkdirs(dir string) ([]string, error) {
	var missing []string
	for p := dir; ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) || filepath.Dir(p) == p {
			break
		}
		missing = append(missing, p)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return missing, nil
}

// stillAt reports whether f is still the file at path.
func stillAt(f *os.File, path string) bool {
	held, err1 := f.Stat()
	now, err2 := os.Stat(path)
	return err1 == nil && err2 == nil && os.SameFile(held, now)
}
