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
// cgroup of 130 MiB, with GOGC=200, at which the collector lets the heap
// grow to three times what is live, past the cgroup's limit: the build
// keeps Go's memory to 90% of it, says so, and finishes, with the release
// it makes anywhere; with AUTOMEMLIMIT=off the kernel kills it, as it
// killed every build that outgrew its cgroup before (see
// pipeline/memlimit). GOGC=200 puts the two far apart: at the build's own
// 30 the heap outgrows 130 MiB only on a loaded machine.
func TestKeepsToCgroupMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a corpus of 60,000 statements three times")
	}
	const cgroupLimit = 130 << 20
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

// memoryCgroup makes a cgroup of limit bytes of memory, in the process's
// own, removed at the end of the test, and returns the file that moves a
// process into it. It skips the test where no such cgroup can be made:
// without root, or without a memory controller the process may use (in
// cgroups v2, one its own cgroup delegates).
func memoryCgroup(t *testing.T, limit int64) (procs string) {
	t.Helper()
	self, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		t.Skipf("no cgroups: %v", err)
	}
	name := "newsfacts-test-" + strconv.Itoa(os.Getpid())
	var dir, limitFile string
	for _, line := range strings.Split(strings.TrimSpace(string(self)), "\n") {
		f := strings.SplitN(line, ":", 3)
		if len(f) != 3 {
			continue
		}
		switch {
		case f[1] == "memory": // cgroups v1
			dir, limitFile = filepath.Join("/sys/fs/cgroup/memory", f[2], name), "memory.limit_in_bytes"
		case f[0] == "0" && f[1] == "" && dir == "": // cgroups v2
			parent := filepath.Join("/sys/fs/cgroup", f[2])
			if delegated, err := os.ReadFile(filepath.Join(parent, "cgroup.subtree_control")); err == nil && strings.Contains(string(delegated), "memory") {
				dir, limitFile = filepath.Join(parent, name), "memory.max"
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
	return filepath.Join(dir, "cgroup.procs")
}
