package cli

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"newsfacts/pipeline/progress"
)

// A build that is interrupted (Ctrl-C, or a scheduler's SIGTERM at its
// time limit) stops at once, as a killed one does: the release folder is
// as safe as after a kill at any moment (see TestKilledBuildKeepsRelease),
// and what the build left beside it (out.staging, out.lock) is the next
// build's to take over. What it holds outside the release folder is
// another matter: nothing after it would ever remove Chromium's profile
// from the temporary folder, one per interrupted night, nor stop the
// browser. Those are what interrupts cleans up before the build exits.

// interrupts holds the cleanups to run if the build is interrupted.
type interrupts struct {
	mu      sync.Mutex
	pending map[int]func()
	next    int
}

// onInterrupt registers f, to run if the build is interrupted before done
// is called.
func (in *interrupts) onInterrupt(f func()) (done func()) {
	if in == nil {
		return func() {}
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	k := in.next
	in.next++
	in.pending[k] = f
	return func() {
		in.mu.Lock()
		defer in.mu.Unlock()
		delete(in.pending, k)
	}
}

// catchInterrupts handles SIGINT and SIGTERM until stop is called: it
// runs the pending cleanups, ends the progress line, says what became of
// the release, and exits with 128 and the signal's number, as a shell
// reports a process the signal ended (130 for Ctrl-C, 143 for SIGTERM).
// A second signal meanwhile ends the build as if none were caught.
func catchInterrupts(cmd, outDir string, run *progress.Run, stderr io.Writer) (in *interrupts, stop func()) {
	in = &interrupts{pending: map[int]func(){}}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	quit := make(chan struct{})
	var handled sync.WaitGroup
	handled.Go(func() {
		select {
		case <-quit:
			return
		case sig := <-signals:
			signal.Stop(signals) // a second Ctrl-C ends the build at once
			in.mu.Lock()         // held to the exit: nothing registers or finishes meanwhile
			for _, f := range in.pending {
				f()
			}
			run.Stop()
			fmt.Fprintf(stderr, "dataset %s: interrupted (%v): %s holds a whole release, the previous one unless the new one was already in place; what the build had begun beside it, the next build takes over\n", cmd, sig, outDir)
			code := 128 + 2
			if s, ok := sig.(syscall.Signal); ok {
				code = 128 + int(s)
			}
			os.Exit(code)
		}
	})
	return in, func() {
		signal.Stop(signals)
		close(quit)
		handled.Wait()
	}
}
