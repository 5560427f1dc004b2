package load

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"newsfacts/pipeline/blocks"
)

// eachScalar calls f with every Scalar in v, making one item of each list
// it finds empty, so that every field of every kind of item is reached.
func eachScalar(v reflect.Value, at string, f func(at string, s *Scalar)) {
	walkScalars(v, at, true, f)
}

// walkScalars calls f with every Scalar in v; grow makes one item of each
// empty list.
func walkScalars(v reflect.Value, at string, grow bool, f func(at string, s *Scalar)) {
	switch {
	case v.Type() == reflect.TypeFor[Scalar]():
		f(at, v.Addr().Interface().(*Scalar))
	case v.Kind() == reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walkScalars(v.Field(i), at+"."+v.Type().Field(i).Name, grow, f)
			}
		}
	case v.Kind() == reflect.Slice:
		if grow && v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		}
		for i := range v.Len() {
			walkScalars(v.Index(i), at, grow, f)
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

// Dir keeps no value of a declaration in its file's text, which it lets
// go: each would keep the whole text alive until the file's statements
// are checked.
func TestDirDetachesDeclarations(t *testing.T) {
	var texts []string
	var mu sync.Mutex
	testHookFactsText = func(text string) {
		mu.Lock()
		defer mu.Unlock()
		texts = append(texts, text)
	}
	defer func() { testHookFactsText = nil }()
	for _, dir := range []string{"testdata/fixture", "../../data"} {
		texts = nil
		in, errs := Dir(dir, nil)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		if len(texts) != len(in.Facts) {
			t.Fatalf("%s: %d texts for %d facts files", dir, len(texts), len(in.Facts))
		}
		checked := 0
		for _, f := range in.Facts {
			walkScalars(reflect.ValueOf(&f.Facts).Elem(), f.File, false, func(at string, s *Scalar) {
				checked++
				p := uintptr(unsafe.Pointer(unsafe.StringData(s.Value)))
				for _, text := range texts {
					if from := uintptr(unsafe.Pointer(unsafe.StringData(text))); s.Value != "" && from <= p && p < from+uintptr(len(text)) {
						t.Errorf("%s: %s %q lies in a facts file's text", dir, at, s.Value)
					}
				}
			})
		}
		if checked < 10 {
			t.Fatalf("%s: %d values checked", dir, checked)
		}
	}
}
