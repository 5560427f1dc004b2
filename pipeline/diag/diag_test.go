package diag

import "testing"

// TestPosString: a file name is written as it is, unless it holds a line
// break, another control character or bytes that are not UTF-8: then it
// is quoted, so that each error stays on its line.
func TestPosString(t *testing.T) {
	for _, tc := range []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "data/facts/a.yaml", Line: 3, Col: 7}, "data/facts/a.yaml:3:7"},
		{Pos{File: "data/sources/Душанбе 2022.txt", Line: 1}, "data/sources/Душанбе 2022.txt:1"},
		{Pos{File: "data/sources/two\nlines.yaml", Line: 2, Col: 1}, `"data/sources/two\nlines.yaml":2:1`},
		{Pos{File: "data/sources/tab\there.txt"}, `"data/sources/tab\there.txt"`},
		{Pos{File: "data/sources/latin1-\xe9.yaml", Line: 1, Col: 1}, `"data/sources/latin1-\xe9.yaml":1:1`},
		{Pos{File: "data/sources/txt.\u202eyaml", Line: 1}, `"data/sources/txt.\u202eyaml":1`}, // right-to-left override
	} {
		if got := tc.pos.String(); got != tc.want {
			t.Errorf("%#v: %s, want %s", tc.pos, got, tc.want)
		}
	}
}
