package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"newsfacts/pipeline/synth"
)

// TestDiskFullWhileChecking: the statements are written beside the
// release as they are checked (see build.spill); on a disk too small for
// them, the build exits with ExitIO, says where and why, and leaves
// nothing there. The disk is a tmpfs of 1 MiB, which only root may mount:
// elsewhere the test skips.
func TestDiskFullWhileChecking(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small disk needs root")
	}
	data := t.TempDir()
	if err := synth.Corpus(data, 20000, 1); err != nil { // about 5 MB of statements
		t.Fatal(err)
	}
	disk := t.TempDir()
	if err := syscall.Mount("tmpfs", disk, "tmpfs", 0, "size=1m"); err != nil {
		t.Skip("no tmpfs could be mounted:", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(disk, 0); err != nil {
			t.Error(err)
		}
	})
	out := filepath.Join(disk, "out")
	var stdout, stderr bytes.Buffer
	code := Run([]string{"build", "-data", data, "-out", out, "-quiet"}, &stdout, &stderr)
	if code != ExitIO {
		t.Errorf("exit %d, want %d (ExitIO); stderr: %s", code, ExitIO, stderr.String())
	}
	for _, want := range []string{"dataset build: the statements could not be written to a temporary file in " + disk, "no space left on device", "nothing was written, " + out + " is unchanged"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q: %s", want, stderr.String())
		}
	}
	if left, err := os.ReadDir(disk); err != nil || len(left) > 0 {
		t.Errorf("left on the disk: %v %v", left, err)
	}
}

// TestBuildClosesItsFiles: a build run in-process leaves no file open, the
// statements' temporary file (see build.spill) among them: a program that
// runs builds one after another must not run out.
func TestBuildClosesItsFiles(t *testing.T) {
	open := func() int {
		fds, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Skip("no /proc/self/fd:", err)
		}
		return len(fds)
	}
	out := filepath.Join(t.TempDir(), "out")
	mustBuild(t, "-data", "testdata/conflicting-reports/data", "-out", out) // what a first build opens for good (the runtime's)
	// A file left open is closed by the collector, in time, once nothing
	// holds it: what the build before left is closed now, and what the
	// next leaves is counted before it can be.
	runtime.GC()
	runtime.GC()
	before := open()
	mustBuild(t, "-data", "testdata/conflicting-reports/data", "-out", out)
	if after := open(); after > before {
		t.Errorf("%d files open after a build, %d before", after, before)
	}
}
