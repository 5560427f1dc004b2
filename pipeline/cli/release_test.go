package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"newsfacts/pipeline/build"
	"newsfacts/pipeline/changes"
	"newsfacts/pipeline/csv"
	"newsfacts/pipeline/duckdb"
	"newsfacts/pipeline/libreoffice"
	"newsfacts/pipeline/manifest"
	"newsfacts/pipeline/outdir"
	"newsfacts/pipeline/spill"
	"newsfacts/pipeline/synth"
	"newsfacts/schema"
)

// TestMain lets a test run the dataset command as a separate process (the
// test binary itself, with DATASET_CLI=1), so that it can be killed.
func TestMain(m *testing.M) {
	if os.Getenv("DATASET_CLI") == "1" {
		os.Exit(Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	// In a container with a memory limit, each build would say it keeps
	// to it, and no stderr would be the one its case expects: the tests'
	// builds keep to none (TestKeepsToCgroupMemory's set their own).
	os.Setenv("AUTOMEMLIMIT", "off")
	os.Exit(m.Run())
}

func mustBuild(t *testing.T, args ...string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := Run(append([]string{"build"}, args...), &stdout, &stderr); code != ExitOK {
		t.Fatalf("build %v: exit %d: %s", args, code, stderr.String())
	}
}

// An interrupted build (Ctrl-C, or a scheduler's SIGTERM) exits at once
// with 128 and the signal's number, says so, leaves the release whole,
// and stops Chromium and removes its profile from the temporary folder,
// which nothing after it would; its -stats file holds the stages it
// finished.
func TestInterruptedBuild(t *testing.T) {
	// A build that is not interrupted leaves nothing there either.
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	mustBuild(t, "-data", "testdata/conflicting-reports/data", "-out", filepath.Join(t.TempDir(), "out"), "-png")
	if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
		t.Errorf("a build with -png left in TMPDIR: %v", entries)
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		out := filepath.Join(t.TempDir(), "out")
		mustBuild(t, "-data", "testdata/conflicting-reports/data", "-out", out)
		before := readTree(t, out)
		tmp := t.TempDir()
		stats := filepath.Join(t.TempDir(), "stats.jsonl")
		cmd := exec.Command(os.Args[0], "build", "-data", "../../data", "-out", out, "-png", "-stats", stats)
		cmd.Env = append(os.Environ(), "DATASET_CLI=1", "TMPDIR="+tmp)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Until the first chart is rendered: Chromium runs, its profile
		// in tmp.
		for deadline := time.Now().Add(3 * time.Minute); ; time.Sleep(10 * time.Millisecond) {
			if pngs, _ := filepath.Glob(filepath.Join(out+".staging", chartsFolder, "png", "*.png")); len(pngs) > 0 {
				break
			}
			if time.Now().After(deadline) {
				_ = cmd.Process.Kill()
				t.Fatalf("no chart was rendered in 3 minutes: %s", stderr.String())
			}
		}
		if entries, _ := os.ReadDir(tmp); len(entries) == 0 {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			t.Fatal("Chromium's profile is not in TMPDIR: the test would prove nothing")
		}
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		if got, want := cmd.ProcessState.ExitCode(), 128+int(sig); got != want {
			t.Errorf("%v: exit code %d, want %d; stderr: %s", sig, got, want, stderr.String())
		}
		if !strings.Contains(stderr.String(), "interrupted ("+sig.String()+")") {
			t.Errorf("%v: stderr does not say the build was interrupted: %s", sig, stderr.String())
		}
		if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
			t.Errorf("%v: left in TMPDIR: %v", sig, entries)
		}
		// Interrupted while it rendered the charts to PNG, after them.
		var stages []string
		for _, r := range readStats(t, stats) {
			stages = append(stages, r.Stage)
		}
		if want := buildStages[:slices.Index(buildStages, "charts")+1]; !slices.Equal(stages, want) {
			t.Errorf("%v: -stats holds the stages %v, want %v", sig, stages, want)
		}
		if diff := cmp.Diff(before, readTree(t, out)); diff != "" {
			t.Errorf("%v: the release changed:\n%s", sig, diff)
		}
		mustBuild(t, "-data", "../../data", "-out", out) // takes over what it left
		for _, leftover := range []string{out + ".staging", out + ".old", out + ".lock"} {
			if _, err := os.Stat(leftover); err == nil {
				t.Errorf("%v: %s is left behind", sig, leftover)
			}
		}
	}
}

// TestKilledBuildKeepsRelease kills builds at many moments and checks that
// the release folder always holds a whole release, the old one or the new
// one, never a mix, and that the next build succeeds.
func TestKilledBuildKeepsRelease(t *testing.T) {
	dir := t.TempDir()
	out, fresh := filepath.Join(dir, "out"), filepath.Join(dir, "fresh")
	mustBuild(t, "-data", "testdata/conflicting-reports/data", "-out", out)
	mustBuild(t, "-data", "../../data", "-out", fresh)
	oldTree, newTree := readTree(t, out), readTree(t, fresh)

	build := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "build", "-data", "../../data", "-out", out)
		cmd.Env = append(os.Environ(), "DATASET_CLI=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	// How long a whole build takes as a process, then kills spread over
	// that time and a little beyond.
	start := time.Now()
	if err := build().Wait(); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	mustBuild(t, "-data", "testdata/conflicting-reports/data", "-out", out)

	// Delays grow by a sixteenth of a build until a dozen builds were cut
	// short and two finished (a loaded machine runs slower than the
	// timing run, so the kills go on past a build's length).
	killedMidway, finished, kills := 0, 0, 0
	for i := 0; i < 96 && (killedMidway < 12 || finished < 2); i++ {
		kills++
		delay := took * time.Duration(i) / 16
		cmd := build()
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()

		got := readTree(t, out)
		switch {
		case cmp.Equal(got, oldTree):
			killedMidway++
		case cmp.Equal(got, newTree):
			// The build finished before the kill: start again from the old release.
			finished++
			mustBuild(t, "-data", "testdata/conflicting-reports/data", "-out", out)
		default:
			t.Fatalf("killed after %v: %s holds neither the old nor the new release", delay, out)
		}
	}
	if killedMidway == 0 || finished == 0 {
		t.Errorf("%d builds killed midway, %d finished: the kills did not span a build", killedMidway, finished)
	}
	// Whatever a killed build left beside the release, the next one succeeds
	// and cleans it up.
	mustBuild(t, "-data", "../../data", "-out", out)
	if diff := cmp.Diff(newTree, readTree(t, out)); diff != "" {
		t.Errorf("the build after the kills differs from a fresh one:\n%s", diff)
	}
	for _, leftover := range []string{out + ".staging", out + ".old", out + ".lock"} {
		if _, err := os.Stat(leftover); err == nil {
			t.Errorf("%s is left behind", leftover)
		}
	}
	t.Logf("%d of %d builds killed midway, %d finished (a build takes %v)", killedMidway, kills, finished, took)
}

// TestSourceDateEpoch: the files' times come from SOURCE_DATE_EPOCH, else
// from the release date; a bad value is a usage error.
func TestSourceDateEpoch(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		epoch string
		want  time.Time
	}{
		{"", time.Date(2023, 1, 15, 0, 0, 0, 0, time.UTC)}, // the fixture's release date
		{"1667433600", time.Date(2022, 11, 3, 0, 0, 0, 0, time.UTC)},
	} {
		if tc.epoch != "" {
			t.Setenv("SOURCE_DATE_EPOCH", tc.epoch)
		}
		out := filepath.Join(dir, "out"+tc.epoch)
		mustBuild(t, "-data", "testdata/conflicting-reports/data", "-out", out)
		err := filepath.Walk(out, func(path string, fi os.FileInfo, err error) error {
			if err == nil && !fi.ModTime().Equal(tc.want) {
				t.Errorf("SOURCE_DATE_EPOCH=%q: %s modified %v, want %v", tc.epoch, path, fi.ModTime().UTC(), tc.want)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	var stdout, stderr bytes.Buffer
	code := Run([]string{"build", "-data", "testdata/conflicting-reports/data", "-out", filepath.Join(dir, "bad")}, &stdout, &stderr)
	if code != ExitUsage || !strings.Contains(stderr.String(), `SOURCE_DATE_EPOCH="yesterday" is not a number`) {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

// TestChecksums: SHA256SUMS lists every file of the release but itself and
// the marker, and `sha256sum -c` accepts it.
func TestChecksums(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	mustBuild(t, "-data", "../../data", "-out", out)
	sums, err := os.ReadFile(filepath.Join(out, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	tree := readTree(t, out)
	delete(tree, "SHA256SUMS")
	delete(tree, ".dataset-release")
	lines := strings.Split(strings.TrimSuffix(string(sums), "\n"), "\n")
	if len(lines) != len(tree) {
		t.Errorf("SHA256SUMS has %d lines for %d files", len(lines), len(tree))
	}
	cmd := exec.Command("sha256sum", "--check", "--strict", "SHA256SUMS")
	cmd.Dir = out
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("sha256sum --check: %v\n%s", err, msg)
	}
}

// TestChangesBetweenReleases: a release built with -previous records what
// changed, by primary key and field, in CHANGES.md, README.md and the
// workbook; `dataset diff` says the same; ids of unchanged facts stay.
func TestChangesBetweenReleases(t *testing.T) {
	dir := t.TempDir()
	v1, v2 := filepath.Join(dir, "v1"), filepath.Join(dir, "v2")
	mustBuild(t, "-data", "testdata/conflicting-reports/data", "-out", v1)

	// The same data with a new version: no changes.
	data := filepath.Join(dir, "data")
	copyTree(t, "testdata/conflicting-reports/data", data)
	edit(t, filepath.Join(data, "dataset.yaml"), "version: 1.0.0", "version: 1.1.0")
	mustBuild(t, "-data", data, "-out", v2, "-previous", v1)
	if notes := readFile(t, filepath.Join(v2, "CHANGES.md")); !strings.Contains(notes, "No changes") {
		t.Errorf("CHANGES.md after rebuilding the same data:\n%s", notes)
	}

	// Edit the data: a summary changes in one table, a country role goes
	// in another (the event's place in the second source is no longer a
	// country: Dushanbe is kept, Tajikistan's host role is dropped).
	facts := filepath.Join(data, "facts", "outlet-a-factory.yaml")
	edit(t, facts, "summary: Outlet A reports an Iranian general opened a drone factory", "summary: Outlet A reports an Iranian general opened a factory")
	edit(t, facts, "    countries:\n      - {country: Tajikistan, role: host}\n", "    countries:\n      - {country: Tajikistan, role: alleged_producer}\n")
	v3 := filepath.Join(dir, "v3")
	mustBuild(t, "-data", data, "-out", v3, "-previous", v1)

	notes := readFile(t, filepath.Join(v3, "CHANGES.md"))
	for _, want := range []string{
		"# Changes from conflict-fixture 1.0.0 to conflict-fixture 1.1.0",
		"| statements | 0 | 0 | 1 |",
		"| country_roles | 1 | 1 | 0 |",
		"- removed: statement_id=a-factory-opened, iso3=TJK, role=host",
		"- added: statement_id=a-factory-opened, iso3=TJK, role=alleged_producer",
		"- changed: statement_id=a-factory-opened",
		"  - `summary`: \"Outlet A reports an Iranian general opened a drone factory in Dushanbe on 16 May 2022.\" → \"Outlet A reports an Iranian general opened a factory in Dushanbe on 16 May 2022.\"",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("CHANGES.md lacks %q:\n%s", want, notes)
		}
	}
	if readme := readFile(t, filepath.Join(v3, "README.md")); !strings.Contains(readme, "Compared with conflict-fixture 1.0.0: `country_roles` 1 added, 1 removed, 0 changed; `statements` 0 added, 0 removed, 1 changed.") {
		t.Errorf("README.md does not summarize the changes:\n%s", readme)
	}
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"diff", v1, v3}, &stdout, &stderr); code != ExitDiffers || stdout.String() != notes {
		t.Errorf("dataset diff: exit %d, stderr %s; output differs from CHANGES.md:\n%s", code, stderr.String(), cmp.Diff(notes, stdout.String()))
	}
	lo, err := libreoffice.Open(filepath.Join(v3, "conflict-fixture.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	sheet := lo.Sheet("changes")
	if sheet == nil || len(sheet.Rows) != 4 {
		t.Fatalf("changes sheet: %+v", sheet)
	}
	var got []string
	for _, c := range sheet.Rows[3] {
		got = append(got, c.Text)
	}
	want := []string{"statements", "statement_id=a-factory-opened", "changed", "summary", "Outlet A reports an Iranian general opened a drone factory in Dushanbe on 16 May 2022.", "Outlet A reports an Iranian general opened a factory in Dushanbe on 16 May 2022."}
	if !cmp.Equal(got, want) {
		t.Errorf("changes sheet row: %q, want %q", got, want)
	}

	stdout.Reset()
	if code := Run([]string{"diff", v3, v3}, &stdout, &stderr); code != ExitOK || !strings.Contains(stdout.String(), "No changes") {
		t.Errorf("diff of a release with itself: exit %d: %s", code, stdout.String())
	}

	// Refusals: a folder that is not a release, a release changed after
	// it was built, a previous release of another dataset or of the same
	// version.
	edited := filepath.Join(dir, "edited")
	copyTree(t, v1, edited)
	edit(t, filepath.Join(edited, "csv", "events.csv"), "Opening", "Closing")
	// Edited with its hash in datapackage.json: caught by SHA256SUMS.
	laundered := filepath.Join(dir, "laundered")
	copyTree(t, v1, laundered)
	events := filepath.Join(laundered, "csv", "events.csv")
	was, err := manifest.Hash(events)
	if err != nil {
		t.Fatal(err)
	}
	edit(t, events, "Opening", "Closing")
	now, err := manifest.Hash(events)
	if err != nil {
		t.Fatal(err)
	}
	edit(t, filepath.Join(laundered, "datapackage.json"), was.SHA256, now.SHA256)
	// A CSV's line in SHA256SUMS that disagrees with datapackage.json.
	resummed := filepath.Join(dir, "resummed")
	copyTree(t, v1, resummed)
	edit(t, filepath.Join(resummed, "SHA256SUMS"), was.SHA256+"  csv/events.csv", strings.Repeat("0", 64)+"  csv/events.csv")
	unsummed := filepath.Join(dir, "unsummed")
	copyTree(t, v1, unsummed)
	writeTestFile(t, filepath.Join(unsummed, "SHA256SUMS"), []byte("no properly formatted checksum lines\n"))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"diff", v1, data}, "is not a release"},
		{[]string{"diff", edited, v1}, "the release was changed after it was built"},
		{[]string{"diff", v1, laundered}, "datapackage.json: SHA-256 "},
		{[]string{"diff", resummed, v1}, "events.csv: its datapackage.json records sha256:" + was.SHA256 + ", its SHA256SUMS " + strings.Repeat("0", 64)},
		{[]string{"diff", unsummed, v1}, `SHA256SUMS: line 1: "no properly formatted checksum lines" is not a hash, two spaces and a path`},
		{[]string{"build", "-data", "testdata/conflicting-reports/data", "-out", filepath.Join(dir, "z"), "-previous", laundered}, "the release was changed after it was built"},
		{[]string{"build", "-data", "../../data", "-out", filepath.Join(dir, "x"), "-previous", v1}, `it is a release of "conflict-fixture", not of "drone-claims"`},
		{[]string{"build", "-data", "testdata/conflicting-reports/data", "-out", filepath.Join(dir, "y"), "-previous", v1}, "its version 1.0.0 is not lower than this release's 1.0.0"},
	} {
		stderr.Reset()
		if code := Run(tc.args, &stdout, &stderr); code != ExitUsage || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want %q", tc.args, code, stderr.String(), tc.want)
		}
	}
}

// TestFormatsAgree reads one build back through three independent readers
// (encoding/csv, DuckDB for Parquet, LibreOffice for the workbook) and
// checks that they hold the same tables, rows and values.
func TestFormatsAgree(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	mustBuild(t, "-data", "../../data", "-out", out)
	db, err := duckdb.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	book, err := libreoffice.Open(filepath.Join(out, "drone-claims.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(out, "csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		table := strings.TrimSuffix(e.Name(), ".csv")
		f, err := os.Open(filepath.Join(out, "csv", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		header, records, err := csv.Read(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		cols, err := db.Columns(filepath.Join(out, "parquet", table+".parquet"))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := db.Rows(filepath.Join(out, "parquet", table+".parquet"))
		if err != nil {
			t.Fatal(err)
		}
		sheet := book.Sheet(table)
		if sheet == nil || len(rows) != len(records) || len(sheet.Rows) != len(records)+1 || len(cols) != len(header) {
			t.Errorf("%s: %d CSV rows, %d Parquet rows, sheet %v; %d and %d columns", table, len(records), len(rows), sheet != nil, len(header), len(cols))
			continue
		}
		for j, name := range header {
			if cols[j].Name != name || sheet.Rows[0][j].Text != name {
				t.Errorf("%s column %d: CSV %s, Parquet %s, workbook %s", table, j+1, name, cols[j].Name, sheet.Rows[0][j].Text)
			}
		}
		for i, rec := range records {
			for j, want := range rec {
				if got := parquetText(rows[i][j]); got != want {
					t.Errorf("%s row %d %s: CSV %q, Parquet %q", table, i+1, header[j], want, got)
				}
				var cell libreoffice.Cell
				if j < len(sheet.Rows[i+1]) {
					cell = sheet.Rows[i+1][j]
				}
				if got, want := workbookText(cell), asInWorkbook(want); got != want {
					t.Errorf("%s row %d %s: CSV %q, workbook %q", table, i+1, header[j], want, got)
				}
			}
		}
	}
}

// parquetText renders a DuckDB value as the CSV writes it.
func parquetText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		return v.Format("2006-01-02")
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []any:
		items := make([]string, len(v))
		for i, e := range v {
			items[i] = e.(string)
		}
		b, _ := json.Marshal(items)
		return string(b)
	}
	return fmt.Sprint(v)
}

// workbookText is what a workbook cell holds: a date's day, a number, or
// the text shown.
func workbookText(c libreoffice.Cell) string {
	if c.Type == "date" || c.Type == "float" {
		return c.Value
	}
	return c.Text
}

// asInWorkbook is how the workbook shows a CSV value: a list (a JSON array
// in CSV) has one item per line, and an empty list is an empty cell.
func asInWorkbook(csvValue string) string {
	var items []string
	if strings.HasPrefix(csvValue, "[") && json.Unmarshal([]byte(csvValue), &items) == nil {
		return strings.Join(items, "\n")
	}
	return csvValue
}

// TestNoSourceTexts: the release carries quotes, offsets and hashes, not
// the sources' texts: no paragraph of a source that is not itself quoted
// appears in any text file of the release.
func TestNoSourceTexts(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	mustBuild(t, "-data", "../../data", "-out", out)
	res, errs := read("../../data", nil, build.CountMentions, 0, filepath.Join(t.TempDir(), "statements"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tree := readTree(t, out)
	text := readFile(t, "../../data/sources/asiaplus-2022-11-03-drones.txt")
	checked := 0
	for _, para := range strings.Split(text, "\n") {
		para = strings.TrimSpace(para)
		quoted := false
		for _, st := range res.Dataset.Statements.All() {
			quoted = quoted || strings.Contains(st.Quote, para)
		}
		if len(para) < 80 || quoted {
			continue
		}
		checked++
		for name, content := range tree {
			if strings.Contains(content, para) {
				t.Errorf("%s holds the source paragraph %.60q…", name, para)
			}
		}
	}
	if checked == 0 {
		t.Error("no unquoted paragraph to look for; the test proved nothing")
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	s := readFile(t, path)
	if !strings.Contains(s, old) {
		t.Fatalf("%s lacks %q", path, old)
	}
	writeTestFile(t, path, []byte(strings.Replace(s, old, new, 1)))
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	for name, content := range readTree(t, from) {
		writeTestFile(t, filepath.Join(to, filepath.FromSlash(name)), []byte(content))
	}
}

// TestChartsToPNG: with -png, each chart is rendered by Chromium into
// charts/png/, the images are part of the release's checksums, and a
// second build on the same machine gives the same images.
func TestChartsToPNG(t *testing.T) {
	// A path with # and % in it must still load in the browser.
	out, again := filepath.Join(t.TempDir(), "rel#1 50%", "out"), filepath.Join(t.TempDir(), "again")
	mustBuild(t, "-data", "../../data", "-out", out, "-png")
	mustBuild(t, "-data", "../../data", "-out", again, "-png")
	if a, b := readFile(t, filepath.Join(out, "SHA256SUMS")), readFile(t, filepath.Join(again, "SHA256SUMS")); a != b {
		t.Errorf("two builds with -png differ:\n%s", cmp.Diff(a, b))
	}
	sums := readFile(t, filepath.Join(out, "SHA256SUMS"))
	for _, name := range []string{"timeline", "map", "figures", "network"} {
		path := filepath.Join(out, "charts", "png", name+".png")
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil || img.Bounds().Dx() < 900 || img.Bounds().Dy() < 300 {
			t.Errorf("%s: %v, %v", path, err, img)
		}
		if !strings.Contains(sums, "  charts/png/"+name+".png\n") {
			t.Errorf("SHA256SUMS lacks charts/png/%s.png", name)
		}
	}
}

// TestBuildWhileAnotherWrites: a build into a folder that another build
// is writing is refused before it reads the data (exit 3, naming the
// other process), and the release is left as it was.
func TestBuildWhileAnotherWrites(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	mustBuild(t, "-data", "testdata/conflicting-reports/data", "-out", out)
	before := readTree(t, out)
	other, err := outdir.Acquire(out) // as a build of this process would
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "build", "-data", "../../data", "-out", out)
	cmd.Env = append(os.Environ(), "DATASET_CLI=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	other.Unlock()
	if cmd.ProcessState.ExitCode() != ExitIO {
		t.Errorf("exit %v, want %d", err, ExitIO)
	}
	want := fmt.Sprintf("dataset build: another dataset build (process %d) is writing %s and holds %s.lock; run this build again when it has finished\n", os.Getpid(), out, out)
	if stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
	if diff := cmp.Diff(before, readTree(t, out)); diff != "" {
		t.Errorf("the refused build changed the release (-before +after):\n%s", diff)
	}
	mustBuild(t, "-data", "../../data", "-out", out)
}

// TestBuildsAtOnce: two builds into one folder, started together as two
// processes, leave a whole release that passes its checksums: one builds
// it and the other is refused. Before the folder was locked, each removed
// the other's staging folder and wrote into its files, and one put in
// place a workbook that failed its checksum, exiting 0.
func TestBuildsAtOnce(t *testing.T) {
	dir := t.TempDir()
	corpus, out, fresh := filepath.Join(dir, "corpus"), filepath.Join(dir, "out"), filepath.Join(dir, "fresh")
	if err := synth.Corpus(corpus, 2000, 1); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, "-data", corpus, "-out", fresh)
	want := readTree(t, fresh)
	for round := range 3 {
		var cmds [2]*exec.Cmd
		var stderrs [2]bytes.Buffer
		for i := range cmds {
			cmds[i] = exec.Command(os.Args[0], "build", "-data", corpus, "-out", out)
			cmds[i].Env = append(os.Environ(), "DATASET_CLI=1")
			cmds[i].Stderr = &stderrs[i]
			if err := cmds[i].Start(); err != nil {
				t.Fatal(err)
			}
		}
		built := 0
		for i, cmd := range cmds {
			cmd.Wait()
			switch code := cmd.ProcessState.ExitCode(); {
			case code == ExitOK:
				built++
			case code == ExitIO && strings.Contains(stderrs[i].String(), "is writing "+out):
			default:
				t.Errorf("round %d, build %d: exit %d: %s", round, i, code, stderrs[i].String())
			}
		}
		if built == 0 {
			t.Errorf("round %d: neither build wrote the release", round)
		}
		if built == 2 {
			t.Logf("round %d: the builds ran one after the other, not at once", round)
		}
		if diff := cmp.Diff(want, readTree(t, out)); diff != "" {
			t.Fatalf("round %d: the release differs from one built alone (-alone +together):\n%s", round, diff)
		}
		sums := exec.Command("sha256sum", "--check", "--strict", "--quiet", "SHA256SUMS")
		sums.Dir = out
		if msg, err := sums.CombinedOutput(); err != nil {
			t.Errorf("round %d: sha256sum --check: %v\n%s", round, err, msg)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 3 {
			t.Errorf("round %d: %s holds %v, want only corpus, fresh and out", round, dir, entries)
		}
	}
}

// TestStatsBesideTheRelease: a -stats file in the data folder, or in the
// release folder or what the build keeps beside it, is refused before the
// work, and the file it names is left as it was. Given as dataset.yaml,
// it had emptied the curator's file; given as the release's SHA256SUMS,
// it broke the release that a failed build left in place.
func TestStatsBesideTheRelease(t *testing.T) {
	dir := t.TempDir()
	data, out := filepath.Join(dir, "data"), filepath.Join(dir, "out")
	copyTree(t, "testdata/conflicting-reports/data", data)
	mustBuild(t, "-data", data, "-out", out)
	before, yaml := readTree(t, out), readFile(t, filepath.Join(data, "dataset.yaml"))
	linked, dangling := filepath.Join(dir, "linked"), filepath.Join(dir, "dangling.json")
	if err := os.Symlink(data, linked); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(data, "stats.json"), dangling); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		cmd, stats, want string
	}{
		{"check", filepath.Join(data, "dataset.yaml"), "lies in the data folder"},
		{"coverage", filepath.Join(data, "facts", "stats.json"), "lies in the data folder"},
		{"build", filepath.Join(data, "..", "data", "dataset.yaml"), "lies in the data folder"},
		{"build", filepath.Join(out, "SHA256SUMS"), "lies in the release folder"},
		{"build", filepath.Join(out, "csv", "stats.json"), "lies in the release folder"},
		{"build", out + ".staging", "lies in the release folder"},
		{"build", out + ".lock", "lies in the release folder"},
		{"check", filepath.Join(out, "check.json"), "lies in the release folder"},
		{"check", filepath.Join(linked, "dataset.yaml"), "lies in the data folder"}, // through a link to the data folder
		{"check", dangling, "is a symbolic link to nothing"},                        // writing it would make data/stats.json
	} {
		var stdout, stderr bytes.Buffer
		code := Run([]string{tc.cmd, "-data", data, "-out", out + "/", "-stats", tc.stats}, &stdout, &stderr)
		if code != ExitUsage || !strings.Contains(stderr.String(), "-stats: "+tc.stats+" "+tc.want) {
			t.Errorf("%s -stats %s: exit %d, stderr %q; want %d and %q", tc.cmd, tc.stats, code, stderr.String(), ExitUsage, tc.want)
		}
	}
	if diff := cmp.Diff(before, readTree(t, out)); diff != "" {
		t.Errorf("the release changed (-before +after):\n%s", diff)
	}
	if got := readFile(t, filepath.Join(data, "dataset.yaml")); got != yaml {
		t.Errorf("dataset.yaml now holds %q", got)
	}
	// Beside them is fine.
	for _, args := range [][]string{{"check", "-stats", filepath.Join(dir, "check.json")}, {"build", "-stats", filepath.Join(dir, "stats.json")}} {
		var stdout, stderr bytes.Buffer
		if code := Run(append(args, "-data", data, "-out", out), &stdout, &stderr); code != ExitOK {
			t.Errorf("%v: exit %d: %s", args, code, stderr.String())
		}
	}
}

// TestBuildRefusedBeforeTheWork: mistakes of the command line and the
// folders around the release are found before the data is read (the data
// here has errors, which would otherwise be reported, exit 1), and leave
// everything as it was. Each had been found only after the checks, when
// the release was put in place, at a cost of a whole night's checks.
func TestBuildRefusedBeforeTheWork(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	copyTree(t, "testdata/facts-errors/data", data)
	stagingFile, foreignLock := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	pipeLock := filepath.Join(t.TempDir(), "d") // apart: reading the folder's files would wait on the pipe
	linkedData := filepath.Join(t.TempDir(), "data")
	if err := os.Symlink(data, linkedData); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, stagingFile+".staging", []byte("notes"))
	writeTestFile(t, foreignLock+".lock", []byte("my padlock combinations"))
	if err := syscall.Mkfifo(pipeLock+".lock", 0o644); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dir)
	for _, tc := range []struct {
		args []string
		env  string
		want string
	}{
		{[]string{"-out", ""}, "", `no output folder given (-out "")`},
		{[]string{"-out", filepath.Join(linkedData, "out")}, "", "overlaps the data folder"}, // through a link
		{[]string{"-out", "."}, "", "output folder . is or holds the current folder"},
		{[]string{"-out", ".."}, "", "output folder .. is or holds the current folder"},
		{[]string{"-out", stagingFile}, "", stagingFile + ".staging exists and is not a folder made by dataset build"},
		{[]string{"-out", stagingFile + "/"}, "", stagingFile + ".staging exists and is not a folder made by dataset build"},
		{[]string{"-out", foreignLock}, "", foreignLock + ".lock exists and was not made by dataset build"},
		{[]string{"-out", pipeLock}, "", pipeLock + ".lock exists and was not made by dataset build"}, // not waited on
		{[]string{"-out", filepath.Join(dir, "c"), "-previous", data}, "", "-previous " + data + ": not a release written by dataset build"},
		{[]string{"-out", filepath.Join(dir, "c"), "-previous", filepath.Join(dir, "none")}, "", "-previous " + filepath.Join(dir, "none") + ": stat "},
		{[]string{"-out", filepath.Join(dir, "c")}, "yesterday", `SOURCE_DATE_EPOCH="yesterday" is not a number`},
	} {
		t.Setenv("SOURCE_DATE_EPOCH", tc.env)
		var stdout, stderr bytes.Buffer
		code := Run(append([]string{"build", "-data", data}, tc.args...), &stdout, &stderr)
		if code != ExitUsage || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%q, SOURCE_DATE_EPOCH=%q: exit %d, stderr %q; want %d and %q", tc.args, tc.env, code, stderr.String(), ExitUsage, tc.want)
		}
	}
	if diff := cmp.Diff(before, readTree(t, dir)); diff != "" {
		t.Errorf("a refused build changed the folder (-before +after):\n%s", diff)
	}
}

// TestWriteErrors: a failed write names its file once, and of the tables'
// files that failed together (a full disk fails them all) the first in
// table order is told, with how many more.
func TestWriteErrors(t *testing.T) {
	full := &fs.PathError{Op: "write", Path: "out.staging/csv/a.csv", Err: syscall.ENOSPC}
	if got := naming("out.staging/csv/a.csv", full).Error(); got != "write out.staging/csv/a.csv: no space left on device" {
		t.Errorf("naming a write error: %q", got)
	}
	if got := naming("out.staging/a.xlsx", errors.New("bad cell")).Error(); got != "out.staging/a.xlsx: bad cell" {
		t.Errorf("naming another error: %q", got)
	}
	second := &fs.PathError{Op: "write", Path: "out.staging/csv/b.csv", Err: syscall.ENOSPC}
	if err := foldErrors([]error{nil, full, nil, second, second}); err == nil || err.Error() != full.Error()+" (and 2 more files)" || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("foldErrors: %v", err)
	}
	if err := foldErrors([]error{nil, full}); err == nil || err.Error() != full.Error() || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("foldErrors of one: %v", err)
	}
	if err := foldErrors([]error{nil, nil}); err != nil {
		t.Errorf("foldErrors of none: %v", err)
	}
	// Other causes are told each, in order.
	bad := errors.New("out.staging/x.parquet: a value out of range")
	if err := foldErrors([]error{bad, full, second, second}); err == nil || err.Error() != bad.Error()+"; "+full.Error()+" (and 2 more files)" || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("foldErrors of two causes: %v", err)
	}
}

// TestChecksWriteNoStatements: check and coverage write the statements
// nowhere (see build.Build's spillTo): with no temporary folder at all,
// and none beside any release, they run.
func TestChecksWriteNoStatements(t *testing.T) {
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "gone"))
	for _, cmd := range []string{"check", "coverage"} {
		var stdout, stderr bytes.Buffer
		if code := Run([]string{cmd, "-data", "testdata/conflicting-reports/data", "-out", filepath.Join(t.TempDir(), "gone", "out")}, &stdout, &stderr); code != ExitOK {
			t.Errorf("%s: exit %d: %s", cmd, code, stderr.String())
		}
	}
}

// TestStatementsUnreadable: statements that cannot be read back from
// their temporary file fail the release, with that reason first, rather
// than write it with empty rows or blame the writer that met one: closed
// before the writers, or failing after any number of rows read, in any
// stage (with -previous, the release notes' too).
func TestStatementsUnreadable(t *testing.T) {
	// Enough statements that a zero row among them breaks the order the
	// Parquet writer checks, and the release notes' keys.
	data := t.TempDir()
	if err := synth.Corpus(data, 400, 1); err != nil {
		t.Fatal(err)
	}
	res, errs := read(data, nil, build.CountMentions, 0, filepath.Join(t.TempDir(), "statements"))
	if len(errs) > 0 || res.TempErr != nil {
		t.Fatal(errs, res.TempErr)
	}
	prevDir := filepath.Join(t.TempDir(), "out")
	mustBuild(t, "-data", data, "-out", prevDir)
	previous, err := changes.Read(prevDir)
	if err != nil {
		t.Fatal(err)
	}
	o := options{assets: nearestNodeModules()}
	statements := res.Dataset.Statements
	counting := &failingRows{rows: statements, after: math.MaxInt64}
	res.Dataset.Statements = schema.RowsFrom[schema.Statement](counting)
	if err := write(res, previous, o, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	reads := counting.reads.Load()
	if reads < 10 {
		t.Fatalf("a release read %d statements", reads)
	}
	for _, after := range []int64{0, 1, reads / 4, reads / 2, reads * 3 / 4, reads - 1} {
		failing := &failingRows{rows: statements, after: after}
		res.Dataset.Statements = schema.RowsFrom[schema.Statement](failing)
		err := write(res, previous, o, t.TempDir())
		if err == nil || !strings.HasPrefix(err.Error(), "reading the statements back: ") || !errors.Is(err, errUnreadable) {
			t.Errorf("failing after %d of %d rows read: %v", after, reads, err)
		}
	}
	res.Dataset.Statements = statements
	if err := res.Dataset.Close(); err != nil {
		t.Fatal(err)
	}
	err = write(res, nil, o, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "reading the statements back") || !errors.Is(err, spill.ErrClosed) {
		t.Errorf("writing a release whose statements' file is closed: %v", err)
	}
}

var errUnreadable = errors.New("input/output error, as a test has it")

// failingRows reads rows from rows until it has read after of them, and
// then fails, as a disk failing under the file would.
type failingRows struct {
	rows   schema.Rows[schema.Statement]
	after  int64
	reads  atomic.Int64
	failed atomic.Bool
}

func (f *failingRows) Len() int { return f.rows.Len() }

func (f *failingRows) Row(i int, dst *schema.Statement) {
	if f.reads.Add(1) > f.after {
		f.failed.Store(true)
		*dst = schema.Statement{}
		return
	}
	f.rows.Row(i, dst)
}

func (f *failingRows) Err() error {
	if f.failed.Load() {
		return errUnreadable
	}
	return nil
}
