package spill

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// benchRows spills 100,000 rows of about 220 bytes, the size of a
// statement's strings, through the default cache.
func benchRows(b *testing.B) *Rows[testRow] {
	rows := make([]testRow, 100_000)
	for i := range rows {
		rows[i] = testRow{
			ID:    int64(i),
			Name:  fmt.Sprintf("statement-%08d", i),
			Text:  strings.Repeat("word ", 30+i%10),
			Count: uint64(i),
			Lang:  "tg",
		}
	}
	return fill(b, defaultConfig(), testCodec{}, rows)
}

// BenchmarkRowSequential reads the rows in order, as the CSV writer does;
// one op is one row.
func BenchmarkRowSequential(b *testing.B) {
	r := benchRows(b)
	var dst testRow
	for i := 0; b.Loop(); i++ {
		r.Row(i%r.Len(), &dst)
	}
	if err := r.Err(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRowParallel reads separate ranges in order from GOMAXPROCS
// goroutines, as the Parquet writer does; one op is one row.
func BenchmarkRowParallel(b *testing.B) {
	r := benchRows(b)
	var started atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var dst testRow
		i := int(started.Add(1)-1) * 10_007
		for ; pb.Next(); i++ {
			r.Row(i%r.Len(), &dst)
		}
	})
	if err := r.Err(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRowPermuted reads the rows through a random permutation, the
// worst order Order can set: most rows are read with a pread of their own.
func BenchmarkRowPermuted(b *testing.B) {
	r := benchRows(b)
	perm := make([]int32, r.Len())
	for i, p := range rand.New(rand.NewPCG(1, 2)).Perm(r.Len()) {
		perm[i] = int32(p)
	}
	r.Order(perm)
	var dst testRow
	for i := 0; b.Loop(); i++ {
		r.Row(i%r.Len(), &dst)
	}
	if err := r.Err(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkAppend appends rows; one op is one row.
func BenchmarkAppend(b *testing.B) {
	row := testRow{ID: 1, Name: "statement-00000001", Text: strings.Repeat("word ", 35), Lang: "tg"}
	r, err := New[testRow](filepath.Join(b.TempDir(), "rows"), testCodec{})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	for b.Loop() {
		if err := r.Append(&row); err != nil {
			b.Fatal(err)
		}
	}
}
