package yaml_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/yaml"
)

type testItem struct {
	Pos   diag.Pos    `yaml:"-"`
	Fault yaml.Fault  `yaml:"-"`
	Name  yaml.Scalar `yaml:"name,required"`
	Note  yaml.Scalar `yaml:"note"`
}

type testDoc struct {
	Pos   diag.Pos      `yaml:"-"`
	ID    yaml.Scalar   `yaml:"id,required"`
	Date  yaml.Scalar   `yaml:"date"`
	Flag  yaml.Scalar   `yaml:"flag"`
	Tags  []yaml.Scalar `yaml:"tags"`
	Also  []yaml.Scalar `yaml:"also"`
	Items []testItem    `yaml:"items"`
}

const file = "f.yaml"

func decode(t *testing.T, src string) (testDoc, []string) {
	t.Helper()
	var d testDoc
	errs := yaml.Decode(file, []byte(src), &d)
	errs.Sort()
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	return d, got
}

func pos(line, col int) diag.Pos { return diag.Pos{File: file, Line: line, Col: col} }

func sc(v string, line, col int) yaml.Scalar {
	return yaml.NewScalar(v, pos(line, col))
}

func TestDecode(t *testing.T) {
	src := `id: a1
date: 2022-10-30
flag: NO
tags: [x, "y z"]
items:
  - name: first
    note: 1e3
  - name: 'second'
`
	d, errs := decode(t, src)
	if errs != nil {
		t.Fatalf("Decode: %q", errs)
	}
	want := testDoc{
		Pos:  pos(1, 1),
		ID:   sc("a1", 1, 5),
		Date: sc("2022-10-30", 2, 7), // not a timestamp
		Flag: sc("NO", 3, 7),         // not a boolean
		Tags: []yaml.Scalar{sc("x", 4, 8), sc("y z", 4, 11)},
		Items: []testItem{
			{Pos: pos(6, 5), Name: sc("first", 6, 11), Note: sc("1e3", 7, 11)}, // not a number
			{Pos: pos(8, 5), Name: sc("second", 8, 11)},
		},
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("Decode =\n%+v\nwant\n%+v", d, want)
	}
}

// A million statements hold some twenty million values: each byte of a
// Scalar is twenty megabytes of the build's memory.
func TestScalarSize(t *testing.T) {
	if n := unsafe.Sizeof(yaml.Scalar{}); n != 32 {
		t.Errorf("a Scalar takes %d bytes, want 32", n)
	}
}

// The values of one decoding share their file's name, one copy for the
// file and not one for each value (TestScalarSize's twenty million).
func TestScalarSharesName(t *testing.T) {
	d, errs := decode(t, "id: a1\ntags: [x, y]\nitems:\n  - name: first\n")
	if errs != nil {
		t.Fatal(errs)
	}
	for _, s := range []yaml.Scalar{d.Tags[0], d.Tags[1], d.Items[0].Name} {
		if s.Pos().File != file || !yaml.SameName(s, d.ID) {
			t.Errorf("%q at %v: not the name of %q's decoding", s.Value, s.Pos(), d.ID.Value)
		}
	}
}

// A Scalar keeps its position whole, and null apart from empty.
func TestScalarPos(t *testing.T) {
	at := diag.Pos{File: "data/facts/a.yaml", Line: 7, Col: 12}
	for _, tt := range []struct {
		s   yaml.Scalar
		pos diag.Pos
		set bool
	}{
		{yaml.NewScalar("x", at), at, true},
		{yaml.NewScalar("", at), at, true},
		{yaml.NullScalar("~", at), at, false},
		{yaml.Scalar{}, diag.Pos{}, false},
	} {
		if tt.s.Pos() != tt.pos || tt.s.Set() != tt.set {
			t.Errorf("%q: Pos() = %v, Set() = %v; want %v, %v", tt.s.Value, tt.s.Pos(), tt.s.Set(), tt.pos, tt.set)
		}
	}
}

func TestDecodeLiteralValues(t *testing.T) {
	for _, v := range []string{"2022-10-30", "NO", "no", "yes", "off", "y", "1e3", "0x10", "010", "1_000", ".inf", "12:30:00"} {
		d, errs := decode(t, "id: "+v+"\n")
		if errs != nil {
			t.Errorf("id: %s: %q", v, errs)
			continue
		}
		if !reflect.DeepEqual(d.ID, sc(v, 1, 5)) {
			t.Errorf("id: %s decoded as %+v", v, d.ID)
		}
	}
}

func TestDecodeNull(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want yaml.Scalar
	}{
		{"id: x\ndate:\n", yaml.NullScalar("", pos(2, 6))},
		{"id: x\ndate: ~\n", yaml.NullScalar("~", pos(2, 7))},
		{"id: x\ndate: null\n", yaml.NullScalar("null", pos(2, 7))},
		{"id: x\ndate: \"null\"\n", sc("null", 2, 7)}, // quoted: the text null
		{"id: x\ndate: ''\n", sc("", 2, 7)},
		{"id: x\n", yaml.Scalar{}}, // absent
	} {
		d, errs := decode(t, tt.src)
		if errs != nil {
			t.Errorf("%q: %q", tt.src, errs)
			continue
		}
		if !reflect.DeepEqual(d.Date, tt.want) {
			t.Errorf("%q: date = %+v, want %+v", tt.src, d.Date, tt.want)
		}
	}
	// An empty list key is an empty list.
	d, errs := decode(t, "id: x\ntags:\nitems:\n")
	if errs != nil || d.Tags != nil || d.Items != nil {
		t.Errorf("empty lists: %+v, %q", d, errs)
	}
}

// A misspelt key's value is read as the key it is a slip for, so that
// what depends on it raises no error of its own (a statement's stances
// default to its speaker: "speker:" must not also leave them without one).
func TestDecodeMisspeltKeyValue(t *testing.T) {
	d, errs := decode(t, "idd: a1\ndaet: 2022\n")
	if len(errs) != 2 {
		t.Fatalf("errors = %q, want one for each misspelt key", errs)
	}
	if d.ID.Value != "a1" || d.Date.Value != "2022" || d.Date.Pos().Line != 2 {
		t.Errorf("decoded %+v: want the misspelt keys' values in id and date, at their place", d)
	}
	// An unknown key that is no slip is not read.
	if d, _ := decode(t, "id: a1\nwhen: 2022\n"); d.Date.Set() {
		t.Errorf("decoded %+v: an unknown key that is no slip was read", d)
	}
}

// A key written in the singular for the plural, or the other way round, is
// farther than a slip of the keyboard, and as sure: "country:" for the
// country reference's "countries:" gave two errors (a missing key, an
// unknown one) and read none of its value.
func TestDecodeKeyInOtherNumber(t *testing.T) {
	type reference struct {
		Countries []yaml.Scalar `yaml:"countries,required"`
		Alias     yaml.Scalar   `yaml:"alias"`
		Notes     yaml.Scalar   `yaml:"notes"`
	}
	for _, tc := range []struct{ src, want string }{
		{"country: [a, b]\n", `f.yaml:1:1: unknown key "country" in document; did you mean "countries"?`},
		{"countries: [a, b]\naliases: x\n", `f.yaml:2:1: unknown key "aliases" in document; did you mean "alias"?`},
		{"countries: [a, b]\nnotess: x\n", `f.yaml:2:1: unknown key "notess" in document; did you mean "notes"?`},
		{"countries: [a, b]\nnote: x\n", `f.yaml:2:1: unknown key "note" in document; did you mean "notes"?`},
		{"countries: [a, b]\nnotations: x\n", `f.yaml:2:1: unknown key "notations" in document; expected one of: countries, alias, notes`},
	} {
		var got reference
		errs, _ := yaml.DecodeText(file, tc.src, &got)
		if len(errs) != 1 || errs[0].Error() != tc.want {
			t.Errorf("%q: errors %q, want one: %s", tc.src, errs, tc.want)
		}
		if tc.src[:8] == "country:" && len(got.Countries) != 2 {
			t.Errorf("%q: countries %v, want the value of country: read as theirs", tc.src, got.Countries)
		}
	}
}

// An item that gives its first key again has the next merged into it
// (its "- " left out), and one most of whose keys are not its list's is
// most likely another list's: Fault says so, for the checks to leave it
// alone, and the second is one error, not one a key.
func TestDecodeItemFault(t *testing.T) {
	d, errs := decode(t, "id: x\nitems:\n  - name: a\n    name: b\n  - name: c\n    note: d\n    note: e\n")
	if len(errs) != 2 || len(d.Items) != 2 || d.Items[0].Fault != yaml.Merged || d.Items[1].Fault != 0 {
		t.Errorf("items %+v, errors %q: want the first merged, the second only with a duplicate key", d.Items, errs)
	}
	d, errs = decode(t, "id: x\nitems:\n  - note: a\n    kind: claim\n    speaker: b\n    quote: c\n  - name: d\n    nmae: e\n    kind: f\n")
	want := []string{
		`f.yaml:3:5: items[0]: 3 of its keys are not keys of items ("kind", "speaker", "quote"): if this item belongs to another list, move it there; an item of items has: name, note`,
		`f.yaml:8:5: unknown key "nmae" in items[1]; expected one of: name, note`,
		`f.yaml:9:5: unknown key "kind" in items[1]; expected one of: name, note`,
	}
	if !reflect.DeepEqual(errs, want) || len(d.Items) != 2 || d.Items[0].Fault != yaml.Foreign || d.Items[1].Fault != 0 {
		t.Errorf("items %+v, errors\n%s\nwant the first foreign, errors\n%s", d.Items, strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}

func TestDecodeCRLF(t *testing.T) {
	d, errs := decode(t, "id: a1\r\ndate: 2022-10-30\r\nitems:\r\n  - name: first\r\n    note: x y\r\n")
	if errs != nil {
		t.Fatalf("Decode: %q", errs)
	}
	want := testDoc{
		Pos:   pos(1, 1),
		ID:    sc("a1", 1, 5),
		Date:  sc("2022-10-30", 2, 7),
		Items: []testItem{{Pos: pos(4, 5), Name: sc("first", 4, 11), Note: sc("x y", 5, 11)}},
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("Decode =\n%+v\nwant\n%+v", d, want)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"unknown key", "id: x\nwhen: 2022\n", []string{
			`f.yaml:2:1: unknown key "when" in document; expected one of: id, date, flag, tags, also, items`,
		}},
		{"a misspelt key", "id: x\ndaet: 2022\n", []string{
			`f.yaml:2:1: unknown key "daet" in document; did you mean "date"?`,
		}},
		{"a misspelt required key: one error, not a missing key as well", "idd: x\n", []string{
			`f.yaml:1:1: unknown key "idd" in document; did you mean "id"?`,
		}},
		{"a misspelling of a key given: no suggestion, which would repeat it", "id: x\ndate: 1\ndaet: 2\n", []string{
			`f.yaml:3:1: unknown key "daet" in document; expected one of: id, date, flag, tags, also, items`,
		}},
		{"two misspellings of one key: the first gets it", "id: x\ndtae: 1\ndaet: 2\n", []string{
			`f.yaml:2:1: unknown key "dtae" in document; did you mean "date"?`,
			`f.yaml:3:1: unknown key "daet" in document; expected one of: id, date, flag, tags, also, items`,
		}},
		{"a key in another case is told its key before a farther misspelling", "id: x\ndtae: 1\nDate: 2\n", []string{
			`f.yaml:2:1: unknown key "dtae" in document; expected one of: id, date, flag, tags, also, items`,
			`f.yaml:3:1: unknown key "Date" in document; did you mean "date"?`,
		}},
		{"a hashtag after a value without quotes, which YAML drops as a comment", "id: x\nflag: denied it #KGZ \ntags: [a] #b\nalso:\n  - y # a note\n  - z #c\ndate: \"d\" #e\n", []string{
			`f.yaml:2:7: flag: YAML reads "#KGZ" after the value as a comment and drops it: if it is part of the text, quote the value; a comment is written "# like this"`,
			`f.yaml:6:5: also[1]: YAML reads "#c" after the value as a comment and drops it: if it is part of the text, quote the value; a comment is written "# like this"`,
		}},
		{"a misspelt key's value is read as the key meant's: its own mistake is reported now", "id: x\nitesm:\n  - note: a\n", []string{
			`f.yaml:2:1: unknown key "itesm" in document; did you mean "items"?`,
			`f.yaml:3:5: items[0]: missing required key "name"`,
		}},
		{"a misspelt required key with an empty value: both are told", "idd: ''\n", []string{
			`f.yaml:1:1: unknown key "idd" in document; did you mean "id"?`,
			`f.yaml:1:6: document: "id" must not be empty`,
		}},
		{"an empty item of a list of values, as \"- #x\" makes", "id: x\ntags:\n  - a\n  - #b\n  -\n", []string{
			`f.yaml:4:4: tags[1]: an empty item: write its value, or remove its "- " (a value that starts with '#' is a comment in YAML: quote it)`,
			`f.yaml:5:4: tags[2]: an empty item: write its value, or remove its "- " (a value that starts with '#' is a comment in YAML: quote it)`,
		}},
		{"another first letter is not a slip", "id: x\nrate: 1\n", []string{
			`f.yaml:2:1: unknown key "rate" in document; expected one of: id, date, flag, tags, also, items`,
		}},
		{"unknown key in a list item", "id: x\nitems:\n  - name: a\n    nmae: b\n", []string{
			`f.yaml:4:5: unknown key "nmae" in items[0]; expected one of: name, note`,
		}},
		{"duplicate key", "id: x\ndate: 1\nflag: y\ndate: 2\n", []string{
			`f.yaml:4:1: duplicate key "date" (first at line 2)`,
		}},
		{"a list item's first key given again: a \"- \" left out, one error", "id: x\nitems:\n  - name: a\n    note: first\n    name: b\n    note: second\n", []string{
			`f.yaml:5:5: duplicate key "name" (first at line 3): if a new item of items starts here, begin it with "- " (the key after it that repeats the item's is not listed)`,
		}},
		{"a flow item's first key given again is only a duplicate", "id: x\nitems:\n  - {name: a, name: b}\n", []string{
			`f.yaml:3:15: duplicate key "name" (first at line 3)`,
		}},
		{"another key of a list item given again is only a duplicate", "id: x\nitems:\n  - name: a\n    note: first\n    note: second\n", []string{
			`f.yaml:5:5: duplicate key "note" (first at line 4)`,
		}},
		{"an unknown key given twice", "id: x\ndaet: 1\ndaet: 2\n", []string{
			`f.yaml:2:1: unknown key "daet" in document; did you mean "date"?`,
			`f.yaml:3:1: duplicate key "daet" (first at line 2)`,
		}},
		{"missing required key", "date: 2022\n", []string{
			`f.yaml:1:1: document: missing required key "id"`,
		}},
		{"missing required key in a list item", "id: x\nitems:\n  - note: a\n  - name: b\n  - note: c\n", []string{
			`f.yaml:3:5: items[0]: missing required key "name"`,
			`f.yaml:5:5: items[2]: missing required key "name"`,
		}},
		{"required key with no value", "id:\n", []string{
			`f.yaml:1:4: document: "id" must not be empty`,
		}},
		{"required key with an empty value", "id: ''\n", []string{
			`f.yaml:1:5: document: "id" must not be empty`,
		}},
		{"required key with blanks", "id: \"  \"\n", []string{
			`f.yaml:1:5: document: "id" must not be empty`,
		}},
		{"a required key given a list: one error, with its position", "id: [1]\n", []string{
			`f.yaml:1:5: id: expected a single value, found a list`,
		}},
		{"an anchor on a key", "&a id: x\n", []string{
			`f.yaml:1:1: anchor &a: anchors and aliases are not allowed, write the value out`,
		}},
		{"a broken second document", "id: x\n---\nid: [\n", []string{
			`f.yaml:3: YAML syntax: did not find expected node content` + yaml.QuotingHint,
		}},
		{"a list where a value was expected", "id: x\ndate: [2022, 10]\n", []string{
			`f.yaml:2:7: date: expected a single value, found a list`,
		}},
		{"a mapping where a value was expected", "id: x\nflag:\n  a: b\n", []string{
			`f.yaml:3:3: flag: expected a single value, found a mapping`,
		}},
		{"a mapping where a list was expected", "id: x\nitems: {name: a}\n", []string{
			`f.yaml:2:8: items: expected a list, found a mapping`,
		}},
		{"a value where a list was expected", "id: x\ntags: a\n", []string{
			`f.yaml:2:7: tags: expected a list, found the value "a"`,
		}},
		{"a value where a mapping was expected", "id: x\nitems: [a]\n", []string{
			`f.yaml:2:9: items[0]: expected a mapping of keys to values, found the value "a"`,
		}},
		{"a list as the document", "- a\n- b\n", []string{
			`f.yaml:1:1: document: expected a mapping of keys to values, found a list`,
		}},
		{"a list as a key", "id: x\n[a]: b\n", []string{
			`f.yaml:2:1: document: a key must be a plain name, found a list`,
		}},
		{"anchor and alias", "id: x\ntags: &x [a, b]\nalso: [*x, *x]\n", []string{
			`f.yaml:2:7: anchor &x: anchors and aliases are not allowed, write the value out`,
			`f.yaml:3:8: alias *x: anchors and aliases are not allowed, write the value out`,
			`f.yaml:3:12: alias *x: anchors and aliases are not allowed, write the value out`,
		}},
		{"alias as a scalar", "id: x\ndate: &d 2022\nflag: *d\n", []string{
			`f.yaml:2:7: anchor &d: anchors and aliases are not allowed, write the value out`,
			`f.yaml:3:7: alias *d: anchors and aliases are not allowed, write the value out`,
		}},
		{"an alias of an unknown anchor", "id: x\ntags:\n  - a\n  - *nowhere\n", []string{
			`f.yaml:4:5: alias *nowhere: anchors and aliases are not allowed, write the value out`,
		}},
		{"two documents", "id: x\n---\nid: y\n", []string{
			`f.yaml:2:1: a second YAML document: each file holds exactly one`,
		}},
		{"syntax error", "id: x\ndate: a: b\nflag: y\n", []string{
			`f.yaml:2:8: YAML syntax: this value holds ": ", which YAML reads as the start of another key: quote the value with '...' or "..."`,
		}},
		{"syntax error: reserved character", "id: x\n\ndate: `y`\n", []string{
			"f.yaml:3:7: YAML syntax: a value cannot start with '`' in YAML: quote the value",
		}},
		{"a syntax error in each of three items: each reported, the rest checked", "id: x\nitems:\n  - name: a: b\n  - name: ok\n    extra: 1\n  - name: c\n   note: d\n  - name: 'e's'\n", []string{
			`f.yaml:3:12: YAML syntax: this value holds ": ", which YAML reads as the start of another key: quote the value with '...' or "..."`,
			`f.yaml:5:5: unknown key "extra" in items[1]; expected one of: name, note`,
			`f.yaml:7:4: YAML syntax: this line is indented 3 spaces, which lines up with no line above it: indent it as the keys or list items it belongs with (0, 2 or 4 spaces)`,
			`f.yaml:8:13: YAML syntax: this apostrophe ends the '...' value, but the line goes on (s'): inside '...' write an apostrophe as two ('') or quote the whole value with "..."`,
		}},
		{"a syntax error outside any item ends the file's checks", "id: x\ndate: a: b\nitems:\n  - name: a: b\n", []string{
			`f.yaml:2:8: YAML syntax: this value holds ": ", which YAML reads as the start of another key: quote the value with '...' or "..."`,
		}},
		{"a syntax error placed by the library alone ends the file's checks", "id: x\nitems:\n  - name: a\n  - name: !t b: c\n  - name: d\n    extra: 1\n", []string{
			`f.yaml:4: YAML syntax: mapping values are not allowed in this context` + yaml.QuotingHint,
		}},
		{"an escape for a character no release format holds", "id: x\ndate: \"a\\ab\"\n", []string{
			`f.yaml:2:7: date: the escape for character U+0007 makes a character that a spreadsheet (or any XML) cannot hold: leave it out`,
		}},
		{"a raw control character is placed, and skips its item", "id: x\nitems:\n  - name: a\x0bb\n  - name: c\n    extra: 1\n", []string{
			`f.yaml:3:12: control character U+000B: a data file holds text only (a line break pasted from a word processor? write a space)`,
			`f.yaml:5:5: unknown key "extra" in items[1]; expected one of: name, note`,
		}},
		{"the first item indented as no other: one error, not one for each item after it", "id: x\nitems:\n    - name: a\n  - name: b\n  - name: c\n  - name: d\n", []string{
			`f.yaml:4:3: YAML syntax: this line is indented 2 spaces, which lines up with no line above it: indent it as the keys or list items it belongs with (0, 4 or 6 spaces)`,
		}},
		{"a pasted item at its list's key's column ends the file's reading", "items:\n- name: a\n  note: b\n  - name: c\n- name: d\n  extra: 1\n", []string{
			`f.yaml:1: YAML syntax: did not find expected key` + yaml.QuotingHint,
		}},
		{"a key indented as the dashes of its list", "id: x\nitems:\n  - name: a\n  note: b\n", []string{
			`f.yaml:4:3: YAML syntax: this line is indented 2 spaces, as the list's "- " are, where no key can stand: indent it as the keys of its item (4 spaces), or, if a new item starts here, begin it with "- "`,
		}},
		{"a key without a space after its colon", "id: x\nitems:\n  - name: a\n    note:b\n", []string{
			`f.yaml:4:9: YAML syntax: write a space after this ':', which ends a key ("note: b")`,
		}},
		{"a value that starts like a hashtag is read as a comment", "id: x\ndate: #1 day\nflag: # a comment\n", []string{
			`f.yaml:2:6: date: YAML reads "#1 day" as a comment, not as the value, since it starts with '#': quote the value (it is read as if it were); a comment is written "# like this"`,
		}},
		{"syntax error: tab indentation", "id: x\n\tdate: y\n", []string{
			`f.yaml:2:1: a tab indents this line: YAML indents with spaces only`,
		}},
		{"syntax error: a tab that starts a list item", "id: x\ntags:\n\t- a\n", []string{
			`f.yaml:3:1: a tab indents this line: YAML indents with spaces only`,
		}},
		{"syntax error: a tab that starts a key's line", "id: x\nitems:\n  - name: a\n\tnote: b\n", []string{
			`f.yaml:4:1: a tab indents this line: YAML indents with spaces only`,
		}},
		{"syntax error: a tab after spaces, before a list item", "id: x\ntags:\n  - a\n \t- b\n", []string{
			`f.yaml:4:2: a tab indents this line: YAML indents with spaces only`,
		}},
		{"syntax error: a tab in a block scalar, after another error", "id: x\nflag: [a\ndate: |\n  \tcode\n", []string{
			`f.yaml:3: YAML syntax: found character that cannot start any token` + yaml.QuotingHint,
		}},
		{"syntax error: a tab that does not indent", "id: x\ndate: a: b\t\nflag: y\n", []string{
			`f.yaml:2: YAML syntax: mapping values are not allowed in this context` + yaml.QuotingHint,
		}},
		{"syntax error on the first line", "id: [a\n", []string{
			`f.yaml:1:5: YAML syntax: this '[' is not closed on its line: close it with ']'`,
		}},
		{"a truncated file", "id: x\nitems:\n  - name: 'first\n", []string{
			`f.yaml:3:11: YAML syntax: this '...' value is never closed: end it with '`,
		}},
		{"empty file", "", []string{
			`f.yaml:1:1: file is empty: expected a YAML mapping`,
		}},
		{"only a comment", "# nothing\n", []string{
			`f.yaml:1:1: file is empty: expected a YAML mapping`,
		}},
		{"only a document marker, at the end of the file", "# nothing\n---", []string{
			`f.yaml:1:1: file is empty: expected a YAML mapping`,
		}},
		{"invalid UTF-8", "id: x\ndate: 'é\xffz'\n\xfe: 1\n", []string{
			`f.yaml:2:9: invalid UTF-8 byte 0xFF: the file must be UTF-8`,
			`f.yaml:3:1: invalid UTF-8 byte 0xFE: the file must be UTF-8`,
		}},
		{"NUL byte", "id: x\x00\n", []string{
			`f.yaml:1:6: NUL byte: the file must be text`,
		}},
		{"byte-order mark", "\xEF\xBB\xBFid: x\n", []string{
			`f.yaml:1:1: file starts with a UTF-8 byte-order mark: save it as UTF-8 without BOM`,
		}},
		{"every error at once", `daet: 2022
flag: y
flag: n
tags: {a: b}
items:
  - note: a
    extra: b
  - name: c
    note: [d]
`, []string{
			`f.yaml:1:1: document: missing required key "id"`,
			`f.yaml:1:1: unknown key "daet" in document; did you mean "date"?`,
			`f.yaml:3:1: duplicate key "flag" (first at line 2)`,
			`f.yaml:4:7: tags: expected a list, found a mapping`,
			`f.yaml:6:5: items[0]: missing required key "name"`,
			`f.yaml:7:5: unknown key "extra" in items[0]; expected one of: name, note`,
			`f.yaml:9:11: note: expected a single value, found a list`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := decode(t, tt.src)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Decode(%q) errors:\n%s\nwant:\n%s", tt.src, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestDecodeNoAliasExpansion decodes a "billion laughs" file, which would
// grow to 10^9 values if aliases were expanded: each anchor must be refused
// where it stands, without expansion.
// TestDecodeDeepNesting: nesting far deeper than any data file is refused
// with an error naming the cause and a line, not a stack overflow or a
// quoting hint, whether in flow or block style.
func TestDecodeDeepNesting(t *testing.T) {
	const n = 100_000
	for _, tc := range []struct{ name, src, at string }{
		{"lists", strings.Repeat("[", n), "f.yaml:1: "},
		{"mappings", "id: " + strings.Repeat("{a: ", n) + strings.Repeat("}", n), "f.yaml:1: "},
		{"lists on a later line", "id: x\ntags: " + strings.Repeat("[", n) + strings.Repeat("]", n), "f.yaml:2: "},
		{"block lists", "id: x\nitems:\n  " + strings.Repeat("- ", n) + "a\n", "f.yaml:2: "}, // the line of the key that holds them
	} {
		_, got := decode(t, tc.src)
		want := tc.at + "YAML nested more than 10000 levels deep (lists or mappings inside one another): the data files need a few levels"
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s: got %q, want %q", tc.name, got, want)
		}
	}
}

func TestDecodeNoAliasExpansion(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: x\ntags:\n  - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 9; i++ {
		b.WriteString("  - &a" + string(rune('0'+i)) + " [")
		for k := 0; k < 10; k++ {
			if k > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	b.WriteString("also: [*a8, *a8]\n")
	_, got := decode(t, b.String())
	if len(got) != 11 {
		t.Fatalf("Decode: %d errors, want 9 anchors and 2 aliases:\n%s", len(got), strings.Join(got, "\n"))
	}
	for i, e := range got {
		if !strings.Contains(e, "anchors and aliases are not allowed") {
			t.Errorf("error %d: %s", i, e)
		}
	}
	if want := `f.yaml:3:5: anchor &a0: anchors and aliases are not allowed, write the value out`; got[0] != want {
		t.Errorf("first error %q, want %q", got[0], want)
	}
	if want := `f.yaml:12:8: alias *a8: anchors and aliases are not allowed, write the value out`; got[9] != want {
		t.Errorf("error 9 %q, want %q", got[9], want)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"id: a1\ndate: 2022-10-30\nflag: NO\ntags: [x, \"y z\"]\nitems:\n  - name: first\n    note: 1e3\n",
		"id: x\ndaet: 2022\n", "id: 1\nid: 2\n", "date: 2022\n", "id:\n", "id: [1]\n",
		"id: x\nitems: {name: a}\n", "id: x\ntags: &x [a, b]\nalso: [*x, *x]\n",
		"id: x\n---\nid: y\n", "id: x\ndate: [2022\n", "", "# c\n", "---\n",
		"id: x\ndate: 'é\xffz'\n", "\xEF\xBB\xBFid: x\n", "id: a1\r\nitems:\r\n  - name: b\r\n",
		"- a\n", "[a]: b\n", "? a\n: b\n", "id: !!binary aGk=\n", "<<: {id: x}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d testDoc
		errs := yaml.Decode(file, data, &d)
		if len(errs) == 0 && (!d.ID.Set() || d.ID.IsZero()) {
			t.Fatalf("Decode(%q) gave no error but no id: %+v", data, d)
		}
		// YAML breaks lines at \n, \r\n and a lone \r.
		lines := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n"))
		for _, e := range errs {
			if e.Msg == "" || e.Pos.File != file || e.Pos.Line < 1 || e.Pos.Line > lines {
				t.Fatalf("Decode(%q): error %q: want a message, the file and a line from 1 to %d", data, e.Error(), lines)
			}
		}
		var again testDoc
		if errs2 := yaml.Decode(file, data, &again); !reflect.DeepEqual(d, again) || errs.Error() != errs2.Error() {
			t.Fatalf("Decode(%q) is not deterministic", data)
		}
		if len(errs) > 0 {
			return
		}
		for _, s := range scalars(d) {
			if p := s.Pos(); s.Set() && (p.Line < 1 || p.Line > lines || p.Col < 1) {
				t.Fatalf("Decode(%q): value %q at %v, outside the file", data, s.Value, p)
			}
		}
		// Round trip: the values, written back as double-quoted YAML
		// (JSON strings are), decode to the same values.
		enc := encodeDoc(d)
		var back testDoc
		if errs := yaml.Decode(file, []byte(enc), &back); len(errs) > 0 {
			t.Fatalf("Decode(%q) = %+v, but its re-encoding %q fails: %v", data, d, enc, errs)
		}
		if got, want := values(scalars(back)), values(scalars(d)); !reflect.DeepEqual(got, want) {
			t.Fatalf("Decode(%q): values %q; re-encoded as %q they decode to %q", data, want, enc, got)
		}
	})
}

// scalars lists every value of d in field order.
func scalars(d testDoc) []yaml.Scalar {
	out := []yaml.Scalar{d.ID, d.Date, d.Flag}
	out = append(out, d.Tags...)
	out = append(out, d.Also...)
	for _, it := range d.Items {
		out = append(out, it.Name, it.Note)
	}
	return out
}

// values gives each set value, and "<unset>" for each absent or null one.
func values(ss []yaml.Scalar) []string {
	var out []string
	for _, s := range ss {
		if !s.Set() {
			out = append(out, "<unset>")
			continue
		}
		out = append(out, s.Value)
	}
	return out
}

// encodeDoc writes d as YAML with every value double-quoted; null values
// are written as null.
func encodeDoc(d testDoc) string {
	q := func(s yaml.Scalar) string {
		if !s.Set() {
			return "null"
		}
		b, _ := json.Marshal(s.Value)
		return string(b)
	}
	list := func(ss []yaml.Scalar) string {
		var parts []string
		for _, s := range ss {
			parts = append(parts, q(s))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "id: %s\ndate: %s\nflag: %s\ntags: %s\nalso: %s\nitems:\n", q(d.ID), q(d.Date), q(d.Flag), list(d.Tags), list(d.Also))
	for _, it := range d.Items {
		fmt.Fprintf(&b, "  - name: %s\n    note: %s\n", q(it.Name), q(it.Note))
	}
	return b.String()
}

// The two halves of testDoc: its items, and everything else.
type (
	docHead struct {
		ID    yaml.Scalar   `yaml:"id,required"`
		Date  yaml.Scalar   `yaml:"date"`
		Flag  yaml.Scalar   `yaml:"flag"`
		Tags  []yaml.Scalar `yaml:"tags"`
		Also  []yaml.Scalar `yaml:"also"`
		Items yaml.Deferred `yaml:"items"`
	}
	docItems struct {
		_     yaml.Rest     `yaml:"-"`
		ID    yaml.Deferred `yaml:"id"`
		Date  yaml.Deferred `yaml:"date"`
		Flag  yaml.Deferred `yaml:"flag"`
		Tags  yaml.Deferred `yaml:"tags"`
		Also  yaml.Deferred `yaml:"also"`
		Items []testItem    `yaml:"items"`
	}
)

// TestDeferred: a file decoded in two halves gives the values, and the
// errors, that it gives decoded whole, each error once, in the half that
// reads its value (the mapping's own, such as an unknown key, in the
// first); the first half counts the items the second reads.
func TestDeferred(t *testing.T) {
	for _, src := range []string{
		"id: a1\ntags: [x, 1]\nitems:\n  - name: first\n    colour: red\n  - name: 'second'\n  - &anchor {name: third}\nflag: &f on\n",
		"colour: red\nid: a1\nid: a2\n&k items: []\n",
		"&root\nid: a1\n",
		"date: x\n", // id missing
		"- a\n- b\n",
	} {
		var whole testDoc
		wholeErrs, _ := yaml.DecodeText(file, src, &whole)
		var head docHead
		headErrs, _ := yaml.DecodeText(file, src, &head)
		var items docItems
		itemErrs, _ := yaml.DecodeText(file, src, &items)
		if head.Items.Items != len(whole.Items) || !reflect.DeepEqual(head.ID, whole.ID) || !reflect.DeepEqual(head.Tags, whole.Tags) || !reflect.DeepEqual(items.Items, whole.Items) {
			t.Errorf("%q: halves %+v and %+v, whole %+v", src, head, items, whole)
		}
		halves := append(headErrs, itemErrs...)
		halves.Sort()
		wholeErrs.Sort()
		if len(halves) != len(headErrs)+len(itemErrs) || halves.Error() != wholeErrs.Error() || len(wholeErrs) == 0 {
			t.Errorf("%q: errors of the halves:\n%s\n%s\nwant those of the whole, once each:\n%s", src, headErrs, itemErrs, wholeErrs)
		}
	}
	// Text that is not UTF-8 is refused as Decode refuses it, and read
	// says that nothing was; a syntax error likewise.
	for _, bad := range []string{"id: a\xff\n", "id: [a\n", ""} {
		var d1, d2 testDoc
		a, got := yaml.DecodeText(file, bad, &d1)
		if b := yaml.Decode(file, []byte(bad), &d2); got.Read || len(a) != 1 || a.Error() != b.Error() {
			t.Errorf("DecodeText(%q): %v, read %v; Decode: %v", bad, a, got.Read, b)
		}
	}
	if errs, got := yaml.DecodeText(file, "colour: red\n", &testDoc{}); !got.Whole() || len(errs) == 0 {
		t.Errorf("a document with errors in it was not read whole: %+v, %v", got, errs)
	}
}

// TestDeferredNested: a deferred list counts the items of the lists in its
// items, by key, in the order the keys first appear; not those of deeper
// lists, nor of a list written as an alias, nor of items that are not
// mappings.
func TestDeferredNested(t *testing.T) {
	var head struct {
		Items yaml.Deferred `yaml:"items"`
		More  yaml.Deferred `yaml:"more"`
	}
	src := `items:
  - name: a
    tags: [x, y]
    parts:
      - {id: 1, tags: [deeper, not counted]}
  - {name: b, tags: [z], empty: []}
  - just a scalar
  - name: c
    tags: &t [u, v, w]
    parts: []
  - {name: d, tags: *t}
more: [1, 2]
`
	if errs, _ := yaml.DecodeText(file, src, &head); len(errs) > 0 {
		t.Fatal(errs)
	}
	want := yaml.Deferred{Items: 5, Nested: []yaml.Count{{Key: "tags", Items: 6}, {Key: "parts", Items: 1}, {Key: "empty", Items: 0}}}
	if !reflect.DeepEqual(head.Items, want) {
		t.Errorf("deferred %+v, want %+v", head.Items, want)
	}
	if got := head.Items.Of("tags"); got != 6 {
		t.Errorf("Of(tags) = %d, want 6", got)
	}
	if got := head.Items.Of("name"); got != 0 {
		t.Errorf("Of(name), not a list, = %d, want 0", got)
	}
	if head.More.Items != 2 || head.More.Nested != nil {
		t.Errorf("a list of scalars: %+v", head.More)
	}
	// The rest of the file leaves its Deferred fields to the first part.
	var rest struct {
		_     yaml.Rest     `yaml:"-"`
		Items yaml.Deferred `yaml:"items"`
		More  []yaml.Scalar `yaml:"more"`
	}
	if errs, _ := yaml.DecodeText(file, src, &rest); len(errs) > 0 {
		t.Fatal(errs)
	}
	if !reflect.DeepEqual(rest.Items, yaml.Deferred{}) || len(rest.More) != 2 {
		t.Errorf("the rest of the file: %+v, want its Deferred zero and its own list read", rest)
	}
}

// TestDecodeIntoArray: a list decoded into a slice with room for it is
// decoded into that slice's array, zeroed first to its capacity, so that
// nothing of what it held before shows through or stays referenced; a
// slice without room gets an array of its own, and the caller's is left
// as it was.
func TestDecodeIntoArray(t *testing.T) {
	stale := testItem{Name: yaml.NewScalar("stale", diag.Pos{}), Note: yaml.NewScalar("stale note", diag.Pos{})}
	array := []testItem{stale, stale, stale}
	var doc testDoc
	doc.Items = array[:1]
	if errs, _ := yaml.DecodeText(file, "id: a\nitems:\n  - name: first\n  - name: second\n    note: here\n", &doc); len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(doc.Items) != 2 || &doc.Items[0] != &array[0] {
		t.Fatalf("decoded into a new array, or %d items: %+v", len(doc.Items), doc.Items)
	}
	if doc.Items[0].Name.Value != "first" || doc.Items[0].Note.Set() || doc.Items[1].Note.Value != "here" {
		t.Errorf("items %+v: a value of the array's earlier items shows through", doc.Items)
	}
	if !reflect.DeepEqual(array[2], testItem{}) {
		t.Errorf("the array past the list holds %+v, want it zeroed", array[2])
	}
	small := []testItem{stale}
	doc = testDoc{Items: small}
	if errs, _ := yaml.DecodeText(file, "id: a\nitems:\n  - name: x\n  - name: y\n", &doc); len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(doc.Items) != 2 || !reflect.DeepEqual(small[0], stale) {
		t.Errorf("a slice without room: items %+v, the caller's array %+v", doc.Items, small)
	}
}
