// Package build turns the decoded inputs of data/ into the dataset: it
// resolves every reference, normalizes raw values (dates, countries, outlet
// names), locates every quote in its source, finds conflicting reports, and
// checks that the facts cover their sources. Every problem is reported with
// its position, all at once.
package build

import (
	"cmp"
	"errors"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/language"

	"newsfacts/pipeline/coverage"
	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/load"
	"newsfacts/pipeline/normalize"
	"newsfacts/pipeline/parallel"
	"newsfacts/pipeline/progress"
	"newsfacts/pipeline/provenance"
	"newsfacts/schema"
)

// Result is a built dataset and the coverage of each source.
type Result struct {
	Dataset  *schema.Dataset
	Coverage []coverage.Item
}

// Build interprets the inputs. The Result is complete only when the error
// list is empty; callers must not write any output otherwise. Its stages
// are reported to run, which may be nil: "scan" finds the mentions in the
// source texts, "validate" checks every declaration and statement and
// normalizes their values in the same pass, "derive" computes what no one
// wrote (named counts, entity use, conflicting reports, sort order) and
// "coverage" accounts for every mention.
func Build(in *load.Inputs, run *progress.Run) (*Result, diag.List) {
	// The maps of statements are made at their size: growing a map of a
	// million keys rehashes it twenty times.
	statements := countStatements(in)
	b := &builder{
		in:        in,
		ds:        &schema.Dataset{},
		entities:  map[string]*entityInfo{},
		entityIDs: map[string]diag.Pos{},
		stmtIDs:   make(map[string]diag.Pos, statements),
		byName:    map[string][]string{},
		claims:    map[string]diag.Pos{},
		events:    map[string]diag.Pos{},
		stmts:     make(map[string]*stmtInfo, statements),
		sources:   map[string]*sourceInfo{},
		figures:   map[string]diag.Pos{},
		used:      map[string]bool{},
	}
	b.meta()
	b.countryRef()
	b.outlets()
	stage := run.Start("scan", len(in.Sources), "sources")
	b.sourcesMeta(stage)
	stage.Done(-1)
	stage = run.Start("validate", statements, "statements")
	b.declarations()
	b.statements(stage)
	b.respondsTo()
	stage.Done(-1)
	stage = run.Start("derive", len(b.ds.Statements), "statements")
	b.namedCounts()
	b.finishEntities()
	b.conflicts()
	b.sortTables()
	stage.Done(-1)
	stage = run.Start("coverage", len(in.Sources), "sources")
	cov := b.coverage(stage)
	stage.Done(-1)
	// Last: sorting moves the statements that stmtInfo points to.
	slices.SortFunc(b.ds.Statements, func(a, c schema.Statement) int { return strings.Compare(a.ID, c.ID) })
	b.stmts, b.sources = nil, nil
	b.errs.Sort()
	return &Result{Dataset: b.ds, Coverage: cov}, b.errs
}

type builder struct {
	in        *load.Inputs
	ds        *schema.Dataset
	errs      diag.List
	countries *normalize.Countries
	scanner   *coverage.Scanner

	entities  map[string]*entityInfo // by id
	entityIDs map[string]diag.Pos    // where each declared entity id stands
	stmtIDs   map[string]diag.Pos
	byName    map[string][]string // name or alias -> entity ids
	claims    map[string]diag.Pos
	events    map[string]diag.Pos
	stmts     map[string]*stmtInfo
	sources   map[string]*sourceInfo
	figures   map[string]diag.Pos
	used      map[string]bool // entity ids that appear in the dataset
}

type entityInfo struct {
	schema.Entity
	outlet bool
}

type sourceInfo struct {
	schema.Source
	file      string // the metadata file
	textFile  string
	factsFile string
	text      *provenance.Text
	mentions  []coverage.Mention
	places    *mentionIndex // the mentions by place
	stmts     []*stmtInfo
	ignores   []load.IgnoreDef
	broken    bool // its text could not be read; its errors are reported already
}

type stmtInfo struct {
	*schema.Statement
	def     *load.StatementDef
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
	if d.Name.Set && !schema.IsID(d.Name.Value) {
		b.errs.Add(d.Name.Pos, "name %q: use lower-case letters, digits and hyphens", d.Name.Value)
	}
	if d.Version.Set && !semverRE.MatchString(d.Version.Value) {
		b.errs.Add(d.Version.Pos, "version %q: expected MAJOR.MINOR.PATCH, e.g. 1.0.0", d.Version.Value)
	}
	if d.Released.Set {
		r, err := schema.ParseISODate(d.Released.Value)
		if err != nil {
			b.errs.Add(d.Released.Pos, "released: %v", err)
		}
		m.Released = r
	}
	b.checkURL(d.LicenseURL)
}

var semverRE = regexp.MustCompile(`^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`)

func (b *builder) checkURL(s load.Scalar) {
	if !s.Set {
		return
	}
	u, err := url.Parse(s.Value)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		b.errs.Add(s.Pos, "url %q: expected an absolute http or https address", s.Value)
	}
}

func (b *builder) countryRef() {
	var refs []normalize.CountryAlias
	var at []diag.Pos // where each of refs is written
	pos := map[string]diag.Pos{}
	for _, c := range b.in.Countries.Countries {
		if !c.ISO3.Set {
			continue // not decoded, or no code: reported by load
		}
		r := normalize.CountryAlias{ISO3: c.ISO3.Value, Name: c.Name.Value}
		for _, a := range c.Aliases {
			r.Aliases = append(r.Aliases, a.Value)
		}
		if p, dup := pos[r.ISO3]; dup {
			b.errs.Add(c.ISO3.Pos, "country %s listed twice (first at line %d)", r.ISO3, p.Line)
			continue
		}
		pos[r.ISO3] = c.ISO3.Pos
		refs = append(refs, r)
		at = append(at, c.ISO3.Pos)
	}
	var errs []error
	b.countries, errs = normalize.NewCountries(refs)
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
	b.scanner = coverage.NewScanner(b.countries.Forms())
}

func (b *builder) outlets() {
	for i := range b.in.Outlets.Outlets {
		d := &b.in.Outlets.Outlets[i]
		if !d.Kind.Set {
			d.Kind = load.Scalar{Value: string(schema.KindMedia), Pos: d.Pos, Set: true}
		}
		b.declareEntity(d, nil, true)
	}
}

// countStatements is how many statements the facts files hold.
func countStatements(in *load.Inputs) int {
	n := 0
	for _, f := range in.Facts {
		n += len(f.Facts.Statements)
	}
	return n
}

func (b *builder) sourcesMeta(stage *progress.Stage) {
	// Preparing and scanning each text is the costly part and depends on
	// that text alone: it runs on every core.
	texts := make([]*provenance.Text, len(b.in.Sources))
	mentions := make([][]coverage.Mention, len(b.in.Sources))
	parallel.ForEach(len(b.in.Sources), func(i int) {
		texts[i] = provenance.NewText(b.in.Sources[i].Text)
		mentions[i] = b.scanner.Scan(b.in.Sources[i].Text)
		stage.Add(1)
	})
	for i, s := range b.in.Sources {
		m := s.Meta
		si := &sourceInfo{file: s.File, textFile: s.TextFile, factsFile: s.FactsFile, text: texts[i], mentions: mentions[i], places: newMentionIndex(mentions[i]), broken: s.Broken}
		si.ID, si.Title, si.URL, si.Language = s.ID, m.Title.Value, m.URL.Value, m.Language.Value
		si.TextSHA256, si.TextLength = si.text.SHA256, si.text.Len()
		if !schema.IsID(s.ID) {
			b.errs.Add(diag.Pos{File: s.File}, "source id %q (the file name): use lower-case letters, digits and hyphens", s.ID)
		}
		b.checkURL(m.URL)
		// A value that is absent (or a file that could not be decoded) is
		// reported by load; checking it here would add an error without a place.
		if d, err := schema.ParseISODate(m.Published.Value); m.Published.Set && err != nil {
			b.errs.Add(m.Published.Pos, "published: %v", err)
		} else {
			si.Published = d
		}
		if base, err := language.ParseBase(m.Language.Value); m.Language.Set && (err != nil || base.String() != m.Language.Value || len(m.Language.Value) != 2) {
			b.errs.Add(m.Language.Pos, "language %q: expected an ISO 639-1 code such as en, ru, tg", m.Language.Value)
		}
		if id, ok := b.resolve(m.Publisher); ok {
			si.Publisher, si.PublisherID = b.entities[id].Name, id
		}
		b.sources[s.ID] = si
		b.ds.Sources = append(b.ds.Sources, si.Source)
	}
}

// declarations registers the entities, claims and events of every facts
// file before any statement is read, so statements may refer to them in any order.
func (b *builder) declarations() {
	for _, f := range b.in.Facts {
		src := b.sources[f.SourceID]
		if src == nil {
			b.errs.Add(diag.Pos{File: f.File}, "no source %q: a facts file must be named after data/sources/<source_id>.yaml", f.SourceID)
			continue
		}
		src.ignores = f.Facts.Ignore
		for i := range f.Facts.Entities {
			b.declareEntity(&f.Facts.Entities[i], src, false)
		}
		for _, c := range f.Facts.Claims {
			if b.declareID("claim", c.ID, b.claims) {
				b.fits(c.Text, "claim text")
				b.ds.Claims = append(b.ds.Claims, schema.Claim{ID: c.ID.Value, Text: c.Text.Value})
			}
		}
		for _, e := range f.Facts.Events {
			if b.declareID("event", e.ID, b.events) {
				b.fits(e.Name, "event name")
				b.ds.Events = append(b.ds.Events, schema.Event{ID: e.ID.Value, Name: e.Name.Value})
			}
		}
	}
}

// declareID checks an id's form and uniqueness within seen; true if new and valid.
func (b *builder) declareID(what string, id load.Scalar, seen map[string]diag.Pos) bool {
	if !id.Set {
		return false
	}
	if !schema.IsID(id.Value) {
		b.errs.Add(id.Pos, "%s id %q: use lower-case letters, digits and hyphens", what, id.Value)
		return false
	}
	if prev, dup := seen[id.Value]; dup {
		b.errs.Add(id.Pos, "duplicate %s id %q (first declared at %s)", what, id.Value, prev)
		return false
	}
	seen[id.Value] = id.Pos
	return true
}

// fits refuses a value longer than a column holds (schema.MaxTextUnits).
func (b *builder) fits(v load.Scalar, field string) {
	if len(v.Value) <= schema.MaxTextUnits {
		return // no character takes fewer UTF-8 bytes than UTF-16 units
	}
	if units := len(utf16.Encode([]rune(v.Value))); units > schema.MaxTextUnits {
		b.errs.Add(v.Pos, "%s is %d characters (UTF-16 units) long; a spreadsheet cell holds at most %d, so the release could not hold it whole: quote or write the part that matters", field, units, schema.MaxTextUnits)
	}
}

func (b *builder) declareEntity(d *load.EntityDef, src *sourceInfo, outlet bool) {
	b.fits(d.Name, "entity name")
	b.fits(d.Description, "entity description")
	if !b.declareID("entity", d.ID, b.entityIDs) {
		return
	}
	if strings.HasPrefix(d.ID.Value, "country-") {
		b.errs.Add(d.ID.Pos, "entity id %q: ids starting with country- are reserved for countries, which are derived from ISO 3166; refer to the country by name instead", d.ID.Value)
		return
	}
	e := &entityInfo{outlet: outlet}
	e.ID, e.Name, e.Description = d.ID.Value, d.Name.Value, d.Description.Value
	e.Kind = schema.EntityKind(d.Kind.Value)
	if !oneOf(e.Kind, schema.EntityKinds) || e.Kind == schema.KindCountry {
		at := d.Kind.Pos
		if !d.Kind.Set {
			at = d.Pos // no kind: the entity's own place
		}
		b.errs.Add(at, "entity kind %q: expected one of %s (countries are derived from their names, not declared)", d.Kind.Value, list(without(schema.EntityKinds, schema.KindCountry)))
	}
	if d.Country.Set {
		code, err := b.countries.Resolve(d.Country.Value)
		if err != nil {
			b.errs.Add(d.Country.Pos, "%v", err)
		}
		e.CountryISO3 = code
	}
	names := []string{e.Name}
	for _, a := range d.Aliases {
		e.Aliases = append(e.Aliases, a.Value)
		names = append(names, a.Value)
	}
	if src != nil && !src.broken {
		found := false
		for _, n := range names {
			found = found || src.text.Has(n)
		}
		if !found {
			b.errs.Add(d.Name.Pos, "entity %q: neither its name nor an alias occurs in the source text of %s", e.ID, src.ID)
		}
	}
	b.entities[e.ID] = e
	for _, n := range names {
		b.byName[n] = append(b.byName[n], e.ID)
	}
}

// resolve finds the entity a reference names: an entity id, a country's
// entity id, or a name or alias of exactly one entity or country. It records
// the entity as used.
func (b *builder) resolve(ref load.Scalar) (string, bool) {
	if !ref.Set {
		return "", false
	}
	v := strings.TrimSpace(ref.Value)
	if _, ok := b.entities[v]; ok {
		b.used[v] = true
		return v, true
	}
	if ids := b.byName[v]; len(ids) == 1 {
		b.used[ids[0]] = true
		return ids[0], true
	} else if len(ids) > 1 {
		b.errs.Add(ref.Pos, "%q names several entities (%s): use the entity id", v, strings.Join(ids, ", "))
		return "", false
	}
	if code, ok := strings.CutPrefix(v, "country-"); ok {
		v = strings.ToUpper(code)
	}
	code, err := b.countries.Resolve(v)
	if err != nil {
		b.errs.Add(ref.Pos, "unknown entity %q: not an entity id, an entity name or alias, nor a country", ref.Value)
		return "", false
	}
	return b.countryEntity(code), true
}

// countryEntity returns the id of the entity for an ISO code, creating it.
func (b *builder) countryEntity(code string) string {
	id := "country-" + strings.ToLower(code)
	if _, ok := b.entities[id]; !ok {
		e := &entityInfo{}
		e.ID, e.Name, e.Kind, e.ISO3, e.CountryISO3 = id, b.countries.Name(code), schema.KindCountry, code, code
		e.Aliases = b.countries.Aliases(code)
		b.entities[id] = e
	}
	b.used[id] = true
	return id
}

func (b *builder) statements(stage *progress.Stage) {
	b.ds.Statements = make([]schema.Statement, 0, countStatements(b.in))
	for fi := range b.in.Facts {
		f := &b.in.Facts[fi]
		src := b.sources[f.SourceID]
		stage.Add(len(f.Facts.Statements))
		if src == nil {
			continue
		}
		for i := range f.Facts.Statements {
			b.statement(&f.Facts.Statements[i], src)
		}
	}
}

func (b *builder) statement(d *load.StatementDef, src *sourceInfo) {
	if !b.declareID("statement", d.ID, b.stmtIDs) {
		return
	}
	// The statement lives in the dataset's table, which statements() sized
	// for every statement so that it is never moved: one copy, not two.
	b.ds.Statements = append(b.ds.Statements, schema.Statement{ID: d.ID.Value, SourceID: src.ID, Summary: d.Summary.Value})
	s := &stmtInfo{Statement: &b.ds.Statements[len(b.ds.Statements)-1], def: d, src: src}
	b.fits(d.Summary, "summary")
	b.fits(d.Quote, "quote")
	b.fits(d.DateNote, "date_note")
	b.stmts[s.ID] = s
	src.stmts = append(src.stmts, s)

	s.Kind = schema.StatementKind(d.Kind.Value)
	if d.Kind.Set && !oneOf(s.Kind, schema.StatementKinds) {
		b.errs.Add(d.Kind.Pos, "statement kind %q: expected one of %s", d.Kind.Value, list(schema.StatementKinds))
	}
	quoteOK := b.quote(s)
	s.SpeakerID = b.ref(s, d.Speaker)
	s.ViaID = b.ref(s, d.Via)
	s.ReportedByID = b.ref(s, d.ReportedBy)
	s.PlaceID = b.ref(s, d.Place)
	if d.Event.Set {
		if _, ok := b.events[d.Event.Value]; !ok {
			b.errs.Add(d.Event.Pos, "unknown event %q: declare it under events:", d.Event.Value)
		}
		s.EventID = d.Event.Value
	}
	if d.Hedge.Set {
		s.Hedge = d.Hedge.Value
		if quoteOK && !s.quote.Has(s.Hedge) {
			b.errs.Add(d.Hedge.Pos, "hedge %q does not occur in the statement's quote", s.Hedge)
		}
	}
	b.dates(s, quoteOK)
	b.stances(s)
	b.participants(s)
	b.countryRoles(s, quoteOK)
	b.figuresOf(s, quoteOK)
}

func (b *builder) ref(s *stmtInfo, r load.Scalar) string {
	id, ok := b.resolve(r)
	if ok {
		s.refs = append(s.refs, id)
	}
	return id
}

func (b *builder) quote(s *stmtInfo) bool {
	d := s.def
	if !d.Quote.Set || s.src.broken {
		return false
	}
	occ := 0
	if d.Occurrence.Set {
		n, err := strconv.Atoi(d.Occurrence.Value)
		if err != nil || n < 1 {
			b.errs.Add(d.Occurrence.Pos, "occurrence %q: expected a whole number from 1", d.Occurrence.Value)
			return false
		}
		occ = n
	}
	span, err := s.src.text.Locate(d.Quote.Value, occ)
	if err != nil {
		b.errs.Add(d.Quote.Pos, "%v (source text: %s)", err, s.src.textFile)
		return false
	}
	s.Quote, s.QuoteStart, s.QuoteEnd = span.Text, span.Start, span.End
	s.quote = provenance.NewPassage(span.Text)
	s.QuoteType = schema.QuoteReported
	switch direct, mixed := s.src.places.quoteType(span.Start, span.End); {
	case direct:
		s.QuoteType = schema.QuoteDirect
	case mixed:
		s.QuoteType = schema.QuoteMixed
	}
	return true
}

func (b *builder) stances(s *stmtInfo) {
	seen := map[[2]string]bool{}
	for _, d := range s.def.Stances {
		st := schema.Stance{ClaimID: d.Claim.Value, StatementID: s.ID, Stance: schema.StanceKind(d.Stance.Value)}
		if _, ok := b.claims[st.ClaimID]; d.Claim.Set && !ok {
			b.errs.Add(d.Claim.Pos, "unknown claim %q: declare it under claims:", st.ClaimID)
		}
		if d.Stance.Set && !oneOf(st.Stance, schema.StanceKinds) {
			b.errs.Add(d.Stance.Pos, "stance %q: expected one of %s", d.Stance.Value, list(schema.StanceKinds))
		}
		switch {
		case d.Entity.Set:
			st.EntityID = b.ref(s, d.Entity)
		case s.SpeakerID != "":
			st.EntityID = s.SpeakerID
		default:
			b.errs.Add(d.Pos, "stance on %q: the statement has no speaker, so say whose stance it is with entity:", st.ClaimID)
		}
		key := [2]string{st.ClaimID, st.EntityID}
		if seen[key] {
			b.errs.Add(d.Pos, "stance of %q on claim %q given twice in this statement", st.EntityID, st.ClaimID)
			continue
		}
		seen[key] = true
		b.ds.Stances = append(b.ds.Stances, st)
	}
}

func (b *builder) participants(s *stmtInfo) {
	seen := map[[2]string]bool{}
	for _, d := range s.def.Participants {
		p := schema.Participant{StatementID: s.ID, EntityID: b.ref(s, d.Entity), Role: schema.ParticipantRole(d.Role.Value)}
		if d.Role.Set && !oneOf(p.Role, schema.ParticipantRoles) {
			b.errs.Add(d.Role.Pos, "participant role %q: expected one of %s", d.Role.Value, list(schema.ParticipantRoles))
		}
		key := [2]string{p.EntityID, string(p.Role)}
		if seen[key] {
			b.errs.Add(d.Pos, "participant %q as %s given twice", p.EntityID, p.Role)
			continue
		}
		seen[key] = true
		b.ds.Participants = append(b.ds.Participants, p)
	}
}

func (b *builder) countryRoles(s *stmtInfo, quoteOK bool) {
	seen := map[[2]string]bool{}
	for _, d := range s.def.Countries {
		if !d.Country.Set || !d.Role.Set {
			continue // reported by load
		}
		code, err := b.countries.Resolve(d.Country.Value)
		if err != nil {
			b.errs.Add(d.Country.Pos, "%v", err)
			continue
		}
		role := schema.CountryRoleKind(d.Role.Value)
		if !oneOf(role, schema.CountryRoleKinds) {
			b.errs.Add(d.Role.Pos, "country role %q: expected one of %s", d.Role.Value, list(schema.CountryRoleKinds))
		}
		if quoteOK && !b.quoteNames(s, code) {
			b.errs.Add(d.Country.Pos, "country %s (%s) is not named in the statement's quote", d.Country.Value, code)
		}
		key := [2]string{code, string(role)}
		if seen[key] {
			b.errs.Add(d.Pos, "country %s as %s given twice", code, role)
			continue
		}
		seen[key] = true
		b.countryEntity(code)
		s.roles = append(s.roles, code)
		b.ds.CountryRoles = append(b.ds.CountryRoles, schema.CountryRole{ISO3: code, Country: b.countries.Name(code), Role: role, StatementID: s.ID})
	}
}

// quoteNames reports whether a country mention of code lies in the statement's quote.
func (b *builder) quoteNames(s *stmtInfo, code string) bool {
	return s.src.places.namesCountry(code, s.QuoteStart, s.QuoteEnd)
}

func (b *builder) figuresOf(s *stmtInfo, quoteOK bool) {
	for _, d := range s.def.Figures {
		if !b.declareID("figure", d.ID, b.figures) {
			continue
		}
		f := schema.Figure{ID: d.ID.Value, StatementID: s.ID, Measure: d.Measure.Value, Unit: d.Unit.Value, ValueText: d.Text.Value, CountsRole: schema.CountryRoleKind(d.Counts.Value)}
		if d.Counts.Set && !oneOf(f.CountsRole, schema.CountryRoleKinds) {
			b.errs.Add(d.Counts.Pos, "figure counts %q: expected a country role, one of %s", d.Counts.Value, list(schema.CountryRoleKinds))
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(d.Value.Value, "_", ""), 64)
		if d.Value.Set && err != nil {
			b.errs.Add(d.Value.Pos, "figure value %q: expected a number such as 22 or 3.5", d.Value.Value)
		}
		f.Value = v
		if quoteOK && d.Text.Set && !strings.Contains(s.Quote, f.ValueText) {
			b.errs.Add(d.Text.Pos, "figure text %q does not occur in the statement's quote", f.ValueText)
		}
		s.figures = append(s.figures, f)
		b.ds.Figures = append(b.ds.Figures, f)
	}
}

// namedCounts counts, for each figure that counts countries in a role,
// the countries that statements of the same event name in that role: "22
// countries", of which the sources name 5.
func (b *builder) namedCounts() {
	byEvent := map[string][]string{} // event -> statement ids
	for _, s := range b.ds.Statements {
		if s.EventID != "" {
			byEvent[s.EventID] = append(byEvent[s.EventID], s.ID)
		}
	}
	rolesOf := map[string][]schema.CountryRole{} // statement -> its country roles
	for _, r := range b.ds.CountryRoles {
		rolesOf[r.StatementID] = append(rolesOf[r.StatementID], r)
	}
	counted := map[string]int{} // named count by event (or statement) and role
	for i := range b.ds.Figures {
		f := &b.ds.Figures[i]
		if f.CountsRole == "" {
			continue
		}
		st := b.stmts[f.StatementID]
		// Figures of one event that count one role share their count.
		related, key := []string{f.StatementID}, f.StatementID
		if st != nil && st.EventID != "" {
			related, key = byEvent[st.EventID], "event:"+st.EventID
		}
		key += "\x00" + string(f.CountsRole)
		n, done := counted[key]
		if !done {
			named := map[string]bool{}
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
		if float64(f.NamedCount) > f.Value && st != nil {
			for _, d := range st.def.Figures {
				if d.ID.Value == f.ID {
					b.errs.Add(d.Counts.Pos, "figure %s counts %v countries but the statements of its event name %d as %s", f.ID, f.Value, f.NamedCount, f.CountsRole)
				}
			}
		}
	}
}

func (b *builder) respondsTo() {
	for _, s := range b.stmts {
		r := s.def.RespondsTo
		if !r.Set {
			continue
		}
		switch target, ok := b.stmts[r.Value]; {
		case !ok:
			b.errs.Add(r.Pos, "responds_to: unknown statement %q", r.Value)
		case target == s:
			b.errs.Add(r.Pos, "responds_to: a statement cannot respond to itself")
		}
		s.RespondsToID = r.Value
	}
}

// finishEntities emits the entities the dataset uses: every entity declared
// in facts, and the outlets and countries referred to.
func (b *builder) finishEntities() {
	for _, e := range b.entities {
		if e.CountryISO3 != "" && e.Kind != schema.KindCountry && (b.used[e.ID] || !e.outlet) {
			b.countryEntity(e.CountryISO3)
		}
	}
	for _, e := range b.entities {
		if e.outlet && !b.used[e.ID] {
			continue
		}
		ent := e.Entity
		if ent.Aliases == nil {
			ent.Aliases = []string{}
		}
		b.ds.Entities = append(b.ds.Entities, ent)
	}
}

// sortTables puts every table in its primary key's order. The keys are
// compared field by field without building slices: at a million rows a
// comparison that allocates costs seconds.
func (b *builder) sortTables() {
	d := b.ds
	slices.SortFunc(d.Sources, func(a, c schema.Source) int { return strings.Compare(a.ID, c.ID) })
	slices.SortFunc(d.Entities, func(a, c schema.Entity) int { return strings.Compare(a.ID, c.ID) })
	slices.SortFunc(d.Events, func(a, c schema.Event) int { return strings.Compare(a.ID, c.ID) })
	slices.SortFunc(d.Claims, func(a, c schema.Claim) int { return strings.Compare(a.ID, c.ID) })
	slices.SortFunc(d.Figures, func(a, c schema.Figure) int { return strings.Compare(a.ID, c.ID) })
	slices.SortFunc(d.Stances, func(a, c schema.Stance) int {
		return cmp.Or(strings.Compare(a.ClaimID, c.ClaimID), strings.Compare(a.StatementID, c.StatementID), strings.Compare(a.EntityID, c.EntityID))
	})
	slices.SortFunc(d.Participants, func(a, c schema.Participant) int {
		return cmp.Or(strings.Compare(a.StatementID, c.StatementID), strings.Compare(a.EntityID, c.EntityID), strings.Compare(string(a.Role), string(c.Role)))
	})
	slices.SortFunc(d.CountryRoles, func(a, c schema.CountryRole) int {
		return cmp.Or(strings.Compare(a.StatementID, c.StatementID), strings.Compare(a.ISO3, c.ISO3), strings.Compare(string(a.Role), string(c.Role)))
	})
	slices.SortFunc(d.Conflicts, func(a, c schema.Conflict) int {
		return cmp.Or(strings.Compare(a.EventID, c.EventID), strings.Compare(a.Field, c.Field), strings.Compare(a.StatementID, c.StatementID))
	})
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

func list[E ~string](all []E) string {
	s := make([]string, len(all))
	for i, a := range all {
		s[i] = string(a)
	}
	return strings.Join(s, ", ")
}
