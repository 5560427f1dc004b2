// Package yaml reads the hand-edited YAML files of data/ strictly and with
// positions. It is the only package that imports the YAML library.
//
// Values are decoded into structs whose leaf fields are Scalar: the text as
// written, with its line and column. Nothing is typed by YAML's own rules
// (which would read NO as false, 2022-11-03 as a timestamp and 1e3 as a
// number): the pipeline parses every value itself and can then say exactly
// where a bad one stands.
//
// Decoding is strict and reports every problem at once: unknown keys,
// duplicate keys, missing required keys, a list where a value was expected,
// anchors and aliases (which could expand a small file exponentially), more
// than one document, invalid UTF-8 and byte-order marks.
package yaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unique"

	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/normalize"

	yamllib "go.yaml.in/yaml/v3"
)

// Scalar is one value as written in the file, and where it stands.
//
// A data folder of a million statements holds tens of millions of values,
// so a Scalar is kept to 32 bytes: its file is a pointer to the name,
// shared by every value one decoding of the file gives, and its line and
// column are 32 bits (a line or column beyond that is recorded as the
// largest one that fits).
//
// The name is not interned with package unique, as it once was: each
// new name costs a weak pointer and a cleanup for the runtime to track,
// and a build of a million statements decodes some 200,000 files (the
// facts files twice): without them, such a build took about 5 s less CPU
// (4.6 to 5.8 s in three builds alternated with the interning ones).
// So == on two Scalars also compares which decoding (or NewScalar call)
// they came from: compare them with reflect.DeepEqual, which follows the
// pointer, or compare what matters of them (Value, Pos, Set).
type Scalar struct {
	Value string
	file  *string
	line  int32
	col   int32 // negative when the key is written with a null value
}

// NewScalar is the value v, written (not null) at pos, which must have a
// line: a Scalar without one is an absent value.
func NewScalar(v string, at diag.Pos) Scalar {
	return Scalar{Value: v, file: &at.File, line: clamp32(at.Line), col: clamp32(at.Col)}
}

func clamp32(n int) int32 { return int32(min(n, math.MaxInt32)) }

// Pos is where the value stands; the zero Pos when its key is absent.
func (s Scalar) Pos() diag.Pos {
	if s.line == 0 {
		return diag.Pos{}
	}
	return diag.Pos{File: *s.file, Line: int(s.line), Col: int(abs(s.col))}
}

// Set reports whether the key is present with a non-null value.
func (s Scalar) Set() bool { return s.line != 0 && s.col >= 0 }

func abs(n int32) int32 { return max(n, -n) }

// IsZero reports whether the value is absent or empty.
func (s Scalar) IsZero() bool { return strings.TrimSpace(s.Value) == "" }

// Decode decodes the YAML document in data into v, a pointer to a struct.
//
// Struct fields are matched by their `yaml:"key"` tag; `yaml:"key,required"`
// makes a key mandatory. Field types may be Scalar, []Scalar, a struct, or a
// slice of structs. A field of type diag.Pos tagged `yaml:"-"` receives the
// position of the mapping it belongs to. A slice with room for a list's
// items is decoded into its own array, zeroed first to its capacity.
func Decode(file string, data []byte, v any) diag.List {
	var errs diag.List
	if !CheckText(file, data, &errs) {
		return errs
	}
	decode(file, string(data), data, nil, v, &errs)
	return errs
}

// DecodeText is Decode of a file's text that is a string already. Its
// values are substrings of text, which is not copied: a file decoded in
// parts, each part into its own struct at its own time (see Deferred), is
// held once.
func DecodeText(file, text string, v any) (diag.List, Decoded) {
	var errs diag.List
	if !utf8.ValidString(text) || strings.ContainsRune(text, 0) || strings.HasPrefix(text, "\uFEFF") {
		CheckText(file, []byte(text), &errs) // says where
		return errs, Decoded{}
	}
	return errs, decode(file, text, nil, nil, v, &errs)
}

// DecodeRest decodes the rest of a file (see Deferred) that DecodeText
// decoded as got, which must be Read.
func DecodeRest(file string, got Decoded, v any) diag.List {
	var errs diag.List
	decode(file, got.Rest, nil, got.Skipped, v, &errs)
	return errs
}

// Decoded is what DecodeText made of a file's text.
type Decoded struct {
	// Read is false when nothing could be decoded: the text is not a YAML
	// document (not UTF-8, empty, two documents, a syntax error outside
	// any list item).
	Read bool
	// Skipped holds the first lines of the list items (a statement, an
	// entity) left out for a syntax error in them, each reported: what
	// they declare is unknown, not absent.
	Skipped []int
	// Rest is the text to decode the rest of the file from: the text, with
	// the lines of the items skipped blanked out, so that their errors
	// are not reported again.
	Rest string
}

// Whole says whether all of the text was decoded.
func (d Decoded) Whole() bool { return d.Read && len(d.Skipped) == 0 }

// decode decodes text, whose bytes data may hold (nil: made from text
// when the library needs them), of which the items at the lines skipped
// were skipped before (see parseSkipping).
func decode(file, text string, data []byte, skipped []int, v any, errs *diag.List) Decoded {
	p := parsers.Get().(*fastParser)
	defer parsers.Put(p)
	root, ok := p.parse(text)
	got := Decoded{Read: true, Rest: text, Skipped: skipped}
	if !ok {
		if data == nil {
			data = []byte(text)
		}
		var parsed []byte
		var more []int
		root, parsed, more = parseSkipping(file, data, errs)
		if root == nil {
			return Decoded{}
		}
		if len(more) > 0 {
			got.Rest = string(parsed)
			got.Skipped = slices.Sorted(slices.Values(append(slices.Clone(skipped), more...)))
		}
	}
	d := decoder{file: file, name: &file, errs: errs, skipped: got.Skipped}
	d.value(root, reflect.ValueOf(v).Elem(), label{"document", -1, 0})
	return got
}

// Deferred is a value left to be decoded later, on its own: Decode reports
// nothing about it and reads only, of a list, how many items it holds,
// and of the lists in those items, how many they hold together, by key. A
// struct that decodes the rest of the file, with Deferred in place of
// what this one decodes, and marked Rest, reads it then (see DecodeText);
// its own Deferred fields are left zero, as the first part read them.
type Deferred struct {
	Items int
	// Nested counts the items of the lists that the list's items hold
	// under each key ("stances" in each statement), in the order the keys
	// first appear: so that whoever decodes the items can make room at
	// once for the rows they bring. A list written as an alias is not
	// counted, as what it stands for is not read here.
	Nested []Count
}

// Count is how many items the lists under one key hold.
type Count struct {
	Key   string
	Items int
}

// Of returns how many items the lists under key hold.
func (d Deferred) Of(key string) int {
	for _, c := range d.Nested {
		if c.Key == key {
			return c.Items
		}
	}
	return 0
}

// countNested counts the items of the lists that the mappings of items
// hold, by key. The keys are interned: they are parts of the file's text,
// which the counts outlive.
func countNested(items []*node) []Count {
	var counts []Count
	for _, item := range items {
		if item.kind != mappingNode {
			continue
		}
		for i := 0; i+1 < len(item.content); i += 2 {
			key, value := item.content[i], item.content[i+1]
			if value.kind != sequenceNode || key.kind != scalarNode {
				continue
			}
			k := slices.IndexFunc(counts, func(c Count) bool { return c.Key == key.value })
			if k < 0 {
				k = len(counts)
				counts = append(counts, Count{Key: unique.Make(key.value).Value()})
			}
			counts[k].Items += len(value.content)
		}
	}
	return counts
}

// Rest, as a field tagged `yaml:"-"`, marks a struct that decodes the rest
// of a mapping whose first part, decoded before, has reported the
// mapping's own problems (unknown, repeated and missing keys): decoding
// the rest reports only what is in its values, so that no error of a file
// decoded in parts is reported twice.
type Rest struct{}

// Fault, as a field tagged `yaml:"-"`, says what the decoder found wrong
// with the list item that its struct decodes, as a whole (and reported):
// what it holds is not one item as written, and its checks would report
// what follows from that.
type Fault uint8

const (
	// Merged: the item gives its first key again, most likely the next
	// item, whose "- " was left out, merged into it. It holds the two
	// items' keys, the first of each.
	Merged Fault = 1 + iota
	// Foreign: most of the item's keys are not its list's, most likely an
	// item of another list pasted here ("kind", "speaker", "quote" among
	// the claims). Only the keys of its list are read.
	Foreign
)

// node is a node of a YAML document: what the decoder needs of the
// library's yamllib.Node, which is three times its size.
type node struct {
	kind      nodeKind
	value     string // of a scalar; of an alias, the anchor's name
	anchor    string
	line, col int
	content   []*node // of a mapping, keys and values in turn
	plain     bool    // a scalar written without quotes (or tag)
	null      bool    // a scalar resolved to null: ~, null, or nothing
	// tagged: a plain scalar followed on its line by a comment that starts
	// like a hashtag ("#KGZ", not "# a note"): most likely text that YAML
	// has cut off.
	tagged string
	// badChar: a character that an escape of a "..." value made ("\a",
	// "\uFFFE") and that no release format holds (XML 1.0 refuses it);
	// 0 if none.
	badChar rune
	// commented: a value that YAML read as a comment, as it starts like a
	// hashtag, and is read as its text (see commentedOut).
	commented bool
}

type nodeKind uint8

const (
	scalarNode nodeKind = iota
	mappingNode
	sequenceNode
	aliasNode
)

// libraryParse parses data with the YAML library, for what fastParse does
// not read: it is nil after an error, which is added to errs.
func libraryParse(file string, data []byte, errs *diag.List) *node {
	root, _ := libraryParseAt(file, data, errs)
	return root
}

// libraryParseAt is libraryParse that also says, after a syntax error,
// where it is: certain, or (the library's own placing) at or just after
// its line. The zero syntaxAt is another error, or none.
func libraryParseAt(file string, data []byte, errs *diag.List) (*node, syntaxAt) {
	dec := yamllib.NewDecoder(bytes.NewReader(data))
	var doc yamllib.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			errs.Add(diag.Pos{File: file, Line: 1, Col: 1}, "file is empty: expected a YAML mapping")
			return nil, syntaxAt{}
		}
		// An alias of an anchor not (yet) defined, as one copied from
		// another file: the library stops there and gives no line.
		if m := unknownAnchorRE.FindStringSubmatch(err.Error()); m != nil {
			errs.Add(aliasPos(file, data, m[1]), "alias *%s: anchors and aliases are not allowed, write the value out", m[1])
			return nil, syntaxAt{}
		}
		at := syntaxPos(file, err)
		// A control character (a soft line break pasted from a word
		// processor): the library places it at line 1, without a column.
		if strings.Contains(err.Error(), "control characters are not allowed") {
			if at, c, ok := controlChar(data); ok {
				errs.Add(diag.Pos{File: file, Line: at.Line, Col: at.Col}, "control character U+%04X: a data file holds text only (a line break pasted from a word processor? write a space)", c)
				return nil, syntaxAt{line: at.Line, certain: true}
			}
		}
		// A tab that indents is the most common syntax error of files
		// written by hand, and the library's words for it, and its line,
		// vary with what follows the tab.
		if tab, ok := tabCause(data, at.Line, err.Error()); ok {
			errs.Add(diag.Pos{File: file, Line: tab.Line, Col: tab.Col}, "a tab indents this line: YAML indents with spaces only")
			return nil, syntaxAt{line: tab.Line, certain: true}
		}
		if m, ok := culprit(data, at.Line, err.Error()); ok {
			errs.Add(diag.Pos{File: file, Line: m.line, Col: m.col}, "YAML syntax: %s", m.msg)
			return nil, syntaxAt{line: m.line, certain: !m.keep}
		}
		errs.Add(at, "%s", syntaxMsg(err))
		if depthRE.MatchString(err.Error()) {
			return nil, syntaxAt{} // the whole file is suspect
		}
		return nil, syntaxAt{line: at.Line}
	}
	var extra yamllib.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		errs.Add(diag.Pos{File: file, Line: extra.Line, Col: extra.Column}, "a second YAML document: each file holds exactly one")
		return nil, syntaxAt{}
	case !errors.Is(err, io.EOF):
		errs.Add(syntaxPos(file, err), "%s", syntaxMsg(err))
		return nil, syntaxAt{}
	}
	root := &doc
	if root.Kind == yamllib.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	// A document of nothing but "---" and comments: the library gives it a
	// null value placed after the end of the file.
	if root.Kind == yamllib.ScalarNode && root.Tag == "!!null" && root.Value == "" {
		errs.Add(diag.Pos{File: file, Line: 1, Col: 1}, "file is empty: expected a YAML mapping")
		return nil, syntaxAt{}
	}
	return fromLibrary(root), syntaxAt{}
}

// unstorable is the first character of v that XML 1.0, and so a
// spreadsheet, cannot hold, or 0.
func unstorable(v string) rune {
	for _, r := range v {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF || r >= 0xD800 && r <= 0xDFFF {
			return r
		}
	}
	return 0
}

// controlChar finds the first character of data that YAML refuses as a
// control character, and where it stands (its Pos has no file).
func controlChar(data []byte) (at diag.Pos, char rune, ok bool) {
	line, col := 1, 1
	for _, r := range string(data) {
		switch {
		case r == '\n':
			line, col = line+1, 1
			continue
		case r < 0x20 && r != '\t' && r != '\r', r == 0x7F, r >= 0x80 && r < 0xA0 && r != 0x85, r == 0xFFFE, r == 0xFFFF:
			return diag.Pos{Line: line, Col: col}, r, true
		}
		col++
	}
	return diag.Pos{}, 0, false
}

// syntaxAt is the line of a syntax error: certain (culprit's, a tab's),
// or the library's, which can be one line early.
type syntaxAt struct {
	line    int
	certain bool
}

// fromLibrary converts the library's tree.
func fromLibrary(n *yamllib.Node) *node {
	out := &node{value: n.Value, anchor: n.Anchor, line: n.Line, col: n.Column, plain: n.Style == 0, null: n.Tag == "!!null"}
	if n.Kind == yamllib.ScalarNode && n.Style&yamllib.DoubleQuotedStyle != 0 {
		out.badChar = unstorable(n.Value)
	}
	if n.Kind == yamllib.ScalarNode && out.plain && !out.null {
		out.tagged = hashtag(n.LineComment)
	}
	switch n.Kind {
	case yamllib.MappingNode:
		out.kind = mappingNode
	case yamllib.SequenceNode:
		out.kind = sequenceNode
	case yamllib.AliasNode:
		out.kind = aliasNode
	}
	if len(n.Content) > 0 {
		out.content = make([]*node, len(n.Content))
		for i, c := range n.Content {
			out.content[i] = fromLibrary(c)
		}
	}
	if n.Kind == yamllib.MappingNode {
		for i := 1; i < len(n.Content); i += 2 {
			commentedOut(n.Content[i-1], n.Content[i], out.content[i])
		}
	}
	return out
}

// commentedOut reads a key's value that YAML takes for a comment because
// it starts with '#' ("summary: #1 in sales"): the library leaves the value
// null, and gives the comment to the key. Such a value is read as the text
// of the comment, and tagged, so that the decoder says to quote it: the
// curator meant a value, not a comment ("# a note" is one, and stays
// one).
func commentedOut(key, value *yamllib.Node, out *node) {
	if value.Kind != yamllib.ScalarNode || value.Tag != "!!null" || value.Value != "" || value.Style != 0 {
		return
	}
	comment := hashtag(key.LineComment)
	if comment == "" {
		return
	}
	out.value, out.null, out.commented = comment, false, true
}

// CheckText reports text that no editor shows faithfully: invalid UTF-8, a
// byte-order mark, NUL bytes. It returns false if any was found.
func CheckText(file string, data []byte, errs *diag.List) bool {
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		errs.Add(diag.Pos{File: file, Line: 1, Col: 1}, "file starts with a UTF-8 byte-order mark: save it as UTF-8 without BOM")
		return false
	}
	if utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 {
		return true // the common case, checked many times faster than below
	}
	line, col := 1, 1
	ok := true
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			errs.Add(diag.Pos{File: file, Line: line, Col: col}, "invalid UTF-8 byte 0x%02X: the file must be UTF-8", data[i])
			ok = false
		case r == 0:
			errs.Add(diag.Pos{File: file, Line: line, Col: col}, "NUL byte: the file must be text")
			ok = false
		}
		if !ok && len(*errs) >= 20 {
			return false
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return ok
}

var (
	lineRE          = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	depthRE         = regexp.MustCompile(`exceeded max depth of (\d+)$`)
	unknownAnchorRE = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)
)

// aliasPos is where *name first stands in data (line 1 if nowhere).
func aliasPos(file string, data []byte, name string) diag.Pos {
	i := bytes.Index(data, []byte("*"+name))
	if i < 0 {
		return diag.Pos{File: file, Line: 1}
	}
	before := data[:i]
	line := 1 + bytes.Count(before, []byte("\n"))
	col := 1 + utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
	return diag.Pos{File: file, Line: line, Col: col}
}

// syntaxPos is where the library places a syntax error. The library leaves
// out the line when the problem is on the first line (it counts lines from
// 0 and writes none for 0), so an error without one is placed on line 1.
func syntaxPos(file string, err error) diag.Pos {
	if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return diag.Pos{File: file, Line: max(n, 1)}
	}
	return diag.Pos{File: file, Line: 1}
}

// tabCause finds the tab that caused the library's syntax error msg at
// line, if a tab did. The library names the tab when it follows spaces, and
// then can place it a line early; a tab that starts a line is to it a
// character that cannot start any token, on that line. Any other error
// near an indenting tab is not the tab's: a block scalar's text may hold
// tabs.
func tabCause(data []byte, line int, msg string) (diag.Pos, bool) {
	switch {
	case strings.Contains(msg, "tab character"):
		return indentingTab(data, line, line+1)
	case strings.Contains(msg, "cannot start any token"):
		if tab, ok := indentingTab(data, line, line); ok && tab.Col == 1 {
			return tab, true
		}
	}
	return diag.Pos{}, false
}

// indentingTab finds a tab in the indentation of one of the lines from
// first to last; its column counts code points, as diag.Pos does.
func indentingTab(data []byte, first, last int) (diag.Pos, bool) {
	n := 1
	for len(data) > 0 && n <= last {
		text := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			text, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if n >= first {
			indent := len(text) - len(bytes.TrimLeft(text, " \t"))
			if i := bytes.IndexByte(text[:indent], '\t'); i >= 0 && indent < len(text) {
				return diag.Pos{Line: n, Col: i + 1}, true
			}
		}
		n++
	}
	return diag.Pos{}, false
}

func syntaxMsg(err error) string {
	msg := err.Error()
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		msg = m[2]
	}
	// The library refuses nesting deeper than its limit (a defence against
	// stack exhaustion); quoting is not the cause, so the hint would mislead.
	if m := depthRE.FindStringSubmatch(msg); m != nil {
		return "YAML nested more than " + m[1] + " levels deep (lists or mappings inside one another): the data files need a few levels"
	}
	return "YAML syntax: " + strings.TrimPrefix(msg, "yaml: ") + QuotingHint
}

// QuotingHint follows every syntax error: prose full of apostrophes and
// colons is what breaks hand-written YAML, and the library's line can be one
// too early.
const QuotingHint = ` (at or just after this line; check quoting: inside '...' write an apostrophe as '', and quote any value that contains ": " or starts with a quote mark, [, {, &, * or #)`

func pos(file string, n *node) diag.Pos {
	return diag.Pos{File: file, Line: n.line, Col: n.col}
}

type decoder struct {
	file string
	name *string // file, shared by all the values decoded
	errs *diag.List
	// skipped holds the first lines of the list items skipped for their
	// syntax errors (see parseSkipping), in order: the items after one
	// keep their place in messages ("statements[3]" is the fourth
	// statement written).
	skipped []int
}

// skippedBetween counts the items skipped between the lines of a key and
// of an item of its list: only a list that is a top-level key's value
// has items skipped, and no other list holds lines of theirs.
func (d *decoder) skippedBetween(keyLine, itemLine int) int {
	if len(d.skipped) == 0 {
		return 0
	}
	from, _ := slices.BinarySearch(d.skipped, keyLine+1)
	to, _ := slices.BinarySearch(d.skipped, itemLine)
	return max(to-from, 0)
}

var (
	scalarType   = reflect.TypeOf(Scalar{})
	deferredType = reflect.TypeOf(Deferred{})
	restType     = reflect.TypeOf(Rest{})
	faultType    = reflect.TypeOf(Fault(0))
	posType      = reflect.TypeOf(diag.Pos{})
)

func kindName(n *node) string {
	switch n.kind {
	case mappingNode:
		return "a mapping"
	case sequenceNode:
		return "a list"
	case aliasNode:
		return "an alias"
	}
	return fmt.Sprintf("the value %q", n.value)
}

// label names a value in messages: its key, and its index if it is a
// list's item. It is formatted only when there is an error to report.
type label struct {
	key     string
	index   int // -1 when the value is not a list's item
	keyLine int // the line of the key, where a list that is its value starts
}

func (l label) String() string {
	if l.index < 0 {
		return l.key
	}
	return fmt.Sprintf("%s[%d]", l.key, l.index)
}

// value decodes n into dst; what names it for messages.
func (d *decoder) value(n *node, dst reflect.Value, what label) {
	if dst.Type() == deferredType {
		if n.kind == sequenceNode {
			*dst.Addr().Interface().(*Deferred) = Deferred{Items: len(n.content), Nested: countNested(n.content)}
		}
		return
	}
	if (n.anchor != "" || n.kind != mappingNode) && dst.Kind() == reflect.Struct && dst.Type() != scalarType && infoOf(dst.Type()).rest {
		return // the first part's to report
	}
	if n.anchor != "" {
		d.errs.Add(pos(d.file, n), "anchor &%s: anchors and aliases are not allowed, write the value out", n.anchor)
		return
	}
	if n.kind == aliasNode {
		d.errs.Add(pos(d.file, n), "alias *%s: anchors and aliases are not allowed, write the value out", n.value)
		return
	}
	switch {
	case dst.Type() == scalarType:
		if n.kind != scalarNode {
			d.errs.Add(pos(d.file, n), "%s: expected a single value, found %s", what, kindName(n))
			return
		}
		isNull := n.null && n.plain
		switch {
		case n.tagged != "":
			d.errs.Add(pos(d.file, n), "%s: YAML reads %q after the value as a comment and drops it: if it is part of the text, quote the value; a comment is written \"# like this\"", what, strings.TrimSpace(n.tagged))
		case n.badChar != 0:
			d.errs.Add(pos(d.file, n), "%s: the escape for character U+%04X makes a character that a spreadsheet (or any XML) cannot hold: leave it out", what, n.badChar)
		case n.commented:
			d.errs.Add(pos(d.file, n), "%s: YAML reads %q as a comment, not as the value, since it starts with '#': quote the value (it is read as if it were); a comment is written \"# like this\"", what, n.value)
		}
		col := clamp32(n.col)
		if isNull {
			col = -col
		}
		// Through a pointer: Set would box each Scalar on the heap.
		*dst.Addr().Interface().(*Scalar) = Scalar{Value: n.value, file: d.name, line: clamp32(n.line), col: col}
	case dst.Kind() == reflect.Slice:
		if n.kind == scalarNode && n.null {
			return // an empty key is an empty list
		}
		if n.kind != sequenceNode {
			d.errs.Add(pos(d.file, n), "%s: expected a list, found %s", what, kindName(n))
			return
		}
		var s reflect.Value
		if dst.Cap() > 0 && dst.Cap() >= len(n.content) {
			// The caller's array: a list of statements decoded into the
			// array of the last file's is memory the collector need not
			// find again (650 MB at a million statements). Zeroed up to
			// its capacity (encoding/json, which also reuses an array,
			// zeroes none of it), as what it held before must neither
			// show through nor be kept alive.
			s = dst.Slice3(0, dst.Cap(), dst.Cap())
			s.Clear()
			s = s.Slice(0, len(n.content))
		} else {
			s = reflect.MakeSlice(dst.Type(), len(n.content), len(n.content))
		}
		kept := 0
		for i, item := range n.content {
			at := label{what.key, i + d.skippedBetween(what.keyLine, item.line), 0}
			if item.kind == scalarNode && item.null && dst.Type().Elem() == scalarType {
				// Most likely "- #general": YAML reads what follows a '#'
				// as a comment, and the item as empty. It is left out.
				d.errs.Add(pos(d.file, item), "%s: an empty item: write its value, or remove its \"- \" (a value that starts with '#' is a comment in YAML: quote it)", at)
				continue
			}
			d.value(item, s.Index(kept), at)
			kept++
		}
		dst.Set(s.Slice(0, kept))
	case dst.Kind() == reflect.Struct:
		d.mapping(n, dst, what)
	default:
		panic(fmt.Sprintf("yaml.Decode: unsupported field type %s", dst.Type()))
	}
}

// structInfo is what mapping needs to know of a struct type, worked out
// once per type: reading the tags of every field for every mapping of
// every file would cost a fifth of the decoding.
type structInfo struct {
	fields   map[string]int // key -> field index
	keys     []string       // in field order, for messages
	posField []int          // fields of type diag.Pos
	required []int          // fields whose key is required
	names    []string       // names[i]: the key of field i
	rest     bool           // marked Rest: the mapping's own problems are not its to report
	fault    int            // the field of type Fault, or -1
}

var structInfos sync.Map // reflect.Type -> *structInfo

func infoOf(t reflect.Type) *structInfo {
	if info, ok := structInfos.Load(t); ok {
		return info.(*structInfo)
	}
	info := &structInfo{fields: map[string]int{}, names: make([]string, t.NumField()), fault: -1}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == posType {
			info.posField = append(info.posField, i)
			continue
		}
		if f.Type == restType {
			info.rest = true
			continue
		}
		if f.Type == faultType {
			info.fault = i
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		info.fields[name] = i
		info.keys = append(info.keys, name)
		info.names[i] = name
		if opts == "required" {
			info.required = append(info.required, i)
		}
	}
	structInfos.Store(t, info)
	return info
}

func (d *decoder) mapping(n *node, dst reflect.Value, what label) {
	if n.kind != mappingNode {
		d.errs.Add(pos(d.file, n), "%s: expected a mapping of keys to values, found %s", what, kindName(n))
		return
	}
	info := infoOf(dst.Type())
	for _, i := range info.posField {
		*dst.Field(i).Addr().Interface().(*diag.Pos) = pos(d.file, n)
	}
	// The key node of each field given, on the stack for structs of up to
	// 32 fields: a slice made for every mapping costs an allocation each.
	var buf [32]*node
	seen := buf[:0]
	seen = append(seen, make([]*node, dst.NumField())...)
	keyErrs := d.errs // the mapping's own problems
	if info.rest {
		keyErrs = &diag.List{} // reported by the first part
	}
	var unknown map[string]*node // unknown keys given, made only when there is one
	var unknownKeys []*node      // the same, in the order given
	var unknownValues []*node    // and their values
	// newItem is the item's first key given again, in a list's item: most
	// likely an item whose "- " was left out, which repeats the keys after
	// it too, reported once (repeats counts them).
	var newItem *diag.Error
	repeats := 0
	for i := 0; i+1 < len(n.content); i += 2 {
		k, v := n.content[i], n.content[i+1]
		if k.anchor != "" {
			keyErrs.Add(pos(d.file, k), "anchor &%s: anchors and aliases are not allowed, write the value out", k.anchor)
		}
		if k.kind != scalarNode {
			keyErrs.Add(pos(d.file, k), "%s: a key must be a plain name, found %s", what, kindName(k))
			continue
		}
		idx, ok := info.fields[k.value]
		prev := unknown[k.value]
		if ok {
			prev = seen[idx]
		}
		switch {
		case prev != nil && newItem != nil:
			repeats++
			continue
		case prev != nil && what.index >= 0 && prev == n.content[0] && k.line > prev.line: // (not in "{a: 1, a: 2}")
			keyErrs.Add(pos(d.file, k), "duplicate key %q (first at line %d): if a new item of %s starts here, begin it with \"- \"", k.value, prev.line, what.key)
			newItem = (*keyErrs)[len(*keyErrs)-1]
			continue
		case prev != nil:
			keyErrs.Add(pos(d.file, k), "duplicate key %q (first at line %d)", k.value, prev.line)
			continue
		}
		if !ok {
			if unknown == nil {
				unknown = map[string]*node{}
			}
			unknown[k.value] = k
			unknownKeys = append(unknownKeys, k)
			unknownValues = append(unknownValues, v)
			continue
		}
		seen[idx] = k
		if info.rest && dst.Field(idx).Type() == deferredType {
			continue // read, and counted, by the first part
		}
		d.value(v, dst.Field(idx), label{k.value, -1, k.line})
	}
	if newItem != nil && info.fault >= 0 {
		dst.Field(info.fault).SetUint(uint64(Merged))
	}
	switch {
	case repeats == 1:
		newItem.Msg += " (the key after it that repeats the item's is not listed)"
	case repeats > 1:
		newItem.Msg += fmt.Sprintf(" (the %d keys after it that repeat the item's are not listed)", repeats)
	}
	meant := slipsOfKeys(unknownKeys, info, seen)
	if foreign := d.foreignItem(n, what, info, seen, unknownKeys, meant, keyErrs); foreign {
		if info.fault >= 0 {
			dst.Field(info.fault).SetUint(uint64(Foreign))
		}
		return
	}
	for j, k := range unknownKeys {
		if i := meant[j]; i >= 0 {
			keyErrs.Add(pos(d.file, k), "unknown key %q in %s; did you mean %q?", k.value, what, info.names[i])
			// Its value is read as the key meant, so that what depends
			// on it (a statement's speaker, which its stances default to)
			// raises no error of its own, and a mistake in the value
			// itself is reported now rather than after the rename.
			d.value(unknownValues[j], dst.Field(i), label{info.names[i], -1, k.line})
			continue
		}
		keyErrs.Add(pos(d.file, k), "unknown key %q in %s; expected one of: %s", k.value, what, strings.Join(info.keys, ", "))
	}
	if info.rest {
		return // required keys are the first part's
	}
	for _, i := range info.required {
		if seen[i] == nil && !slices.Contains(meant, i) { // else its misspelling's error says so, and its value is read
			d.errs.Add(pos(d.file, n), "%s: missing required key %q", what, info.names[i])
			continue
		}
		// A value that was not a scalar has had its error already (and no position).
		if s, ok := dst.Field(i).Addr().Interface().(*Scalar); ok && s.line != 0 && (!s.Set() || s.IsZero()) {
			d.errs.Add(s.Pos(), "%s: %q must not be empty", what, info.names[i])
		}
	}
}

// foreignItem reports, as one error, a list item most of whose keys are
// not its list's and no slip for one (an item of another list pasted
// here), and says whether it is one: its keys are not each reported, nor
// the keys of its list it lacks.
func (d *decoder) foreignItem(n *node, what label, info *structInfo, seen, unknownKeys []*node, meant []int, keyErrs *diag.List) bool {
	if what.index < 0 || len(unknownKeys) < 3 { // most mappings: no unknown key
		return false
	}
	var foreign []string
	for j, k := range unknownKeys {
		if meant[j] < 0 {
			foreign = append(foreign, strconv.Quote(k.value))
		}
	}
	known := 0
	for _, k := range seen {
		if k != nil {
			known++
		}
	}
	if len(foreign) < 3 || len(foreign) <= known {
		return false
	}
	if len(foreign) > 6 {
		foreign = append(foreign[:5], "…")
	}
	keyErrs.Add(pos(d.file, n), "%s: %d of its keys are not keys of %s (%s): if this item belongs to another list, move it there; an item of %s has: %s", what, len(unknownKeys), what.key, strings.Join(foreign, ", "), what.key, strings.Join(info.keys, ", "))
	return true
}

// slipsOfKeys finds, for each unknown key given, the field it may be a
// slip of the keyboard for (see normalize.PairSlips), or the singular or
// plural of ("country:" for "countries:", farther than a slip), or -1: a
// field not given, and not taken by another unknown key, so that following
// the suggestion never makes a duplicate.
func slipsOfKeys(unknownKeys []*node, info *structInfo, seen []*node) []int {
	if len(unknownKeys) == 0 {
		return nil
	}
	written := make([]string, len(unknownKeys))
	for j, k := range unknownKeys {
		written[j] = k.value
	}
	var free []string // the keys of the fields not given
	for _, name := range info.keys {
		if seen[info.fields[name]] == nil {
			free = append(free, name)
		}
	}
	meant := normalize.PairSlips(written, free, func(w, n int) bool { return otherNumber(written[w], free[n]) })
	for j, i := range meant {
		if i >= 0 {
			meant[j] = info.fields[free[i]]
		}
	}
	return meant
}

// otherNumber says whether a and b are the singular and the plural of one
// English word, in either order, the plural made as keys make it:
// "alias", "aliases"; "country", "countries"; "claim", "claims".
func otherNumber(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	switch {
	case len(a) < 2:
		return false
	case b == a+"s", b == a+"es":
		return true
	}
	stem, ok := strings.CutSuffix(a, "y")
	return ok && b == stem+"ies"
}

// hashtag is a comment that starts like a hashtag ("#KGZ"), or "".
func hashtag(comment string) string {
	if len(comment) > 1 && comment[0] == '#' && comment[1] != ' ' && comment[1] != '#' {
		return comment
	}
	return ""
}
