package outdir

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func write(name, content string) func(string) error {
	return func(dir string) error { return os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644) }
}

func TestReplace(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if err := Replace(out, stamp, write("a.csv", "first")); err != nil {
		t.Fatal(err)
	}
	if err := Replace(out, stamp, write("b.csv", "second")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "a.csv")); !os.IsNotExist(err) {
		t.Errorf("a file of the previous release survived a replacement: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "b.csv")); string(got) != "second" {
		t.Errorf("b.csv = %q", got)
	}
	assertOnly(t, filepath.Dir(out), "out")
}

// A write that fails part way leaves the previous release as it was.
func TestReplaceFailureKeepsRelease(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if err := Replace(out, stamp, write("a.csv", "first")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk full")
	err := Replace(out, stamp, func(dir string) error {
		if err := write("a.csv", "half")(dir); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want %v", err, boom)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "a.csv")); string(got) != "first" {
		t.Errorf("a.csv = %q after a failed build, want the previous %q", got, "first")
	}
	assertOnly(t, filepath.Dir(out), "out")
}

// A process killed between the two renames leaves out.old and no out; the
// next run restores it before doing anything else.
func TestReplaceRecoversInterruptedSwap(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := Replace(out, stamp, write("a.csv", "first")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(out, out+".old"); err != nil { // the state after a kill mid-swap
		t.Fatal(err)
	}
	err := Replace(out, stamp, func(string) error { return errors.New("bad input") })
	if err == nil {
		t.Fatal("want the write's error")
	}
	if got, _ := os.ReadFile(filepath.Join(out, "a.csv")); string(got) != "first" {
		t.Errorf("a.csv = %q, want the restored %q", got, "first")
	}
	assertOnly(t, parent, "out")
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if len(got) != len(names) || (len(got) > 0 && got[0] != names[0]) {
		t.Errorf("%s holds %v, want only %v", dir, got, names)
	}
}

func TestCheck(t *testing.T) {
	parent := t.TempDir()
	data := filepath.Join(parent, "data")
	work := filepath.Join(parent, "work")
	for _, d := range []string{data, work} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(work, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(parent, "out")
	for _, tc := range []struct {
		dir  string
		fail bool
	}{
		{out, false},                            // does not exist yet
		{data, true},                            // the data folder itself
		{filepath.Join(data, "out"), true},      // inside it
		{parent, true},                          // containing it
		{work, true},                            // someone's folder, not a release
		{filepath.Join(parent, "empty"), false}, // new
	} {
		if err := Check(tc.dir, data); (err != nil) != tc.fail {
			t.Errorf("Check(%s) = %v, want failure %v", tc.dir, err, tc.fail)
		}
	}
	if err := Replace(out, stamp, write("a.csv", "x")); err != nil {
		t.Fatal(err)
	}
	if err := Check(out, data); err != nil {
		t.Errorf("Check of a release folder: %v", err)
	}
}

var stamp = time.Date(2022, 11, 3, 0, 0, 0, 0, time.UTC)

// TestReplaceStampsTimes: every file and folder of the release carries the
// stamp, not the time of the build.
func TestReplaceStampsTimes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	err := Replace(out, stamp, func(dir string) error {
		if err := os.MkdirAll(filepath.Join(dir, "csv"), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, "csv", "a.csv"), []byte("x"), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{out, filepath.Join(out, "csv"), filepath.Join(out, "csv", "a.csv"), filepath.Join(out, Marker)} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if !fi.ModTime().Equal(stamp) {
			t.Errorf("%s: modified %v, want %v", p, fi.ModTime(), stamp)
		}
	}
}

// TestSiblingsNotOurs: a user's own folders named like the staging and
// backup folders are never deleted; the build refuses instead.
func TestSiblingsNotOurs(t *testing.T) {
	for _, sibling := range []string{".staging", ".old"} {
		parent := t.TempDir()
		out := filepath.Join(parent, "report")
		mine := filepath.Join(out+sibling, "thesis.txt")
		if err := os.MkdirAll(filepath.Dir(mine), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(mine, []byte("years of work"), 0o644); err != nil {
			t.Fatal(err)
		}
		err := Replace(out, stamp, write("a.csv", "x"))
		if err == nil || !strings.Contains(err.Error(), "was not made by dataset build") {
			t.Errorf("%s: got %v, want a refusal", sibling, err)
		}
		if _, err := os.Stat(mine); err != nil {
			t.Errorf("%s: the user's file is gone: %v", sibling, err)
		}
	}
}

// TestStagingLeftByAKilledBuild: a staging folder left by a killed build
// carries the staging marker, and the next build removes it.
func TestStagingLeftByAKilledBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	staging := out + ".staging"
	if err := os.MkdirAll(staging, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{StagingMarker, "half.csv"} {
		if err := os.WriteFile(filepath.Join(staging, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Replace(out, stamp, write("a.csv", "x")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(staging); !os.IsNotExist(err) {
		t.Errorf("staging folder still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, StagingMarker)); !os.IsNotExist(err) {
		t.Errorf("the release carries the staging marker: %v", err)
	}
}

// TestSymlinkRefused: an output folder that is a symbolic link is refused,
// and the folder it points to keeps its files.
func TestSymlinkRefused(t *testing.T) {
	parent := t.TempDir()
	archive := filepath.Join(parent, "archive-1.0.0")
	if err := Replace(archive, stamp, write("a.csv", "kept")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(parent, "out")
	if err := os.Symlink(archive, out); err != nil {
		t.Fatal(err)
	}
	if err := Check(out, filepath.Join(parent, "data")); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("Check: %v", err)
	}
	if err := Replace(out, stamp, write("b.csv", "new")); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("Replace: %v", err)
	}
	if data, err := os.ReadFile(filepath.Join(archive, "a.csv")); err != nil || string(data) != "kept" {
		t.Errorf("the archive lost its file: %q %v", data, err)
	}
}
