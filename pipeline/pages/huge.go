package pages

// PreferHuge has the Go heap map, once in a process, the room it will
// grow into, grow bytes, and asks the kernel to give that room in huge
// pages (2 MiB on x86-64, where a page is 4 KiB): one fault, where small
// pages take 512. The room is at most a quarter of the machine's memory
// and 8 GiB, and none under minReservation, which would not repay making
// it. It is address space: it becomes resident only as the heap uses it
// (see reserve). A heap that grows past it gets small pages there, as does
// what was mapped before. Later calls do nothing.
//
// Linux gives a program huge pages always, never, or only for the memory
// the program asks them for ("madvise", Debian's default). Go asks for
// none for its heap (since Go 1.21.1), and maps it a few MiB at a time as
// it grows, each piece written at once, too soon to be asked for. So
// PreferHuge makes the heap map the room ahead, asks for it, and lets it
// go for the heap to use.
//
// It does nothing where the system does not leave the choice to the
// program (THP "always" or "never", or forbidden to the process, or
// another system than Linux), when GODEBUG=disablethp=1 asks Go not to use
// huge pages, and under the race detector, which shadows every byte the
// heap maps. It reserves no room where mapping it could be refused, which
// the Go runtime does not survive (see reservation).
//
// Why: on the virtual machines builds run on, the first write to each
// small page traps to the hypervisor too; BenchmarkTouch measures it. The
// README's Huge pages paragraph (Scale) gives what it changes in a build
// of a million statements.
//
// The cost: memory that the heap uses again is zeroed by the runtime when
// it is handed out, and the whole room counts as used once the ballast
// is freed, so a large allocation made in it is written, and resident, at
// once, where new memory would have been left untouched until used. And a
// huge page is resident whole once any of it is written; the Go heap is
// dense, so little of that is unused. Where memory is fragmented, the
// kernel may stop a fault to compact it into a huge page.
func PreferHuge(grow int) { preferHuge(grow) }
