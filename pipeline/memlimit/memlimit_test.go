package memlimit

import (
	"math"
	"runtime/debug"
	"strings"
	"testing"
)

// TestSettings: AUTOMEMLIMIT must be off or a ratio, whether or not the
// process has a limit to keep to (so that a mistake in a nightly job's
// settings shows the first night, not the night it moves to a container);
// off, like GOMEMLIMIT, sets nothing; restore puts back the limit before.
// Where a build sets a limit, in a cgroup that has one, is
// TestKeepsToCgroupMemory's (pipeline/cli), which runs builds in one.
func TestSettings(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	for _, v := range []string{"0", "1.5", "-0.5", "NaN", "90%", "on"} {
		t.Setenv("AUTOMEMLIMIT", v)
		l, restore, err := FromCgroup()
		restore()
		if err == nil || !strings.Contains(err.Error(), "AUTOMEMLIMIT=") || l != (Limit{}) {
			t.Errorf("AUTOMEMLIMIT=%q: %+v, %v; want an error naming it, and no limit", v, l, err)
		}
	}
	t.Setenv("AUTOMEMLIMIT", "")
	for _, env := range [][2]string{{"AUTOMEMLIMIT", "off"}, {"GOMEMLIMIT", "1GiB"}} {
		t.Run(env[0], func(t *testing.T) {
			t.Setenv(env[0], env[1])
			debug.SetMemoryLimit(1 << 40)
			l, restore, err := FromCgroup()
			if err != nil || l.Go != 0 || l.Unread != nil {
				t.Errorf("%s=%s: %+v, %v; want no limit set", env[0], env[1], l, err)
			}
			if got := debug.SetMemoryLimit(-1); got != 1<<40 {
				t.Errorf("%s=%s: Go's limit changed to %d", env[0], env[1], got)
			}
			debug.SetMemoryLimit(1 << 41)
			restore()
			if got := debug.SetMemoryLimit(-1); got != 1<<40 {
				t.Errorf("restore: Go's limit is %d, want %d, the one before", got, int64(1<<40))
			}
		})
	}
	for _, v := range []string{"0.5", "1", "0.9"} {
		t.Setenv("AUTOMEMLIMIT", v)
		_, restore, err := FromCgroup()
		restore()
		if err != nil {
			t.Errorf("AUTOMEMLIMIT=%s: %v", v, err)
		}
	}
}
