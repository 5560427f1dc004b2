package pages

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// thpFolder holds the kernel's settings for transparent huge pages.
const thpFolder = "/sys/kernel/mm/transparent_hugepage/"

// reserveOnce reserves once in a process: the heap keeps what it maps to
// the end, and a second ballast would be made of memory used before,
// which the runtime zeroes.
var reserveOnce sync.Once

func preferHuge() {
	if thpMode() != "madvise" || goDisablesTHP(os.Getenv("GODEBUG")) {
		return
	}
	reserveOnce.Do(func() { reserve(reservation()) })
	advise(hugePageSize())
}

// reserve has the heap map size bytes now, in one mapping that advise can
// ask huge pages for before any of it is written: a ballast allocated and
// let go. Memory the heap has never used is not zeroed, so the ballast
// writes nothing and takes no resident memory; once it is collected its
// pages are free, and the heap hands them out, lowest addresses first,
// before it grows again.
func reserve(size int) {
	if size <= 0 {
		return
	}
	ballast := make([]byte, size)
	runtime.KeepAlive(ballast)
	ballast = nil
	runtime.GC()
}

// reservation is how much reserve asks the heap to map: a quarter of the
// machine's memory, at most maxReservation. None where the mapping could
// be refused, which the Go runtime does not survive: a limit on the
// address space (ulimit -v), strict accounting of the memory promised
// (vm.overcommit_memory 2), or a 32-bit program.
func reservation() int {
	var limit unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_AS, &limit); err != nil || limit.Cur != unix.RLIM_INFINITY {
		return 0
	}
	overcommit, err := os.ReadFile("/proc/sys/vm/overcommit_memory")
	if err != nil {
		return 0
	}
	meminfo, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	return reservationFor(memTotal(string(meminfo)), strings.TrimSpace(string(overcommit)), strconv.IntSize)
}

// maxReservation is the most reserve maps: a build of a million
// statements peaks at about 2 GiB.
const maxReservation = 8 << 30

// reservationFor is reservation on a machine of memTotal bytes, with
// vm.overcommit_memory set to overcommit, for a program whose int has
// intSize bits.
func reservationFor(memTotal uint64, overcommit string, intSize int) int {
	if intSize < 64 || (overcommit != "0" && overcommit != "1") {
		return 0
	}
	return int(min(memTotal/4, maxReservation))
}

// memTotal is the machine's memory, in bytes, from /proc/meminfo's text;
// 0 if it does not say.
func memTotal(meminfo string) uint64 {
	for line := range strings.Lines(meminfo) {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			kib, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kib << 10
		}
	}
	return 0
}

// thpMode is the system's choice of huge pages for a program's memory:
// "always", "madvise" (where the program asks), "never", or "" where the
// kernel has none.
func thpMode() string {
	setting, err := os.ReadFile(thpFolder + "enabled")
	if err != nil {
		return ""
	}
	// "always [madvise] never": the bracketed word is the one in force.
	_, rest, ok := strings.Cut(string(setting), "[")
	mode, _, closed := strings.Cut(rest, "]")
	if !ok || !closed {
		return ""
	}
	return mode
}

// goDisablesTHP reports whether godebug (GODEBUG's value) asks Go not
// to use huge pages: its last disablethp setting is not 0.
func goDisablesTHP(godebug string) bool {
	disable := false
	for setting := range strings.SplitSeq(godebug, ",") {
		if value, ok := strings.CutPrefix(strings.TrimSpace(setting), "disablethp="); ok {
			disable = value != "0"
		}
	}
	return disable
}

// hugePageSize is the size of a huge page, which a mapping must hold at
// least one of to gain from asking.
func hugePageSize() uint64 {
	text, err := os.ReadFile(thpFolder + "hpage_pmd_size")
	if size, perr := strconv.ParseUint(strings.TrimSpace(string(text)), 10, 64); err == nil && perr == nil && size > 0 {
		return size
	}
	return 2 << 20
}

// span is a mapping's addresses, from start up to end.
type span struct{ start, end uint64 }

// advise asks for huge pages for each of the process's mappings of
// anonymous, private, writable memory of least bytes or more. The
// kernel's refusal (a mapping gone meanwhile) leaves the pages as they
// would have been.
func advise(least uint64) {
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return
	}
	for _, s := range privateAnonymous(string(maps)) {
		if s.end-s.start >= least {
			unix.Syscall(unix.SYS_MADVISE, uintptr(s.start), uintptr(s.end-s.start), unix.MADV_HUGEPAGE)
		}
	}
}

// privateAnonymous lists the mappings of /proc/self/maps (its text) that
// hold anonymous, private, writable memory: the Go heap and the runtime's
// own. Files, shared memory and named regions ([stack], [vdso]) are left
// out.
func privateAnonymous(maps string) []span {
	var spans []span
	for line := range strings.Lines(maps) {
		// start-end perms offset dev inode [name]
		fields := strings.Fields(line)
		if len(fields) != 5 || fields[1] != "rw-p" || fields[4] != "0" {
			continue
		}
		from, to, ok := strings.Cut(fields[0], "-")
		start, err1 := strconv.ParseUint(from, 16, 64)
		end, err2 := strconv.ParseUint(to, 16, 64)
		if !ok || err1 != nil || err2 != nil || end <= start {
			continue
		}
		spans = append(spans, span{start, end})
	}
	return spans
}
