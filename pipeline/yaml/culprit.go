package yaml

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// The YAML library places many syntax errors early. For what it finds
// while parsing ("did not find expected key", "... '-' indicator",
// "... ',' or ']'"), it names the line before the one where the enclosing
// mapping or list starts, not the line of the mistake: an apostrophe inside
// '...' on line 10 of a facts file is reported at line 4, with no column.
//
// culprit reads the file again, line by line, for the mistakes that hand
// editing makes: a quoted value that ends before its text does, ": " in a
// value without quotes, a line indented to no level above it, a quote or
// bracket never closed. It names the first one in the file, with its
// column and what to do, if it is not before the library's line (where it
// would not be what the library stumbled on). It flags only what is
// certainly invalid YAML: where it is unsure (anchors, tags, explicit
// keys, a quoted value over several lines inside [...] or {...}) it stops,
// and the library's message stands, as it does when culprit finds nothing.

// mistake is a syntax error that culprit found.
type mistake struct {
	line, col int // col counts code points from 1, as diag.Pos does
	msg       string
	reached   int // the line where YAML finds it wrong, when not line
	// keep: its item is not to be skipped (see parseSkipping): where the
	// item ends is not certain.
	keep bool
}

// lineEnd is what the last line read leaves open for the next one.
type lineEnd int

const (
	endsOpen   lineEnd = iota // a key or item without a value: a deeper line may follow
	endsPlain                 // a value without quotes, which a deeper line continues
	endsClosed                // a complete value: a deeper line is a mistake
)

// flowBracket is a bracket that opens a flow collection.
type flowBracket struct {
	line           int
	text           string // its line, for its column
	offset         int    // in text
	opener, closer byte
	// keyed: in a mapping ({...}), the ": " of its current entry has
	// been read (a ',' starts the next entry).
	keyed bool
}

// col is the bracket's column, counted only for a message: counted for
// every bracket, a line of 100,000 of them took 19 s.
func (b flowBracket) col() int { return utf8.RuneCountInString(b.text[:b.offset]) + 1 }

// culpritScan is culprit's state between lines.
type culpritScan struct {
	text      string // the current line
	line      int
	levels    []int  // the indentation of each open mapping or list, outermost first
	lists     []bool // for each level, whether a list's dashes opened it (not a key)
	dashed    []bool // for each level, whether a list's dash has stood there (in a list that shares its key's level too)
	fresh     bool   // the current line opened its level: no key or item stands there before it
	end       lineEnd
	plainLine int    // the line of the value endsPlain refers to
	plainKey  string // its key, or "" for a list item
	block     int    // while reading a block scalar (| or >), the indentation its lines exceed; else -1
	quote     byte   // while reading a quoted value over several lines, its quote mark
	quoteAt   mistake
	flows     []flowBracket // the open brackets of a flow collection
	flowStart bool          // in it, at the start of a value
	found     *mistake
	unsure    bool // culprit met something it does not read, and stops
	// For the library's errors about a flow collection: the first one not
	// closed on its line, and a quoted value in one not closed on its line.
	openFlow, flowQuote *mistake
	// flowComment is a comment in a flow collection that holds what would
	// close it ("#TB2, value: 12}"): a '#' the curator meant as text.
	flowComment *mistake
	// undashed is a flow collection alone on the line that opened its
	// level ("key:\n  {a: 1}"): the first item of a list without its
	// "- ", if the next line at that level begins with one.
	undashed *mistake
}

// culprit finds the first certain syntax mistake in data, if it is at or
// after line from, where the library placed its error.
func culprit(data []byte, from int, libMsg string) (mistake, bool) {
	// Tabs, line breaks other than \n and \r\n, and byte-order marks
	// (UTF-16's too, which the library reads by) are the library's.
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	if strings.ContainsAny(text, "\t\r\u0085\u2028\u2029\ufeff") || strings.HasPrefix(text, "\xfe\xff") || strings.HasPrefix(text, "\xff\xfe") {
		return mistake{}, false
	}
	// The level -1 holds the document: its first line may be indented.
	s := &culpritScan{levels: []int{-1}, lists: []bool{false}, dashed: []bool{false}, block: -1, end: endsOpen}
	rest := text
	for n := 1; rest != "" && s.found == nil && !s.unsure; n++ {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		s.text, s.line = line, n
		s.read()
		if len(s.flows) > 0 && s.openFlow == nil && s.flows[0].line == n && s.found == nil && !s.unsure {
			b := s.flows[0]
			s.openFlow = &mistake{line: b.line, col: b.col(), msg: fmt.Sprintf("this '%c' is not closed on its line: close it with '%c'", b.opener, b.closer)}
			if c := s.flowComment; c != nil && c.line == n {
				s.openFlow = c
			}
		}
	}
	// The library places an error in a flow collection at the line before
	// the collection's (or at line 1), and one in a quoted value it read to
	// the end of the file at the end.
	nearFlow := func(m *mistake) bool {
		return m != nil && strings.Contains(libMsg, "did not find expected ',' or") && (m.line == from || m.line == from+1)
	}
	switch {
	case s.flowQuote != nil && (nearFlow(s.flowQuote) || strings.Contains(libMsg, "unexpected end of stream")):
		return *s.flowQuote, true
	case nearFlow(s.openFlow):
		return *s.openFlow, true
	}
	switch {
	case s.unsure:
		return mistake{}, false
	case s.found == nil && len(s.flows) > 0:
		// Never closed: certain, though the library, which read on to the
		// end of the file, places its error there.
		b := s.flows[0]
		return mistake{line: b.line, col: b.col(), msg: fmt.Sprintf("this '%c' is never closed with '%c'", b.opener, b.closer)}, true
	case s.found == nil && s.quote != 0:
		return s.quoteAt, true
	}
	if s.found == nil || max(s.found.line, s.found.reached) < from {
		// Nothing, or not where the library stumbled: culprit misread
		// something, and the library's message stands.
		return mistake{}, false
	}
	return *s.found, true
}

// at records a mistake at byte offset i of the current line.
func (s *culpritScan) at(i int, format string, args ...any) mistake {
	return mistake{line: s.line, col: utf8.RuneCountInString(s.text[:i]) + 1, msg: fmt.Sprintf(format, args...)}
}

func (s *culpritScan) fail(i int, format string, args ...any) {
	m := s.at(i, format, args...)
	s.found = &m
}

func (s *culpritScan) top() int { return s.levels[len(s.levels)-1] }

// push opens a level at indent: of a list's dashes, or of keys.
func (s *culpritScan) push(indent int, list bool) {
	s.levels, s.lists, s.dashed = append(s.levels, indent), append(s.lists, list), append(s.dashed, list)
}

// read reads the current line.
func (s *culpritScan) read() {
	text := s.text
	body := strings.TrimLeft(text, " ")
	indent := len(text) - len(body)
	if s.block >= 0 {
		if strings.TrimSpace(text) == "" || indent > s.block {
			return
		}
		s.block = -1
	}
	if len(s.flows) > 0 {
		s.flow(0)
		return
	}
	if s.quote != 0 {
		end, ok := closingQuote(text, 0, s.quote)
		if ok {
			s.quote = 0
			s.afterQuoted(end+1, text[end], &s.quoteAt)
		}
		return
	}
	if body == "" {
		return
	}
	if body[0] == '#' {
		if s.end == endsPlain {
			s.end = endsClosed // a comment ends a value without quotes
		}
		return
	}
	undashed := s.undashed // stands for the next line only
	s.undashed = nil
	if strings.HasPrefix(body, "---") || strings.HasPrefix(body, "...") {
		s.unsure = true // documents are the library's
		return
	}
	switch top := s.top(); {
	case indent > top && s.end == endsPlain:
		// YAML reads a deeper line as more of the value above it.
		if i := colonSpace(body); i >= 0 {
			what := "the list item"
			if s.plainKey != "" {
				what = fmt.Sprintf("%q", s.plainKey)
			}
			s.fail(indent+i, "this line is indented more than %s on line %d, so YAML reads it as more of that value, where \": \" cannot stand unquoted: align it with the keys it belongs with, or quote the value", what, s.plainLine)
		}
		return
	case indent > top && s.end == endsClosed:
		s.fail(indent, "this line is indented more than the one above it, whose value is complete: align it with the keys it belongs with")
		return
	case indent > top:
		s.push(indent, isItem(body))
		s.fresh = true
	default:
		s.fresh = false
		open, openLists := s.levels, s.lists
		for s.top() > indent {
			s.levels = s.levels[:len(s.levels)-1]
			s.lists, s.dashed = s.lists[:len(s.levels)], s.dashed[:len(s.levels)]
		}
		if s.top() != indent {
			s.fail(indent, "this line is indented %s, which lines up with no line above it: indent it as the keys or list items it belongs with (%s)", spaces(indent), levelList(open))
			return
		}
		// A key where only a list's "- " can stand: a line of an item
		// indented as little as its dash.
		if s.lists[len(s.lists)-1] && !isItem(body) && len(open) > len(s.levels) {
			s.fail(indent, "this line is indented %s, as the list's \"- \" are, where no key can stand: indent it as the keys of its item (%s), or, if a new item starts here, begin it with \"- \"", spaces(indent), spaces(open[len(s.levels)]))
			return
		}
		// The items after a flow collection that opened this level have
		// their "- ": it is an item without one.
		if undashed != nil && isItem(body) && s.top() == undashed.col-1 {
			s.found = undashed
			return
		}
		// A "- " where keys stand, after a list or a key with its value
		// (not one whose list follows, "key:\n- a", at its own
		// indentation): an item pasted at another indentation than its
		// list's.
		if !s.dashed[len(s.dashed)-1] && isItem(body) && (slices.Contains(openLists[len(s.levels):], true) || s.end != endsOpen) {
			var lists []int
			for l, level := range open {
				if openLists[l] {
					lists = append(lists, level)
				}
			}
			if len(lists) > 0 { // else no list is open to name: the library's message stands
				s.fail(indent, "this \"- \" is indented %s, as the keys of a mapping are, where no list item can stand: indent it as the items of its list (%s)", spaces(indent), levelList(lists))
				s.found.keep = true // a list at its key's column is not told apart: the item may be misread
			} else {
				s.unsure = true
			}
			return
		}
	}
	s.node(indent)
}

// node reads what starts at byte offset i of the current line, at the
// level s.top(): list items, a key and its value, or a value.
func (s *culpritScan) node(i int) {
	text := s.text
	item := false // the line starts a list item
	for text[i] == '-' && (i+1 == len(text) || text[i+1] == ' ') {
		item = true
		if s.top() != i {
			s.push(i, true) // a list in a list item
		}
		s.dashed[len(s.dashed)-1] = true
		j := skipSpaces(text, i+1)
		if j == len(text) || text[j] == '#' {
			s.end = endsOpen
			return
		}
		i = j
	}
	s.plainKey = ""
	valueAt := -1
	switch text[i] {
	case '\'', '"':
		if end, ok := closingQuote(text, i+1, text[i]); ok && isKeyEnd(text, end+1) {
			s.plainKey, valueAt = text[i+1:end], end+2
		}
	case '{', '[', '&', '*', '!', '?', '%', '|', '>', '@', '`':
	default:
		if k := colonSpace(text[i:]); k >= 0 {
			s.plainKey, valueAt = text[i:i+k], i+k+1
		}
	}
	if valueAt < 0 {
		if k := colonNoSpace(text[i:]); k >= 0 && !item && !s.fresh {
			s.fail(i+k, "write a space after this ':', which ends a key (%q)", text[i:i+k+1]+" "+text[i+k+1:])
			return
		}
		if k, c := spaceColon(text[i:]); k >= 0 && !item && !s.fresh {
			s.fail(i+c, "write this ':' right after the key, and a space after it (%q)", shorten(text[i:i+k]+": "+text[i+c+1:]))
			return
		}
		if !item && (text[i] == '{' || text[i] == '[') {
			switch {
			case s.lists[len(s.lists)-1]:
				// At the column of a list's dashes.
				s.fail(i, "this item has no \"- \" before it, as the other items of its list have: begin it with \"- \"")
				return
			case s.fresh && len(s.levels) > 2: // a level under a key, not the document
				s.undashed = &mistake{line: s.line, col: i + 1, msg: "this item has no \"- \" before it, as the items after it have: begin it with \"- \""}
				s.value(i)
				return
			}
		}
		if !item {
			// A value alone on its line: the document, or more of a
			// value above, which culprit does not read.
			s.unsure = true
			return
		}
		s.value(i) // a list item's value
		return
	}
	if s.top() != i {
		s.push(i, false) // a mapping in a list item
	}
	s.value(valueAt)
}

// value reads the value that starts at or after byte offset i (after any
// spaces) of the current line.
func (s *culpritScan) value(i int) {
	text := s.text
	i = skipSpaces(text, i)
	if i == len(text) || text[i] == '#' {
		s.end = endsOpen
		return
	}
	switch c := text[i]; c {
	case '\'', '"':
		end, ok := closingQuote(text, i+1, c)
		if !ok {
			s.quote, s.quoteAt = c, s.at(i, "this %s value is never closed: end it with %c", quoted(c), c)
			s.end = endsClosed
			return
		}
		s.afterQuoted(end+1, c, nil)
	case '{', '[':
		s.flowStart = true
		s.flow(i)
	case '|', '>':
		s.block, s.end = s.top(), endsClosed
	case '@', '`':
		s.fail(i, "a value cannot start with '%c' in YAML: quote the value", c)
	case '&', '*', '!', '%', '?':
		s.unsure = true
	case '-':
		if i+1 == len(text) || text[i+1] == ' ' {
			s.unsure = true
			return
		}
		s.plain(i)
	default:
		s.plain(i)
	}
}

// plain reads a value without quotes that starts at byte offset i.
func (s *culpritScan) plain(i int) {
	if k := colonSpace(s.text[i:]); k >= 0 {
		s.fail(i+k, "this value holds \": \", which YAML reads as the start of another key: quote the value with '...' or \"...\"")
		return
	}
	s.end, s.plainLine = endsPlain, s.line
}

// shorten is the first 20 characters of the rest of a line, for a message.
func shorten(rest string) string {
	if utf8.RuneCountInString(rest) > 20 {
		return string([]rune(rest)[:20]) + "…"
	}
	return rest
}

// afterQuoted checks that nothing but a comment follows a quoted value
// that ended at byte offset i, before its quote mark q. opened is where a
// value over several lines began, else nil.
func (s *culpritScan) afterQuoted(i int, q byte, opened *mistake) {
	text := s.text
	j := skipSpaces(text, i)
	if j == len(text) || text[j] == '#' {
		s.end = endsClosed
		return
	}
	if text[j] == ':' && opened == nil {
		if j+1 < len(text) && text[j+1] != ' ' {
			s.fail(j, "write a space after this ':', which ends a key")
			return
		}
		s.fail(j, "this ':' makes the quoted value before it a key, which cannot stand here: quote the whole value")
		return
	}
	rest := shorten(text[i:])
	what, write, other := "this apostrophe", "an apostrophe as two ('')", `"..."`
	if q == '"' {
		what, write, other = "this quote mark", `a quote mark as \"`, "'...'"
	}
	if opened != nil {
		// Most likely the value was to end on its own line: a closing
		// mark left out there, and YAML read on to the next one.
		end := s.at(i-1, "")
		s.found = &mistake{line: opened.line, col: opened.col, reached: end.line,
			msg: fmt.Sprintf("this %s value is not closed on its line, so YAML reads on to %s at line %d, column %d, where the line goes on (%s): end the value on its line, and inside it write %s", quoted(q), "the "+strings.TrimPrefix(what, "this "), end.line, end.col, rest, write)}
		return
	}
	s.fail(i-1, "%s ends the %s value, but the line goes on (%s): inside %s write %s or quote the whole value with %s", what, quoted(q), rest, quoted(q), write, other)
}

// flow reads a flow collection ({...} or [...]) from byte offset i of the
// current line, where it starts or, over several lines, goes on.
func (s *culpritScan) flow(i int) {
	text := s.text
	for j := i; j < len(text); {
		switch c := text[j]; {
		case c == ' ':
			j++
		case c == '#' && (j == 0 || text[j-1] == ' '):
			// Only a hashtag ("#TB2", not "# see [1]") that holds the
			// bracket that would close the collection.
			if s.flowComment == nil && hashtag(text[j:]) != "" && strings.IndexByte(text[j:], s.flows[0].closer) >= 0 {
				m := s.at(j, "YAML reads %q as a comment, so the '%c' at column %d is not closed on its line: quote the value that holds '#'", shorten(text[j:]), s.flows[0].opener, s.flows[0].col())
				s.flowComment = &m
			}
			return // a comment: the collection goes on below
		case c == ',':
			s.flowStart = true
			s.flows[len(s.flows)-1].keyed = false
			j++
		case c == ':' && (j+1 == len(text) || strings.IndexByte(" ,[]{}", text[j+1]) >= 0):
			if s.keyInFlow(j) {
				return
			}
			s.flowStart = true
			j++
		case c == '}' || c == ']':
			last := s.flows[len(s.flows)-1]
			if c != last.closer {
				s.fail(j, "this '%c' does not close the '%c' at line %d, column %d: close that with '%c'", c, last.opener, last.line, last.col(), last.closer)
				return
			}
			s.flows = s.flows[:len(s.flows)-1]
			j++
			s.flowStart = false
			if len(s.flows) == 0 {
				k := skipSpaces(text, j)
				if k < len(text) && text[k] == ':' {
					s.unsure = true // a collection as a key
					return
				}
				if k < len(text) && text[k] != '#' {
					s.fail(k, "text follows the '%c' that closes this value: remove it, or quote the whole value", c)
					return
				}
				s.end = endsClosed
				return
			}
		case s.flowStart && (c == '{' || c == '['):
			closer := byte('}')
			if c == '[' {
				closer = ']'
			}
			s.flows = append(s.flows, flowBracket{line: s.line, text: text, offset: j, opener: c, closer: closer})
			j++
		case s.flowStart && (c == '\'' || c == '"'):
			end, ok := closingQuote(text, j+1, c)
			if !ok {
				m := s.at(j, "this %s value is not closed on its line: end it with %c", quoted(c), c)
				s.flowQuote = &m
				s.unsure = true // a quoted value over lines, in a flow
				return
			}
			k := skipSpaces(text, end+1)
			if k < len(text) && strings.IndexByte(",]}:#", text[k]) < 0 {
				f := s.flows[len(s.flows)-1]
				if key := text[k : k+max(0, colonSpace(text[k:]))]; k > end+1 && f.opener == '{' && f.keyed && isKey(key) {
					s.missingComma(k, key) // {claim: 'x' stance: y}
					return
				}
				s.afterQuoted(end+1, c, nil)
				return
			}
			j, s.flowStart = k, false
			if k < len(text) && text[k] == ':' { // a quoted key, as in JSON: {"k":"v"}
				if s.keyInFlow(k) {
					return
				}
				j, s.flowStart = k+1, true
			}
		case c == '{' || c == '[' || s.flowStart && strings.IndexByte("?&*!|>%@`", c) >= 0:
			s.unsure = true // explicit keys, anchors, tags: not read here
			return
		default: // a value without quotes, which no bracket or comma is part of
			s.flowStart = false
			j++
		}
	}
}

// keyInFlow reads the ':' at byte offset j of the current line, which
// ends a key in the innermost flow collection, and reports whether it is
// a mistake: a second key in one entry of a mapping, a ',' left out
// ("{claim: x stance: y}"), which the library places at the line before
// the mapping's, with no column.
func (s *culpritScan) keyInFlow(j int) bool {
	f := &s.flows[len(s.flows)-1]
	if f.opener != '{' {
		return false
	}
	if !f.keyed {
		f.keyed = true
		return false
	}
	text := s.text
	k := strings.LastIndexAny(text[:j], " ,{") + 1 // the key's first byte
	if k == 0 || text[k-1] != ' ' || !isKey(text[k:j]) || j+1 < len(text) && text[j+1] != ' ' {
		return false // not a key as curators write them: the library's
	}
	s.missingComma(k, text[k:j])
	return true
}

// missingComma reports a key at byte offset k of the current line that
// follows a value of the innermost flow mapping with no ',' between.
func (s *culpritScan) missingComma(k int, key string) {
	f := s.flows[len(s.flows)-1]
	s.fail(k, "%q starts another key of the '{' at column %d, but no ',' comes before it: write \", \" before %q, or quote the value before it if \": \" is part of that value", key, f.col(), key)
}

// isKey reports whether s is a key as data files write them: letters,
// digits, '_' and '-'.
func isKey(s string) bool {
	for i := range len(s) {
		if !isKeyByte(s[i]) {
			return false
		}
	}
	return s != ""
}

// closingQuote finds the quote mark q that ends a quoted value whose text
// starts at byte offset i: in '...' two apostrophes stand for one, in
// "..." a backslash escapes the next character.
func closingQuote(text string, i int, q byte) (int, bool) {
	for i < len(text) {
		switch {
		case q == '"' && text[i] == '\\':
			i += 2
		case text[i] == q && q == '\'' && i+1 < len(text) && text[i+1] == '\'':
			i += 2
		case text[i] == q:
			return i, true
		default:
			i++
		}
	}
	return 0, false
}

// colonSpace is the offset of the first ": " (or a ':' ending the text)
// in text, before any comment, or -1.
func colonSpace(text string) int {
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case ':':
			if i+1 == len(text) || text[i+1] == ' ' {
				return i
			}
		case '#':
			if i > 0 && text[i-1] == ' ' {
				return -1
			}
		}
	}
	return -1
}

// colonNoSpace is where a line that is a key and its value without the
// space between ("kind:claim") has its colon, or -1. A URL's "://" is not
// one.
func colonNoSpace(text string) int {
	k := 0
	for k < len(text) && isKeyByte(text[k]) {
		k++
	}
	if k == 0 || text[0] == '-' || k+1 >= len(text) || text[k] != ':' || text[k+1] == ' ' || text[k+1] == '/' || strings.Contains(text, ": ") {
		return -1
	}
	return k
}

// spaceColon is, for a line that is a key, spaces and its colon with the
// value right after it ("summary :Gordon said"), where the key ends and
// where the colon is; else -1, -1.
func spaceColon(text string) (keyEnd, colon int) {
	k := 0
	for k < len(text) && isKeyByte(text[k]) {
		k++
	}
	c := skipSpaces(text, k)
	if k == 0 || text[0] == '-' || c == k || c+1 >= len(text) || text[c] != ':' || text[c+1] == ' ' || strings.Contains(text, ": ") {
		return -1, -1
	}
	return k, c
}

// isKeyEnd reports whether a key ends at byte offset i: a ':' followed by
// a space or the end of the line.
func isKeyEnd(text string, i int) bool {
	return i < len(text) && text[i] == ':' && (i+1 == len(text) || text[i+1] == ' ')
}

func quoted(q byte) string {
	if q == '\'' {
		return "'...'"
	}
	return `"..."`
}

// levelList lists the levels of the open mappings and lists: "0, 2 or 4".
func levelList(levels []int) string {
	var parts []string
	for _, l := range levels {
		if l >= 0 {
			parts = append(parts, fmt.Sprint(l))
		}
	}
	last := parts[len(parts)-1] + " spaces"
	if last == "1 spaces" {
		last = "1 space"
	}
	if len(parts) == 1 {
		return last
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + last
}

// spaces is "1 space" or "n spaces".
func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return fmt.Sprintf("%d spaces", n)
}
