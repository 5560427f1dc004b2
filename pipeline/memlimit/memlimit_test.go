package memlimit

import (
	"errors"
	"math"
	"runtime/debug"
	"testing"

	automemlimit "github.com/KimMachineGun/automemlimit/memlimit"
)

// TestFromCgroup runs FromCgroup's rules on a cgroup's limit as the
// library reads it, and on what it reads where there is none. Where a
// build keeps to a real cgroup's limit is TestKeepsToCgroupMemory's
// (pipeline/cli), which runs builds in one.
func TestFromCgroup(t *testing.T) {
	const gib = 1 << 30
	const before = 5 * gib // Go's limit before each case
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	unreadable := errors.New("open memory.max: permission denied")
	for _, tc := range []struct {
		name        string
		env         map[string]string
		cgroup      uint64
		readErr     error
		want        Limit
		wantErr     error
		readsCgroup bool
	}{
		{"a limit", nil, gib, nil, Limit{Go: gib * 9 / 10, Cgroup: gib}, nil, true},
		{"empty is unset", map[string]string{"AUTOMEMLIMIT": "", "GOMEMLIMIT": ""}, gib, nil, Limit{Go: gib * 9 / 10, Cgroup: gib}, nil, true},
		{"a share", map[string]string{"AUTOMEMLIMIT": "0.5"}, gib, nil, Limit{Go: gib / 2, Cgroup: gib}, nil, true},
		{"the whole", map[string]string{"AUTOMEMLIMIT": "1"}, gib, nil, Limit{Go: gib, Cgroup: gib}, nil, true},
		{"off", map[string]string{"AUTOMEMLIMIT": "off"}, gib, nil, Limit{}, nil, false},
		{"GOMEMLIMIT", map[string]string{"GOMEMLIMIT": "2GiB"}, gib, nil, Limit{}, nil, false},
		{"GOMEMLIMIT, and a share that is none", map[string]string{"GOMEMLIMIT": "2GiB", "AUTOMEMLIMIT": "2"}, gib, nil, Limit{}, nil, false},
		{"no limit", nil, 0, automemlimit.ErrNoLimit, Limit{}, nil, true},
		{"no cgroup", nil, 0, automemlimit.ErrNoCgroup, Limit{}, nil, true},
		{"no cgroups", nil, 0, automemlimit.ErrCgroupsNotSupported, Limit{}, nil, true},
		{"unreadable", nil, 0, unreadable, Limit{Unread: unreadable}, nil, true},
		{"a share of nothing", map[string]string{"AUTOMEMLIMIT": "0"}, gib, nil, Limit{}, ErrRatio, false},
		{"too small a share", map[string]string{"AUTOMEMLIMIT": "1e-300"}, gib, nil, Limit{}, ErrRatio, false},
		{"more than the whole", map[string]string{"AUTOMEMLIMIT": "1.5"}, gib, nil, Limit{}, ErrRatio, false},
		{"a percentage", map[string]string{"AUTOMEMLIMIT": "90%"}, gib, nil, Limit{}, ErrRatio, false},
		{"not a number", map[string]string{"AUTOMEMLIMIT": "NaN"}, gib, nil, Limit{}, ErrRatio, false},
		{"on", map[string]string{"AUTOMEMLIMIT": "on"}, gib, nil, Limit{}, ErrRatio, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("AUTOMEMLIMIT", "")
			t.Setenv("GOMEMLIMIT", "")
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			debug.SetMemoryLimit(before)
			read := false
			got, restore, err := fromCgroup(func() (uint64, error) { read = true; return tc.cgroup, tc.readErr })
			if got != tc.want || !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
				t.Errorf("%+v, %v; want %+v, %v", got, err, tc.want, tc.wantErr)
			}
			if read != tc.readsCgroup {
				t.Errorf("the cgroup was read: %v; want %v", read, tc.readsCgroup)
			}
			want := int64(before)
			if tc.want.Go != 0 {
				want = tc.want.Go
			}
			if limit := debug.SetMemoryLimit(-1); limit != want {
				t.Errorf("Go's limit is %d, want %d", limit, want)
			}
			debug.SetMemoryLimit(7 * gib) // as the build might, meanwhile
			restore()
			want = 7 * gib // restore changes nothing if nothing was set
			if tc.want.Go != 0 {
				want = before
			}
			if limit := debug.SetMemoryLimit(-1); limit != want {
				t.Errorf("after restore, Go's limit is %d, want %d", limit, want)
			}
		})
	}
}
