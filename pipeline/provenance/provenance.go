// Package provenance ties curated quotes to the exact characters of their
// source: it finds each quote in the source text and gives its offsets in
// Unicode code points, start inclusive and end exclusive, as W3C Web
// Annotation's TextPositionSelector and Python's text[start:end] count.
package provenance

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"index/suffixarray"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Text is a source text prepared for quote lookups. Building it is linear in
// the text's length. A lookup in a short text scans it; a long text gets a
// suffix array on its first lookup, so that the many quotes of a long
// source cost a binary search each rather than a scan each (which would
// make a source's cost grow with the square of its length).
//
// It keeps the text and its folded copy, and maps between them through
// the few places where their offsets part (a run of white space folded to
// one space, a byte that is not UTF-8), not a table of every byte: a
// million statements' texts would otherwise take gigabytes.
type Text struct {
	text  string
	flat  string    // the text with every run of white space folded to one space
	segs  []segment // how offsets in flat map to offsets in text, by flat offset
	marks []mark    // code point offsets of some rune boundaries, every markStep bytes
	n     int       // code points in text
	lines Lines

	suffixes     *suffixarray.Index // of flat, built on the first lookup of a long text
	suffixesOnce sync.Once
}

// segment maps the flat offsets from flat up to the next segment's: to
// text + (offset - flat), or all to text when collapsed (the bytes of one
// folded unit, such as the U+FFFD that stands for a byte that is not UTF-8).
type segment struct {
	flat, text int
	collapsed  bool
}

// mark is a rune boundary of the text: its byte and code point offsets.
type mark struct{ byte, rune int }

const markStep = 64

// scanLimit is the length of flat above which lookups use a suffix array:
// below it a scan is as fast and needs no memory.
const scanLimit = 64 << 10

// Measure is what is kept of a text that is not being looked up in: its
// digest, its length and where its lines start. A build measures every
// source text, and prepares a text for lookups (NewText), which takes
// more than twice its size, only while its statements are checked.
type Measure struct {
	SHA256 string // of the text's bytes, in hex
	Len    int    // code points, as NewText counts them (a byte that is not UTF-8 is one)
	Lines  Lines
}

// Measured measures text.
func Measured(text string) Measure {
	sum := sha256.Sum256([]byte(text))
	m := Measure{SHA256: hex.EncodeToString(sum[:]), Lines: Lines{0}}
	for _, r := range text { // a byte that is not UTF-8 is one U+FFFD
		m.Len++
		if r == '\n' {
			m.Lines = append(m.Lines, m.Len)
		}
	}
	return m
}

// NewText prepares text for lookups.
func NewText(text string) *Text {
	t := &Text{text: text, lines: Lines{0}}
	var b strings.Builder
	b.Grow(len(text))
	// at requires flat offset f to map to text offset i, adding a segment
	// where the current one does not already map it so.
	at := func(f, i int, collapsed bool) {
		if k := len(t.segs) - 1; !collapsed && k >= 0 && !t.segs[k].collapsed && t.segs[k].text+f-t.segs[k].flat == i {
			return
		}
		t.segs = append(t.segs, segment{f, i, collapsed})
	}
	inSpace := false
	c := 0 // code points so far
	for i := 0; i < len(text); c++ {
		r, w := utf8.DecodeRuneInString(text[i:])
		if i >= len(t.marks)*markStep {
			t.marks = append(t.marks, mark{i, c})
		}
		if r == '\n' {
			t.lines = append(t.lines, c+1)
		}
		switch {
		case unicode.IsSpace(r):
			if !inSpace {
				at(b.Len(), i, false)
				b.WriteByte(' ')
			}
			inSpace = true
		case r == utf8.RuneError && w == 1: // not UTF-8: U+FFFD, as []rune reads it
			inSpace = false
			at(b.Len(), i, true)
			b.WriteRune(utf8.RuneError)
		default:
			inSpace = false
			at(b.Len(), i, false)
			b.WriteString(text[i : i+w])
		}
		i += w
	}
	t.n = c
	t.flat = b.String()
	at(len(t.flat), len(text), false)
	return t
}

// textOffset maps a rune boundary of flat to the byte offset in text of
// the rune or run of white space that begins there (len(text) at the end).
func (t *Text) textOffset(f int) int {
	k := sort.Search(len(t.segs), func(k int) bool { return t.segs[k].flat > f }) - 1
	s := t.segs[k]
	if s.collapsed {
		return s.text
	}
	return s.text + f - s.flat
}

// runeOffset is the code point offset of byte offset i, a rune boundary.
func (t *Text) runeOffset(i int) int {
	k := sort.Search(len(t.marks), func(k int) bool { return t.marks[k].byte > i }) - 1
	if k < 0 {
		return utf8.RuneCountInString(t.text[:i])
	}
	return t.marks[k].rune + utf8.RuneCountInString(t.text[t.marks[k].byte:i])
}

// byteOffset is the byte offset of code point offset c.
func (t *Text) byteOffset(c int) int {
	k := sort.Search(len(t.marks), func(k int) bool { return t.marks[k].rune > c }) - 1
	i, at := 0, 0
	if k >= 0 {
		i, at = t.marks[k].byte, t.marks[k].rune
	}
	for ; at < c && i < len(t.text); at++ {
		_, w := utf8.DecodeRuneInString(t.text[i:])
		i += w
	}
	return i
}

// asRead returns s as a []rune conversion reads it: each byte that is
// not UTF-8 becomes U+FFFD. It is s itself when s is UTF-8, a part of
// the text that keeps it: who keeps it copies it, into blocks of its own
// (as build does) rather than one allocation each (a million quotes
// copied one by one took 60 MB, and were a million objects for the
// collector to mark).
func asRead(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return string([]rune(s))
}

// occurrences returns the byte offsets in flat at which q starts, in
// increasing order; at most limit of them when limit > 0, except that a
// limit of 1 may return any one occurrence.
func (t *Text) occurrences(q string, limit int) []int {
	if len(t.flat) <= scanLimit {
		var found []int
		for from := 0; from <= len(t.flat); {
			i := strings.Index(t.flat[from:], q)
			if i < 0 || limit > 0 && len(found) == limit {
				break
			}
			found = append(found, from+i)
			from += i + 1
		}
		return found
	}
	t.suffixesOnce.Do(func() { t.suffixes = suffixarray.New([]byte(t.flat)) })
	if limit == 1 {
		return t.suffixes.Lookup([]byte(q), 1) // any one occurrence: no need to find them all
	}
	found := t.suffixes.Lookup([]byte(q), -1)
	sort.Ints(found)
	if limit > 0 && len(found) > limit {
		found = found[:limit]
	}
	return found
}

// Len returns the text's length in code points.
func (t *Text) Len() int { return t.n }

// Slice returns the code points [start, end) of the text: a part of it
// (see asRead), which keeps it.
func (t *Text) Slice(start, end int) string {
	return asRead(t.text[t.byteOffset(start):t.byteOffset(end)])
}

// Span is where a quote stands in a text.
type Span struct {
	Start, End int    // code point offsets, end exclusive
	Text       string // the source's own characters, which may differ from the quote in white space only; a part of the text (see asRead), to be copied to be kept without it
}

// Locate finds quote in the text. White space is compared loosely: any run of
// spaces, tabs, line breaks or no-break spaces in the quote matches any such
// run in the text, so a curator need not reproduce invisible characters.
// Everything else must match exactly, typos included. A quote that occurs
// more than once must be told apart by occurrence (1 for the first); 0 means
// the quote must be unique.
func (t *Text) Locate(quote string, occurrence int) (Span, error) {
	if !utf8.ValidString(quote) {
		return Span{}, fmt.Errorf("quote is not valid UTF-8")
	}
	q := foldSpace(quote)
	if q == "" {
		return Span{}, fmt.Errorf("empty quote")
	}
	found := t.occurrences(q, 0)
	switch {
	case len(found) == 0:
		return Span{}, fmt.Errorf("quote %s does not occur in the source text%s", abbreviate(quote), t.mismatch(q))
	case occurrence == 0 && len(found) > 1:
		return Span{}, fmt.Errorf("quote %s occurs %d times in the source text; add occurrence: N (1 to %d) to say which", abbreviate(quote), len(found), len(found))
	case occurrence > len(found):
		if len(found) == 1 {
			return Span{}, fmt.Errorf("occurrence %d asked, but quote %s occurs once: remove its occurrence key", occurrence, abbreviate(quote))
		}
		return Span{}, fmt.Errorf("occurrence %d asked, but quote %s occurs %d times", occurrence, abbreviate(quote), len(found))
	case occurrence < 0:
		return Span{}, fmt.Errorf("occurrence must be 1 or more, not %d", occurrence)
	}
	k := 0
	if occurrence > 0 {
		k = occurrence - 1
	}
	startByte := found[k]
	from, to := t.textOffset(startByte), t.textOffset(startByte+len(q))
	return Span{Start: t.runeOffset(from), End: t.runeOffset(to), Text: asRead(t.text[from:to])}, nil
}

// Contains reports whether s occurs within the code points [start, end).
func (t *Text) Contains(start, end int, s string) bool {
	return strings.Contains(t.Slice(start, end), s)
}

// Position converts a code point offset to a 1-based line and column.
func (t *Text) Position(offset int) (line, col int) { return t.lines.Position(offset) }

// Lines is where the lines of a text start, as code point offsets: what
// Position needs of a Text, for those who need no lookups (a Text holds
// the text twice over, and a long one its suffix array).
type Lines []int

// Lines returns the text's line starts.
func (t *Text) Lines() Lines { return t.lines }

// Position gives the line and column (both from 1, in code points) of a
// code point offset.
func (l Lines) Position(offset int) (line, col int) {
	line = sort.SearchInts(l, offset+1) // l[line-1] <= offset < l[line]
	return line, offset - l[line-1] + 1
}

func abbreviate(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return fmt.Sprintf("%q", string(r[:57])+"...")
	}
	return fmt.Sprintf("%q", s)
}

// mismatch explains where a quote that is not in the text stops matching:
// the longest prefix of the quote found in the text, and the characters of
// quote and text that differ just after it. Typographic quotes (’ for ') are
// the commonest cause, so they get a hint of their own.
func (t *Text) mismatch(q string) string {
	if msg := t.mismatchMarks(q); msg != "" {
		return msg
	}
	// Binary search over rune boundaries for the longest prefix that occurs:
	// every prefix of an occurring prefix occurs too.
	var bounds []int // byte offsets of the ends of q's runes
	for i := range q {
		if i > 0 {
			bounds = append(bounds, i)
		}
	}
	bounds = append(bounds, len(q))
	n := sort.Search(len(bounds), func(i int) bool { return !strings.Contains(t.flat, q[:bounds[i]]) })
	// A quote that differs in its first characters (a typographic
	// quotation mark, a letter's case) matches little from its start, and
	// somewhere unrelated ("the " occurs in most texts): it is explained
	// from its end, when more of it matches there, and at least half.
	starts := append([]int{0}, bounds[:len(bounds)-1]...) // byte offsets of the starts of q's runes
	k := sort.Search(len(starts), func(i int) bool { return strings.Contains(t.flat, q[starts[i]:]) })
	if matched := len(starts) - k; k > 0 && matched > n && 2*matched >= len(starts) {
		return t.mismatchBefore(q, starts[k], matched)
	}
	if n == 0 || n == len(bounds) {
		return ""
	}
	lo := bounds[n-1]
	at := strings.Index(t.flat, q[:lo])
	want, _ := utf8.DecodeRuneInString(q[lo:])
	_, size := utf8.DecodeLastRuneInString(q[:lo]) // the last rune that matches
	line, col := t.Position(t.runeOffset(t.textOffset(at+lo-size)) + 1)
	msg := fmt.Sprintf(": %s (up to line %d, column %d), then the quote has %q (U+%04X)", characters("first", utf8.RuneCountInString(q[:lo])), line, col, want, want)
	if at+lo < len(t.flat) {
		got, _ := utf8.DecodeRuneInString(t.flat[at+lo:])
		msg += fmt.Sprintf(" where the text has %q (U+%04X)", got, got) + typographicHint(want, got)
	}
	return msg
}

// quotationMarks are the marks a curator may type around a quote, or
// copy with it, in another form than the text's.
const quotationMarks = `"'‘’“”«»„`

// singleMarks are the marks that are also apostrophes.
const singleMarks = `'‘’`

// mismatchMarks explains a quote set in quotation marks that the text
// does not have around its words (straight marks for typographic ones, at
// both ends, which matched too little at either end to say more than that
// its first character matched somewhere else): the words within occur,
// and the text's characters about them are said. "" if the quote has no
// such marks or its words do not occur. A closing mark counts only after
// an opening one: a quote that ends in an apostrophe ("the drones’") is
// not one set in marks, nor is one that begins with one and has no
// closing mark ("’90s").
func (t *Text) mismatchMarks(q string) string {
	inner := strings.TrimLeft(q, quotationMarks)
	if inner == q {
		return ""
	}
	opening := q[:len(q)-len(inner)]
	inner = strings.TrimRight(inner, quotationMarks)
	closing := q[len(opening)+len(inner):]
	if closing == "" && strings.Trim(opening, singleMarks) == "" {
		return "" // an apostrophe ("’90s"), not a quotation's opening mark
	}
	if strings.TrimSpace(inner) == "" {
		return ""
	}
	at := strings.Index(t.flat, inner)
	if at < 0 {
		return ""
	}
	line, col := t.Position(t.runeOffset(t.textOffset(at)))
	before, after := "nothing (the text begins)", "nothing (the text ends)"
	if at > 0 {
		r, _ := utf8.DecodeLastRuneInString(t.flat[:at])
		before = fmt.Sprintf("%q (U+%04X)", r, r)
	}
	if end := at + len(inner); end < len(t.flat) {
		r, _ := utf8.DecodeRuneInString(t.flat[end:])
		after = fmt.Sprintf("%q (U+%04X)", r, r)
	}
	return fmt.Sprintf(": the words within its quotation marks occur (from line %d, column %d), where the text has %s before them and %s after: copy the marks from the text, or leave them out", line, col, before, after)
}

// characters says that the first or last n characters match.
func characters(which string, n int) string {
	if n == 1 {
		return "the " + which + " character matches"
	}
	return fmt.Sprintf("the %s %d characters match", which, n)
}

// mismatchBefore explains a quote whose characters from byte from on (n of
// them) occur in the text, and the character before them does not: the
// characters of quote and text that differ just before the match.
func (t *Text) mismatchBefore(q string, from, n int) string {
	at := strings.Index(t.flat, q[from:])
	want, _ := utf8.DecodeLastRuneInString(q[:from])
	line, col := t.Position(t.runeOffset(t.textOffset(at)))
	msg := fmt.Sprintf(": %s (from line %d, column %d), and before that the quote has %q (U+%04X)", characters("last", n), line, col, want, want)
	if at == 0 {
		return msg + " where the text begins"
	}
	got, _ := utf8.DecodeLastRuneInString(t.flat[:at])
	msg += fmt.Sprintf(" where the text has %q (U+%04X)", got, got)
	return msg + typographicHint(want, got)
}

// typographicHint says so when the quote has a typewriter quotation mark
// where the text has a typographic one.
func typographicHint(want, got rune) string {
	if strings.ContainsRune(`'"`, want) && strings.ContainsRune("‘’“”«»", got) {
		return "; the text uses typographic quotes: copy them from it"
	}
	return ""
}
