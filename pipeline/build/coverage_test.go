package build

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"newsfacts/pipeline/coverage"
	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/load"
	"newsfacts/pipeline/normalize"
	"newsfacts/pipeline/synth"
	"newsfacts/schema"
)

// sameDate, the oracle of TestQuoteIndexDates, compares at the coarser of the two precisions.
func sameDate(a, c normalize.Date) bool {
	p := a.Precision
	if c.Precision == schema.PrecisionYear || (c.Precision == schema.PrecisionMonth && p == schema.PrecisionDay) {
		p = c.Precision
	}
	switch p {
	case schema.PrecisionYear:
		return a.Date.Year == c.Date.Year
	case schema.PrecisionMonth:
		return a.Date.Year == c.Date.Year && a.Date.Month == c.Date.Month
	}
	return a.Date == c.Date
}

// TestQuoteIndexDates checks the date index of the coverage check against
// comparing every statement's dates with the mention, in random sources.
func TestQuoteIndexDates(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	precisions := []schema.DatePrecision{schema.PrecisionYear, schema.PrecisionMonth, schema.PrecisionDay}
	date := func() normalize.Date {
		p := precisions[rng.IntN(3)]
		y, m, d := 2020+rng.IntN(2), time.Month(1+rng.IntN(2)), 1+rng.IntN(2)
		switch p {
		case schema.PrecisionYear:
			m, d = 1, 1
		case schema.PrecisionMonth:
			d = 1
		}
		return normalize.Date{Date: schema.MakeDate(y, m, d), Precision: p}
	}
	for range 2000 {
		var stmts []*stmtInfo
		for range rng.IntN(5) {
			s := &stmtInfo{stmtCheck: &stmtCheck{row: &schema.Statement{}}}
			for range rng.IntN(3) {
				s.dates = append(s.dates, date())
			}
			stmts = append(stmts, s)
		}
		x := newQuoteIndex(stmts)
		v := date()
		want := -1
		for i, s := range stmts {
			for _, d := range s.dates {
				if want < 0 && sameDate(v, d) {
					want = i
				}
			}
		}
		if got := x.dated(v); got != want {
			t.Fatalf("mention %v (%s): index finds statement %d, comparing each finds %d", v.Date, v.Precision, got, want)
		}
	}
}

// TestQuoteIndexSpans checks the span index of the coverage check against
// trying every statement's quote, with overlapping and nested quotes.
func TestQuoteIndexSpans(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	for range 5000 {
		var stmts []*stmtInfo
		for i := range rng.IntN(8) {
			s := &stmtInfo{ID: string(rune('a' + i)), stmtCheck: &stmtCheck{row: &schema.Statement{}}}
			if rng.IntN(5) > 0 { // some statements have no located quote
				s.row.Quote = "q"
				s.row.QuoteStart = rng.IntN(40)
				s.row.QuoteEnd = s.row.QuoteStart + 1 + rng.IntN(30)
			}
			stmts = append(stmts, s)
		}
		x := newQuoteIndex(stmts)
		start := rng.IntN(60)
		end := start + rng.IntN(10)
		odd := rng.IntN(2) == 0
		ok := func(s *stmtInfo) bool { return !odd || s.ID[0]%2 == 1 }
		want := -1
		for i, s := range stmts {
			if want < 0 && s.row.Quote != "" && s.row.QuoteStart <= start && end <= s.row.QuoteEnd && ok(s) {
				want = i
			}
		}
		if got := x.covering(start, end, ok); got != want {
			t.Fatalf("span [%d, %d): index finds statement %d, trying each finds %d", start, end, got, want)
		}
	}
}

// gapsData copies the CLI's coverage-gaps data folder into a new folder,
// for a test to change.
func gapsData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "cli", "testdata", "coverage-gaps", "data"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestCoverageOfSourcesWithLaterErrors: a source is accounted for when its
// statements are committed, but an error that the checks after find in
// its files (an unknown responds_to; a figure that counts fewer countries
// than the statements of its event name, found when the named counts are
// derived) still leaves it unchecked, as any source with errors: its gaps
// are not reported, nor its mentions listed.
func TestCoverageOfSourcesWithLaterErrors(t *testing.T) {
	type edit struct{ file, old, new string }
	for _, tc := range []struct {
		name  string
		edits []edit
		want  string
	}{
		{"unknown responds_to", []edit{{"outlet-b-factory.yaml", "    event: factory-opening\n", "    event: factory-opening\n    responds_to: no-such-statement\n"}},
			`responds_to: unknown statement "no-such-statement"`},
		// The other source's statement of the event names the countries.
		{"named count over the figure", []edit{
			{"outlet-a-factory.yaml", "    countries: []\n", "    countries:\n      - {country: Tajikistan, role: alleged_producer}\n      - {country: Iran, role: alleged_producer}\n"},
			{"outlet-b-factory.yaml", "    event: factory-opening\n", "    event: factory-opening\n    figures:\n      - {id: b-producers, measure: countries producing the drones, value: 1, unit: countries, text: \"1\", counts: alleged_producer}\n"},
		}, "figure b-producers counts 1 countries but the statements of its event name 2 as alleged_producer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := gapsData(t)
			for _, e := range tc.edits {
				path := filepath.Join(dir, "facts", e.file)
				text, err := os.ReadFile(path)
				if err != nil || !bytes.Contains(text, []byte(e.old)) {
					t.Fatalf("%s lacks %q (%v)", e.file, e.old, err)
				}
				if err := os.WriteFile(path, bytes.Replace(text, []byte(e.old), []byte(e.new), 1), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			facts := filepath.Join(dir, "facts", "outlet-b-factory.yaml")
			for _, listing := range []Listing{CountMentions, ListMentions} {
				in, errs := load.Dir(dir, nil)
				if len(errs) > 0 {
					t.Fatal(errs)
				}
				res, errs := Build(in, nil, listing, filepath.Join(t.TempDir(), "statements"))
				if len(errs) != 1 || !strings.Contains(errs[0].Msg, tc.want) || errs[0].Pos.File != facts {
					t.Errorf("listing %v: errors\n%v\nwant %q alone (the source's gaps are not checked)", listing, errs, tc.want)
				}
				// The other source is checked, and has no gaps.
				if res.Mentions.Captured == 0 || res.Mentions.Missing != 0 || listing == ListMentions && len(res.Coverage) != res.Mentions.Mentions() {
					t.Errorf("listing %v: mentions %+v, %d listed", listing, res.Mentions, len(res.Coverage))
				}
				for _, it := range res.Coverage {
					if it.SourceID == "outlet-b-factory" {
						t.Errorf("listing %v lists a mention of the unchecked source: %+v", listing, it)
						break
					}
				}
			}
		})
	}
}

// buildDir loads and builds the data folder dir, which must load.
func buildDir(t *testing.T, dir string, listing Listing) (*Result, diag.List) {
	t.Helper()
	in, errs := load.Dir(dir, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	res, errs := Build(in, nil, listing, filepath.Join(t.TempDir(), "statements"))
	t.Cleanup(func() { res.Dataset.Close() })
	return res, errs
}

// errorsAbout is the errors, as printed, that mention about.
func errorsAbout(errs diag.List, about string) []string {
	var found []string
	for _, e := range errs {
		if strings.Contains(e.Error(), about) {
			found = append(found, e.Error())
		}
	}
	return found
}

// TestCoverageOfSourcesWithoutFacts: a source that no facts file
// describes is accounted for too: each of its mentions is missing, and
// one error says so, at the first of them, not one error each.
func TestCoverageOfSourcesWithoutFacts(t *testing.T) {
	dir := gapsData(t)
	if err := os.Remove(filepath.Join(dir, "facts", "outlet-a-factory.yaml")); err != nil {
		t.Fatal(err)
	}
	res, errs := buildDir(t, dir, ListMentions)
	about := errorsAbout(errs, "outlet-a-factory")
	want := filepath.Join(dir, "sources", "outlet-a-factory.txt") + ":1:4: source outlet-a-factory has no facts file: its text has 2 countries and 1 date (the first here), which facts must capture or list under ignore: in " + filepath.Join(dir, "facts", "outlet-a-factory.yaml")
	if len(about) != 1 || about[0] != want {
		t.Errorf("errors about outlet-a-factory:\n%s\nwant:\n%s", strings.Join(about, "\n"), want)
	}
	if res.Mentions.Missing != 3 || res.Mentions.Mentions() != 3 || len(res.Coverage) != 3 {
		t.Errorf("mentions %+v, %d listed; want the 3 mentions of outlet-a-factory missing", res.Mentions, len(res.Coverage))
	}
}

// A facts file begun with no statement yet: one error, as for a source
// without facts (before: one for each of the text's mentions, 60 for the
// first article).
func TestCoverageOfFactsWithoutStatements(t *testing.T) {
	dir := gapsData(t)
	facts := filepath.Join(dir, "facts", "outlet-a-factory.yaml")
	if err := os.WriteFile(facts, []byte("statements:\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs := buildDir(t, dir, ListMentions)
	about := errorsAbout(errs, "outlet-a-factory")
	want := filepath.Join(dir, "sources", "outlet-a-factory.txt") + ":1:4: source outlet-a-factory has no statements yet: its text has 2 countries and 1 date (the first here) that statements in " + facts + " must capture, or its ignore: list"
	if len(about) != 1 || about[0] != want {
		t.Errorf("errors about outlet-a-factory:\n%s\nwant:\n%s", strings.Join(about, "\n"), want)
	}
}

func TestMentionCounts(t *testing.T) {
	for _, c := range []struct {
		kinds []coverage.Kind
		want  string
	}{
		{[]coverage.Kind{coverage.Date}, "1 date"},
		{[]coverage.Kind{coverage.Quotation, coverage.Country, coverage.Country}, "2 countries and 1 quotation"},
		{[]coverage.Kind{coverage.Number, coverage.Quotation, coverage.Number, coverage.Date, coverage.Quotation, coverage.Country}, "1 country, 1 date, 2 numbers and 2 quotations"},
	} {
		if got := mentionCounts(c.kinds); got != c.want {
			t.Errorf("mentionCounts(%v) = %q, want %q", c.kinds, got, c.want)
		}
	}
}

// TestMisnamedFacts: a facts file named after no source, but after a slip
// for one that has no facts file, says which, and that source's mentions
// are not reported (its facts are most likely in that file). What it
// declares is declared all the same.
func TestMisnamedFacts(t *testing.T) {
	dir := gapsData(t)
	facts := filepath.Join(dir, "facts", "outlet-a-factory.yaml")
	misnamed := filepath.Join(dir, "facts", "outlet-a-factroy.yaml")
	if err := os.Rename(facts, misnamed); err != nil {
		t.Fatal(err)
	}
	res, errs := buildDir(t, dir, ListMentions)
	about := errorsAbout(errs, "outlet-a-fact")
	want := misnamed + `: no source "outlet-a-factroy": a facts file must be named after data/sources/<source_id>.yaml; did you mean ` + facts + " (source outlet-a-factory has no facts file)?"
	if len(about) != 1 || about[0] != want {
		t.Errorf("errors about outlet-a-factory:\n%s\nwant:\n%s", strings.Join(about, "\n"), want)
	}
	// What it declares is declared: the other source's references to its
	// city and event are no errors of their own.
	for _, e := range errs {
		if strings.Contains(e.Msg, "unknown") {
			t.Errorf("a reference to what the misnamed file declares: %v", e)
		}
	}
	for _, it := range res.Coverage {
		if it.SourceID == "outlet-a-factory" {
			t.Errorf("a mention of the source whose facts file is misnamed is listed: %+v", it)
			break
		}
	}
	// Two misnamed files, each as close to either source: the second is
	// told of the other source, not of the one the first was told of.
	for _, name := range [][2]string{{"outlet-a-factroy.yaml", "outlet-c-factory.yaml"}, {"outlet-b-factory.yaml", "outlet-d-factory.yaml"}} {
		if err := os.Rename(filepath.Join(dir, "facts", name[0]), filepath.Join(dir, "facts", name[1])); err != nil {
			t.Fatal(err)
		}
	}
	_, errs = buildDir(t, dir, ListMentions)
	var told []string
	for _, e := range errs {
		if _, after, ok := strings.Cut(e.Msg, "did you mean "); ok {
			told = append(told, filepath.Base(e.Pos.File)+" -> "+strings.Fields(after)[0])
		}
	}
	want2 := []string{"outlet-c-factory.yaml -> " + facts, "outlet-d-factory.yaml -> " + filepath.Join(dir, "facts", "outlet-b-factory.yaml")}
	if !slices.Equal(told, want2) {
		t.Errorf("suggestions %q, want %q", told, want2)
	}
	if err := os.Rename(filepath.Join(dir, "facts", "outlet-d-factory.yaml"), filepath.Join(dir, "facts", "outlet-b-factory.yaml")); err != nil {
		t.Fatal(err)
	}
	misnamed = filepath.Join(dir, "facts", "outlet-c-factory.yaml")
	// A name that is no slip for the source's is only reported.
	if err := os.Rename(misnamed, filepath.Join(dir, "facts", "factory.yaml")); err != nil {
		t.Fatal(err)
	}
	_, errs = buildDir(t, dir, ListMentions)
	var noFacts, noSource int
	for _, e := range errs {
		noFacts += strings.Count(e.Msg, "source outlet-a-factory has no facts file:")
		if strings.HasSuffix(e.Msg, `no source "factory": a facts file must be named after data/sources/<source_id>.yaml`) {
			noSource++
		}
	}
	if noFacts != 1 || noSource != 1 {
		t.Errorf("errors:\n%v\nwant one that factory.yaml has no source, without a suggestion, and one that outlet-a-factory has no facts", errs)
	}
}

// TestIgnoreKindMisspelt: an ignore entry's misspelt kind is told which
// it is a slip for, and is read as that kind: the mention it meant is not
// reported as not captured as well.
func TestIgnoreKindMisspelt(t *testing.T) {
	dir := gapsData(t)
	facts := filepath.Join(dir, "facts", "outlet-b-factory.yaml")
	data, _ := os.ReadFile(facts)
	data = bytes.Replace(data, []byte("  - kind: quotation\n"), []byte("  - kind: quotaton\n"), 1)
	if err := os.WriteFile(facts, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs := buildDir(t, dir, CountMentions)
	want := `ignore kind "quotaton": expected one of country, date, number, quotation; did you mean "quotation"?`
	if got := errorsAbout(errs, "quotat"); len(got) != 1 || !strings.HasSuffix(got[0], want) {
		t.Errorf("errors about the quotation:\n%s\nwant one ending %q", strings.Join(got, "\n"), want)
	}
}

// TestStaleFactsCopy: an old copy of a facts file, named after no source,
// is that one error: its ids, taken by the file it copies, are left to
// that file, which it sorts before ("-" before "."), without an error.
func TestStaleFactsCopy(t *testing.T) {
	dir := gapsData(t)
	facts := filepath.Join(dir, "facts", "outlet-a-factory.yaml")
	data, err := os.ReadFile(facts)
	if err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, "facts", "outlet-a-factory-old.yaml")
	if err := os.WriteFile(stale, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs := buildDir(t, dir, ListMentions)
	about := errorsAbout(errs, "outlet-a-factory")
	want := stale + `: no source "outlet-a-factory-old": a facts file must be named after data/sources/<source_id>.yaml`
	if len(about) != 1 || about[0] != want {
		t.Errorf("errors about outlet-a-factory:\n%s\nwant:\n%s", strings.Join(about, "\n"), want)
	}
}

// TestMisnamedFactsBounded: of many misnamed facts files, the first 20 by
// name are compared with the sources (each with all of them); the others
// are reported without a suggestion.
func TestMisnamedFactsBounded(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := synth.Corpus(dir, 600, 1); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "facts", "*.yaml"))
	if len(files) < 25 {
		t.Fatalf("the corpus has %d facts files", len(files))
	}
	for _, f := range files {
		if err := os.Rename(f, strings.TrimSuffix(f, ".yaml")+"x.yaml"); err != nil {
			t.Fatal(err)
		}
	}
	_, errs := buildDir(t, dir, CountMentions)
	var suggested []string
	orphans := 0
	for _, e := range errs {
		if strings.Contains(e.Msg, "a facts file must be named after") {
			orphans++
			if strings.Contains(e.Msg, "did you mean") {
				suggested = append(suggested, e.Pos.File)
			}
		}
	}
	renamed, _ := filepath.Glob(filepath.Join(dir, "facts", "*.yaml"))
	if orphans != len(files) || !slices.Equal(suggested, renamed[:20]) {
		t.Errorf("%d files without a source, of %d; suggestions for\n%v\nwant the first 20 files by name", orphans, len(files), suggested)
	}
	// Each is told of the source it was named after.
	for _, e := range errs {
		if _, after, ok := strings.Cut(e.Msg, "did you mean "); ok && strings.TrimSuffix(e.Pos.File, "x.yaml")+".yaml" != strings.Fields(after)[0] {
			t.Errorf("%s: %s", e.Pos.File, e.Msg)
		}
	}
}

// TestCoverageInIDOrder: the mentions are listed source by source in the
// order of the sources' ids, which is not that of their files' names
// (outlet-a-factory-b.yaml comes before outlet-a-factory.yaml).
func TestCoverageInIDOrder(t *testing.T) {
	dir := gapsData(t)
	for _, sub := range []string{"sources", "facts"} {
		if err := os.Rename(filepath.Join(dir, sub, "outlet-b-factory.yaml"), filepath.Join(dir, sub, "outlet-a-factory-b.yaml")); err != nil {
			t.Fatal(err)
		}
	}
	in, errs := load.Dir(dir, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	res, _ := Build(in, nil, ListMentions, filepath.Join(t.TempDir(), "statements")) // the gaps are errors
	var order []string
	for _, it := range res.Coverage {
		if len(order) == 0 || order[len(order)-1] != it.SourceID {
			order = append(order, it.SourceID)
		}
	}
	if want := []string{"outlet-a-factory", "outlet-a-factory-b"}; !slices.Equal(order, want) {
		t.Errorf("mentions listed by source in the order %v, want %v", order, want)
	}
}
