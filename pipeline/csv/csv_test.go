package csv

import (
	"bytes"
	stdcsv "encoding/csv"
	"strings"
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
		Statements: schema.RowsOf([]schema.Statement{{ID: "s", Date: schema.Date{Year: 2022, Month: 10, Day: 30}, QuoteStart: 0, QuoteEnd: 12}}),
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

// TestWriteAsFormat: Write, which makes each record in line, writes every
// type of value as Format does, quoted by the rule the package comment
// gives, byte for byte: checked against that rule written plainly.
func TestWriteAsFormat(t *testing.T) {
	cols := []schema.Column{
		{Name: "s", Type: schema.TypeString, Nullable: true}, {Name: "i", Type: schema.TypeInteger, Nullable: true},
		{Name: "n", Type: schema.TypeNumber, Nullable: true}, {Name: "b", Type: schema.TypeBoolean, Nullable: true},
		{Name: "d", Type: schema.TypeDate, Nullable: true}, {Name: "l", Type: schema.TypeStringList, Nullable: true},
	}
	strs := []string{"", "plain", " lead", "\ttab", "a,b", `q"q`, "a\r\nb", "end\r", "ünï", "trail "}
	dates := []schema.Date{{}, {Year: 2022, Month: 1, Day: 5}, {Year: 999, Month: 12, Day: 31}, {Year: 5, Month: 7, Day: 9}, {Year: 10000, Month: 1, Day: 1}}
	nums := []float64{0, -0.5, 1e21, 3.25, 1e-7}
	var rows [][]schema.Value
	for k := range 60 {
		rows = append(rows, []schema.Value{
			{String: strs[k%len(strs)], Null: k%7 == 3},
			{Int: int64(k*k - 300), Null: k%5 == 4},
			{Number: nums[k%len(nums)], Null: k%6 == 5},
			{Bool: k%2 == 0, Null: k%9 == 8},
			{Date: dates[k%len(dates)], Null: dates[k%len(dates)].IsZero()},
			{List: strs[:k%4], Null: k%8 == 7},
		})
	}
	tb := schema.Table{Name: "t", Columns: cols, Len: len(rows), Row: func(i int, dst []schema.Value) { copy(dst, rows[i]) }}
	var got bytes.Buffer
	if err := Write(&got, tb); err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	record := func(fields []string) {
		for i, f := range fields {
			if i > 0 {
				want.WriteByte(',')
			}
			if f == "" || !strings.ContainsAny(f, ",\"\r\n") && f[0] != ' ' && f[0] != '\t' {
				want.WriteString(f)
			} else {
				want.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
			}
		}
		want.WriteString("\r\n")
	}
	record([]string{"s", "i", "n", "b", "d", "l"})
	for _, r := range rows {
		var fields []string
		for j, c := range cols {
			fields = append(fields, Format(c.Type, r[j]))
		}
		record(fields)
	}
	if got.String() != want.String() {
		t.Errorf("wrote\n%q\nwant\n%q", got.String(), want.String())
	}
}
