package yaml

import (
	"strings"
	"testing"

	"newsfacts/pipeline/diag"
)

// TestParseSkipping: each item with a syntax error is blanked out, its
// lines kept, and nothing else is.
func TestParseSkipping(t *testing.T) {
	for _, c := range []struct {
		name, src, want string // want: the text parsed last, "" if none
		skipped         []int
	}{
		{"an item of a list indented under its key",
			"a: 1\nitems:\n  - x: 'it's'\n    y: 2\n  # a note\n  - x: ok\nb: 2\n",
			"a: 1\nitems:\n\n\n  # a note\n  - x: ok\nb: 2\n", []int{3}},
		{"dashes at the key's own indentation, the last line without a break",
			"items:\n- x: ok\n- x: a: b\n  y: 2\nb: 1",
			"items:\n- x: ok\n\n\nb: 1", []int{3}},
		{"line breaks \\r\\n are kept",
			"items:\r\n  - x: a: b\r\n  - x: ok\r\n",
			"items:\r\n\r\n  - x: ok\r\n", []int{2}},
		{"a line of the item indented as its dash is the item's",
			"items:\n  - x: 1\n  y: 2\n    z: 3\n  - x: 4\n",
			"items:\n\n\n\n  - x: 4\n", []int{2}},
		{"the items of a nested list are not items to skip",
			"items:\n  - x: 1\n    tags:\n      - a: b: c\n  - x: 2\n",
			"items:\n\n\n\n  - x: 2\n", []int{2}},
		{"a mistake in a top-level key's value skips nothing",
			"a: 'it's'\nitems:\n  - x: a: b\n", "", nil},
		{"a list of every item wrong",
			"items:\n  - x: a: b\n  - x: 'c'd'\n",
			"items:\n\n\n", []int{2, 3}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var errs diag.List
			root, parsed, skipped := parseSkipping("f.yaml", []byte(c.src), &errs)
			if (root != nil) != (c.want != "") {
				t.Fatalf("parsed: %v, want %v; errors %v", root != nil, c.want != "", errs)
			}
			if c.want != "" && string(parsed) != c.want {
				t.Errorf("parsed\n%q\nwant\n%q", parsed, c.want)
			}
			if strings.Count(string(parsed), "\n") != strings.Count(c.src, "\n") {
				t.Errorf("lines were removed: %q", parsed)
			}
			if len(skipped) != len(c.skipped) || len(skipped) > 0 && skipped[0] != c.skipped[0] || len(errs) != max(len(c.skipped), 1) {
				t.Errorf("skipped %v, want %v; errors:\n%v", skipped, c.skipped, errs)
			}
		})
	}
}

// TestParseSkippingBounded: a file whose every item is wrong is reported
// for its first maxSyntaxErrors items, then given up.
func TestParseSkippingBounded(t *testing.T) {
	src := "items:\n" + strings.Repeat("  - x: a: b\n", 3*maxSyntaxErrors)
	var errs diag.List
	root, _, skipped := parseSkipping("f.yaml", []byte(src), &errs)
	if root != nil || len(errs) != maxSyntaxErrors || len(skipped) != maxSyntaxErrors-1 || !strings.Contains(errs[len(errs)-1].Msg, "the reading of this file stops here") {
		t.Errorf("root %v, %d errors, %d skipped; want nil, %d and %d", root != nil, len(errs), len(skipped), maxSyntaxErrors, maxSyntaxErrors-1)
	}
}
