package changes

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"newsfacts/pipeline/csv"
	"newsfacts/schema"
)

func snapshot(version string, tables ...Table) *Snapshot {
	return &Snapshot{Name: "set", Version: version, Tables: tables}
}

func table(t *testing.T, name string, columns, key []string, rows ...[]string) Table {
	t.Helper()
	tb := Table{Name: name, Columns: columns, Key: key, Rows: map[string][]string{}}
	for _, r := range rows {
		if err := tb.add(r); err != nil {
			t.Fatal(err)
		}
	}
	return tb
}

func TestCompare(t *testing.T) {
	cols := []string{"id", "date", "summary"}
	old := snapshot("1.0.0",
		table(t, "statements", cols, []string{"id"},
			[]string{"a", "2022-10-30", "said A"},
			[]string{"b", "2022-10-31", "said B"},
			[]string{"c", "", "said C"}),
		table(t, "gone", []string{"id"}, []string{"id"}, []string{"x"}),
		table(t, "stances", []string{"claim", "statement", "stance"}, []string{"claim", "statement"},
			[]string{"c1", "a", "asserts"}),
	)
	cur := snapshot("1.1.0",
		table(t, "statements", []string{"id", "date", "summary", "hedge"}, []string{"id"},
			[]string{"a", "2022-10-30", "said A", ""},
			[]string{"b", "2022-11-01", "said B again", "reportedly"},
			[]string{"d", "2022-11-02", "said D & more", ""}),
		table(t, "stances", []string{"claim", "statement", "stance"}, []string{"claim", "statement"},
			[]string{"c1", "a", "denies"}),
		table(t, "new", []string{"id"}, []string{"id"}, []string{"y"}),
	)
	got := Compare(old, cur)
	want := []Change{
		{Table: "gone", Kind: TableRemoved},
		{Table: "gone", Key: "id=x", Kind: RowRemoved},
		{Table: "new", Kind: TableAdded},
		{Table: "new", Key: "id=y", Kind: RowAdded},
		{Table: "stances", Key: "claim=c1, statement=a", Kind: RowChanged, Field: "stance", Old: "asserts", New: "denies"},
		{Table: "statements", Kind: ColumnAdded, Field: "hedge"},
		{Table: "statements", Key: "id=b", Kind: RowChanged, Field: "date", Old: "2022-10-31", New: "2022-11-01"},
		{Table: "statements", Key: "id=b", Kind: RowChanged, Field: "summary", Old: "said B", New: "said B again"},
		{Table: "statements", Key: "id=c", Kind: RowRemoved, Old: "summary=said C"},
		{Table: "statements", Key: "id=d", Kind: RowAdded, New: "date=2022-11-02; summary=said D & more"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Compare (-want +got):\n%s", diff)
	}
	// The order does not depend on the order the tables were read in.
	reversed := snapshot("1.1.0", cur.Tables[2], cur.Tables[1], cur.Tables[0])
	if diff := cmp.Diff(got, Compare(old, reversed)); diff != "" {
		t.Errorf("table order changes the result:\n%s", diff)
	}

	var md bytes.Buffer
	if err := WriteMarkdown(&md, old, cur, got); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"# Changes from set 1.0.0 to set 1.1.0",
		"| statements | 1 | 1 | 1 |",
		"- removed: id=c\n  - was \"summary=said C\"",
		"- added: id=d\n  - \"date=2022-11-02; summary=said D & more\"",
		"- changed: id=b\n  - `date`: \"2022-10-31\" → \"2022-11-01\"\n  - `summary`: \"said B\" → \"said B again\"",
		"- column added: `hedge`",
	} {
		if !strings.Contains(md.String(), line) {
			t.Errorf("release notes lack %q:\n%s", line, md.String())
		}
	}
	if none := Compare(old, old); len(none) != 0 {
		t.Errorf("a release compared with itself: %v", none)
	}
}

// TestKeyChanged: rows are matched on the new key when the old rows have
// its columns, and listed as removed and added when they do not.
func TestKeyChanged(t *testing.T) {
	old := snapshot("1", table(t, "roles", []string{"statement", "iso3", "role"}, []string{"statement", "iso3"},
		[]string{"s1", "TJK", "host"}))
	cur := snapshot("2", table(t, "roles", []string{"statement", "iso3", "role"}, []string{"statement", "iso3", "role"},
		[]string{"s1", "TJK", "host"}))
	want := []Change{{Table: "roles", Kind: KeyChanged, Old: "statement, iso3", New: "statement, iso3, role"}}
	if diff := cmp.Diff(want, Compare(old, cur)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	cur = snapshot("2", table(t, "roles", []string{"statement", "country", "role"}, []string{"statement", "country"},
		[]string{"s1", "TJK", "host"}))
	got := Compare(old, cur)
	want = []Change{
		{Table: "roles", Kind: ColumnAdded, Field: "country"},
		{Table: "roles", Kind: ColumnRemoved, Field: "iso3"},
		{Table: "roles", Kind: KeyChanged, Old: "statement, iso3", New: "statement, country"},
		{Table: "roles", Key: "statement=s1, iso3=TJK", Kind: RowRemoved, Old: "role=host"},
		{Table: "roles", Key: "statement=s1, country=TJK", Kind: RowAdded, New: "role=host"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("unmatchable key (-want +got):\n%s", diff)
	}
}

// TestFromTablesReadsAsTheCSV: a value with CRLF inside compares equal to
// the same value read back from the CSV, where it is LF: no false change.
func TestFromTablesReadsAsTheCSV(t *testing.T) {
	tb := schema.Table{Name: "statements", Key: []string{"id"},
		Columns: []schema.Column{{Name: "id", Type: schema.TypeString}, {Name: "quote", Type: schema.TypeString}}, Len: 1,
		Row: func(i int, dst []schema.Value) {
			dst[0], dst[1] = schema.Value{String: "a"}, schema.Value{String: "line one\r\nline two"}
		}}
	var buf bytes.Buffer
	if err := csv.Write(&buf, tb); err != nil {
		t.Fatal(err)
	}
	header, records, err := csv.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	read := table(t, "statements", header, []string{"id"}, records...)
	mem, err := FromTables(schema.Meta{Name: "set", Version: "2"}, []schema.Table{tb})
	if err != nil {
		t.Fatal(err)
	}
	if got := Compare(snapshot("1", read), mem); len(got) != 0 {
		t.Errorf("false changes: %+v", got)
	}
}
