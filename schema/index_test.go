package schema

import "testing"

// The index finds every row of the tables it covers by its id, as the row
// itself, not a copy; an id of no row finds nothing.
func TestIndex(t *testing.T) {
	d := &Dataset{
		Entities:   []Entity{{ID: "e1"}, {ID: "e2"}},
		Sources:    []Source{{ID: "src1"}},
		Statements: []Statement{{ID: "s1"}, {ID: "s2"}, {ID: "s3"}},
		Claims:     []Claim{{ID: "c1"}},
		Events:     []Event{{ID: "ev1"}, {ID: "ev2"}},
	}
	x := d.Index()
	for i := range d.Entities {
		if got := x.Entity(d.Entities[i].ID); got != &d.Entities[i] {
			t.Errorf("Entity(%q) = %p; want the row %p", d.Entities[i].ID, got, &d.Entities[i])
		}
	}
	for i := range d.Sources {
		if got := x.Source(d.Sources[i].ID); got != &d.Sources[i] {
			t.Errorf("Source(%q) = %p; want the row %p", d.Sources[i].ID, got, &d.Sources[i])
		}
	}
	for i := range d.Statements {
		if got := x.Statement(d.Statements[i].ID); got != &d.Statements[i] {
			t.Errorf("Statement(%q) = %p; want the row %p", d.Statements[i].ID, got, &d.Statements[i])
		}
	}
	for i := range d.Claims {
		if got := x.Claim(d.Claims[i].ID); got != &d.Claims[i] {
			t.Errorf("Claim(%q) = %p; want the row %p", d.Claims[i].ID, got, &d.Claims[i])
		}
	}
	for i := range d.Events {
		if got := x.Event(d.Events[i].ID); got != &d.Events[i] {
			t.Errorf("Event(%q) = %p; want the row %p", d.Events[i].ID, got, &d.Events[i])
		}
	}
	// An id of another table's row, or of none, finds nothing.
	if x.Entity("s1") != nil || x.Source("e1") != nil || x.Statement("c1") != nil || x.Claim("ev1") != nil || x.Event("src1") != nil || x.Statement("") != nil {
		t.Error("an id that no row of the table has found a row")
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
