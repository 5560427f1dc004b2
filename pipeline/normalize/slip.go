package normalize

import (
	"unicode"
	"unicode/utf8"
)

// Slip tells whether a name a curator wrote may be a slip of the keyboard
// for another: a letter left out, added, doubled or mistyped, two letters
// swapped, or a difference of case; never the first letter, which a slip
// rarely hits and a different name usually does (South and North Korea).
// It is what "did you mean" suggestions are made of, comparing what was
// written with every name a dataset has (a million of them at a million
// statements), so it allocates nothing per name and computes the edit
// distance a column at a time in the bits of one word (Myers'
// bit-parallel algorithm, with Hyyrö's term for swapped letters, for the
// distance between whole strings): what was written may be up to 64
// characters.
type Slip struct {
	first rune                  // the first character written, in lower case
	n     int                   // characters written, at most 64
	ascii [utf8.RuneSelf]uint64 // for each ASCII character, in lower case, the positions where it was written, as bits
	other map[rune]uint64       // the same for the others
}

// maxSlip is the longest name that Slip compares: a bit a character.
const maxSlip = 64

// NewSlip returns a Slip for what was written.
func NewSlip(written string) *Slip {
	s := &Slip{}
	for _, r := range written {
		if s.n == maxSlip {
			s.n = maxSlip + 1 // too long: no name is a slip for it
			break
		}
		r = unicode.ToLower(r)
		if s.n == 0 {
			s.first = r
		}
		if r < utf8.RuneSelf {
			s.ascii[r] |= 1 << s.n
		} else {
			if s.other == nil {
				s.other = map[rune]uint64{}
			}
			s.other[r] |= 1 << s.n
		}
		s.n++
	}
	return s
}

// For says whether what was written may be a slip for name, and how far
// it is from it: they must begin with the same letter, case aside, and
// their edit distance (characters inserted, deleted or replaced, or two
// neighbours swapped, case aside) must be at most one for a name of up to
// five characters, two up to twelve, and three beyond.
func (s *Slip) For(name string) (distance int, ok bool) {
	n := utf8.RuneCountInString(name)
	limit := 3
	switch longer := max(s.n, n); {
	case longer <= 5:
		limit = 1
	case longer <= 12:
		limit = 2
	}
	if s.n > maxSlip || s.n == 0 || n == 0 || abs(s.n-n) > limit {
		return 0, false
	}
	if first, _ := utf8.DecodeRuneInString(name); unicode.ToLower(first) != s.first {
		return 0, false
	}
	d := s.distance(name)
	return d, d <= limit
}

// Closest returns the index of the name that what was written is the
// closest slip for (the first of those equally close), or -1.
func (s *Slip) Closest(names []string) int {
	best, bestDistance := -1, 0
	for i, name := range names {
		if d, ok := s.For(name); ok && (best < 0 || d < bestDistance) {
			best, bestDistance = i, d
		}
	}
	return best
}

// PairSlips matches each of what was written with the name it may be a
// slip for, each name with one at most: the closest pairs first, so that
// "Date" (another case) is told "date" before a farther "dtae" can take
// it, and ties to the first written, then the first name. sure, if not
// nil, names pairs that are closer than any slip (a text named after its
// source). meant[i] is the index in names of written[i]'s, or -1. It
// compares every pair once a round, a round a pair: callers bound what
// they pass.
func PairSlips(written, names []string, sure func(w, n int) bool) (meant []int) {
	meant = make([]int, len(written))
	slips := make([]*Slip, len(written))
	for i, w := range written {
		meant[i], slips[i] = -1, NewSlip(w)
	}
	taken := make([]bool, len(names))
	for {
		bestWritten, bestName, bestDistance := -1, -1, 0
		for i := range written {
			if meant[i] >= 0 {
				continue
			}
			for j, name := range names {
				d, ok := slips[i].For(name)
				if sure != nil && sure(i, j) {
					d, ok = -1, true
				}
				if ok && !taken[j] && (bestWritten < 0 || d < bestDistance) {
					bestWritten, bestName, bestDistance = i, j, d
				}
			}
		}
		if bestWritten < 0 {
			return meant
		}
		meant[bestWritten], taken[bestName] = bestName, true
	}
}

// distance is the edit distance between what was written (s.n > 0
// characters) and name, case aside, counting two neighbours swapped as
// one edit (the optimal string alignment distance). The bit vectors hold,
// for the column of the table of distances that name's characters so far
// make, whether each entry is one more (pv) or one less (mv) than the one
// above it, and which entries equal the one diagonally before them (d0);
// score is the bottom entry.
func (s *Slip) distance(name string) int {
	last := uint64(1) << (s.n - 1)
	pv, mv, d0, prevEq := ^uint64(0), uint64(0), uint64(0), uint64(0)
	score := s.n
	for i := 0; i < len(name); {
		var eq uint64
		if c := name[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			eq = s.ascii[c]
			i++
		} else {
			r, w := utf8.DecodeRuneInString(name[i:])
			if r = unicode.ToLower(r); r < utf8.RuneSelf {
				eq = s.ascii[r] // the Kelvin sign is a k
			} else {
				eq = s.other[r]
			}
			i += w
		}
		swapped := ((^d0 & eq) << 1) & prevEq // this character and the last, written the other way round
		d0 = (((eq & pv) + pv) ^ pv) | eq | mv | swapped
		ph := mv | ^(d0 | pv)
		mh := pv & d0
		if ph&last != 0 {
			score++
		} else if mh&last != 0 {
			score--
		}
		ph = ph<<1 | 1 // the top entry of each column is one more than the last's
		mh <<= 1
		pv = mh | ^(d0 | ph)
		mv = ph & d0
		prevEq = eq
	}
	return score
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
