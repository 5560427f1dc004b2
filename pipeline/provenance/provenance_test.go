package provenance

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkSpan asserts the invariant every caller relies on: the offsets select
// exactly Span.Text from a []rune conversion of the text.
func checkSpan(t testing.TB, text string, s Span) {
	t.Helper()
	rs := []rune(text)
	if s.Start < 0 || s.End < s.Start || s.End > len(rs) {
		t.Fatalf("span %+v out of range for a text of %d code points", s, len(rs))
	}
	if got := string(rs[s.Start:s.End]); got != s.Text {
		t.Fatalf("[]rune(text)[%d:%d] = %q, Span.Text = %q", s.Start, s.End, got, s.Text)
	}
}

func fold(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestLocateCodePointOffsets(t *testing.T) {
	const prefix = "Радио Озоди’s “Tajik” service: "
	text := prefix + "the drones were built” in Таджикистан."
	tests := []struct {
		quote      string
		start, end int
	}{
		{"the drones were built", utf8.RuneCountInString(prefix), utf8.RuneCountInString(prefix + "the drones were built")},
		{"Радио", 0, 5},
		{"“Tajik”", 14, 21},
		{"Озоди’s", 6, 13},
		{"Таджикистан.", utf8.RuneCountInString(text) - 12, utf8.RuneCountInString(text)},
		{"built” in Таджикистан", utf8.RuneCountInString(prefix + "the drones were "), utf8.RuneCountInString(text) - 1},
	}
	x := NewText(text)
	if x.Len() != utf8.RuneCountInString(text) {
		t.Errorf("Len() = %d, want %d", x.Len(), utf8.RuneCountInString(text))
	}
	for _, tt := range tests {
		s, err := x.Locate(tt.quote, 0)
		if err != nil {
			t.Errorf("Locate(%q): %v", tt.quote, err)
			continue
		}
		checkSpan(t, text, s)
		if s.Start != tt.start || s.End != tt.end || s.Text != tt.quote {
			t.Errorf("Locate(%q) = %+v, want [%d, %d) %q", tt.quote, s, tt.start, tt.end, tt.quote)
		}
		if got := x.Slice(s.Start, s.End); got != s.Text {
			t.Errorf("Slice(%d, %d) = %q, want %q", s.Start, s.End, got, s.Text)
		}
		if !x.Contains(s.Start, s.End, tt.quote) {
			t.Errorf("Contains(%d, %d, %q) = false", s.Start, s.End, tt.quote)
		}
	}
}

func TestLocateWhiteSpace(t *testing.T) {
	tests := []struct {
		text, quote, want string
	}{
		// The quote's single spaces match any run of white space in the text,
		// and Span.Text keeps the source's own characters.
		{"He said the\u00a0 drones were\nbuilt there.", "the drones were built", "the\u00a0 drones were\nbuilt"},
		{"He said the\u00a0 drones were\nbuilt there.", "the drones\u00a0were\tbuilt", "the\u00a0 drones were\nbuilt"},
		{"a\r\n\r\nb c", "a b", "a\r\n\r\nb"},
		{"the drones were built", "  the   drones\n were built\n", "the drones were built"},
		{"x “quoted\u2003text” y", "“quoted text”", "“quoted\u2003text”"},
		// A typo in the source must be reproduced.
		{"Gordon said in Mya, on May 17, that", "in Mya, on May 17", "in Mya, on May 17"},
	}
	for _, tt := range tests {
		s, err := NewText(tt.text).Locate(tt.quote, 0)
		if err != nil {
			t.Errorf("Locate(%q) in %q: %v", tt.quote, tt.text, err)
			continue
		}
		checkSpan(t, tt.text, s)
		if s.Text != tt.want {
			t.Errorf("Locate(%q) in %q = %q, want %q", tt.quote, tt.text, s.Text, tt.want)
		}
	}
}

func TestLocateErrors(t *testing.T) {
	tests := []struct {
		text, quote string
		occurrence  int
		want        string
	}{
		{"Gordon said in Mya, on May 17, that", "in May, on May 17", 0, `quote "in May, on May 17" does not occur in the source text`},
		{"the drones", "the  drone s", 0, "does not occur"}, // white space may not be added inside a word
		{"the drones", "thedrones", 0, "does not occur"},    // nor removed
		{"He said no. Then he said no.", "said no", 0, `quote "said no" occurs 2 times in the source text; add occurrence: N (1 to 2) to say which`},
		{"He said no. Then he said no.", "said no", 3, `occurrence 3 asked, but quote "said no" occurs 2 times`},
		{"He said no. Then he said no.", "said no", -1, "occurrence must be 1 or more, not -1"},
		{"He said no.", "said no", 2, `occurrence 2 asked, but quote "said no" occurs once: remove its occurrence key`},
		{"He said no.", "", 0, "empty quote"},
		{"He said no.", " \n\u00a0\t", 0, "empty quote"},
		{"", "x", 0, "does not occur"},
		{"short", strings.Repeat("long quote ", 10), 0, `quote "long quote long quote long quote long quote long quote lo..." does not occur`},
	}
	for _, tt := range tests {
		s, err := NewText(tt.text).Locate(tt.quote, tt.occurrence)
		if err == nil {
			t.Errorf("Locate(%q, %d) in %q = %+v, want an error", tt.quote, tt.occurrence, tt.text, s)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Locate(%q, %d) in %q: error %q, want it to contain %q", tt.quote, tt.occurrence, tt.text, err, tt.want)
		}
	}
}

func TestLocateOccurrence(t *testing.T) {
	text := "He said no. Then he said\nno, and “said no” again."
	x := NewText(text)
	for _, tt := range []struct {
		occurrence int
		start      int
		want       string
	}{
		{1, 3, "said no"},
		{2, 20, "said\nno"},
		{3, 34, "said no"},
	} {
		s, err := x.Locate("said no", tt.occurrence)
		if err != nil {
			t.Errorf("Locate(said no, %d): %v", tt.occurrence, err)
			continue
		}
		checkSpan(t, text, s)
		if s.Start != tt.start || s.Text != tt.want {
			t.Errorf("Locate(said no, %d) = %+v, want start %d text %q", tt.occurrence, s, tt.start, tt.want)
		}
	}
	// A unique quote may be given occurrence 1 as well as 0.
	a, err1 := x.Locate("Then he", 0)
	b, err2 := x.Locate("Then he", 1)
	if err1 != nil || err2 != nil || a != b {
		t.Errorf("Locate(Then he, 0) = %+v, %v; Locate(Then he, 1) = %+v, %v; want the same span", a, err1, b, err2)
	}
	// Overlapping occurrences count.
	y := NewText("aaa")
	if _, err := y.Locate("aa", 0); err == nil || !strings.Contains(err.Error(), "occurs 2 times") {
		t.Errorf(`Locate("aa") in "aaa": error %v, want "occurs 2 times"`, err)
	}
	if s, err := y.Locate("aa", 2); err != nil || s.Start != 1 || s.End != 3 {
		t.Errorf(`Locate("aa", 2) in "aaa" = %+v, %v; want [1, 3)`, s, err)
	}
}

func TestMeasured(t *testing.T) {
	for _, text := range []string{"", "abc", "\n", "a\n\nb\n", "Радио Озоди’s “Tajik”\r\n", "invalid \xff\xfe bytes\nand a line", "\xe2\x80\nhalf a rune"} {
		m := Measured(text)
		sum := sha256.Sum256([]byte(text))
		if want := hex.EncodeToString(sum[:]); m.SHA256 != want {
			t.Errorf("Measured(%q).SHA256 = %s, want %s", text, m.SHA256, want)
		}
		// What is kept of a text must be what its lookups count.
		x := NewText(text)
		if m.Len != x.Len() || m.Len != len([]rune(text)) {
			t.Errorf("Measured(%q).Len = %d; NewText counts %d, []rune %d", text, m.Len, x.Len(), len([]rune(text)))
		}
		if !slices.Equal(m.Lines, x.Lines()) {
			t.Errorf("Measured(%q).Lines = %v; NewText's are %v", text, m.Lines, x.Lines())
		}
	}
}

func TestPosition(t *testing.T) {
	text := "ab\n“çd”\n\nx"
	x := NewText(text)
	tests := []struct{ offset, line, col int }{
		{0, 1, 1},
		{1, 1, 2},
		{2, 1, 3}, // the newline itself ends line 1
		{3, 2, 1}, // right after a newline
		{4, 2, 2}, // columns count code points: "“" is one
		{5, 2, 3},
		{6, 2, 4},
		{7, 2, 5},
		{8, 3, 1}, // an empty line
		{9, 4, 1},
		{10, 4, 2}, // the end of the text
	}
	for _, tt := range tests {
		if line, col := x.Position(tt.offset); line != tt.line || col != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.offset, line, col, tt.line, tt.col)
		}
	}
	// A located quote's position.
	s, err := x.Locate("çd", 0)
	if err != nil {
		t.Fatal(err)
	}
	if line, col := x.Position(s.Start); line != 2 || col != 2 {
		t.Errorf("Position of %q = %d:%d, want 2:2", s.Text, line, col)
	}
	if line, col := NewText("").Position(0); line != 1 || col != 1 {
		t.Errorf(`NewText("").Position(0) = %d:%d, want 1:1`, line, col)
	}
}

func TestHas(t *testing.T) {
	x := NewText("He said the\u00a0 drones were\nbuilt in Mya.")
	tests := []struct {
		s    string
		want bool
	}{
		{"the drones were built", true},
		{"  the\tdrones  ", true},
		{"built in Mya.", true},
		{"built in May.", false},
		{"thedrones", false},
		{"", false},
		{" \n", false},
	}
	for _, tt := range tests {
		if got := x.Has(tt.s); got != tt.want {
			t.Errorf("Has(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func FuzzLocate(f *testing.F) {
	f.Add("Радио Озоди’s “Tajik” service: the drones were built", "the drones were built")
	f.Add("He said the\u00a0 drones were\nbuilt there.", "the drones were built")
	f.Add("Gordon said in Mya, on May 17, that", "in May, on May 17")
	f.Add("He said no. Then he said no.", "said no")
	f.Add("aaa", "aa")
	f.Add("a\r\n\r\nb c", "a b")
	f.Add("x", "")
	f.Fuzz(func(t *testing.T, text, quote string) {
		x := NewText(text)
		if !utf8.ValidString(quote) {
			// Known bug, reported: a quote of invalid UTF-8 can match inside
			// a multi-byte character of the text (quote "\x80" is found in
			// "’"). For such quotes only the absence of a panic is checked.
			x.Locate(quote, 0)
			x.Locate(quote, 1)
			x.Has(quote)
			return
		}
		s, err := x.Locate(quote, 0)
		if err == nil {
			checkSpan(t, text, s)
			if fold(s.Text) != fold(quote) {
				t.Fatalf("Locate(%q) in %q = %+v: folded %q, want %q", quote, text, s, fold(s.Text), fold(quote))
			}
			if !x.Has(quote) {
				t.Fatalf("Locate(%q) in %q succeeded but Has is false", quote, text)
			}
		}
		for occ := 1; occ <= 2; occ++ {
			so, err := x.Locate(quote, occ)
			if err != nil {
				continue
			}
			checkSpan(t, text, so)
			if fold(so.Text) != fold(quote) {
				t.Fatalf("Locate(%q, %d) in %q = %+v: folded %q, want %q", quote, occ, text, so, fold(so.Text), fold(quote))
			}
		}
	})
}

// A quote that is not valid UTF-8 must not match inside a multi-byte character.
func TestLocateInvalidUTF8Quote(t *testing.T) {
	for _, tc := range []struct{ text, quote string }{{"it’s", "\x80"}, {"a\xffb", "\xbf"}} {
		txt := NewText(tc.text)
		if span, err := txt.Locate(tc.quote, 0); err == nil {
			t.Errorf("Locate(%q) in %q = %+v, want an error", tc.quote, tc.text, span)
		}
		if txt.Has(tc.quote) {
			t.Errorf("Has(%q) in %q = true", tc.quote, tc.text)
		}
	}
}

// A quote not found says how far it matched and which characters differ.
func TestLocateMismatchExplained(t *testing.T) {
	txt := NewText("Intro line.\nTajikistan’s Foreign Ministry released a statement.")
	_, err := txt.Locate("Tajikistan's Foreign Ministry", 0)
	want := `quote "Tajikistan's Foreign Ministry" does not occur in the source text: the last 18 characters match (from line 2, column 12), and before that the quote has '\'' (U+0027) where the text has '’' (U+2019); the text uses typographic quotes: copy them from it` // more matches from the end
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	// A quote that differs in its first character is explained from its
	// end: it matches little from its start, and somewhere unrelated.
	for quote, want := range map[string]string{
		"tajikistan’s Foreign Ministry":   `the last 28 characters match (from line 2, column 2), and before that the quote has 't' (U+0074) where the text has 'T' (U+0054)`,
		"\"Tajikistan’s Foreign Ministry": `the words within its quotation marks occur (from line 2, column 1), where the text has ' ' (U+0020) before them and ' ' (U+0020) after`, // a line break, as white space is compared
		"Intro line. “Tajikistan’s":       `the first 12 characters match (up to line 2, column 1), then the quote has '“' (U+201C) where the text has 'T' (U+0054)`,
		"«Intro line.":                    `the words within its quotation marks occur (from line 1, column 1), where the text has nothing (the text begins) before them and ' ' (U+0020) after`,
		"Iz":                              `the first character matches (up to line 1, column 2), then the quote has 'z' (U+007A) where the text has 'n' (U+006E)`,
		"q.":                              `the last character matches (from line 1, column 11), and before that the quote has 'q' (U+0071) where the text has 'e' (U+0065)`,
	} {
		if _, err := txt.Locate(quote, 0); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Locate(%q): %v\nwant it to say %s", quote, err, want)
		}
	}
	// Straight marks typed about words the text sets in typographic ones:
	// neither end matches, and the first mark matched elsewhere (before,
	// "the first character matches" at an unrelated '"').
	marked := NewText(`He said "no". Then: “Which country built the plant?” he asked.`)
	if _, err := marked.Locate(`"Which country built the plant?"`, 0); err == nil || !strings.Contains(err.Error(),
		`the words within its quotation marks occur (from line 1, column 22), where the text has '“' (U+201C) before them and '”' (U+201D) after: copy the marks from the text, or leave them out`) {
		t.Errorf("straight marks for typographic ones: %v", err)
	}
	// A quote that ends in a possessive's apostrophe, typed otherwise than
	// the text's, is not one set in quotation marks: the mark it has is
	// said (before, "the words within its quotation marks occur").
	possessive := NewText("They saw the drones' wings.")
	if _, err := possessive.Locate("the drones’", 0); err == nil || !strings.Contains(err.Error(),
		`the first 10 characters match (up to line 1, column 20), then the quote has '’' (U+2019) where the text has '\'' (U+0027)`) {
		t.Errorf("a closing apostrophe: %v", err)
	}
	// Nor is one that begins with an apostrophe typed otherwise.
	nineties := NewText("In the ’90s the plant was built.")
	if _, err := nineties.Locate("'90s the plant was built", 0); err == nil || strings.Contains(err.Error(), "quotation marks") {
		t.Errorf("an opening apostrophe: %v", err)
	}
	// A lower-case first letter that begins a common word: "the " occurs
	// elsewhere, but more of the quote matches from its end.
	other := NewText("Intro. The minister said the drones were built here.")
	if _, err := other.Locate("the minister said the drones were built here", 0); err == nil || !strings.Contains(err.Error(), `the last 43 characters match (from line 1, column 9), and before that the quote has 't' (U+0074) where the text has 'T' (U+0054)`) {
		t.Errorf("a lower-case first letter: %v", err)
	}
	if _, err := txt.Locate("Nothing like it", 0); err == nil || strings.Contains(err.Error(), "match") {
		t.Errorf("a quote with no common prefix: err = %v, want a plain not-found error", err)
	}
}

// TestLocateLongText runs lookups in a text long enough for the suffix
// array: the same offsets and occurrence counts as a plain scan finds.
func TestLocateLongText(t *testing.T) {
	var b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&b, "Статья %d: the minister said\n  “no drones”  on day %d. ", i, i)
	}
	text := b.String()
	tx := NewText(text)
	if len(tx.flat) <= scanLimit {
		t.Fatalf("the text is %d bytes, too short for the suffix array", len(tx.flat))
	}
	for _, i := range []int{0, 1, 7, 500, 1999} {
		quote := fmt.Sprintf("Статья %d: the minister said “no drones” on day %d.", i, i)
		s, err := tx.Locate(quote, 0)
		if err != nil {
			t.Fatalf("Locate(%q): %v", quote, err)
		}
		checkSpan(t, text, s)
		want := strings.Index(text, fmt.Sprintf("Статья %d:", i))
		if s.Start != utf8.RuneCountInString(text[:want]) {
			t.Errorf("Locate(%q) starts at %d, want %d", quote, s.Start, utf8.RuneCountInString(text[:want]))
		}
	}
	n := strings.Count(text, "no drones")
	if _, err := tx.Locate("no drones", 0); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("occurs %d times", n)) {
		t.Errorf("a repeated quote: %v; want it to occur %d times", err, n)
	}
	s, err := tx.Locate("no drones", n)
	if err != nil {
		t.Fatal(err)
	}
	if want := utf8.RuneCountInString(text[:strings.LastIndex(text, "no drones")]); s.Start != want {
		t.Errorf("the last occurrence starts at %d, want %d", s.Start, want)
	}
	if !tx.Has("on day 1999.") || tx.Has("on day 99999.") {
		t.Error("Has disagrees with the text")
	}
}
