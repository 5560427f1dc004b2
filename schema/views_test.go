package schema

import (
	"slices"
	"testing"
)

// The claims view lists each claim's stances in the order they were
// said, undated last, then by statement and entity: the same order
// whether the stances come in claim order, as Build leaves them, or not.
func TestClaimViewOrder(t *testing.T) {
	d := &Dataset{
		Claims:   []Claim{{ID: "a"}, {ID: "b"}},
		Entities: []Entity{{ID: "e1"}, {ID: "e2"}},
		Statements: RowsOf([]Statement{
			{ID: "s1", Date: MakeDate(2022, 11, 3)},
			{ID: "s2", Date: MakeDate(2022, 10, 30)},
			{ID: "s3"}, // undated
			{ID: "s4", Date: MakeDate(2022, 10, 30)},
		}),
	}
	stances := []Stance{
		{ClaimID: "gone", StatementID: "s2", EntityID: "e2"}, // no such claim: its view shows none, first
		{ClaimID: "a", StatementID: "s1", EntityID: "e1"},
		{ClaimID: "a", StatementID: "s3", EntityID: "e1"},
		{ClaimID: "a", StatementID: "s4", EntityID: "e2"},
		{ClaimID: "a", StatementID: "s4", EntityID: "e1"},
		{ClaimID: "a", StatementID: "s4", EntityID: "e1"}, // twice: made by hand
		{ClaimID: "b", StatementID: "s3", EntityID: "e2"},
		{ClaimID: "b", StatementID: "s2", EntityID: "e1"},
	}
	want := []string{"gone s2 e2", "a s4 e1", "a s4 e1", "a s4 e2", "a s1 e1", "a s3 e1", "b s2 e1", "b s3 e2"}
	for _, order := range [][]int{{0, 1, 2, 3, 4, 5, 6, 7}, {7, 3, 0, 5, 6, 2, 4, 1}} {
		d.Stances = nil
		for _, i := range order {
			d.Stances = append(d.Stances, stances[i])
		}
		v := d.ClaimView(d.Index())
		cells := make([]Value, len(v.Columns))
		col := func(name string) int {
			return slices.IndexFunc(v.Columns, func(c Column) bool { return c.Name == name })
		}
		var got []string
		for i := range v.Len {
			v.Row(i, cells)
			got = append(got, cells[col("claim_id")].String+" "+cells[col("statement_id")].String+" "+cells[col("entity_id")].String)
		}
		if !slices.Equal(got, want) {
			t.Errorf("stances in the order %v: rows %q; want %q", order, got, want)
		}
	}
}
