package progress

import (
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"testing"
)

// TestPeakRSS: after a reset, the peak covers at least memory touched
// since.
func TestPeakRSS(t *testing.T) {
	peak := trackPeakRSS()
	buf := make([]byte, 64<<20)
	for i := range buf {
		buf[i] = byte(i)
	}
	if p := peak(); p < 64<<20 {
		t.Errorf("peak resident set %d bytes after touching 64 MiB", p)
	}
	_ = buf[len(buf)-1]
}

// TestPeakRSSLeftAlone: unless the stages measure their own peaks, the
// kernel's record of the process's peak is not reset, so that
// /usr/bin/time and getrusage still see the run's.
func TestPeakRSSLeftAlone(t *testing.T) {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Skipf("the peak cannot be reset here: %v", err)
	}
	buf := make([]byte, 256<<20)
	for i := range buf {
		buf[i] = byte(i)
	}
	before := readPeakRSS()
	buf = nil
	runtime.GC()
	debug.FreeOSMemory() // the resident set falls by 256 MiB; its peak stays
	r := New(io.Discard, true)
	r.Start("stage", 0, "items").Done(0)
	// The kernel keeps the resident set's counts per thread and sums them
	// now and then: they may be some pages out.
	const slack = 32 << 20
	if got := r.stages[0].PeakRSS; got < before-slack {
		t.Errorf("peak resident set %d bytes after a stage, %d before it: the record was reset", got, before)
	}
	r.MeasureStagePeaks()
	r.Start("measured", 0, "items").Done(0)
	if got := r.stages[1].PeakRSS; got >= before-slack {
		t.Errorf("peak resident set %d bytes in a measured stage after 256 MiB were freed, %d before it: the record was not reset", got, before)
	}
}
