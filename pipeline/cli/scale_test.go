package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"testing"

	"newsfacts/pipeline/build"
	"newsfacts/pipeline/progress"
	"newsfacts/pipeline/synth"
	"newsfacts/schema"
)

// TestSynthCorpusBuilds: dataset synth writes a corpus that passes every
// check, coverage included, with the statements asked for; the same twice
// over; and never into a folder that holds anything.
func TestSynthCorpusBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"synth", "-statements", "250", dir}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("synth: exit %d: %s", code, stderr.String())
	}
	stdout.Reset()
	if code := Run([]string{"check", "-data", dir}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("check of the synthetic corpus: exit %d:\n%s", code, stderr.String())
	}
	for _, want := range []string{"ok: 25 sources, 250 statements", " 25 ignored"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("check: %q lacks %q", stdout.String(), want)
		}
	}
	res, errs := read(dir, nil, build.CountMentions, 0, filepath.Join(t.TempDir(), "statements"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	d := res.Dataset
	if len(d.Conflicts) == 0 || len(d.Figures) == 0 || len(d.Stances) == 0 || len(d.CountryRoles) == 0 {
		t.Errorf("the corpus lacks conflicts, figures, stances or country roles: %s", summary(res))
	}
	precisions := map[string]bool{}
	for _, s := range d.Statements.All() {
		precisions[s.DatePrecision.String()+"/"+s.DateBasis.String()] = true
	}
	for _, want := range []string{"day/stated", "day/inferred", "month/stated", "year/stated", "unknown/unknown"} {
		if !precisions[want] {
			t.Errorf("no statement has a date of precision/basis %s (have %v)", want, precisions)
		}
	}

	again := filepath.Join(t.TempDir(), "corpus")
	if code := Run([]string{"synth", "-statements", "250", again}, &stdout, &stderr); code != ExitOK {
		t.Fatal(stderr.String())
	}
	if a, b := readTree(t, dir), readTree(t, again); !maps.Equal(a, b) || len(a) != 25*3+3 {
		t.Errorf("two corpora of the same size differ, or do not hold 25 sources with their facts: %d and %d files", len(a), len(b))
	}
	stderr.Reset()
	if code := Run([]string{"synth", dir}, &stdout, &stderr); code != ExitUsage || !strings.Contains(stderr.String(), "is not empty") {
		t.Errorf("synth into a full folder: exit %d, %q", code, stderr.String())
	}
}

// TestStats: -stats writes each stage's record, in the order the stages
// ran; -quiet is accepted, and a stderr that is not a terminal shows no
// progress.
func TestStats(t *testing.T) {
	stats := filepath.Join(t.TempDir(), "stats.jsonl")
	out := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"build", "-quiet", "-data", "testdata/conflicting-reports/data", "-out", out, "-assets", "../../node_modules", "-stats", stats}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("build: exit %d: %s", code, stderr.String())
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr: %q", stderr.String())
	}
	var stages []string
	for _, r := range readStats(t, stats) {
		if r.Stage == "validate" && r.Items != 2 {
			t.Errorf("validate counted %d statements, want 2", r.Items)
		}
		stages = append(stages, r.Stage)
	}
	if !slices.Equal(stages, buildStages) {
		t.Errorf("stages %v, want %v", stages, buildStages)
	}
}

// buildStages are the stages of a build without -png, in order.
var buildStages = []string{"load", "scan", "validate", "derive", "coverage", "csv", "parquet", "xlsx", "charts", "package", "swap"}

// readStats reads a -stats file, failing the test at a line that is not a
// stage's record.
func readStats(t *testing.T, file string) []progress.Record {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var records []progress.Record
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r progress.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %q: %v", file, sc.Text(), err)
		}
		if r.Seconds < 0 || r.Unit == "" {
			t.Errorf("%s: record %+v", file, r)
		}
		records = append(records, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return records
}

// TestCountRows: a writer's rows are counted once each, re-reads included.
func TestCountRows(t *testing.T) {
	run := progress.New(io.Discard, true)
	stage := run.Start("xlsx", 0, "rows")
	table := countRows(schema.Table{Len: 10_001, Row: func(int, []schema.Value) {}}, stage)
	for i := range 100 { // as the workbook sizes its columns
		table.Row(i, nil)
	}
	for i := range table.Len {
		table.Row(i, nil)
	}
	stage.Done(-1)
	if got := run.Records()[0].Items; got != 10_001 {
		t.Errorf("counted %d rows, want 10,001", got)
	}
}

// TestRefusedBeforeTheWork: what a build needs besides data/ is checked
// before data/ is read: a -stats file that cannot be written and missing
// chart assets are usage errors, and nothing is written.
func TestRefusedBeforeTheWork(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-stats", filepath.Join(t.TempDir(), "no", "such", "stats.jsonl")}, "-stats: open "},
		{[]string{"-assets", t.TempDir()}, "chart assets: world-atlas/countries-50m.json is missing from"},
	} {
		var stdout, stderr bytes.Buffer
		// A data folder with errors: were it read, they would be reported.
		args := append([]string{"build", "-data", "testdata/facts-errors/data", "-out", out}, tc.args...)
		if code := Run(args, &stdout, &stderr); code != ExitUsage || !strings.Contains(stderr.String(), tc.want) || dataErrorCount.MatchString(stderr.String()) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q before any data error", tc.args, code, stderr.String(), ExitUsage, tc.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%q: %s was written", tc.args, out)
		}
	}
}

func TestThings(t *testing.T) {
	for _, tc := range []struct {
		n     int
		thing string
		want  string
	}{
		{0, "source", "0 sources"}, {1, "source", "1 source"}, {1351, "source", "1,351 sources"},
		{1, "entity", "1 entity"}, {2, "entity", "2 entities"}, {3584256, "conflicting report", "3,584,256 conflicting reports"},
	} {
		if got := things(tc.n, tc.thing); got != tc.want {
			t.Errorf("things(%d, %q) = %q, want %q", tc.n, tc.thing, got, tc.want)
		}
	}
}

// TestDraftsAcrossBatches: statements are checked a batch of facts files
// at a time (build's draftBatch, 128). A repeated id found in a later batch
// than its first use, and a malformed one, drop those statements alone, and
// every other row is the one a clean corpus gives, in its place.
func TestDraftsAcrossBatches(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a corpus of 657 sources")
	}
	dir := filepath.Join(t.TempDir(), "corpus")
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"synth", "-statements", "10000", dir}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("synth: exit %d: %s", code, stderr.String())
	}
	clean, errs := read(dir, nil, build.CountMentions, 0, filepath.Join(t.TempDir(), "statements"))
	if len(errs) > 0 || clean.Dataset.Statements.Len() != 10000 {
		t.Fatalf("the clean corpus: %d statements, %v", clean.Dataset.Statements.Len(), errs)
	}
	replace := func(file, old, new string) {
		t.Helper()
		path := filepath.Join(dir, "facts", file)
		data, err := os.ReadFile(path)
		if err != nil || !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s lacks %q (%v)", file, old, err)
		}
		if err := os.WriteFile(path, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	replace("src-0000100.yaml", "id: src-0000100-s000\n", "id: Bad/ID\n")           // malformed past reading, in the first batch
	replace("src-0000600.yaml", "id: src-0000600-s001\n", "id: src-0000003-s001\n") // taken in the first batch, in the fifth
	res, errs := read(dir, nil, build.CountMentions, 0, filepath.Join(t.TempDir(), "statements"))
	for _, want := range []string{
		`facts/src-0000600.yaml:23:9: duplicate statement id "src-0000003-s001" (first declared at `,
		`facts/src-0000100.yaml:12:9: statement id "Bad/ID": use lower-case letters`,
	} {
		if !strings.Contains(errs.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, errs)
		}
	}
	var want []schema.Statement
	for _, s := range clean.Dataset.Statements.All() {
		if s.ID != "src-0000600-s001" && s.ID != "src-0000100-s000" {
			want = append(want, *s)
		}
	}
	if got := res.Dataset.Statements.Collect(); !reflect.DeepEqual(got, want) {
		t.Errorf("%d statements, want the clean corpus's %d but the two dropped, row for row", len(got), len(want))
	}
}

// While build, check and coverage read the files, the collector's target
// is loadGCPercent, while they check the data gcPercent, and while build
// writes the release writersGCPercent, unless GOGC sets it; either way it
// is as it was afterwards.
func TestGCPercent(t *testing.T) {
	// A corpus that takes long enough to check for the sampler to get a
	// core now and then while it runs, even when there is one.
	corpus := t.TempDir()
	if err := synth.Corpus(corpus, 3000, 1); err != nil {
		t.Fatal(err)
	}
	// seen returns the percents seen during a run, in the order they
	// were first seen.
	seen := func(t *testing.T, args ...string) []int64 {
		prev := debug.SetGCPercent(77)
		defer debug.SetGCPercent(prev)
		var values []int64
		sample := []metrics.Sample{{Name: "/gc/gogc:percent"}}
		done := make(chan int)
		go func() {
			done <- Run(append(args, "-quiet", "-data", corpus), io.Discard, io.Discard)
		}()
		for {
			metrics.Read(sample)
			if v := int64(sample[0].Value.Uint64()); !slices.Contains(values, v) {
				values = append(values, v)
			}
			select {
			case code := <-done:
				if code != ExitOK {
					t.Fatalf("check: exit %d", code)
				}
				if after := debug.SetGCPercent(prev); after != 77 {
					t.Errorf("GC percent %d after the run, 77 before it", after)
				}
				return values
			default:
				runtime.Gosched()
			}
		}
	}
	gogc, had := os.LookupEnv("GOGC")
	os.Unsetenv("GOGC")
	t.Cleanup(func() {
		if had {
			os.Setenv("GOGC", gogc)
		}
	})
	// The run's own percents, in order (77, the percent before and after
	// the run, may be seen first or last). The corpus takes tens of
	// milliseconds to load, time enough for the sampler.
	values := slices.DeleteFunc(seen(t, "check"), func(v int64) bool { return v == 77 })
	if want := []int64{loadGCPercent, gcPercent}; !slices.Equal(values, want) {
		t.Errorf("GC percents seen during a check, in order: %v, want %v", values, want)
	}
	values = slices.DeleteFunc(seen(t, "build", "-out", filepath.Join(t.TempDir(), "out"), "-assets", "../../node_modules"), func(v int64) bool { return v == 77 })
	if want := []int64{loadGCPercent, gcPercent, writersGCPercent}; !slices.Equal(values, want) {
		t.Errorf("GC percents seen during a build, in order: %v, want %v", values, want)
	}
	// read itself sets the checks' percent once the files are read.
	prev := debug.SetGCPercent(91)
	if _, errs := read(corpus, nil, build.CountMentions, 33, ""); len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := debug.SetGCPercent(prev); got != 33 {
		t.Errorf("GC percent %d after read(..., 33); want 33", got)
	}
	t.Setenv("GOGC", "77")
	if values := seen(t, "check"); !slices.Equal(values, []int64{77}) {
		t.Errorf("with GOGC set, GC percents seen during the run: %v, want 77 alone", values)
	}
}

// dataErrorCount is the last line of a run that found errors in the data.
var dataErrorCount = regexp.MustCompile(`(?m)^[0-9,]+ errors?(; nothing was written)?$`)
