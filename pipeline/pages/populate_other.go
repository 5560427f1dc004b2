//go:build !linux

package pages

func populate(addr, size uintptr) error { return nil }
