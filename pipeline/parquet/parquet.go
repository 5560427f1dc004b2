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
	"fmt"
	"io"
	"strings"
	"unsafe"

	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"newsfacts/schema"
)

// RowGroupRows bounds the rows of one row group. The writer buffers one row
// group in memory, so this bounds its memory whatever the table's length.
const RowGroupRows = 65536

// CreatedBy is written as the file's created_by. parquet-go's default embeds
// its version from the build info; a fixed value keeps the bytes the same
// across builds.
const CreatedBy = "newsfacts dataset version " + schema.SchemaVersion + " (build parquet-go v0.32.0)"

// Metadata keys written into every file's key/value metadata.
const (
	KeyDatasetName     = "dataset.name"
	KeyDatasetTitle    = "dataset.title"
	KeyDatasetVersion  = "dataset.version"
	KeyDatasetReleased = "dataset.released"
	KeyLicense         = "dataset.license"
	KeySchemaVersion   = "schema.version"
	KeySources         = "dataset.sources"  // JSON: the rows of the sources table
	KeyTable           = "table.dictionary" // JSON: the table's data dictionary
)

// Release is what every file of a release says about the release as a whole.
type Release struct {
	Meta    schema.Meta
	Sources schema.Table // the sources table; its rows go into each file

	sourcesJSON []byte // Sources as JSON, once Prepare has made it
}

// Prepare converts the sources to JSON once for all the files that Write
// writes, rather than once per file: at tens of thousands of sources that
// is most of the Parquet stage's time.
func (r *Release) Prepare() error {
	var err error
	r.sourcesJSON, err = json.Marshal(Rows(r.Sources))
	return err
}

// codec compresses every file's pages. One for all: it keeps the zstd
// encoders it makes for the next page, and making one takes longer than
// compressing a small table.
var codec = &zstd.Codec{Level: zstd.SpeedDefault}

// Write writes t to w as one Parquet file: columns in the table's order,
// dates as DATE, integers as INT64, numbers as DOUBLE, lists as LIST of
// strings, NULL where the table has no value; zstd, data page v1, dictionary
// encoding for categorical and reference columns, plain for other strings
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
	pw := pq.NewWriter(w, opts...)

	const batch = 256
	var (
		cells = make([]schema.Value, len(t.Columns))
		prev  = make([]schema.Value, len(t.Columns))
		rows  = make([]pq.Row, 0, batch)
		buf   = make([]pq.Value, 0, batch*len(t.Columns))
		keys  = keyIndexes(t)
	)
	flush := func() error {
		if _, err := pw.WriteRows(rows); err != nil {
			return fmt.Errorf("table %s: %w", t.Name, err)
		}
		rows, buf = rows[:0], buf[:0]
		return nil
	}
	for i := 0; i < t.Len; i++ {
		t.Row(i, cells)
		if i > 0 && len(keys) > 0 {
			switch d := compareKeys(t, keys, prev, cells); {
			case d > 0:
				return fmt.Errorf("table %s: row %d is out of primary-key order (%s)", t.Name, i+1, strings.Join(t.Key, ", "))
			case d == 0:
				return fmt.Errorf("table %s: row %d repeats the primary key (%s) of the row before", t.Name, i+1, strings.Join(t.Key, ", "))
			}
		}
		start := len(buf)
		for j, c := range t.Columns {
			if cells[j].Null && !c.Nullable {
				return fmt.Errorf("table %s: row %d: column %s is NULL but not nullable", t.Name, i+1, c.Name)
			}
			if c.Type == schema.TypeDate && !cells[j].Null && cells[j].Date.IsZero() {
				return fmt.Errorf("table %s: row %d: column %s holds the zero date, which is no day", t.Name, i+1, c.Name)
			}
			buf = appendValues(buf, c, cells[j], j)
		}
		rows = append(rows, pq.Row(buf[start:len(buf):len(buf)]))
		copy(prev, cells)
		if len(rows) == batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if err := pw.Close(); err != nil {
		return fmt.Errorf("table %s: %w", t.Name, err)
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
		if c.Values != nil || c.Ref != "" {
			// Categorical and foreign-key columns repeat few distinct values.
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

// appendValues appends the leaf values of one cell of column c (leaf index
// j: every column is exactly one leaf, a list being list.element).
//
// Levels: a nullable column adds one definition level; a list adds one for
// its repeated group. A NULL or an empty list is one null value at the level
// reached; list elements after the first repeat at level 1.
func appendValues(buf []pq.Value, c schema.Column, v schema.Value, j int) []pq.Value {
	def := 0
	if c.Nullable {
		if v.Null {
			return append(buf, pq.Value{}.Level(0, 0, j))
		}
		def = 1
	}
	switch c.Type {
	case schema.TypeString:
		return append(buf, stringValue(v.String).Level(0, def, j))
	case schema.TypeInteger:
		return append(buf, pq.Int64Value(v.Int).Level(0, def, j))
	case schema.TypeNumber:
		return append(buf, pq.DoubleValue(v.Number).Level(0, def, j))
	case schema.TypeBoolean:
		return append(buf, pq.BooleanValue(v.Bool).Level(0, def, j))
	case schema.TypeDate:
		return append(buf, pq.Int32Value(v.Date.DaysSinceEpoch()).Level(0, def, j))
	case schema.TypeStringList:
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
func compareKeys(t schema.Table, keys []int, a, b []schema.Value) int {
	for _, j := range keys {
		x, y := a[j], b[j]
		if d := cmp.Compare(boolInt(!x.Null), boolInt(!y.Null)); d != 0 {
			return d // NULLs first
		}
		if x.Null {
			continue // both NULL: the next key column decides
		}
		var d int
		switch t.Columns[j].Type {
		case schema.TypeInteger:
			d = cmp.Compare(x.Int, y.Int)
		case schema.TypeNumber:
			d = cmp.Compare(x.Number, y.Number)
		case schema.TypeDate:
			d = x.Date.Compare(y.Date)
		case schema.TypeBoolean:
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
	if r.sourcesJSON == nil {
		if err := r.Prepare(); err != nil {
			return nil, err
		}
	}
	sources := r.sourcesJSON
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
		{KeySources, string(sources)},
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
