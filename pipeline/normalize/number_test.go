package normalize

import (
	"math"
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		text    string
		n       float64
		percent bool
		ok      bool
	}{
		{"22", 22, false, true},
		{"1,200", 1200, false, true},
		{"1,234,567", 1234567, false, true},
		{"3.5", 3.5, false, true},
		{"40%", 40, true, true},
		{"two", 2, false, true},
		{"Twelve", 12, false, true},
		{"twenty-two", 22, false, true},
		{"twenty two", 22, false, true},
		{"two hundred", 200, false, true},
		{"two hundred and five", 205, false, true},
		{"three thousand four hundred", 3400, false, true},
		{"1.5 million", 1.5e6, false, true},
		{"22 thousand", 22000, false, true},
		{"a dozen", 12, false, true},
		{"a million", 1e6, false, true},
		{"two million", 2e6, false, true},
		{"dozens", 0, false, false},
		{"a few", 0, false, false},
		{"", 0, false, false},
		{"1,20", 0, false, false},
		{"twenty-twenty", 0, false, false},
		{"two three", 0, false, false},
		{"million", 0, false, false},
		{"22 drones", 0, false, false},
		{"a", 0, false, false},
		{"4.1 million", 4.1e6, false, true},
		{"8.2 billion", 8.2e9, false, true},
		{"16.1 thousand", 16100, false, true},
		{"twenty one", 21, false, true},
		{"twenty zero", 0, false, false},
		{"20 two", 0, false, false},
		{"100 and five", 0, false, false},
		{"five thousand five thousand", 0, false, false},
		{"two thousand three million", 0, false, false},
		{"two million three thousand", 2003000, false, true},
		{strings.Repeat("9", 308) + " billion", 0, false, false},
	}
	for _, tt := range tests {
		n, percent, ok := ParseNumber(tt.text)
		if ok != tt.ok || ok && (n != tt.n || percent != tt.percent) {
			t.Errorf("ParseNumber(%q) = %v, %v, %v; want %v, %v, %v", tt.text, n, percent, ok, tt.n, tt.percent, tt.ok)
		}
	}
}

// FuzzParseNumber: whatever the text, ParseNumber returns, and a number it
// reads is finite and not negative (no text writes a minus).
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"22", "1,200", "3.5", "40%", "twenty-two", "two hundred and five", "1.5 million", "a dozen", "dozens", "1,20", strings.Repeat("9", 400)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n, _, ok := ParseNumber(text)
		if ok && (n < 0 || math.IsInf(n, 0) || math.IsNaN(n)) {
			t.Errorf("ParseNumber(%q) = %v", text, n)
		}
	})
}
