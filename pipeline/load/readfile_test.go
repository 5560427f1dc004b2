//go:build unix

package load

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestReadRegular: readRegular reads what os.ReadFile reads, of every
// size about its buffer's edges, and refuses a link, a folder and a named
// pipe (without waiting for a writer) with errNotRegular.
func TestReadRegular(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 511, 512, 4095, 4096, 4097, 1 << 20} {
		path := filepath.Join(dir, fmt.Sprintf("f%d", size))
		want := bytes.Repeat([]byte("abcdefg\n"), size/8+1)[:size]
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readRegular(path)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%d bytes: read %d bytes, %v", size, len(got), err)
		}
	}
	// A file whose size is given as 0 and that holds more, as Linux's
	// /proc files do, is read to its end.
	if want, err := os.ReadFile("/proc/version"); err == nil && len(want) > 0 {
		if got, err := readRegular("/proc/version"); err != nil || !bytes.Equal(got, want) {
			t.Errorf("/proc/version: read %q, %v; want %q", got, err, want)
		}
	}
	if _, err := readRegular(filepath.Join(dir, "absent")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v, want fs.ErrNotExist", err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(filepath.Join(dir, "f1"), link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{link, dir, fifo} {
		done := make(chan error, 1)
		go func() { _, err := readRegular(path); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, errNotRegular) {
				t.Errorf("%s: %v, want errNotRegular", filepath.Base(path), err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still reading after 10 s", filepath.Base(path))
		}
	}
}

// BenchmarkReadRegular reads 2,000 small files, the size of a synthetic
// corpus's, with readRegular and with os.ReadFile.
func BenchmarkReadRegular(b *testing.B) {
	dir := b.TempDir()
	var paths []string
	for i := range 2000 {
		path := filepath.Join(dir, fmt.Sprintf("f%04d.yaml", i))
		if err := os.WriteFile(path, bytes.Repeat([]byte("key: value\n"), 200+i%300), 0o644); err != nil {
			b.Fatal(err)
		}
		paths = append(paths, path)
	}
	for _, r := range []struct {
		name string
		read func(string) ([]byte, error)
	}{{"readRegular", readRegular}, {"os.ReadFile", os.ReadFile}} {
		read := r.read
		b.Run(r.name, func(b *testing.B) {
			for b.Loop() {
				for _, p := range paths {
					if _, err := read(p); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
