// Package memlimit keeps a build within the memory its cgroup gives it (a
// container's limit, a systemd unit's MemoryMax=, a scheduler's job
// limit). Past that limit the kernel kills the process; Go does not read
// it, and lets its heap grow by the collector's percent (GOGC) whatever
// the room. With Go's memory limit set a little below it, the collector
// works harder as the heap nears the limit, and returns to the system
// the memory it holds free: a build whose live data fits finishes, a
// little slower, instead of being killed at its peak.
//
// It wraps github.com/KimMachineGun/automemlimit, which finds the
// process's cgroup (v1 or v2) and its limit.
package memlimit

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"

	"github.com/KimMachineGun/automemlimit/memlimit"
)

// Ratio is the share of the cgroup's limit that Go's limit is, unless
// AUTOMEMLIMIT gives another: the rest is for what Go does not count,
// such as the program's code and the pages of the files it writes, which
// the cgroup charges until the kernel has written them out.
const Ratio = 0.9

// Limit is what FromCgroup found and set.
type Limit struct {
	Go     int64 // Go's memory limit it set, in bytes; 0 when it set none
	Cgroup int64 // the cgroup's limit, in bytes; 0 when there is none
	// Unread is why the cgroup's limit could not be read (a file the
	// process may not read, say); no limit was set then.
	Unread error
}

// FromCgroup sets Go's memory limit to Ratio of the limit of the
// process's cgroup. It sets none when there is no limit to keep to (no
// cgroup, or one without a limit, or another system than Linux), when
// GOMEMLIMIT is set (Go's own setting, which stays), or when AUTOMEMLIMIT
// is "off"; AUTOMEMLIMIT may also give the ratio, above 0 and at most 1,
// and any other value of it is the error, found whether or not there is
// a limit. restore puts back the limit there was before.
func FromCgroup() (_ Limit, restore func(), _ error) {
	before := debug.SetMemoryLimit(-1)
	restore = func() { debug.SetMemoryLimit(before) }
	ratio := Ratio
	if v := os.Getenv("AUTOMEMLIMIT"); v != "" { // empty is unset, as GOGC's
		if v == "off" {
			return Limit{}, restore, nil
		}
		r, err := strconv.ParseFloat(v, 64)
		if err != nil || !(r > 0 && r <= 1) {
			return Limit{}, restore, fmt.Errorf("AUTOMEMLIMIT=%q: expected off, or the share of the cgroup's memory limit that Go's is, above 0 and at most 1 (%v when unset)", v, Ratio)
		}
		ratio = r
	}
	cgroup, err := memlimit.FromCgroup()
	switch {
	case errors.Is(err, memlimit.ErrNoLimit), errors.Is(err, memlimit.ErrNoCgroup), errors.Is(err, memlimit.ErrCgroupsNotSupported):
		return Limit{}, restore, nil
	case err != nil:
		return Limit{Unread: err}, restore, nil
	}
	l := Limit{Cgroup: int64(min(cgroup, 1<<62))}
	if os.Getenv("GOMEMLIMIT") != "" {
		return l, restore, nil
	}
	l.Go = int64(float64(l.Cgroup) * ratio)
	debug.SetMemoryLimit(l.Go)
	return l, restore, nil
}
