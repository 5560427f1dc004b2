package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/load"
	"newsfacts/pipeline/synth"
)

// edit replaces every occurrence of old in a facts file.
type edit struct{ file, old, new string }

// suggestionData writes a synthetic corpus and applies edits to its first
// facts files.
func suggestionData(t *testing.T, edits ...edit) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if err := synth.Corpus(dir, 300, 1); err != nil {
		t.Fatal(err)
	}
	for _, e := range edits {
		path := filepath.Join(dir, "facts", e.file)
		text, err := os.ReadFile(path)
		if err != nil || !bytes.Contains(text, []byte(e.old)) {
			t.Fatalf("%s lacks %q (%v)", e.file, e.old, err)
		}
		if err := os.WriteFile(path, bytes.ReplaceAll(text, []byte(e.old), []byte(e.new)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func buildErrors(t *testing.T, dir string) diag.List {
	t.Helper()
	in, errs := load.Dir(dir, nil)
	_, more := Build(in, nil, CountMentions)
	return append(errs, more...)
}

// TestSuggestions: an unknown entity reference is told the id, name or
// country closest to what it says, when one is close; the closest of
// several; none when nothing is close.
func TestSuggestions(t *testing.T) {
	dir := suggestionData(t,
		// An id with a letter dropped, one away from person-0000000-0
		// and two from person-0000000-1.
		edit{"src-0000000.yaml", "    speaker: person-0000000-0\n", "    speaker: persn-0000000-0\n"},
		// A name with a letter doubled.
		edit{"src-0000001.yaml", "    speaker: person-0000001-1\n", "    speaker: Dilnoza Fedorovv\n"},
		// Nothing like it.
		edit{"src-0000003.yaml", "    speaker: person-0000003-0\n", "    speaker: the man in the street\n"},
		// A claim, an event and a statement, each a slip for its own
		// kind of id.
		edit{"src-0000004.yaml", "{claim: claim-0000004-0,", "{claim: clam-0000004-0,"},
		edit{"src-0000004.yaml", "    event: event-0000004\n", "    event: evnet-0000004\n"},
		edit{"src-0000004.yaml", "    responds_to: src-0000004-s008\n", "    responds_to: src-0000004-s08\n"},
	)
	var got []string
	for _, e := range buildErrors(t, dir) {
		if strings.Contains(e.Msg, "unknown") {
			got = append(got, filepath.Base(e.Pos.File)+": "+e.Msg)
		}
	}
	for _, want := range []string{
		`src-0000000.yaml: unknown entity "persn-0000000-0"; did you mean "person-0000000-0"? A new entity is declared under entities: (an outlet in ` + filepath.Join(dir, "reference", "outlets.yaml") + ")",
		`src-0000003.yaml: unknown entity "the man in the street": not an entity id, an entity name or alias, nor a country. A new entity is declared under entities: (an outlet in ` + filepath.Join(dir, "reference", "outlets.yaml") + ")",
		`src-0000004.yaml: unknown claim "clam-0000004-0"; did you mean "claim-0000004-0"? A new claim is declared under claims:`,
		`src-0000004.yaml: unknown event "evnet-0000004"; did you mean "event-0000004"? A new event is declared under events:`,
		`src-0000004.yaml: responds_to: unknown statement "src-0000004-s08"; did you mean "src-0000004-s008"?`,
	} {
		if !slices.Contains(got, want) {
			t.Errorf("no error\n%s\namong\n%s", want, strings.Join(got, "\n"))
		}
	}
	for _, want := range []string{
		`src-0000001.yaml: unknown entity "Dilnoza Fedorovv"; did you mean "Dilnoza Fedorov" (entity person-0000001-1)?`,
	} {
		if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, want) }) {
			t.Errorf("no error beginning\n%s\namong\n%s", want, strings.Join(got, "\n"))
		}
	}
}

// TestSuggestionsBounded: only the first maxSuggestions errors by
// position get a suggestion, whichever order the files were checked in.
func TestSuggestionsBounded(t *testing.T) {
	var slips []edit
	for i := range 4 {
		slips = append(slips, edit{fmt.Sprintf("src-%07d.yaml", i), "    speaker: person-", "    speaker: persn-"})
	}
	dir := suggestionData(t, slips...)
	var first []string
	for run := range 3 {
		var unknown []string
		suggested := 0
		for _, e := range buildErrors(t, dir) { // sorted by position
			if !strings.Contains(e.Msg, "unknown entity") {
				continue
			}
			unknown = append(unknown, e.Error())
			if strings.Contains(e.Msg, "did you mean") {
				if suggested != len(unknown)-1 {
					t.Fatalf("run %d: a suggestion after an error without one: %s", run, e)
				}
				suggested++
			}
		}
		if suggested != maxSuggestions || len(unknown) <= maxSuggestions {
			t.Fatalf("run %d: %d of %d unknown entities have a suggestion, want the first %d", run, suggested, len(unknown), maxSuggestions)
		}
		if run == 0 {
			first = unknown
		} else if !slices.Equal(first, unknown) {
			t.Fatalf("run %d differs from the first", run)
		}
	}
}

// TestNoSuggestionsWhileUnread: while a file that may declare entities
// cannot be read, the errors about unknown ones are held back, and none
// is told a near name: the right one may be in that file.
func TestNoSuggestionsWhileUnread(t *testing.T) {
	dir := suggestionData(t,
		edit{"src-0000000.yaml", "    speaker: person-0000000-0\n", "    speaker: persn-0000000-0\n"},
		edit{"src-0000005.yaml", "statements:\n", "statements: [\n"},
	)
	errs := buildErrors(t, dir)
	held := false
	for _, e := range errs {
		if strings.Contains(e.Msg, "did you mean") || strings.Contains(e.Msg, "persn-") {
			t.Errorf("listed: %s", e)
		}
		held = held || strings.Contains(e.Msg, "no file declares are not listed")
	}
	if !held {
		t.Errorf("no line about held-back errors among\n%v", errs)
	}
}
