package pages

import (
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
