package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"newsfacts/pipeline/load"
	"newsfacts/pipeline/synth"
	"newsfacts/schema"
)

// TestReusedArrays builds a corpus with the decoded statements' arrays
// decoded into again (see reusedDefs) and without: the same dataset and
// the same errors. In a synthetic corpus each file's statements have
// shapes of their own (a date or none, a hedge, figures), so a file
// decoded into the array of the file before it in its place of the batch
// finds there values it does not set; some files of the first batch have
// errors, a statement that is no mapping among them, which the files
// after them in the same places must not inherit.
func TestReusedArrays(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Corpus(dir, 3000, 1); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "facts", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	// Each edit is made once, in a file of the first batch, whose place
	// a file of the second takes.
	edits := []struct{ old, new string }{
		{"    kind: claim\n", "    kind: rumour\n"},                        // a kind that is none
		{"    summary: ", "    sumary: "},                                  // an unknown key, and no summary
		{"\n  - id: src-", "\n  - a statement that is text\n  - id: src-"}, // an item that is no mapping
		{"    quote: \"", "    quote: \"Not in the text. "},                // a quote that is not found
	}
	if len(files) < draftBatch+len(edits) {
		t.Fatalf("%d facts files: want more than a batch of %d, so that files are decoded into the arrays of the files before them", len(files), draftBatch)
	}
	for i, e := range edits {
		data, err := os.ReadFile(files[i])
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), e.old) {
			t.Fatalf("%s has no %q to edit", files[i], e.old)
		}
		if err := os.WriteFile(files[i], []byte(strings.Replace(string(data), e.old, e.new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := func() (*schema.Dataset, string) {
		in, errs := load.Dir(dir, nil)
		res, more := Build(in, nil, CountMentions, filepath.Join(t.TempDir(), "statements"))
		errs.Append(more)
		errs.Sort()
		return res.Dataset, errs.Error()
	}
	reused, reusedErrs := build()
	defer func(n int) { reusedDefs = n }(reusedDefs)
	reusedDefs = 0
	own, ownErrs := build()
	for _, e := range []string{"rumour", "sumary", "a statement that is text", "Not in the text"} {
		if !strings.Contains(ownErrs, e) {
			t.Errorf("no error names %q, the edit's:\n%s", e, ownErrs)
		}
	}
	if diff := cmp.Diff(ownErrs, reusedErrs); diff != "" {
		t.Errorf("errors differ, with arrays of their own (-) and reused (+):\n%s", diff)
	}
	if own.Statements.Len() < 2900 {
		t.Fatalf("%d statements built; want nearly all of 3,000", own.Statements.Len())
	}
	if diff := cmp.Diff(own, reused, heldRows); diff != "" {
		t.Errorf("datasets differ, with arrays of their own (-) and reused (+):\n%s", diff)
	}
}

// heldRows has go-cmp compare the rows a schema.Rows gives, wherever
// they are kept.
var heldRows = cmp.Transformer("rows", func(r schema.Rows[schema.Statement]) []schema.Statement { return r.Collect() })
