//go:build !linux

package pages

func preferHuge() {}
