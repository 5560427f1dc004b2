package schema

import "testing"

// The index finds every row of the tables it covers by its id, as the row
// itself, not a copy (but for statements: see Rows); an id of no row
// finds nothing.
func TestIndex(t *testing.T) {
	d := &Dataset{
		Entities:   []Entity{{ID: "e1"}, {ID: "e2"}},
		Sources:    []Source{{ID: "src1"}},
		Statements: RowsOf([]Statement{{ID: "s1", SourceID: "src1", Kind: StatementDenial, Date: MakeDate(2022, 10, 30)}, {ID: "s2", SourceID: "nowhere"}, {ID: "s3"}}),
		Claims:     []Claim{{ID: "c1"}},
		Events:     []Event{{ID: "ev1"}, {ID: "ev2"}},
	}
	x := d.Index()
	findsEach(t, "Entity", d.Entities, func(e *Entity) string { return e.ID }, x.Entity)
	findsEach(t, "Source", d.Sources, func(s *Source) string { return s.ID }, x.Source)
	// A statement is read as it is asked for (see Rows): a copy of its row.
	// Its brief is held: its source, date and kind.
	for i, s := range d.Statements.All() {
		got := x.Statement(s.ID)
		if n, ok := x.StatementRow(s.ID); got == nil || *got != *s || !ok || n != i {
			t.Errorf("Statement(%q) = %v, StatementRow = %d, %v; want row %d, %v", s.ID, got, n, ok, i, *s)
		}
		want := StatementBrief{Source: x.Source(s.SourceID), Date: s.Date, Kind: s.Kind}
		if got := x.StatementBrief(i); got != want {
			t.Errorf("StatementBrief(%d) = %+v, want %+v", i, got, want)
		}
	}
	if b := x.StatementBrief(0); b.Source != &d.Sources[0] || b.Kind != StatementDenial || b.Date != MakeDate(2022, 10, 30) {
		t.Errorf("the brief of s1 is %+v", b)
	}
	findsEach(t, "Claim", d.Claims, func(c *Claim) string { return c.ID }, x.Claim)
	findsEach(t, "Event", d.Events, func(e *Event) string { return e.ID }, x.Event)
	// An id of another table's row, or of none, finds nothing.
	if x.Entity("s1") != nil || x.Source("e1") != nil || x.Statement("c1") != nil || x.Claim("ev1") != nil || x.Event("src1") != nil || x.Statement("") != nil {
		t.Error("an id that no row of the table has found a row")
	}
}

// findsEach checks that find, the Index method named method, finds each
// of rows by its id as the row itself.
func findsEach[T any](t *testing.T, method string, rows []T, id func(*T) string, find func(string) *T) {
	t.Helper()
	for i := range rows {
		if got := find(id(&rows[i])); got != &rows[i] {
			t.Errorf("%s(%q) = %p; want the row %p", method, id(&rows[i]), got, &rows[i])
		}
	}
}

// A view of a dataset whose references do not resolve (one made by hand,
// not by Build), or joined without an index, shows what its own table
// holds and leaves the joined cells empty, rather than failing.
func TestViewsUnresolved(t *testing.T) {
	d := &Dataset{
		Stances:   []Stance{{ClaimID: "nowhere", StatementID: "nothing", EntityID: "nobody", Stance: StanceAsserts}},
		Conflicts: []Conflict{{EventID: "never", Field: "date", StatementID: "nothing", SourceID: "unknown", Value: "2022-11-03"}},
	}
	for _, x := range []*Index{d.Index(), nil} {
		for _, tc := range []struct {
			view Table
			want map[string]string // cells by column; every other string cell empty
		}{
			{d.ClaimView(x), map[string]string{"claim_id": "nowhere", "stance": "asserts", "entity_id": "nobody", "statement_id": "nothing"}},
			{d.ConflictView(x), map[string]string{"event_id": "never", "field": "date", "value": "2022-11-03", "statement_id": "nothing"}},
		} {
			v := tc.view
			if v.Len != 1 {
				t.Fatalf("view %s has %d rows; want 1", v.Name, v.Len)
			}
			cells := make([]Value, len(v.Columns))
			v.Row(0, cells)
			for j, c := range v.Columns {
				if c.Type != TypeString {
					continue
				}
				if got, want := cells[j].String, tc.want[c.Name]; got != want {
					t.Errorf("view %s (index %v), column %s = %q; want %q", v.Name, x != nil, c.Name, got, want)
				}
			}
		}
	}
}
