package load_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"newsfacts/pipeline/build"
	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/load"
	"newsfacts/pipeline/provenance"
	"newsfacts/pipeline/synth"
	"newsfacts/schema"
)

// fixture is a small valid data folder: two sources, their facts, both
// reference lists.
const fixture = "testdata/fixture"

// fuzzFiles are the files of fixture FuzzDir may replace, one per kind of
// data file; the fuzzer's first argument picks one.
var fuzzFiles = []string{
	"dataset.yaml",
	"reference/countries.yaml",
	"reference/outlets.yaml",
	"sources/outlet-a-factory.yaml",
	"sources/outlet-a-factory.txt",
	"facts/outlet-a-factory.yaml",
}

// copyFixture copies fixture into a new temporary folder and returns it.
func copyFixture(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	err := filepath.WalkDir(fixture, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(fixture, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// loadAndBuild runs what `dataset build` runs before it writes: build
// only if loading found any source. The dataset is closed when the test
// ends.
func loadAndBuild(t testing.TB, dir string) (*build.Result, diag.List) {
	in, errs := load.Dir(dir, nil)
	if in.Sources == nil && len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	res, more := build.Build(in, nil, build.CountMentions, filepath.Join(t.TempDir(), "statements"))
	t.Cleanup(func() { res.Dataset.Close() })
	errs.Append(more)
	errs.Sort()
	return res, errs
}

func TestFixtureIsValid(t *testing.T) {
	if _, errs := loadAndBuild(t, copyFixture(t)); len(errs) > 0 {
		t.Fatal(errs)
	}
}

// TestTextLinkRefused: a source text that is a symbolic link is not read,
// even under a hidden name that the listing of sources/ skips: it could
// point anywhere outside data/.
func TestTextLinkRefused(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("On 16 May 2022 an Iranian general opened a drone factory in Dushanbe, Tajikistan."), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := copyFixture(t)
	meta := filepath.Join(dir, "sources", "outlet-a-factory.yaml")
	src, _ := os.ReadFile(meta)
	src = bytes.Replace(src, []byte("text: outlet-a-factory.txt"), []byte("text: .hidden.txt"), 1)
	if err := os.WriteFile(meta, src, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "sources", "outlet-a-factory.txt"))
	if err := os.Symlink(outside, filepath.Join(dir, "sources", ".hidden.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	in, errs := load.Dir(dir, nil)
	want := meta + `:6:7: text ".hidden.txt": not a regular file (a link could point outside data/)`
	if len(errs) != 1 || errs[0].Error() != want {
		t.Fatalf("errors %q, want %q", errs.Error(), want)
	}
	for _, s := range in.Sources {
		if text, err := s.ReadText(); s.ID == "outlet-a-factory" && (text != "" || err != nil || !s.Broken) {
			t.Errorf("the linked text was read: %q, %v", text, err)
		}
	}
}

// checkErrors loads and builds dir, and checks that its errors, as
// printed with the folder written DIR, are want.
func checkErrors(t *testing.T, name, dir string, want []string) {
	t.Helper()
	_, errs := loadAndBuild(t, dir)
	var got []string
	for _, e := range errs {
		got = append(got, strings.ReplaceAll(e.Error(), dir, "DIR"))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: errors\n%s\nwant\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestYAMLExtension: a facts or metadata file whose name ends in another
// spelling of .yaml is one error that says what to rename it to, and is
// read as if it were renamed: what it declares is declared, and its other
// mistakes are reported at once.
func TestYAMLExtension(t *testing.T) {
	tests := []struct {
		from, to string
		mistake  [2]string // a replacement in the renamed file
		want     []string
	}{
		{"facts/outlet-a-factory.yaml", "facts/outlet-a-factory.yml", [2]string{}, []string{
			"DIR/facts/outlet-a-factory.yml: a facts file's name ends in .yaml, not .yml: rename it to DIR/facts/outlet-a-factory.yaml (it is read as if it were)",
		}},
		{"facts/outlet-a-factory.yaml", "facts/outlet-a-factory.YAML", [2]string{"kind: city", "kind: town"}, []string{
			"DIR/facts/outlet-a-factory.YAML: a facts file's name ends in .yaml, not .YAML: rename it to DIR/facts/outlet-a-factory.yaml (it is read as if it were)",
			`DIR/facts/outlet-a-factory.YAML:3:42: entity kind "town": expected one of person, organization, government_body, media, city, place, weapon_system, group (countries are derived from their names, not declared)`,
		}},
		{"sources/outlet-a-factory.yaml", "sources/outlet-a-factory.yml", [2]string{}, []string{
			"DIR/sources/outlet-a-factory.yml: a source's metadata file's name ends in .yaml, not .yml: rename it to DIR/sources/outlet-a-factory.yaml (it is read as if it were)",
		}},
		// An editor that saves as text adds .txt.
		{"facts/outlet-a-factory.yaml", "facts/outlet-a-factory.yaml.txt", [2]string{}, []string{
			"DIR/facts/outlet-a-factory.yaml.txt: a facts file's name ends in .yaml, not .yaml.txt: rename it to DIR/facts/outlet-a-factory.yaml (it is read as if it were)",
		}},
		// Saved among the sources, a facts file is that one slip, and is
		// read as the facts of the source that its name starts with.
		{"facts/outlet-a-factory.yaml", "sources/outlet-a-factory-facts.yaml", [2]string{"kind: city", "kind: town"}, []string{
			"DIR/sources/outlet-a-factory-facts.yaml:1:1: this is a facts file (it has entities:), not a source's metadata: move it to DIR/facts/outlet-a-factory.yaml (it is read as if it were)",
			`DIR/sources/outlet-a-factory-facts.yaml:3:42: entity kind "town": expected one of person, organization, government_body, media, city, place, weapon_system, group (countries are derived from their names, not declared)`,
		}},
		// Named after no source, it is not read: what it declares is
		// unknown (the other source's references to it are held back).
		{"facts/outlet-a-factory.yaml", "sources/notes.yaml", [2]string{}, []string{
			"DIR/sources/notes.yaml:1: 2 errors about names or ids that no file declares are not listed: they may follow from the errors of DIR/sources/notes.yaml, and are listed once those are corrected",
			"DIR/sources/notes.yaml:1:1: this is a facts file (it has entities:), not a source's metadata: move it to DIR/facts, named after the source it describes",
			"DIR/sources/outlet-a-factory.txt:1:4: source outlet-a-factory has no facts file: its text has 2 countries and 1 date (the first here), which facts must capture or list under ignore: in DIR/facts/outlet-a-factory.yaml",
		}},
	}
	for _, tt := range tests {
		dir := copyFixture(t)
		data, err := os.ReadFile(filepath.Join(dir, tt.from))
		if err != nil {
			t.Fatal(err)
		}
		if tt.mistake[0] != "" {
			data = bytes.Replace(data, []byte(tt.mistake[0]), []byte(tt.mistake[1]), 1)
		}
		os.Remove(filepath.Join(dir, tt.from))
		if err := os.WriteFile(filepath.Join(dir, tt.to), data, 0o644); err != nil {
			t.Fatal(err)
		}
		checkErrors(t, tt.to, dir, tt.want)
	}
	// Beside the file it would be, or another spelling of it, it is only
	// unexpected, and not read: one file is the source's facts.
	for _, names := range [][]string{{"outlet-a-factory.yml"}, {"outlet-a-factory.yml", "outlet-a-factory.YAML"}} {
		dir := copyFixture(t)
		facts := filepath.Join(dir, "facts", "outlet-a-factory.yaml")
		data, _ := os.ReadFile(facts)
		var want []string
		for _, name := range names {
			if err := os.WriteFile(filepath.Join(dir, "facts", name), data, 0o644); err != nil {
				t.Fatal(err)
			}
			want = append(want, "DIR/facts/"+name+": unexpected file in facts/: expected <source_id>.yaml")
		}
		if len(names) > 1 {
			os.Remove(facts)
			// Neither is read: the source's facts are missing, and the
			// other source's references to what they declare are held.
			want = []string{"DIR/facts/outlet-a-factory.YAML: unexpected file in facts/: expected <source_id>.yaml", want[0]}
		}
		_, errs := loadAndBuild(t, dir)
		var got []string
		for _, e := range errs {
			if strings.Contains(e.Msg, "unexpected file") {
				got = append(got, strings.ReplaceAll(e.Error(), dir, "DIR"))
			}
			if strings.Contains(e.Msg, "duplicate") {
				t.Errorf("%s: %v", names, e)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: errors\n%s\nwant\n%s", names, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	// Named after no source, it is told both.
	dir := copyFixture(t)
	os.Rename(filepath.Join(dir, "facts", "outlet-a-factory.yaml"), filepath.Join(dir, "facts", "outlet-z.yml"))
	_, errs := loadAndBuild(t, dir)
	if got := errs.Error(); !strings.Contains(got, "outlet-z.yml: a facts file's name ends in .yaml, not .yml") || !strings.Contains(got, `no source "outlet-z"`) {
		t.Errorf("outlet-z.yml: errors %q, want its extension and its missing source", got)
	}
}

// TestMisplacedFactsCopy: a facts file saved among the sources is read as
// the facts of the source whose id starts its name as whole words, the
// longest such id; not when that source has its facts already (it is then
// most likely a copy of them), nor as another source's whose id is a
// shorter prefix, nor as one whose id only starts the same letters.
func TestMisplacedFactsCopy(t *testing.T) {
	const copyOf = "this is a facts file (it has entities:), not a source's metadata, and source outlet-a-factory has its facts in DIR/facts/outlet-a-factory.yaml: if this is a copy of them, remove it (it is not read)"
	const unnamed = "this is a facts file (it has entities:), not a source's metadata: move it to DIR/facts, named after the source it describes"
	tests := []struct {
		name string // of the copy of outlet-a-factory's facts, in sources/
		keep bool   // whether facts/outlet-a-factory.yaml stays
		want string // the copy's error
	}{
		{"outlet-a-factory-copy.yaml", true, copyOf},
		// outlet-a, a source without facts, starts the name too: the
		// longer id is the one meant.
		{"outlet-a-factory-old.yaml", true, copyOf},
		// outlet-a starts the name with letters, not with words.
		{"outlet-ab.yaml", false, unnamed},
		{"outlet-a-factory-facts.yaml", false, "this is a facts file (it has entities:), not a source's metadata: move it to DIR/facts/outlet-a-factory.yaml (it is read as if it were)"},
	}
	for _, tt := range tests {
		dir := copyFixture(t)
		// A second source, whose id starts the first's, without facts.
		meta, _ := os.ReadFile(filepath.Join(dir, "sources/outlet-a-factory.yaml"))
		meta = bytes.Replace(meta, []byte("text: outlet-a-factory.txt"), []byte("text: outlet-a.txt"), 1)
		os.WriteFile(filepath.Join(dir, "sources/outlet-a.yaml"), meta, 0o644)
		os.WriteFile(filepath.Join(dir, "sources/outlet-a.txt"), []byte("Nothing to capture here.\n"), 0o644)
		facts := filepath.Join(dir, "facts/outlet-a-factory.yaml")
		data, _ := os.ReadFile(facts)
		if !tt.keep {
			os.Remove(facts)
		}
		if err := os.WriteFile(filepath.Join(dir, "sources", tt.name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, errs := loadAndBuild(t, dir)
		var got []string
		for _, e := range errs {
			if e.Pos == (diag.Pos{File: filepath.Join(dir, "sources", tt.name), Line: 1, Col: 1}) {
				got = append(got, strings.ReplaceAll(e.Msg, dir, "DIR"))
			}
			if strings.Contains(e.Msg, "duplicate") || strings.Contains(e.Msg, "outlet-a.txt") {
				t.Errorf("%s: %v", tt.name, e)
			}
		}
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%s: errors %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestTextMisnamed: a source's text: that names no file, when a text that
// no source names is a slip for it, is one error that names that text;
// when none is, the text named by no source is reported as well.
func TestTextMisnamed(t *testing.T) {
	tests := []struct {
		rename string
		want   []string
	}{
		{"outlet-a-factroy.txt", []string{
			`DIR/sources/outlet-a-factory.yaml:6:7: text "outlet-a-factory.txt": file not found; did you mean "outlet-a-factroy.txt" (named by no source)?`,
		}},
		{"first-article.txt", []string{
			"DIR/sources/first-article.txt: text file is not named by any source's `text:`",
			`DIR/sources/outlet-a-factory.yaml:6:7: text "outlet-a-factory.txt": file not found`,
		}},
		{"outlet-a-factory.TXT", []string{
			`DIR/sources/outlet-a-factory.yaml:6:7: text "outlet-a-factory.txt": file not found; did you mean "outlet-a-factory.TXT" (named by no source)?`,
		}},
	}
	for _, tt := range tests {
		dir := copyFixture(t)
		if err := os.Rename(filepath.Join(dir, "sources/outlet-a-factory.txt"), filepath.Join(dir, "sources", tt.rename)); err != nil {
			t.Fatal(err)
		}
		checkErrors(t, tt.rename, dir, tt.want)
	}
}

// TestTextOfUnreadSource: a text named after a source whose metadata
// cannot be read is still that source's: another that names it is told so.
func TestTextOfUnreadSource(t *testing.T) {
	dir := copyFixture(t)
	for file, edit := range map[string][2]string{
		"outlet-a-factory.yaml": {"title: Iranian general", "title: Drones: Iranian general"},
		"outlet-b-factory.yaml": {"text: outlet-b-factory.txt", "text: outlet-a-factory.txt"},
	} {
		path := filepath.Join(dir, "sources", file)
		data, _ := os.ReadFile(path)
		if err := os.WriteFile(path, bytes.Replace(data, []byte(edit[0]), []byte(edit[1]), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, errs := load.Dir(dir, nil)
	got := strings.ReplaceAll(errs.Error(), dir, "DIR")
	want := `DIR/sources/outlet-b-factory.yaml:6:7: text "outlet-a-factory.txt" is the text of source outlet-a-factory: each source names its own; did you mean "outlet-b-factory.txt" (named by no source)?`
	if len(errs) != 2 || !strings.Contains(got, want) || !strings.Contains(got, "outlet-a-factory.yaml:1:14: YAML syntax") {
		t.Errorf("errors:\n%s\nwant the metadata's syntax error and\n%s", got, want)
	}
}

// TestTextNameMalformed: a text: without .txt, or with a path, is one
// error, told of the text it surely means.
func TestTextNameMalformed(t *testing.T) {
	for _, written := range []string{"outlet-a-factory", "data/sources/outlet-a-factory.txt"} {
		dir := copyFixture(t)
		meta := filepath.Join(dir, "sources", "outlet-a-factory.yaml")
		data, _ := os.ReadFile(meta)
		data = bytes.Replace(data, []byte("text: outlet-a-factory.txt"), []byte("text: "+written), 1)
		if err := os.WriteFile(meta, data, 0o644); err != nil {
			t.Fatal(err)
		}
		checkErrors(t, written, dir, []string{
			`DIR/sources/outlet-a-factory.yaml:6:7: text "` + written + `" must be the name of a .txt file in the same folder, without a path; did you mean "outlet-a-factory.txt" (named by no source)?`,
		})
	}
}

// TestTextMisnamedClosestFirst: texts not found are told of the unnamed
// texts closest first, whatever the order of their sources: b, whose name
// differs in case only, is told of outlet-b-factorx.txt, though a, read
// first, is one letter from it too; a is then told of its own text.
func TestTextMisnamedClosestFirst(t *testing.T) {
	dir := copyFixture(t)
	for source, text := range map[string]string{"outlet-a-factory": "outlet-b-factorz.txt", "outlet-b-factory": "outlet-b-factorX.txt"} {
		meta := filepath.Join(dir, "sources", source+".yaml")
		data, _ := os.ReadFile(meta)
		data = bytes.Replace(data, []byte("text: "+source+".txt"), []byte("text: "+text), 1)
		if err := os.WriteFile(meta, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Rename(filepath.Join(dir, "sources", "outlet-b-factory.txt"), filepath.Join(dir, "sources", "outlet-b-factorx.txt")); err != nil {
		t.Fatal(err)
	}
	checkErrors(t, "closest first", dir, []string{
		`DIR/sources/outlet-a-factory.yaml:6:7: text "outlet-b-factorz.txt": file not found; did you mean "outlet-a-factory.txt" (named by no source)?`,
		`DIR/sources/outlet-b-factory.yaml:6:7: text "outlet-b-factorX.txt": file not found; did you mean "outlet-b-factorx.txt" (named by no source)?`,
	})
}

// TestTextOfAnotherSource: a source whose metadata names another
// source's text (copied from it) is one error, told of its own text, and
// its quotes are not looked up in the other's; the text keeps to the
// source it is named after, though the copy sorts first.
func TestTextOfAnotherSource(t *testing.T) {
	dir := copyFixture(t)
	meta, _ := os.ReadFile(filepath.Join(dir, "sources", "outlet-b-factory.yaml"))
	meta = bytes.Replace(meta, []byte("text: outlet-b-factory.txt"), []byte("text: outlet-a-factory.txt"), 1)
	if err := os.WriteFile(filepath.Join(dir, "sources", "outlet-a-copy.yaml"), meta, 0o644); err != nil {
		t.Fatal(err)
	}
	// The copy's own text and facts, which are outlet-b's.
	for _, f := range [][2]string{{"sources/outlet-b-factory.txt", "sources/outlet-a-copy.txt"}, {"facts/outlet-b-factory.yaml", "facts/outlet-a-copy.yaml"}} {
		data, _ := os.ReadFile(filepath.Join(dir, f[0]))
		if err := os.WriteFile(filepath.Join(dir, f[1]), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, errs := loadAndBuild(t, dir)
	var got []string
	for _, e := range errs {
		if !strings.Contains(e.Msg, "duplicate") { // the copied facts repeat outlet-b's ids
			got = append(got, strings.ReplaceAll(e.Error(), dir, "DIR"))
		}
	}
	want := []string{`DIR/sources/outlet-a-copy.yaml:6:7: text "outlet-a-factory.txt" is the text of source outlet-a-factory: each source names its own; did you mean "outlet-a-copy.txt" (named by no source)?`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestUnreadMetadataKeepsItsText: metadata that cannot be read is its
// syntax error alone: the text named after it is not reported as named
// by no source as well.
func TestUnreadMetadataKeepsItsText(t *testing.T) {
	dir := copyFixture(t)
	meta := filepath.Join(dir, "sources", "outlet-a-factory.yaml")
	data, _ := os.ReadFile(meta)
	data = bytes.Replace(data, []byte("title: Iranian general"), []byte("title: Drones: Iranian general"), 1)
	if err := os.WriteFile(meta, data, 0o644); err != nil {
		t.Fatal(err)
	}
	in, errs := load.Dir(dir, nil)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "outlet-a-factory.yaml:1:14: YAML syntax") {
		t.Errorf("errors %q, want the metadata's syntax error alone", errs.Error())
	}
	if len(in.Sources) != 2 {
		t.Errorf("%d sources, want 2", len(in.Sources))
	}
}

// FuzzDir replaces one data file of a valid folder with the fuzzer's bytes
// and loads and builds it. Whatever the bytes, every error must name a file
// inside the data folder, errors about a YAML file must give a line in it,
// two runs must agree, and a run without errors must give a dataset whose
// quotes are exactly the source text at their offsets.
func FuzzDir(f *testing.F) {
	for i, name := range fuzzFiles {
		data, err := os.ReadFile(filepath.Join(fixture, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), data)
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		dir := copyFixture(t)
		name := filepath.FromSlash(fuzzFiles[int(which)%len(fuzzFiles)])
		fuzzed := filepath.Join(dir, name)
		if err := os.WriteFile(fuzzed, data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, errs := loadAndBuild(t, dir)
		// YAML breaks lines at \n, \r\n and a lone \r.
		lines := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n"))
		for _, e := range errs {
			rel, err := filepath.Rel(dir, e.Pos.File)
			if e.Msg == "" || err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				t.Fatalf("error %q does not name a file in the data folder", e.Error())
			}
			if e.Pos.File != fuzzed {
				continue
			}
			if strings.HasSuffix(name, ".yaml") && e.Pos.Line < 1 {
				t.Fatalf("%s holds %q; error %q gives no line", name, data, e.Error())
			}
			if e.Pos.Line > lines {
				t.Fatalf("%s holds %q (%d lines); error %q is beyond its end", name, data, lines, e.Error())
			}
		}
		res2, errs2 := loadAndBuild(t, dir)
		if errs.Error() != errs2.Error() {
			t.Fatalf("%s holds %q; two runs give different errors:\n%s\n---\n%s", name, data, errs, errs2)
		}
		if len(errs) > 0 {
			return
		}
		if !reflect.DeepEqual(held(res.Dataset), held(res2.Dataset)) {
			t.Fatalf("%s holds %q; two runs give different datasets", name, data)
		}
		checkQuotes(t, dir, res)
	})
}

// checkQuotes: every statement's quote is its source's text from
// QuoteStart to QuoteEnd, code points, and each source's length is right.
func checkQuotes(t *testing.T, dir string, res *build.Result) {
	t.Helper()
	in, errs := load.Dir(dir, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	raw := map[string]string{}
	for _, src := range in.Sources {
		text, err := src.ReadText()
		if err != nil {
			t.Fatal(err)
		}
		raw[src.ID] = text
	}
	texts := map[string]*provenance.Text{}
	for _, s := range res.Dataset.Sources {
		texts[s.ID] = provenance.NewText(raw[s.ID])
		if n := utf8.RuneCountInString(raw[s.ID]); s.TextLength != n {
			t.Fatalf("source %s: text_length %d, the text has %d code points", s.ID, s.TextLength, n)
		}
	}
	if res.Dataset.Statements.Len() == 0 {
		t.Fatal("a valid build without statements")
	}
	for _, st := range res.Dataset.Statements.All() {
		x := texts[st.SourceID]
		if x == nil {
			t.Fatalf("statement %s: unknown source %q", st.ID, st.SourceID)
		}
		if st.QuoteStart < 0 || st.QuoteStart >= st.QuoteEnd || st.QuoteEnd > x.Len() {
			t.Fatalf("statement %s: quote at [%d, %d) in a text of %d", st.ID, st.QuoteStart, st.QuoteEnd, x.Len())
		}
		if got := x.Slice(st.QuoteStart, st.QuoteEnd); got != st.Quote {
			t.Fatalf("statement %s: quote %q, but the text at [%d, %d) is %q", st.ID, st.Quote, st.QuoteStart, st.QuoteEnd, got)
		}
	}
}

// Dir lets go of the text of a facts file it decoded whole, and
// Statements reads it again: the file must be as Dir read it, or its
// statements would not be those of the declarations read then.
func TestFactsReadAgain(t *testing.T) {
	const file = "facts/outlet-a-factory.yaml"
	for _, tc := range []struct {
		name   string
		change func(path string) error
		want   string // the error; "" for none
	}{
		{"unchanged", func(string) error { return nil }, ""},
		{"a line added", func(path string) error {
			return appendFile(path, "# an afterthought\n")
		}, "changed while it was being read (its statements are read after its declarations): its statements were not checked; run the command again"},
		{"a byte changed, the size the same", sameSizeChange, "changed while it was being read"},
		{"removed", os.Remove, "file not found, on reading it again for its statements, which were not checked: if it was moved or changed meanwhile, run the command again"},
		{"replaced by a link to itself", func(path string) error {
			kept := path + ".kept"
			return errors.Join(os.Rename(path, kept), os.Symlink(kept, path))
		}, "not a regular file"},
		{"replaced by a folder", func(path string) error {
			return errors.Join(os.Remove(path), os.Mkdir(path, 0o755))
		}, "not a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyFixture(t)
			// A statement of the other file answers one of this file's:
			// when this file's statements are lost, the reference to one
			// is not an error of that file's (see the build below).
			other := filepath.Join(dir, "facts/outlet-b-factory.yaml")
			data, err := os.ReadFile(other)
			if err != nil {
				t.Fatal(err)
			}
			answering := strings.Replace(string(data), "    kind: event\n", "    kind: event\n    responds_to: a-factory-opened\n", 1)
			if err := os.WriteFile(other, []byte(answering), 0o644); err != nil {
				t.Fatal(err)
			}
			in, errs := load.Dir(dir, nil)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			path := filepath.Join(dir, file)
			f := &in.Facts[slices.IndexFunc(in.Facts, func(f load.Facts) bool { return f.File == path })]
			if f.Text != "" {
				t.Fatalf("Dir kept the text of %s", file)
			}
			if err := tc.change(path); err != nil {
				t.Fatal(err)
			}
			defs, text, errs := f.Statements()
			if tc.want == "" {
				if _, errs := build.Build(in, nil, build.CountMentions, ""); len(errs) > 0 {
					t.Fatalf("the build of the file read again: %v", errs)
				}
				data, _ := os.ReadFile(path)
				if len(errs) > 0 || len(defs) != f.Facts.Statements.Items || text != string(data) {
					t.Fatalf("%d statements of %d, text %d bytes of %d, errors %v", len(defs), f.Facts.Statements.Items, len(text), len(data), errs)
				}
				return
			}
			if len(errs) != 1 || errs[0].Pos.File != path || !strings.Contains(errs[0].Msg, tc.want) || defs != nil || text != "" {
				t.Fatalf("got %d statements, text %q and %v, want the error %q at %s", len(defs), text, errs, tc.want, path)
			}
			// The build reports it as the file's one error, and holds back
			// the other file's reference to a statement it lost.
			_, errs = build.Build(in, nil, build.CountMentions, "")
			own, others := errorsOfFile(errs, path)
			if len(own) != 1 || !strings.Contains(own[0], tc.want) || len(others) > 0 {
				t.Fatalf("the build's errors: of %s %q, of other files %q; want only %q", file, own, others, tc.want)
			}
		})
	}
}

// A facts file with items skipped for their syntax errors is kept as Dir
// decoded it, their lines blanked out, and not read again.
func TestFactsWithSkippedItemsKept(t *testing.T) {
	dir := copyFixture(t)
	path := filepath.Join(dir, "facts/outlet-a-factory.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A statement whose kind is not closed, after the file's own.
	broken := string(data) + "  - id: a-broken-statement\n    kind: [event\n"
	if err := os.WriteFile(path, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	in, _ := load.Dir(dir, nil)
	f := &in.Facts[slices.IndexFunc(in.Facts, func(f load.Facts) bool { return f.File == path })]
	if f.Text == "" || len(f.Skipped) != 1 {
		t.Fatalf("text %d bytes, skipped %v", len(f.Text), f.Skipped)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	defs, text, errs := f.Statements()
	if len(errs) > 0 || text != f.Text || len(defs) == 0 || len(defs) != f.Facts.Statements.Items {
		t.Fatalf("%d statements of %d, errors %v", len(defs), f.Facts.Statements.Items, errs)
	}
}

func appendFile(path, s string) error {
	w, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = w.WriteString(s)
	return errors.Join(err, w.Close())
}

// CountFacts counts the facts folder's files that Dir reads, not editors'
// hidden files or folders, and a data folder without one has none.
func TestCountFacts(t *testing.T) {
	dir := t.TempDir()
	if n := load.CountFacts(dir); n != 0 {
		t.Errorf("CountFacts of a data folder without facts/ = %d; want 0", n)
	}
	if err := os.Mkdir(filepath.Join(dir, "facts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "facts", "drafts"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.yaml", "b.yaml", "c.yaml", ".DS_Store"} {
		if err := os.WriteFile(filepath.Join(dir, "facts", name), []byte("statements: []\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if n := load.CountFacts(dir); n != 3 {
		t.Errorf("CountFacts = %d; want 3", n)
	}
}

// TestStatementRows: what Dir counts of each facts file's statements is
// what they hold decoded, in data/ and in a synthetic corpus, which has
// each kind of row.
func TestStatementRows(t *testing.T) {
	corpus := t.TempDir()
	if err := synth.Corpus(corpus, 2000, 1); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"../../data", corpus} {
		in, errs := load.Dir(dir, nil)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		var all load.StatementRows
		for i := range in.Facts {
			f := &in.Facts[i]
			counted := f.Facts.StatementRows()
			defs, _, errs := f.Statements()
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			var decoded load.StatementRows
			for _, d := range defs {
				decoded.Stances += len(d.Stances)
				decoded.Participants += len(d.Participants)
				decoded.Countries += len(d.Countries)
				decoded.Figures += len(d.Figures)
			}
			if counted != decoded {
				t.Errorf("%s: counted %+v, decoded %+v", f.File, counted, decoded)
			}
			all.Stances, all.Participants, all.Countries, all.Figures = all.Stances+counted.Stances, all.Participants+counted.Participants, all.Countries+counted.Countries, all.Figures+counted.Figures
		}
		if dir == corpus && (all.Stances == 0 || all.Participants == 0 || all.Countries == 0 || all.Figures == 0) {
			t.Errorf("%s: %+v: a kind of row is missing, and its count untested", dir, all)
		}
	}
}

// held is d with its statements held in memory, as read from wherever
// they are kept (see schema.Rows), for comparing datasets.
func held(d *schema.Dataset) schema.Dataset {
	c := *d
	c.Statements = schema.RowsOf(d.Statements.Collect())
	return c
}

// A source's text is read again by Build, for its quotes and coverage
// (see Source.ReadText): it must be as Dir read it, or the quotes would
// be located in another text than the one measured. Each change is the
// text file's one error, and its quotes are not looked up (no error of
// the facts file's).
func TestSourceTextReadAgain(t *testing.T) {
	const file = "sources/outlet-a-factory.txt"
	for _, tc := range []struct {
		name   string
		change func(path string) error
		want   string // the error; "" for none
	}{
		{"unchanged", func(string) error { return nil }, ""},
		{"a line added", func(path string) error {
			return appendFile(path, "A line added later.\n")
		}, "changed while it was being read (its quotes are looked up after the metadata is read): run the command again"},
		{"a byte changed, the size the same", sameSizeChange, "changed while it was being read"},
		{"removed", os.Remove, "file not found, on reading it again for its quotes: if it was moved or changed meanwhile, run the command again"},
		{"replaced by a folder", func(path string) error {
			return errors.Join(os.Remove(path), os.Mkdir(path, 0o755))
		}, "not a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyFixture(t)
			in, errs := load.Dir(dir, nil)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			path := filepath.Join(dir, file)
			if err := tc.change(path); err != nil {
				t.Fatal(err)
			}
			_, errs = build.Build(in, nil, build.CountMentions, "")
			if tc.want == "" {
				if len(errs) > 0 {
					t.Fatalf("the build of the text read again: %v", errs)
				}
				return
			}
			own, others := errorsOfFile(errs, path)
			if len(own) != 1 || !strings.Contains(own[0], tc.want) || len(others) > 0 {
				t.Fatalf("the build's errors: of %s %q, of other files %q; want only %q", file, own, others, tc.want)
			}
		})
	}
}

// errorsOfFile parts errs into those of the file at path and those of
// other files (with their positions); notes are left out.
func errorsOfFile(errs diag.List, path string) (own, others []string) {
	for _, e := range errs {
		switch {
		case e.Note:
		case e.Pos.File == path:
			own = append(own, e.Msg)
		default:
			others = append(others, e.Pos.String()+": "+e.Msg)
		}
	}
	return own, others
}

// sameSizeChange changes a day of the fixture's file at path, keeping
// its size: only its digest tells it from what was read.
func sameSizeChange(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return os.WriteFile(path, bytes.Replace(data, []byte("16 May 2022"), []byte("17 May 2022"), 1), 0o644)
}
