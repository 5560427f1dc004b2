package cli

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"newsfacts/pipeline/build"
	"newsfacts/pipeline/docs"
	"newsfacts/pipeline/duckdb"
	"newsfacts/pipeline/libreoffice"
	"newsfacts/schema"
)

var update = flag.Bool("update", false, "rewrite the expected output of the testdata cases")

// TestEndToEnd runs `dataset build` on every folder under testdata. A case
// with a want/ folder must build and write exactly those files; a case with
// a stderr file must fail with exit code 1, print exactly that, and write
// nothing.
func TestEndToEnd(t *testing.T) {
	cases, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		dir := filepath.Join("testdata", c.Name())
		t.Run(c.Name(), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			var stdout, stderr bytes.Buffer
			code := Run([]string{"build", "-data", filepath.Join(dir, "data"), "-out", out}, &stdout, &stderr)
			wantStderr := filepath.Join(dir, "stderr")
			if _, err := os.Stat(wantStderr); err == nil || (*update && code != ExitOK) {
				if code != ExitData {
					t.Errorf("exit code %d, want %d; stderr:\n%s", code, ExitData, stderr.String())
				}
				if _, err := os.Stat(out); err == nil {
					t.Errorf("a failed build created %s", out)
				}
				compareFile(t, wantStderr, stderr.Bytes())
				return
			}
			if code != ExitOK {
				t.Fatalf("exit code %d, want 0; stderr:\n%s", code, stderr.String())
			}
			got := readRelease(t, out)
			want := filepath.Join(dir, "want")
			if *update {
				os.RemoveAll(want)
				for name, data := range got {
					writeTestFile(t, filepath.Join(want, name), []byte(data))
				}
				return
			}
			if diff := cmp.Diff(readTree(t, want), got); diff != "" {
				t.Errorf("output differs from %s (-want +got):\n%s", want, diff)
			}
		})
	}
}

func compareFile(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		writeTestFile(t, path, got)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// readRelease is readTree with every Parquet file replaced by its text as
// DuckDB reads it (duckdb.Dump), under the name <file>.parquet.txt, and the
// workbook by its text as LibreOffice reads it (<file>.xlsx.txt): the
// expected output then shows the types and values a data scientist or a
// journalist gets, and a reviewer can read it.
func readRelease(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := readTree(t, dir)
	db, err := duckdb.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for name, content := range files {
		if strings.HasPrefix(name, "charts/assets/") {
			// Third-party code and map data, copied from npm packages: the
			// expected output records which bytes, not the bytes.
			files[name] = fmt.Sprintf("sha256 %x, %d bytes\n", sha256.Sum256([]byte(content)), len(content))
		}
		if strings.HasSuffix(name, ".xlsx") {
			lo, err := libreoffice.Open(filepath.Join(dir, filepath.FromSlash(name)))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			delete(files, name)
			files[name+".txt"] = lo.Dump()
		}
		if strings.HasSuffix(name, ".parquet") {
			dump, err := db.Dump(filepath.Join(dir, filepath.FromSlash(name)))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			delete(files, name)
			files[name+".txt"] = dump
		}
	}
	return files
}

// TestParquetHoldsTheTables: every Parquet file of a build of data/ holds
// exactly its in-memory table as DuckDB reads it, values and NULLs, types
// and column order.
func TestParquetHoldsTheTables(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"build", "-data", "../../data", "-out", out}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	res, errs := read("../../data", nil, build.CountMentions, 0, filepath.Join(t.TempDir(), "statements"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	db, err := duckdb.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, table := range res.Dataset.Tables() {
		for _, diff := range db.CompareParquet(filepath.Join(out, "parquet", table.Name+".parquet"), table) {
			t.Error(diff)
		}
	}
}

// readTree returns every file below dir by its slash-separated relative path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func writeTestFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFailedBuildKeepsRelease: bad input leaves the previous release as it was.
func TestFailedBuildKeepsRelease(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"build", "-data", "testdata/conflicting-reports/data", "-out", out}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("good build: exit %d: %s", code, stderr.String())
	}
	before := readTree(t, out)
	stderr.Reset()
	if code := Run([]string{"build", "-data", "testdata/facts-errors/data", "-out", out}, &stdout, &stderr); code != ExitData {
		t.Fatalf("bad build: exit %d, want %d", code, ExitData)
	}
	if diff := cmp.Diff(before, readTree(t, out)); diff != "" {
		t.Errorf("failed build changed the release (-before +after):\n%s", diff)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("failed build left files beside the release: %v", entries)
	}
}

// TestSameInputsSameBytes: two builds of the same inputs are byte-identical,
// with the same file modes and times, though the second runs as another
// process, from another folder, in another time zone and locale, on one
// thread.
func TestSameInputsSameBytes(t *testing.T) {
	dir := t.TempDir()
	first, second := filepath.Join(dir, "first"), filepath.Join(dir, "second")
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"build", "-data", "../../data", "-out", first}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	data, err := filepath.Abs("../../data")
	if err != nil {
		t.Fatal(err)
	}
	assets, err := filepath.Abs("../../node_modules")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "build", "-data", data, "-out", second, "-assets", assets)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "DATASET_CLI=1", "TZ=Pacific/Kiritimati", "LC_ALL=C", "LANG=C", "GOMAXPROCS=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("second build: %v\n%s", err, out)
	}
	if diff := cmp.Diff(readTree(t, first), readTree(t, second)); diff != "" {
		t.Errorf("two builds differ:\n%s", diff)
	}
	if diff := cmp.Diff(fileModes(t, first), fileModes(t, second)); diff != "" {
		t.Errorf("file modes or times differ:\n%s", diff)
	}
}

// fileModes returns each path's mode and modification time below dir.
func fileModes(t *testing.T, dir string) map[string]string {
	t.Helper()
	modes := map[string]string{}
	err := filepath.Walk(dir, func(path string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		modes[rel] = fi.Mode().String() + " " + fi.ModTime().UTC().Format(time.RFC3339)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return modes
}

func TestCommandLine(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{nil, ExitUsage, "usage: dataset"},
		{[]string{"publish"}, ExitUsage, `unknown command "publish"`},
		{[]string{"check", "extra"}, ExitUsage, `unexpected argument "extra"`},
		{[]string{"check", "-colour"}, ExitUsage, "flag provided but not defined: -colour"},
		{[]string{"build", "-h"}, ExitOK, "-previous DIR  for build"},
		{[]string{"check", "-data", "testdata/no-such-folder"}, ExitUsage, "dataset check: -data testdata/no-such-folder: data folder not found"},
		{[]string{"build", "-data", "cli.go"}, ExitUsage, "dataset build: -data cli.go: not a folder"},
		{[]string{"coverage", "-data", "cli.go/data"}, ExitUsage, "dataset coverage: -data: stat cli.go/data: not a directory"},
	} {
		var stdout, stderr bytes.Buffer
		code := Run(tc.args, &stdout, &stderr)
		if code != tc.code || !strings.Contains(stderr.String(), tc.stderr) {
			t.Errorf("Run(%q) = %d, stderr %q; want %d and %q", tc.args, code, stderr.String(), tc.code, tc.stderr)
		}
	}
	// A share of the cgroup's memory that is none is the command line's
	// mistake, found whether or not there is a cgroup limit to keep to.
	t.Setenv("AUTOMEMLIMIT", "1.5")
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"check", "-data", "testdata/conflicting-reports/data"}, &stdout, &stderr); code != ExitUsage || !strings.Contains(stderr.String(), `dataset check: AUTOMEMLIMIT="1.5": expected off, or the share`) {
		t.Errorf("AUTOMEMLIMIT=1.5: exit %d, stderr %q; want a usage error naming it", code, stderr.String())
	}
	t.Setenv("AUTOMEMLIMIT", "off") // as TestMain has it
	stdout.Reset()
	stderr.Reset()
	if code := Run([]string{"coverage", "-data", "testdata/conflicting-reports/data"}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("coverage: exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{
		"outlet-a-factory.txt:1:4\tdate\t\"16 May 2022\"\tcaptured\ta-factory-opened",
		"outlet-b-factory.txt:1:78\tnumber\t\"two\"\tignored\tpart of the vague \"two lines\"",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("coverage output lacks %q:\n%s", want, stdout.String())
		}
	}
}

// TestReadmeCodebook: the README's table contract is the schema's, word for word.
func TestReadmeCodebook(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok1 := strings.Cut(string(readme), "<!-- codebook:start -->\n")
	section, _, ok2 := strings.Cut(rest, "<!-- codebook:end -->")
	if !ok1 || !ok2 {
		t.Fatal("README.md lacks the codebook markers")
	}
	var want bytes.Buffer
	docs.WriteCodebook(&want, (&schema.Dataset{}).Tables())
	if diff := cmp.Diff(want.String(), section); diff != "" {
		t.Errorf("README.md's tables differ from the schema; paste `go run ./pipeline/cmd/dataset codebook` between the markers (-schema +readme):\n%s", diff)
	}
}

// TestReadmeSQL: every SQL snippet in the README runs as written in DuckDB
// against a fresh release, from the folder that holds out/, and the join of
// statements to speakers and sources gives one row per statement.
func TestReadmeSQL(t *testing.T) {
	snippets := readmeCode(t, "sql")
	if len(snippets) < 2 {
		t.Fatalf("README has %d SQL snippets, want at least 2", len(snippets))
	}
	res, errs := read("../../data", nil, build.CountMentions, 0, filepath.Join(t.TempDir(), "statements"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"build", "-data", "../../data", "-out", filepath.Join(dir, "out")}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	t.Chdir(dir)
	db, err := duckdb.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i, sql := range snippets {
		rows, err := db.Query(sql)
		if err != nil {
			t.Errorf("snippet %d: %v\n%s", i+1, err, sql)
			continue
		}
		if len(rows) == 0 {
			t.Errorf("snippet %d returns no rows:\n%s", i+1, sql)
		}
		if i == 0 {
			if len(rows) != res.Dataset.Statements.Len() {
				t.Errorf("the join gives %d rows for %d statements", len(rows), res.Dataset.Statements.Len())
			}
			speakers := 0
			for _, st := range res.Dataset.Statements.All() {
				if st.SpeakerID != "" {
					speakers++
				}
			}
			named := 0
			for _, r := range rows {
				if r[4] != nil {
					named++
				}
			}
			if named != speakers {
				t.Errorf("the join names %d speakers; %d statements have one", named, speakers)
			}
		}
	}
}

// TestReadmePython: the pandas and polars snippets cannot run here (no
// pyarrow or polars in Debian), so check what can go stale: every file they
// read is in the release and every column they name is in that table (or is
// one of the names the snippets give by renaming).
func TestReadmePython(t *testing.T) {
	snippets := readmeCode(t, "python")
	if len(snippets) < 2 {
		t.Fatalf("README has %d Python snippets, want pandas and polars", len(snippets))
	}
	columns := map[string]bool{"speaker": true} // the snippets' own name for entities.name
	tables := map[string]bool{}
	for _, tb := range (&schema.Dataset{}).Tables() {
		tables[tb.Name] = true
		for _, c := range tb.Columns {
			columns[c.Name] = true
		}
	}
	notColumns := map[string]bool{"out/parquet/": true, "left": true, "pyarrow": true, "table.dictionary": true}
	quoted := regexp.MustCompile(`b?"([^"]+)"`)
	for i, snippet := range snippets {
		for _, m := range quoted.FindAllStringSubmatch(snippet, -1) {
			name := m[1]
			switch {
			case notColumns[name]:
			case strings.HasSuffix(name, ".parquet"):
				if !tables[strings.TrimSuffix(name, ".parquet")] {
					t.Errorf("snippet %d reads %s, which is not a table", i+1, name)
				}
			case !columns[name]:
				t.Errorf("snippet %d names %q, which is no column", i+1, name)
			}
		}
	}
}

// readmeCode returns the README's fenced code blocks in the given language.
func readmeCode(t *testing.T, lang string) []string {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	for rest := string(readme); ; {
		_, after, ok := strings.Cut(rest, "```"+lang+"\n")
		if !ok {
			return blocks
		}
		block, after, _ := strings.Cut(after, "```")
		blocks, rest = append(blocks, block), after
	}
}

// TestErrorSummary: the last line counts the errors; build adds that it
// wrote nothing, which check and coverage never do anyway. The line that
// says errors are held back is listed, and not counted as an error.
func TestErrorSummary(t *testing.T) {
	for _, tc := range []struct{ cmd, data, want string }{
		{"build", "facts-errors", "31 errors; nothing was written\n"},
		{"check", "facts-errors", "31 errors\n"},
		{"coverage", "facts-errors", "31 errors\n"},
		{"check", "truncated-yaml", "3 errors\n"},
		{"check", "syntax-error-per-item", "5 errors\n"},
		{"check", "bad-encoding-texts", "5 errors\n"},
	} {
		var stdout, stderr bytes.Buffer
		code := Run([]string{tc.cmd, "-data", filepath.Join("testdata", tc.data, "data"), "-out", filepath.Join(t.TempDir(), "out")}, &stdout, &stderr)
		lines := strings.SplitAfter(stderr.String(), "\n")
		if code != ExitData || len(lines) < 2 || lines[len(lines)-2] != tc.want {
			t.Errorf("%s %s: exit %d, stderr ends %q, want %q", tc.cmd, tc.data, code, stderr.String()[max(0, stderr.Len()-60):], tc.want)
		}
		notes := strings.Count(stderr.String(), " not listed: ")
		if want := len(lines) - 2 - notes; !strings.HasPrefix(tc.want, strconv.Itoa(want)+" error") {
			t.Errorf("%s %s: %d lines of errors and %d notes, counted %q", tc.cmd, tc.data, len(lines)-2, notes, tc.want)
		}
	}
}
