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

// BenchmarkWriteLinks writes a sources sheet of 20,000 rows, each with a
// web address, of which the first linksPerSheet are links: what a
// workbook's links cost (the links of a million statements' workbook
// are two such sheets').
//
//	go test -run '^$' -bench WriteLinks ./pipeline/xlsx
func BenchmarkWriteLinks(b *testing.B) {
	urls := make([]string, 20_000)
	for i := range urls {
		urls[i] = fmt.Sprintf("https://example.org/news/%05d?lang=en&page=1", i)
	}
	wb := linkedSources(urls)
	for b.Loop() {
		if err := Write(io.Discard, wb); err != nil {
			b.Fatal(err)
		}
	}
}

// linkedSources is a workbook of a sources sheet, a source for each of the
// web addresses.
func linkedSources(urls []string) Workbook {
	meta := schema.Meta{Name: "bench", Title: "Benchmark", Version: "1", Released: schema.Date{Year: 2026, Month: 11, Day: 27}}
	d := &schema.Dataset{Meta: meta}
	for i, url := range urls {
		d.Sources = append(d.Sources, schema.Source{
			ID: fmt.Sprintf("src-%05d", i), Title: "A report", Publisher: "An outlet", PublisherID: "outlet",
			URL: url, Published: meta.Released, Language: "en",
		})
	}
	var sources schema.Table
	for _, t := range d.Tables() {
		if t.Name == "sources" {
			sources = t
		}
	}
	return Workbook{Meta: meta, Tables: []schema.Table{sources}}
}
