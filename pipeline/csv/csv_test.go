package csv

import (
	"bytes"
	stdcsv "encoding/csv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"newsfacts/schema"
)

// Tables written here read back, through a standard CSV reader, as the same
// values: NULL as the empty field, lists as JSON arrays, quotes and line
// breaks inside fields intact.
func TestWriteReadsBack(t *testing.T) {
	ds := &schema.Dataset{
		Entities: []schema.Entity{
			{ID: "a", Name: `He said "no", twice`, Kind: schema.KindPerson, Aliases: []string{"x, y", `"q"`, "R&D <x>"}},
			{ID: "b", Name: "line one\nline two", Kind: schema.KindCountry, ISO3: "TJK", CountryISO3: "TJK", Aliases: []string{}},
		},
		Figures: []schema.Figure{{ID: "f", StatementID: "s", Measure: "m", Value: 0.5, Unit: "u", ValueText: "½"},
			{ID: "g", StatementID: "s", Value: 1e21, CountsRole: schema.CountryCandidateBuyer, NamedCount: 0}},
		Statements: []schema.Statement{{ID: "s", Date: schema.Date{Year: 2022, Month: 10, Day: 30}, QuoteStart: 0, QuoteEnd: 12}},
	}
	tables := map[string]schema.Table{}
	for _, tb := range ds.Tables() {
		tables[tb.Name] = tb
	}
	for name, want := range map[string][][]string{
		"entities": {
			{"entity_id", "name", "kind", "iso3", "country_iso3", "description", "aliases"},
			{"a", `He said "no", twice`, "person", "", "", "", `["x, y","\"q\"","R&D <x>"]`},
			{"b", "line one\nline two", "country", "TJK", "TJK", "", "[]"},
		},
		"figures": {
			{"figure_id", "statement_id", "measure", "value", "unit", "value_text", "counts_role", "named_count"},
			{"f", "s", "m", "0.5", "u", "½", "", ""},
			{"g", "s", "", "1000000000000000000000", "", "", "candidate_buyer", "0"}, // a real 0, not NULL
		},
	} {
		var buf bytes.Buffer
		if err := Write(&buf, tables[name]); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasSuffix(buf.Bytes(), []byte("\r\n")) {
			t.Errorf("%s: records must end in CRLF (RFC 4180)", name)
		}
		got, err := stdcsv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	var buf bytes.Buffer
	if err := Write(&buf, tables["statements"]); err != nil {
		t.Fatal(err)
	}
	rows, _ := stdcsv.NewReader(&buf).ReadAll()
	if rows[1][2] != "2022-10-30" || rows[1][7] != "" {
		t.Errorf("statement date %q (want 2022-10-30), date_earliest %q (want empty for NULL)", rows[1][2], rows[1][7])
	}
}

// TestFieldBytesKept: line breaks and carriage returns inside a value are
// written as they are, inside quotes; only record ends are CRLF.
func TestFieldBytesKept(t *testing.T) {
	values := []string{"a\nb", "a\r\nb", "a\rb", " lead", "plain", `say "hi"`, ""}
	tb := schema.Table{Name: "t", Columns: []schema.Column{{Name: "v", Type: schema.TypeString, Nullable: true}}, Len: len(values),
		Row: func(i int, dst []schema.Value) { dst[0] = schema.Value{String: values[i], Null: values[i] == ""} }}
	var buf bytes.Buffer
	if err := Write(&buf, tb); err != nil {
		t.Fatal(err)
	}
	want := "v\r\n\"a\nb\"\r\n\"a\r\nb\"\r\n\"a\rb\"\r\n\" lead\"\r\nplain\r\n\"say \"\"hi\"\"\"\r\n\"\"\r\n"
	if buf.String() != want {
		t.Errorf("wrote %q\nwant  %q", buf.String(), want)
	}
	_, records, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != len(values) {
		t.Fatalf("%d records read back, want %d", len(records), len(values))
	}
	for i, r := range records {
		if r[0] != ReadNormalizes(values[i]) {
			t.Errorf("record %d reads back %q, want %q", i, r[0], ReadNormalizes(values[i]))
		}
	}
}
