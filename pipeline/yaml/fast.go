package yaml

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// The YAML library decodes about 15 MB a second on one core: at a million
// statements it took 30 s of a 130 s build. Data files use a small part of
// YAML, and fastParse reads that part alone, about ten times faster. It
// gives up on anything else (block scalars, multi-line or escaped scalars,
// anchors, tags, document markers, empty values, tabs, carriage returns,
// unusual characters, and every error), and Decode then asks the library.
//
// Where fastParse gives a tree it is the library's own, value for value and
// position for position: FuzzFastParse checks this on every input it makes.
//
// The part it reads:
//
//	# comments, on their own line or after a value
//	key: plain value
//	key: 'single-quoted' or "double-quoted, with \" and \\ only"
//	key: {key: value, key: [value, value]}   (flow, on one line)
//	key:
//	  nested: mapping
//	list:
//	  - item
//	  - key: mapping in a list
//	    key: value
//
// Keys are plain words: letters, digits, '_' and '-'.

// fastParse parses src, or reports ok false when src goes beyond the part
// it reads (including any invalid YAML).
func fastParse(src string) (root *node, ok bool) {
	return new(fastParser).parse(src)
}

// parsers keeps fastParsers between files, for their memory: a file's tree
// is garbage once decoded, and the next file's is built in its place.
var parsers = sync.Pool{New: func() any { return new(fastParser) }}

// parse parses src; the tree lives until the parser's next parse.
func (p *fastParser) parse(src string) (root *node, ok bool) {
	if !fastChars(src) {
		return nil, false
	}
	*p = fastParser{src: src, chunks: p.chunks, kids: p.kids, stack: p.stack[:0]}
	p.nextLine()
	if p.eof || p.indent != 0 {
		return nil, false
	}
	root = p.block(0)
	if root == nil || !p.eof {
		return nil, false
	}
	return root, true
}

// fastChars reports whether src holds only characters whose reading the
// fast parser is sure of: no tabs, no carriage returns or other control
// characters, no line or paragraph separators (which YAML 1.1 breaks lines
// at), no byte-order marks, nothing beyond the Basic Multilingual Plane.
func fastChars(src string) bool {
	for i := 0; i < len(src); {
		b := src[i]
		if b < utf8.RuneSelf {
			if b < 0x20 && b != '\n' || b == 0x7F {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(src[i:])
		if r < 0xA0 || r == 0x2028 || r == 0x2029 || r == 0xFEFF || r >= 0xFFFE || r == utf8.RuneError {
			return false
		}
		i += size
	}
	return true
}

// fastParser reads src a line at a time. After nextLine, line is the next
// line with content (neither blank nor only a comment), from its first
// character that is not a space; indent is its column less one.
type fastParser struct {
	src    string
	pos    int // start of the line after the current one
	lineNo int // of the current line, from 1
	start  int // offset of the current line in src
	line   string
	indent int
	eof    bool
	depth  int // of the collections being parsed

	// Nodes and lists of children are cut from blocks that the parser
	// keeps from one file to the next, and the children of collections
	// being parsed wait on a stack: a tree then costs no allocation once
	// the blocks are as large as the largest file needs.
	chunks [][]node  // blocks of nodes, the first used of them full
	used   int       // nodes used of the current block, chunks[chunk]
	chunk  int       // the current block
	kids   [][]*node // blocks of children, used as chunks are
	kidsAt int       // children used of the current block, kids[kid]
	kid    int
	stack  []*node
}

const chunkSize = 1024

// newNode returns a node of the tree being parsed.
func (p *fastParser) newNode(n node) *node {
	if p.chunk < len(p.chunks) && p.used == chunkSize {
		p.chunk, p.used = p.chunk+1, 0
	}
	if p.chunk == len(p.chunks) {
		p.chunks = append(p.chunks, make([]node, chunkSize))
	}
	slot := &p.chunks[p.chunk][p.used]
	*slot = n
	p.used++
	return slot
}

// popChildren returns the children pushed on the stack since its height
// was base, and takes them off.
func (p *fastParser) popChildren(base int) []*node {
	pushed := p.stack[base:]
	if p.kid < len(p.kids) && p.kidsAt+len(pushed) > len(p.kids[p.kid]) {
		p.kid, p.kidsAt = p.kid+1, 0
	}
	if p.kid == len(p.kids) {
		p.kids = append(p.kids, make([]*node, max(chunkSize, len(pushed))))
	}
	if len(pushed) > len(p.kids[p.kid]) {
		p.kids[p.kid] = make([]*node, len(pushed)) // a block kept from a smaller file
	}
	out := p.kids[p.kid][p.kidsAt : p.kidsAt+len(pushed) : p.kidsAt+len(pushed)]
	copy(out, pushed)
	p.kidsAt += len(pushed)
	p.stack = p.stack[:base]
	return out
}

// maxDepth bounds the nesting fastParse reads; the library refuses more
// than 10,000 levels, and data files need a few.
const maxDepth = 50

// maxKey is the longest key fastParse reads.
const maxKey = 100

func (p *fastParser) nextLine() {
	for p.pos < len(p.src) {
		p.start = p.pos
		end := strings.IndexByte(p.src[p.pos:], '\n')
		if end < 0 {
			end = len(p.src)
		} else {
			end += p.pos
		}
		p.pos = end + 1
		p.lineNo++
		full := p.src[p.start:end]
		text := strings.TrimLeft(full, " ")
		if text == "" || text[0] == '#' {
			continue
		}
		p.line, p.indent = text, len(full)-len(text)
		return
	}
	p.eof, p.line = true, ""
}

// col is the column (in characters, from 1) of offset i of p.line.
func (p *fastParser) col(i int) int {
	prefix := p.line[:i]
	for j := 0; j < len(prefix); j++ {
		if prefix[j] >= utf8.RuneSelf {
			return p.indent + utf8.RuneCountInString(prefix) + 1
		}
	}
	return p.indent + i + 1
}

// block parses the block node whose first line is the current one, at
// column indent+1: a sequence if it starts with "- ", else a mapping.
func (p *fastParser) block(indent int) *node {
	if p.depth++; p.depth > maxDepth {
		return nil
	}
	defer func() { p.depth-- }()
	if isItem(p.line) {
		return p.sequence(indent)
	}
	return p.mapping(indent)
}

func isItem(text string) bool { return text == "-" || strings.HasPrefix(text, "- ") }

// sequence parses block sequence items at the current indent.
func (p *fastParser) sequence(indent int) *node {
	seq := p.newNode(node{kind: sequenceNode, line: p.lineNo, col: indent + 1})
	base := len(p.stack)
	for !p.eof && p.indent == indent && isItem(p.line) {
		rest := strings.TrimLeft(p.line[1:], " ")
		if rest == "" || rest[0] == '#' || isItem(rest) {
			return nil // an item on the lines below, or an empty one
		}
		at := len(p.line) - len(rest)
		var item *node
		if _, _, isKey := keyAt(rest); isKey {
			// "- key: value": a mapping whose keys stand at the column
			// of this first one.
			p.line, p.indent = rest, p.indent+at
			item = p.block(p.indent)
		} else {
			item = p.valueLine(at, indent)
		}
		if item == nil {
			return nil
		}
		p.stack = append(p.stack, item)
	}
	if !p.eof && p.indent > indent {
		return nil
	}
	seq.content = p.popChildren(base)
	return seq
}

// keyAt reports whether text starts with a plain key and ": " (or ":" at the
// end of the line), and where the key ends and the value starts.
func keyAt(text string) (keyEnd, valueStart int, ok bool) {
	i := 0
	for i < len(text) && isKeyByte(text[i]) {
		i++
	}
	// The library takes no key longer than 1,024 characters.
	if i == 0 || i > maxKey || text[0] == '-' || i >= len(text) || text[i] != ':' {
		return 0, 0, false
	}
	if i+1 == len(text) {
		return i, i + 1, true
	}
	if text[i+1] != ' ' {
		return 0, 0, false
	}
	j := i + 1
	for j < len(text) && text[j] == ' ' {
		j++
	}
	return i, j, true
}

func isKeyByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '-'
}

// mapping parses block mapping entries at the current indent.
func (p *fastParser) mapping(indent int) *node {
	m := p.newNode(node{kind: mappingNode, line: p.lineNo, col: p.col(0)})
	base := len(p.stack)
	for !p.eof && p.indent == indent {
		keyEnd, valueStart, ok := keyAt(p.line)
		if !ok {
			return nil
		}
		key := p.newNode(node{kind: scalarNode, value: p.line[:keyEnd], line: p.lineNo, col: p.col(0), plain: true, null: isNullWord(p.line[:keyEnd])})
		var value *node
		if rest := p.line[valueStart:]; rest == "" || rest[0] == '#' {
			// The value is on the lines below: a nested block, or a
			// sequence that may stand at the key's own column. A comment
			// after the key is the key's line comment, as the library
			// has it, and read as it reads one (see fromLibrary).
			if rest != "" && !key.null {
				key.tagged = hashtag(rest)
			}
			p.nextLine()
			switch {
			case p.eof:
				return nil // an empty value: its position is the library's secret
			case p.indent > indent:
				value = p.block(p.indent)
			case p.indent == indent && isItem(p.line):
				value = p.block(indent)
			default:
				return nil
			}
		} else {
			value = p.valueLine(valueStart, indent)
		}
		if value == nil {
			return nil
		}
		p.stack = append(p.stack, key, value)
	}
	if !p.eof && p.indent > indent {
		return nil
	}
	m.content = p.popChildren(base)
	return m
}

// valueLine parses the value at offset i of the current line, which must
// end with it: the next line may not be indented past indent (where it
// would continue the value). It moves on to the next line.
func (p *fastParser) valueLine(i, indent int) *node {
	n := p.lineValue(i)
	if n == nil {
		return nil
	}
	p.nextLine()
	if !p.eof && p.indent > indent {
		return nil // a value continued on the next line
	}
	return n
}

// lineValue parses the value that starts at offset i of the current line
// and ends with it (but for a comment).
func (p *fastParser) lineValue(i int) *node {
	text := p.line
	var n *node
	var end int
	switch text[i] {
	case '{', '[':
		n, end = p.flow(i)
	case '"', '\'':
		n, end = p.quoted(i)
	default:
		if !plainStart(text[i:]) {
			return nil
		}
		end = strings.Index(text[i:], " #")
		if end < 0 {
			end = len(text)
		} else {
			end += i
		}
		value := strings.TrimRight(text[i:end], " ")
		if strings.Contains(value, ": ") || strings.HasSuffix(value, ":") {
			return nil
		}
		n := node{kind: scalarNode, value: value, line: p.lineNo, col: p.col(i), plain: true, null: isNullWord(value)}
		if !n.null && end < len(text) {
			n.tagged = hashtag(text[end+1:])
		}
		return p.newNode(n)
	}
	if n == nil || !restIsComment(text[end:]) {
		return nil
	}
	return n
}

// plainStart reports whether a plain scalar may start text: YAML's
// indicators start other things (or nothing valid), and "-", "?" and ":"
// only in some cases, which are left to the library.
func plainStart(text string) bool {
	switch text[0] {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	}
	return true
}

// isNullWord reports whether a plain scalar is YAML's null.
func isNullWord(v string) bool {
	switch v {
	case "", "~", "null", "Null", "NULL":
		return true
	}
	return false
}

func restIsComment(rest string) bool {
	t := strings.TrimLeft(rest, " ")
	return t == "" || t[0] == '#' && len(t) < len(rest)
}

// quoted parses the quoted scalar at offset i of the current line; end is
// the offset after its closing quote.
func (p *fastParser) quoted(i int) (n *node, end int) {
	text := p.line
	q := text[i]
	var b strings.Builder
	j := i + 1
	from := j // of the text not yet copied into b
	for j < len(text) {
		c := text[j]
		switch {
		case c == q && q == '\'' && j+1 < len(text) && text[j+1] == '\'':
			b.WriteString(text[from : j+1])
			j += 2
			from = j
			continue
		case c == q:
			value := text[from:j]
			if b.Len() > 0 {
				b.WriteString(value)
				value = b.String()
			}
			return p.newNode(node{kind: scalarNode, value: value, line: p.lineNo, col: p.col(i)}), j + 1
		case c == '\\' && q == '"':
			if j+1 >= len(text) || text[j+1] != '"' && text[j+1] != '\\' {
				return nil, 0
			}
			b.WriteString(text[from:j])
			j++
			from = j
		}
		j++
	}
	return nil, 0 // closed on a later line, if at all
}

// flow parses the flow mapping or sequence at offset i of the current line;
// end is the offset after its closing bracket.
func (p *fastParser) flow(i int) (n *node, end int) {
	if p.depth++; p.depth > maxDepth {
		return nil, 0
	}
	defer func() { p.depth-- }()
	text := p.line
	open := text[i]
	n = p.newNode(node{kind: sequenceNode, line: p.lineNo, col: p.col(i)})
	base := len(p.stack)
	closing := byte(']')
	if open == '{' {
		n.kind, closing = mappingNode, '}'
	}
	j := skipSpaces(text, i+1)
	if j < len(text) && text[j] == closing {
		return n, j + 1
	}
	for {
		if n.kind == mappingNode {
			keyEnd, _, ok := keyAt(text[j:])
			if !ok || j+keyEnd+1 == len(text) {
				return nil, 0
			}
			key := text[j : j+keyEnd]
			p.stack = append(p.stack, p.newNode(node{kind: scalarNode, value: key, line: p.lineNo, col: p.col(j), plain: true, null: isNullWord(key)}))
			j = skipSpaces(text, j+keyEnd+1)
		}
		item, after := p.flowItem(j)
		if item == nil {
			return nil, 0
		}
		p.stack = append(p.stack, item)
		j = skipSpaces(text, after)
		if j >= len(text) {
			return nil, 0
		}
		switch text[j] {
		case closing:
			n.content = p.popChildren(base)
			return n, j + 1
		case ',':
			j = skipSpaces(text, j+1)
			if j >= len(text) || text[j] == closing || text[j] == ',' {
				return nil, 0 // a trailing comma, or an empty entry
			}
		default:
			return nil, 0
		}
	}
}

// flowItem parses a value inside a flow collection, at offset i.
func (p *fastParser) flowItem(i int) (n *node, end int) {
	text := p.line
	if i >= len(text) {
		return nil, 0
	}
	switch text[i] {
	case '{', '[':
		return p.flow(i)
	case '"', '\'':
		return p.quoted(i)
	}
	if !plainStart(text[i:]) {
		return nil, 0
	}
	j := i
	for j < len(text) {
		c := text[j]
		// The library ends a plain scalar in a flow at '?' too.
		if c == ',' || c == ']' || c == '}' || c == '[' || c == '{' || c == ':' || c == '?' || c == '#' && text[j-1] == ' ' {
			break
		}
		j++
	}
	if j < len(text) && (text[j] == '[' || text[j] == '{' || text[j] == ':' || text[j] == '?' || text[j] == '#') {
		return nil, 0
	}
	value := strings.TrimRight(text[i:j], " ")
	return p.newNode(node{kind: scalarNode, value: value, line: p.lineNo, col: p.col(i), plain: true, null: isNullWord(value)}), i + len(value)
}

func skipSpaces(text string, i int) int {
	for i < len(text) && text[i] == ' ' {
		i++
	}
	return i
}
