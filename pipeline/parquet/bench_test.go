package parquet_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"newsfacts/pipeline/parquet"
	"newsfacts/schema"
)

// syntheticStatements returns the statements table with n rows, generated
// on demand from a pool of varied statements so that the input itself takes
// no memory that grows with n: what the benchmark measures is the writer.
// Rows have the shape of real ones: quotes of 60 to 400 characters,
// summaries, every date precision, NULLs in the optional columns.
func syntheticStatements(n int) schema.Table {
	const poolSize = 997 // more rows than a page holds, so pages do not repeat rows
	article, err := os.ReadFile("../../data/sources/asiaplus-2022-11-03-drones.txt")
	if err != nil {
		panic(err)
	}
	words := strings.Fields(string(article))
	rng := rand.New(rand.NewPCG(1, 2))
	var pool []schema.Statement
	for i := range poolSize {
		// Words drawn at random from a real article: text that compresses
		// somewhat worse than prose, so bytes/row errs on the high side.
		text := func(n int) string {
			var b strings.Builder
			for b.Len() < n {
				b.WriteString(words[rng.IntN(len(words))])
				b.WriteByte(' ')
			}
			return strings.TrimSpace(b.String())
		}
		s := schema.Statement{
			SourceID:  fmt.Sprintf("source-%04d", i%50),
			Kind:      schema.StatementKinds[i%len(schema.StatementKinds)],
			Summary:   text(80 + i%60),
			Quote:     text(60 + (i*37)%340),
			QuoteType: schema.QuoteTypes[i%len(schema.QuoteTypes)],
			SpeakerID: fmt.Sprintf("person-%03d", i%200),
		}
		s.QuoteStart = (i * 131) % 20000
		s.QuoteEnd = s.QuoteStart + len(s.Quote)
		switch i % 4 {
		case 0:
			s.Date, s.DatePrecision, s.DateBasis, s.DateText = schema.MakeDate(2022, time.Month(1+i%12), 1+i%28), schema.PrecisionDay, schema.BasisStated, "October 30, 2022"
		case 1:
			s.Date, s.DatePrecision, s.DateBasis, s.DateNote = schema.MakeDate(2022, time.Month(1+i%12), 1), schema.PrecisionMonth, schema.BasisInferred, "year not stated; taken from the publication date"
		case 2:
			s.Date, s.DatePrecision, s.DateBasis = schema.MakeDate(2021, 1, 1), schema.PrecisionYear, schema.BasisStated
		default:
			s.DatePrecision, s.DateBasis, s.DateLatest = schema.PrecisionUnknown, schema.BasisUnknown, schema.MakeDate(2022, 11, 3)
			s.SpeakerID = ""
		}
		if i%3 == 0 {
			s.Hedge, s.ViaID, s.EventID = "reportedly", "outlet-telegram", fmt.Sprintf("event-%03d", i%100)
		}
		if i%5 == 0 {
			s.PlaceID, s.RespondsToID = "city-dushanbe", fmt.Sprintf("st-%09d", i)
		}
		pool = append(pool, s)
	}
	pool[0].ID = "x" // Tables needs a statement to give the row function
	base := (&schema.Dataset{Statements: pool}).Tables()
	var t schema.Table
	for _, bt := range base {
		if bt.Name == "statements" {
			t = bt
		}
	}
	row := t.Row
	t.Len = n
	t.Row = func(i int, dst []schema.Value) {
		row(i%poolSize, dst)
		dst[0].String = fmt.Sprintf("st-%09d", i) // unique and in key order
	}
	return t
}

// BenchmarkWriteStatements writes the statements table at two sizes. The
// metrics: rows/s, bytes/row of the file, and peak-heap-MB, the largest heap
// in use while writing (sampled every millisecond) less the heap in use
// before (the row pool and the test binary), which must stay flat
// from 100k to 1M rows: the writer holds one row group, not the file.
//
//	go test -run '^$' -bench WriteStatements -benchtime 3x ./pipeline/parquet
func BenchmarkWriteStatements(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			table := syntheticStatements(n)
			runtime.GC()
			base := heapInUse()
			peak := sampleHeap()
			var size int64
			b.ResetTimer()
			for range b.N {
				w := &countingWriter{}
				if err := parquet.Write(w, table, release); err != nil {
					b.Fatal(err)
				}
				size = w.n
			}
			b.StopTimer()
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(size)/float64(n), "bytes/row")
			b.ReportMetric(float64(peak()-base)/(1<<20), "peak-heap-MB")
			var ru syscall.Rusage
			if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
				// Process-wide and never decreasing: the row pool and earlier
				// sub-benchmarks count too.
				b.ReportMetric(float64(ru.Maxrss)/1024, "max-RSS-MB")
			}
		})
	}
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

const heapMetric = "/memory/classes/heap/objects:bytes"

func heapInUse() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// sampleHeap samples the heap in use every millisecond until the returned
// function is called, which returns the largest sample.
func sampleHeap() func() uint64 {
	samples := []metrics.Sample{{Name: heapMetric}}
	var (
		mu   sync.Mutex
		max  uint64
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
			max = maxU(max, samples[0].Value.Uint64())
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
		return max
	}
}

func maxU(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}
