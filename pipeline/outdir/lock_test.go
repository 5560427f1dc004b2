package outdir

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestMain lets a test hold a lock from another process: the test binary
// itself, with OUTDIR_HOLD set to the folder to lock.
func TestMain(m *testing.M) {
	if dir := os.Getenv("OUTDIR_HOLD"); dir != "" {
		l, err := Acquire(dir)
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		fmt.Println("held")
		bufio.NewReader(os.Stdin).ReadString('\n') // until the test says or dies
		l.Unlock()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestLockKeepsOthersOut: while the folder is locked, another lock and a
// Replace are refused at once, naming the holder, and the release is left
// as it was; once unlocked the folder can be locked again, and no lock
// file is left beside it.
func TestLockKeepsOthersOut(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := Replace(out, stamp, write("a.csv", "first")); err != nil {
		t.Fatal(err)
	}
	l, err := Acquire(out)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(out)
	var busy *BusyError
	if !errors.As(err, &busy) || busy.Dir != out || busy.Path != out+".lock" || busy.PID != os.Getpid() {
		t.Fatalf("second lock: %#v (%v), want a BusyError naming %s, its lock file and process %d", err, err, out, os.Getpid())
	}
	if msg := err.Error(); !strings.Contains(msg, fmt.Sprintf("(process %d) is writing %s", os.Getpid(), out)) {
		t.Errorf("message %q does not say who is writing what", msg)
	}
	if err := Replace(out, stamp, write("a.csv", "second")); !errors.As(err, &busy) {
		t.Errorf("Replace while locked: %v, want a BusyError", err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "a.csv")); string(got) != "first" {
		t.Errorf("a.csv = %q after a refused Replace, want %q", got, "first")
	}
	// The holder replaces through its lock.
	if err := l.Replace(stamp, write("a.csv", "second")); err != nil {
		t.Fatal(err)
	}
	l.Unlock()
	assertOnly(t, parent, "out")
	if err := Replace(out, stamp, write("a.csv", "third")); err != nil {
		t.Errorf("Replace after Unlock: %v", err)
	}
	assertOnly(t, parent, "out")
}

// TestLockAcrossProcesses: a lock held by another process keeps this one
// out, and names that process; the system lets go of it when the process
// is killed, so a killed build never leaves its folder locked.
func TestLockAcrossProcesses(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	cmd := exec.Command(os.Args[0], "-test.run", "^$")
	cmd.Env = append(os.Environ(), "OUTDIR_HOLD="+out)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "held\n" {
		cmd.Process.Kill()
		t.Fatalf("the other process said %q", line)
	}
	var busy *BusyError
	if _, err := Acquire(out); !errors.As(err, &busy) || busy.PID != cmd.Process.Pid {
		t.Errorf("lock held by process %d: %v", cmd.Process.Pid, err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	// Its lock file is left, with its id, and taken over.
	if data, err := os.ReadFile(out + ".lock"); err != nil || !lockPattern.Match(data) {
		t.Errorf("lock file of the killed process: %q, %v", data, err)
	}
	l, err := Acquire(out)
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	l.Unlock()
}

// TestLockOneHolder: goroutines that lock, hold and unlock over and over
// never hold the lock two at a time. A holder removes the lock file as it
// lets go; a lock taken on the removed file must not count.
func TestLockOneHolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	var holders, held, refused atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 300 {
				l, err := Acquire(out)
				var busy *BusyError
				if errors.As(err, &busy) {
					refused.Add(1)
					continue
				}
				if err != nil {
					t.Error(err)
					return
				}
				if n := holders.Add(1); n != 1 {
					t.Errorf("%d holders at once", n)
				}
				held.Add(1)
				time.Sleep(20 * time.Microsecond) // time for another to take a removed file's lock
				holders.Add(-1)
				l.Unlock()
			}
		})
	}
	wg.Wait()
	if held.Load() == 0 || refused.Load() == 0 {
		t.Errorf("%d locks held, %d refused: the goroutines did not contend", held.Load(), refused.Load())
	}
}

// TestLockFileNotOurs: a file named like the lock file that this package
// did not write is refused and left as it was; a symbolic link too.
func TestLockFileNotOurs(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "notes")
	if err := os.WriteFile(out+".lock", []byte("my padlock combinations"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Acquire(out); err == nil || !strings.Contains(err.Error(), "was not made by dataset build") {
		t.Errorf("Acquire: %v, want a refusal", err)
	}
	if data, _ := os.ReadFile(out + ".lock"); string(data) != "my padlock combinations" {
		t.Errorf("the user's file now holds %q", data)
	}

	target := filepath.Join(parent, "elsewhere.txt")
	if err := os.WriteFile(target, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	out = filepath.Join(parent, "out")
	if err := os.Symlink(target, out+".lock"); err != nil {
		t.Fatal(err)
	}
	if _, err := Acquire(out); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("Acquire with a linked lock file: %v", err)
	}
	if data, _ := os.ReadFile(target); len(data) != 0 {
		t.Errorf("the link's target was written: %q", data)
	}
}

// TestLockOfNewFolder: a release folder whose parent folders do not exist
// yet can be locked, and replaced, as before there was a lock.
func TestLockOfNewFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "releases", "2022", "out")
	if err := Replace(out, stamp, write("a.csv", "x")); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, filepath.Dir(out), "out")
}

// TestUnlockRemovesOnlyItsOwnFile: a second Unlock, or an Unlock after
// someone removed the lock file by hand and another build locked a new
// one, leaves the other build's file, and its lock, alone.
func TestUnlockRemovesOnlyItsOwnFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	first, err := Acquire(out)
	if err != nil {
		t.Fatal(err)
	}
	first.Unlock()
	second, err := Acquire(out)
	if err != nil {
		t.Fatal(err)
	}
	first.Unlock()
	var busy *BusyError
	if _, err := Acquire(out); !errors.As(err, &busy) {
		t.Errorf("after a second Unlock of a lock let go: %v, want the second holder's BusyError", err)
	}
	if err := first.Replace(stamp, write("a.csv", "x")); err == nil {
		t.Error("Replace through a lock let go succeeded")
	}
	// Removed by hand while held: a third build gets in (nothing can stop
	// that), but the second's Unlock leaves the third's file.
	if err := os.Remove(out + ".lock"); err != nil {
		t.Fatal(err)
	}
	third, err := Acquire(out)
	if err != nil {
		t.Fatal(err)
	}
	second.Unlock()
	if _, err := Acquire(out); !errors.As(err, &busy) {
		t.Errorf("after the second holder's Unlock: %v, want the third holder's BusyError", err)
	}
	third.Unlock()
}

// TestLockFileTakenOver: an empty lock file, or one of zero bytes, as a
// power cut may leave, and one of a build that has ended, are taken over
// and removed at Unlock.
func TestLockFileTakenOver(t *testing.T) {
	for _, content := range []string{"", "\x00\x00\x00\x00", fmt.Sprintf(lockText, 999999)} {
		parent := t.TempDir()
		out := filepath.Join(parent, "out")
		if err := os.WriteFile(out+".lock", []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := Acquire(out)
		if err != nil {
			t.Errorf("lock file holding %q: %v", content, err)
			continue
		}
		if data, _ := os.ReadFile(out + ".lock"); string(data) != fmt.Sprintf(lockText, os.Getpid()) {
			t.Errorf("lock file holding %q now holds %q", content, data)
		}
		l.Unlock()
		assertOnly(t, parent)
	}
}

// TestLockMadeFoldersRemoved: the folders a lock made above a new
// release are removed at Unlock when the build put nothing in them (a
// build with data errors writes nothing), and kept when it did.
func TestLockMadeFoldersRemoved(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "releases", "2022", "out")
	l, err := Acquire(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Dir(out)); err != nil {
		t.Fatalf("the folder above the release was not made: %v", err)
	}
	l.Unlock()
	assertOnly(t, parent)
	l, err = Acquire(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Replace(stamp, write("a.csv", "x")); err != nil {
		t.Fatal(err)
	}
	l.Unlock()
	assertOnly(t, filepath.Dir(out), "out")
}
