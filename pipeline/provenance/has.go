package provenance

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Has reports whether s occurs anywhere in the text, white space compared
// loosely as in Locate.
func (t *Text) Has(s string) bool {
	q := strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
	return q != "" && utf8.ValidString(s) && strings.Contains(t.flat, q)
}
