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
type Text struct {
	raw    []rune
	flat   string  // the text with every run of white space folded to one space
	index  []int32 // index[i]: code point offset in raw of the i-th byte of flat
	lines  []int   // code point offsets at which each line starts
	SHA256 string

	suffixes     *suffixarray.Index // of flat, built on the first lookup of a long text
	suffixesOnce sync.Once
}

// scanLimit is the length of flat above which lookups use a suffix array:
// below it a scan is as fast and needs no memory.
const scanLimit = 64 << 10

// NewText prepares text for lookups.
func NewText(text string) *Text {
	sum := sha256.Sum256([]byte(text))
	t := &Text{raw: []rune(text), SHA256: hex.EncodeToString(sum[:])}
	var b strings.Builder
	b.Grow(len(text))
	t.index = make([]int32, 0, len(text)+1)
	inSpace := false
	t.lines = []int{0}
	for i, r := range t.raw {
		if r == '\n' {
			t.lines = append(t.lines, i+1)
		}
		if unicode.IsSpace(r) {
			if !inSpace {
				b.WriteByte(' ')
				t.index = append(t.index, int32(i))
			}
			inSpace = true
			continue
		}
		inSpace = false
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		b.Write(buf[:n])
		for k := 0; k < n; k++ {
			t.index = append(t.index, int32(i))
		}
	}
	t.flat = b.String()
	t.index = append(t.index, int32(len(t.raw)))
	return t
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
func (t *Text) Len() int { return len(t.raw) }

// Slice returns the code points [start, end) of the text.
func (t *Text) Slice(start, end int) string { return string(t.raw[start:end]) }

// Span is where a quote stands in a text.
type Span struct {
	Start, End int    // code point offsets, end exclusive
	Text       string // the source's own characters, which may differ from the quote in white space only
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
		return Span{}, fmt.Errorf("occurrence %d asked, but quote %s occurs %d times", occurrence, abbreviate(quote), len(found))
	case occurrence < 0:
		return Span{}, fmt.Errorf("occurrence must be 1 or more, not %d", occurrence)
	}
	k := 0
	if occurrence > 0 {
		k = occurrence - 1
	}
	startByte := found[k]
	start := int(t.index[startByte])
	end := int(t.index[startByte+len(q)-1]) + 1
	return Span{Start: start, End: end, Text: string(t.raw[start:end])}, nil
}

// Contains reports whether s occurs within the code points [start, end).
func (t *Text) Contains(start, end int, s string) bool {
	return strings.Contains(string(t.raw[start:end]), s)
}

// Position converts a code point offset to a 1-based line and column.
func (t *Text) Position(offset int) (line, col int) {
	line = sort.SearchInts(t.lines, offset+1) // lines[line-1] <= offset < lines[line]
	return line, offset - t.lines[line-1] + 1
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
	if n == 0 || n == len(bounds) {
		return ""
	}
	lo := bounds[n-1]
	at := strings.Index(t.flat, q[:lo])
	want, _ := utf8.DecodeRuneInString(q[lo:])
	line, col := t.Position(int(t.index[at+lo-1]) + 1)
	msg := fmt.Sprintf(": the first %d characters match (up to line %d, column %d), then the quote has %q (U+%04X)", utf8.RuneCountInString(q[:lo]), line, col, want, want)
	if at+lo < len(t.flat) {
		got, _ := utf8.DecodeRuneInString(t.flat[at+lo:])
		msg += fmt.Sprintf(" where the text has %q (U+%04X)", got, got)
		if strings.ContainsRune(`'"`, want) && strings.ContainsRune("‘’“”«»", got) {
			msg += "; the text uses typographic quotes: copy them from it"
		}
	}
	return msg
}
