package yaml

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/synth"
)

// TestCulprit: the mistakes of hand editing are placed on their own line
// and column, however early the library places them.
func TestCulprit(t *testing.T) {
	for _, c := range []struct {
		name, src, want string
	}{
		{"an apostrophe in '...', reported by the library three lines early",
			"statements:\n  - id: s1\n    summary: ok\n    quote: 'Russia's drones'\n  - id: s2\n",
			`f.yaml:4:19: YAML syntax: this apostrophe ends the '...' value, but the line goes on (s drones'): inside '...' write an apostrophe as two ('') or quote the whole value with "..."`},
		{"an apostrophe in a list item's '...' value",
			"tags:\n  - 'a'\n  - 'it's'\n",
			`f.yaml:3:8: YAML syntax: this apostrophe ends the '...' value, but the line goes on (s'): inside '...' write an apostrophe as two ('') or quote the whole value with "..."`},
		{"a value that only starts with a quoted word",
			"a: 1\nb:\n  - x: 'Shahed' drones are made here\n",
			`f.yaml:3:15: YAML syntax: this apostrophe ends the '...' value, but the line goes on ( drones are made her…): inside '...' write an apostrophe as two ('') or quote the whole value with "..."`},
		{"a quote mark in \"...\"",
			"a: 1\nb:\n  - x: 1\n    y: \"the \"big\" one\"\n",
			`f.yaml:4:13: YAML syntax: this quote mark ends the "..." value, but the line goes on (big" one"): inside "..." write a quote mark as \" or quote the whole value with '...'`},
		{"an escaped quote mark is not the end",
			"a: \"say \\\"hi\\\"\" there\n",
			`f.yaml:1:15: YAML syntax: this quote mark ends the "..." value, but the line goes on ( there): inside "..." write a quote mark as \" or quote the whole value with '...'`},
		{"a quoted value in a flow list that ends early",
			"a: 1\nb: [x, 'it's', y]\n",
			`f.yaml:2:11: YAML syntax: this apostrophe ends the '...' value, but the line goes on (s', y]): inside '...' write an apostrophe as two ('') or quote the whole value with "..."`},
		{"': ' in a plain value, with its column",
			"id: x\ndate: a: b\nflag: y\n",
			`f.yaml:2:8: YAML syntax: this value holds ": ", which YAML reads as the start of another key: quote the value with '...' or "..."`},
		{"': ' on a deeper line, which continues the value above",
			"a: 1\nb:\n  - x: 1\n    y: It is\n      z: 4\n",
			`f.yaml:5:8: YAML syntax: this line is indented more than "y" on line 4, so YAML reads it as more of that value, where ": " cannot stand unquoted: align it with the keys it belongs with, or quote the value`},
		{"a deeper line after a complete value",
			"a: 1\nb:\n  - x: 'one'\n      z: 4\n",
			`f.yaml:4:7: YAML syntax: this line is indented more than the one above it, whose value is complete: align it with the keys it belongs with`},
		{"a deeper line after a comment that ends a value without quotes",
			"a: 1\nb: x\n  # c\n  d: 2\n",
			`f.yaml:4:3: YAML syntax: this line is indented more than the one above it, whose value is complete: align it with the keys it belongs with`},
		{"a list item pasted at its list's key's indentation",
			"statements:\n  - id: a\n    countries:\n      - {country: x}\n- id: b\n  kind: c\n",
			`f.yaml:5:1: YAML syntax: this "- " is indented 0 spaces, as the keys of a mapping are, where no list item can stand: indent it as the items of its list (2 or 6 spaces)`},
		{"a list item pasted at its item's keys' indentation",
			"statements:\n  - id: a\n    kind: b\n    - id: c\n",
			`f.yaml:4:5: YAML syntax: this "- " is indented 4 spaces, as the keys of a mapping are, where no list item can stand: indent it as the items of its list (2 spaces)`},
		{"a list's first flow item without its dash",
			"statements:\n  - id: a\n    countries:\n      {country: x}\n      - {country: y}\n",
			`f.yaml:4:7: YAML syntax: this item has no "- " before it, as the items after it have: begin it with "- "`},
		{"a list's later flow item without its dash",
			"statements:\n  - id: a\n    countries:\n      - {country: x}\n      [y, z]\n",
			`f.yaml:5:7: YAML syntax: this item has no "- " before it, as the other items of its list have: begin it with "- "`},
		{"a key of an item indented as its dash",
			"statements:\n  - id: a\n    kind: b\n  summary: c\n    quote: d\n",
			`f.yaml:4:3: YAML syntax: this line is indented 2 spaces, as the list's "- " are, where no key can stand: indent it as the keys of its item (4 spaces), or, if a new item starts here, begin it with "- "`},
		{"a key without the space after its colon",
			"statements:\n  - id: a\n    kind:claim\n    summary: c\n",
			`f.yaml:3:9: YAML syntax: write a space after this ':', which ends a key ("kind: claim")`},
		{"a key with a space before its colon and none after",
			"statements:\n  - id: a\n    summary :Gordon said it\n    quote: c\n",
			`f.yaml:3:13: YAML syntax: write this ':' right after the key, and a space after it ("summary: Gordon said…")`},
		{"a ',' left out between the entries of a flow mapping",
			"statements:\n  - id: a\n    stances:\n      - {claim: drones-made stance: denies}\n",
			`f.yaml:4:29: YAML syntax: "stance" starts another key of the '{' at column 9, but no ',' comes before it: write ", " before "stance", or quote the value before it if ": " is part of that value`},
		{"a ',' left out after a quoted value in a flow mapping",
			"a:\n  - {claim: 'x' stance: denies}\n",
			`f.yaml:2:17: YAML syntax: "stance" starts another key of the '{' at column 5, but no ',' comes before it: write ", " before "stance", or quote the value before it if ": " is part of that value`},
		{"one space, not 1 spaces",
			"x:\n  a: 1\n b: 2\n",
			`f.yaml:3:2: YAML syntax: this line is indented 1 space, which lines up with no line above it: indent it as the keys or list items it belongs with (0 or 2 spaces)`},
		{"a quoted key without a space after its ':'",
			"x:\n  - \"a\":'b'\n",
			`f.yaml:2:8: YAML syntax: write a space after this ':', which ends a key`},
		{"a quoted value that becomes a key",
			"a: 'b': c\n",
			`f.yaml:1:7: YAML syntax: this ':' makes the quoted value before it a key, which cannot stand here: quote the whole value`},
		{"a mistake after JSON-like flow mappings",
			"a: {\"b\":\"x]\", \"c\":[1,2]}\nd: 'it's'\n",
			`f.yaml:2:7: YAML syntax: this apostrophe ends the '...' value, but the line goes on (s'): inside '...' write an apostrophe as two ('') or quote the whole value with "..."`},
		{"a line indented to no level",
			"a: 1\nb:\n  - x: 1\n    y: 2\n  - x: 3\n   y: 4\n    z: 4\n",
			`f.yaml:6:4: YAML syntax: this line is indented 3 spaces, which lines up with no line above it: indent it as the keys or list items it belongs with (0, 2 or 4 spaces)`},
		{"a flow mapping never closed",
			"a: 1\nb:\n  - {x: 1, y: 2\n  - x: 3\n",
			`f.yaml:3:5: YAML syntax: this '{' is not closed on its line: close it with '}'`},
		{"a flow list never closed, on the first line",
			"id: [a\n",
			`f.yaml:1:5: YAML syntax: this '[' is not closed on its line: close it with ']'`},
		{"a bracket that closes the wrong one",
			"a: [x, {y: z]]\n",
			`f.yaml:1:13: YAML syntax: this ']' does not close the '{' at line 1, column 8: close that with '}'`},
		{"a mistake after a flow list over two lines",
			"a: [x,\n  y] # c\nb: 'it's'\n",
			`f.yaml:3:7: YAML syntax: this apostrophe ends the '...' value, but the line goes on (s'): inside '...' write an apostrophe as two ('') or quote the whole value with "..."`},
		{"a flow list over lines never closed",
			"a: [x,\n  y,\nb: 1\n",
			`f.yaml:1:4: YAML syntax: this '[' is never closed with ']'`},
		{"text after a flow list",
			"a: [x, y] z\n",
			`f.yaml:1:11: YAML syntax: text follows the ']' that closes this value: remove it, or quote the whole value`},
		{"a quoted value never closed",
			"id: x\nitems:\n  - name: 'first\n",
			`f.yaml:3:11: YAML syntax: this '...' value is never closed: end it with '`},
		{"a quoted value over lines that ends on a later line, before its text",
			"a: 'x\nb: 'it's'\n",
			`f.yaml:1:4: YAML syntax: this '...' value is not closed on its line, so YAML reads on to the apostrophe at line 2, column 4, where the line goes on (it's'): end the value on its line, and inside it write an apostrophe as two ('')`},
		{"a quote in a flow list not closed on its line",
			"a: 1\nb: ['Temirov], c\nd: 2\n",
			`f.yaml:2:5: YAML syntax: this '...' value is not closed on its line: end it with '`},
		{"a flow mapping not closed on its line, mid-file",
			"a:\n  - {claim: x, stance: denies\n    countries:\n      - {country: Iran, role: designer}\nb: 1\n",
			`f.yaml:2:5: YAML syntax: this '{' is not closed on its line: close it with '}'`},
		{"a hashtag in a flow mapping, which comments out its end",
			"a:\n  - {id: f, measure: drones #TB2, value: 12}\n    kind: claim\nb: 1\n",
			`f.yaml:2:29: YAML syntax: YAML reads "#TB2, value: 12}" as a comment, so the '{' at column 5 is not closed on its line: quote the value that holds '#'`},
		{"a comment in a flow mapping not closed on its line: the '{' is the mistake",
			"a:\n  - {id: f, measure: drones # see [1]\n    kind: claim\nb: 1\n",
			`f.yaml:2:5: YAML syntax: this '{' is not closed on its line: close it with '}'`},
		{"a reserved first character",
			"id: x\n\ndate: `y`\n",
			"f.yaml:3:7: YAML syntax: a value cannot start with '`' in YAML: quote the value"},
		{"a mistake after a block scalar, a multi-line quote and a comment",
			"a: |\n  it's: here\n  'x' y\nb: 'one\n  two' # c\n# it's: 'x' y\nc: 'it's'\n",
			`f.yaml:7:7: YAML syntax: this apostrophe ends the '...' value, but the line goes on (s'): inside '...' write an apostrophe as two ('') or quote the whole value with "..."`},
		{"non-ASCII text before the mistake counts one column a character",
			"a: 'Ҷумҳурӣ's'\n",
			`f.yaml:1:12: YAML syntax: this apostrophe ends the '...' value, but the line goes on (s'): inside '...' write an apostrophe as two ('') or quote the whole value with "..."`},
		{"CRLF line ends",
			"a: 1\r\nb: 'it's'\r\n",
			`f.yaml:2:7: YAML syntax: this apostrophe ends the '...' value, but the line goes on (s'): inside '...' write an apostrophe as two ('') or quote the whole value with "..."`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var errs diag.List
			if libraryParse("f.yaml", []byte(c.src), &errs) != nil {
				t.Fatalf("the library reads %q", c.src)
			}
			if len(errs) != 1 || errs[0].Error() != c.want {
				t.Errorf("errors of %q:\n%v\nwant:\n%s", c.src, errs, c.want)
			}
		})
	}
}

// TestCulpritLeavesTheLibrary: where culprit is unsure, or finds nothing,
// the library's message stands.
func TestCulpritLeavesTheLibrary(t *testing.T) {
	for _, src := range []string{
		"a: &x 1\nb: 'it's'\n",                  // an anchor: culprit stops
		"a: [x, 'y\n  z']\nb: 'it's'\n",         // a quoted value over lines, in a flow list
		"---\na: 'it's'\n",                      // documents are the library's
		"a: {?x: y}\nb: 'it's'\n",               // an explicit key in a flow mapping
		"\ufeffa: 1\nb: 'it's'\n",               // a byte-order mark
		"a: |\n    x\n  y\nb: {\"c\":\"d]\"}\n", // nothing certain: the library's message stands
		"? a\n: b\nc: 'it's'\n",                 // an explicit key
	} {
		var errs diag.List
		if libraryParse("f.yaml", []byte(src), &errs) != nil {
			t.Fatalf("the library reads %q", src)
		}
		if len(errs) != 1 || !strings.HasSuffix(errs[0].Error(), QuotingHint) {
			t.Errorf("errors of %q: %v; want the library's, with the quoting hint", src, errs)
		}
	}
}

// TestCulpritQuietOnValidYAML: culprit flags only what is certainly
// invalid. On every document the library reads (the project's data, a
// synthetic corpus, random documents and the constructs below) it must
// find nothing.
func TestCulpritQuietOnValidYAML(t *testing.T) {
	docs := []string{
		"  a: 1\n  b: 2\n",                                     // an indented document
		"a:\n- x\n- y\nb: 1\n",                                 // a list at its key's column
		"a: |\n  x: 'y' z\n   it's\nb: >-\n  q\n",              // block scalars
		"a: 'one\n  two'\nb: \"x\n y\" # c\n",                  // quoted values over lines
		"a: [x,\n  y]\nb: 1\n",                                 // a flow list over lines
		"a: it is\n  more text\nb: 1\n",                        // a plain value over lines
		"- - a\n  - b\n- c\n",                                  // lists in lists
		"- a: 1\n  b: 2\n-\n  c: 3\n",                          // an item on the next line
		"'a b': 1\n\"c\": 'it''s' # x\n",                       // quoted keys
		"a: x#y\nb: http://x.org/a:b\nc: 10:30\n",              // ':' and '#' inside words
		"a: 'x' # it's: 'y' z\nb: {c: 'd', e: [f]}\n",          // comments after values
		"a:\n  # c: 'x' y\n  b: 1\n",                           // an indented comment
		"a: {\"b\":\"x]\"}\nc: {\"k\":\"v,[x\", \"j\": 'y'}\n", // JSON-style flow mappings
		"\ufeff  a: 1\n  b: 2\n",                               // a byte-order mark
	}
	files, _ := filepath.Glob("../../data/*/*.yaml")
	corpus := filepath.Join(t.TempDir(), "data")
	if err := synth.Corpus(corpus, 200, 1); err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob(filepath.Join(corpus, "*", "*.yaml"))
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, string(data))
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		docs = append(docs, randomDocument(r))
	}
	read := 0
	for _, src := range docs {
		var errs diag.List
		if libraryParse("f.yaml", []byte(src), &errs) == nil {
			continue
		}
		read++
		if m, ok := culprit([]byte(src), 1, ""); ok {
			t.Errorf("culprit flags valid YAML at %d:%d (%s):\n%s", m.line, m.col, m.msg, src)
		}
	}
	if read < 10000 {
		t.Fatalf("only %d documents were valid YAML", read)
	}
}

// TestCulpritFindsInjectedMistakes breaks each of the project's facts files
// in one place, in each of three ways, and expects the error there.
func TestCulpritFindsInjectedMistakes(t *testing.T) {
	files, _ := filepath.Glob("../../data/facts/*.yaml")
	if len(files) == 0 {
		t.Fatal("no facts files")
	}
	tried := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		for i, line := range lines {
			key, value, ok := strings.Cut(line, ": ")
			if !ok || strings.HasPrefix(strings.TrimSpace(key), "#") {
				continue
			}
			col := len([]rune(key)) + 3 // where the value starts
			var broken, want string
			switch {
			case strings.HasPrefix(value, "'") && strings.HasSuffix(value, "'") && len(value) > 2:
				broken = key + ": 'x'y" + value[1:]
				want = fmt.Sprintf("%s:%d:%d: YAML syntax: this apostrophe ends", f, i+1, col+2)
			case strings.HasPrefix(value, `"`) && strings.HasSuffix(value, `"`) && len(value) > 2:
				broken = key + `: "x"y` + value[1:]
				want = fmt.Sprintf("%s:%d:%d: YAML syntax: this quote mark ends", f, i+1, col+2)
			case value != "" && !strings.ContainsAny(value[:1], "'\"[{|>&*!") && !strings.Contains(value, ": ") && !strings.Contains(value, " #"):
				broken = key + ": x: " + value
				want = fmt.Sprintf("%s:%d:%d: YAML syntax: this value holds", f, i+1, col+1)
			default:
				continue
			}
			tried++
			edited := withLine(lines, i, broken)
			var errs diag.List
			if libraryParse(f, []byte(edited), &errs) != nil {
				t.Fatalf("%s: the library reads line %d as %q", f, i+1, broken)
			}
			if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), want) {
				t.Errorf("%s with line %d as %q: %v; want %s...", f, i+1, broken, errs, want)
			}
		}
	}
	if tried < 50 {
		t.Fatalf("only %d lines could be broken", tried)
	}
}

// withLine is lines joined, with line i replaced by with.
func withLine(lines []string, i int, with string) string {
	edited := append([]string(nil), lines...)
	edited[i] = with
	return strings.Join(edited, "\n")
}

// FuzzCulprit: culprit never flags a document the library reads, and
// never fails on any input.
func FuzzCulprit(f *testing.F) {
	for _, s := range []string{
		"statements:\n  - id: s1\n    quote: 'Russia's drones'\n",
		"a: [x,\n  y] # c\nb: 'it's'\n", "a: |\n  it's: here\nb: 'one\n  two'\n",
		"- - a\n  - b: {c: [d, 'e''f']}\n-\n  g: \"h\\\"i\"\n", "a: x: y\n   b: 1\n",
		"a: {\"b\":\"x]\"}\n", "x:\n  - {\"k\":\"a]\", \"j\": 1}\n", "\ufeff  a: 1\n  b: 2\n",
		"x:\n  {a: 1}\ny: [2]\n", "x:\n  [a]\n  - b\n", "x:\n  - {a: 1}\n  {b: 2}\n", // a flow value on its own line; items without "- "
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var errs diag.List
		valid := libraryParse("f.yaml", []byte(src), &errs) != nil
		if m, ok := culprit([]byte(src), 1, ""); ok && valid {
			t.Errorf("culprit flags valid YAML at %d:%d (%s)", m.line, m.col, m.msg)
		}
	})
}

// BenchmarkCulpritNestedFlow decodes a line of n nested flow mappings,
// which the library refuses (too deep) and culprit reads, at two sizes:
// ten times the brackets should take about ten times as long. Counting
// each bracket's column as it opened took 19 s at 100,000.
func BenchmarkCulpritNestedFlow(b *testing.B) {
	for _, n := range []int{20_000, 200_000} {
		text := "title: " + strings.Repeat("{a: ", n) + strings.Repeat("}", n) + "\nx: y\n"
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				var v struct {
					Title Scalar `yaml:"title"`
					X     Scalar `yaml:"x"`
				}
				if errs := Decode("f.yaml", []byte(text), &v); len(errs) == 0 {
					b.Fatal("a line nested too deep was read")
				}
			}
		})
	}
}
