//go:build !linux

package pages

func preferHuge(int) {}

// THPMode is "" where there are no transparent huge pages.
func THPMode() string { return "" }

// MemTotal is 0 where /proc/meminfo is not.
func MemTotal() uint64 { return 0 }
