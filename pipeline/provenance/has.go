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
// Most quotes and names need no folding, and are returned as they are.
func foldSpace(s string) string {
	if isFolded(s) {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// isFolded reports whether s is already folded: no white space but single
// spaces between other characters.
func isFolded(s string) bool {
	space := true // a space here would lead the string
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false
			}
			i, space = i+size, false
			continue
		}
		switch c {
		case ' ':
			if space {
				return false
			}
			space = true
		case '\t', '\n', '\v', '\f', '\r':
			return false
		default:
			space = false
		}
		i++
	}
	return !space || s == ""
}
