package csv_test

import (
	"fmt"
	"io"
	"testing"

	"newsfacts/pipeline/csv"
	"newsfacts/pipeline/memstat"
	"newsfacts/pipeline/synth"
)

// BenchmarkWriteStatements writes the statements table at two sizes (see
// memstat.BenchmarkWrite for the metrics), as the Parquet and workbook
// writers' benchmarks do.
//
//	go test -run '^$' -bench WriteStatements -benchtime 3x ./pipeline/csv
func BenchmarkWriteStatements(b *testing.B) {
	words, err := synth.Words("../../data/sources/asiaplus-2022-11-03-drones.txt")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			table := synth.Statements(n, words)
			memstat.BenchmarkWrite(b, n, func(w io.Writer) error { return csv.Write(w, table) })
		})
	}
}
