package progress

import (
	"bytes"
	"os"
	"strconv"
)

// trackPeakRSS resets the kernel's record of the process's peak resident
// set (VmHWM) and returns a function that reads it. Writing 5 to
// clear_refs is the documented reset (proc(5)); where it is refused the
// peak is the process's since it started.
func trackPeakRSS() func() uint64 {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	return readPeakRSS
}

// readPeakRSS reads VmHWM from /proc/self/status, in bytes.
func readPeakRSS() uint64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range bytes.Lines(status) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			kb, err := strconv.ParseUint(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(rest), []byte("kB")))), 10, 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}
