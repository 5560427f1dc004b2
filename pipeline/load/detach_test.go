package load

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"newsfacts/pipeline/blocks"
)

// eachScalar calls f with every Scalar in v, making one item of each list
// it finds empty, so that every field of every kind of item is reached.
func eachScalar(v reflect.Value, at string, f func(at string, s *Scalar)) {
	switch {
	case v.Type() == reflect.TypeFor[Scalar]():
		f(at, v.Addr().Interface().(*Scalar))
	case v.Kind() == reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				eachScalar(v.Field(i), at+"."+v.Type().Field(i).Name, f)
			}
		}
	case v.Kind() == reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		}
		for i := range v.Len() {
			eachScalar(v.Index(i), at, f)
		}
	}
}

// detach copies out every value of every declaration, so that a field
// added to one is not left holding its file's text, which Dir lets go.
func TestDetachEveryDeclaration(t *testing.T) {
	text := strings.Repeat("abcdefghij", 10)
	from := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	var f FactsFile
	var want []string
	eachScalar(reflect.ValueOf(&f).Elem(), "FactsFile", func(at string, s *Scalar) {
		n := len(want)
		s.Value = text[n : n+5] // each its own part of the text
		want = append(want, s.Value)
	})
	if len(want) < 12 {
		t.Fatalf("%d values set", len(want))
	}
	var c blocks.Copier
	f.detach(&c)
	n := 0
	eachScalar(reflect.ValueOf(&f).Elem(), "FactsFile", func(at string, s *Scalar) {
		if s.Value != want[n] {
			t.Errorf("%s: %q after detach, want %q", at, s.Value, want[n])
		}
		if p := uintptr(unsafe.Pointer(unsafe.StringData(s.Value))); from <= p && p < from+uintptr(len(text)) {
			t.Errorf("%s still lies in the text", at)
		}
		n++
	})
}
