package pages

import (
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// residentKiB is the process's resident memory (VmRSS), in KiB.
func residentKiB(t testing.TB) int {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kib, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				t.Fatal(err)
			}
			return kib
		}
	}
	t.Fatal("no VmRSS in /proc/self/status")
	return 0
}

// Populate makes a new slice's memory resident before it is written, and
// changes nothing in a slice.
func TestPopulate(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Fatalf("this test reads /proc; on %s Populate does nothing", runtime.GOOS)
	}
	const size = 64 << 20
	debug.FreeOSMemory()
	s := make([]byte, size)
	before := residentKiB(t)
	err := Populate(s)
	grew := residentKiB(t) - before
	if err == syscall.EINVAL {
		// A kernel before 5.14: the pages come as they are written.
		t.Logf("the kernel does not populate (EINVAL); resident memory grew %d KiB", grew)
	} else if err != nil {
		t.Fatal(err)
	} else if grew < size/1024*9/10 {
		t.Errorf("resident memory grew %d KiB for a slice of %d KiB", grew, size/1024)
	}
	if bytes.ContainsFunc(s, func(r rune) bool { return r != 0 }) {
		t.Error("a new slice is not zero after Populate")
	}
	for i := range s {
		s[i] = byte(i * 7)
	}
	if err := Populate(s[1000:]); err != nil && err != syscall.EINVAL {
		t.Fatal(err)
	}
	for i := range s {
		if s[i] != byte(i*7) {
			t.Fatalf("byte %d changed to %d by Populate", i, s[i])
		}
	}
	if err := Populate(make([]int, 10)); err != nil { // too small to ask for
		t.Fatal(err)
	}
	runtime.KeepAlive(s)
}

// rows are rows the size of a statement's.
type row struct {
	text    [17]string
	numbers [11]int // three dates' parts, and two offsets
}

// BenchmarkFill fills a new table of a million rows the size of a
// statement's with and without asking for its pages first. Each is made
// of memory returned to the system, as a build's tables are.
func BenchmarkFill(b *testing.B) {
	for _, populate := range []bool{false, true} {
		b.Run("populate="+strconv.FormatBool(populate), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				debug.FreeOSMemory()
				b.StartTimer()
				rows := make([]row, 1_000_000)
				if populate {
					Populate(rows)
				}
				for i := range rows {
					rows[i].text[0], rows[i].numbers[10] = "x", i
				}
			}
		})
	}
}
