package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"newsfacts/pipeline/build"
	"newsfacts/pipeline/provenance"
)

// goodRelease builds the conflicting-reports case into a new folder and
// returns the release folder and its files.
func goodRelease(t *testing.T) (string, map[string]string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"build", "-quiet", "-data", "testdata/conflicting-reports/data", "-out", out}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("good build: exit %d: %s", code, stderr.String())
	}
	return out, readTree(t, out)
}

// copyData copies the conflicting-reports data into a new folder, passing
// each file's bytes through edit, and returns the folder.
func copyData(t *testing.T, edit func(rel string, data []byte) []byte) string {
	t.Helper()
	const from = "testdata/conflicting-reports/data"
	dir := filepath.Join(t.TempDir(), "data")
	err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		writeTestFile(t, filepath.Join(dir, rel), edit(filepath.ToSlash(rel), data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// failsCleanly builds dataDir over the release in out and checks that the
// build fails with ExitData (or want), names wantFile in its errors, leaves
// the release byte for byte as it was and nothing beside it, within limit.
func failsCleanly(t *testing.T, out string, before map[string]string, dataDir, wantFile string, want int, limit time.Duration) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	start := time.Now()
	code := Run([]string{"build", "-quiet", "-data", dataDir, "-out", out}, &stdout, &stderr)
	if took := time.Since(start); took > limit {
		t.Errorf("the build took %v, more than %v", took, limit)
	}
	if code != want {
		t.Errorf("exit code %d, want %d; stderr:\n%.2000s", code, want, stderr.String())
	}
	if !strings.Contains(stderr.String(), wantFile) {
		t.Errorf("stderr does not name %s:\n%.2000s", wantFile, stderr.String())
	}
	if diff := cmp.Diff(before, readTree(t, out)); diff != "" {
		t.Errorf("the failed build changed the release (-before +after):\n%.2000s", diff)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("the failed build left files beside the release: %v", entries)
	}
	return stderr.String()
}

// TestHostileInputsKeepRelease: every failing end-to-end case, built over
// a good release, exits with ExitData, names the files at fault, and
// leaves the release as it was with no staging folder.
func TestHostileInputsKeepRelease(t *testing.T) {
	out, before := goodRelease(t)
	cases, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		want, err := os.ReadFile(filepath.Join("testdata", c.Name(), "stderr"))
		if err != nil {
			continue // a case that builds
		}
		t.Run(c.Name(), func(t *testing.T) {
			// The expected stderr names the files; its first error's file must appear.
			file, _, _ := strings.Cut(string(want), ":")
			failsCleanly(t, out, before, filepath.Join("testdata", c.Name(), "data"), file, ExitData, time.Minute)
		})
	}
}

// TestHostileBigInputs: inputs too big to commit, made here.
func TestHostileBigInputs(t *testing.T) {
	out, before := goodRelease(t)
	replace := func(file, old, new string) func(string, []byte) []byte {
		return func(rel string, data []byte) []byte {
			if rel != file {
				return data
			}
			if !bytes.Contains(data, []byte(old)) {
				t.Fatalf("%s lacks %q", rel, old)
			}
			return bytes.Replace(data, []byte(old), []byte(new), 1)
		}
	}
	const facts = "facts/outlet-a-factory.yaml"
	const quoteLine = "    quote: On 16 May 2022 an Iranian general opened a drone factory in Dushanbe, Tajikistan.\n"
	big := strings.Repeat("drones were built. ", 10<<20/19) // 10 MB

	t.Run("10 MB quote not in the text", func(t *testing.T) {
		dir := copyData(t, replace(facts, quoteLine, "    quote: '"+big+"'\n"))
		stderr := failsCleanly(t, out, before, dir, facts+":14:12: quote \"drones were built. drones", ExitData, time.Minute)
		if len(stderr) > 2000 {
			t.Errorf("the error repeats the quote: %d bytes", len(stderr))
		}
	})
	t.Run("10 MB quote in a 10 MB text", func(t *testing.T) {
		// It is found, but no spreadsheet cell holds it: refused where
		// it is written, and the previous release stays.
		edit := func(rel string, data []byte) []byte {
			switch rel {
			case "sources/outlet-a-factory.txt":
				return append(data, big...)
			case facts:
				return append(data, "  - id: big\n    kind: report\n    summary: a long quote\n    quote: '"+big+"'\n"...)
			}
			return data
		}
		failsCleanly(t, out, before, copyData(t, edit), facts+":20:12: quote is 10485758 characters (UTF-16 units) long; a spreadsheet cell holds at most 32767", ExitData, time.Minute)
	})
	const n = 100_000
	t.Run("100k nested lists", func(t *testing.T) {
		dir := copyData(t, replace(facts, quoteLine, "    quote: "+strings.Repeat("[", n)+strings.Repeat("]", n)+"\n"))
		failsCleanly(t, out, before, dir, facts+":14: YAML nested more than 10000 levels deep", ExitData, time.Minute)
	})
	t.Run("100k nested mappings", func(t *testing.T) {
		dir := copyData(t, replace("dataset.yaml", "title: ", "title: "+strings.Repeat("{a: ", n)+strings.Repeat("}", n)+"\nx: "))
		failsCleanly(t, out, before, dir, "dataset.yaml:2: YAML nested more than 10000 levels deep", ExitData, time.Minute)
	})
	t.Run("100k nested block lists", func(t *testing.T) {
		dir := copyData(t, replace(facts, "statements:\n", "statements:\n  "+strings.Repeat("- ", n)+"x\n"))
		failsCleanly(t, out, before, dir, facts+":6: YAML nested more than 10000 levels deep", ExitData, time.Minute)
	})
	t.Run("aliases that would expand to 9^30 values", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("claims:\n  - &a0 {id: lol, text: lol}\n")
		for i := 1; i <= 30; i++ {
			b.WriteString("  - &a" + strconv.Itoa(i) + " [" + strings.Repeat("*a"+strconv.Itoa(i-1)+", ", 8) + "*a" + strconv.Itoa(i-1) + "]\n")
		}
		dir := copyData(t, replace(facts, "events:\n", b.String()+"events:\n"))
		stderr := failsCleanly(t, out, before, dir, facts+":5:5: anchor &a0: anchors and aliases are not allowed", ExitData, 10*time.Second)
		if got := strings.Count(stderr, "anchors and aliases are not allowed"); got != 31 {
			t.Errorf("%d anchor errors, want 31", got)
		}
	})
}

// TestCRLF: files saved with Windows line ends build like the originals:
// CRLF is an ordinary line end in YAML, positions count lines the same,
// and a quote is found across CRLF line ends in a source text, its
// offsets then counting the CR.
func TestCRLF(t *testing.T) {
	toCRLF := func(_ string, data []byte) []byte { return bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n")) }
	// A line break inside the quoted passage of the text, so the quote
	// (on one line in the facts) must match across a CRLF.
	wrap := func(rel string, data []byte) []byte {
		if rel == "sources/outlet-a-factory.txt" {
			data = bytes.Replace(data, []byte("drone factory in"), []byte("drone factory\nin"), 1)
		}
		return toCRLF(rel, data)
	}
	lf, errs := read(copyData(t, func(_ string, d []byte) []byte { return d }), nil, build.CountMentions, 0, filepath.Join(t.TempDir(), "statements"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	dir := copyData(t, wrap)
	crlf, errs := read(dir, nil, build.CountMentions, 0, filepath.Join(t.TempDir(), "statements"))
	if len(errs) > 0 {
		t.Fatalf("CRLF files: %v", errs)
	}
	if crlf.Dataset.Statements.Len() != lf.Dataset.Statements.Len() {
		t.Fatalf("%d statements, want %d", crlf.Dataset.Statements.Len(), lf.Dataset.Statements.Len())
	}
	for i, st := range crlf.Dataset.Statements.All() {
		text, err := os.ReadFile(filepath.Join(dir, "sources", st.SourceID+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		if got := provenance.NewText(string(text)).Slice(st.QuoteStart, st.QuoteEnd); got != st.Quote {
			t.Errorf("statement %s: quote %q, text at its offsets %q", st.ID, st.Quote, got)
		}
		want := lf.Dataset.Statements.At(i)
		if st.ID != want.ID || st.Summary != want.Summary || st.Date != want.Date || st.QuoteStart != want.QuoteStart {
			t.Errorf("statement %s differs from the LF build: %+v, want %+v", st.ID, st, want)
		}
	}
	if q := crlf.Dataset.Statements.At(0).Quote; !strings.Contains(q, "factory\r\nin") {
		t.Errorf("statement %s: quote %q, want the text's own CRLF", crlf.Dataset.Statements.At(0).ID, q)
	}

	// Errors in CRLF files are placed as in LF files.
	bad := func(rel string, data []byte) []byte {
		if rel == "facts/outlet-a-factory.yaml" {
			data = bytes.Replace(data, []byte("date: 16 May 2022"), []byte("date: 16 Mai 2022"), 1)
		}
		return data
	}
	_, lfErrs := read(copyData(t, bad), nil, build.CountMentions, 0, filepath.Join(t.TempDir(), "statements"))
	_, crlfErrs := read(copyData(t, func(rel string, d []byte) []byte { return toCRLF(rel, bad(rel, d)) }), nil, build.CountMentions, 0, filepath.Join(t.TempDir(), "statements"))
	if len(lfErrs) != 1 || len(crlfErrs) != 1 || lfErrs[0].Pos.Line != 10 || crlfErrs[0].Pos.Line != lfErrs[0].Pos.Line || crlfErrs[0].Pos.Col != lfErrs[0].Pos.Col || crlfErrs[0].Msg != lfErrs[0].Msg {
		t.Errorf("CRLF errors %v, LF errors %v: want one each, at line 10 and the same column", crlfErrs, lfErrs)
	}
}
