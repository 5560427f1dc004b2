//go:build !unix

package outdir

// mountPoint is false where mount points are not told apart here.
func mountPoint(string) bool { return false }
