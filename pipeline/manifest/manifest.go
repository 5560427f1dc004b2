// Package manifest lists the files of a release folder with their sizes and
// SHA-256 hashes, and writes them as a SHA256SUMS file that `sha256sum -c`
// checks, and reads one back.
package manifest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"newsfacts/pipeline/parallel"
)

// File is one file of a release.
type File struct {
	Path   string // slash-separated, relative to the release folder
	Bytes  int64
	SHA256 string // hex
}

// List returns every regular file below dir, sorted by path, except those
// named in skip (slash-separated paths relative to dir). The files are
// hashed on every core, the largest first: one by one, the 650 MB of a
// million statements' release took a second on one core.
func List(dir string, skip ...string) ([]File, error) {
	var files []File
	var sizes []int64
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
		info, err := d.Info()
		if err != nil {
			return err
		}
		files, sizes = append(files, File{Path: rel}), append(sizes, info.Size())
		return nil
	})
	if err != nil {
		return nil, err
	}
	errs := make([]error, len(files))
	parallel.ForEachLargestFirst(len(files), func(i int) int { return int(sizes[i]) }, func(i int) {
		f, err := Hash(filepath.Join(dir, filepath.FromSlash(files[i].Path)))
		f.Path = files[i].Path
		files[i], errs[i] = f, err
	})
	sortByPath(files)
	return files, errors.Join(errs...)
}

// Add returns files with the files at paths (slash-separated, relative to
// dir) hashed and added, sorted by path: for files written after a List,
// without hashing the others again.
func Add(dir string, files []File, paths ...string) ([]File, error) {
	out := slices.Clone(files)
	for _, p := range paths {
		f, err := Hash(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			return nil, err
		}
		f.Path = p
		out = append(out, f)
	}
	sortByPath(out)
	return out, nil
}

func sortByPath(files []File) {
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
}

// Hash returns the size and SHA-256 of the file at path (Path left empty).
func Hash(path string) (File, error) {
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

// ReadSHA256SUMS reads a SHA256SUMS file as WriteSHA256SUMS writes it,
// and returns each path's hash (hex). A line of another form, or a path
// listed twice, is an error naming its line.
func ReadSHA256SUMS(r io.Reader) (map[string]string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	sums := map[string]string{}
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		hash, path, ok := strings.Cut(line, "  ")
		if _, err := hex.DecodeString(hash); !ok || err != nil || len(hash) != 2*sha256.Size || path == "" {
			return nil, fmt.Errorf("line %d: %q is not a hash, two spaces and a path", i+1, line)
		}
		if strings.HasSuffix(path, "\r") {
			return nil, fmt.Errorf("line %d: ends in a carriage return (the file was saved with Windows line ends)", i+1)
		}
		hash = strings.ToLower(hash) // as sha256sum -c reads it
		if _, dup := sums[path]; dup {
			return nil, fmt.Errorf("line %d: %s is listed twice", i+1, path)
		}
		sums[path] = hash
	}
	return sums, nil
}
