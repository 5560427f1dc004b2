package normalize

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestSlip(t *testing.T) {
	for _, tc := range []struct {
		written, name string
		distance      int
		ok            bool
	}{
		{"Officals", "officials", 1, true}, // a letter left out, case aside
		{"PERSON-7", "person-7", 0, true},  // case alone
		{"tj-mod", "tj-mfa", 2, true},      // two in six
		{"tj-mod", "tj-mid", 1, true},
		{"abc", "abd", 1, true},         // one in a short name
		{"abc", "acd", 0, false},        // two in a short one make another name
		{"Душамбе", "Душанбе", 1, true}, // characters, not bytes
		{"Ministry of Defense", "Ministry of Defence", 1, true},
		{"Ministry of Defense", "Ministry of Foreign Affairs", 0, false},
		{"person-0000000-0", "person-0000000-01234", 0, false}, // lengths too far apart
		{"Serbja", "Serbia", 1, true},
		{"Serbja", "Serbian", 2, true},
		{"Ukriane", "Ukraine", 1, true},             // two letters swapped: one slip
		{"South Korea", "North Korea", 0, false},    // another first letter: another name
		{"Gaza", "Ghana", 0, false},                 // two in a short name
		{"abcd", "abxy", 0, false},                  // four characters: one edit
		{"abcde", "abxde", 1, true},                 // five: one edit
		{"abcde", "abxye", 0, false},                // five: not two
		{"abcdef", "abxyef", 2, true},               // six: two
		{"abcdefghijkl", "abxyzfghijkl", 0, false},  // twelve: not three
		{"abcdefghijklm", "abxyzfghijklm", 3, true}, // thirteen: three
		{"k", "\u212a", 0, true},                    // the Kelvin sign
		{"a", "", 0, false},                         // nothing is no name
		{"", "a", 0, false},                         // nor nothing written
	} {
		d, ok := NewSlip(tc.written).For(tc.name)
		if ok != tc.ok || ok && d != tc.distance {
			t.Errorf("NewSlip(%q).For(%q) = %d, %v; want %d, %v", tc.written, tc.name, d, ok, tc.distance, tc.ok)
		}
	}
	// The closest, and the first of the equally close.
	if i := NewSlip("Serbja").Closest([]string{"Serbian", "Nigeria", "Serbia", "Gambia"}); i != 2 {
		t.Errorf("Closest = %d, want 2 (Serbia)", i)
	}
	if i := NewSlip("abc").Closest([]string{"xyz", "abd", "abe"}); i != 1 {
		t.Errorf("Closest = %d, want 1 (the first of two at one)", i)
	}
	if i := NewSlip("abc").Closest([]string{"xyz"}); i != -1 {
		t.Errorf("Closest = %d, want -1", i)
	}
}

// alignment is the textbook table of the optimal string alignment
// distance (insertions, deletions, substitutions and swaps of neighbours),
// case aside, to check Slip's bit-parallel one against.
func alignment(a, b string) int {
	x, y := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

// TestSlipDistance: the bit-parallel distance is the table's, for random
// strings of up to 64 characters over few letters, cased and not, ASCII
// and not: half of them a few edits apart.
func TestSlipDistance(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("abAB-0ыЫéKkİiȺⱥ\u212a") // the Kelvin sign is a k, in lower case
	letter := func() rune { return alphabet[rng.IntN(len(alphabet))] }
	word := func(n int) []rune {
		r := make([]rune, n)
		for i := range r {
			r[i] = letter()
		}
		return r
	}
	for range 50_000 {
		a := word(1 + rng.IntN(maxSlip))
		b := word(rng.IntN(maxSlip + 6))
		if rng.IntN(2) == 0 {
			b = slices.Clone(a)
			for range rng.IntN(5) {
				switch i := rng.IntN(len(b) + 1); rng.IntN(4) {
				case 0:
					b = slices.Insert(b, i, letter())
				case 1:
					if i < len(b) {
						b = slices.Delete(b, i, i+1)
					}
				case 2:
					if i < len(b) {
						b[i] = letter()
					}
				default:
					if i+1 < len(b) {
						b[i], b[i+1] = b[i+1], b[i]
					}
				}
			}
		}
		if got, want := NewSlip(string(a)).distance(string(b)), alignment(string(a), string(b)); got != want {
			t.Fatalf("distance(%q, %q) = %d, want %d", string(a), string(b), got, want)
		}
	}
	// Longer than a word's bits: no slip, whatever the name.
	long := strings.Repeat("a", maxSlip+1)
	if _, ok := NewSlip(long).For(long); ok {
		t.Errorf("a name of %d characters is a slip for itself", maxSlip+1)
	}
}

// TestPairSlips: the closest pairs are matched first, each name once, ties
// to the first written; a sure pair comes before any slip.
func TestPairSlips(t *testing.T) {
	tests := []struct {
		written, names []string
		sure           func(w, n int) bool
		want           []int
	}{
		// "Date" differs by case only: it takes "date" before "dtae" can.
		{[]string{"dtae", "Date"}, []string{"id", "date"}, nil, []int{-1, 1}},
		// Equally close: the first written takes it.
		{[]string{"daet", "dtae"}, []string{"date"}, nil, []int{0, -1}},
		// No slip: another first letter.
		{[]string{"rate"}, []string{"date"}, nil, []int{-1}},
		// Sure beats a closer slip: a takes y, then b takes x.
		{[]string{"outlet-x.txt", "outlet-y.txt"}, []string{"outlet-x.txt", "outlet-z.txt"}, func(w, n int) bool { return w == 0 && n == 1 }, []int{1, 0}},
	}
	for _, tt := range tests {
		if got := PairSlips(tt.written, tt.names, tt.sure); !slices.Equal(got, tt.want) {
			t.Errorf("PairSlips(%q, %q) = %v, want %v", tt.written, tt.names, got, tt.want)
		}
	}
}
