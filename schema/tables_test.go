package schema

import "testing"

// The contract is complete: every table has a key made of its own columns,
// and every column a type and a description.
func TestTablesContract(t *testing.T) {
	seen := map[string]bool{}
	for _, tb := range (&Dataset{}).Tables() {
		if seen[tb.Name] || tb.Doc == "" || len(tb.Key) == 0 {
			t.Errorf("table %q: duplicate, undocumented or without key", tb.Name)
		}
		seen[tb.Name] = true
		cols := map[string]bool{}
		for _, c := range tb.Columns {
			if cols[c.Name] || c.Doc == "" || c.Type == "" || !IsID(stringsReplace(c.Name)) {
				t.Errorf("%s.%s: duplicate, undocumented, untyped or badly named", tb.Name, c.Name)
			}
			cols[c.Name] = true
		}
		for _, k := range tb.Key {
			if !cols[k] {
				t.Errorf("%s: key column %q is not a column", tb.Name, k)
			}
		}
	}
	for _, name := range []string{"sources", "entities", "statements", "claims", "stances", "country_roles", "figures", "conflicts"} {
		if !seen[name] {
			t.Errorf("the contract lacks table %q", name)
		}
	}
}

func stringsReplace(s string) string {
	out := []byte(s)
	for i := range out {
		if out[i] == '_' {
			out[i] = '-'
		}
	}
	return string(out)
}

func TestDate(t *testing.T) {
	d, err := ParseISODate("2022-10-30")
	if err != nil || d.String() != "2022-10-30" || d.DaysSinceEpoch() != 19295 {
		t.Errorf("ParseISODate: %v %v %d", d, err, d.DaysSinceEpoch())
	}
	if _, err := ParseISODate("2022-02-30"); err == nil {
		t.Error("2022-02-30 parsed")
	}
	if got := (Date{2024, 2, 1}).LastDay(PrecisionMonth); got.String() != "2024-02-29" {
		t.Errorf("LastDay(month) = %s", got)
	}
	if got := (Date{2022, 1, 1}).LastDay(PrecisionYear); got.String() != "2022-12-31" {
		t.Errorf("LastDay(year) = %s", got)
	}
	if (Date{}).String() != "" || !(Date{}).IsZero() {
		t.Error("the zero Date must print empty")
	}
}
