// Package memstat measures memory for benchmarks: the largest heap in use
// while a piece of work runs, and the process's peak resident set. Only
// benchmarks import it.
package memstat

import (
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"syscall"
	"testing"
	"time"
)

const heapMetric = "/memory/classes/heap/objects:bytes"

// HeapInUse is the heap in use now, in bytes.
func HeapInUse() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// Peak starts sampling the heap every millisecond, after a collection so
// that the baseline is live data only. Calling the returned function stops
// it and returns the largest heap seen above that baseline, in bytes.
func Peak() (stop func() uint64) {
	runtime.GC()
	base := HeapInUse()
	samples := []metrics.Sample{{Name: heapMetric}}
	var (
		mu   sync.Mutex
		peak uint64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(samples)
			mu.Lock()
			peak = max(peak, samples[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		if peak < base {
			return 0
		}
		return peak - base
	}
}

// MaxRSS is the process's peak resident set so far, in bytes. It never
// decreases: it counts everything the process did before.
func MaxRSS() uint64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return uint64(ru.Maxrss) * 1024 // Linux reports kilobytes
}

// BenchmarkWrite runs write b.N times into a writer that only counts bytes,
// and reports rows/s, bytes/row of the output, peak-heap-MB (the largest
// heap in use above the heap before) and max-RSS-MB (process-wide and never
// decreasing: earlier sub-benchmarks and the input count too).
func BenchmarkWrite(b *testing.B, rows int, write func(io.Writer) error) {
	peak := Peak()
	var size int64
	b.ResetTimer()
	for range b.N {
		w := &countingWriter{}
		if err := write(w); err != nil {
			b.Fatal(err)
		}
		size = w.n
	}
	b.StopTimer()
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(size)/float64(rows), "bytes/row")
	b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(MaxRSS())/(1<<20), "max-RSS-MB")
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }
