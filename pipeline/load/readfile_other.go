//go:build !unix

package load

import (
	"io/fs"
	"os"
)

// readRegular reads the regular file at path whole; it does not follow a
// link, and refuses anything but a regular file with errNotRegular (see
// the Unix version, which does so with fewer system calls).
func readRegular(path string) ([]byte, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: path, Err: errNotRegular}
	}
	return os.ReadFile(path)
}
