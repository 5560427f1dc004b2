//go:build unix

package cli

import (
	"os"
	"os/signal"
	"syscall"

	"newsfacts/pipeline/chromium"
)

// closeBrowsersOnSignal closes the browsers the build has open when it is
// stopped by SIGINT or SIGTERM, and then lets the signal end the process
// as it would have (whoever sent it still sees the process killed by it):
// a build killed while it rendered its charts had left the browser's
// profile in the temporary folder. The release is left as a killed
// build leaves it (see outdir). It returns the function that stops
// listening.
func closeBrowsersOnSignal() (stop func()) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-signals:
			chromium.CloseAll()
			signal.Reset(s)
			_ = syscall.Kill(os.Getpid(), s.(syscall.Signal))
		case <-done:
		}
	}()
	return func() {
		signal.Stop(signals)
		close(done)
	}
}
