package pages

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// thpFolder holds the kernel's settings for transparent huge pages.
const thpFolder = "/sys/kernel/mm/transparent_hugepage/"

// reserveOnce decides, and reserves, once in a process: the heap keeps
// what it maps to the end of the process, and the system's settings are
// read only the first time.
var reserveOnce sync.Once

func preferHuge(grow int) {
	reserveOnce.Do(func() {
		if THPMode() == "madvise" && thpAllowed() && !goDisablesTHP(os.Getenv("GODEBUG")) && !raceEnabled {
			reserve(reservation(grow))
		}
	})
}

// reserve has the heap map size bytes now and asks huge pages for them,
// before any of it is written: a ballast, allocated a reserveChunk at a
// time and let go.
//
// Memory the heap has never used is not zeroed when it is allocated, so
// the ballast writes nothing and takes no resident memory. The runtime
// zeroes an allocation whole if it starts below the highest address ever
// allocated in its arena: on memory it has used and freed. The chunks
// fill the heap's free memory first, lowest addresses first, and only
// those placed there are written: memory the heap had taken already, most
// of it still resident. The rest start where the chunk before them ends,
// on memory never used. Made in one piece, the ballast was written whole
// whenever it started on freed memory at the heap's top (1 of 60 builds
// when it was made at the start of a run: 6 GiB resident and 25 s).
//
// Once the ballast is collected its pages are free, and the heap hands
// them out, lowest addresses first, before it grows again. It zeroes them
// then, as memory it has used, which in huge pages costs little.
//
// The collector is off while the ballast grows, and runs once at the end,
// before it is turned back on (a collection asked for runs even when it
// is off): each collection the growing heap would have triggered marks
// all that is live, for no garbage, a dozen of them in TestReserve (when
// the room was made after a million statements were loaded, five took 0.9
// s of processor time). Turned back on first, the collector would plan
// its next collection for the heap before the ballast, and any
// allocation meanwhile would start one.
func reserve(size int) {
	if size <= 0 {
		return
	}
	gcPercent := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(gcPercent)
	chunks := make([][]byte, 0, size/reserveChunk)
	for range size / reserveChunk {
		chunks = append(chunks, make([]byte, reserveChunk))
	}
	// One call for each run of adjacent chunks: the heap grows upwards,
	// so most often a single run.
	huge := hugePageSize()
	for i := 0; i < len(chunks); {
		start := uintptr(unsafe.Pointer(unsafe.SliceData(chunks[i])))
		end := start + reserveChunk
		for i++; i < len(chunks) && uintptr(unsafe.Pointer(unsafe.SliceData(chunks[i]))) == end; i++ {
			end += reserveChunk
		}
		adviseHuge(start, end, huge)
	}
	runtime.KeepAlive(chunks)
	runtime.GC()
}

// reserveChunk is the size of each piece of the ballast: the most the
// runtime may write of it (see reserve).
const reserveChunk = 4 << 20

// adviseHuge asks huge pages for the whole huge pages between start and
// end. It calls madvise itself, on addresses: unix.Madvise takes a slice,
// which these bytes are several of. The kernel's refusal leaves the pages
// small, as they would have been.
func adviseHuge(start, end, huge uintptr) {
	start = (start + huge - 1) &^ (huge - 1)
	end &^= huge - 1
	if start < end {
		unix.Syscall(unix.SYS_MADVISE, start, end-start, unix.MADV_HUGEPAGE)
	}
}

// reservation is how much reserve asks the heap to map for a heap to grow
// by grow bytes: that, at most a quarter of the machine's memory and
// maxReservation, and none under minReservation. None where the mapping could
// be refused, which the Go runtime does not survive: a limit on the
// address space (ulimit -v) or on the data (ulimit -d), strict accounting
// of the memory promised (vm.overcommit_memory 2), or a 32-bit program.
func reservation(grow int) int {
	for _, resource := range []int{unix.RLIMIT_AS, unix.RLIMIT_DATA} {
		var limit unix.Rlimit
		if err := unix.Getrlimit(resource, &limit); err != nil || limit.Cur != unix.RLIM_INFINITY {
			return 0
		}
	}
	overcommit, err := os.ReadFile("/proc/sys/vm/overcommit_memory")
	if err != nil {
		return 0
	}
	return reservationFor(grow, MemTotal(), strings.TrimSpace(string(overcommit)), strconv.IntSize)
}

// maxReservation is the most reserve maps: a build of a million
// statements peaks at about 2 GiB.
const maxReservation = 8 << 30

// minReservation is the least reserve maps: below it, a build's heap
// takes at most 65,000 faults, under a second where one costs 11 µs, and
// the room would cost each small build (and each test of one) address
// space and a collection.
const minReservation = 256 << 20

// reservationFor is reservation(grow) on a machine of machineMemory
// bytes, with vm.overcommit_memory set to overcommit, for a program whose
// int has intSize bits.
func reservationFor(grow int, machineMemory uint64, overcommit string, intSize int) int {
	if intSize < 64 || (overcommit != "0" && overcommit != "1") || grow < minReservation {
		return 0
	}
	room := min(uint64(grow), machineMemory/4, maxReservation) &^ (reserveChunk - 1)
	if room < minReservation {
		return 0
	}
	return int(room)
}

// MemTotal is the machine's memory, in bytes (/proc/meminfo); 0 if
// unknown.
func MemTotal() uint64 {
	meminfo, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	return memTotalOf(string(meminfo))
}

// memTotalOf is MemTotal from /proc/meminfo's text.
func memTotalOf(meminfo string) uint64 {
	value, _ := procValue(meminfo, "MemTotal")
	kib, err := strconv.ParseUint(strings.TrimSuffix(value, " kB"), 10, 64)
	if err != nil {
		return 0
	}
	return kib << 10
}

// procValue is the value of key in the text of a /proc file of "key:
// value" lines, such as /proc/meminfo, trimmed; ok is false if no line
// gives it.
func procValue(text, key string) (value string, ok bool) {
	for line := range strings.Lines(text) {
		if v, found := strings.CutPrefix(line, key+":"); found {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}

// THPMode is the system's choice of huge pages for a program's memory:
// "always", "madvise" (where the program asks), "never", or "" where the
// kernel has none.
func THPMode() string {
	setting, err := os.ReadFile(thpFolder + "enabled")
	if err != nil {
		return ""
	}
	return bracketed(string(setting))
}

// bracketed is the choice in force of a kernel setting that lists its
// choices, as "always [madvise] never"; "" if none is bracketed.
func bracketed(setting string) string {
	_, rest, ok := strings.Cut(setting, "[")
	choice, _, closed := strings.Cut(rest, "]")
	if !ok || !closed {
		return ""
	}
	return choice
}

// thpAllowed reports whether the process may have huge pages: a parent
// can forbid them (prctl PR_SET_THP_DISABLE), which /proc/self/status
// tells as "THP_enabled: 0".
func thpAllowed() bool {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return true
	}
	enabled, ok := procValue(string(status), "THP_enabled")
	return !ok || enabled != "0"
}

// goDisablesTHP reports whether godebug (GODEBUG's value) asks Go not to
// use huge pages, read as the runtime reads it: its last disablethp
// setting that is a number, when that number is not 0.
func goDisablesTHP(godebug string) bool {
	disable := false
	for setting := range strings.SplitSeq(godebug, ",") {
		if value, ok := strings.CutPrefix(setting, "disablethp="); ok {
			if n, err := strconv.Atoi(value); err == nil {
				disable = n != 0
			}
		}
	}
	return disable
}

// hugePageSize is the size of a huge page.
func hugePageSize() uintptr {
	text, err := os.ReadFile(thpFolder + "hpage_pmd_size")
	if err != nil {
		return 2 << 20
	}
	size, err := strconv.ParseUint(strings.TrimSpace(string(text)), 10, 64)
	if err != nil || size == 0 || size&(size-1) != 0 {
		return 2 << 20
	}
	return uintptr(size)
}
