// Package build turns the decoded inputs of data/ into the dataset: it
// resolves every reference, normalizes raw values (dates, countries, outlet
// names), locates every quote in its source, finds conflicting reports, and
// checks that the facts cover their sources. Every problem is reported with
// its position, all at once.
package build

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"golang.org/x/text/language"

	"newsfacts/pipeline/coverage"
	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/load"
	"newsfacts/pipeline/normalize"
	"newsfacts/pipeline/parallel"
	"newsfacts/pipeline/progress"
	"newsfacts/pipeline/provenance"
	"newsfacts/pipeline/spill"
	"newsfacts/pipeline/yaml"
	"newsfacts/schema"
)

// Result is a built dataset and the coverage of its sources' mentions.
type Result struct {
	Dataset *schema.Dataset
	// Mentions counts the mentions of the sources that coverage checked,
	// by how the facts account for them.
	Mentions coverage.Counts
	// Coverage lists them, one item each, in the order of the sources' ids; only
	// with ListMentions.
	Coverage []coverage.Item
	// Statements counts the statements checked and kept, whether or not
	// the Dataset holds their rows (see Build's spillTo).
	Statements int
	// TempErr says why the statements could not be written to the
	// temporary file the dataset reads them from (see spill), if they
	// could not: the Dataset holds none, and the checks ran all the same.
	TempErr error
}

// Listing says whether Build lists each mention's coverage or only counts
// it. A release needs the counts alone, and at a million statements the
// list takes 250 MB, most of it while the heap is at its largest.
type Listing bool

const (
	CountMentions Listing = false
	ListMentions  Listing = true
)

// Build interprets the inputs. The Result is complete only when the error
// list is empty and Result.TempErr nil; callers must not write any output
// otherwise, and Close its Dataset when done with it. The statements'
// rows are written, as they are checked, to a temporary file named after
// spillTo (spillTo-123456789, removed from its folder at once), which the
// Dataset reads them from; with spillTo "" they are checked and counted,
// and the Dataset holds none (what a check needs, which writes nothing). The
// statements of the facts files are decoded here, a few files at a time,
// and let go once checked (see load.Facts.Statements); the sources'
// texts are read again as they are needed (see load.Source.ReadText).
// Build uses in up: once a facts file's statements are committed, it
// empties the file's text and declarations in in; nothing in the Result
// holds a facts file's or a source's text (see detach). Its stages
// are reported to run, which may be nil: "scan" measures the source texts
// (digest, length, lines), "validate" checks every declaration and
// statement and normalizes their values in the same pass, finding the
// mentions in each source's text as its statements are checked and
// accounting for them once they are committed, "derive"
// computes what no one wrote (named counts, entity use, conflicting
// reports, sort order) and "coverage" accounts for the mentions of sources
// that no facts file describes, and counts every mention accounted for,
// or lists them if listing says so.
func Build(in *load.Inputs, run *progress.Run, listing Listing, spillTo string) (*Result, diag.List) {
	// The maps are made at their size, or at the size of what the facts
	// files declare: growing a map of a million keys rehashes it twenty
	// times. But for the statements': made at its size, its 57 MB at a
	// million statements were held from the start of the checks, then the
	// heap's largest, and grown as they are committed instead, the peak
	// was 1,025 MiB, not 1,053 (one build each, 2026-12-06).
	var statements, entities, claims, events int
	for _, f := range in.Facts {
		statements += f.Facts.Statements.Items
		entities += len(f.Facts.Entities)
		claims += len(f.Facts.Claims)
		events += len(f.Facts.Events)
	}
	entities += len(in.Outlets.Outlets)
	b := &builder{
		in:        in,
		ds:        &schema.Dataset{},
		entities:  make(map[string]*entityInfo, entities),
		declared:  make([]*entityInfo, 0, entities),
		entityIDs: make(map[string]diag.Pos, entities),
		byName:    make(map[string]*entityInfo, entities),
		claims:    make(map[string]diag.Pos, claims),
		events:    make(map[string]diag.Pos, events),
		stmts:     map[string]*stmtInfo{},
		sources:   make(map[string]*sourceInfo, len(in.Sources)),
		accounts:  make([]account, len(in.Sources)),
		faulty:    make(map[string]bool, len(in.Faulty)),
		figures:   map[string]diag.Pos{},
		countsAt:  map[string]diag.Pos{},
	}
	b.detachers.New = func() any { return new(detacher) }
	maps.Copy(b.faulty, in.Faulty)
	factsFiles := make(map[string]bool, len(in.Facts))
	for _, f := range in.Facts {
		factsFiles[f.File] = true
	}
	for f := range in.Unread {
		if f == in.CountriesFile || f == in.OutletsFile || factsFiles[f] {
			b.unread = append(b.unread, f)
		}
	}
	b.unread = append(b.unread, in.Misplaced...)
	slices.Sort(b.unread)
	b.countriesUnread = in.Unread[in.CountriesFile]
	b.meta()
	b.countryRef()
	// Room for every entity that can be declared: those of the facts
	// files and the outlets, and the countries (see newEntity).
	b.entityRows = make([]schema.Entity, 0, entities+b.countries.Len())
	b.outlets()
	stage := run.Start("scan", len(in.Sources), "sources")
	b.sourcesMeta(stage)
	b.releasedAfterSources()
	stage.Done(-1)
	stage = run.Start("validate", statements, "statements")
	b.declarations()
	b.entityIDs = nil // only declarations find a repeated entity id
	b.startSpill(spillTo)
	b.statements(stage, listing, statements)
	b.respondsTo()
	b.suggest()
	b.byName, b.sharedNames, b.claims, b.events = nil, nil, nil, nil // every reference is resolved
	stage.Done(-1)
	stage = run.Start("derive", len(b.kept), "statements")
	// The two read the statements, grouped once by event for both, and
	// write apart (the figures' named counts and their errors; the
	// conflicts): at a million statements each took half a second, on one
	// core of two.
	byEvent := b.statementsByEvent()
	derive := []func(){func() { b.namedCounts(byEvent) }, func() { b.conflicts(byEvent) }}
	parallel.ForEach(len(derive), func(i int) { derive[i]() })
	b.dropChecked()
	b.finishEntities()
	b.sortTables()
	stage.Done(-1)
	stage = run.Start("coverage", len(in.Sources), "sources")
	counts, items := b.coverage(stage, listing)
	// Counted with coverage. The statements are nearly in order already.
	b.statementsTable()
	statementsKept := len(b.kept)
	stage.Done(-1)
	if testHookKept != nil {
		testHookKept(b.kept)
	}
	b.stmts, b.responses, b.sources, b.kept = nil, nil, nil, nil
	b.holdBack()
	b.errs.Sort()
	return &Result{Dataset: b.ds, Mentions: counts, Coverage: items, Statements: statementsKept, TempErr: b.spillErr}, b.errs
}

type builder struct {
	in        *load.Inputs
	ds        *schema.Dataset
	errs      diag.List
	countries *normalize.Countries
	scanner   *coverage.Scanner
	// countryForms holds where the country reference writes each of its
	// names and aliases.
	countryForms map[string]diag.Pos

	entities map[string]*entityInfo // by id
	// entityRows holds the entities' rows, in the order they were
	// declared, until finishEntities makes them the table (see newEntity).
	entityRows []schema.Entity
	// declared lists the entities in the order they were declared, for
	// finishEntities: a map of half a million entities is walked in an
	// order of its own, each entity a jump elsewhere in memory.
	declared  []*entityInfo
	entityIDs map[string]diag.Pos // where each declared entity id stands
	// byName finds an entity by its name or an alias: nil for a name
	// given more than once, which resolves to none, and is in
	// sharedNames. A pointer, not a list of ids: at a million statements
	// half a million names, each but a few of one entity, took 53 MB as
	// lists, and 14 MB more for the lists' arrays.
	byName      map[string]*entityInfo
	sharedNames map[string][]string // name or alias given more than once -> the ids of the entities that have it, in the order they were declared
	claims      map[string]diag.Pos
	events      map[string]diag.Pos
	stmts       map[string]*stmtInfo // the committed statements, by id
	// kept lists the committed statements, in the order their rows were
	// written to rows (see spill).
	kept     []*stmtInfo
	rows     *spill.Rows[schema.Statement] // nil when none are kept (see Build's spillTo)
	spillDir string                        // the folder of rows' file
	spillErr error                         // why rows could not be written; nil if they were
	// responses lists the committed statements that respond to another,
	// and what they write, for respondsTo.
	responses []response
	sources   map[string]*sourceInfo
	figures   map[string]diag.Pos
	countsAt  map[string]diag.Pos // where the counts of each figure that counts countries is written, by figure id

	// unread lists the files that declare entities, claims, events or
	// countries of which nothing could be read. While there are any, the
	// errors about references to something undeclared are held back (see
	// holdBack): it is most likely declared there, and one syntax error
	// would otherwise bury itself under hundreds of false ones.
	unread          []string
	countriesUnread bool // the country reference is one of them
	// lostIDs lists, for each kind of reference, the facts files with a
	// declaration of that kind whose id is missing, or malformed past
	// reading (see readID): while there are any, the errors about
	// references of that kind to something undeclared are held back.
	lostIDs        [statementRef + 1][]string
	undeclaredMu   sync.Mutex
	undeclaredErrs map[*diag.Error]bool // the errors about references to something undeclared
	unknown        unknownRefs          // the errors about references to no entity, for suggest
	duplicates     []duplicate          // the errors about claim and event ids declared twice, for suggest

	// accounts holds the coverage of each source, by its index in
	// in.Sources; faulty, the files that have errors, noted up to
	// b.errs[faultyNoted] (see coverage).
	accounts    []account
	faulty      map[string]bool
	faultyNoted int

	detachers sync.Pool // of *detacher, for the drafts (see detach)

	// namesToCheck lists, by facts file, the entities it declares whose name or
	// an alias must occur in its source's text: checked with its
	// statements, while the text is prepared for lookups.
	namesToCheck [][]int
}

type entityInfo struct {
	*schema.Entity // its row, in entityRows until finishEntities
	outlet         bool
	// used: the entity appears in the dataset (a flag, not a map of half
	// a million ids, 28 MB at a million statements).
	used bool
}

type sourceInfo struct {
	schema.Source
	index     int    // in in.Sources
	file      string // the metadata file
	textFile  string
	factsFile string
	text      *provenance.Text   // the text prepared for lookups, only while its statements are checked (see statements)
	lines     provenance.Lines   // of the text, for the positions of its mentions
	mentions  []coverage.Mention // only from its batch's drafting to its coverage (see scan)
	places    *mentionIndex      // the mentions by place
	stmts     []*stmtInfo
	ignores   []load.IgnoreDef
	broken    bool // its text could not be read; its errors are reported already
	// publishedDoubtful: its published: disagrees with the date its id
	// writes (see publishedAsID).
	publishedDoubtful bool
	described         bool // a facts file is named after it
	// factsMisnamed: no facts file is named after it, and one named after
	// no source looks like a slip for its name (see misnamedFacts).
	factsMisnamed bool
}

// stmtInfo is what the checks keep of each statement, to their end: its
// id, and what derive reads of one that reports an event (see
// statementsByEvent and conflicts). Its row is written to a file once
// committed (see spill), and held by its stmtCheck until its source's
// coverage is accounted for. It is 48 bytes: at a million statements, 48
// MB, and 48 bytes more for each that reports an event (a fifth of the
// synthetic corpus's), where it took 32 and the rows 256 MB, with 190 MB
// of their text, and then 80 with the event's fields in it.
type stmtInfo struct {
	*stmtCheck // until its source's coverage is accounted for (see accountBatch)
	ID         string
	*stmtEvent // nil when it reports no event, as most do
	// Where its id is written (see idAt): in facts file number facts, at
	// line and column.
	facts, line, col int32
}

// stmtEvent is what derive reads of a statement that reports an event.
type stmtEvent struct {
	EventID       string
	PlaceID       string
	Date          schema.Date
	DatePrecision schema.DatePrecision
}

// idAt is where the id of statement s is written.
func (b *builder) idAt(s *stmtInfo) diag.Pos {
	return diag.Pos{File: b.in.Facts[s.facts].File, Line: int(s.line), Col: int(s.col)}
}

// response is a statement that responds to another, and what it writes;
// respondsTo reads them in the order they were committed.
type response struct {
	info *stmtInfo
	to   load.Scalar
}

// stmtCheck is what a statement's checks and its source's coverage read,
// let go once they are done: at a million statements, 140 MiB less at
// the end of the checks.
type stmtCheck struct {
	row     *schema.Statement  // its row, in its batch's drafts (see statements)
	def     *load.StatementDef // until its batch is committed
	src     *sourceInfo
	quote   provenance.Passage // the located quote, for checks that a hedge or date is in it; empty if not located
	refs    []string           // every entity the statement refers to
	figures []schema.Figure
	roles   []string // ISO3 codes with a country role
	dates   []normalize.Date
}

func (b *builder) meta() {
	d := b.in.Dataset
	m := &b.ds.Meta
	m.Name, m.Title, m.Description, m.Version = d.Name.Value, d.Title.Value, d.Description.Value, d.Version.Value
	m.License, m.LicenseURL = d.License.Value, d.LicenseURL.Value
	if d.Name.Set() && !schema.IsID(d.Name.Value) {
		b.errs.Add(d.Name.Pos(), "name %q: use lower-case letters, digits and hyphens", d.Name.Value)
	}
	if d.Version.Set() && !semverRE.MatchString(d.Version.Value) {
		b.errs.Add(d.Version.Pos(), "version %q: expected MAJOR.MINOR.PATCH, e.g. 1.0.0", d.Version.Value)
	}
	if d.Released.Set() {
		r, err := schema.ParseISODate(d.Released.Value)
		if err != nil {
			b.errs.Add(d.Released.Pos(), "released: %v", err)
		}
		m.Released = r
	}
	b.checkURL(d.LicenseURL)
}

// releasedAfterSources checks that the release is dated no earlier than
// the last source it holds was published: a release date copied from an
// older release, or a published: date in the future.
func (b *builder) releasedAfterSources() {
	released := b.ds.Meta.Released
	if released.IsZero() {
		return
	}
	var last *sourceInfo
	for _, si := range b.sources {
		if released.Before(si.Published) && (last == nil || last.Published.Before(si.Published) || last.Published == si.Published && si.ID < last.ID) {
			last = si
		}
	}
	if last != nil {
		b.errs.Add(b.in.Dataset.Released.Pos(), "released %s, before source %s was published (%s): date the release on or after its last source, or check that source's published:", released, last.ID, last.Published)
	}
}

var semverRE = regexp.MustCompile(`^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`)

func (b *builder) checkURL(s load.Scalar) {
	if !s.Set() {
		return
	}
	u, err := url.Parse(s.Value)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		b.errs.Add(s.Pos(), "url %q: expected an absolute http or https address", s.Value)
	}
}

func (b *builder) countryRef() {
	var refs []normalize.CountryAlias
	var at []diag.Pos // where each of refs is written
	pos := map[string]diag.Pos{}
	b.countryForms = map[string]diag.Pos{}
	for _, c := range b.in.Countries.Countries {
		if !c.ISO3.Set() {
			continue // not decoded, or no code: reported by load
		}
		r := normalize.CountryAlias{ISO3: c.ISO3.Value, Name: c.Name.Value}
		for _, a := range c.Aliases {
			r.Aliases = append(r.Aliases, a.Value)
		}
		for _, f := range append([]load.Scalar{c.Name}, c.Aliases...) {
			if _, ok := b.countryForms[f.Value]; f.Set() && !ok {
				b.countryForms[f.Value] = f.Pos()
			}
		}
		if p, dup := pos[r.ISO3]; dup {
			b.errs.Add(c.ISO3.Pos(), "country %s listed twice (first at line %d)", r.ISO3, p.Line)
			continue
		}
		pos[r.ISO3] = c.ISO3.Pos()
		refs = append(refs, r)
		at = append(at, c.ISO3.Pos())
	}
	var shared []normalize.SharedName
	for _, sh := range b.in.Countries.Shared {
		if !sh.Name.Set() {
			continue // reported by load
		}
		n := normalize.SharedName{Form: sh.Name.Value}
		for _, code := range sh.ISO3 {
			n.ISO3 = append(n.ISO3, code.Value)
		}
		shared = append(shared, n)
		at = append(at, sh.Name.Pos())
	}
	var errs []error
	b.countries, errs = normalize.NewCountries(refs, shared...)
	if len(errs) > 0 || len(pos) < len(b.in.Countries.Countries) {
		b.referenceFaulty(b.in.CountriesFile)
	}
	for _, err := range errs {
		// Each error is an entry's (an unknown code, or a form an earlier
		// entry has), and gets the entry's line.
		p := diag.Pos{File: b.in.CountriesFile}
		var re *normalize.RefError
		if errors.As(err, &re) {
			p = at[re.Entry]
		}
		b.errs.Add(p, "%v", err)
	}
	// A name several countries share is looked for too, and stands for
	// any of them (see coverage.Mention).
	forms := b.countries.Forms()
	for form, codes := range b.countries.SharedNames() {
		forms[form] = coverage.SharedISO3(codes)
	}
	b.scanner = coverage.NewScanner(forms)
}

func (b *builder) outlets() {
	before := len(b.errs)
	for i := range b.in.Outlets.Outlets {
		d := &b.in.Outlets.Outlets[i]
		if !d.Kind.Set() {
			d.Kind = load.NewScalar(schema.KindMedia.String(), d.Pos)
		}
		b.declareEntity(d, true)
	}
	// An error about an outlet's country may follow from the country
	// reference's, and is held back with them (see countryEcho).
	if slices.ContainsFunc(b.errs[before:], func(e *diag.Error) bool { return !b.undeclaredErrs[e] }) {
		b.referenceFaulty(b.in.OutletsFile)
	}
}

// referenceFaulty notes that the errors of a reference file (the
// countries', the outlets'), found by its checks, may have left out what it
// declares: the errors that may follow from them are held back, as while
// a file is unread (see holdBack). The country reference is checked before
// anything refers to a country, and the outlets before anything refers to
// an entity.
func (b *builder) referenceFaulty(file string) {
	if file == b.in.CountriesFile {
		b.countriesUnread = true
	}
	b.holdBackFor(file)
}

// holdBackFor holds back, from now on, the errors about references to
// something undeclared (see holdBack), which may follow from the errors of
// file: it may declare what they refer to.
func (b *builder) holdBackFor(file string) {
	if !slices.Contains(b.unread, file) {
		b.unread = append(b.unread, file)
		slices.Sort(b.unread)
	}
}

// publishedAsID checks a source's published: against the date its id
// writes, if it writes one (eurasianet-2022-10-31-drones): the two are
// the curator's, and one of them is wrong. Every year-less date of the
// source's facts is read in the light of published:, so until they agree
// those that published: puts out of place are not reported (see dates):
// they would blame the facts for the metadata's slip.
func (b *builder) publishedAsID(si *sourceInfo, published load.Scalar) {
	written, inID, ok := dateInID(si.ID)
	if !ok || written == si.Published || si.Published.IsZero() {
		return
	}
	url := ""
	if compact := strings.ReplaceAll(inID, "-", ""); strings.Contains(si.URL, compact) || strings.Contains(si.URL, inID) || strings.Contains(si.URL, strings.ReplaceAll(inID, "-", "/")) {
		url = ", as does its url"
	}
	b.errs.Add(published.Pos(), "published %s, while the source's id writes %s (%s)%s: correct the one that is wrong (the year-less dates of its facts are checked against published: once the two agree)", si.Published, written, si.ID, url)
	si.publishedDoubtful = true
}

// dateInID finds the first date an id writes, as YYYY-MM-DD or YYYYMMDD
// between its hyphens, and gives it as written.
func dateInID(id string) (schema.Date, string, bool) {
	parts := strings.Split(id, "-")
	digits := func(s string, n int) bool {
		return len(s) == n && strings.Trim(s, "0123456789") == ""
	}
	for i, p := range parts {
		var written string
		switch {
		case digits(p, 4) && i+2 < len(parts) && digits(parts[i+1], 2) && digits(parts[i+2], 2):
			written = strings.Join(parts[i:i+3], "-")
		case digits(p, 8):
			written = p[:4] + "-" + p[4:6] + "-" + p[6:]
		default:
			continue
		}
		if d, err := schema.ParseISODate(written); err == nil {
			if len(p) == 8 {
				written = p
			}
			return d, written, true
		}
	}
	return schema.Date{}, "", false
}

func (b *builder) sourcesMeta(stage *progress.Stage) {
	// Measuring each text depends on that text alone: it runs on every
	// core. The texts are scanned for mentions and prepared for lookups
	// later, a batch at a time (see statements).
	measures := make([]provenance.Measure, len(b.in.Sources))
	textErrs := make([]error, len(b.in.Sources))
	parallel.ForEach(len(b.in.Sources), func(i int) {
		var text string
		text, textErrs[i] = readSourceText(&b.in.Sources[i])
		measures[i] = provenance.Measured(text)
		stage.Add(1)
	})
	for i, s := range b.in.Sources {
		m := s.Meta
		si := &sourceInfo{index: i, file: s.File, textFile: s.TextFile, factsFile: s.FactsFile, lines: measures[i].Lines, broken: s.Broken}
		b.textFailed(si, textErrs[i])
		si.ID, si.Title, si.URL, si.Language = s.ID, m.Title.Value, m.URL.Value, m.Language.Value
		si.TextSHA256, si.TextLength = measures[i].SHA256, measures[i].Len
		if !schema.IsID(s.ID) {
			b.errs.Add(diag.Pos{File: s.File}, "source id %q (the file name): use lower-case letters, digits and hyphens", s.ID)
		}
		b.checkURL(m.URL)
		// A value that is absent (or a file that could not be decoded) is
		// reported by load; checking it here would add an error without a place.
		if d, err := schema.ParseISODate(m.Published.Value); m.Published.Set() && err != nil {
			b.errs.Add(m.Published.Pos(), "published: %v", err)
		} else {
			si.Published = d
			b.publishedAsID(si, m.Published)
		}
		if base, err := language.ParseBase(m.Language.Value); m.Language.Set() && (err != nil || base.String() != m.Language.Value || len(m.Language.Value) != 2) {
			b.errs.Add(m.Language.Pos(), "language %q: expected an ISO 639-1 code such as en, ru, tg", m.Language.Value)
		}
		if id, ok := b.resolve(m.Publisher); ok {
			si.Publisher, si.PublisherID = b.entities[id].Name, id
		}
		b.sources[s.ID] = si
		b.ds.Sources = append(b.ds.Sources, si.Source)
	}
}

// readText reads si's text again (see load.Source.ReadText), for its
// quotes and its coverage: "" for a broken source. It may be called on
// several sources at once; what failed is told by textFailed, after.
func (b *builder) readText(si *sourceInfo) (string, error) {
	if si.broken {
		return "", nil
	}
	return readSourceText(&b.in.Sources[si.index])
}

// readSourceText reads s's text again, and tells testHookSourceText.
func readSourceText(s *load.Source) (string, error) {
	text, err := s.ReadText()
	if testHookSourceText != nil {
		testHookSourceText(text)
	}
	return text, err
}

// testHookKept, set by tests, is told of what the checks kept of each
// statement, at their end.
var testHookKept func(kept []*stmtInfo)

// testHookSourceText, set by tests, is told of each source text read
// again; it is called from several goroutines at once.
var testHookSourceText func(text string)

// textFailed reports that si's text could not be read again, if err
// says so: from then on it is broken, and its quotes are not looked up.
func (b *builder) textFailed(si *sourceInfo, err error) {
	if err != nil {
		b.errs.Add(diag.Pos{File: si.textFile}, "%v", err)
		si.broken = true
	}
}

// scan finds the mentions in si's text.
func (b *builder) scan(si *sourceInfo, text string) {
	si.mentions = b.scanner.Scan(text)
	si.places = newMentionIndex(si.mentions)
}

// declarations registers the entities, claims and events of every facts
// file before any statement is read, so statements may refer to them in any order.
func (b *builder) declarations() {
	b.namesToCheck = make([][]int, len(b.in.Facts))
	for fi, f := range b.in.Facts {
		if src := b.sources[f.SourceID]; src != nil {
			src.described, src.ignores = true, f.Facts.Ignore
			b.declare(fi, src, false)
		}
	}
	var undescribed []string // ids of the sources that no facts file describes, for misnamedFacts
	for _, src := range b.ds.Sources {
		if !b.sources[src.ID].described {
			undescribed = append(undescribed, src.ID)
		}
	}
	// A facts file named after no source declares what it declares all
	// the same, unchecked against a text, after the others: the
	// references to it in other files would otherwise each be an error of
	// the misnaming's. An id another file took is left to that file, in
	// silence: the misnamed file may be an old copy. Its statements, which
	// need their source's text, wait.
	misnamed := 0
	for fi, f := range b.in.Facts {
		if b.sources[f.SourceID] != nil {
			continue
		}
		// Each is compared with every source without facts: the first
		// few only, or a folder of misnamed files would take the square
		// of its size.
		if misnamed++; misnamed > maxSuggestions {
			undescribed = nil
		}
		b.misnamedFacts(f, undescribed)
		b.declare(fi, nil, true)
	}
}

// declare declares the entities, claims and events of facts file fi,
// whose source is src (nil if none); quietly, an id already taken is
// skipped without an error.
func (b *builder) declare(fi int, src *sourceInfo, quietly bool) {
	f := &b.in.Facts[fi].Facts
	taken := func(id load.Scalar, seen map[string]diag.Pos) bool {
		_, ok := seen[id.Value]
		return quietly && ok
	}
	file := b.in.Facts[fi].File
	// An item with the next merged into it (its "- " left out) declares
	// its own id, and loses the next one's; an item of another list
	// pasted here declares nothing, and its id may be meant for any kind.
	faulty := func(kind refKind, fault yaml.Fault) bool {
		switch fault {
		case yaml.Merged:
			b.loseID(kind, file)
		case yaml.Foreign:
			for k := range b.lostIDs {
				b.loseID(refKind(k), file)
			}
			return true
		}
		return false
	}
	for i := range f.Entities {
		if faulty(entityRef, f.Entities[i].Fault) || !b.readID("entity", &f.Entities[i].ID, entityRef, file) || taken(f.Entities[i].ID, b.entityIDs) {
			continue
		}
		if b.declareEntity(&f.Entities[i], false) && src != nil && !src.broken {
			b.namesToCheck[fi] = append(b.namesToCheck[fi], i)
		}
	}
	for _, c := range f.Claims {
		if !faulty(claimRef, c.Fault) && b.readID("claim", &c.ID, claimRef, file) && !taken(c.ID, b.claims) && b.firstUse("claim", c.ID, b.claims) {
			fits(c.Text, "claim text", &b.errs)
			b.ds.Claims = append(b.ds.Claims, schema.Claim{ID: c.ID.Value, Text: c.Text.Value})
		}
	}
	for _, e := range f.Events {
		if !faulty(eventRef, e.Fault) && b.readID("event", &e.ID, eventRef, file) && !taken(e.ID, b.events) && b.firstUse("event", e.ID, b.events) {
			fits(e.Name, "event name", &b.errs)
			b.ds.Events = append(b.ds.Events, schema.Event{ID: e.ID.Value, Name: e.Name.Value})
		}
	}
}

// misnamedFacts reports a facts file named after no source. When its name
// looks like a slip for one of ids, sources that no facts file describes
// and no other misnamed file was told of, it names that source, and the
// source's coverage is not checked: its facts are most likely in this
// file, and every mention of its text would otherwise be reported as not
// captured.
func (b *builder) misnamedFacts(f load.Facts, ids []string) {
	free := slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return b.sources[id].factsMisnamed })
	if i := normalize.NewSlip(f.SourceID).Closest(free); i >= 0 {
		src := b.sources[free[i]]
		src.factsMisnamed = true
		b.errs.Add(diag.Pos{File: f.File}, "no source %q: a facts file must be named after data/sources/<source_id>.yaml; did you mean %s (source %s has no facts file)?", f.SourceID, src.factsFile, src.ID)
		return
	}
	b.errs.Add(diag.Pos{File: f.File}, "no source %q: a facts file must be named after data/sources/<source_id>.yaml", f.SourceID)
}

// declareID checks an id's form and uniqueness within seen; true if new and valid.
func (b *builder) declareID(what string, id load.Scalar, seen map[string]diag.Pos) bool {
	return validID(what, id, &b.errs) && b.firstUse(what, id, seen)
}

// readID checks the form of a declaration's id, of kind, in file. An id
// that is not one is reported, and read as the id it most likely means,
// when there is one ("Bad_Id" as bad-id): the references to that id
// resolve, and what they would otherwise each report as unknown is not.
// An id that is missing, or means none, declares nothing: the references
// to unknown ids of its kind are then held back (see holdBack), as they
// may be to the id meant. It returns whether there is an id to declare.
func (b *builder) readID(what string, id *load.Scalar, kind refKind, file string) bool {
	if id.Set() && schema.IsID(id.Value) {
		return true
	}
	if meant, ok := meantID(id.Value); ok && id.Set() {
		b.errs.Add(id.Pos(), "%s id %q: use lower-case letters, digits and hyphens (read as %q)", what, id.Value, meant)
		*id = load.NewScalar(meant, id.Pos())
		return true
	}
	validID(what, *id, &b.errs) // its error, unless it is absent (which load reports)
	b.loseID(kind, file)
	return false
}

// loseID notes that file has a declaration of kind whose id is lost.
func (b *builder) loseID(kind refKind, file string) {
	if !slices.Contains(b.lostIDs[kind], file) {
		b.lostIDs[kind] = append(b.lostIDs[kind], file)
	}
}

// meantID is the id that s, which is not one, most likely means: in lower
// case, with a hyphen for each run of spaces, underscores and dots.
func meantID(s string) (string, bool) {
	fields := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == '_' || r == '.' })
	meant := strings.Join(fields, "-")
	return meant, schema.IsID(meant)
}

// firstUse records where the id, already valid, is declared in seen; false,
// with an error, if it is taken.
func (b *builder) firstUse(what string, id load.Scalar, seen map[string]diag.Pos) bool {
	if prev, dup := seen[id.Value]; dup {
		b.errs.Add(id.Pos(), "duplicate %s id %q (first declared at %s)", what, id.Value, prev)
		switch what {
		case "claim":
			b.duplicates = append(b.duplicates, duplicate{claimRef, b.errs[len(b.errs)-1]})
		case "event":
			b.duplicates = append(b.duplicates, duplicate{eventRef, b.errs[len(b.errs)-1]})
		}
		return false
	}
	seen[id.Value] = id.Pos()
	return true
}

// validID checks an id's form; false, and an error unless it is absent
// (which load reports), if it is not an id.
func validID(what string, id load.Scalar, errs *diag.List) bool {
	if !id.Set() {
		return false
	}
	if !schema.IsID(id.Value) {
		errs.Add(id.Pos(), "%s id %q: use lower-case letters, digits and hyphens", what, id.Value)
		return false
	}
	return true
}

// fits refuses a value longer than a column holds (schema.MaxTextUnits).
func fits(v load.Scalar, field string, errs *diag.List) {
	if len(v.Value) <= schema.MaxTextUnits {
		return // no character takes fewer UTF-8 bytes than UTF-16 units
	}
	if units := len(utf16.Encode([]rune(v.Value))); units > schema.MaxTextUnits {
		errs.Add(v.Pos(), "%s is %d characters (UTF-16 units) long; a spreadsheet cell holds at most %d, so the release could not hold it whole: quote or write the part that matters", field, units, schema.MaxTextUnits)
	}
}

// declareEntity declares the entity d, of a facts file or an outlet; it
// reports whether d is declared (its id well formed, new and not a
// country's).
func (b *builder) declareEntity(d *load.EntityDef, outlet bool) bool {
	fits(d.Name, "entity name", &b.errs)
	fits(d.Description, "entity description", &b.errs)
	if !b.declareID("entity", d.ID, b.entityIDs) {
		return false
	}
	if strings.HasPrefix(d.ID.Value, "country-") {
		b.errs.Add(d.ID.Pos(), "entity id %q: ids starting with country- are reserved for countries, which are derived from ISO 3166; refer to the country by name instead", d.ID.Value)
		return false
	}
	e := &entityInfo{Entity: b.newEntity(), outlet: outlet}
	e.ID, e.Name, e.Description = d.ID.Value, d.Name.Value, d.Description.Value
	kind, known := schema.Parse(d.Kind.Value, schema.EntityKinds)
	e.Kind = kind
	switch {
	case !d.Kind.Set():
		b.errs.Add(d.Pos, "entity %q has no kind: write kind: with one of %s", e.ID, listOf(declaredKinds))
	case !known || e.Kind == schema.KindCountry:
		b.errs.Add(d.Kind.Pos(), "entity kind %q: %s (countries are derived from their names, not declared)", d.Kind.Value, expectedOneOf(d.Kind.Value, declaredKinds))
	}
	if d.Country.Set() {
		e.CountryISO3, _ = b.country(d.Country, &b.errs)
	}
	names := []string{e.Name}
	for _, a := range d.Aliases {
		e.Aliases = append(e.Aliases, a.Value)
		names = append(names, a.Value)
	}
	b.entities[e.ID] = e
	b.declared = append(b.declared, e)
	for _, n := range names {
		b.addName(n, e)
	}
	return true
}

// addName makes name find e, unless another entity has it, or e has it
// twice: then it finds none, and sharedNames lists who has it.
func (b *builder) addName(name string, e *entityInfo) {
	first, taken := b.byName[name]
	switch {
	case !taken:
		b.byName[name] = e
		return
	case first != nil:
		if b.sharedNames == nil {
			b.sharedNames = map[string][]string{}
		}
		b.sharedNames[name] = []string{first.ID}
		b.byName[name] = nil
	}
	b.sharedNames[name] = append(b.sharedNames[name], e.ID)
}

// declaredKinds are the kinds an entity may be declared with: a country is
// derived from its name.
var declaredKinds = without(schema.EntityKinds, schema.KindCountry)

// checkNames checks that the name or an alias of each entity of a facts file
// that b.namesToCheck lists occurs in the text of its source src.
func (b *builder) checkNames(entities []load.EntityDef, check []int, src *sourceInfo, errs *diag.List) {
	for _, i := range check {
		d := &entities[i]
		if !d.Name.Set() {
			continue // its missing name is its error, and has no line to give this one
		}
		if src.text.Has(d.Name.Value) || slices.ContainsFunc(d.Aliases, func(a load.Scalar) bool { return src.text.Has(a.Value) }) {
			continue
		}
		pos, msg := namesMissing(d, src)
		errs.Add(pos, "%s", msg)
	}
}

// namesMissing says where and why none of an entity's name and aliases
// occurs in its source's text. A form typed with other quotation marks
// than the text's is the likeliest cause, and its line the place to fix.
func namesMissing(d *load.EntityDef, src *sourceInfo) (diag.Pos, string) {
	for k, f := range append([]load.Scalar{d.Name}, d.Aliases...) {
		if as, ok := otherMarks(f.Value, src.text.Has); ok {
			what := "alias"
			if k == 0 {
				what = "name"
			}
			return f.Pos(), fmt.Sprintf("entity %q: its %s %q does not occur in the source text of %s, which writes it %q: copy it from the text", d.ID.Value, what, f.Value, src.ID, as)
		}
	}
	return d.Name.Pos(), fmt.Sprintf("entity %q: neither its name nor an alias occurs in the source text of %s", d.ID.Value, src.ID)
}

// markVariants are the quotation marks and apostrophes one is typed for
// another: the typewriter's and the typographic ones.
var markVariants = []*strings.Replacer{
	strings.NewReplacer("'", "’", `"`, "“"),
	strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`),
	strings.NewReplacer("'", "‘", `"`, "”"),
}

// otherMarks is s with its apostrophes and quotation marks written as a
// text has them (has says whether it does), if s has any and one way of
// writing them occurs.
func otherMarks(s string, has func(string) bool) (string, bool) {
	if !strings.ContainsAny(s, `'"‘’“”`) {
		return "", false
	}
	for _, r := range markVariants {
		if v := r.Replace(s); v != s && has(v) {
			return v, true
		}
	}
	return "", false
}

// resolve finds the outlet a source's publisher names (see find) and
// records it as used, making a country's entity when it is one. It runs
// before the facts files' entities are declared.
func (b *builder) resolve(ref load.Scalar) (string, bool) {
	id, code, ok := b.find(ref, outletRef, &b.errs)
	switch {
	case !ok:
		return "", false
	case code != "":
		return b.countryEntity(code), true
	}
	b.entities[id].used = true
	return id, true
}

// find finds the entity a reference names: an entity id, a country's
// entity id, or a name or alias of exactly one entity or country. For a
// country it gives the ISO code as well, as its entity may not exist yet.
// It changes nothing but the record of unknown references (see suggest),
// which it locks, and so may run beside other finds. The kind of the
// reference, an outlet or any entity, says which to suggest and where a
// new one is declared.
func (b *builder) find(ref load.Scalar, kind refKind, errs *diag.List) (id, countryCode string, ok bool) {
	if !ref.Set() {
		return "", "", false
	}
	v := strings.TrimSpace(ref.Value)
	written := v // before a country's prefix is cut
	if e, ok := b.entities[v]; ok {
		return e.ID, e.ISO3, true // not v, which holds its file's text (see detach)
	}
	if e, ok := b.byName[v]; ok {
		if e == nil {
			errs.Add(ref.Pos(), "%q names several entities (%s): use the entity id", v, strings.Join(b.sharedNames[v], ", "))
			return "", "", false
		}
		return e.ID, "", true
	}
	if code, ok := strings.CutPrefix(v, "country-"); ok {
		v = strings.ToUpper(code)
	}
	code, ok := b.countries.Code(v)
	if !ok {
		declare := "A new entity is declared under entities: (an outlet in " + b.in.OutletsFile + ")"
		if kind == outletRef {
			declare = "A new outlet is declared in " + b.in.OutletsFile
		}
		raw := strings.Clone(ref.Value) // the message waits for suggest; ref.Value would keep its file's text
		msg := fmt.Sprintf("unknown entity %q: not an entity id, an entity name or alias, nor a country. %s", raw, declare)
		b.unknownName(errs, ref.Pos(), kind, written, msg, func(says string) string {
			return fmt.Sprintf("unknown entity %q; did you mean %s? %s", raw, says, declare)
		})
		return "", "", false
	}
	return countryID(code), code, true
}

// undeclared reports, at pos, a reference to something no file declares,
// and remembers the error if the build holds such errors back (see
// unread). It may run beside other calls.
func (b *builder) undeclared(errs *diag.List, pos diag.Pos, held bool, format string, args ...any) *diag.Error {
	errs.Add(pos, format, args...)
	e := (*errs)[len(*errs)-1]
	if held {
		b.undeclaredMu.Lock()
		defer b.undeclaredMu.Unlock()
		if b.undeclaredErrs == nil {
			b.undeclaredErrs = map[*diag.Error]bool{}
		}
		b.undeclaredErrs[e] = true
	}
	return e
}

// unknownName reports, at pos, a reference of kind to nothing declared
// (see undeclared), with msg, and records it for suggest, which may
// replace msg with what suggesting says. It may run beside other calls.
func (b *builder) unknownName(errs *diag.List, pos diag.Pos, kind refKind, value, msg string, suggesting func(says string) string) {
	held := len(b.unread) > 0 || len(b.lostIDs[kind]) > 0
	e := b.undeclared(errs, pos, held, "%s", msg)
	if held {
		return // held back, with nothing suggested (see suggest)
	}
	// A copy: value is part of its file's text, which goes before suggest runs.
	b.unknown.add(unknownRef{err: e, kind: kind, value: strings.Clone(strings.TrimSpace(value)), suggesting: suggesting})
}

// countryEcho reports an error that the country reference's names and
// aliases decide (a country name it does not know, a country a quote does
// not name): held back, as undeclared, while that reference is unread.
func (b *builder) countryEcho(errs *diag.List, pos diag.Pos, format string, args ...any) {
	if b.countriesUnread {
		b.undeclared(errs, pos, true, format, args...)
		return
	}
	errs.Add(pos, format, args...)
}

// country resolves a country as written to its alpha-3 code, or reports
// why it cannot into errs (see countryEcho). When no form is close, it
// says where a name the standard does not use (Burma, Ivory Coast) is
// added.
func (b *builder) country(raw load.Scalar, errs *diag.List) (string, bool) {
	code, err := b.countries.Resolve(raw.Value)
	switch {
	case errors.Is(err, normalize.ErrNoCountry):
		b.countryEcho(errs, raw.Pos(), "%v; if it names a country, add it to that country's aliases in %s (or add the country there, as {iso3: …, name: …, aliases: [%s]})", err, b.in.CountriesFile, strings.TrimSpace(raw.Value))
	case err != nil:
		var close *normalize.UnknownCountryError
		if errors.As(err, &close) {
			if at, ok := b.countryForms[close.Meant]; ok {
				// The form may be the reference's slip ("Tajk"), which
				// every right use is then told to write: say where it is.
				b.countryEcho(errs, raw.Pos(), "unknown country %q; did you mean %q (%s, written at %s)?", close.Written, close.Meant, close.Code, at)
				break
			}
		}
		b.countryEcho(errs, raw.Pos(), "%v", err)
	}
	return code, err == nil
}

// holdBack takes out of the errors those about references to something
// undeclared, and says in one line how many there were and why: most
// likely what they refer to is declared in a file that could not be read,
// and they are reported once it can be. They were errors until now, so
// that coverage left their sources alone, as it does any source with
// errors; and an error that was dropped (with its statement, whose id
// was taken) is not counted.
func (b *builder) holdBack() {
	if len(b.undeclaredErrs) == 0 {
		return
	}
	held := map[diag.Error]bool{} // the same error twice is listed once
	b.errs = slices.DeleteFunc(b.errs, func(e *diag.Error) bool {
		if b.undeclaredErrs[e] {
			held[*e] = true
			return true
		}
		return false
	})
	if len(held) == 0 {
		return
	}
	what := strconv.Itoa(len(held)) + " errors about names or ids that no file declares are not listed: they may follow from the errors of %s, and are listed once those are corrected"
	if len(held) == 1 {
		what = "1 error about a name or id that no file declares is not listed: it may follow from the errors of %s, and is listed once those are corrected"
	}
	files := slices.Clone(b.unread)
	for _, lost := range b.lostIDs {
		files = append(files, lost...)
	}
	slices.Sort(files)
	files = slices.Compact(files)
	b.errs.Add(diag.Pos{File: files[0], Line: 1}, what, joinAnd(files))
	b.errs[len(b.errs)-1].Note = true
}

// joinAnd lists names as prose: "a", "a and b", "a, b and c".
func joinAnd(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// countryID is the id of a country's entity.
func countryID(code string) string { return "country-" + strings.ToLower(code) }

// countryEntity returns the id of the entity for an ISO code, creating it.
func (b *builder) countryEntity(code string) string {
	id := countryID(code)
	e, ok := b.entities[id]
	if !ok {
		e = &entityInfo{Entity: b.newEntity()}
		e.ID, e.Name, e.Kind, e.ISO3, e.CountryISO3 = id, b.countries.Name(code), schema.KindCountry, code, code
		e.Aliases = b.countries.Aliases(code)
		b.entities[id] = e
		b.declared = append(b.declared, e)
	}
	e.used = true
	return e.ID
}

// statements checks every statement. The statements of each facts file
// are checked on their own, on every core, each into a draft; the drafts
// are then committed one by one in the files' order, which is where a
// duplicate id is found (the first in that order wins, as when statements
// were read one by one) and where the tables and maps that every file
// shares grow.
func (b *builder) statements(stage *progress.Stage, listing Listing, statements int) {
	// Each row is drafted into its batch's array (rows, made anew for each
	// batch), and written to a file as it is committed (see spill): the
	// rows of a million statements, held, took 256 MB and their text 190.
	b.kept = make([]*stmtInfo, 0, statements)
	// Files are decoded and drafted a batch at a time, and each batch
	// committed before the next is decoded: the decoded statements and the
	// drafts of every file at once would take gigabytes.
	drafts := make([][]stmtDraft, draftBatch)
	fileErrs := make([]diag.List, draftBatch) // of each file, but for those of its statements
	lost := make([]bool, draftBatch)          // of each file: it could not be read again
	// Each file of a batch decodes its statements into the array of the
	// file before it in its place, committed by then: one array for each
	// place, not one for each file (see reusedDefs).
	defsArrays := make([][]load.StatementDef, draftBatch)
	// The tables of the rows that statements bring are made at the size
	// that load counted (rows dropped for their errors leave room unused):
	// appended one statement at a time to a table of a million rows, they
	// would be copied again each time it grows. Made a batch at a time and
	// joined at the end instead, they were held twice at the peak of the
	// checks, 100 MB more at a million statements.
	var children load.StatementRows
	for fi := range b.in.Facts {
		f := &b.in.Facts[fi].Facts
		n := f.StatementRows()
		children.Stances, children.Participants, children.Countries, children.Figures = children.Stances+n.Stances, children.Participants+n.Participants, children.Countries+n.Countries, children.Figures+n.Figures
		f.Statements.Nested = nil // 8 MB at a million statements, read now
	}
	b.ds.Stances = make([]schema.Stance, 0, children.Stances)
	b.ds.Participants = make([]schema.Participant, 0, children.Participants)
	b.ds.CountryRoles = make([]schema.CountryRole, 0, children.Countries)
	b.ds.Figures = make([]schema.Figure, 0, children.Figures)
	for lo := 0; lo < len(b.in.Facts); lo += draftBatch {
		batch := drafts[:min(draftBatch, len(b.in.Facts)-lo)]
		offsets := make([]int, len(batch)+1) // of each file's rows in rows
		for k := range batch {
			offsets[k+1] = offsets[k] + b.in.Facts[lo+k].Facts.Statements.Items
		}
		rows := make([]schema.Statement, offsets[len(batch)])
		// The batch's source texts are scanned for mentions and prepared
		// for lookups, and let go once it is committed: prepared all at
		// once, the texts of a million statements held 400 MB more at the
		// end of the checks, and their mentions 320 MB at its start.
		var texts []*sourceInfo
		prepared := make(map[*sourceInfo]bool, len(batch))
		for k := range batch {
			if src := b.sources[b.in.Facts[lo+k].SourceID]; src != nil && !prepared[src] {
				prepared[src] = true
				texts = append(texts, src)
			}
		}
		textErrs := make([]error, len(texts))
		parallel.ForEach(len(texts), func(i int) {
			var text string
			text, textErrs[i] = b.readText(texts[i])
			texts[i].text = provenance.NewText(text)
			b.scan(texts[i], text)
		})
		for i, err := range textErrs {
			b.textFailed(texts[i], err)
		}
		parallel.ForEach(len(batch), func(k int) {
			f := &b.in.Facts[lo+k]
			defs, text, errs := f.StatementsInto(defsArrays[k])
			if cap(defs) <= reusedDefs {
				defsArrays[k] = defs
			} else {
				defsArrays[k] = nil
			}
			if testHookFactsText != nil {
				testHookFactsText(text)
			}
			// A file that could not be read again for its statements (see
			// load.Facts.Statements) is as one never read: what its
			// statements declare is unknown, not absent.
			lost[k] = text == "" && len(errs) > 0
			// Its statements are those load counted (Statements refuses a
			// file changed since); the table, made for that many, is
			// never written past whatever the file holds.
			defs = defs[:min(len(defs), f.Facts.Statements.Items)]
			stage.Add(len(defs))
			batch[k], fileErrs[k] = nil, errs
			src := b.sources[f.SourceID]
			if src == nil {
				return // reported by declarations
			}
			if !src.broken { // since its names were chosen for checking
				b.checkNames(f.Facts.Entities, b.namesToCheck[lo+k], src, &fileErrs[k])
			}
			batch[k] = make([]stmtDraft, len(defs))
			d := b.detachers.Get().(*detacher)
			d.within(text)
			for i := range defs {
				batch[k][i] = b.draft(&defs[i], src, lo+k, &rows[offsets[k]+i])
				d.draft(&batch[k][i])
			}
			b.detachers.Put(d)
		})
		for k := range batch {
			b.errs.Append(fileErrs[k])
			if lost[k] {
				b.holdBackFor(b.in.Facts[lo+k].File)
			}
			for i := range batch[k] {
				b.commit(&batch[k][i])
				if s := batch[k][i].info; s != nil {
					s.def = nil // the batch's decoded statements go with it
				}
			}
		}
		for _, src := range texts {
			src.text = nil
		}
		b.accountBatch(texts, listing)
		// The declarations were read (see declarations) and their names
		// checked, the statements' rows are in the file (see spill), and
		// the other rows and the maps keep copies of the values they need
		// (see detach): the files can go.
		for k := range batch {
			f := &b.in.Facts[lo+k]
			f.Facts.Entities, f.Facts.Claims, f.Facts.Events, f.Facts.Ignore = nil, nil, nil, nil
			f.Text = ""
		}
	}
	b.sealSpill()
}

// reusedDefs is the most statements a file's decoded array may hold to
// be decoded into again (see statements): a file of hundreds, such as a
// long dossier, decodes into one of its own, which is let go, so that
// each place of a batch keeps at most 40 KB, not the largest of all its
// files. A variable for TestReusedArrays, which sets it to 0: no array
// is decoded into again.
var reusedDefs = 64

// draftBatch is how many facts files are drafted at a time: enough for
// every core to stay busy, few enough that their drafts, decoded
// statements and prepared texts stay small. At a million statements, 128
// kept the build's peak 60 to 70 MiB lower than 512, in as long (two
// builds of each, 2026-12-06).
const draftBatch = 128

// testHookFactsText, set by tests, is told of the text of each facts file
// whose statements are decoded (which is read there and let go after).
var testHookFactsText func(text string)

// stmtDraft is a statement checked on its own: its row, the rows that
// belong to it, its errors, and what it asks of the tables that every
// statement shares.
type stmtDraft struct {
	b            *builder // read only while drafting
	info         *stmtInfo
	respondsTo   load.Scalar // what it responds to; unset when it responds to none
	idOK         bool        // its id is well formed; whether it is new is for commit
	lostIn       string      // when it is not, the facts file (see readID)
	errs         diag.List
	stances      []schema.Stance
	participants []schema.Participant
	countryRoles []schema.CountryRole
	figures      []figureDraft
	used         []string // entities referred to
	countries    []string // ISO codes whose country entity it refers to
}

// figureDraft is a figure of a draft, with the errors that its checks
// found: a figure whose id is taken is dropped with them.
type figureDraft struct {
	figure schema.Figure
	id     load.Scalar
	counts diag.Pos // where its counts: stands; none if its value is unreadable, and then not compared
	errs   diag.List
}

// draft checks one statement of facts file number facts into row,
// touching nothing that other statements share.
func (b *builder) draft(d *load.StatementDef, src *sourceInfo, facts int, row *schema.Statement) stmtDraft {
	t := stmtDraft{b: b}
	if d.Fault != 0 {
		// Two statements' keys, the first of each, or an item of another
		// list: its other errors would be of no statement, and its ids
		// are lost.
		t.lostIn = src.factsFile
		return t
	}
	if !d.ID.Set() || !schema.IsID(d.ID.Value) {
		meant, ok := meantID(d.ID.Value)
		if !ok || !d.ID.Set() {
			validID("statement", d.ID, &t.errs)
			t.lostIn = src.factsFile
			return t
		}
		// Read as meant, as a declaration's (see readID).
		t.errs.Add(d.ID.Pos(), "statement id %q: use lower-case letters, digits and hyphens (read as %q)", d.ID.Value, meant)
		d.ID = load.NewScalar(meant, d.ID.Pos())
	}
	t.idOK = true
	*row = schema.Statement{ID: d.ID.Value, SourceID: src.ID, Summary: d.Summary.Value}
	at := d.ID.Pos()
	s := &stmtInfo{ID: d.ID.Value, stmtCheck: &stmtCheck{row: row, def: d, src: src}, facts: int32(facts), line: int32(at.Line), col: int32(at.Col)}
	t.respondsTo = d.RespondsTo
	if d.RespondsTo.Set() {
		row.RespondsToID = d.RespondsTo.Value // checked once every statement is committed (see respondsTo)
	}
	t.info = s
	fits(d.Summary, "summary", &t.errs)
	fits(d.Quote, "quote", &t.errs)
	fits(d.DateNote, "date_note", &t.errs)

	kind, known := schema.Parse(d.Kind.Value, schema.StatementKinds)
	s.row.Kind = kind
	if d.Kind.Set() && !known {
		t.errs.Add(d.Kind.Pos(), "statement kind %q: %s", d.Kind.Value, expectedOneOf(d.Kind.Value, schema.StatementKinds))
	}
	quoteOK := b.quote(s, &t.errs)
	s.row.SpeakerID = t.ref(d.Speaker)
	s.row.ViaID = t.ref(d.Via)
	s.row.ReportedByID = t.ref(d.ReportedBy)
	if s.row.ReportedByID != "" && s.row.ReportedByID == s.row.SpeakerID {
		// A report is an outlet's account of what another said or did;
		// the outlet's own words are its statement, which the source
		// reports. (The source's publisher may be credited: "as
		// Asia-Plus reported earlier".)
		t.errs.Add(d.ReportedBy.Pos(), "reported_by %q is the statement's speaker: an outlet reports what others say or do; for its own words leave reported_by out", d.ReportedBy.Value)
	}
	s.row.PlaceID = t.ref(d.Place)
	if d.Event.Set() {
		if _, ok := b.events[d.Event.Value]; !ok {
			v := strings.Clone(d.Event.Value) // not its file's text, which the message would keep until suggest
			b.unknownName(&t.errs, d.Event.Pos(), eventRef, v, fmt.Sprintf("unknown event %q: declare it under events:", v), func(says string) string {
				return fmt.Sprintf("unknown event %q; did you mean %s? A new event is declared under events:", v, says)
			})
		}
		s.row.EventID = d.Event.Value
	}
	if d.Hedge.Set() {
		s.row.Hedge = d.Hedge.Value
		if quoteOK && !s.quote.Has(s.row.Hedge) {
			t.errs.Add(d.Hedge.Pos(), "hedge %q does not occur in the statement's quote", s.row.Hedge)
		}
	}
	b.dates(s, quoteOK, &t.errs)
	t.stancesOf()
	t.participantsOf()
	t.countryRolesOf(quoteOK)
	t.figuresOf(quoteOK)
	return t
}

// commit adds a drafted statement to the dataset, unless its id is
// taken.
// A statement whose id is missing, malformed past reading (see readID) or
// taken reports that alone, as its other errors would be about a
// statement left out.
func (b *builder) commit(t *stmtDraft) {
	if !t.idOK {
		b.errs.Append(t.errs) // the id's own error, if it has one
		b.loseID(statementRef, t.lostIn)
		return
	}
	s := t.info
	if first, dup := b.stmts[s.ID]; dup { // its form is checked by the draft
		b.errs.Add(b.idAt(s), "duplicate statement id %q (first declared at %s)", s.ID, b.idAt(first))
		return
	}
	b.errs.Append(t.errs)
	b.spill(s.row)
	if r := s.row; r.EventID != "" {
		s.stmtEvent = &stmtEvent{EventID: r.EventID, PlaceID: r.PlaceID, Date: r.Date, DatePrecision: r.DatePrecision}
	}
	b.kept = append(b.kept, s)
	b.stmts[s.ID] = s
	if t.respondsTo.Set() {
		b.responses = append(b.responses, response{s, t.respondsTo})
	}
	s.src.stmts = append(s.src.stmts, s)
	for _, id := range t.used {
		b.entities[id].used = true
	}
	for _, code := range t.countries {
		b.countryEntity(code)
	}
	b.ds.Stances = append(b.ds.Stances, t.stances...)
	b.ds.Participants = append(b.ds.Participants, t.participants...)
	b.ds.CountryRoles = append(b.ds.CountryRoles, t.countryRoles...)
	for _, f := range t.figures {
		if !b.firstUse("figure", f.id, b.figures) { // figuresOf keeps only valid ids
			continue
		}
		b.errs.Append(f.errs)
		s.figures = append(s.figures, f.figure)
		if f.figure.CountsRole != 0 && f.counts.Line != 0 {
			b.countsAt[f.figure.ID] = f.counts
		}
		b.ds.Figures = append(b.ds.Figures, f.figure)
	}
}

// ref resolves a reference of the statement's.
func (t *stmtDraft) ref(r load.Scalar) string {
	id, code, ok := t.b.find(r, entityRef, &t.errs)
	switch {
	case !ok:
		return ""
	case code != "":
		t.countries = append(t.countries, code)
	default:
		t.used = append(t.used, id)
	}
	t.info.refs = append(t.info.refs, id)
	return id
}

func (b *builder) quote(s *stmtInfo, errs *diag.List) bool {
	d := s.def
	if !d.Quote.Set() || d.Quote.IsZero() || s.src.broken {
		return false // an empty quote is reported by load
	}
	occ := 0
	if d.Occurrence.Set() {
		n, err := strconv.Atoi(d.Occurrence.Value)
		if err != nil || n < 1 {
			errs.Add(d.Occurrence.Pos(), "occurrence %q: expected a whole number from 1", d.Occurrence.Value)
			return false
		}
		occ = n
	}
	span, err := s.src.text.Locate(d.Quote.Value, occ)
	if err != nil {
		errs.Add(d.Quote.Pos(), "%v (source text: %s)", err, s.src.textFile)
		return false
	}
	s.row.Quote, s.row.QuoteStart, s.row.QuoteEnd = span.Text, span.Start, span.End
	s.quote = provenance.NewPassage(span.Text)
	s.row.QuoteType = schema.QuoteReported
	switch direct, mixed := s.src.places.quoteType(span.Start, span.End); {
	case direct:
		s.row.QuoteType = schema.QuoteDirect
	case mixed:
		s.row.QuoteType = schema.QuoteMixed
	}
	return true
}

// The lists of a statement are short: a repeat is found by looking back
// over what came before, without a map for each statement.

func (t *stmtDraft) stancesOf() {
	s := t.info
	for _, d := range s.def.Stances {
		stance, known := schema.Parse(d.Stance.Value, schema.StanceKinds)
		st := schema.Stance{ClaimID: d.Claim.Value, StatementID: s.ID, Stance: stance}
		if _, ok := t.b.claims[st.ClaimID]; d.Claim.Set() && !ok {
			v := strings.Clone(st.ClaimID) // not its file's text, which the message would keep until suggest
			t.b.unknownName(&t.errs, d.Claim.Pos(), claimRef, v, fmt.Sprintf("unknown claim %q: declare it under claims:", v), func(says string) string {
				return fmt.Sprintf("unknown claim %q; did you mean %s? A new claim is declared under claims:", v, says)
			})
		}
		if d.Stance.Set() && !known {
			t.errs.Add(d.Stance.Pos(), "stance %q: %s", d.Stance.Value, expectedOneOf(d.Stance.Value, schema.StanceKinds))
		}
		switch {
		case d.Entity.Set():
			st.EntityID = t.ref(d.Entity)
		case s.row.SpeakerID != "":
			st.EntityID = s.row.SpeakerID
		case t.info.def.Speaker.Set():
			continue // a speaker that is not found has its own error
		default:
			t.errs.Add(d.Pos, "stance on %q: the statement has no speaker, so say whose stance it is with entity:", st.ClaimID)
		}
		if slices.ContainsFunc(t.stances, func(o schema.Stance) bool { return o.ClaimID == st.ClaimID && o.EntityID == st.EntityID }) {
			t.errs.Add(d.Pos, "stance of %q on claim %q given twice in this statement", st.EntityID, st.ClaimID)
			continue
		}
		t.stances = append(t.stances, st)
	}
}

func (t *stmtDraft) participantsOf() {
	s := t.info
	for _, d := range s.def.Participants {
		role, known := schema.Parse(d.Role.Value, schema.ParticipantRoles)
		p := schema.Participant{StatementID: s.ID, EntityID: t.ref(d.Entity), Role: role}
		if d.Role.Set() && !known {
			t.errs.Add(d.Role.Pos(), "participant role %q: %s", d.Role.Value, expectedOneOf(d.Role.Value, schema.ParticipantRoles))
			continue // not a role, so not one given twice
		}
		if slices.Contains(t.participants, p) {
			t.errs.Add(d.Pos, "participant %q as %s given twice", p.EntityID, p.Role)
			continue
		}
		t.participants = append(t.participants, p)
	}
}

func (t *stmtDraft) countryRolesOf(quoteOK bool) {
	s, b := t.info, t.b
	for _, d := range s.def.Countries {
		if !d.Country.Set() || !d.Role.Set() {
			continue // reported by load
		}
		code, ok := b.country(d.Country, &t.errs)
		if !ok {
			continue
		}
		role, known := schema.Parse(d.Role.Value, schema.CountryRoleKinds)
		if !known {
			t.errs.Add(d.Role.Pos(), "country role %q: %s", d.Role.Value, expectedOneOf(d.Role.Value, schema.CountryRoleKinds))
		}
		if quoteOK && !s.src.places.namesCountry(code, s.row.QuoteStart, s.row.QuoteEnd) {
			// The quote may name it by an alias of the country reference.
			b.countryEcho(&t.errs, d.Country.Pos(), "country %s (%s) is not named in the statement's quote", d.Country.Value, code)
		}
		if !known {
			continue // not a role, so not one given twice
		}
		if slices.ContainsFunc(t.countryRoles, func(r schema.CountryRole) bool { return r.ISO3 == code && r.Role == role }) {
			t.errs.Add(d.Pos, "country %s as %s given twice", code, role)
			continue
		}
		t.countries = append(t.countries, code)
		s.roles = append(s.roles, code)
		t.countryRoles = append(t.countryRoles, schema.CountryRole{ISO3: code, Country: b.countries.Name(code), Role: role, StatementID: s.ID})
	}
}

func (t *stmtDraft) figuresOf(quoteOK bool) {
	s := t.info
	for _, d := range s.def.Figures {
		if !validID("figure", d.ID, &t.errs) {
			continue
		}
		fd := figureDraft{id: d.ID, counts: d.Counts.Pos()}
		counts, known := schema.Parse(d.Counts.Value, schema.CountryRoleKinds)
		f := schema.Figure{ID: d.ID.Value, StatementID: s.ID, Measure: d.Measure.Value, Unit: d.Unit.Value, ValueText: d.Text.Value, CountsRole: counts}
		if d.Counts.Set() && !known {
			fd.errs.Add(d.Counts.Pos(), "figure counts %q is not a country role: %s", d.Counts.Value, expectedOneOf(d.Counts.Value, schema.CountryRoleKinds))
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(d.Value.Value, "_", ""), 64)
		if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
			err = strconv.ErrRange // no column of a release holds it
		}
		if d.Value.Set() && err != nil {
			fd.errs.Add(d.Value.Pos(), "figure value %q: expected a number such as 22 or 3.5", d.Value.Value)
			fd.counts = diag.Pos{}
		}
		f.Value = v
		textInQuote := quoteOK && d.Text.Set() && strings.Contains(s.row.Quote, f.ValueText)
		if quoteOK && d.Text.Set() && !textInQuote {
			fd.errs.Add(d.Text.Pos(), "figure text %q does not occur in the statement's quote", f.ValueText)
		}
		// Only a text found in the quote is compared: a mistyped text has
		// its own error, and the value is likely right.
		if d.Value.Set() && err == nil && textInQuote && !valueOfText(v, f.ValueText) {
			n, _, _ := normalize.ParseNumber(f.ValueText)
			fd.errs.Add(d.Value.Pos(), "figure value %s does not match its text %q, which gives %s: write the number the text gives", d.Value.Value, f.ValueText, strconv.FormatFloat(n, 'f', -1, 64))
		}
		fd.figure = f
		t.figures = append(t.figures, fd)
	}
}

// valueOfText says whether v is the number a figure's text gives, or the
// text gives none that can be read ("dozens"). A number the text writes
// in digits or words ("12", "twelve", "1.5 million") must be v, or its
// first word must, when the rest is the unit ("1.5" of "1.5 million"
// dollars); for a percentage, v may be it as a fraction, and digits
// grouped with points ("1.200", as translated copy writes 1,200) may be
// either reading.
func valueOfText(v float64, text string) bool {
	n, percent, ok := normalize.ParseNumber(text)
	same := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
	if !ok || same(v, n) || percent && same(v, n/100) {
		return true
	}
	if pointGrouped.MatchString(text) && same(v, n*math.Pow(1000, float64(strings.Count(text, ".")))) {
		return true
	}
	words := strings.Fields(text)
	lead, _, ok := normalize.ParseNumber(words[0])
	return len(words) > 1 && ok && same(v, lead)
}

// pointGrouped is a number whose thousands may be grouped with points.
var pointGrouped = regexp.MustCompile(`^\d{1,3}(\.\d{3})+$`)

// statementsByEvent groups the statements that report an event by it,
// in the table's order.
func (b *builder) statementsByEvent() map[string][]*stmtInfo {
	byEvent := map[string][]*stmtInfo{}
	for _, s := range b.kept {
		if s.stmtEvent != nil {
			byEvent[s.EventID] = append(byEvent[s.EventID], s)
		}
	}
	return byEvent
}

// namedCounts counts, for each figure that counts countries in a role,
// the countries that statements of the same event (byEvent, which it only
// reads) name in that role: "22 countries", of which the sources name 5.
func (b *builder) namedCounts(byEvent map[string][]*stmtInfo) {
	// The country roles of the statements that a figure's count takes in,
	// and of no others: most statements have roles, few a count.
	rolesOf := map[string][]schema.CountryRole{} // statement -> its country roles
	for i := range b.ds.Figures {
		if f := &b.ds.Figures[i]; f.CountsRole != 0 {
			rolesOf[f.StatementID] = nil
			if st := b.stmts[f.StatementID]; st != nil && st.stmtEvent != nil {
				for _, s := range byEvent[st.EventID] {
					rolesOf[s.ID] = nil
				}
			}
		}
	}
	for _, r := range b.ds.CountryRoles {
		if roles, ok := rolesOf[r.StatementID]; ok {
			rolesOf[r.StatementID] = append(roles, r)
		}
	}
	counted := map[string]int{} // named count by event (or statement) and role
	for i := range b.ds.Figures {
		f := &b.ds.Figures[i]
		if f.CountsRole == 0 {
			continue
		}
		st := b.stmts[f.StatementID]
		// Figures of one event that count one role share their count.
		related, key := []string{f.StatementID}, f.StatementID
		var event []*stmtInfo // the event's statements, in place of related
		if st != nil && st.stmtEvent != nil {
			related, event, key = nil, byEvent[st.EventID], "event:"+st.EventID
		}
		key += "\x00" + f.CountsRole.String()
		n, done := counted[key]
		if !done {
			named := map[string]bool{}
			for _, s := range event {
				related = append(related, s.ID)
			}
			for _, id := range related {
				for _, r := range rolesOf[id] {
					if r.Role == f.CountsRole {
						named[r.ISO3] = true
					}
				}
			}
			n = len(named)
			counted[key] = n
		}
		f.NamedCount = n
		if _, compared := b.countsAt[f.ID]; compared && float64(f.NamedCount) > f.Value {
			b.errs.Add(b.countsAt[f.ID], "figure %s counts %v countries but the statements of its event name %d as %s", f.ID, f.Value, f.NamedCount, f.CountsRole)
		}
	}
}

// dropChecked lets go, once every check that reads them has run, what
// only those checks need: the maps of figure ids (repeated ones, and
// where counts are written). What is left to
// do reads the dataset's rows (and coverage, the mentions of sources that
// no facts file describes).
func (b *builder) dropChecked() {
	b.figures, b.countsAt = nil, nil
}

func (b *builder) respondsTo() {
	for _, resp := range b.responses {
		s, r := resp.info, &resp.to
		switch target, ok := b.stmts[r.Value]; {
		case !ok:
			msg := fmt.Sprintf("responds_to: unknown statement %q", r.Value)
			b.unknownName(&b.errs, r.Pos(), statementRef, r.Value, msg, func(says string) string { return msg + "; did you mean " + says + "?" })
		case target == s:
			b.errs.Add(r.Pos(), "responds_to: a statement cannot respond to itself")
		}
	}
}

// finishEntities emits the entities the dataset uses: every entity declared
// in facts, and the outlets and countries referred to.
func (b *builder) finishEntities() {
	for _, e := range b.declared { // a country's entity, added meanwhile, needs none
		if e.CountryISO3 != "" && e.Kind != schema.KindCountry && (e.used || !e.outlet) {
			b.countryEntity(e.CountryISO3)
		}
	}
	// The table is made in place: each row kept moves down into its
	// place in entityRows, never onto a row not yet read, as the rows lie
	// there in declaration order (those on their own, past its room,
	// come after it). At a million statements a copy of the table was 60
	// MB more at the build's peak.
	rows := b.entityRows[:0]
	for _, e := range b.declared {
		if e.outlet && !e.used {
			continue
		}
		row := *e.Entity
		if row.Aliases == nil {
			row.Aliases = []string{}
		}
		rows = append(rows, row)
	}
	clear(rows[len(rows):cap(rows)]) // the rows that moved, and the outlets dropped
	b.ds.Entities = rows
	// Their rows have moved: nothing may look an entity up any more.
	b.entities, b.declared, b.entityRows = nil, nil, nil
}

// newEntity returns a new entity's row, in entityRows while it has room,
// which it has for every entity that can be declared; on its own
// otherwise. entityRows never grows, so that its rows stay where the
// entities point.
func (b *builder) newEntity() *schema.Entity {
	if n := len(b.entityRows); n < cap(b.entityRows) {
		b.entityRows = b.entityRows[:n+1]
		return &b.entityRows[n]
	}
	return new(schema.Entity)
}

// sortTables puts every table in its primary key's order. The keys are
// compared field by field without building slices: at a million rows a
// comparison that allocates costs seconds.
func (b *builder) sortTables() {
	d := b.ds
	// Each table is sorted on its own, on every core. Keys are unique, so
	// an unstable sort gives one order.
	sorts := []func(){
		func() { sortRows(d.Sources, func(a, c *schema.Source) int { return strings.Compare(a.ID, c.ID) }) },
		func() { sortRows(d.Entities, func(a, c *schema.Entity) int { return strings.Compare(a.ID, c.ID) }) },
		func() { sortRows(d.Events, func(a, c *schema.Event) int { return strings.Compare(a.ID, c.ID) }) },
		func() { sortRows(d.Claims, func(a, c *schema.Claim) int { return strings.Compare(a.ID, c.ID) }) },
		func() { sortRows(d.Figures, func(a, c *schema.Figure) int { return strings.Compare(a.ID, c.ID) }) },
		func() {
			sortRows(d.Stances, func(a, c *schema.Stance) int {
				return cmp.Or(strings.Compare(a.ClaimID, c.ClaimID), strings.Compare(a.StatementID, c.StatementID), strings.Compare(a.EntityID, c.EntityID))
			})
		},
		func() {
			sortRows(d.Participants, func(a, c *schema.Participant) int {
				return cmp.Or(strings.Compare(a.StatementID, c.StatementID), strings.Compare(a.EntityID, c.EntityID), strings.Compare(a.Role.String(), c.Role.String()))
			})
		},
		func() {
			sortRows(d.CountryRoles, func(a, c *schema.CountryRole) int {
				return cmp.Or(strings.Compare(a.StatementID, c.StatementID), strings.Compare(a.ISO3, c.ISO3), strings.Compare(a.Role.String(), c.Role.String()))
			})
		},
		func() {
			sortRows(d.Conflicts, func(a, c *schema.Conflict) int {
				return cmp.Or(strings.Compare(a.EventID, c.EventID), strings.Compare(a.Field, c.Field), strings.Compare(a.StatementID, c.StatementID))
			})
		},
	}
	parallel.ForEach(len(sorts), func(i int) { sorts[i]() })
}

func oneOf[E comparable](v E, all []E) bool {
	for _, a := range all {
		if v == a {
			return true
		}
	}
	return false
}

func without[E comparable](all []E, drop E) []E {
	var out []E
	for _, a := range all {
		if a != drop {
			out = append(out, a)
		}
	}
	return out
}

// expectedOneOf is "expected one of a, b, c", followed by the value that
// what was written may be a slip of the keyboard for, if any: `; did you
// mean "b"?`.
func expectedOneOf[E named](written string, all []E) string {
	msg := "expected one of " + listOf(all)
	if meant, ok := slipOf(written, all); ok {
		msg += fmt.Sprintf("; did you mean %q?", meant.String())
	}
	return msg
}

// named is a value that is written as a word: a category of the dataset
// (schema.Enum) or a kind of mention.
type named interface {
	comparable
	String() string
}

// listOf lists values: "a, b, c".
func listOf[E named](all []E) string { return strings.Join(namesOf(all), ", ") }

// namesOf is the words values are written as.
func namesOf[E named](all []E) []string {
	names := make([]string, len(all))
	for i, a := range all {
		names[i] = a.String()
	}
	return names
}

// slipOf is the value of all that what was written may be a slip of the
// keyboard for (see normalize.Slip), or else another form of (see
// formOf), if any.
func slipOf[E named](written string, all []E) (E, bool) {
	names := namesOf(all)
	if i := normalize.NewSlip(written).Closest(names); i >= 0 {
		return all[i], true
	}
	if i := formOf(written, names); i >= 0 {
		return all[i], true
	}
	var none E
	return none, false
}

// formOf is the index of the name that written is another form of, the
// same word inflected ("deny" for denies, "retraction" for retracts,
// "state" for statement), or -1: the one name that shares the longest
// beginning with it, case aside, of three letters at least and all but
// two of the shorter word's at least. -1 when two names share as much.
func formOf(written string, names []string) int {
	w := []rune(strings.ToLower(written))
	best, bestLen, tie := -1, 0, false
	for i, name := range names {
		n := []rune(strings.ToLower(name))
		p := 0
		for p < len(w) && p < len(n) && w[p] == n[p] {
			p++
		}
		if p < 3 || p < min(len(w), len(n))-2 {
			continue
		}
		switch {
		case p > bestLen:
			best, bestLen, tie = i, p, false
		case p == bestLen:
			tie = true
		}
	}
	if tie {
		return -1
	}
	return best
}
