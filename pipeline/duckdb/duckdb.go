// Package duckdb reads release files with DuckDB, an independent reader, so
// that tests check what a data scientist's tools see rather than what our
// own writer believes it wrote. It is the only package that imports
// github.com/duckdb/duckdb-go, and only tests and the benchmark command
// (its Parquet anchor) import it: the dataset command does not link DuckDB.
package duckdb

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver

	"newsfacts/schema"
)

// DB is an in-memory DuckDB database.
type DB struct{ db *sql.DB }

// Open opens an in-memory database.
func Open() (*DB, error) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, err
	}
	return &DB{db}, nil
}

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// Query runs a query and returns every row as Go values (nil for NULL).
func (d *DB) Query(query string, args ...any) ([][]any, error) {
	rows, err := d.db.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]any
	for rows.Next() {
		row := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// Column is a column of a Parquet file as DuckDB types it.
type Column struct {
	Name string
	Type string // DuckDB's type name: VARCHAR, BIGINT, DATE, VARCHAR[], ...
}

// Columns returns the columns of a Parquet file, in file order.
func (d *DB) Columns(path string) ([]Column, error) {
	rows, err := d.Query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))", path)
	if err != nil {
		return nil, err
	}
	cols := make([]Column, len(rows))
	for i, r := range rows {
		cols[i] = Column{Name: r[0].(string), Type: r[1].(string)}
	}
	return cols, nil
}

// Rows returns every row of a Parquet file in file order (DuckDB preserves
// insertion order by default).
func (d *DB) Rows(path string) ([][]any, error) {
	return d.Query("SELECT * FROM read_parquet(?)", path)
}

// KeyValues returns a Parquet file's key/value metadata.
func (d *DB) KeyValues(path string) (map[string]string, error) {
	rows, err := d.Query("SELECT decode(key), decode(value) FROM parquet_kv_metadata(?)", path)
	if err != nil {
		return nil, err
	}
	kv := map[string]string{}
	for _, r := range rows {
		kv[r[0].(string)] = r[1].(string)
	}
	return kv, nil
}

// Chunk is one column chunk of one row group, from DuckDB's parquet_metadata.
type Chunk struct {
	RowGroup             int64
	RowGroupRows         int64
	Column               string // path in schema, e.g. "aliases.list.element"
	PhysicalType         string
	Compression          string
	Encodings            string // comma-separated, e.g. "RLE_DICTIONARY"
	DictionaryPageOffset *int64
	DataPageOffset       int64
	CompressedSize       int64
}

// Chunks returns the column chunks of a Parquet file.
func (d *DB) Chunks(path string) ([]Chunk, error) {
	rows, err := d.Query(`SELECT row_group_id, row_group_num_rows, path_in_schema, type, compression, encodings,
		dictionary_page_offset, data_page_offset, total_compressed_size
		FROM parquet_metadata(?) ORDER BY row_group_id, column_id`, path)
	if err != nil {
		return nil, err
	}
	chunks := make([]Chunk, len(rows))
	for i, r := range rows {
		c := Chunk{
			RowGroup: r[0].(int64), RowGroupRows: r[1].(int64), Column: r[2].(string), PhysicalType: r[3].(string),
			Compression: r[4].(string), Encodings: r[5].(string), DataPageOffset: r[7].(int64), CompressedSize: r[8].(int64),
		}
		if r[6] != nil {
			off := r[6].(int64)
			c.DictionaryPageOffset = &off
		}
		chunks[i] = c
	}
	return chunks, nil
}

// Dump renders a Parquet file as DuckDB reads it: the columns with their
// types, the key/value metadata, then one line per row with every value
// typed (NULL, "text", 12, 2022-10-30, ["a", "b"]). End-to-end tests compare
// it with an expected text, which a reviewer can read.
func (d *DB) Dump(path string) (string, error) {
	cols, err := d.Columns(path)
	if err != nil {
		return "", err
	}
	kv, err := d.KeyValues(path)
	if err != nil {
		return "", err
	}
	rows, err := d.Rows(path)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, c := range cols {
		fmt.Fprintf(&b, "column %s %s\n", c.Name, c.Type)
	}
	keys := make([]string, 0, len(kv))
	for k := range kv {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "metadata %s = %s\n", k, kv[k])
	}
	for _, r := range rows {
		for i, v := range r {
			if i > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(Format(v))
		}
		b.WriteByte('\n')
	}
	return b.String(), nil
}

// Format renders one value read by DuckDB: NULL, a quoted string, a number,
// a date as YYYY-MM-DD (a time of day is shown only when it is not
// midnight), a list in brackets.
func Format(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case string:
		s, _ := json.Marshal(v)
		return string(s)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return fmt.Sprint(v)
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return v.Format("2006-01-02")
		}
		return v.Format(time.RFC3339Nano)
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = Format(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprintf("%T(%v)", v, v)
}

// TypeOf is the DuckDB type each schema type must read back as.
var TypeOf = map[schema.Type]string{
	schema.TypeString:     "VARCHAR",
	schema.TypeInteger:    "BIGINT",
	schema.TypeNumber:     "DOUBLE",
	schema.TypeBoolean:    "BOOLEAN",
	schema.TypeDate:       "DATE",
	schema.TypeStringList: "VARCHAR[]",
}

// CompareParquet lists every way in which the Parquet file at path differs
// from table t as DuckDB reads it: column names, order and types, the row
// count, and every value, NULLs included. No difference gives nil.
func (d *DB) CompareParquet(path string, t schema.Table) []string {
	var diffs []string
	cols, err := d.Columns(path)
	if err != nil {
		return []string{err.Error()}
	}
	want := make([]Column, len(t.Columns))
	for i, c := range t.Columns {
		want[i] = Column{Name: c.Name, Type: TypeOf[c.Type]}
	}
	if fmt.Sprint(want) != fmt.Sprint(cols) {
		diffs = append(diffs, fmt.Sprintf("%s: columns %v, want %v", t.Name, cols, want))
	}
	rows, err := d.Rows(path)
	if err != nil {
		return append(diffs, err.Error())
	}
	if len(rows) != t.Len {
		return append(diffs, fmt.Sprintf("%s: DuckDB reads %d rows, the table has %d", t.Name, len(rows), t.Len))
	}
	cells := make([]schema.Value, len(t.Columns))
	for i, got := range rows {
		t.Row(i, cells)
		for j, c := range t.Columns {
			if j >= len(got) {
				break
			}
			if w, g := Expected(c.Type, cells[j]), Format(got[j]); w != g {
				diffs = append(diffs, fmt.Sprintf("%s row %d column %s: DuckDB reads %s, want %s", t.Name, i+1, c.Name, g, w))
			}
		}
	}
	return diffs
}

// Expected renders a table cell as Format renders the value DuckDB reads.
func Expected(typ schema.Type, v schema.Value) string {
	if v.Null {
		return "NULL"
	}
	switch typ {
	case schema.TypeInteger:
		return Format(v.Int)
	case schema.TypeNumber:
		return Format(v.Number)
	case schema.TypeBoolean:
		return Format(v.Bool)
	case schema.TypeDate:
		return v.Date.String()
	case schema.TypeStringList:
		l := make([]any, len(v.List))
		for i, s := range v.List {
			l[i] = s
		}
		return Format(l)
	}
	return Format(v.String)
}
