package manifest

import (
	"bytes"
	"maps"
	"strings"
	"testing"
)

// TestReadSHA256SUMS reads back what WriteSHA256SUMS writes, and refuses
// any other line, naming it.
func TestReadSHA256SUMS(t *testing.T) {
	a, b := strings.Repeat("ab", 32), strings.Repeat("0f", 32)
	var buf bytes.Buffer
	if err := WriteSHA256SUMS(&buf, []File{{Path: "csv/a b.csv", SHA256: a}, {Path: "README.md", SHA256: b}}); err != nil {
		t.Fatal(err)
	}
	got, err := ReadSHA256SUMS(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"csv/a b.csv": a, "README.md": b}; !maps.Equal(got, want) {
		t.Errorf("read %v, want %v", got, want)
	}
	if got, err := ReadSHA256SUMS(strings.NewReader(strings.ToUpper(a) + "  x\n")); err != nil || got["x"] != a {
		t.Errorf("upper-case hash: %v, %v; want it read as %s", got, err, a)
	}
	for _, tc := range []struct{ text, want string }{
		{"", `line 1: "" is not a hash`},
		{a + " README.md\n", "line 1: "},                         // one space
		{a[:62] + "  README.md\n", "line 1: "},                   // short
		{strings.Repeat("zz", 32) + "  README.md\n", "line 1: "}, // not hex
		{a + "  \n", "line 1: "},                                 // no path
		{a + "  x\n" + b + "  x\n", "line 2: x is listed twice"},
		{a + "  x\r\n", "line 1: ends in a carriage return"},
	} {
		if _, err := ReadSHA256SUMS(strings.NewReader(tc.text)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want an error with %q", tc.text, err, tc.want)
		}
	}
}
