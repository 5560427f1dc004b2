package pages

// PreferHuge asks the kernel to give the process's memory, the Go heap
// among it, in huge pages (2 MiB on x86-64, where a page is 4 KiB): one
// fault, where small pages take 512. It asks for the memory mapped so far,
// and has the heap map at once the memory it will grow into, up to a
// quarter of the machine's memory and at most 8 GiB, so that it can be
// asked for before any of it is used (see reserve). Only the first call in
// a process reserves; later calls ask for what was mapped since.
//
// Linux gives a program huge pages always, never, or only for the memory
// the program asks them for ("madvise", Debian's default). Go asks for
// none (since Go 1.21.1), and its heap grows a few MiB at a time, each
// growth a new mapping, written at once. PreferHuge does nothing where
// the system does not leave the choice to the program (THP "always" or
// "never", another system than Linux), and when GODEBUG=disablethp=1 asks
// Go not to use huge pages.
//
// Why: on the virtual machines builds run on, the first write to each
// small page traps to the hypervisor too; BenchmarkTouch measures it. A
// build of a million statements took 580,000 page faults and 13 to 17 s of
// system time, against 18,000 and 8 to 9 s with PreferHuge (README:
// Memory).
//
// The cost is memory: a huge page is resident whole once any of it is
// written. The Go heap is dense, so little of that is unused.
func PreferHuge() { preferHuge() }
