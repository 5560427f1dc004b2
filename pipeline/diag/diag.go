// Package diag collects data errors with their positions, so that a run can
// report every mistake in the inputs at once, sorted, one per line as
// "file:line:col: message", the way Go's own tools do.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pos is a position in an input file. Line and Col count from 1; Col counts
// Unicode code points, as editors show it. A zero Line means the position is
// the file as a whole.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	file := p.File
	if !printable(file) {
		// Quoted, as Go writes a string: a name with a line break split
		// an error over two lines, and one with bytes that are not UTF-8
		// printed them raw.
		file = strconv.Quote(file)
	}
	switch {
	case p.Line == 0:
		return file
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// printable reports whether name is valid UTF-8 of printable characters
// only (strconv.IsPrint: no control or format characters, such as the
// right-to-left override, which reorders how a line reads), so that it
// can be written as it is.
func printable(name string) bool {
	if !utf8.ValidString(name) {
		return false
	}
	for _, r := range name {
		if !strconv.IsPrint(r) {
			return false
		}
	}
	return true
}

// Less orders positions by file, then line, then column.
func (p Pos) Less(q Pos) bool {
	if p.File != q.File {
		return p.File < q.File
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

// Error is one data error at a position.
type Error struct {
	Pos Pos
	Msg string
	// Note marks a line that is not an error of its own but says
	// something of the others (that some are held back): it is listed
	// with them, and not counted.
	Note bool
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// List is every data error of a run. Its zero value is ready to use.
type List []*Error

// Add records an error at pos.
func (l *List) Add(pos Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Errors counts the errors of l, but for its notes.
func (l List) Errors() int {
	n := 0
	for _, e := range l {
		if !e.Note {
			n++
		}
	}
	return n
}

// Append adds all errors of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort orders the list by position, then message, and drops exact repeats.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Pos != s[j].Pos {
			return s[i].Pos.Less(s[j].Pos)
		}
		return s[i].Msg < s[j].Msg
	})
	out := s[:0]
	for i, e := range s {
		if i > 0 && *e == *s[i-1] {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// Err returns the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error lists every error, one per line.
func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// AsList reports whether err is (or wraps) a List of data errors.
func AsList(err error) (List, bool) {
	var l List
	ok := errors.As(err, &l)
	return l, ok
}
