package parquet_test

import (
	"fmt"
	"io"
	"testing"

	"newsfacts/pipeline/memstat"
	"newsfacts/pipeline/parquet"
	"newsfacts/pipeline/synth"
)

// BenchmarkWriteStatements writes the statements table at two sizes (see
// memstat.BenchmarkWrite for the metrics). peak-heap-MB must not grow with
// the rows: the writer holds a row group per core, not the file.
//
//	go test -run '^$' -bench WriteStatements -benchtime 3x ./pipeline/parquet
func BenchmarkWriteStatements(b *testing.B) {
	words, err := synth.Words("../../data/sources/asiaplus-2022-11-03-drones.txt")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			table := synth.Statements(n, words)
			memstat.BenchmarkWrite(b, n, func(w io.Writer) error { return parquet.Write(w, table, release) })
		})
	}
}
