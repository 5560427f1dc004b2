package yaml

import (
	"bytes"
	"fmt"
	"strings"

	"newsfacts/pipeline/diag"
)

// maxSyntaxErrors bounds the syntax errors reported of one file: finding
// each one costs a parse of the whole file.
const maxSyntaxErrors = 10

// parseSkipping is libraryParse that goes on after a syntax error inside an
// item of a list (a statement, an entity): it blanks the item's lines out
// and parses again, so that a file with a mistake in each of three
// statements reports the three at once. It returns the text it parsed last,
// whose lines are those of data (blanked, not removed, so that every
// position stands), and the first lines of the items it skipped. An error
// outside any item (in a top-level key's value), one whose place is not
// certain (the library's own), or one after maxSyntaxErrors, ends it, and
// root is nil.
func parseSkipping(file string, data []byte, errs *diag.List) (root *node, parsed []byte, skipped []int) {
	parsed = data
	for {
		root, at := libraryParseAt(file, parsed, errs)
		if root != nil || at.line == 0 {
			return root, parsed, skipped
		}
		if len(skipped)+1 >= maxSyntaxErrors {
			last := (*errs)[len(*errs)-1]
			last.Msg += fmt.Sprintf(" (the reading of this file stops here: at most %d syntax errors a file are reported)", maxSyntaxErrors)
			return nil, parsed, skipped
		}
		// An indentation that lines up with nothing, as the last one
		// skipped did: most likely one slip (the first item indented as
		// no other) that every item after it now seems to repeat.
		// Reported once, and the file's reading stops, as before
		// skipping.
		if n := len(*errs); len(skipped) > 0 && n >= 2 && (*errs)[n-1].Msg == (*errs)[n-2].Msg && strings.Contains((*errs)[n-1].Msg, "lines up with no line above it") {
			*errs = (*errs)[:n-1]
			return nil, parsed, skipped
		}
		if !at.certain {
			// The library's own line, which can be lines before the
			// mistake (before the list that holds it): no item is
			// surely the one to skip.
			return nil, parsed, skipped
		}
		lines := splitLines(parsed)
		from, to, found := lines.item(at.line)
		if !found || at.line > to {
			return nil, parsed, skipped
		}
		skipped = append(skipped, lines.itemStarts(from, to)...)
		parsed = lines.blank(parsed, from, to)
	}
}

// textLines holds the lines of a text, each as the bytes from its start to
// its line break (a \r before \n is part of the break); index 0 is line 1.
type textLines struct {
	text  []byte
	spans [][2]int
}

func splitLines(text []byte) textLines {
	l := textLines{text: text}
	for start := 0; start <= len(text); {
		end := bytes.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text) - start
		}
		stop := start + end
		if stop > start && stop < len(text) && text[stop-1] == '\r' {
			stop--
		}
		l.spans = append(l.spans, [2]int{start, stop})
		start += end + 1
	}
	return l
}

func (l textLines) line(n int) []byte { return l.text[l.spans[n-1][0]:l.spans[n-1][1]] }

// indent is how many spaces (or tabs, a slip of their own) start line n;
// content, whether it holds more than those and a comment.
func (l textLines) indent(n int) (indent int, content bool) {
	text := l.line(n)
	rest := bytes.TrimLeft(text, " \t")
	return len(text) - len(rest), len(rest) > 0 && rest[0] != '#'
}

// isItemLine says whether a line (after its indentation) starts a list item.
func isItemLine(rest []byte) bool {
	return len(rest) > 0 && rest[0] == '-' && (len(rest) == 1 || rest[1] == ' ')
}

// item finds the item of a top-level key's list that holds line n: the
// lines from its "- " to the last before the next item or key. A line
// indented less than the item's keys, but more than the top-level keys, is
// taken as the item's: a slip of indentation, the most likely syntax
// error there, ends no item. ok is false when no item holds line n: it is
// a top-level key's, or that key's value is not a list.
func (l textLines) item(n int) (from, to int, ok bool) {
	if n < 1 || n > len(l.spans) {
		return 0, 0, false
	}
	// The top-level key above n, and the indentation of its list's dashes.
	key := n
	for ; key >= 1; key-- {
		indent, content := l.indent(key)
		if content && indent == 0 && !isItemLine(l.line(key)) {
			break
		}
	}
	if key == n {
		return 0, 0, false
	}
	first := l.nextContent(key)
	if first == 0 || first > n {
		return 0, 0, false
	}
	indent, _ := l.indent(first)
	if !isItemLine(l.line(first)[indent:]) {
		return 0, 0, false
	}
	dash := indent
	isDash := func(k int) bool {
		indent, content := l.indent(k)
		return content && indent <= dash && isItemLine(l.line(k)[indent:])
	}
	for from = n; !isDash(from); from-- {
	}
	to = from
	for k := from + 1; k <= len(l.spans); k++ {
		indent, content := l.indent(k)
		if !content {
			continue
		}
		if indent == 0 || indent < dash || isDash(k) {
			break
		}
		to = k
	}
	return from, to, true
}

// itemStarts lists the lines from..to that start an item of the list
// whose item starts at from.
func (l textLines) itemStarts(from, to int) []int {
	dash, _ := l.indent(from)
	var starts []int
	for k := from; k <= to; k++ {
		if indent, content := l.indent(k); content && indent <= dash && isItemLine(l.line(k)[indent:]) {
			starts = append(starts, k)
		}
	}
	return starts
}

// nextContent is the first line after n with content, or 0.
func (l textLines) nextContent(n int) int {
	for k := n + 1; k <= len(l.spans); k++ {
		if _, content := l.indent(k); content {
			return k
		}
	}
	return 0
}

// blank returns a copy of text with the lines from..to emptied, their line
// breaks kept.
func (l textLines) blank(text []byte, from, to int) []byte {
	out := make([]byte, 0, len(text))
	out = append(out, text[:l.spans[from-1][0]]...)
	for k := from; k <= to; k++ {
		end := len(text)
		if k < len(l.spans) {
			end = l.spans[k][0] // the next line's start: this line's break is kept
		}
		out = append(out, text[l.spans[k-1][1]:end]...)
	}
	if to < len(l.spans) {
		out = append(out, text[l.spans[to][0]:]...)
	}
	return out
}
