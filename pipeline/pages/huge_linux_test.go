package pages

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

func TestBracketed(t *testing.T) {
	for setting, want := range map[string]string{
		"always [madvise] never\n": "madvise",
		"[always] madvise never":   "always",
		"always madvise [never]":   "never",
		"always madvise never":     "",
		"always [madvise never":    "",
	} {
		if got := bracketed(setting); got != want {
			t.Errorf("bracketed(%q) = %q; want %q", setting, got, want)
		}
	}
}

// GODEBUG is read as the runtime reads it: names and values exactly as
// written, a value that is not a number ignored, the last one winning.
func TestGoDisablesTHP(t *testing.T) {
	for godebug, want := range map[string]bool{
		"":                                false,
		"disablethp=1":                    true,
		"gctrace=1,disablethp=1":          true,
		"disablethp=1,disablethp=0":       false,
		"disablethp=0":                    false,
		"disablethp=2":                    true,
		"madvdontneed=1,xdisablethp=1":    false,
		"disablethp=1,madvdontneed=1,x=y": true,
		"gctrace=1, disablethp=1":         false, // " disablethp" is another name
		"disablethp=yes":                  false,
		"disablethp=1,disablethp=no":      true,
	} {
		if got := goDisablesTHP(godebug); got != want {
			t.Errorf("goDisablesTHP(%q) = %v; want %v", godebug, got, want)
		}
	}
}

func TestReservationFor(t *testing.T) {
	for _, c := range []struct {
		grow          int64
		machineMemory uint64
		overcommit    string
		intSize       int
		want          int64 // int64: the cases do not fit a 32-bit int
	}{
		{2 << 30, 24 << 30, "0", 64, 2 << 30},
		{2 << 30, 24 << 30, "1", 64, 2 << 30},
		{2<<30 + 1000, 24 << 30, "0", 64, 2 << 30}, // whole chunks
		{100 << 30, 24 << 30, "0", 64, 6 << 30},    // a quarter of the machine
		{100 << 30, 24684204 << 10, "0", 64, 6024 << 20},
		{100 << 30, 64 << 30, "0", 64, 8 << 30}, // at most 8 GiB
		{1 << 30, 2 << 30, "0", 64, 512 << 20},
		{1 << 30, 1000 << 20, "0", 64, 0}, // a quarter is under the least
		{minReservation - 1, 24 << 30, "0", 64, 0},
		{minReservation, 24 << 30, "0", 64, minReservation},
		{0, 24 << 30, "0", 64, 0},
		{-1, 24 << 30, "0", 64, 0},
		{2 << 30, 24 << 30, "2", 64, 0}, // strict accounting
		{2 << 30, 24 << 30, "", 64, 0},
		{2 << 30, 24 << 30, "0", 32, 0},
		{2 << 30, 0, "0", 64, 0},
	} {
		if got := reservationFor(int(c.grow), c.machineMemory, c.overcommit, c.intSize); int64(got) != c.want {
			t.Errorf("reservationFor(%d, %d, %q, %d) = %d; want %d", c.grow, c.machineMemory, c.overcommit, c.intSize, got, c.want)
		}
	}
}

func TestMemTotalOf(t *testing.T) {
	meminfo := "MemFree:        19860216 kB\nMemTotal:       24684204 kB\nCached: 1 kB\n"
	if got, want := memTotalOf(meminfo), uint64(24684204)<<10; got != want {
		t.Errorf("memTotalOf = %d; want %d", got, want)
	}
	for _, bad := range []string{"", "MemFree: 1 kB\n", "MemTotal: lots\n"} {
		if got := memTotalOf(bad); got != 0 {
			t.Errorf("memTotalOf(%q) = %d; want 0", bad, got)
		}
	}
}

// askedHuge reports whether huge pages were asked for the mapping that
// holds p (VmFlags "hg" in /proc/self/smaps).
func askedHuge(t *testing.T, p unsafe.Pointer) bool {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	addr := uint64(uintptr(p))
	in := false
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		line := lines.Text()
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok {
			if in {
				return slices.Contains(strings.Fields(flags), "hg")
			}
			continue
		}
		if fields := strings.Fields(line); len(fields) > 0 {
			if from, to, ok := strings.Cut(fields[0], "-"); ok {
				start, err1 := strconv.ParseUint(from, 16, 64)
				end, err2 := strconv.ParseUint(to, 16, 64)
				if err1 == nil && err2 == nil {
					in = start <= addr && addr < end
				}
			}
		}
	}
	if err := lines.Err(); err != nil {
		t.Fatal(err)
	}
	t.Fatalf("no mapping holds %#x in /proc/self/smaps", addr)
	return false
}

// childEnv, set in a test's own process, runs the test's body there: the
// first PreferHuge of a process is the one that reserves.
const childEnv = "PAGES_TEST_CHILD"

// inChild runs test name again in a process of its own, with env added,
// and fails t with its output if it fails. It reports whether t is that
// process, which then runs the body.
func inChild(t *testing.T, name string, env ...string) bool {
	if os.Getenv(childEnv) == name {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+name+"$", "-test.v", "-test.count=1")
	cmd.Env = append(append(os.Environ(), childEnv+"="+name), env...)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+name) {
		t.Fatalf("%s in its own process: %v\n%s", name, err, out)
	}
	t.Logf("%s", out)
	return false
}

// PreferHuge reserves room for the heap to grow and asks huge pages for it,
// without making it resident, even when the heap's top was used before;
// the heap grows into it; a second call reserves nothing. Where the
// system does not leave the choice to the program, or under the race
// detector, it reserves nothing.
func TestPreferHuge(t *testing.T) {
	if !inChild(t, "TestPreferHuge") {
		return
	}
	// Memory at the heap's top, used and freed, as a build's first
	// collection leaves it: a ballast made there in one piece was
	// written whole.
	used := make([]byte, 32<<20)
	for i := range used {
		used[i] = 1
	}
	used = nil
	runtime.GC()
	mode := THPMode()
	const grow = 1 << 30
	reserves := mode == "madvise" && thpAllowed() && !raceEnabled && reservation(grow) > 0
	t.Logf("transparent huge pages %q; race detector %v; room %d MiB", mode, raceEnabled, reservation(grow)>>20)
	size, resident := statusKiB(t, "VmSize"), statusKiB(t, "VmRSS")
	PreferHuge(grow)
	grewSize, grewResident := statusKiB(t, "VmSize")-size, statusKiB(t, "VmRSS")-resident
	if !reserves {
		if grewSize > 64<<10 {
			t.Fatalf("address space grew %d KiB; want no room reserved (THP %q, race %v)", grewSize, mode, raceEnabled)
		}
		return
	}
	// Less what of the room the heap had mapped already, free.
	if want := reservation(grow)>>10 - 256<<10; grewSize < want {
		t.Errorf("address space grew %d KiB; want the room, %d KiB or more", grewSize, want)
	}
	if most := 2*reserveChunk>>10 + 16<<10; grewResident > most {
		t.Errorf("resident memory grew %d KiB; want at most %d (the room must not be written)", grewResident, most)
	}
	grown := make([]byte, 256<<20)
	if !askedHuge(t, unsafe.Pointer(&grown[len(grown)/2])) {
		t.Error("the heap grew outside the room, or into memory not asked huge pages for")
	}
	size = statusKiB(t, "VmSize")
	PreferHuge(grow)
	if grew := statusKiB(t, "VmSize") - size; grew > 64<<10 {
		t.Errorf("a second call grew the address space %d KiB; it must reserve nothing", grew)
	}
	runtime.KeepAlive(grown)
}

// Making the room takes one collection, the one that frees it, whatever
// the system's setting for huge pages, and leaves the collector's percent
// as it was.
func TestReserve(t *testing.T) {
	size := reservation(minReservation)
	if size == 0 || raceEnabled {
		t.Skipf("no room is made here (room %d bytes, race detector %v)", size, raceEnabled)
	}
	if !inChild(t, "TestReserve") {
		return
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	percent := debug.SetGCPercent(77) // not the default: its restoring shows
	reserve(size)
	restored := debug.SetGCPercent(percent)
	runtime.ReadMemStats(&after)
	if n := after.NumGC - before.NumGC; n != 1 {
		t.Errorf("%d collections while the room was made; want the one that frees it", n)
	}
	if restored != 77 {
		t.Errorf("the collector's percent is %d after the room was made; want it as it was, 77", restored)
	}
}

// GODEBUG=disablethp=1, Go's own switch for huge pages, turns PreferHuge
// off too.
func TestPreferHugeGODEBUG(t *testing.T) {
	if !inChild(t, "TestPreferHugeGODEBUG", "GODEBUG=disablethp=1") {
		return
	}
	size := statusKiB(t, "VmSize")
	PreferHuge(1 << 30)
	if grew := statusKiB(t, "VmSize") - size; grew > 64<<10 {
		t.Errorf("address space grew %d KiB with GODEBUG=disablethp=1; want no room reserved", grew)
	}
}

// BenchmarkTouch writes a byte in each small page of 256 MiB of new
// memory, with and without asking for huge pages first: a fault each,
// or one for every 512 where the kernel has huge pages to give.
func BenchmarkTouch(b *testing.B) {
	benchmarkWrites(b, 256<<20, 4096, "huge", func(mem []byte) error { return unix.Madvise(mem, unix.MADV_HUGEPAGE) })
}
