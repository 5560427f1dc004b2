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
	"newsfacts/schema"
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
	_, more := Build(in, nil, CountMentions, "") // the errors alone: no rows kept
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
		// (one reference each: see TestMisspeltDeclaration for all)
		edit{"src-0000004.yaml", "{claim: claim-0000004-0, stance: asserts}", "{claim: clam-0000004-0, stance: asserts}"},
		edit{"src-0000004.yaml", "    event: event-0000004\n    summary: A production line", "    event: evnet-0000004\n    summary: A production line"},
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
	} {
		if !slices.Contains(got, want) {
			t.Errorf("no error\n%s\namong\n%s", want, strings.Join(got, "\n"))
		}
	}
	for _, want := range []string{
		`src-0000001.yaml: unknown entity "Dilnoza Fedorovv"; did you mean "Dilnoza Fedorov" (entity person-0000001-1)?`,
		// A claim, event or statement id suggested says where it stands:
		// if that is the misspelt one, the curator sees it.
		`src-0000004.yaml: unknown claim "clam-0000004-0"; did you mean "claim-0000004-0" (declared at ` + filepath.Join(dir, "facts", "src-0000004.yaml") + ":",
		`src-0000004.yaml: unknown event "evnet-0000004"; did you mean "event-0000004" (declared at ` + filepath.Join(dir, "facts", "src-0000004.yaml") + ":",
		`src-0000004.yaml: responds_to: unknown statement "src-0000004-s08"; did you mean "src-0000004-s008" (at ` + filepath.Join(dir, "facts", "src-0000004.yaml") + ":",
	} {
		if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, want) }) {
			t.Errorf("no error beginning\n%s\namong\n%s", want, strings.Join(got, "\n"))
		}
	}
}

// TestSuggestionsBounded: only the first maxSuggestions misspellings by
// position get a suggestion, told to every error that writes them,
// whichever order the files were checked in.
func TestSuggestionsBounded(t *testing.T) {
	var slips []edit
	for i := range 10 { // three speakers a file: 30 misspellings
		slips = append(slips, edit{fmt.Sprintf("src-%07d.yaml", i), "    speaker: person-", "    speaker: persn-"})
	}
	dir := suggestionData(t, slips...)
	var first []string
	for run := range 3 {
		var unknown []string
		suggested := map[string]bool{}          // by what was written
		var order []string                      // what was written, in the order first seen
		for _, e := range buildErrors(t, dir) { // sorted by position
			if !strings.Contains(e.Msg, "unknown entity") {
				continue
			}
			unknown = append(unknown, e.Error())
			value := strings.Split(e.Msg, `"`)[1]
			has := strings.Contains(e.Msg, "did you mean") || strings.Contains(e.Msg, "declared with the closest") // (one error for all, see TestMisspeltDeclaration)
			if s, seen := suggested[value]; !seen {
				suggested[value] = has
				order = append(order, value)
			} else if s != has {
				t.Fatalf("run %d: %q is suggested for one error and not another: %s", run, value, e)
			}
		}
		if len(order) <= maxSuggestions {
			t.Fatalf("run %d: %d misspellings, want more than %d", run, len(order), maxSuggestions)
		}
		for i, value := range order {
			if suggested[value] != (i < maxSuggestions) {
				t.Fatalf("run %d: misspelling %d, %q, suggested: %v; want the first %d", run, i, value, suggested[value], maxSuggestions)
			}
		}
		if run == 0 {
			first = unknown
		} else if !slices.Equal(first, unknown) {
			t.Fatalf("run %d differs from the first", run)
		}
	}
}

// TestSuggestionsSkipDroppedErrors: a statement dropped for a taken id
// takes its errors with it, and its misspelling takes no suggestion's
// place.
func TestSuggestionsSkipDroppedErrors(t *testing.T) {
	var slips []edit
	for i := 1; i <= 10; i++ {
		slips = append(slips, edit{fmt.Sprintf("src-%07d.yaml", i), "    speaker: person-", "    speaker: persn-"})
	}
	// The first statement of src-0000000 takes the id of one before it,
	// in src-0000000 itself, and misspells its speaker.
	slips = append(slips, edit{"src-0000000.yaml", "  - id: src-0000000-s001\n    kind: denial\n    speaker: person-0000000-1\n",
		"  - id: src-0000000-s000\n    kind: denial\n    speaker: zzzzz-0000000-1\n"})
	errs := buildErrors(t, suggestionData(t, slips...))
	suggested := map[string]bool{}
	for _, e := range errs {
		if strings.Contains(e.Msg, "zzzzz") {
			t.Errorf("the dropped statement's error is reported: %s", e)
		}
		if strings.Contains(e.Msg, "did you mean") || strings.Contains(e.Msg, "declared with the closest") {
			suggested[strings.Split(e.Msg, `"`)[1]] = true
		}
	}
	if len(suggested) != maxSuggestions {
		t.Errorf("%d misspellings suggested, want %d", len(suggested), maxSuggestions)
	}
}

// TestNoSuggestionsWhileUnread: while a file that may declare entities
// cannot be read, the errors about unknown ones are held back, counted in
// one line, and none of them, nor a suggestion for it, is listed. (They
// are not even recorded for suggestions, which only saves time: holdBack
// would take them out anyway.)
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

// TestClosest: which name is suggested, from a builder's own maps: the
// closest; of the equally close, the first in byte order; a name of
// several entities never (it resolves to none); never what was written;
// for a publisher, outlets only.
func TestClosest(t *testing.T) {
	entity := func(id, name string, outlet bool, aliases ...string) *entityInfo {
		return &entityInfo{Entity: &schema.Entity{ID: id, Name: name, Aliases: aliases}, outlet: outlet}
	}
	b := &builder{
		entities: map[string]*entityInfo{},
		byName:   map[string]*entityInfo{},
		claims:   map[string]diag.Pos{"claim-b": {}, "claim-a": {File: "f.yaml", Line: 3, Col: 9}, "other": {}},
	}
	for _, e := range []*entityInfo{
		entity("tj-mfa", "Tajik Foreign Ministry", false),
		entity("tj-mfa-2", "Tajikistan’s Foreign Ministry", false),
		entity("person-1", "Anna Karimova", false),
		entity("person-2", "Anna Karimova", false), // the name of two
		entity("asia-plus", "Asia-Plus", true, "Asia Plus"),
		entity("person-3", "Asia-Plux", false),
		entity("ozodi", "Radio Ozodi", true),
		entity("ozodi-ru", "Ozodi Russian", true, "Radio Ozodi"), // an alias that is another outlet's name
		entity("kabul-times", "Kabul Times", false),
	} {
		b.entities[e.ID] = e
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			b.addName(n, e)
		}
	}
	forms := map[string]string{"Tajikistan": "TJK", "Tajik": "TJK"}
	for _, tc := range []struct {
		kind    refKind
		written string
		want    string // "" for none
	}{
		{entityRef, "tj-mfb", `"tj-mfa"`},
		{entityRef, "Tajikstan", `"Tajikistan" (country TJK)`},
		{entityRef, "Anna Karimowa", ""},                            // only the name of two is near
		{entityRef, "Asia-Plux", `"Asia-Plus" (entity asia-plus)`},  // not itself, a person's name
		{outletRef, "Asia-Pluz", `"Asia-Plus" (entity asia-plus)`},  // before Asia-Plux, which is no outlet
		{outletRef, "person-4", ""},                                 // persons are no publishers
		{claimRef, "claim-c", `"claim-a" (declared at f.yaml:3:9)`}, // of claim-a and claim-b, the first
		{entityRef, "Tajikistan's Foreign Ministry", `"Tajikistan’s Foreign Ministry" (entity tj-mfa-2, with '’' (U+2019) where you wrote '\'' (U+0027))`}, // a mark that looks like another
		{outletRef, "Radio Ozodj", ""}, // the name of two outlets
		{entityRef, "\u212aabul Times", `"Kabul Times" (entity kabul-times, with 'K' (U+004B) where you wrote '` + "\u212a" + `' (U+212A))`}, // the Kelvin sign
		{entityRef, "tj mfa", `"tj-mfa"`}, // a space for a hyphen is plain to see
		{entityRef, "tj-mfx", `"tj-mfa"`}, // a letter for a letter is plain to see
		{eventRef, "claim-c", ""},         // a claim is no event
	} {
		m, ok := b.closest(tc.kind, tc.written, forms)
		got := m.says
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("closest(%v, %q) = %q, %v; want %q", tc.kind, tc.written, got, ok, tc.want)
		}
	}
}

// TestExpectedOneOf: a value that is not one of a list is told the list,
// and the value it may be a slip for.
func TestExpectedOneOf(t *testing.T) {
	for written, want := range map[string]string{
		"alleged_users": `expected one of candidate_buyer, alleged_producer, retracted_producer, alleged_user, designer, war_target, sanctions_threat, cooperation_target, host; did you mean "alleged_user"?`,
		"Designer":      `expected one of candidate_buyer, alleged_producer, retracted_producer, alleged_user, designer, war_target, sanctions_threat, cooperation_target, host; did you mean "designer"?`,
		"buyer":         `expected one of candidate_buyer, alleged_producer, retracted_producer, alleged_user, designer, war_target, sanctions_threat, cooperation_target, host`,
	} {
		if got := expectedOneOf(written, schema.CountryRoleKinds); got != want {
			t.Errorf("expectedOneOf(%q) = %q, want %q", written, got, want)
		}
	}
	// Another form of the word: a verb for its third person, a noun for
	// its verb; none when two values share as much of it.
	for _, tc := range []struct {
		written string
		all     []string
		want    string // "" for no suggestion
	}{
		{"deny", stanceNames, "denies"},
		{"denied", stanceNames, "denies"},
		{"retraction", stanceNames, "retracts"},
		{"acknowledges", stanceNames, "acknowledges_reports"},
		{"deny", kindNames, "denial"},
		{"denies", kindNames, "denial"},
		{"state", kindNames, "statement"},
		{"apologize", kindNames, "apology"},
		{"ap", kindNames, ""},
		{"rebuttal", kindNames, ""},
	} {
		got := ""
		if i := formOf(tc.written, tc.all); i >= 0 {
			got = tc.all[i]
		}
		if got != tc.want {
			t.Errorf("formOf(%q) = %q, want %q", tc.written, got, tc.want)
		}
	}
	if got, want := expectedOneOf("deny", schema.StanceKinds), `; did you mean "denies"?`; !strings.HasSuffix(got, want) {
		t.Errorf("expectedOneOf(deny) = %q, want it to end %q", got, want)
	}
}

var stanceNames, kindNames = namesOf(schema.StanceKinds), namesOf(schema.StatementKinds)

// TestMisspeltDeclaration: when every reference writes an id the same way,
// and the closest declared one is used by none, the declaration is what is
// misspelt: one error, at the declaration for a claim (whose place is
// known), at the first reference for an entity, not one for each.
func TestMisspeltDeclaration(t *testing.T) {
	for _, tc := range []struct {
		old, new string
		at       string // the error is on the line of its first occurrence, after the edit
		want     string
	}{
		{"  - id: drones-produced-in-tajikistan\n", "  - id: drones-produced-in-tajikstan\n", "- id: drones-produced-in-tajikstan",
			`claim "drones-produced-in-tajikstan" is used by no statement, while 6 refer to "drones-produced-in-tajikistan", which no file declares (at lines `},
		{"  - id: dmitry-gordon\n", "  - id: dmitry-gordn\n", "speaker: dmitry-gordon",
			`unknown entity "dmitry-gordon", written in 9 references (here, and at lines `},
		{"  - id: gordon-claim-oct28\n", "  - id: gordon-claim-oct82\n", "- id: gordon-claim-oct82",
			`statement "gordon-claim-oct82" is used by no responds_to, while 3 refer to "gordon-claim-oct28", which no file declares (at lines `},
	} {
		dir, facts, text := dataEdited(t, dataFacts, tc.old, tc.new)
		line := 1 + bytes.Count(text[:bytes.Index(text, []byte(tc.at))], []byte("\n"))
		errs := buildErrors(t, dir)
		if len(errs) != 1 || errs[0].Pos.File != facts || errs[0].Pos.Line != line || !strings.HasPrefix(errs[0].Msg, tc.want) {
			t.Errorf("%s: errors\n%v\nwant one at %s:%d: %s", tc.new, errs, facts, line, tc.want)
		}
	}
}

// An outlet's id misspelt in the reference, and every reference to it
// written by id: one error, at the outlet (before: one at each reference).
func TestMisspeltOutlet(t *testing.T) {
	dir, outlets, text := dataEdited(t, dataOutlets, "  - id: tasnim-news\n", "  - id: tasnim-nwes\n")
	line := 1 + bytes.Count(text[:bytes.Index(text, []byte("tasnim-nwes"))], []byte("\n"))
	facts := filepath.Join(dir, filepath.FromSlash(dataFacts))
	written, err := os.ReadFile(facts)
	if err != nil {
		t.Fatal(err)
	}
	// The one reference by name, which still names the outlet, by its id.
	written = bytes.Replace(written, []byte("reported_by: Tasnim News\n"), []byte("reported_by: tasnim-news\n"), 1)
	if err := os.WriteFile(facts, written, 0o644); err != nil {
		t.Fatal(err)
	}
	errs := buildErrors(t, dir)
	want := `outlet "tasnim-nwes" is used by no source or statement, while 4 references give "tasnim-news", which no file declares (at `
	if len(errs) != 1 || errs[0].Pos.File != outlets || errs[0].Pos.Line != line || !strings.HasPrefix(errs[0].Msg, want) {
		t.Errorf("errors\n%v\nwant one at %s:%d: %s", errs, outlets, line, want)
	}
}

// TestFigureValueNotFinite: NaN and infinities, which strconv reads, are
// refused at the check, not by the workbook's writer: one error, and the
// figure's count of countries is not compared.
func TestFigureValueNotFinite(t *testing.T) {
	for _, v := range []string{"NaN", "-Inf", "infinity"} {
		dir, _, _ := dataEdited(t, dataFacts, "    value: 22\n", "    value: "+v+"\n")
		errs := buildErrors(t, dir)
		if len(errs) != 1 || !strings.Contains(errs[0].Msg, `figure value "`+v+`": expected a number`) {
			t.Errorf("%s: errors\n%v\nwant one, that it is no number", v, errs)
		}
	}
}

// The files of the first article's data that tests edit a copy of.
const (
	dataFacts     = "facts/asiaplus-2022-11-03-drones.yaml"
	dataCountries = "reference/countries.yaml"
	dataOutlets   = "reference/outlets.yaml"
)

// firstArticle is data/ as it was with its first article alone: the
// tests that edit it count references and lines, which a curator's next
// source, correction or release would change (they did, in data/ itself).
var firstArticle = filepath.Join("testdata", "first-article", "data")

// dataEdited copies firstArticle with the first old in its file rel
// replaced by new, and returns the copy, the edited file and its text.
func dataEdited(t *testing.T, rel, old, new string) (dir, file string, text []byte) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "data")
	if err := os.CopyFS(dir, os.DirFS(firstArticle)); err != nil {
		t.Fatal(err)
	}
	file = filepath.Join(dir, filepath.FromSlash(rel))
	text, err := os.ReadFile(file)
	if err != nil || !bytes.Contains(text, []byte(old)) {
		t.Fatalf("%s lacks %q (%v)", filepath.Join(firstArticle, rel), old, err)
	}
	text = bytes.Replace(text, []byte(old), []byte(new), 1)
	if err := os.WriteFile(file, text, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, file, text
}

// TestReferenceErrorsHeldBack: every file refers to what the reference
// files declare, so an error in one (a country's code that is no code,
// an outlet's id that is no id) is reported there, and the errors that may
// follow from it everywhere else are held back and counted: before, they
// were 17 and 3 errors in the facts and metadata, most of them wrong. A
// key in the singular is read as meant, and is the one error.
func TestReferenceErrorsHeldBack(t *testing.T) {
	for _, tc := range []struct {
		rel, old, new string
		held          bool   // whether errors are held back
		want          string // the one error listed besides the count of those held back
	}{
		{dataCountries, "iso3: IRN,", "iso3: IRX,", true, `"IRX" is not an ISO 3166-1 alpha-3 code`},
		{dataCountries, "  - {iso3: TJK,", "  - {iso3: TJK, name: Tajikistan}\n  - {iso3: TJK,", true, "country TJK listed twice (first at line "},
		{dataCountries, "countries:\n", "country:\n", false, `unknown key "country" in document; did you mean "countries"?`},
		{dataOutlets, "  - id: tasnim-news\n", "  - id: Tasnim News\n", true, `entity id "Tasnim News"`},
	} {
		dir, file, _ := dataEdited(t, tc.rel, tc.old, tc.new)
		errs := buildErrors(t, dir)
		if tc.held {
			if len(errs) != 2 || errs[0].Pos.File != file || !strings.Contains(errs[0].Msg, "not listed: they may follow from the errors of "+file) {
				t.Errorf("%s: errors\n%v\nwant two in %s: the count of those held back, and %s", tc.new, errs, file, tc.want)
				continue
			}
			errs = errs[1:]
		}
		if len(errs) != 1 || errs[0].Pos.File != file || !strings.HasPrefix(errs[0].Msg, tc.want) {
			t.Errorf("%s: errors\n%v\nwant in %s: %s", tc.new, errs, file, tc.want)
		}
	}
}

// TestPublishedAgainstID: a published: that the source's id contradicts
// is one error, at published: (before: a day early gave 5 errors about
// year-less dates in the facts, and a year late passed).
func TestPublishedAgainstID(t *testing.T) {
	for _, published := range []string{"2022-11-02", "2023-11-03"} {
		dir, meta, text := dataEdited(t, "sources/asiaplus-2022-11-03-drones.yaml", "published: 2022-11-03\n", "published: "+published+"\n")
		line := 1 + bytes.Count(text[:bytes.Index(text, []byte("published:"))], []byte("\n"))
		errs := buildErrors(t, dir)
		want := "published " + published + ", while the source's id writes 2022-11-03 (asiaplus-2022-11-03-drones), as does its url: correct the one that is wrong"
		if len(errs) != 1 || errs[0].Pos.File != meta || errs[0].Pos.Line != line || !strings.HasPrefix(errs[0].Msg, want) {
			t.Errorf("published %s: errors\n%v\nwant one at %s:%d: %s", published, errs, meta, line, want)
		}
	}
}

func TestDateInID(t *testing.T) {
	for id, want := range map[string]string{
		"asiaplus-2022-11-03-drones": "2022-11-03",
		"eurasianet-20221031-drones": "20221031",
		"report-2022-13-01-x":        "", // no such month
		"src-0000001":                "",
		"a-2022-11":                  "",
		"x-1234-56-78-2021-01-02":    "2021-01-02",
	} {
		_, got, ok := dateInID(id)
		if got != want || ok != (want != "") {
			t.Errorf("dateInID(%q) = %q, %v; want %q", id, got, ok, want)
		}
	}
}

// TestLostIDHoldsBack: a declaration whose id is missing, or malformed
// past reading, or an item whose "- " was left out (merged into the one
// before: before, 4 errors), or an item of another list (a statement
// under claims: before, 14 errors), declares nothing, and each reference of its kind to an id
// no file declares is held back and counted, not listed as unknown
// (before: 3 for a statement's id); one that is malformed is read as the
// id it means, and is the one error (before: 9 for an entity's).
func TestLostIDHoldsBack(t *testing.T) {
	for _, tc := range []struct {
		old, new string
		held     bool
		want     string
	}{
		{"  - id: gordon-claim-oct28\n", "  -\n", true, `statements[5]: missing required key "id"`},
		{"  - id: gordon-claim-oct28\n", "  - id: gordon/claim/oct28\n", true, `statement id "gordon/claim/oct28": use lower-case letters, digits and hyphens`},
		{"  - id: gordon-claim-oct28\n", "  - id: Gordon_Claim_Oct28\n", false, `statement id "Gordon_Claim_Oct28": use lower-case letters, digits and hyphens (read as "gordon-claim-oct28")`},
		{"  - id: gordon-claim-oct28\n", "    id: gordon-claim-oct28\n", true, `duplicate key "id" (first at line 185): if a new item of statements starts here, begin it with "- "`},
		{"\nclaims:\n", "\nclaims:\n  - id: pasted\n    kind: claim\n    speaker: dmitry-gordon\n    summary: s\n    quote: q\n", false, `claims[0]: 4 of its keys are not keys of claims ("kind", "speaker", "summary", "quote"): if this item belongs to another list, move it there`},
		{"  - id: dmitry-gordon\n", "  - id: Dmitry Gordon\n", false, `entity id "Dmitry Gordon": use lower-case letters, digits and hyphens (read as "dmitry-gordon")`},
	} {
		dir, facts, _ := dataEdited(t, dataFacts, tc.old, tc.new)
		errs := buildErrors(t, dir)
		if tc.held {
			if len(errs) != 2 || !strings.Contains(errs[0].Msg, "not listed: they may follow from the errors of "+facts) {
				t.Errorf("%s: errors\n%v\nwant two: the count of those held back, and %s", tc.new, errs, tc.want)
				continue
			}
			errs = errs[1:]
		}
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Msg, tc.want) {
			t.Errorf("%s: errors\n%v\nwant: %s", tc.new, errs, tc.want)
		}
	}
}

// TestMessagesOfSlips: an outlet credited with reporting its own words is
// told that a report is of another's (before: it passed), an alias typed
// with a straight apostrophe for the
// text's typographic one is told so at its line (before: that no name
// occurs, at the name), a wrong day is told the dates its quote writes
// (before: only to explain itself in date_note), a day after publication
// how a day still to come is recorded and which other dates its quote
// writes (before: only that it came after, or to write its year, which led
// to the same error; then the hint was also given for a bound, and offered
// the quote's dates as the statement's), and an entity without
// its kind says so (before: `entity kind ""`), an empty quote is one
// error (before: two, at one place), and a misspelt country is told the
// reference's form and where it is written, as a claim's or an event's id
// is (before, that it "may be the misspelt one", even when it was right).
func TestMessagesOfSlips(t *testing.T) {
	for _, tc := range []struct{ old, new, want string }{
		{"    date: October 28\n", "    date: October 29\n", `date "October 29" does not occur in the source text (the quote writes "October 28": if the statement's date is there, write it as the quote does)`},
		{"    date: October 30\n", "    date: November 15\n", `date "November 15" has no year: in 2022 it would come after the source was published (2022-11-03), and in 2021 it is over six months before; write the year, or check the source's published: date; if the text gives this day for something still to come (a plan, a deadline), it is not the statement's date, which is when it was said or done: remove it from date: and list it under ignore: with a reason; the quote writes "October 30" and "October 28": if one is when it was said or done, write that as date:$`},
		{"    date: October 30\n", "    date: 2022-11-15\n    date_note: the day set\n", `date "2022-11-15" is 2022-11-15, after the source was published on 2022-11-03; if the text gives this day for something still to come (a plan, a deadline), it is not the statement's date, which is when it was said or done: remove it from date: and list it under ignore: with a reason; the quote writes "October 30" and "October 28": if one is when it was said or done, write that as date:$`},
		{"    country: Tajik\n", "    country: Tajk\n", `unknown country "Tajk"; did you mean "Tajik" (TJK, written at {dir}/reference/countries.yaml:23:45)?$`},
		{"    date_earliest: October 28\n", "    date_earliest: 2022-11-10\n", `date_earliest "2022-11-10" is 2022-11-10, after the source was published on 2022-11-03$`},
		{"    aliases: [Tajikistan’s Foreign Ministry]\n", "    aliases: [\"Tajikistan's Foreign Ministry\"]\n", `entity "tajikistan-mfa": its alias "Tajikistan's Foreign Ministry" does not occur in the source text of asiaplus-2022-11-03-drones, which writes it "Tajikistan’s Foreign Ministry": copy it from the text`},
		{"    speaker: tasnim-news\n", "    speaker: tasnim-news\n    reported_by: Tasnim\n", `reported_by "Tasnim" is the statement's speaker: an outlet reports what others say or do; for its own words leave reported_by out`},
		{"    date: October 28\n", "    date: Octobr 28\n", `date: "Octobr 28": "Octobr" is not an English month name; did you mean "October"?`},
		{"    quote: 'He appealed to the international community to investigate production of drones in Tajikistan.'\n", "    quote: ''\n", `statements[1]: "quote" must not be empty`},
		{"    kind: person\n", "", `entity "dmitry-gordon" has no kind: write kind: with one of person, organization, government_body, media, city, place, weapon_system, group`},
	} {
		dir, _, _ := dataEdited(t, dataFacts, tc.old, tc.new)
		errs := buildErrors(t, dir)
		want, whole := strings.CutSuffix(tc.want, "$") // $: the message ends there
		want = strings.ReplaceAll(want, "{dir}/", dir+string(filepath.Separator))
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Msg, want) || whole && errs[0].Msg != want {
			t.Errorf("%q: errors\n%v\nwant one: %s", tc.new, errs, tc.want)
		}
	}
}

// A release dated before a source it holds was published is an error at
// released: (before: it passed).
func TestReleasedBeforeSource(t *testing.T) {
	dir, file, _ := dataEdited(t, "dataset.yaml", "released: 2026-11-27\n", "released: 2022-11-01\n")
	errs := buildErrors(t, dir)
	want := "released 2022-11-01, before source asiaplus-2022-11-03-drones was published (2022-11-03)"
	if len(errs) != 1 || errs[0].Pos.File != file || !strings.HasPrefix(errs[0].Msg, want) {
		t.Errorf("errors\n%v\nwant one in %s: %s", errs, file, want)
	}
}

// A date worked out and written YYYY-MM-DD is not the source's words:
// date_text is NULL, not the ISO form as though the source wrote it; a
// date the text words keeps them.
func TestDateTextIsTheSourceWords(t *testing.T) {
	dir, _, _ := dataEdited(t, dataFacts, "    date: October 30\n", "    date: 2022-10-30\n    date_note: the day of the ministry's statement\n")
	res, errs := buildDir(t, dir, CountMentions)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	texts := map[string]string{}
	for _, s := range res.Dataset.Statements.All() {
		texts[s.ID] = s.DateText
		if s.ID == "tajikistan-mfa-refutes-gordon" && (s.Date.String() != "2022-10-30" || s.DateBasis != schema.BasisInferred) {
			t.Errorf("%s: date %s, basis %s; want 2022-10-30, inferred", s.ID, s.Date, s.DateBasis)
		}
	}
	for id, want := range map[string]string{"tajikistan-mfa-refutes-gordon": "", "gordon-claim-oct28": "October 28"} {
		if got, ok := texts[id]; !ok || got != want {
			t.Errorf("%s: date_text %q, want %q", id, got, want)
		}
	}
}

// A claim pasted with the id of the one before it, and the references to
// the id it should have had: one error, at the declaration, that says
// both (before: three, the duplicate and each reference unknown). With a
// second unknown id beside it, which of them it is meant for is not
// known, and each error stands.
func TestPastedDeclaration(t *testing.T) {
	const pasted, meant = "  - id: tajikistan-supplies-drones-to-russia\n", "  - id: tajik-made-drones-used-by-russia\n"
	dir, facts, text := dataEdited(t, dataFacts, pasted, meant)
	line := 1 + bytes.Count(text[:bytes.LastIndex(text, []byte(meant))], []byte("\n"))
	errs := buildErrors(t, dir)
	want := `duplicate claim id "tajik-made-drones-used-by-russia" (first declared at ` + facts + `:96:9); 2 references give "tajikistan-supplies-drones-to-russia", which no file declares (at lines 262 and 433): if this is that claim, correct its id to "tajikistan-supplies-drones-to-russia"`
	if len(errs) != 1 || errs[0].Pos.Line != line || errs[0].Msg != want {
		t.Errorf("errors\n%v\nwant one at line %d: %s", errs, line, want)
	}

	dir, facts, text = dataEdited(t, dataFacts, pasted, meant)
	text = bytes.Replace(text, []byte("claim: drones-produced-in-tajikistan, stance: asserts}"), []byte("claim: nothing-declared, stance: asserts}"), 1)
	if err := os.WriteFile(facts, text, 0o644); err != nil {
		t.Fatal(err)
	}
	errs = buildErrors(t, dir)
	if len(errs) != 4 || !strings.HasSuffix(errs[0].Msg, "(first declared at "+facts+":96:9)") {
		t.Errorf("with two unknown claims, errors\n%v\nwant 4: the duplicate alone, and each reference unknown", errs)
	}
}

// TestSharedName: a name or alias that two entities have resolves to
// neither; the error at each reference by it names both, in the order
// they were declared (an outlet of the reference before the facts').
func TestSharedName(t *testing.T) {
	dir, _, _ := dataEdited(t, dataFacts, "    aliases: [Gordon]\n", "    aliases: [Gordon, Tasnim News]\n")
	facts := filepath.Join(dir, filepath.FromSlash(dataFacts))
	text, err := os.ReadFile(facts)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(text, []byte("reported_by: Tasnim News\n"))
	if at < 0 {
		t.Fatal("the data no longer refers to Tasnim News by name: the test proves nothing")
	}
	line := 1 + bytes.Count(text[:at], []byte("\n"))
	errs := buildErrors(t, dir)
	want := `"Tasnim News" names several entities (tasnim-news, dmitry-gordon): use the entity id`
	if len(errs) != 1 || errs[0].Pos.File != facts || errs[0].Pos.Line != line || errs[0].Msg != want {
		t.Errorf("errors\n%v\nwant one at %s:%d: %s", errs, facts, line, want)
	}
}
