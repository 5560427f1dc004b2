package normalize

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Slip tells whether a name a curator wrote may be a slip of the keyboard
// for another: a letter left out, added, doubled or mistyped, or a
// difference of case. It is what "did you mean" suggestions are made of.
// A Slip reuses its buffers from call to call, so one goroutine uses it at
// a time.
type Slip struct {
	written   []rune // in lower case
	name      []rune
	prev, cur []int
}

// NewSlip returns a Slip for what was written.
func NewSlip(written string) *Slip {
	return &Slip{written: lower(nil, written)}
}

// For says whether what was written may be a slip for name, and how far
// it is from it: their edit distance (characters inserted, deleted or
// replaced, case aside) must be at most one for a name of up to four
// characters, two up to twelve, and three beyond.
func (s *Slip) For(name string) (distance int, ok bool) {
	n := utf8.RuneCountInString(name)
	limit := 3
	switch longer := max(len(s.written), n); {
	case longer <= 4:
		limit = 1
	case longer <= 12:
		limit = 2
	}
	if abs(len(s.written)-n) > limit {
		return 0, false
	}
	s.name = lower(s.name[:0], name)
	d := s.editDistance(limit)
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

// editDistance is the Levenshtein distance of s.written and s.name, or
// limit+1 once it is certain to exceed limit (every entry of a row does).
func (s *Slip) editDistance(limit int) int {
	a, b := s.written, s.name
	s.prev = slices.Grow(s.prev[:0], len(b)+1)[:len(b)+1]
	s.cur = slices.Grow(s.cur[:0], len(b)+1)[:len(b)+1]
	prev, cur := s.prev, s.cur
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// lower appends s's characters, in lower case, to dst.
func lower(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, unicode.ToLower(r))
	}
	return dst
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
