package pages

import (
	"math"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// statusKiB is a line of /proc/self/status in KiB: VmRSS (resident
// memory), VmSize (address space).
func statusKiB(t testing.TB, key string) int {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	value, ok := procValue(string(status), key)
	if !ok {
		t.Fatalf("no %s in /proc/self/status", key)
	}
	kib, err := strconv.Atoi(strings.TrimSuffix(value, " kB"))
	if err != nil {
		t.Fatal(err)
	}
	return kib
}

// fresh maps size bytes of memory the process has never used: the Go
// heap's may have been used, and zeroed, before.
func fresh(t testing.TB, size int) []byte {
	b, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANONYMOUS)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Populate makes new memory resident before it is written, changes
// nothing in it, and leaves a slice too small, or of nothing, alone.
func TestPopulate(t *testing.T) {
	const size = 64 << 20
	mem := fresh(t, size)
	defer syscall.Munmap(mem)
	half := mem[size/2+1000:] // written first; not on a page's edge
	for i := range half {
		half[i] = byte(i*7 + 1)
	}
	before := statusKiB(t, "VmRSS")
	err := Populate(mem[: 1000 : size/2+1000]) // the first half, by its capacity
	if grew := statusKiB(t, "VmRSS") - before; err == syscall.EINVAL {
		// A kernel before 5.14: the pages come as they are written.
		t.Logf("the kernel does not populate (EINVAL); resident memory grew %d KiB", grew)
	} else if err != nil {
		t.Fatal(err)
	} else if want := (size/2 - 2*os.Getpagesize()) / 1024; grew < want {
		t.Errorf("resident memory grew %d KiB; want %d or more (the first half, from a slice of its capacity)", grew, want)
	}
	for i, b := range mem[:size/2+1000] {
		if b != 0 {
			t.Fatalf("byte %d is %d after Populate; want 0", i, b)
		}
	}
	for i, b := range half {
		if b != byte(i*7+1) {
			t.Fatalf("byte %d of the written half changed to %d", i, b)
		}
	}
	// Nothing to ask for: none of these may touch memory.
	var none []int
	if err := Populate(none); err != nil {
		t.Error(err)
	}
	if err := Populate(make([]struct{}, math.MaxInt32)); err != nil {
		t.Error(err)
	}
	if err := Populate(make([]byte, minSize-1)); err != nil {
		t.Error(err)
	}
}

// BenchmarkFill writes 360 MB of new memory, as a million statements'
// rows were before they shrank to 256 MB, a word every 64 bytes, with and
// without asking for its pages first.
func BenchmarkFill(b *testing.B) {
	benchmarkWrites(b, 360<<20, 64, "populate", Populate)
}

// benchmarkWrites times writing a byte every stride bytes of size bytes
// of new memory, as a sub-benchmark option=false, and option=true with
// prepare called on the memory first, inside the time.
func benchmarkWrites(b *testing.B, size, stride int, option string, prepare func([]byte) error) {
	for _, prepared := range []bool{false, true} {
		b.Run(option+"="+strconv.FormatBool(prepared), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				mem := fresh(b, size)
				b.StartTimer()
				if prepared {
					if err := prepare(mem); err != nil {
						b.Fatal(err)
					}
				}
				for i := 0; i < len(mem); i += stride {
					mem[i] = 1
				}
				b.StopTimer()
				syscall.Munmap(mem)
				b.StartTimer()
			}
		})
	}
}
