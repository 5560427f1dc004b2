package outdir

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMountPoint: the root and a file system mounted on a folder are
// mount points; a folder of the same file system is not, nor a link to
// a mount point, nor a folder reached through a link to another file
// system (the parent's device had been read without following it).
func TestMountPoint(t *testing.T) {
	parent := t.TempDir()
	if err := os.Symlink("/proc", filepath.Join(parent, "proc")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev", filepath.Join(parent, "dev")); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]bool{
		"/": true, "/proc": true, "/dev": true,
		parent:                                false,
		filepath.Join(parent, "missing"):      false,
		filepath.Join(parent, "proc"):         false, // the link, not what it points to
		filepath.Join(parent, "dev", "shm"):   true,
		filepath.Join(parent, "proc", "self"): false,
	} {
		if got := mountPoint(dir); got != want {
			t.Errorf("mountPoint(%s) = %v, want %v", dir, got, want)
		}
	}
}
