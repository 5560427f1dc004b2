package build

import (
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"newsfacts/pipeline/load"
	"newsfacts/pipeline/synth"
	"newsfacts/schema"
)

// eachString calls f with every string in v, a struct, slice or string, and
// where it stands.
func eachString(v reflect.Value, at string, f func(at, s string)) {
	switch v.Kind() {
	case reflect.String:
		f(at, v.String())
	case reflect.Struct:
		for i := range v.NumField() {
			eachString(v.Field(i), at+"."+v.Type().Field(i).Name, f)
		}
	case reflect.Slice:
		for i := range v.Len() {
			eachString(v.Index(i), at, f)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			eachString(v.Elem(), at, f)
		}
	}
}

// No row of a built dataset, nor an item of its coverage listing, holds a
// facts file's text or a source's: each would keep the whole text alive
// to the end of the build (see detach).
func TestRowsHoldNoInputText(t *testing.T) {
	synthetic := t.TempDir()
	if err := synth.Corpus(synthetic, 3000, 1); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{filepath.Join("..", "..", "data"), synthetic} {
		in, errs := load.Dir(dir, nil)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		// The texts the statements are decoded from, which Build reads and
		// lets go: these keep them.
		var factsTexts []string
		var mu sync.Mutex
		testHookFactsText = func(text string) {
			mu.Lock()
			defer mu.Unlock()
			factsTexts = append(factsTexts, text)
		}
		// And the sources' texts, which Build reads too, each as it needs it.
		var sourceTexts []string
		testHookSourceText = func(text string) {
			mu.Lock()
			defer mu.Unlock()
			sourceTexts = append(sourceTexts, text)
		}
		// And what the checks keep of each statement to their end.
		var kept []*stmtInfo
		testHookKept = func(k []*stmtInfo) { kept = k }
		res, errs := Build(in, nil, ListMentions, filepath.Join(t.TempDir(), "statements"))
		testHookFactsText, testHookSourceText, testHookKept = nil, nil, nil
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		if len(factsTexts) != len(in.Facts) {
			t.Fatalf("%s: %d facts texts read for %d files", dir, len(factsTexts), len(in.Facts))
		}
		if len(sourceTexts) < 2*len(in.Sources) { // to measure it, then for its quotes or its coverage
			t.Fatalf("%s: %d source texts read for %d sources", dir, len(sourceTexts), len(in.Sources))
		}
		var facts, sources []addresses
		for _, text := range factsTexts {
			facts = append(facts, addressesOf(text))
		}
		for _, text := range sourceTexts {
			sources = append(sources, addressesOf(text))
		}
		checked := 0
		check := func(at, s string) {
			checked++
			if slices.ContainsFunc(facts, func(a addresses) bool { return a.holds(s) }) {
				t.Errorf("%s: %s %q lies in a facts file's text", dir, at, s)
			}
			if slices.ContainsFunc(sources, func(a addresses) bool { return a.holds(s) }) {
				t.Errorf("%s: %s %q lies in a source's text", dir, at, s)
			}
		}
		eachString(reflect.ValueOf(*res.Dataset), "Dataset", check)
		if len(kept) < 20 {
			t.Fatalf("%s: %d statements kept", dir, len(kept))
		}
		for _, s := range kept {
			check("a kept statement's id", s.ID)
			if s.stmtEvent != nil {
				check("a kept statement's event", s.EventID)
				check("a kept statement's place", s.PlaceID)
			}
		}
		// The statements' rows are read from their file: strings of their
		// own (see spill), checked all the same.
		for _, s := range res.Dataset.Statements.All() {
			eachString(reflect.ValueOf(*s), "Statement", check)
		}
		res.Dataset.Close()
		// The texts are held to here: once collected, their memory could
		// hold the rows read back just now, which would seem to lie in them.
		runtime.KeepAlive(factsTexts)
		runtime.KeepAlive(sourceTexts)
		eachString(reflect.ValueOf(res.Coverage), "Coverage", check) // the reasons of ignore entries among them
		if checked < 500 {
			t.Fatalf("%s: %d strings checked", dir, checked)
		}
	}
}

// The detacher copies out every string field of every row type that a
// statement brings, so that a field added to one is not left holding its
// file's text. (The statement's own row is written to a file instead: see
// spill.)
func TestDetachEveryField(t *testing.T) {
	text := strings.Repeat("abcdefghij", 10)
	var d detacher
	d.within(text)
	for _, row := range []struct {
		name   string
		value  any
		detach func(any)
	}{
		{"Stance", &schema.Stance{}, func(r any) { d.stance(r.(*schema.Stance)) }},
		{"Participant", &schema.Participant{}, func(r any) { d.participant(r.(*schema.Participant)) }},
		{"CountryRole", &schema.CountryRole{}, func(r any) { d.countryRole(r.(*schema.CountryRole)) }},
		{"Figure", &schema.Figure{}, func(r any) { d.figure(r.(*schema.Figure)) }},
	} {
		v := reflect.ValueOf(row.value).Elem()
		fields := 0
		for i := range v.NumField() {
			if f := v.Field(i); f.Kind() == reflect.String {
				f.SetString(text[i : i+5]) // each its own part of the text
				fields++
			}
		}
		row.detach(row.value)
		for i := range v.NumField() {
			if f := v.Field(i); f.Kind() == reflect.String {
				if f.String() != text[i:i+5] {
					t.Errorf("%s.%s: %q after detach, want %q", row.name, v.Type().Field(i).Name, f.String(), text[i:i+5])
				}
				if d.from.holds(f.String()) {
					t.Errorf("%s.%s still lies in the text", row.name, v.Type().Field(i).Name)
				}
			}
		}
		if fields < 2 { // a participant has two: its statement and entity
			t.Fatalf("%s: %d string fields", row.name, fields)
		}
	}
}

func TestAddressesHolds(t *testing.T) {
	whole := strings.Repeat("abcdefghij", 3)
	text := whole[10:20]
	x := addressesOf(text)
	for _, c := range []struct {
		s    string
		want bool
	}{
		{text, true}, {text[:1], true}, {text[9:], true}, {text[4:6], true}, {whole[12:25], true},
		{whole[:10], false}, {whole[9:11], false}, {whole[20:], false}, {whole[29:], false},
		{strings.Clone(text), false}, {"", false}, {text[5:5], false}, {"other", false},
	} {
		if got := x.holds(c.s); got != c.want {
			t.Errorf("holds(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}
