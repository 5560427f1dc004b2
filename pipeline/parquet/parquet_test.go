package parquet_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"

	"newsfacts/pipeline/duckdb"
	"newsfacts/pipeline/parquet"
	"newsfacts/schema"
)

// literal builds a table from literal rows.
func literal(name string, key []string, cols []schema.Column, rows [][]schema.Value) schema.Table {
	return schema.Table{
		Name: name, Doc: "A test table.", Key: key, Columns: cols, Len: len(rows),
		Row: func(i int, dst []schema.Value) { copy(dst, rows[i]) },
	}
}

var (
	null = schema.Value{Null: true}

	release = parquet.Release{
		Meta: schema.Meta{Name: "test-set", Title: "Test set", Version: "1.2.3", Released: schema.Date{Year: 2026, Month: 11, Day: 27}, License: "CC-BY-4.0"},
	}
)

func str(s string) schema.Value     { return schema.Value{String: s} }
func integer(n int64) schema.Value  { return schema.Value{Int: n} }
func number(x float64) schema.Value { return schema.Value{Number: x} }
func boolean(b bool) schema.Value   { return schema.Value{Bool: b} }
func list(s ...string) schema.Value { return schema.Value{List: s} }
func date(y, m, d int) schema.Value {
	return schema.Value{Date: schema.MakeDate(y, time.Month(m), d)}
}
func isoDate(s string) schema.Value                  { d, _ := schema.ParseISODate(s); return schema.Value{Date: d} }
func col(name string, typ schema.Type) schema.Column { return schema.Column{Name: name, Type: typ} }
func nullable(c schema.Column) schema.Column         { c.Nullable = true; return c }

// everyType has a column of every type, nullable and not, and rows with the
// values writers get wrong: zero, empty string, empty list, NULL next to a
// real zero, non-ASCII text, dates before 1970 and before 1900.
var everyType = literal("every_type", []string{"id"},
	[]schema.Column{
		col("id", schema.TypeString),
		{Name: "kind", Type: schema.TypeString, Values: []string{"claim", "denial"}},
		{Name: "source_id", Type: schema.TypeString, Ref: "sources.source_id"},
		nullable(col("note", schema.TypeString)),
		col("n", schema.TypeInteger),
		nullable(col("maybe_n", schema.TypeInteger)),
		col("x", schema.TypeNumber),
		nullable(col("maybe_x", schema.TypeNumber)),
		col("flag", schema.TypeBoolean),
		nullable(col("maybe_flag", schema.TypeBoolean)),
		col("day", schema.TypeDate),
		nullable(col("maybe_day", schema.TypeDate)),
		col("tags", schema.TypeStringList),
		nullable(col("maybe_tags", schema.TypeStringList)),
	},
	[][]schema.Value{
		{str("a"), str("claim"), str("s1"), str(""), integer(0), integer(0), number(0), number(0), boolean(false), boolean(false), date(1970, 1, 1), date(1969, 12, 31), list(), list()},
		{str("b"), str("denial"), str("s1"), null, integer(-7), null, number(2.5), null, boolean(true), null, date(1899, 12, 31), null, list("x"), null},
		{str("c"), str("claim"), str("s2"), str("Душанбе — “drones”\u00a0"), integer(1 << 40), integer(5), number(-1e-9), number(22), boolean(false), boolean(true), date(2022, 10, 30), date(1, 1, 1), list("Asia Plus", "", "ASIA-Plus"), list("only")},
		{str("d"), str("denial"), str("s2"), str("x"), integer(3), integer(0), number(1e300), number(0), boolean(true), boolean(false), date(9999, 12, 31), date(2020, 1, 1), list("z"), list()},
	})

// write writes t into a temporary file and returns its path.
func write(t *testing.T, table schema.Table) string {
	t.Helper()
	var buf bytes.Buffer
	if err := parquet.Write(&buf, table, release); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), table.Name+".parquet")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func openDuckDB(t *testing.T) *duckdb.DB {
	t.Helper()
	db, err := duckdb.Open()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestEveryTypeThroughDuckDB: DuckDB sees the expected column types, in the
// table's order, and every value, NULLs included.
func TestEveryTypeThroughDuckDB(t *testing.T) {
	db := openDuckDB(t)
	for _, diff := range db.CompareParquet(write(t, everyType), everyType) {
		t.Error(diff)
	}
}

// TestDatesAreDates guards against parquet-go's time.Time + `date` tag bug,
// which stored nanoseconds cut to int32 (2020-01-01 read back in DuckDB as a
// year-3234616 BC date). DuckDB must read DATE values equal to the input,
// compared as text by DuckDB itself.
func TestDatesAreDates(t *testing.T) {
	days := []string{"0001-01-01", "1899-12-31", "1900-01-01", "1969-12-31", "1970-01-01", "2020-01-01", "2022-10-30", "2024-02-29", "9999-12-31"}
	var rows [][]schema.Value
	for i, d := range days {
		rows = append(rows, []schema.Value{integer(int64(i)), isoDate(d)})
	}
	table := literal("dates", []string{"i"}, []schema.Column{col("i", schema.TypeInteger), col("day", schema.TypeDate)}, rows)
	db := openDuckDB(t)
	got, err := db.Query("SELECT typeof(day), CAST(day AS VARCHAR) FROM read_parquet(?)", write(t, table))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(days) {
		t.Fatalf("DuckDB reads %d rows, want %d", len(got), len(days))
	}
	for i, r := range got {
		if r[0] != "DATE" || r[1] != days[i] {
			t.Errorf("row %d: DuckDB reads %v %v, want DATE %s", i+1, r[0], r[1], days[i])
		}
	}
}

// TestZeroIsNotNull guards against parquet-go's `optional` on value types,
// which read [0,5,0] back as [NULL,5,0] and could never store a real 0: in
// a nullable column, 0, "", false and an empty list are values, not NULL.
func TestZeroIsNotNull(t *testing.T) {
	cols := []schema.Column{col("i", schema.TypeInteger), nullable(col("n", schema.TypeInteger)), nullable(col("s", schema.TypeString)),
		nullable(col("b", schema.TypeBoolean)), nullable(col("x", schema.TypeNumber)), nullable(col("l", schema.TypeStringList))}
	rows := [][]schema.Value{
		{integer(0), integer(0), str(""), boolean(false), number(0), list()},
		{integer(1), integer(5), str("x"), boolean(true), number(1), list("a")},
		{integer(2), null, null, null, null, null},
		{integer(3), integer(0), str(""), boolean(false), number(0), list()},
	}
	const n = 100_000 // over one row group, so the pattern crosses a row-group boundary
	table := schema.Table{Name: "zeros", Key: []string{"i"}, Columns: cols, Len: n, Row: func(i int, dst []schema.Value) {
		copy(dst, rows[i%len(rows)])
		dst[0] = integer(int64(i))
	}}
	db := openDuckDB(t)
	got, err := db.Query(`SELECT i % 4 AS k, count(*), count(n), count(s), count(b), count(x), count(l),
		sum(n)::BIGINT, string_agg(DISTINCT s, ','), bool_or(b), sum(x), max(len(l))
		FROM read_parquet(?) GROUP BY k ORDER BY k`, write(t, table))
	if err != nil {
		t.Fatal(err)
	}
	const q = n / 4
	want := [][]string{
		{"0", fmt.Sprint(q), fmt.Sprint(q), fmt.Sprint(q), fmt.Sprint(q), fmt.Sprint(q), fmt.Sprint(q), "0", `""`, "false", "0", "0"},
		{"1", fmt.Sprint(q), fmt.Sprint(q), fmt.Sprint(q), fmt.Sprint(q), fmt.Sprint(q), fmt.Sprint(q), fmt.Sprint(5 * q), `"x"`, "true", fmt.Sprint(q), "1"},
		{"2", fmt.Sprint(q), "0", "0", "0", "0", "0", "NULL", "NULL", "NULL", "NULL", "NULL"},
		{"3", fmt.Sprint(q), fmt.Sprint(q), fmt.Sprint(q), fmt.Sprint(q), fmt.Sprint(q), fmt.Sprint(q), "0", `""`, "false", "0", "0"},
	}
	var gotText [][]string
	for _, r := range got {
		var line []string
		for _, v := range r {
			line = append(line, duckdb.Format(v))
		}
		gotText = append(gotText, line)
	}
	if diff := cmp.Diff(want, gotText); diff != "" {
		t.Errorf("NULLs and zeros (-want +got):\n%s", diff)
	}
}

// TestLayout: zstd on every column, dictionary encoding for categorical
// columns, plain strings elsewhere, reference columns included (no DELTA
// encodings, which Spark 3's vectorized reader rejects), every page a v1 data page or a
// dictionary page, row groups of at most RowGroupRows rows, the primary
// key recorded as the sorting columns, created_by pinned.
func TestLayout(t *testing.T) {
	const n = 2*parquet.RowGroupRows + 1
	kinds := []string{"claim", "denial"}
	table := schema.Table{Name: "layout", Key: []string{"group", "id"}, Len: n,
		Columns: []schema.Column{
			col("group", schema.TypeInteger),
			col("id", schema.TypeString),
			{Name: "kind", Type: schema.TypeString, Values: kinds},
			{Name: "source_id", Type: schema.TypeString, Ref: "sources.source_id"},
			nullable(col("quote", schema.TypeString)),
			col("day", schema.TypeDate),
			col("aliases", schema.TypeStringList),
			nullable(col("x", schema.TypeNumber)),
			col("flag", schema.TypeBoolean),
		},
		Row: func(i int, dst []schema.Value) {
			// Sorted by (group, id), but id alone starts again in each
			// group: only the two-column sort order holds.
			const perGroup = 1000
			dst[0] = integer(int64(i / perGroup))
			dst[1] = str(fmt.Sprintf("st-%07d", i%perGroup))
			dst[2] = str(kinds[i%2])
			dst[3] = str(fmt.Sprintf("src-%d", i%10))
			dst[4] = str(strings.Repeat("quote ", i%7))
			dst[5] = date(2022, 1+i%12, 1+i%28)
			dst[6] = list(fmt.Sprintf("alias %d", i%3))
			dst[7] = number(float64(i) / 3)
			dst[8] = boolean(i%3 == 0)
		},
	}
	path := write(t, table)
	db := openDuckDB(t)
	chunks, err := db.Chunks(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	groups := map[int64]int64{}
	for _, c := range chunks {
		groups[c.RowGroup] = c.RowGroupRows
		if c.Compression != "ZSTD" {
			t.Errorf("row group %d %s: compression %s, want ZSTD", c.RowGroup, c.Column, c.Compression)
		}
		if strings.Contains(c.Encodings, "DELTA") {
			t.Errorf("row group %d %s: encodings %s include a DELTA encoding", c.RowGroup, c.Column, c.Encodings)
		}
		dict := c.Column == "kind"
		if got := c.DictionaryPageOffset != nil && strings.Contains(c.Encodings, "RLE_DICTIONARY"); got != dict {
			t.Errorf("row group %d %s: dictionary-encoded = %v (encodings %s), want %v", c.RowGroup, c.Column, got, c.Encodings, dict)
		}
		for _, pt := range pageTypes(t, data, c) {
			if pt != format.DataPage && pt != format.DictionaryPage {
				t.Errorf("row group %d %s: a page of type %v; want only v1 data pages and dictionary pages", c.RowGroup, c.Column, pt)
			}
		}
	}
	var total int64
	for g, rows := range groups {
		if rows > parquet.RowGroupRows {
			t.Errorf("row group %d has %d rows, more than %d", g, rows, parquet.RowGroupRows)
		}
		total += rows
	}
	if len(groups) != 3 || total != n {
		t.Errorf("%d row groups holding %d rows; want 3 holding %d", len(groups), total, n)
	}

	meta, err := db.Query("SELECT created_by FROM parquet_file_metadata(?)", path)
	if err != nil {
		t.Fatal(err)
	}
	if meta[0][0] != parquet.CreatedBy {
		t.Errorf("created_by %v, want %q", meta[0][0], parquet.CreatedBy)
	}
	sorting := readSortingColumns(t, data)
	for g, sc := range sorting {
		if len(sc) != 2 || sc[0].ColumnIdx != 0 || sc[1].ColumnIdx != 1 || sc[0].Descending || sc[1].Descending || !sc[0].NullsFirst || !sc[1].NullsFirst {
			t.Errorf("row group %d: sorting columns %+v, want group then id, ascending, NULLs first", g, sc)
		}
	}
	if len(sorting) != 3 {
		t.Errorf("sorting columns for %d row groups, want 3", len(sorting))
	}
}

// pageTypes decodes the header of every page of a column chunk.
func pageTypes(t *testing.T, data []byte, c duckdb.Chunk) []format.PageType {
	t.Helper()
	off := c.DataPageOffset
	if c.DictionaryPageOffset != nil {
		off = *c.DictionaryPageOffset
	}
	end := off + c.CompressedSize
	var types []format.PageType
	for off < end {
		r := bytes.NewReader(data[off:end])
		var h format.PageHeader
		if err := thrift.NewDecoder((&thrift.CompactProtocol{}).NewReader(r)).Decode(&h); err != nil {
			t.Fatalf("%s: page header at %d: %v", c.Column, off, err)
		}
		headerLen := int64(len(data[off:end])) - int64(r.Len())
		types = append(types, h.Type)
		off += headerLen + int64(h.CompressedPageSize)
	}
	return types
}

// readSortingColumns decodes the footer's row groups' sorting columns.
func readSortingColumns(t *testing.T, data []byte) [][]format.SortingColumn {
	t.Helper()
	n := len(data)
	footerLen := int(uint32(data[n-8]) | uint32(data[n-7])<<8 | uint32(data[n-6])<<16 | uint32(data[n-5])<<24)
	var fm format.FileMetaData
	if err := thrift.Unmarshal(&thrift.CompactProtocol{}, data[n-8-footerLen:n-8], &fm); err != nil {
		t.Fatal(err)
	}
	var out [][]format.SortingColumn
	for _, rg := range fm.RowGroups {
		out = append(out, rg.SortingColumns)
	}
	return out
}

// TestMetadata: the file describes itself, from the schema's own contract.
func TestMetadata(t *testing.T) {
	db := openDuckDB(t)
	kv, err := db.KeyValues(write(t, everyType))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		parquet.KeyDatasetName:     "test-set",
		parquet.KeyDatasetTitle:    "Test set",
		parquet.KeyDatasetVersion:  "1.2.3",
		parquet.KeyDatasetReleased: "2026-11-27",
		parquet.KeyLicense:         "CC-BY-4.0",
		parquet.KeySchemaVersion:   schema.SchemaVersion,
	}
	for key, want := range want {
		if kv[key] != want {
			t.Errorf("metadata %s = %q, want %q", key, kv[key], want)
		}
	}
	// Nothing else: no key that grows with the data (the sources' rows
	// were one, until they made the footer too big for Arrow to read).
	for key := range kv {
		if _, ok := want[key]; !ok && key != parquet.KeyTable {
			t.Errorf("metadata has the undocumented key %s", key)
		}
	}
	var dict parquet.Dictionary
	if err := json.Unmarshal([]byte(kv[parquet.KeyTable]), &dict); err != nil {
		t.Fatalf("metadata %s: %v", parquet.KeyTable, err)
	}
	if diff := cmp.Diff(parquet.DictionaryOf(everyType), dict); diff != "" {
		t.Errorf("data dictionary (-want +got):\n%s", diff)
	}
	// The JSON itself, for a column of each kind, as readers will parse it.
	for _, want := range []string{
		`"table":"every_type","description":"A test table.","primary_key":["id"]`,
		`{"name":"kind","type":"string","nullable":false,"description":"","values":["claim","denial"]}`,
		`{"name":"source_id","type":"string","nullable":false,"description":"","references":"sources.source_id"}`,
		`{"name":"maybe_day","type":"date","nullable":true,"description":""}`,
		`{"name":"tags","type":"list\u003cstring\u003e","nullable":false,"description":""}`,
	} {
		if !strings.Contains(kv[parquet.KeyTable], want) {
			t.Errorf("metadata %s lacks %s:\n%s", parquet.KeyTable, want, kv[parquet.KeyTable])
		}
	}
}

// TestSameBytes: no clock, no map order, no build info in the bytes. The
// hash is pinned as well, so that a library upgrade that changes the bytes
// is noticed (and the new hash recorded) rather than discovered by users.
func TestSameBytes(t *testing.T) {
	const pinned = "ec3b5ff992a35653338d462ef72cd2aea8ec28ff1bd58cfd2a3511eef9a5944d"
	var first []byte
	for i := 0; i < 3; i++ {
		var buf bytes.Buffer
		if err := parquet.Write(&buf, everyType, release); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = buf.Bytes()
		} else if !bytes.Equal(first, buf.Bytes()) {
			t.Fatal("two writes of the same table differ")
		}
	}
	if got := fmt.Sprintf("%x", sha256.Sum256(first)); got != pinned {
		t.Errorf("the bytes changed: sha256 %s, pinned %s; if a library upgrade is why, check the DuckDB tests and pin the new hash", got, pinned)
	}
}

// TestCreatedByNamesTheLibrary: created_by is pinned by hand, so it must
// follow go.mod when parquet-go is upgraded.
func TestCreatedByNamesTheLibrary(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`github.com/parquet-go/parquet-go (v\S+)`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod does not require parquet-go")
	}
	if want := "(build parquet-go " + string(m[1]) + ")"; !strings.HasSuffix(parquet.CreatedBy, want) {
		t.Errorf("CreatedBy = %q; go.mod requires parquet-go %s", parquet.CreatedBy, m[1])
	}
}

// TestRefusesUntruths: rows out of key order (the file would claim a sort
// order it lacks) and NULL in a non-nullable column are errors.
func TestRefusesUntruths(t *testing.T) {
	cols := []schema.Column{col("id", schema.TypeString), col("n", schema.TypeInteger)}
	for _, tc := range []struct {
		rows [][]schema.Value
		want string
	}{
		{[][]schema.Value{{str("b"), integer(1)}, {str("a"), integer(2)}}, "table t: row 2 is out of primary-key order (id)"},
		{[][]schema.Value{{str("a"), integer(1)}, {str("b"), null}}, "table t: row 2: column n is NULL but not nullable"},
		{[][]schema.Value{{str("a"), integer(1)}, {str("a"), integer(2)}}, "table t: row 2 repeats the primary key (id) of the row before"},
	} {
		err := parquet.Write(&bytes.Buffer{}, literal("t", []string{"id"}, cols, tc.rows), release)
		if err == nil || err.Error() != tc.want {
			t.Errorf("got error %v, want %q", err, tc.want)
		}
	}
	zeroDate := literal("t", []string{"id"}, []schema.Column{col("id", schema.TypeString), col("day", schema.TypeDate)},
		[][]schema.Value{{str("a"), {}}})
	if err := parquet.Write(&bytes.Buffer{}, zeroDate, release); err == nil || err.Error() != "table t: row 1: column day holds the zero date, which is no day" {
		t.Errorf("zero date: got error %v", err)
	}
}

// manyRowGroups is a table of n rows (three row groups and one row more at
// n = 3*RowGroupRows+1), in key order; fault, when set, may change a row.
func manyRowGroups(n int, fault func(i int, dst []schema.Value)) schema.Table {
	return schema.Table{Name: "t", Key: []string{"id"}, Len: n,
		Columns: []schema.Column{
			col("id", schema.TypeInteger), nullable(col("note", schema.TypeString)), col("tags", schema.TypeStringList),
			// Dictionary-encoded: a row group writer filled again must
			// not keep the dictionary of the group before.
			{Name: "kind", Type: schema.TypeString, Values: []string{"claim", "denial", "reply"}},
		},
		Row: func(i int, dst []schema.Value) {
			dst[0] = integer(int64(i))
			dst[1] = null
			if i%5 != 0 {
				dst[1] = str(fmt.Sprintf("note %d", i%1000))
			}
			dst[2] = list(strings.Fields(strings.Repeat("tag ", i%3))...)
			dst[3] = str([]string{"claim", "denial", "reply"}[i/parquet.RowGroupRows%3])
			if fault != nil {
				fault(i, dst)
			}
		},
	}
}

// TestRefusesUntruthsInEveryRowGroup: the row groups are written on several
// goroutines, and the error is still the first faulty row's, whichever
// goroutine finds one first, including a row group's first row out of order
// with the last row of the group before.
func TestRefusesUntruthsInEveryRowGroup(t *testing.T) {
	const n = 3*parquet.RowGroupRows + 1
	second, third := parquet.RowGroupRows, 2*parquet.RowGroupRows // first rows (0-based)
	// Four cores, so that every row group is written at once.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, tc := range []struct {
		name  string
		fault func() func(i int, dst []schema.Value) // a new fault for each run
		want  string
	}{
		{"a group's first row before the last row of the group before", func() func(int, []schema.Value) {
			return func(i int, dst []schema.Value) {
				if i == second {
					dst[0] = integer(int64(i - 2))
				}
			}
		}, fmt.Sprintf("table t: row %d is out of primary-key order (id)", second+1)},
		{"a group's first row repeating the key of the last row before", func() func(int, []schema.Value) {
			return func(i int, dst []schema.Value) {
				if i == third {
					dst[0] = integer(int64(i - 1))
				}
			}
		}, fmt.Sprintf("table t: row %d repeats the primary key (id) of the row before", third+1)},
		{"a group's first row faulty, though in key order", func() func(int, []schema.Value) {
			return func(i int, dst []schema.Value) {
				if i == second {
					dst[2] = null
				}
			}
		}, fmt.Sprintf("table t: row %d: column tags is NULL but not nullable", second+1)},
		// The fault of the second group is read only once the last
		// group's is found: the error is still the second group's.
		{"a fault in the second group found after one in the last", func() func(int, []schema.Value) {
			lastRead := make(chan struct{})
			var once sync.Once
			return func(i int, dst []schema.Value) {
				switch i {
				case n - 1:
					dst[2] = null
					once.Do(func() { close(lastRead) })
				case second + 7:
					select {
					case <-lastRead:
					case <-time.After(10 * time.Second):
					}
					dst[2] = null
				}
			}
		}, fmt.Sprintf("table t: row %d: column tags is NULL but not nullable", second+8)},
		{"a fault in the last row, alone in its group", func() func(int, []schema.Value) {
			return func(i int, dst []schema.Value) {
				if i == n-1 {
					dst[0] = integer(0)
				}
			}
		}, fmt.Sprintf("table t: row %d is out of primary-key order (id)", n)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := parquet.Write(&bytes.Buffer{}, manyRowGroups(n, tc.fault()), release)
			if err == nil || err.Error() != tc.want {
				t.Errorf("got error %v, want %q", err, tc.want)
			}
		})
	}
}

// TestRowGroupsInOrder: written on one goroutine or on four, a table of
// several row groups gives the same bytes, and DuckDB reads every value
// back, in order; Progress is told of every row once.
func TestRowGroupsInOrder(t *testing.T) {
	const n = 3*parquet.RowGroupRows + 1
	table := manyRowGroups(n, nil)
	var files [][]byte
	for _, procs := range []int{1, 4} {
		t.Run(fmt.Sprintf("GOMAXPROCS=%d", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			var told atomic.Int64
			r := release
			r.Progress = func(rows int) { told.Add(int64(rows)) }
			var buf bytes.Buffer
			if err := parquet.Write(&buf, table, r); err != nil {
				t.Fatal(err)
			}
			if told.Load() != n {
				t.Errorf("Progress was told of %d rows, want %d", told.Load(), n)
			}
			files = append(files, buf.Bytes())
		})
	}
	if len(files) != 2 || !bytes.Equal(files[0], files[1]) {
		t.Fatal("the files written on one and on four goroutines differ")
	}
	path := filepath.Join(t.TempDir(), "t.parquet")
	if err := os.WriteFile(path, files[0], 0o644); err != nil {
		t.Fatal(err)
	}
	diffs := openDuckDB(t).CompareParquet(path, table)
	for _, d := range diffs[:min(len(diffs), 10)] {
		t.Error(d)
	}
}
