//go:build unix

package outdir

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

// mountPoint reports whether the folder at the absolute path dir is a
// mount point (its device is not its parent's, or it is the root).
func mountPoint(dir string) bool {
	var st, parent unix.Stat_t
	if unix.Lstat(dir, &st) != nil || unix.Lstat(filepath.Dir(dir), &parent) != nil {
		return false
	}
	return st.Dev != parent.Dev || st.Ino == parent.Ino
}
