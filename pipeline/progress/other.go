//go:build !linux

package progress

import "os"

// Elsewhere progress is not drawn and peaks are not measured.
func isTerminal(*os.File) bool    { return false }
func trackPeakRSS() func() uint64 { return readPeakRSS }
func readPeakRSS() uint64         { return 0 }
