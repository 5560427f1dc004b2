package yaml

import "newsfacts/pipeline/diag"

// NullScalar is the value v, written at pos as a null (~, null, or
// nothing), for tests outside the package.
func NullScalar(v string, at diag.Pos) Scalar {
	s := NewScalar(v, at)
	s.col = -s.col
	return s
}

// SameName reports whether a and b share one copy of their file's name.
func SameName(a, b Scalar) bool { return a.file == b.file }
