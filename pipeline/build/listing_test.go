package build

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"newsfacts/pipeline/coverage"
	"newsfacts/pipeline/load"
	"newsfacts/pipeline/synth"
)

// TestListing builds folders both ways: data/, a folder with coverage
// gaps and a synthetic corpus, which ignores mentions. Counting the
// mentions gives the counts of the list, and the same errors.
func TestListing(t *testing.T) {
	synthetic := t.TempDir()
	if err := synth.Corpus(synthetic, 1000, 1); err != nil {
		t.Fatal(err)
	}
	var ignored int
	for dir, gaps := range map[string]bool{
		filepath.Join("..", "..", "data"):                               false,
		filepath.Join("..", "cli", "testdata", "coverage-gaps", "data"): true,
		synthetic: false,
	} {
		build := func(listing Listing) (*Result, string) {
			in, errs := load.Dir(dir, nil)
			res, more := Build(in, nil, listing, filepath.Join(t.TempDir(), "statements"))
			errs.Append(more)
			errs.Sort()
			return res, errs.Error()
		}
		listed, listedErrs := build(ListMentions)
		counted, countedErrs := build(CountMentions)
		byStatus := map[coverage.Status]int{}
		for _, it := range listed.Coverage {
			byStatus[it.Status]++
		}
		tally := coverage.Counts{Captured: byStatus[coverage.Captured], Ignored: byStatus[coverage.Ignored], Missing: byStatus[coverage.Missing]}
		if tally.Mentions() != len(listed.Coverage) {
			t.Fatalf("%s: %d mentions listed, counted as %d", dir, len(listed.Coverage), tally.Mentions())
		}
		ignored += tally.Ignored
		if tally.Captured == 0 || (tally.Missing > 0) != gaps {
			t.Fatalf("%s: listed %+v; want mentions captured, and missing ones only where there are gaps", dir, tally)
		}
		if listed.Mentions != tally {
			t.Errorf("%s: listed, counts %+v, but the list has %+v", dir, listed.Mentions, tally)
		}
		if counted.Mentions != tally {
			t.Errorf("%s: counted %+v, but the list has %+v", dir, counted.Mentions, tally)
		}
		if counted.Coverage != nil {
			t.Errorf("%s: counted, yet %d items listed", dir, len(counted.Coverage))
		}
		if diff := cmp.Diff(listedErrs, countedErrs); diff != "" {
			t.Errorf("%s: errors differ, listed (-) and counted (+):\n%s", dir, diff)
		}
	}
	if ignored == 0 {
		t.Error("no folder ignores a mention")
	}
}
