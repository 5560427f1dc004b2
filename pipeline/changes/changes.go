// Package changes compares two releases table by table: which rows were
// added, removed or changed, found by primary key, and which fields of a
// changed row differ. Rows are compared as the CSV files hold them, so any
// two releases compare, whatever their schema versions.
package changes

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"newsfacts/pipeline/csv"
	"newsfacts/pipeline/datapackage"
	"newsfacts/pipeline/manifest"
	"newsfacts/schema"
)

// Snapshot is a release's tables as text.
type Snapshot struct {
	Name, Version string
	Tables        []Table
}

// Table is one table's rows as text, by primary key.
type Table struct {
	Name    string
	Columns []string
	Key     []string
	Rows    map[string][]string // by the key's values joined with keySep
}

const keySep = "\x00"

// FromTables takes a snapshot of tables in memory, formatting each value
// as the CSV export does.
func FromTables(meta schema.Meta, tables []schema.Table) (*Snapshot, error) {
	s := &Snapshot{Name: meta.Name, Version: meta.Version}
	for _, t := range tables {
		st := Table{Name: t.Name, Key: t.Key, Rows: make(map[string][]string, t.Len)}
		for _, c := range t.Columns {
			st.Columns = append(st.Columns, c.Name)
		}
		cells := make([]schema.Value, len(t.Columns))
		for i := 0; i < t.Len; i++ {
			t.Row(i, cells)
			row := make([]string, len(cells))
			for j, c := range t.Columns {
				// As the CSV reads back: a release read from disk is
				// compared with this one.
				row[j] = csv.ReadNormalizes(csv.Format(c.Type, cells[j]))
			}
			if err := st.add(row); err != nil {
				return nil, err
			}
		}
		s.Tables = append(s.Tables, st)
	}
	return s, nil
}

// Read takes a snapshot of the release in dir from its datapackage.json
// and CSV files, having checked both against the release's SHA256SUMS
// (the CSV files through the hashes datapackage.json records, and those
// through its own line in SHA256SUMS): a CSV file edited along with its
// hash in datapackage.json had made a change that never happened.
func Read(dir string) (*Snapshot, error) {
	sums, err := readSums(dir)
	if err != nil {
		return nil, fmt.Errorf("%s is not a release: %w", dir, err)
	}
	descriptor := filepath.Join(dir, descriptorFile)
	if err := checkSum(descriptor, sums, descriptorFile); err != nil {
		return nil, err
	}
	p, err := datapackage.Read(dir)
	if err != nil {
		return nil, fmt.Errorf("%s is not a release: %w", dir, err)
	}
	s := &Snapshot{Name: p.Name, Version: p.Version}
	for _, r := range p.Resources {
		if r.Format != "csv" || r.Schema == nil {
			continue
		}
		path := filepath.Join(dir, filepath.FromSlash(r.Path))
		if err := verify(path, r); err != nil {
			return nil, err
		}
		if sum, err := listedSum(sums, r.Path, path); err != nil {
			return nil, err
		} else if "sha256:"+sum != r.Hash {
			return nil, fmt.Errorf("%s: its datapackage.json records %s, its SHA256SUMS %s: the release was changed after it was built", path, r.Hash, sum)
		}
		t, err := readTable(path, r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		s.Tables = append(s.Tables, *t)
	}
	return s, nil
}

// descriptorFile is a release's Data Package descriptor.
const descriptorFile = "datapackage.json"

// readSums reads the SHA256SUMS of the release in dir.
func readSums(dir string) (map[string]string, error) {
	path := filepath.Join(dir, "SHA256SUMS")
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sums, err := manifest.ReadSHA256SUMS(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return sums, nil
}

// checkSum checks the file at path against the hash SHA256SUMS lists for
// name.
func checkSum(path string, sums map[string]string, name string) error {
	f, err := manifest.Hash(path)
	if err != nil {
		return err
	}
	want, err := listedSum(sums, name, path)
	if err != nil {
		return err
	}
	if f.SHA256 != want {
		return fmt.Errorf("%s: SHA-256 %s; its SHA256SUMS lists %s: the release was changed after it was built", path, f.SHA256, want)
	}
	return nil
}

// listedSum is the hash SHA256SUMS lists for name, the file at path; a
// file it does not list was added or renamed after the release was built.
func listedSum(sums map[string]string, name, path string) (string, error) {
	sum, ok := sums[name]
	if !ok {
		return "", fmt.Errorf("%s is not listed in its release's SHA256SUMS: the release was changed after it was built", path)
	}
	return sum, nil
}

// verify checks a file against the size and hash its descriptor records:
// a changelog computed from a damaged or hand-edited release would be
// wrong without a word.
func verify(path string, r datapackage.Resource) error {
	f, err := manifest.Hash(path)
	if err != nil {
		return err
	}
	if got := "sha256:" + f.SHA256; f.Bytes != r.Bytes || got != r.Hash {
		return fmt.Errorf("%s: %d bytes, %s; its datapackage.json records %d bytes, %s: the release was changed after it was built", path, f.Bytes, got, r.Bytes, r.Hash)
	}
	return nil
}

func readTable(path string, r datapackage.Resource) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	header, records, err := csv.Read(f)
	if err != nil {
		return nil, err
	}
	t := &Table{Name: r.Name, Columns: header, Key: r.Schema.PrimaryKey, Rows: make(map[string][]string, len(records))}
	for _, k := range t.Key {
		if !slices.Contains(header, k) {
			return nil, fmt.Errorf("the primary key column %s is not in the header", k)
		}
	}
	for i, rec := range records {
		if err := t.add(rec); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+2, err)
		}
	}
	return t, nil
}

func (t *Table) add(row []string) error {
	k := t.keyOf(row)
	if _, dup := t.Rows[k]; dup {
		return fmt.Errorf("table %s: the primary key %s occurs twice", t.Name, t.display(k))
	}
	t.Rows[k] = row
	return nil
}

func (t *Table) keyOf(row []string) string {
	parts := make([]string, len(t.Key))
	for i, k := range t.Key {
		parts[i] = row[slices.Index(t.Columns, k)]
	}
	return strings.Join(parts, keySep)
}

// display shows a key as "column=value, column=value".
func (t *Table) display(k string) string {
	values := strings.Split(k, keySep)
	parts := make([]string, len(t.Key))
	for i, c := range t.Key {
		parts[i] = c + "=" + values[i]
	}
	return strings.Join(parts, ", ")
}

// Kind is what happened to a table, a column or a row.
type Kind string

const (
	TableAdded    Kind = "table added"
	TableRemoved  Kind = "table removed"
	ColumnAdded   Kind = "column added"
	ColumnRemoved Kind = "column removed"
	KeyChanged    Kind = "primary key changed"
	RowAdded      Kind = "added"
	RowRemoved    Kind = "removed"
	RowChanged    Kind = "changed"
)

// Change is one difference. A changed row gives one Change per field; an
// added or removed row gives its values ("column=value; ...") in New or Old.
type Change struct {
	Table string
	Key   string // "column=value, ..." for row changes
	Kind  Kind
	Field string // the column, for column changes and changed rows
	Old   string
	New   string
}

// Compare lists the differences from old to new: tables by name, rows by
// key, fields in column order, so that the same two releases always give
// the same list, however each was read. Rows are compared on the columns
// both releases have.
func Compare(old, new *Snapshot) []Change {
	byName := func(s *Snapshot) map[string]*Table {
		m := map[string]*Table{}
		for i := range s.Tables {
			m[s.Tables[i].Name] = &s.Tables[i]
		}
		return m
	}
	oldTables, newTables := byName(old), byName(new)
	var names []string
	for name := range oldTables {
		names = append(names, name)
	}
	for name := range newTables {
		if oldTables[name] == nil {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var out []Change
	for _, name := range names {
		ot, nt := oldTables[name], newTables[name]
		switch {
		case ot == nil:
			out = append(out, Change{Table: name, Kind: TableAdded})
			out = append(out, rows(nt, RowAdded)...)
		case nt == nil:
			out = append(out, Change{Table: name, Kind: TableRemoved})
			out = append(out, rows(ot, RowRemoved)...)
		default:
			out = append(out, compareTable(ot, nt)...)
		}
	}
	return out
}

func rows(t *Table, kind Kind) []Change {
	var out []Change
	for _, k := range sortedKeys(t.Rows) {
		out = append(out, rowChange(t, k, kind))
	}
	return out
}

// rowChange is an added or removed row, with its values.
func rowChange(t *Table, key string, kind Kind) Change {
	c := Change{Table: t.Name, Key: t.display(key), Kind: kind}
	var values []string
	for j, col := range t.Columns {
		if v := t.Rows[key][j]; v != "" && !slices.Contains(t.Key, col) {
			values = append(values, col+"="+v)
		}
	}
	if kind == RowAdded {
		c.New = strings.Join(values, "; ")
	} else {
		c.Old = strings.Join(values, "; ")
	}
	return c
}

// rekey returns t keyed by key instead of its own primary key, or false
// when t lacks a key column or the new key is not unique in it.
func rekey(t *Table, key []string) (*Table, bool) {
	r := &Table{Name: t.Name, Columns: t.Columns, Key: key, Rows: make(map[string][]string, len(t.Rows))}
	for _, k := range key {
		if !slices.Contains(t.Columns, k) {
			return nil, false
		}
	}
	for _, row := range t.Rows {
		if r.add(row) != nil {
			return nil, false
		}
	}
	return r, true
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func compareTable(ot, nt *Table) []Change {
	var out []Change
	type pair struct{ o, n int }
	var shared []pair
	for j, c := range nt.Columns {
		if i := slices.Index(ot.Columns, c); i >= 0 {
			shared = append(shared, pair{i, j})
		} else {
			out = append(out, Change{Table: nt.Name, Kind: ColumnAdded, Field: c})
		}
	}
	for _, c := range ot.Columns {
		if !slices.Contains(nt.Columns, c) {
			out = append(out, Change{Table: nt.Name, Kind: ColumnRemoved, Field: c})
		}
	}
	if !slices.Equal(ot.Key, nt.Key) {
		out = append(out, Change{Table: nt.Name, Kind: KeyChanged, Old: strings.Join(ot.Key, ", "), New: strings.Join(nt.Key, ", ")})
		rekeyed, ok := rekey(ot, nt.Key)
		if !ok {
			// The old rows cannot be matched to the new ones.
			return append(append(out, rows(ot, RowRemoved)...), rows(nt, RowAdded)...)
		}
		ot = rekeyed
	}
	var rowChanges []Change
	for k, nrow := range nt.Rows {
		orow, ok := ot.Rows[k]
		if !ok {
			rowChanges = append(rowChanges, rowChange(nt, k, RowAdded))
			continue
		}
		for _, p := range shared {
			if orow[p.o] != nrow[p.n] {
				rowChanges = append(rowChanges, Change{Table: nt.Name, Key: nt.display(k), Kind: RowChanged,
					Field: nt.Columns[p.n], Old: orow[p.o], New: nrow[p.n]})
			}
		}
	}
	for k := range ot.Rows {
		if _, ok := nt.Rows[k]; !ok {
			rowChanges = append(rowChanges, rowChange(ot, k, RowRemoved))
		}
	}
	column := func(c Change) int { return slices.Index(nt.Columns, c.Field) }
	slices.SortFunc(rowChanges, func(a, b Change) int {
		return cmp.Or(strings.Compare(a.Key, b.Key), strings.Compare(string(a.Kind), string(b.Kind)), cmp.Compare(column(a), column(b)))
	})
	return append(out, rowChanges...)
}

// Counts are the row changes of one table.
type Counts struct{ Added, Removed, Changed int }

// Summary counts rows added, removed and changed (not fields) per table,
// in the order the tables first appear in changes.
func Summary(changes []Change) (tables []string, counts map[string]*Counts) {
	counts = map[string]*Counts{}
	lastChanged := map[string]string{}
	for _, c := range changes {
		n, ok := counts[c.Table]
		if !ok {
			n = &Counts{}
			counts[c.Table] = n
			tables = append(tables, c.Table)
		}
		switch c.Kind {
		case RowAdded:
			n.Added++
		case RowRemoved:
			n.Removed++
		case RowChanged:
			if lastChanged[c.Table] != c.Key {
				n.Changed++
				lastChanged[c.Table] = c.Key
			}
		}
	}
	return tables, counts
}

// WriteMarkdown writes the release notes of the changes from old to new.
func WriteMarkdown(w io.Writer, old, new *Snapshot, changes []Change) error {
	fmt.Fprintf(w, "# Changes from %s %s to %s %s\n\n", old.Name, old.Version, new.Name, new.Version)
	if len(changes) == 0 {
		_, err := fmt.Fprintln(w, "No changes: every table holds the same rows with the same values.")
		return err
	}
	tables, counts := Summary(changes)
	fmt.Fprintln(w, "| table | rows added | rows removed | rows changed |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: |")
	for _, t := range tables {
		c := counts[t]
		fmt.Fprintf(w, "| %s | %d | %d | %d |\n", t, c.Added, c.Removed, c.Changed)
	}
	table, key := "", ""
	for _, c := range changes {
		if c.Table != table {
			table, key = c.Table, ""
			fmt.Fprintf(w, "\n## %s\n\n", c.Table)
		}
		switch c.Kind {
		case TableAdded, TableRemoved:
			fmt.Fprintf(w, "- %s\n", c.Kind)
		case ColumnAdded, ColumnRemoved:
			fmt.Fprintf(w, "- %s: `%s`\n", c.Kind, c.Field)
		case KeyChanged:
			fmt.Fprintf(w, "- %s: (%s) → (%s)\n", c.Kind, c.Old, c.New)
		case RowAdded:
			fmt.Fprintf(w, "- added: %s\n  - %s\n", c.Key, quote(c.New))
		case RowRemoved:
			fmt.Fprintf(w, "- removed: %s\n  - was %s\n", c.Key, quote(c.Old))
		case RowChanged:
			if c.Key != key {
				fmt.Fprintf(w, "- changed: %s\n", c.Key)
			}
			fmt.Fprintf(w, "  - `%s`: %s → %s\n", c.Field, quote(c.Old), quote(c.New))
		}
		key = c.Key
	}
	return nil
}

// quote shows a value unambiguously: JSON string syntax, "" for empty
// (NULL), with & < > as they are.
func quote(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// AsTable returns the changes since the release old as a table for the
// workbook's changes sheet.
func AsTable(old *Snapshot, changes []Change) schema.Table {
	str := func(name, doc string, nullable bool) schema.Column {
		return schema.Column{Name: name, Type: schema.TypeString, Doc: doc, Nullable: nullable}
	}
	return schema.Table{
		Name: "changes", Doc: fmt.Sprintf("What changed since %s %s: rows added, removed or changed (one row per changed field; an added or removed row with its values), and tables or columns added or removed.", old.Name, old.Version),
		Columns: []schema.Column{
			str("table", "The table.", false),
			str("key", "The row's primary key, as column=value.", true),
			str("change", "added, removed or changed (a row); table or column added or removed; primary key changed.", false),
			str("field", "The column that changed.", true),
			str("old_value", "The value in the previous release (as in the CSV).", true),
			str("new_value", "The value in this release (as in the CSV).", true),
		},
		Len: len(changes),
		Row: func(i int, dst []schema.Value) {
			c := changes[i]
			opt := func(s string) schema.Value { return schema.Value{Null: s == "", String: s} }
			dst[0], dst[1], dst[2] = schema.Value{String: c.Table}, opt(c.Key), schema.Value{String: string(c.Kind)}
			dst[3], dst[4], dst[5] = opt(c.Field), opt(c.Old), opt(c.New)
		},
	}
}
