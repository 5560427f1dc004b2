// Package outdir replaces a release folder as a whole or not at all, so that
// a failed or interrupted build never leaves a half-written release.
package outdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Replace calls write with an empty staging folder beside dir and, only if
// write succeeds, puts the staging folder in dir's place. On any failure dir
// is left as it was and the staging folder is removed.
//
// On Linux the swap is one atomic exchange of the two folders. Elsewhere
// (or where the file system lacks it) it is two renames within one parent
// folder (dir to dir.old, staging to dir); should the process die between
// them, the next call finds dir missing and dir.old present, and restores
// it first.
//
// Every file and folder of the new release gets the modification time
// stamp, and every file is synced to disk before the swap, so that the
// release is complete even after a power cut and its timestamps are the
// same on every machine (an archive of it is reproducible).
//
// Replace only ever removes or renames folders it made: dir.staging and
// dir.old are touched only when they hold a marker of this package, so a
// user's own folder of that name is never deleted.
//
// Replace holds the folder's Lock while it works, and fails with a
// *BusyError when another build holds it. A caller that must know before
// its own work that the folder is free takes the lock first (Acquire) and
// replaces through it.
func Replace(dir string, stamp time.Time, write func(staging string) error) error {
	l, err := Acquire(dir)
	if err != nil {
		return err
	}
	defer l.Unlock()
	return l.Replace(stamp, write)
}

// replace is Replace, with the lock held.
func replace(dir string, stamp time.Time, write func(staging string) error) error {
	dir = filepath.Clean(dir)
	old, staging := dir+".old", dir+".staging"
	for _, p := range []string{dir, old, staging} {
		if err := notALink(p); err != nil {
			return err
		}
	}
	for _, p := range []string{old, staging} {
		if err := ours(p); err != nil {
			return err
		}
	}
	if err := recoverOld(dir, old); err != nil {
		return err
	}
	if err := removeOurs(staging); err != nil {
		return err
	}
	if err := os.MkdirAll(staging, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(staging, StagingMarker), nil, 0o644); err != nil {
		removeOurs(staging)
		return err
	}
	fail := func(err error) error {
		removeOurs(staging)
		return err
	}
	if err := write(staging); err != nil {
		return fail(err)
	}
	// The release marker before the staging marker goes, so that the
	// folder is never unmarked, even when a kill falls in between.
	if err := os.WriteFile(filepath.Join(staging, Marker), []byte(markerText), 0o644); err != nil {
		return fail(err)
	}
	if err := os.Remove(filepath.Join(staging, StagingMarker)); err != nil {
		return fail(err)
	}
	if err := settle(staging, stamp); err != nil {
		return fail(err)
	}
	if err := removeOurs(old); err != nil {
		return fail(err)
	}
	if _, err := os.Stat(dir); err == nil && exchange(staging, dir) == nil {
		// The new release is in place in one step; staging now holds the
		// previous one, marker and all.
		return cleanup(syncPath(filepath.Dir(dir)), removeOurs(staging))
	}
	if err := os.Rename(dir, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fail(fmt.Errorf("moving the previous release aside: %w", err))
	}
	if err := os.Rename(staging, dir); err != nil {
		_ = os.Rename(old, dir)
		return fail(fmt.Errorf("putting the new release in place: %w", err))
	}
	return cleanup(syncPath(filepath.Dir(dir)), removeOurs(old))
}

// CleanupError is a failure after the new release was put in place: the
// release is whole, but syncing or removing the previous one failed.
type CleanupError struct{ Err error }

func (e *CleanupError) Error() string {
	return "the new release is in place, but cleaning up after it failed: " + e.Err.Error()
}

func (e *CleanupError) Unwrap() error { return e.Err }

func cleanup(errs ...error) error {
	if err := errors.Join(errs...); err != nil {
		return &CleanupError{err}
	}
	return nil
}

// removeOurs removes a folder this package made, its markers last, so
// that a process killed halfway leaves a folder that is still known as
// ours and is removed by the next build.
func removeOurs(path string) error {
	if err := notALink(path); err != nil {
		return err
	}
	entries, err := os.ReadDir(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var markers []string
	for _, e := range entries {
		p := filepath.Join(path, e.Name())
		if e.Name() == Marker || e.Name() == StagingMarker {
			markers = append(markers, p)
			continue
		}
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	for _, m := range markers {
		if err := os.Remove(m); err != nil {
			return err
		}
	}
	return os.Remove(path)
}

// notALink refuses a symbolic link where a folder of the release goes:
// the swap would move the link, and the cleanup would empty the folder it
// points to.
func notALink(path string) error {
	fi, err := os.Lstat(path)
	if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("%s is a symbolic link; give the folder it points to", path)
	}
	return nil
}

// StagingMarker marks a staging folder while a build writes it; it is
// removed before the folder becomes the release.
const StagingMarker = ".dataset-staging"

// ours refuses a folder at path that this package did not make: one
// without a release or staging marker, or a file. A missing folder is
// fine.
func ours(path string) error {
	if fi, err := os.Lstat(path); err == nil && !fi.IsDir() {
		return fmt.Errorf("%s exists and is not a folder made by dataset build: move it away; refusing to delete it", path)
	}
	entries, err := os.ReadDir(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() == Marker || e.Name() == StagingMarker {
			return nil
		}
	}
	if len(entries) == 0 {
		return nil
	}
	return fmt.Errorf("%s exists and was not made by dataset build (no %s or %s): move it away; refusing to delete it", path, Marker, StagingMarker)
}

// settle syncs every file below root to disk and sets every file's and
// folder's mode and modification time (folders last: writing into a folder
// changes its time).
func settle(root string, stamp time.Time) error {
	var paths []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		paths = append(paths, path)
		if d.Type().IsRegular() {
			return syncPath(path)
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Folders too, so that their entries survive a power cut.
	for i := len(paths) - 1; i > 0; i-- {
		if fi, err := os.Lstat(paths[i]); err == nil && fi.IsDir() {
			if err := syncPath(paths[i]); err != nil {
				return err
			}
		}
	}
	if err != nil {
		return err
	}
	for i := len(paths) - 1; i >= 0; i-- { // children before their folder
		// Fixed modes, not the umask's: an archive of the release is then
		// the same on every machine.
		mode := fs.FileMode(0o644)
		if fi, err := os.Stat(paths[i]); err == nil && fi.IsDir() {
			mode = 0o755
		}
		if err := os.Chmod(paths[i], mode); err != nil {
			return err
		}
		if err := os.Chtimes(paths[i], stamp, stamp); err != nil {
			return err
		}
	}
	return syncPath(root)
}

func syncPath(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", path, err)
	}
	return nil
}

// Marker is the file that marks a folder as a release this package wrote.
// Replace refuses to replace a non-empty folder without it: a mistyped
// -out must not delete a folder of someone's work.
const Marker = ".dataset-release"

const markerText = "This folder is generated by `dataset build` and replaced as a whole by the next build.\n"

// Check refuses, before any of a build's work, an output folder that
// would destroy inputs or that the build could not replace: one that is
// or contains or lies inside the data folder, an existing non-empty
// folder that is not a release, the current folder or one above it, a
// mount point, and a folder with something of someone else's where
// Replace and Lock keep theirs (dir.staging, dir.old, dir.lock). Each of
// those had been found only when the release was put in place, after
// the data was read and checked.
func Check(dir, dataDir string) error {
	if dir == "" {
		return errors.New("no output folder given (-out \"\")")
	}
	dir = filepath.Clean(dir) // as Acquire and Replace take it: out/ is beside out.staging, not above it
	abs, err1 := filepath.Abs(dir)
	data, err2 := filepath.Abs(dataDir)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	if err := notALink(dir); err != nil {
		return err
	}
	// Compared with their links followed too: -out link/out, where link
	// is the data folder, is in it.
	if real, realData := resolved(dir), resolved(dataDir); within(abs, data) || within(data, abs) || within(real, realData) || within(realData, real) {
		return fmt.Errorf("output folder %s overlaps the data folder %s; choose another -out", dir, dataDir)
	}
	if cwd, err := os.Getwd(); err == nil && within(cwd, abs) {
		return fmt.Errorf("output folder %s is or holds the current folder, which the build cannot replace; choose another -out", dir)
	}
	if mountPoint(abs) {
		return fmt.Errorf("output folder %s is a mount point, which the build cannot replace (it swaps the folder whole); give a folder inside it, such as %s", dir, filepath.Join(dir, "release"))
	}
	for _, p := range []string{dir + ".staging", dir + ".old"} {
		if err := notALink(p); err != nil {
			return err
		}
		if err := ours(p); err != nil {
			return err
		}
	}
	if err := checkLockFile(dir + ".lock"); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); len(entries) > 0 && err != nil {
		return fmt.Errorf("output folder %s exists and is not a release written by dataset build (no %s): refusing to replace it", dir, Marker)
	}
	return nil
}

// CheckRelease refuses a folder that is not a release this package
// wrote: one without its marker.
func CheckRelease(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return errors.New("not a folder")
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err != nil {
		return fmt.Errorf("not a release written by dataset build (no %s)", Marker)
	}
	return nil
}

// CheckExtraFile refuses a file that a run writes besides the release
// (its -stats file) where writing it would change the data or a
// release: in the data folder, or in the release folder dir or what
// Replace keeps beside it (dir.staging, dir.old, dir.lock). A -stats file
// given as the data's dataset.yaml had emptied it; given as the
// release's SHA256SUMS, it broke the release that a failed build
// promised to leave as it was.
//
// Paths are compared with their links followed (a data folder that is a
// link, a -stats file that is one). An empty dataDir or dir is left to
// the checks that refuse it.
func CheckExtraFile(path, dir, dataDir string) error {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if _, err := filepath.EvalSymlinks(path); err != nil {
			// Where it points cannot be told, and writing would make it.
			return fmt.Errorf("%s is a symbolic link to nothing; give a file", path)
		}
	}
	abs := resolved(path)
	if dataDir != "" && within(abs, resolved(dataDir)) {
		return fmt.Errorf("%s lies in the data folder %s; write it elsewhere", path, dataDir)
	}
	if dir == "" {
		return nil
	}
	out := resolved(filepath.Clean(dir))
	for _, p := range []string{out, out + ".staging", out + ".old", out + ".lock"} {
		if within(abs, p) {
			return fmt.Errorf("%s lies in the release folder %s, which the build replaces as a whole; write it elsewhere", path, dir)
		}
	}
	return nil
}

// resolved is path made absolute with its links followed: the whole of
// it where it exists, else the folder it would lie in.
func resolved(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	if parent, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(parent, filepath.Base(abs))
	}
	return abs
}

// within reports whether path is dir or lies inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func recoverOld(dir, old string) error {
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if _, err := os.Stat(old); err != nil {
		return nil
	}
	return os.Rename(old, dir)
}
