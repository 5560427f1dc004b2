// Package manifest lists the files of a release folder with their sizes and
// SHA-256 hashes, and writes them as a SHA256SUMS file that `sha256sum -c`
// checks.
package manifest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// File is one file of a release.
type File struct {
	Path   string // slash-separated, relative to the release folder
	Bytes  int64
	SHA256 string // hex
}

// List returns every regular file below dir, sorted by path, except those
// named in skip (slash-separated paths relative to dir).
func List(dir string, skip ...string) ([]File, error) {
	var files []File
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if slices.Contains(skip, rel) {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file", path)
		}
		f, err := hashFile(path)
		if err != nil {
			return err
		}
		f.Path = rel
		files = append(files, f)
		return nil
	})
	slices.SortFunc(files, func(a, b File) int {
		switch {
		case a.Path < b.Path:
			return -1
		case a.Path > b.Path:
			return 1
		}
		return 0
	})
	return files, err
}

func hashFile(path string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return File{}, err
	}
	return File{Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// WriteSHA256SUMS writes one line per file in the format of sha256sum:
// the hash, two spaces, the path.
func WriteSHA256SUMS(w io.Writer, files []File) error {
	for _, f := range files {
		if _, err := fmt.Fprintf(w, "%s  %s\n", f.SHA256, f.Path); err != nil {
			return err
		}
	}
	return nil
}
