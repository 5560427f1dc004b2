package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"newsfacts/pipeline/synth"
)

// TestKeepsToCgroupMemory builds a corpus of 60,000 statements in a
// cgroup of 160 MiB and no swap, with GOGC=200, at which the collector
// lets the heap grow to three times what is live: alone, the build peaks
// at about 230 MiB. The build keeps Go's memory to 90% of the cgroup's
// limit, says so, and finishes, with the release it makes anywhere; with
// AUTOMEMLIMIT=off the kernel kills it, as it killed every build that
// outgrew its cgroup before (see pipeline/memlimit). GOGC=200 puts the
// two far apart: at the build's own 30 the heap outgrows such a cgroup
// only on a loaded machine.
func TestKeepsToCgroupMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a corpus of 60,000 statements three times")
	}
	const cgroupLimit = 160 << 20
	procs := memoryCgroup(t, cgroupLimit)
	corpus := t.TempDir()
	if err := synth.Corpus(corpus, 60_000, 1); err != nil {
		t.Fatal(err)
	}
	free := filepath.Join(t.TempDir(), "out")
	mustBuild(t, "-data", corpus, "-out", free)

	build := func(env ...string) (out string, stderr string, err error) {
		out = filepath.Join(t.TempDir(), "out")
		// The shell moves itself into the cgroup, then becomes the build.
		cmd := exec.Command("/bin/sh", "-c", `echo $$ > "$0" && exec "$@"`, procs, os.Args[0], "build", "-data", corpus, "-out", out)
		// Without the memory settings of whoever runs the test: each
		// run's are its own.
		inherited := slices.DeleteFunc(os.Environ(), func(kv string) bool {
			return strings.HasPrefix(kv, "GOMEMLIMIT=") || strings.HasPrefix(kv, "AUTOMEMLIMIT=")
		})
		cmd.Env = append(inherited, append(env, "DATASET_CLI=1", "GOGC=200")...)
		var buf bytes.Buffer
		cmd.Stderr = &buf
		err = cmd.Run()
		return out, buf.String(), err
	}
	out, stderr, err := build()
	if err != nil {
		t.Fatalf("build in a cgroup of %d MiB: %v\n%s", cgroupLimit>>20, err, stderr)
	}
	if want := fmt.Sprintf("dataset build: keeping to %d MiB, 90%% of its cgroup's memory limit", cgroupLimit*9/10>>20); !strings.Contains(stderr, want) {
		t.Errorf("stderr %q lacks %q", stderr, want)
	}
	if a, b := readFile(t, filepath.Join(free, "SHA256SUMS")), readFile(t, filepath.Join(out, "SHA256SUMS")); a != b {
		t.Errorf("the release built in the cgroup differs from the one built without:\n%s\n---\n%s", a, b)
	}

	_, stderr, err = build("AUTOMEMLIMIT=off")
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Errorf("build in a cgroup of %d MiB with AUTOMEMLIMIT=off: %v, want killed for want of memory; the test's corpus may have grown too small for it\n%s", cgroupLimit>>20, err, stderr)
	}
}

// memoryCgroup makes a cgroup of limit bytes of memory and none of swap,
// removed at the end of the test, and returns the file that moves a
// process into it. In cgroups v1 it is made in the process's own memory
// cgroup; in v2, in the process's own cgroup if that delegates memory, or
// else beside it, in its parent, as v2 lets no cgroup with processes in
// it delegate (but the root). It skips the test where no such cgroup can
// be made: without root, or without a memory controller the process may
// use.
func memoryCgroup(t *testing.T, limit int64) (procs string) {
	t.Helper()
	self, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		t.Skipf("no cgroups: %v", err)
	}
	name := "newsfacts-test-" + strconv.Itoa(os.Getpid())
	var dir, limitFile, swapFile string
	for _, line := range strings.Split(strings.TrimSpace(string(self)), "\n") {
		f := strings.SplitN(line, ":", 3)
		if len(f) != 3 {
			continue
		}
		switch {
		case slices.Contains(strings.Split(f[1], ","), "memory"): // cgroups v1
			dir, limitFile, swapFile = filepath.Join("/sys/fs/cgroup/memory", f[2], name), "memory.limit_in_bytes", "memory.memsw.limit_in_bytes"
		case f[0] == "0" && f[1] == "" && dir == "": // cgroups v2
			for _, parent := range []string{filepath.Join("/sys/fs/cgroup", f[2]), filepath.Join("/sys/fs/cgroup", filepath.Dir(f[2]))} {
				if delegated, err := os.ReadFile(filepath.Join(parent, "cgroup.subtree_control")); err == nil && slices.Contains(strings.Fields(string(delegated)), "memory") {
					dir, limitFile, swapFile = filepath.Join(parent, name), "memory.max", "memory.swap.max"
					break
				}
			}
		}
	}
	if dir == "" {
		t.Skip("no memory controller this process may use")
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Skipf("cannot make a memory cgroup: %v", err)
	}
	t.Cleanup(func() {
		if err := os.Remove(dir); err != nil {
			t.Errorf("removing the test's cgroup: %v", err)
		}
	})
	if err := os.WriteFile(filepath.Join(dir, limitFile), []byte(strconv.FormatInt(limit, 10)), 0o644); err != nil {
		t.Fatal(err)
	}
	// No swap, where there is any: a build that outgrows the cgroup would
	// be swapped out rather than killed. In v1 memory and swap are limited
	// together, at no less than memory alone.
	swap := "0"
	if swapFile == "memory.memsw.limit_in_bytes" {
		swap = strconv.FormatInt(limit, 10)
	}
	if err := os.WriteFile(filepath.Join(dir, swapFile), []byte(swap), 0o644); err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	} else if err != nil && swapOn(t) {
		t.Skipf("the system swaps, and %s cannot be set: a build past the cgroup's limit would be swapped, not killed", swapFile)
	}
	return filepath.Join(dir, "cgroup.procs")
}

// swapOn reports whether the system has swap.
func swapOn(t *testing.T) bool {
	swaps, err := os.ReadFile("/proc/swaps")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(strings.TrimSpace(string(swaps)), "\n") > 0 // a line of headings, then one a device
}
