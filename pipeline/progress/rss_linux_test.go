package progress

import "testing"

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
