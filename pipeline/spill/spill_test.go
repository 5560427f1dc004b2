package spill

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// testRow stands for a statement row: mostly strings, a few integers.
type testRow struct {
	ID    int64
	Name  string
	Text  string
	Count uint64
	Lang  string
}

type testCodec struct{}

func (testCodec) Append(buf []byte, r *testRow) []byte {
	buf = AppendVarint(buf, r.ID)
	buf = AppendString(buf, r.Name)
	buf = AppendString(buf, r.Text)
	buf = AppendUvarint(buf, r.Count)
	return AppendString(buf, r.Lang)
}

func (testCodec) Decode(rec string, r *testRow) error {
	d := NewReader(rec)
	r.ID = d.Varint()
	r.Name = d.String()
	r.Text = d.String()
	r.Count = d.Uvarint()
	r.Lang = d.String()
	return d.Done()
}

// bigRow is the row of testRows whose text is over 1 MiB: it crosses
// chunks whatever the chunk size.
const bigRow = 1234

// testRows makes n rows with empty, multi-byte and long strings, negative
// and extreme integers.
func testRows(n int) []testRow {
	rows := make([]testRow, n)
	for i := range rows {
		r := &rows[i]
		r.ID = int64(i)*7919 - int64(n)*3000
		r.Name = fmt.Sprintf("row %d", i)
		switch i % 5 {
		case 0:
			r.Text = ""
		case 1:
			r.Text = fmt.Sprintf("Душанбе — 東京 ✓ 🚀 %d", i)
		default:
			r.Text = strings.Repeat(string(rune('a'+i%26)), i%300)
		}
		r.Count = uint64(i) * 1_000_003
		r.Lang = []string{"", "tg", "ru", "en"}[i%4]
	}
	rows[0].ID, rows[0].Count = math.MinInt64, math.MaxUint64
	rows[1].ID = math.MaxInt64
	rows[2].ID = -1
	if n > bigRow {
		rows[bigRow].Text = strings.Repeat("Ж", 800_000) // 1.6 MB
	}
	return rows
}

// small is a cache a few times smaller than the test files, so that tests
// replace chunks and cross their boundaries often.
var small = config{chunk: 4096, slots: 3, unlink: true}

func fill(t testing.TB, cfg config, codec Codec[testRow], rows []testRow) *Rows[testRow] {
	t.Helper()
	r, err := newRows(t.TempDir(), "rows-*", codec, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	for i := range rows {
		if err := r.Append(&rows[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Seal(); err != nil {
		t.Fatal(err)
	}
	return r
}

// check reads the rows at the given indexes and compares them with want.
func check(t *testing.T, r *Rows[testRow], want []testRow, order []int) {
	t.Helper()
	var got testRow
	for _, i := range order {
		r.Row(i, &got)
		if got != want[i] {
			t.Fatalf("row %d: got %.80v, want %.80v", i, got, want[i])
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestRoundTrip(t *testing.T) {
	want := testRows(5000)
	var size int64
	for i := range want {
		size += int64(len(testCodec{}.Append(nil, &want[i])))
	}
	for name, cfg := range map[string]config{"default": defaultConfig(), "small": small} {
		t.Run(name, func(t *testing.T) {
			r := fill(t, cfg, testCodec{}, want)
			if r.Len() != len(want) || r.Bytes() != size {
				t.Fatalf("Len, Bytes = %d, %d; want %d, %d", r.Len(), r.Bytes(), len(want), size)
			}
			forward := make([]int, len(want))
			for i := range forward {
				forward[i] = i
			}
			check(t, r, want, forward)
			check(t, r, want, forward) // again, from the cache
			backward := make([]int, len(want))
			for i := range backward {
				backward[i] = len(want) - 1 - i
			}
			check(t, r, want, backward)
			check(t, r, want, rand.New(rand.NewPCG(1, 2)).Perm(len(want)))
		})
	}
}

func TestEmpty(t *testing.T) {
	r := fill(t, defaultConfig(), testCodec{}, nil)
	if r.Len() != 0 || r.Bytes() != 0 {
		t.Errorf("Len, Bytes = %d, %d; want 0, 0", r.Len(), r.Bytes())
	}
	r.Order([]int32{})
}

// TestCache checks that reading in order costs two preads per chunk,
// not one per row, and that reading in a random order does not read a
// whole chunk for each row.
func TestCache(t *testing.T) {
	want := testRows(20_000)[bigRow+1:] // without the row over 1 MiB, which is read alone
	r := fill(t, small, testCodec{}, want)
	chunks := r.Bytes()/small.chunk + 1
	var got testRow
	for i := range r.Len() {
		r.Row(i, &got)
	}
	// One pread loads a chunk, one reads the record that crosses into the
	// next: two a chunk.
	if p := r.cache.preads.Load(); p > 5*chunks/2 {
		t.Errorf("reading %d rows in order made %d preads, for %d chunks", r.Len(), p, chunks)
	}

	r.cache.bytesRead.Store(0)
	perm := make([]int32, r.Len())
	for i, p := range rand.New(rand.NewPCG(3, 4)).Perm(r.Len()) {
		perm[i] = int32(p)
	}
	r.Order(perm)
	for i := range r.Len() {
		r.Row(i, &got)
	}
	if b := r.cache.bytesRead.Load(); b > 3*r.Bytes() {
		t.Errorf("reading %d rows of %d bytes in a random order read %d bytes", r.Len(), r.Bytes(), b)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestOrder(t *testing.T) {
	want := testRows(3000)
	r := fill(t, small, testCodec{}, want)
	perm := randomPerm(len(want), 5)
	r.Order(perm)
	var got testRow
	for i := range perm {
		r.Row(i, &got)
		if got != want[perm[i]] {
			t.Fatalf("row %d: got %.80v, want row %d, %.80v", i, got, perm[i], want[perm[i]])
		}
	}
	r.Order(nil)
	r.Row(7, &got)
	if got != want[7] {
		t.Errorf("after Order(nil), row 7 is %.80v", got)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}

	bad := map[string][]int32{
		"short":        perm[:len(perm)-1],
		"long":         append(append([]int32{}, perm...), 0),
		"out of range": append([]int32{int32(len(perm))}, perm[1:]...),
		"negative":     append([]int32{-1}, perm[1:]...),
		"twice":        append([]int32{perm[1]}, perm[1:]...),
	}
	for name, p := range bad {
		t.Run(name, func(t *testing.T) {
			mustPanic(t, func() { r.Order(p) })
		})
	}
	r.Row(7, &got)
	if got != want[7] {
		t.Errorf("a refused permutation changed the order: row 7 is %.80v", got)
	}
}

func mustPanic(t *testing.T, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	f()
}

func TestPanics(t *testing.T) {
	r, err := New[testRow](filepath.Join(t.TempDir(), "rows"), testCodec{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	row := testRow{Name: "x"}
	if err := r.Append(&row); err != nil {
		t.Fatal(err)
	}
	mustPanic(t, func() { r.Row(0, &row) })
	mustPanic(t, func() { r.Order([]int32{0}) })
	if err := r.Seal(); err != nil {
		t.Fatal(err)
	}
	mustPanic(t, func() { r.Row(1, &row) })
	mustPanic(t, func() { r.Row(-1, &row) })
}

// TestConcurrentReads reads overlapping ranges from several goroutines,
// through a cache smaller than their number, so that they replace each
// other's chunks. Run it with -race.
func TestConcurrentReads(t *testing.T) {
	want := testRows(6000)
	r := fill(t, small, testCodec{}, want)
	perm := randomPerm(len(want), 7)
	for _, order := range [][]int32{nil, perm} {
		r.Order(order)
		const goroutines = 8
		var wg sync.WaitGroup
		for g := range goroutines {
			wg.Go(func() {
				var got testRow
				first := g * len(want) / (2 * goroutines)
				for i := first; i < first+len(want)/2; i++ {
					j := i
					if order != nil {
						j = int(order[i])
					}
					r.Row(i, &got)
					if got != want[j] {
						t.Errorf("goroutine %d, row %d: got %.80v, want %.80v", g, i, got, want[j])
						return
					}
				}
			})
		}
		wg.Wait()
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestAppendAfterSealOrClose(t *testing.T) {
	r, err := New[testRow](filepath.Join(t.TempDir(), "rows"), testCodec{})
	if err != nil {
		t.Fatal(err)
	}
	row := testRow{Name: "x"}
	if err := r.Append(&row); err != nil {
		t.Fatal(err)
	}
	if err := r.Seal(); err != nil {
		t.Fatal(err)
	}
	if err := r.Seal(); err != nil {
		t.Errorf("second Seal: %v", err)
	}
	if err := r.Append(&row); !errors.Is(err, ErrSealed) {
		t.Errorf("Append after Seal: %v, want ErrSealed", err)
	}
	if r.Len() != 1 {
		t.Errorf("Len = %d after a refused Append", r.Len())
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Append(&row); !errors.Is(err, ErrClosed) {
		t.Errorf("Append after Close: %v, want ErrClosed", err)
	}
	r.Row(0, &row)
	if err := r.Err(); !errors.Is(err, ErrClosed) || row != (testRow{}) {
		t.Errorf("Row after Close: %v, row %v; want ErrClosed, a zero row", err, row)
	}
}

func TestAppendWriteError(t *testing.T) {
	r, err := New[testRow](filepath.Join(t.TempDir(), "rows"), testCodec{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	r.f.Close()                                              // behind its back
	row := testRow{Text: strings.Repeat("x", 2*writeBuffer)} // larger than the buffer, so written at once
	err = r.Append(&row)
	if !errors.Is(err, os.ErrClosed) || !strings.Contains(err.Error(), "row 0") || !strings.Contains(err.Error(), r.name) {
		t.Fatalf("Append to a closed file: %v; want an error naming row 0, the file and its cause", err)
	}
	if err2 := r.Seal(); err2 != err {
		t.Errorf("Seal after a failed Append: %v, want %v", err2, err)
	}
}

func TestReadError(t *testing.T) {
	want := testRows(100)
	r := fill(t, small, testCodec{}, want)
	r.f.Close() // behind its back: nothing is cached yet
	got := want[5]
	r.Row(3, &got)
	if got != (testRow{}) {
		t.Errorf("dst after a read error: %v, want it zeroed", got)
	}
	err := r.Err()
	if !errors.Is(err, os.ErrClosed) || !strings.Contains(err.Error(), "row 3:") {
		t.Fatalf("Err after a read error: %v; want one naming row 3 and its cause", err)
	}
	r.Row(5, &got)
	if r.Err() != err {
		t.Errorf("a later error replaced the first: %v", r.Err())
	}
}

// badCodec writes the rows named "bad" with their last byte missing.
type badCodec struct{ testCodec }

func (c badCodec) Append(buf []byte, r *testRow) []byte {
	buf = c.testCodec.Append(buf, r)
	if r.Name == "bad" {
		buf = buf[:len(buf)-1]
	}
	return buf
}

func TestMalformedRecord(t *testing.T) {
	want := testRows(20)
	want[7].Name, want[12].Name = "bad", "bad"
	r, err := newRows[testRow](t.TempDir(), "rows-*", badCodec{}, small)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for i := range want {
		if err := r.Append(&want[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Seal(); err != nil {
		t.Fatal(err)
	}
	var got testRow
	for i := range want {
		got = want[0]
		r.Row(i, &got)
		if i == 7 || i == 12 {
			if got != (testRow{}) {
				t.Errorf("row %d, malformed, read as %v, want a zero row", i, got)
			}
		} else if got != want[i] {
			t.Errorf("row %d: got %v, want %v", i, got, want[i])
		}
	}
	err = r.Err()
	if !errors.Is(err, ErrMalformed) || !strings.HasPrefix(err.Error(), "spill: row 7: malformed record: field 5") {
		t.Errorf("Err = %v, want the first malformed row, 7, and its field", err)
	}

	// After Order, the message gives both numbers.
	r2, err := newRows[testRow](t.TempDir(), "rows-*", badCodec{}, small)
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	for i := range want {
		r2.Append(&want[i])
	}
	r2.Seal()
	perm := make([]int32, len(want))
	for i := range perm {
		perm[i] = int32(len(want) - 1 - i)
	}
	r2.Order(perm)
	r2.Row(12, &got)
	if err := r2.Err(); err == nil || !strings.HasPrefix(err.Error(), "spill: row 12 (appended as row 7): ") {
		t.Errorf("Err = %v, want one naming row 12, appended as row 7", err)
	}
}

func TestFileRemoved(t *testing.T) {
	switch runtime.GOOS {
	case "windows", "plan9":
		t.Skip("the file cannot be removed while it is open")
	}
	for _, unlink := range []bool{true, false} {
		t.Run(fmt.Sprintf("unlink=%v", unlink), func(t *testing.T) {
			dir := t.TempDir()
			cfg := defaultConfig()
			cfg.unlink = unlink
			r, err := newRows[testRow](dir, "rows-*", testCodec{}, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if n := entries(t, dir); unlink && n != 0 || !unlink && n != 1 {
				t.Errorf("%d files in dir after New", n)
			}
			want := testRows(10)
			for i := range want {
				r.Append(&want[i])
			}
			if err := r.Seal(); err != nil {
				t.Fatal(err)
			}
			check(t, r, want, []int{9, 0, 5})
			if err := r.Close(); err != nil {
				t.Fatal(err)
			}
			if err := r.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
			if n := entries(t, dir); n != 0 {
				t.Errorf("%d files in dir after Close", n)
			}
		})
	}
}

func entries(t *testing.T, dir string) int {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}

// randomPerm is a permutation of 0..n-1, the same for the same seed.
func randomPerm(n int, seed uint64) []int32 {
	perm := make([]int32, n)
	for i, p := range rand.New(rand.NewPCG(seed, seed+1)).Perm(n) {
		perm[i] = int32(p)
	}
	return perm
}
