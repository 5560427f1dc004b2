package docs_test

import (
	"fmt"
	"strings"
	"testing"

	"newsfacts/pipeline/docs"
	"newsfacts/pipeline/manifest"
	"newsfacts/schema"
)

// TestReadmeListsTheFirstSources: a release of many sources lists the first
// ListedSources of them and says which files hold them all; a small one
// lists every source and says nothing more.
func TestReadmeListsTheFirstSources(t *testing.T) {
	files := []manifest.File{
		{Path: "csv/sources.csv"}, {Path: "csv/statements.csv"},
		{Path: "parquet/sources.parquet"}, {Path: "parquet/statements.parquet"},
		{Path: "test.xlsx"},
	}
	for _, n := range []int{1, docs.ListedSources, docs.ListedSources + 5} {
		var sources []schema.Source
		for i := range n {
			sources = append(sources, schema.Source{ID: fmt.Sprintf("s%04d", i), Title: fmt.Sprintf("Report %04d", i), Publisher: "Daily", URL: "https://example.org/"})
		}
		var b strings.Builder
		if err := docs.WriteReadme(&b, docs.Release{Meta: schema.Meta{Name: "test", Title: "Test"}, Sources: sources, Files: files}); err != nil {
			t.Fatal(err)
		}
		listed := strings.Count(b.String(), "“Report ")
		if want := min(n, docs.ListedSources); listed != want {
			t.Errorf("%d sources: the README lists %d, want %d", n, listed, want)
		}
		if strings.Contains(b.String(), fmt.Sprintf("“Report %04d”", docs.ListedSources)) {
			t.Errorf("%d sources: the README lists source %d, beyond the first %d", n, docs.ListedSources, docs.ListedSources)
		}
		note := fmt.Sprintf("The first %d of %d sources, by source_id: the table `sources` lists them all ([csv/sources.csv](csv/sources.csv), [parquet/sources.parquet](parquet/sources.parquet), the sheet sources of [test.xlsx](test.xlsx)).", docs.ListedSources, n)
		if got := strings.Contains(b.String(), note); got != (n > docs.ListedSources) {
			t.Errorf("%d sources: the note %q is there: %v\n%s", n, note, got, b.String())
		}
	}
}
