package outdir

import "os"

// StartWriteback asks the system to start writing f's data to disk now,
// without waiting for it, where it can (Linux); elsewhere it does nothing.
// A release's files are synced before the release is put in place (see
// Replace): a file handed over as soon as it is written is on disk by
// then, or nearly, and the sync waits for little. It also keeps the data
// waiting to be written small, where the kernel holds back a process that
// writes more than its share of it (dirty pages): a release of a million
// statements writes 650 MB.
//
// The error is the system's refusal (a pipe, say), for tests: a file that
// could not be written fails its sync, which is where a build reports it.
func StartWriteback(f *os.File) error { return startWriteback(f) }
