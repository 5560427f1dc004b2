// Package blocks copies strings into blocks of memory of their own.
//
// A value decoded from YAML is part of its file's text (see package
// yaml), and keeps the whole text alive for as long as it is kept. What
// must outlive the text is copied out: one allocation per value would
// cost a header and a trip to the allocator each, for the millions of
// short values of a large corpus, so the copies are packed into blocks.
package blocks

import (
	"strings"
	"unsafe"
)

// Size is the size of a block. A copy longer than a quarter of it is
// made on its own, leaving the free part of the block to the next.
const Size = 256 << 10

// Copier copies strings into blocks. The zero value is ready to use. A
// Copier is not safe for use by several goroutines at once; each has its
// own, and one reused from file to file (through a sync.Pool, say) does
// not lose the free part of its block.
type Copier struct {
	free []byte // the free part of the current block
}

// Copy returns a copy of s that shares no memory with it. The empty
// string is returned as it is.
func (c *Copier) Copy(s string) string {
	if s == "" {
		return ""
	}
	if len(s) > Size/4 {
		return strings.Clone(s) // its own: the current block keeps its free part
	}
	if len(s) > len(c.free) {
		c.free = make([]byte, Size)
	}
	n := copy(c.free, s)
	copied := unsafe.String(&c.free[0], n) // a block's bytes are never written again
	c.free = c.free[n:]
	return copied
}
