package provenance

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Has reports whether s occurs anywhere in the text, white space compared
// loosely as in Locate.
func (t *Text) Has(s string) bool {
	q := foldSpace(s)
	return q != "" && utf8.ValidString(s) && len(t.occurrences(q, 1)) > 0 // any one will do
}

// Passage is a short text, such as a located quote, for Has checks only:
// no offsets, no index, no hash.
type Passage string

// NewPassage prepares text for Has.
func NewPassage(text string) Passage { return Passage(foldSpace(text)) }

// Has reports whether s occurs in the passage, white space compared
// loosely as in Locate.
func (p Passage) Has(s string) bool {
	q := foldSpace(s)
	return q != "" && utf8.ValidString(s) && strings.Contains(string(p), q)
}

// foldSpace folds every run of white space to one space and trims the ends.
func foldSpace(s string) string { return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ") }
