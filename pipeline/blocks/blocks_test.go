package blocks

import (
	"strings"
	"testing"
	"unsafe"
)

func TestCopy(t *testing.T) {
	var c Copier
	text := strings.Repeat("0123456789", 10)
	first := c.Copy(text[3:9])
	second := c.Copy(text[20:25])
	long := c.Copy(strings.Repeat("x", Size+1)) // a copy of its own
	third := c.Copy(text[40:42])
	if first != "345678" || second != "01234" || long != strings.Repeat("x", Size+1) || third != "01" {
		t.Fatalf("copies %q, %q, (%d bytes), %q", first, second, len(long), third)
	}
	from := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	for _, s := range []string{first, second, long, third} {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); from <= p && p < from+uintptr(len(text)) {
			t.Errorf("copy %q lies in the text", s)
		}
	}
	// Short copies share a block, one after the other: no copy of its own.
	if unsafe.StringData(second) != (*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(first)), len(first))) {
		t.Error("the second copy does not follow the first in its block")
	}
	// The long copy took nothing from the block: the third follows the second.
	if unsafe.StringData(third) != (*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(second)), len(second))) {
		t.Error("the copy after a long one does not follow the one before it")
	}
	if c.Copy("") != "" {
		t.Error("empty string")
	}
}

// Copies made one after the other never overlap: a later copy does not
// change an earlier one.
func TestCopiesKeepTheirBytes(t *testing.T) {
	var c Copier
	var copies []string
	var want []string
	for i := range 20000 {
		s := strings.Repeat(string(rune('a'+i%26)), 1+i%97)
		want = append(want, s)
		copies = append(copies, c.Copy(s))
	}
	for i := range copies {
		if copies[i] != want[i] {
			t.Fatalf("copy %d is %q, want %q", i, copies[i], want[i])
		}
	}
}
