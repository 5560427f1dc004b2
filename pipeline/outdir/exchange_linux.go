package outdir

import "golang.org/x/sys/unix"

// exchange swaps the folders a and b in one atomic step (renameat2 with
// RENAME_EXCHANGE), so that no reader ever finds the release missing.
// It fails on file systems and kernels that lack it; the caller then
// falls back to two renames.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
