package provenance

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// TestFoldSpace: the shortcut for text already folded gives what folding
// gives, on strings made of the characters that matter.
func TestFoldSpace(t *testing.T) {
	fold := func(s string) string { return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ") }
	pieces := []string{"a", "é", " ", "  ", "\t", "\n", "\r", "\u00a0", "\u2009", "\u0085", "\xff", "’", "x y"}
	r := rand.New(rand.NewPCG(3, 4))
	shortcuts := 0
	for range 100_000 {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := foldSpace(s), fold(s); got != want {
			t.Fatalf("foldSpace(%q) = %q, want %q", s, got, want)
		}
		if isFolded(s) {
			shortcuts++
		}
	}
	if shortcuts < 1000 {
		t.Fatalf("only %d strings took the shortcut", shortcuts)
	}
}
