package outdir

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMountPoint: /proc, always mounted on Linux, is a mount point, also
// reached through a link on the way; a link to it is not, nor a folder of
// the same file system, nor one that is missing.
func TestMountPoint(t *testing.T) {
	parent := t.TempDir()
	link := filepath.Join(parent, "p")
	if err := os.Symlink("/proc", link); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]bool{
		"/proc":                          true,
		link + "/.":                      true, // the link followed on the way
		link:                             false,
		parent:                           false,
		filepath.Join(parent, "missing"): false,
	} {
		if got := mountPoint(dir); got != want {
			t.Errorf("mountPoint(%s) = %v, want %v", dir, got, want)
		}
	}
}
