// Package parquet writes dataset tables as Apache Parquet files. It is the
// only package that imports github.com/parquet-go/parquet-go.
//
// Any schema.Table is written with no per-table code: the Parquet schema is
// derived from the table's columns, in their order, and rows are written as
// values with explicit definition and repetition levels. That path avoids
// two parquet-go v0.32 bugs of its struct-reflection writer, which writes
// wrong data: the `date` tag on time.Time (nanoseconds cut to int32) and
// `optional` on value types (a real 0 read back as NULL). The tests read
// every file back with DuckDB and would catch either coming back.
package parquet

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync/atomic"
	"unsafe"

	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"newsfacts/schema"
)

// RowGroupRows bounds the rows of one row group. The writer buffers a row
// group per core (GOMAXPROCS) in memory, so this bounds its memory
// whatever the table's length.
const RowGroupRows = 65536

// CreatedBy is written as the file's created_by. parquet-go's default embeds
// its version from the build info; a fixed value keeps the bytes the same
// across builds.
const CreatedBy = "newsfacts dataset version " + schema.SchemaVersion + " (build parquet-go v0.32.0)"

// Metadata keys written into every file's key/value metadata. They say
// which release and which table a file is, whatever else it is kept with;
// nothing in them grows with the data. The sources are a table of their
// own (sources.parquet), which a statement's source_id refers to (and so,
// through it, every fact's): carrying
// them into every file, as releases before 2026-12 did, made each file's
// footer grow with the sources (22 MB at 67,121 sources) up to the size
// that Arrow refuses to read (a 100 MB string, at about 300,000 sources).
const (
	KeyDatasetName     = "dataset.name"
	KeyDatasetTitle    = "dataset.title"
	KeyDatasetVersion  = "dataset.version"
	KeyDatasetReleased = "dataset.released"
	KeyLicense         = "dataset.license"
	KeySchemaVersion   = "schema.version"
	KeyTable           = "table.dictionary" // JSON: the table's data dictionary
)

// Release is what every file of a release says about the release as a whole.
type Release struct {
	Meta schema.Meta

	// Progress, when set, is told of the rows written as they are
	// written, from several goroutines at once.
	Progress func(rows int)
}

// codec compresses every file's pages. One for all: it keeps the zstd
// encoders it makes for the next page, and making one takes longer than
// compressing a small table.
var codec = &zstd.Codec{Level: zstd.SpeedDefault}

// Write writes t to w as one Parquet file: columns in the table's order,
// dates as DATE, integers as INT64, numbers as DOUBLE, lists as LIST of
// strings, NULL where the table has no value; zstd, data page v1, dictionary
// encoding for categorical columns, plain for other strings
// (what Spark 3's vectorized reader accepts); row groups of at most
// RowGroupRows rows; sorting columns set to the primary key.
//
// Write refuses rows out of primary-key order and NULL in a column that is
// not nullable: both would make the file say something untrue.
func Write(w io.Writer, t schema.Table, r Release) error {
	s, err := schemaOf(t)
	if err != nil {
		return err
	}
	opts := []pq.WriterOption{
		s,
		pq.Compression(codec),
		pq.DataPageVersion(1),
		pq.MaxRowsPerRowGroup(RowGroupRows),
		createdBy(CreatedBy),
	}
	if len(t.Key) > 0 {
		// One option with every key column: each SortingWriterConfig
		// replaces the previous one.
		var sorting []pq.SortingColumn
		for _, k := range t.Key {
			sorting = append(sorting, pq.NullsFirst(pq.Ascending(k)))
		}
		opts = append(opts, pq.SortingWriterConfig(pq.SortingColumns(sorting...)))
	}
	kv, err := keyValues(t, r)
	if err != nil {
		return err
	}
	for _, p := range kv {
		opts = append(opts, pq.KeyValueMetadata(p[0], p[1]))
	}
	pw := pq.NewGenericWriter[any](w, opts...)
	if err := writeRowGroups(pw, t, r.Progress); err != nil {
		return err
	}
	if err := pw.Close(); err != nil {
		return fmt.Errorf("table %s: %w", t.Name, err)
	}
	return nil
}

// rowsPerWrite is how many rows go to the column writers at a time: the 64
// of parquet-go's own WriteRows, whose pages (a page is cut only between
// writes) these must be.
const rowsPerWrite = 64

// writeRowGroups writes t's rows to pw, RowGroupRows to a row group, the
// row groups on every core: each is encoded and compressed by one
// goroutine, and committed to the file in order. At most one row group per
// core is held in memory.
//
// The rows are checked as they are read; the error returned is the one of
// the first faulty row. A row group's first row is checked against the row
// before it, which the group reads too.
func writeRowGroups(pw *pq.GenericWriter[any], t schema.Table, progress func(rows int)) error {
	groups := (t.Len + RowGroupRows - 1) / RowGroupRows
	workers := min(groups, runtime.GOMAXPROCS(0))
	free := make(chan *rowGroup, workers)
	for range workers {
		free <- newRowGroup(pw, t)
	}
	filled := make([]chan *rowGroup, groups)
	for k := range filled {
		filled[k] = make(chan *rowGroup, 1)
	}
	// failedAt is the first row group found faulty, by its rows or its
	// commit, when it was to be committed (groups when none is): the
	// groups after it need not be written.
	var failedAt atomic.Int64
	failedAt.Store(int64(groups))
	go func() {
		for k := range groups {
			g := <-free
			go func() {
				start := k * RowGroupRows
				g.err = g.fill(start, min(start+RowGroupRows, t.Len), func() bool { return failedAt.Load() < int64(k) }, progress)
				filled[k] <- g
			}()
		}
	}()
	var err error
	for k := range groups {
		g := <-filled[k]
		if err == nil {
			err = g.err
		}
		if err == nil {
			if _, cerr := g.rg.Commit(); cerr != nil {
				err = fmt.Errorf("table %s: %w", t.Name, cerr)
			}
		}
		if err != nil && failedAt.Load() == int64(groups) {
			failedAt.Store(int64(k))
		}
		free <- g
	}
	return err
}

// rowGroup is one goroutine's row group and the buffers it fills it from.
// parquet-go lets a committed row group be filled again.
type rowGroup struct {
	t           schema.Table
	rg          *pq.ConcurrentRowGroupWriter
	keys        []int
	leaves      []leaf
	cells, prev []schema.Value
	columns     [][]pq.Value // each column's values of the rows being written
	err         error
}

func newRowGroup(pw *pq.GenericWriter[any], t schema.Table) *rowGroup {
	return &rowGroup{
		t:       t,
		rg:      pw.BeginRowGroup(),
		keys:    keyIndexes(t),
		leaves:  leavesOf(t),
		cells:   make([]schema.Value, len(t.Columns)),
		prev:    make([]schema.Value, len(t.Columns)),
		columns: make([][]pq.Value, len(t.Columns)),
	}
}

// errStopped ends the filling of a row group after one that failed.
var errStopped = errors.New("stopped")

// fill writes rows [start, end) of the table into the row group and
// compresses its last pages, so that committing it only copies bytes.
func (g *rowGroup) fill(start, end int, stopped func() bool, progress func(rows int)) error {
	t, columns := g.t, g.rg.ColumnWriters()
	if start > 0 && len(g.keys) > 0 {
		t.Row(start-1, g.prev) // the group before's last row, for the order of this one's first
	}
	for batch := start; batch < end; batch += rowsPerWrite {
		if stopped() {
			return errStopped
		}
		for i := batch; i < min(batch+rowsPerWrite, end); i++ {
			t.Row(i, g.cells)
			if i > 0 && len(g.keys) > 0 {
				if err := g.checkOrder(i, g.prev, g.cells); err != nil {
					return err
				}
			}
			for j, l := range g.leaves {
				v := &g.cells[j]
				if v.Null && !l.nullable {
					return fmt.Errorf("table %s: row %d: column %s is NULL but not nullable", t.Name, i+1, t.Columns[j].Name)
				}
				if l.kind == leafDate && !v.Null && v.Date.IsZero() {
					return fmt.Errorf("table %s: row %d: column %s holds the zero date, which is no day", t.Name, i+1, t.Columns[j].Name)
				}
				g.columns[j] = appendValues(g.columns[j], l, v, j)
			}
			g.prev, g.cells = g.cells, g.prev
		}
		for j, values := range g.columns {
			if _, err := columns[j].WriteRowValues(values); err != nil {
				return fmt.Errorf("table %s: %w", t.Name, err)
			}
			g.columns[j] = values[:0]
		}
		if progress != nil {
			progress(min(batch+rowsPerWrite, end) - batch)
		}
	}
	if err := g.rg.Flush(); err != nil {
		return fmt.Errorf("table %s: %w", t.Name, err)
	}
	return nil
}

// checkOrder checks that row i (cells) comes after the row before (prev)
// in primary-key order.
func (g *rowGroup) checkOrder(i int, prev, cells []schema.Value) error {
	t := g.t
	switch d := compareKeys(g.leaves, g.keys, prev, cells); {
	case d > 0:
		return fmt.Errorf("table %s: row %d is out of primary-key order (%s)", t.Name, i+1, strings.Join(t.Key, ", "))
	case d == 0:
		return fmt.Errorf("table %s: row %d repeats the primary key (%s) of the row before", t.Name, i+1, strings.Join(t.Key, ", "))
	}
	return nil
}

// schemaOf derives the Parquet schema of t.
func schemaOf(t schema.Table) (*pq.Schema, error) {
	g := orderedGroup{Group: pq.Group{}}
	for _, c := range t.Columns {
		n, err := nodeOf(c)
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", t.Name, err)
		}
		g.Group[c.Name] = n
		g.order = append(g.order, c.Name)
	}
	return pq.NewSchema(t.Name, g), nil
}

func nodeOf(c schema.Column) (pq.Node, error) {
	var n pq.Node
	switch c.Type {
	case schema.TypeString:
		if c.Values != nil {
			// A categorical column repeats a few values. A reference
			// column is plain: at a million statements most of its
			// values are distinct in a row group (each statement's id
			// in its country roles, an entity's in its stances), and
			// its dictionary made both the files (54.9 against 52.8 MB
			// for statements) and the Parquet stage (4.96 against
			// 4.31 s) larger; zstd takes what repeats.
			n = pq.Encoded(pq.String(), &pq.RLEDictionary)
		} else {
			n = pq.Encoded(pq.String(), &pq.Plain)
		}
	case schema.TypeInteger:
		n = pq.Int(64)
	case schema.TypeNumber:
		n = pq.Leaf(pq.DoubleType)
	case schema.TypeBoolean:
		n = pq.Leaf(pq.BooleanType)
	case schema.TypeDate:
		n = pq.Date()
	case schema.TypeStringList:
		n = pq.List(pq.Encoded(pq.String(), &pq.Plain))
	default:
		return nil, fmt.Errorf("column %s: no Parquet type for %q", c.Name, c.Type)
	}
	if c.Nullable {
		n = pq.Optional(n)
	}
	return n, nil
}

// leaf is what the writer needs to know of a column for each of its cells,
// found once per table, as a schema.Type is a string to compare. With the
// cells taken by reference and the sources' JSON (in the metadata then)
// made once, not once per file, this took the Parquet stage of a million
// statements from 4.31 s to 3.6 to 3.8 s.
type leaf struct {
	kind     leafKind
	nullable bool
}

type leafKind uint8

const (
	leafString leafKind = iota
	leafInteger
	leafNumber
	leafBoolean
	leafDate
	leafStringList
)

// leavesOf returns the leaf of each of t's columns; schemaOf has refused
// any other type.
func leavesOf(t schema.Table) []leaf {
	kinds := map[schema.Type]leafKind{
		schema.TypeString: leafString, schema.TypeInteger: leafInteger, schema.TypeNumber: leafNumber,
		schema.TypeBoolean: leafBoolean, schema.TypeDate: leafDate, schema.TypeStringList: leafStringList,
	}
	leaves := make([]leaf, len(t.Columns))
	for j, c := range t.Columns {
		leaves[j] = leaf{kinds[c.Type], c.Nullable}
	}
	return leaves
}

// appendValues appends the leaf values of one cell of a column (leaf index
// j: every column is exactly one leaf, a list being list.element).
//
// Levels: a nullable column adds one definition level; a list adds one for
// its repeated group. A NULL or an empty list is one null value at the level
// reached; list elements after the first repeat at level 1.
func appendValues(buf []pq.Value, l leaf, v *schema.Value, j int) []pq.Value {
	def := 0
	if l.nullable {
		if v.Null {
			return append(buf, pq.Value{}.Level(0, 0, j))
		}
		def = 1
	}
	switch l.kind {
	case leafString:
		return append(buf, stringValue(v.String).Level(0, def, j))
	case leafInteger:
		return append(buf, pq.Int64Value(v.Int).Level(0, def, j))
	case leafNumber:
		return append(buf, pq.DoubleValue(v.Number).Level(0, def, j))
	case leafBoolean:
		return append(buf, pq.BooleanValue(v.Bool).Level(0, def, j))
	case leafDate:
		return append(buf, pq.Int32Value(v.Date.DaysSinceEpoch()).Level(0, def, j))
	case leafStringList:
		if len(v.List) == 0 {
			return append(buf, pq.Value{}.Level(0, def, j))
		}
		for k, s := range v.List {
			buf = append(buf, stringValue(s).Level(min(k, 1), def+1, j))
		}
		return buf
	}
	panic("unreachable: nodeOf rejects unknown types")
}

// stringValue wraps s without copying it: the writer copies values into its
// own buffers, and Go strings are never modified. Copying with []byte(s)
// instead cost about 10% more time in BenchmarkWriteStatements.
func stringValue(s string) pq.Value {
	return pq.ByteArrayValue(unsafe.Slice(unsafe.StringData(s), len(s)))
}

func keyIndexes(t schema.Table) []int {
	var idx []int
	for _, k := range t.Key {
		for j, c := range t.Columns {
			if c.Name == k {
				idx = append(idx, j)
			}
		}
	}
	return idx
}

// compareKeys orders two rows by the primary key, as Parquet's ascending
// sort order does (strings by bytes).
func compareKeys(leaves []leaf, keys []int, a, b []schema.Value) int {
	for _, j := range keys {
		x, y := &a[j], &b[j]
		if d := cmp.Compare(boolInt(!x.Null), boolInt(!y.Null)); d != 0 {
			return d // NULLs first
		}
		if x.Null {
			continue // both NULL: the next key column decides
		}
		var d int
		switch leaves[j].kind {
		case leafInteger:
			d = cmp.Compare(x.Int, y.Int)
		case leafNumber:
			d = cmp.Compare(x.Number, y.Number)
		case leafDate:
			d = x.Date.Compare(y.Date)
		case leafBoolean:
			d = cmp.Compare(boolInt(x.Bool), boolInt(y.Bool))
		default:
			d = strings.Compare(x.String, y.String)
		}
		if d != 0 {
			return d
		}
	}
	return 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// keyValues is the file's key/value metadata.
func keyValues(t schema.Table, r Release) ([][2]string, error) {
	dict, err := json.Marshal(DictionaryOf(t))
	if err != nil {
		return nil, err
	}
	return [][2]string{
		{KeyDatasetName, r.Meta.Name},
		{KeyDatasetTitle, r.Meta.Title},
		{KeyDatasetVersion, r.Meta.Version},
		{KeyDatasetReleased, r.Meta.Released.String()},
		{KeyLicense, r.Meta.License},
		{KeySchemaVersion, schema.SchemaVersion},
		{KeyTable, string(dict)},
	}, nil
}

// orderedGroup is a group whose fields keep the table's column order;
// parquet-go's Group sorts them by name. Only Fields is overridden: the
// embedded Group's GoType and String still use name order, which matters
// only to parquet-go's reflection path, not used here. The DuckDB tests
// check the column order of every file.
type orderedGroup struct {
	pq.Group
	order []string
}

func (g orderedGroup) Fields() []pq.Field {
	byName := map[string]pq.Field{}
	for _, f := range g.Group.Fields() {
		byName[f.Name()] = f
	}
	fields := make([]pq.Field, len(g.order))
	for i, name := range g.order {
		fields[i] = byName[name]
	}
	return fields
}

type createdBy string

func (c createdBy) ConfigureWriter(config *pq.WriterConfig) { config.CreatedBy = string(c) }
