// Package memlimit keeps a build within the memory its cgroup gives it (a
// container's limit, a systemd unit's MemoryMax=, a scheduler's job
// limit). Past that limit the kernel kills the process; Go does not read
// it, and lets its heap grow by the collector's percent (GOGC) whatever
// the room. With Go's memory limit set a little below it, the collector
// works harder as the heap nears the limit, and returns the memory it
// holds free to the system sooner: a build whose live data fits
// finishes, a little slower, instead of being killed at its peak.
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

	automemlimit "github.com/KimMachineGun/automemlimit/memlimit"
)

// Ratio is the share of the cgroup's limit that Go's limit is, unless
// AUTOMEMLIMIT gives another: the rest is for what Go does not count,
// such as the program's code and the pages of the files it writes, which
// the cgroup charges until the kernel has written them out.
const Ratio = 0.9

// minRatio is the least share AUTOMEMLIMIT may give: below it the limit
// would be a fraction of what any build holds, and the collector would
// run without a pause.
const minRatio = 0.1

// Limit is what FromCgroup found and set.
type Limit struct {
	Go     int64 // Go's memory limit it set, in bytes; 0 when it set none
	Cgroup int64 // the cgroup's limit, in bytes; 0 when there is none or it was not read
	// Unread is why the cgroup's limit could not be read (a file the
	// process may not read, say); no limit was set then.
	Unread error
}

// ErrRatio is the error of an AUTOMEMLIMIT that is neither off nor a
// share FromCgroup can keep to.
var ErrRatio = fmt.Errorf("expected off, or the share of the cgroup's memory limit that Go's is, from %v to 1 (%v when unset)", minRatio, Ratio)

// FromCgroup sets Go's memory limit to Ratio of the limit of the
// process's cgroup. It sets none, and reads nothing, when GOMEMLIMIT is
// set (Go's own setting, which stays) or AUTOMEMLIMIT is "off"; none
// either when there is no limit to keep to (no cgroup, or one without a
// limit, or another system than Linux). AUTOMEMLIMIT may also give the
// share; any other value of it is the error (ErrRatio), found whether or
// not there is a limit. An empty variable is an unset one, as Go has it
// for GOGC and GOMEMLIMIT. restore puts back the limit there was before,
// if FromCgroup set one.
func FromCgroup() (_ Limit, restore func(), _ error) {
	return fromCgroup(automemlimit.FromCgroup)
}

// fromCgroup is FromCgroup with the cgroup's limit read by read.
func fromCgroup(read func() (uint64, error)) (_ Limit, restore func(), _ error) {
	restore = func() {}
	if os.Getenv("GOMEMLIMIT") != "" {
		return Limit{}, restore, nil
	}
	ratio := Ratio
	if v := os.Getenv("AUTOMEMLIMIT"); v != "" {
		if v == "off" {
			return Limit{}, restore, nil
		}
		r, err := strconv.ParseFloat(v, 64)
		if err != nil || !(r >= minRatio && r <= 1) {
			return Limit{}, restore, fmt.Errorf("AUTOMEMLIMIT=%q: %w", v, ErrRatio)
		}
		ratio = r
	}
	cgroup, err := read()
	switch {
	case errors.Is(err, automemlimit.ErrNoLimit), errors.Is(err, automemlimit.ErrNoCgroup), errors.Is(err, automemlimit.ErrCgroupsNotSupported):
		return Limit{}, restore, nil
	case err != nil:
		return Limit{Unread: err}, restore, nil
	}
	l := Limit{Cgroup: int64(min(cgroup, 1<<62))}
	l.Go = int64(float64(l.Cgroup) * ratio)
	before := debug.SetMemoryLimit(l.Go)
	return l, func() { debug.SetMemoryLimit(before) }, nil
}
