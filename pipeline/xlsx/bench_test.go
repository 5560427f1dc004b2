package xlsx

import (
	"fmt"
	"io"
	"testing"

	"newsfacts/pipeline/memstat"
	"newsfacts/pipeline/synth"
	"newsfacts/schema"
)

// BenchmarkWriteStatements writes a workbook whose statements sheet has
// 100k and then 1M rows (see memstat.BenchmarkWrite for the metrics).
// peak-heap-MB must not grow with the rows: the stream writer keeps rows in
// temporary files, and the zip goes straight to a file.
//
//	go test -run '^$' -bench WriteStatements -benchtime 1x ./pipeline/xlsx
func BenchmarkWriteStatements(b *testing.B) {
	words, err := synth.Words("../../data/sources/asiaplus-2022-11-03-drones.txt")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			wb := Workbook{
				Meta:   schema.Meta{Name: "bench", Title: "Benchmark", Version: "1", Released: schema.Date{Year: 2026, Month: 11, Day: 27}},
				Tables: []schema.Table{synth.Statements(n, words)},
			}
			memstat.BenchmarkWrite(b, n, func(w io.Writer) error { return Write(w, wb) })
		})
	}
}
