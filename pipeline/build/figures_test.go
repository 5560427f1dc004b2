package build

import "testing"

// TestValueOfText: a figure's value is the number its text gives, in
// digits or words, or that number's first word with the rest its unit,
// or a percentage as a fraction; a text that gives no readable number is
// not compared.
func TestValueOfText(t *testing.T) {
	tests := []struct {
		value float64
		text  string
		want  bool
	}{
		{22, "22", true},
		{21, "12", false},
		{12, "twelve", true},
		{1200, "1,200", true},
		{1.5e6, "1.5 million", true},
		{1.5, "1.5 million", true}, // unit: million dollars
		{15, "1.5 million", false},
		{2, "two million", true},
		{40, "40%", true},
		{0.4, "40%", true},
		{4, "40%", false},
		{36, "3 dozen", true},
		{5, "dozens", true}, // nothing to compare
		{3, "a few", true},
		{4.1e6, "4.1 million", true},
		{4.1, "4.1 million", true},
		{1200, "1.200", true},
		{1.2, "1.200", true},
		{12, "1.200", false},
		{1.5e6, "1.500.000", true},
	}
	for _, tt := range tests {
		if got := valueOfText(tt.value, tt.text); got != tt.want {
			t.Errorf("valueOfText(%v, %q) = %v, want %v", tt.value, tt.text, got, tt.want)
		}
	}
}
