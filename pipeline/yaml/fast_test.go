package yaml

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/synth"
)

// sameAsLibrary fails t unless fastParse either declines src or gives the
// library's own tree for it; it reports whether fastParse read src.
func sameAsLibrary(t *testing.T, src string) bool {
	t.Helper()
	got, ok := fastParse(src)
	if !ok {
		return false
	}
	var errs diag.List
	want := libraryParse("f.yaml", []byte(src), &errs)
	if want == nil {
		t.Fatalf("fastParse read %q, which the library refuses: %v", src, errs)
	}
	if diff := treeDiff("document", got, want); diff != "" {
		t.Fatalf("fastParse(%q) differs from the library: %s", src, diff)
	}
	return true
}

// treeDiff describes the first difference between two trees, at path.
func treeDiff(path string, got, want *node) string {
	if got.kind != want.kind || got.line != want.line || got.col != want.col || got.anchor != want.anchor {
		return fmt.Sprintf("%s: got kind %d at %d:%d, want kind %d at %d:%d", path, got.kind, got.line, got.col, want.kind, want.line, want.col)
	}
	if got.kind == scalarNode && (got.value != want.value || got.plain != want.plain || got.null != want.null || got.tagged != want.tagged) {
		return fmt.Sprintf("%s: got %q (plain %v, null %v, tagged %q), want %q (plain %v, null %v, tagged %q)", path, got.value, got.plain, got.null, got.tagged, want.value, want.plain, want.null, want.tagged)
	}
	if len(got.content) != len(want.content) {
		return fmt.Sprintf("%s: got %d children, want %d", path, len(got.content), len(want.content))
	}
	for i := range got.content {
		if d := treeDiff(fmt.Sprintf("%s[%d]", path, i), got.content[i], want.content[i]); d != "" {
			return d
		}
	}
	return ""
}

func TestFastParse(t *testing.T) {
	for _, c := range []struct {
		src  string
		fast bool // whether fastParse reads it (else the library does)
	}{
		{"id: a1\n", true},
		{"# a comment\n\nid: a1 # and another\nname: 'it''s' # c\nnote: \"say \\\"hi\\\" \\\\ there\"\n", true},
		{"id: ~\nb: null\nc: Null\nd: NULL\ne: ''\nf: \"\"\ng: nul\n", true},
		{"null: a\n- b\n", false}, {"null: a\nNULL: {null: b}\nc:\n  - Null: d\n", true}, // null keys
		{"tags: [a, \"b, c\", 'd', [e, f], {g: h}]\nempty: []\nnone: {}\n", true},
		{"items:\n  - name: a\n    note: b\n  - name: c\nafter: x\n", true},
		{"items:\n- name: a\n  note: b\n- plain\nafter: x\n", true},
		{"a:\n  b:\n    c: d\n  e: f\ng: h\n", true},
		{"quote: “Tajikistan’s” – ok\nnext: {k: Tajikistan’s, l: é}\n", true},
		{"url: https://example.org/a#b?c=d\ntime: 10:30\nx: a #b\n", true},
		{"a: b\n  c\n", false},      // a plain value on two lines
		{"a: 'b\n  c'\n", false},    // a quoted value on two lines
		{"a:\nb: c\n", false},       // an empty value
		{"a: |\n  text\n", false},   // a block scalar
		{"a: &x b\nc: *x\n", false}, // anchors and aliases
		{"a: !!str b\n", false},     // a tag
		{"---\na: b\n", false},      // a document marker
		{"a: b\r\n", false},         // a carriage return
		{"a:\tb\n", false},          // a tab
		{"a: \"b\\nc\"\n", false},   // an escape other than \" and \\
		{"a: b: c\n", false},        // invalid
		{"a: [b, c\n", false},       // a flow collection on two lines
		{"a: {b: c:d}\n", false},    // a colon in a flow value
		{"a: [b, ]\n", false},       // a trailing comma
		{"'a': b\n", false},         // a quoted key
		{"  a: b\n", false},         // an indented document
		{"a: -1\n", false},          // an indicator first
		{"a: b\n c: d\n", false},    // a key indented by one
		{"a: 😀\n", false},           // beyond the Basic Multilingual Plane
		{"", false}, {"# only a comment\n", false},
	} {
		if got := sameAsLibrary(t, c.src); got != c.fast {
			t.Errorf("fastParse(%q) read it: %v, want %v", c.src, got, c.fast)
		}
	}
}

// randomDocument writes a document of the pieces most likely to be read
// differently: colons, hashes, quotes, brackets, spaces, nulls and
// non-ASCII text, at varied indents. Most are valid YAML; some are not.
func randomDocument(r *rand.Rand) string {
	words := []string{"a", "b c", "x:y", "x: y", "a #b", "a#b", "~", "null", "NULL", "", " ", "é", "’s", "“q”", "10:30", "-1", "- a", "[a]", "{a: b}", "a, b", "'", "''", "\"", "\\", "\\\"", "?", "&a", "*a", "!t", "|", ">", "%", "@", "`", ":", "#"}
	piece := func() string {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			b.WriteString(words[r.IntN(len(words))])
		}
		return b.String()
	}
	quote := func(s string) string {
		switch r.IntN(4) {
		case 0:
			return "'" + strings.ReplaceAll(s, "'", "''") + "'"
		case 1:
			return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
		}
		return s
	}
	var scalar func(depth int) string
	scalar = func(depth int) string {
		if depth < 2 && r.IntN(5) == 0 {
			var items []string
			for range r.IntN(4) {
				if r.IntN(2) == 0 {
					items = append(items, "k"+fmt.Sprint(r.IntN(3))+":"+strings.Repeat(" ", r.IntN(3))+scalar(depth+1))
				} else {
					items = append(items, scalar(depth+1))
				}
			}
			sep := []string{", ", ",", " , "}[r.IntN(3)]
			if r.IntN(2) == 0 {
				return "{" + strings.Join(items, sep) + "}"
			}
			return "[" + strings.Join(items, sep) + "]"
		}
		return quote(piece())
	}
	var block func(b *strings.Builder, indent, depth int)
	block = func(b *strings.Builder, indent, depth int) {
		pad := strings.Repeat(" ", indent)
		seq := r.IntN(3) == 0
		for i := range 1 + r.IntN(3) {
			if r.IntN(6) == 0 {
				b.WriteString(pad + "# " + piece() + "\n")
			}
			if r.IntN(8) == 0 {
				b.WriteString("\n")
			}
			prefix := "key" + fmt.Sprint(i) + ":"
			if seq {
				prefix = "-"
			}
			b.WriteString(pad + prefix)
			if depth < 3 && r.IntN(3) == 0 {
				if seq && r.IntN(2) == 0 { // "- key: value" and its siblings
					b.WriteString(" k: " + scalar(0) + "\n")
					b.WriteString(pad + "  l: " + scalar(0) + "\n")
					continue
				}
				b.WriteString("\n")
				inner := indent + 1 + r.IntN(3)
				if !seq && r.IntN(3) == 0 {
					inner = indent // a list at its key's column
				}
				block(b, inner, depth+1)
				continue
			}
			b.WriteString(strings.Repeat(" ", 1+r.IntN(2)) + scalar(0))
			if r.IntN(4) == 0 {
				b.WriteString(" # " + piece())
			}
			b.WriteString("\n")
		}
	}
	var b strings.Builder
	block(&b, 0, 0)
	return b.String()
}

// TestFastParseRandom compares fastParse with the library on random
// documents (see randomDocument).
func TestFastParseRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const n = 20000
	read := 0
	for range n {
		if sameAsLibrary(t, randomDocument(r)) {
			read++
		}
	}
	// The pieces are chosen to trip the parser, but most documents must
	// still be read, or the comparison would prove nothing.
	if read < n/10 {
		t.Fatalf("fastParse read %d of %d documents; want at least a tenth", read, n)
	}
	t.Logf("fastParse read %d of %d random documents", read, n)
}

// TestFastParseSynth checks that fastParse reads every file of a synthetic
// corpus, as the library does: the speed of a large build depends on it.
func TestFastParseSynth(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := synth.Corpus(dir, 1000, 1); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.yaml"))
	more, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	files = append(files, more...)
	if len(files) < 100 {
		t.Fatalf("the corpus has %d YAML files", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !sameAsLibrary(t, string(data)) {
			t.Errorf("%s: fastParse does not read it", f)
		}
	}
}

// TestFastParseData compares fastParse with the library on the project's
// own hand-written data files. (Curators may write what it leaves to the
// library, such as block scalars: only some need be read.)
func TestFastParseData(t *testing.T) {
	files, _ := filepath.Glob("../../data/*/*.yaml")
	read := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if sameAsLibrary(t, string(data)) {
			read++
		}
	}
	if read == 0 {
		t.Errorf("fastParse read none of the %d files under data/*/", len(files))
	}
}

// FuzzFastParse checks that whatever fastParse reads, it reads as the
// library does.
func FuzzFastParse(f *testing.F) {
	for _, s := range []string{
		"id: a1\ntags: [x, \"y z\", 'it''s']\nitems:\n  - name: first # c\n    note: {a: b, c: [d]}\n- x\n",
		"a:\n- b\n- c: d\n  e: ~\nf: “g” h#i\n", "a: b\n  c\n", "a: 'b''\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		sameAsLibrary(t, src)
	})
}
