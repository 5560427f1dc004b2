package load

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"newsfacts/pipeline/blocks"
	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/normalize"
	"newsfacts/pipeline/parallel"
	"newsfacts/pipeline/progress"
	"newsfacts/pipeline/yaml"
)

// Inputs is everything under data/, decoded but not yet interpreted.
type Inputs struct {
	DatasetFile   string
	Dataset       DatasetFile
	CountriesFile string
	Countries     CountriesFile
	OutletsFile   string
	Outlets       OutletsFile
	Sources       []Source // sorted by file name (foo-2.yaml before foo.yaml)
	Facts         []Facts  // sorted by File
	// Faulty holds the files in which loading found errors.
	Faulty map[string]bool
	// Unread holds the files of which nothing, or only part, could be
	// decoded (a YAML syntax error, say): what they declare is unknown,
	// not absent. A reference file (the countries', the outlets') is
	// unread with any error: every file depends on what it declares.
	Unread map[string]bool
	// Misplaced holds the facts files saved among the sources and named
	// after no source there, which are not read: what they declare is
	// unknown, not absent.
	Misplaced []string
}

// Source is one source: its metadata, and where its verbatim text is.
type Source struct {
	ID        string // the metadata file's name without .yaml
	File      string // path of the metadata file
	FactsFile string // path its facts file has, or would have; it may end in .yml (see misspeltYAML)
	Meta      SourceFile
	TextFile  string // path of the text file
	// Broken is set when the metadata or the text could not be read whole;
	// its errors are already reported, and quotes are not looked up in it.
	Broken bool
	// The text is checked by Dir and let go, and read again by ReadText
	// as it is needed, which must find it as Dir did. Held from Dir to
	// the end of the checks, the texts of a million statements (142 MB)
	// were at the heap's largest.
	textRead bool // Dir read it whole, and found it good
	text     seen
}

// ReadText reads the source's text again: "" for a source whose text Dir
// could not read, or found wanting (see Broken). The error says that the
// text could not be read again, or has changed since Dir read it, which
// would make the checks of its quotes those of another text.
func (s *Source) ReadText() (string, error) {
	if !s.textRead {
		return "", nil
	}
	text, err := s.text.readAgain(s.TextFile)
	switch {
	case errors.Is(err, errChanged):
		return "", errors.New("changed while it was being read (its quotes are looked up after the metadata is read): run the command again")
	case err != nil:
		return "", fmt.Errorf("%s, on reading it again for its quotes: if it was moved or changed meanwhile, run the command again", describe(err))
	}
	return text, nil
}

// seen is what tells a file read again from the file first read: its
// size and a digest of its bytes.
type seen struct {
	size   int
	digest uint64
}

// digestSeed seeds the digests of seen; they are compared within one
// run, never written.
var digestSeed = maphash.MakeSeed()

// seenAs is what text, a file's whole text, is seen as.
func seenAs(text string) seen { return seen{len(text), maphash.String(digestSeed, text)} }

// errChanged is readAgain's error for a file that is not as first seen.
var errChanged = errors.New("changed since it was first read")

// readAgain reads the regular file at path again, which must be as s.
func (s seen) readAgain(path string) (string, error) {
	data, err := readRegular(path)
	switch {
	case err != nil:
		return "", err
	case len(data) != s.size || maphash.Bytes(digestSeed, data) != s.digest:
		return "", errChanged
	}
	return ownedString(data), nil
}

// Facts is one facts file.
type Facts struct {
	SourceID string // the file's name without .yaml; names the source it describes
	File     string
	Facts    FactsFile
	// Text is the file's text, with the lines of any list item that is
	// not YAML blanked out (see yaml.Decoded), from which Statements
	// decodes its statements. Dir keeps it only for a file with such
	// items; a file it decoded whole is read again by Statements, so that
	// the facts files of a large corpus (467 MiB at a million statements)
	// are not all held at once. Empty if nothing in it could be decoded.
	Text string
	// Skipped holds the first lines of the items blanked out.
	Skipped []int
	// reread says that Statements reads the file again, which must then
	// be as Dir read it (first).
	reread bool
	first  seen
}

// testHookFactsText, set by tests, is told of the text of each facts file
// that Dir decodes.
var testHookFactsText func(text string)

// Statements decodes the statements of a facts file, which Dir leaves
// undecoded, and returns the text whose parts their values are. Their
// errors are reported here, not by Dir; nothing is decoded of a file that
// Dir could not read at all, and nothing of the items it skipped for their
// syntax errors, which Dir has reported. A file that Dir decoded whole is
// read again here; if it cannot be, or has changed since (its statements
// would not be those of the declarations read then), nothing is decoded,
// the text returned is empty, and the one error says why.
func (f *Facts) Statements() ([]StatementDef, string, diag.List) {
	return f.StatementsInto(nil)
}

// StatementsInto is Statements, decoding into buf's array when it has
// room for them (its earlier contents are zeroed): a caller that is done
// with one file's statements can decode the next one's into the same
// memory.
func (f *Facts) StatementsInto(buf []StatementDef) ([]StatementDef, string, diag.List) {
	text := f.Text
	if f.reread {
		var err error
		var errs diag.List
		switch text, err = f.first.readAgain(f.File); {
		case errors.Is(err, errChanged):
			errs.Add(diag.Pos{File: f.File}, "changed while it was being read (its statements are read after its declarations): its statements were not checked; run the command again")
			return nil, "", errs
		case err != nil:
			errs.Add(diag.Pos{File: f.File}, "%s, on reading it again for its statements, which were not checked: if it was moved or changed meanwhile, run the command again", describe(err))
			return nil, "", errs
		}
	}
	if text == "" {
		return nil, "", nil
	}
	rest := factsStatements{Statements: buf[:0]}
	errs := yaml.DecodeRest(f.File, yaml.Decoded{Read: true, Rest: text, Skipped: f.Skipped}, &rest)
	return rest.Statements, text, errs
}

// Dir reads the data folder dir. It reports every problem it finds, with
// file, line and column. What could be decoded is returned even when there
// are errors, so that later checks can report their findings in the same
// run; the Inputs are complete only if the list is empty. The files read
// are counted as the stage "load" of run, which may be nil.
func Dir(dir string, run *progress.Run) (*Inputs, diag.List) {
	stage := run.Start("load", 0, "files")
	defer stage.Done(-1)
	var errs diag.List
	in := &Inputs{
		DatasetFile:   filepath.Join(dir, "dataset.yaml"),
		CountriesFile: filepath.Join(dir, "reference", "countries.yaml"),
		OutletsFile:   filepath.Join(dir, "reference", "outlets.yaml"),
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		errs.Add(diag.Pos{File: dir}, "data folder not found")
		return in, errs
	}
	in.Unread = map[string]bool{}
	decodeFile(in.DatasetFile, &in.Dataset, &errs, stage)
	if _, ok := decodeFile(in.CountriesFile, &in.Countries, &errs, stage); !ok {
		in.Unread[in.CountriesFile] = true
	}
	if _, ok := decodeFile(in.OutletsFile, &in.Outlets, &errs, stage); !ok {
		in.Unread[in.OutletsFile] = true
	}

	// Files are decoded by as many workers as there are cores, each into
	// its own slot; their errors are then taken in file order, so that the
	// result does not depend on which worker finished first.
	sourcesDir := filepath.Join(dir, "sources")
	texts := map[string]bool{} // text files not yet claimed by a source
	var metaFiles []string
	sourcesNames := listDir(sourcesDir, &errs)
	for _, name := range sourcesNames {
		switch {
		case strings.EqualFold(filepath.Ext(name), ".txt"):
			texts[name] = true // a .TXT is told of when its source's text is not found (see suggestTexts)
		case strings.HasSuffix(name, ".yaml"):
			metaFiles = append(metaFiles, name)
		case misspeltYAML(name, sourcesNames):
			// Read as what it most likely is, so that its one slip is
			// one error, and every other mistake in it or its source
			// is reported now.
			errs.Add(diag.Pos{File: filepath.Join(sourcesDir, name)}, "a source's metadata file's name ends in .yaml, not %s: rename it to %s (it is read as if it were)", name[len(yamlStem(name)):], filepath.Join(sourcesDir, yamlStem(name)+".yaml"))
			metaFiles = append(metaFiles, name)
		default:
			errs.Add(diag.Pos{File: filepath.Join(sourcesDir, name)}, "unexpected file in sources/: expected <source_id>.yaml metadata and the .txt texts they name")
		}
	}
	// The facts folder is listed now so that the stage knows its total;
	// its errors keep their place in the list, after the sources'.
	factsDir := filepath.Join(dir, "facts")
	var factsListErrs diag.List
	factsNames := listDir(factsDir, &factsListErrs)
	stage.SetTotal(3 + 2*len(metaFiles) + len(factsNames))

	in.Sources = make([]Source, len(metaFiles))
	sourceErrs := make([]diag.List, len(metaFiles))
	textMissing := make([]*diag.Error, len(metaFiles)) // the error of a text not found (or not its own), by source
	misplaced := make([]misplacedFile, len(metaFiles)) // a facts file among the sources, by its key
	parallel.ForEach(len(metaFiles), func(i int) {
		name, errs := metaFiles[i], &sourceErrs[i]
		id := yamlStem(name)
		s := Source{ID: id, File: filepath.Join(sourcesDir, name), FactsFile: filepath.Join(dir, "facts", id+".yaml")}
		got, ok := decodeFile(s.File, &s.Meta, errs, stage)
		if !ok {
			s.Broken = true
		}
		if key, line := factsKey(got.Rest); key != "" && s.Meta == (SourceFile{Pos: s.Meta.Pos}) {
			// A facts file saved among the sources: one slip, told of
			// below, not a missing key for each of the metadata's and an
			// unknown key for each of its own.
			*errs, misplaced[i] = nil, misplacedFile{path: s.File, key: key, line: line}
			return
		}
		n := len(*errs)
		if s.Meta.Text.Set() {
			var text string
			s.TextFile, text, textMissing[i] = readText(sourcesDir, s.Meta.Text, errs, stage)
			s.textRead, s.text = text != "", seenAs(text)
		} // else the metadata did not decode, or lacks text: reported above
		s.Broken = s.Broken || len(*errs) > n || !s.Meta.Text.Set()
		s.textRead = s.textRead && !s.Broken
		in.Sources[i] = s
	})
	// The facts files among the sources are no sources.
	var misplacedFacts []misplacedFile
	for _, m := range misplaced {
		if m.key != "" {
			misplacedFacts = append(misplacedFacts, m)
		}
	}
	if len(misplacedFacts) > 0 {
		keep := func(i int) bool { return misplaced[i].key == "" }
		in.Sources, sourceErrs, textMissing = keepIndexes(in.Sources, keep), keepIndexes(sourceErrs, keep), keepIndexes(textMissing, keep)
	}
	// A text that two sources name is the text of the one it is named
	// after, or else of the first: the other's metadata was most likely
	// copied from it. The other's quotes are not looked up in it (each
	// would be an error of the copy's).
	owner := make(map[string]string, len(in.Sources)) // text -> its source
	// read says whether the source's text was read, if only to find it
	// empty or not UTF-8.
	read := func(i int) bool {
		return in.Sources[i].Meta.Text.Set() && in.Sources[i].TextFile != "" && textMissing[i] == nil
	}
	textless := map[string]bool{} // texts named after a source whose text: could not be read
	for i, s := range in.Sources {
		// A source whose metadata cannot be read most likely names the
		// text named after it.
		if !s.Meta.Text.Set() {
			textless[s.ID+".txt"] = true
		}
		if read(i) && s.Meta.Text.Value == s.ID+".txt" || !s.Meta.Text.Set() {
			owner[s.ID+".txt"] = s.ID
		}
	}
	for i := range in.Sources {
		s := &in.Sources[i]
		if !read(i) {
			continue
		}
		first, taken := owner[s.Meta.Text.Value]
		if !taken {
			owner[s.Meta.Text.Value] = s.ID
			continue
		}
		if first != s.ID {
			sourceErrs[i].Add(s.Meta.Text.Pos(), "text %q is the text of source %s: each source names its own", s.Meta.Text.Value, first)
			textMissing[i] = sourceErrs[i][len(sourceErrs[i])-1]
			s.textRead, s.Broken = false, true
		}
	}
	for _, s := range in.Sources {
		delete(texts, s.Meta.Text.Value)
	}
	unnamed := suggestTexts(in.Sources, textMissing, sortedKeys(texts))
	for i := range in.Sources {
		errs.Append(sourceErrs[i])
	}
	for _, name := range unnamed {
		if textless[name] {
			continue // most likely its text: its metadata's error says why it is not read
		}
		errs.Add(diag.Pos{File: filepath.Join(sourcesDir, name)}, "text file is not named by any source's `text:`")
	}

	errs.Append(factsListErrs)
	var factsFiles []Facts // to read
	sourceIndex := make(map[string]int, len(in.Sources))
	for i, s := range in.Sources {
		sourceIndex[s.ID] = i
	}
	for _, name := range factsNames {
		path := filepath.Join(factsDir, name)
		i, named := sourceIndex[yamlStem(name)]
		switch {
		case strings.HasSuffix(name, ".yaml"):
		case misspeltYAML(name, factsNames):
			// Read as what it most likely is, as the metadata above: a
			// facts file (named after no source, it is then told so).
			errs.Add(diag.Pos{File: path}, "a facts file's name ends in .yaml, not %s: rename it to %s (it is read as if it were)", name[len(yamlStem(name)):], filepath.Join(factsDir, yamlStem(name)+".yaml"))
			if named {
				in.Sources[i].FactsFile = path
			}
		default:
			errs.Add(diag.Pos{File: path}, "unexpected file in facts/: expected <source_id>.yaml")
			continue
		}
		factsFiles = append(factsFiles, Facts{SourceID: yamlStem(name), File: path})
	}
	// A facts file saved among the sources is read as the facts of the
	// source whose id starts its name, as if moved, unless that source has
	// its facts already: then it is most likely a copy of them.
	for _, m := range misplacedFacts {
		source := sourceNamed(yamlStem(filepath.Base(m.path)), sourceIndex)
		if source < 0 {
			errs.Add(m.pos(), "this is a facts file (it has %s), not a source's metadata: move it to %s, named after the source it describes", m.key, factsDir)
			in.Misplaced = append(in.Misplaced, m.path)
			continue
		}
		if s := in.Sources[source]; s.FactsFile != filepath.Join(factsDir, s.ID+".yaml") || hasName(factsNames, s.ID+".yaml") {
			errs.Add(m.pos(), "this is a facts file (it has %s), not a source's metadata, and source %s has its facts in %s: if this is a copy of them, remove it (it is not read)", m.key, s.ID, s.FactsFile)
			in.Misplaced = append(in.Misplaced, m.path)
			continue
		}
		s := &in.Sources[source]
		errs.Add(m.pos(), "this is a facts file (it has %s), not a source's metadata: move it to %s (it is read as if it were)", m.key, s.FactsFile)
		s.FactsFile = m.path
		factsFiles = append(factsFiles, Facts{SourceID: s.ID, File: m.path})
	}
	in.Facts = make([]Facts, len(factsFiles))
	factsErrs := make([]diag.List, len(factsFiles))
	factsWhole := make([]bool, len(factsFiles))
	var copiers sync.Pool // of *blocks.Copier, reused from file to file
	copiers.New = func() any { return new(blocks.Copier) }
	parallel.ForEach(len(factsFiles), func(i int) {
		f := factsFiles[i]
		got, _ := decodeFile(f.File, &f.Facts, &factsErrs[i], stage)
		if testHookFactsText != nil {
			testHookFactsText(got.Rest)
		}
		c := copiers.Get().(*blocks.Copier)
		f.Facts.detach(c)
		copiers.Put(c)
		f.Skipped, factsWhole[i] = got.Skipped, got.Whole()
		if factsWhole[i] {
			f.reread, f.first = true, seenAs(got.Rest)
		} else {
			f.Text = got.Rest
		}
		in.Facts[i] = f
	})
	for i, list := range factsErrs {
		errs.Append(list)
		if !factsWhole[i] {
			in.Unread[in.Facts[i].File] = true
		}
	}
	if len(in.Sources) == 0 && len(errs) == 0 {
		errs.Add(diag.Pos{File: sourcesDir}, "no sources: the dataset needs at least one <source_id>.yaml with its text")
	}
	in.Faulty = map[string]bool{}
	for _, e := range errs {
		in.Faulty[e.Pos.File] = true
	}
	return in, errs
}

// sourceNamed returns the index of the source whose id starts stem, the
// stem of a facts file's name, as whole words: x-factory-copy is
// x-factory's, or else x's, but not x-fact's. The longest id wins; -1 if
// none does.
func sourceNamed(stem string, index map[string]int) int {
	for id := stem; ; {
		if i, ok := index[id]; ok {
			return i
		}
		cut := strings.LastIndexByte(id, '-')
		if cut < 0 {
			return -1
		}
		id = id[:cut]
	}
}

// hasName says whether the sorted names hold name.
func hasName(names []string, name string) bool {
	_, found := slices.BinarySearch(names, name)
	return found
}

// misspeltYAML says whether a file's name ends in another spelling of
// .yaml (.yml, or another case, or with .txt after it, as editors add),
// and is the only name of the folder's (which are sorted) with its stem
// and any spelling of .yaml: beside x.yaml, or beside another spelling,
// it is not read as x.yaml.
func misspeltYAML(name string, names []string) bool {
	stem := yamlStem(name)
	if ext := name[len(stem):]; ext == ".yaml" || !yamlLike(ext) {
		return false
	}
	at, _ := slices.BinarySearch(names, stem+".")
	for _, other := range names[at:] {
		if !strings.HasPrefix(other, stem+".") {
			break
		}
		if other != name && yamlStem(other) == stem && yamlLike(other[len(stem):]) {
			return false
		}
	}
	return true
}

// yamlLike says whether an extension is a spelling of .yaml.
func yamlLike(ext string) bool {
	e := strings.TrimSuffix(strings.ToLower(ext), ".txt")
	return e == ".yml" || e == ".yaml"
}

// yamlStem is a YAML file's name without its extension, and without a
// .txt that an editor added after it ("x.yaml.txt").
func yamlStem(name string) string {
	if ext := filepath.Ext(name); strings.EqualFold(ext, ".txt") && yamlLike(filepath.Ext(name[:len(name)-len(ext)])) {
		name = name[:len(name)-len(ext)]
	}
	return strings.TrimSuffix(name, filepath.Ext(name))
}

// misplacedFile is a facts file saved among the sources, and the key of
// a facts file's that it has.
type misplacedFile struct {
	path, key string
	line      int // of the key
}

// pos is where the key that makes it a facts file is.
func (m misplacedFile) pos() diag.Pos { return diag.Pos{File: m.path, Line: m.line, Col: 1} }

// keepIndexes returns the items of list whose index keep keeps, in order.
func keepIndexes[T any](list []T, keep func(int) bool) []T {
	var kept []T
	for i, v := range list {
		if keep(i) {
			kept = append(kept, v)
		}
	}
	return kept
}

// factsKey is the first top-level key of a facts file's own that text
// has ("statements:"), and its line; "" if none.
func factsKey(text string) (key string, line int) {
	n := 0
	for l := range strings.Lines(text) {
		n++
		for _, key := range []string{"entities:", "claims:", "events:", "statements:", "ignore:"} {
			if strings.HasPrefix(l, key) {
				return key, n
			}
		}
	}
	return "", 0
}

// decodeFile reads and strictly decodes one YAML file. What could be
// decoded is kept in v, whatever was wrong; ok says nothing was. The
// file's text, to decode the rest from, is got.Rest.
func decodeFile(path string, v any, errs *diag.List, stage *progress.Stage) (got yaml.Decoded, ok bool) {
	stage.Add(1)
	data, err := readRegular(path)
	if err != nil {
		errs.Add(diag.Pos{File: path}, "%s", describe(err))
		return yaml.Decoded{}, false
	}
	list, got := yaml.DecodeText(path, ownedString(data), v)
	errs.Append(list)
	return got, len(list) == 0
}

// readText reads the source text that name refers to. The name must be a
// plain file name in the sources folder: a path could climb out of data/.
// If there is no such file, missing is its error.
func readText(dir string, name Scalar, errs *diag.List, stage *progress.Stage) (path, text string, missing *diag.Error) {
	n := name.Value
	if n == "" || n != filepath.Base(n) || strings.ContainsAny(n, `/\`) || n == "." || n == ".." || !strings.HasSuffix(n, ".txt") {
		errs.Add(name.Pos(), "text %q must be the name of a .txt file in the same folder, without a path", n)
		return "", "", (*errs)[len(*errs)-1] // not found as written
	}
	path = filepath.Join(dir, n)
	stage.Add(1)
	// A link, even one with a plain name (and a hidden one is not listed),
	// could point outside data/: only a regular file is read.
	data, err := readRegular(path)
	if errors.Is(err, errNotRegular) {
		errs.Add(name.Pos(), "text %q: not a regular file (a link could point outside data/)", n)
		return path, "", nil
	}
	if err != nil {
		errs.Add(name.Pos(), "text %q: %s", n, describe(err))
		if errors.Is(err, fs.ErrNotExist) {
			missing = (*errs)[len(*errs)-1]
		}
		return path, "", missing
	}
	if !yaml.CheckText(path, data, errs) {
		return path, "", nil
	}
	if len(data) == 0 {
		errs.Add(diag.Pos{File: path}, "source text is empty")
	}
	return path, ownedString(data), nil
}

// maxTextSuggestions is how many texts not found are compared with the
// texts that no source names (see suggestTexts).
const maxTextSuggestions = 20

// suggestTexts tells a source whose text was not found, or is another
// source's (missing holds its error, by source), of a text that no source
// names, when that text is named after the source or the name written
// looks like a slip for it: the file was most likely renamed, its name
// mistyped, or the metadata copied from another source's. The text told
// of is not reported as unnamed as well (it is left out of what is
// returned): one slip, one error. The closest pairs are matched first
// (see normalize.PairSlips). Only the first few sources are compared, or
// a folder of them would take the square of its size.
func suggestTexts(sources []Source, missing []*diag.Error, unnamed []string) []string {
	var lost []int // the sources told, by index
	var written []string
	for i, e := range missing {
		if e != nil && len(lost) < maxTextSuggestions {
			lost, written = append(lost, i), append(written, sources[i].Meta.Text.Value)
		}
	}
	// The names a source surely means: named after it (in any case), or as written
	// without a path or with .txt.
	sure := func(w, n int) bool {
		name := unnamed[n]
		return strings.EqualFold(name, sources[lost[w]].ID+".txt") || name == filepath.Base(written[w]) || name == written[w]+".txt"
	}
	told := make([]bool, len(unnamed))
	for w, n := range normalize.PairSlips(written, unnamed, sure) {
		if n >= 0 {
			missing[lost[w]].Msg += fmt.Sprintf("; did you mean %q (named by no source)?", unnamed[n])
			told[n] = true
		}
	}
	var left []string
	for j, name := range unnamed {
		if !told[j] {
			left = append(left, name)
		}
	}
	return left
}

// ownedString returns the bytes of a file just read as a string without
// copying them: nothing else holds data, and nothing writes to it after.
// A copy of every file would cost a million statements' build 600 MB of
// garbage, and the page faults of making it.
func ownedString(data []byte) string {
	return unsafe.String(unsafe.SliceData(data), len(data))
}

// CountFacts returns how many files of the facts folder of the data
// folder dir Dir would read, without reading them, or 0 if the folder
// cannot be listed: for sizing what a build of them will need before Dir
// reads them. Unlike Dir, it neither sorts nor reports.
func CountFacts(dir string) int {
	f, err := os.Open(filepath.Join(dir, "facts"))
	if err != nil {
		return 0
	}
	defer f.Close()
	entries, _ := f.ReadDir(-1)
	n := 0
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") && e.Type().IsRegular() { // as listDir
			n++
		}
	}
	return n
}

func listDir(dir string, errs *diag.List) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		errs.Add(diag.Pos{File: dir}, "%s", describe(err))
		return nil
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue // editor and OS files such as .DS_Store
		}
		if !e.Type().IsRegular() {
			errs.Add(diag.Pos{File: filepath.Join(dir, e.Name())}, "not a regular file")
			continue
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// errNotRegular is why readRegular does not read a link, a folder or a
// device.
var errNotRegular = errors.New("not a regular file")

func describe(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "file not found"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
