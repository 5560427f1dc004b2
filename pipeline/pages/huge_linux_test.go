package pages

import (
	"bufio"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

func TestPrivateAnonymous(t *testing.T) {
	maps := `00400000-004ac000 r-xp 00000000 fe:00 9978141                            /tmp/exe/dataset
00590000-0059b000 rw-p 00190000 fe:00 9978141                            /tmp/exe/dataset
0059b000-005d1000 rw-p 00000000 00:00 0
228d18000000-228d1a000000 ---p 00000000 00:00 0
228d1a000000-228d2e400000 rw-p 00000000 00:00 0
7efbea1e6000-7efbea400000 rw-s 00000000 00:01 1234                       /dev/zero (deleted)
7efbea400000-7efbec400000 rw-p 00000000 00:00 0 
7efc30f1d000-7efc30f21000 r--p 00000000 00:00 0                          [vvar]
7ffcea3e8000-7ffcea409000 rw-p 00000000 00:00 0                          [stack]
zz-7ffcea409000 rw-p 00000000 00:00 0
7ffcea409000-7ffcea408000 rw-p 00000000 00:00 0
`
	want := []span{
		{0x0059b000, 0x005d1000},
		{0x228d1a000000, 0x228d2e400000},
		{0x7efbea400000, 0x7efbec400000},
	}
	if got := privateAnonymous(maps); !slices.Equal(got, want) {
		t.Errorf("privateAnonymous = %x; want %x", got, want)
	}
}

func TestGoDisablesTHP(t *testing.T) {
	for godebug, want := range map[string]bool{
		"":                                false,
		"disablethp=1":                    true,
		"gctrace=1, disablethp=1":         true,
		"disablethp=1,disablethp=0":       false,
		"disablethp=0":                    false,
		"madvdontneed=1,xdisablethp=1":    false,
		"disablethp=1,madvdontneed=1,x=y": true,
	} {
		if got := goDisablesTHP(godebug); got != want {
			t.Errorf("goDisablesTHP(%q) = %v; want %v", godebug, got, want)
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

// statusKiB is a line of /proc/self/status, in KiB: VmRSS, VmSize.
func statusKiB(t *testing.T, key string) int {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, key+":"); ok {
			kib, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				t.Fatal(err)
			}
			return kib
		}
	}
	t.Fatalf("no %s in /proc/self/status", key)
	return 0
}

// PreferHuge asks for the memory mapped so far, and reserves room for the
// heap, asked for before it is written, without making it resident; a
// later call asks for what was mapped since. Where the system does not
// leave the choice to the program, it asks for nothing.
func TestPreferHuge(t *testing.T) {
	mode := thpMode()
	t.Logf("transparent huge pages: %q; reservation %d MiB", mode, reservation()>>20)
	mem := fresh(t, 8<<20)
	defer syscall.Munmap(mem)
	size, resident := statusKiB(t, "VmSize"), statusKiB(t, "VmRSS")
	PreferHuge()
	if got, want := askedHuge(t, unsafe.Pointer(&mem[4<<20])), mode == "madvise"; got != want {
		t.Fatalf("memory mapped before PreferHuge: huge pages asked %v; want %v (THP %q)", got, want, mode)
	}
	if mode != "madvise" {
		return
	}
	if grew := statusKiB(t, "VmRSS") - resident; grew > 64<<10 {
		t.Errorf("resident memory grew %d KiB; the reservation must not be written", grew)
	}
	if grew, want := statusKiB(t, "VmSize")-size, reservation()>>10-64<<10; grew < want {
		t.Errorf("address space grew %d KiB; want the reservation, %d KiB or more", grew, want)
	}
	// The heap grows into the reservation, asked for already.
	grown := make([]byte, 256<<20)
	if reservation() > 512<<20 && !askedHuge(t, unsafe.Pointer(&grown[len(grown)/2])) {
		t.Error("the heap grew outside the reservation, or into memory not asked huge pages for")
	}
	// A second call asks for what was mapped since, and reserves nothing.
	after := fresh(t, 8<<20)
	defer syscall.Munmap(after)
	size = statusKiB(t, "VmSize")
	PreferHuge()
	if !askedHuge(t, unsafe.Pointer(&after[4<<20])) {
		t.Error("memory mapped after the first call not asked for by the second")
	}
	if grew := statusKiB(t, "VmSize") - size; grew > 64<<10 {
		t.Errorf("the second call grew the address space %d KiB; it must reserve nothing", grew)
	}
	runtime.KeepAlive(grown)
}

// GODEBUG=disablethp=1, Go's own switch for huge pages, turns PreferHuge
// off too.
func TestPreferHugeGODEBUG(t *testing.T) {
	t.Setenv("GODEBUG", "disablethp=1")
	mem := fresh(t, 8<<20)
	defer syscall.Munmap(mem)
	PreferHuge()
	if askedHuge(t, unsafe.Pointer(&mem[4<<20])) {
		t.Error("huge pages asked for with GODEBUG=disablethp=1")
	}
}

func TestReservationFor(t *testing.T) {
	for _, c := range []struct {
		memTotal   uint64
		overcommit string
		intSize    int
		want       int
	}{
		{24 << 30, "0", 64, 6 << 30},
		{24 << 30, "1", 64, 6 << 30},
		{64 << 30, "0", 64, 8 << 30}, // at most 8 GiB
		{2 << 30, "0", 64, 512 << 20},
		{24 << 30, "2", 64, 0}, // strict accounting
		{24 << 30, "", 64, 0},
		{24 << 30, "0", 32, 0},
		{0, "0", 64, 0},
	} {
		if got := reservationFor(c.memTotal, c.overcommit, c.intSize); got != c.want {
			t.Errorf("reservationFor(%d, %q, %d) = %d; want %d", c.memTotal, c.overcommit, c.intSize, got, c.want)
		}
	}
}

func TestMemTotal(t *testing.T) {
	meminfo := "MemFree:        19860216 kB\nMemTotal:       24684204 kB\nCached: 1 kB\n"
	if got, want := memTotal(meminfo), uint64(24684204)<<10; got != want {
		t.Errorf("memTotal = %d; want %d", got, want)
	}
	for _, bad := range []string{"", "MemFree: 1 kB\n", "MemTotal: lots\n"} {
		if got := memTotal(bad); got != 0 {
			t.Errorf("memTotal(%q) = %d; want 0", bad, got)
		}
	}
}

// BenchmarkTouch writes a byte in each small page of 256 MiB of new
// memory, with and without asking for huge pages first: a fault each,
// or one for every 512.
func BenchmarkTouch(b *testing.B) {
	const size = 256 << 20
	for _, huge := range []bool{false, true} {
		b.Run("huge="+strconv.FormatBool(huge), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				mem := fresh(b, size)
				b.StartTimer()
				if huge {
					if err := unix.Madvise(mem, unix.MADV_HUGEPAGE); err != nil {
						b.Fatal(err)
					}
				}
				for i := 0; i < len(mem); i += 4096 {
					mem[i] = 1
				}
				b.StopTimer()
				syscall.Munmap(mem)
				b.StartTimer()
			}
		})
	}
}
