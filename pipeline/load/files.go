// Package load reads the data/ folder: the release description, the
// reference lists, each source's metadata and verbatim text, and each
// source's curated facts. It checks that files are well formed and keys are
// known; what the values mean is checked by package build.
package load

import (
	"newsfacts/pipeline/blocks"
	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/yaml"
)

// Scalar is a value as written, with its position.
type Scalar = yaml.Scalar

// NewScalar is the value v, written at pos.
func NewScalar(v string, at diag.Pos) Scalar { return yaml.NewScalar(v, at) }

// DatasetFile is data/dataset.yaml: the release as a whole.
type DatasetFile struct {
	Name        Scalar `yaml:"name,required"`
	Title       Scalar `yaml:"title,required"`
	Description Scalar `yaml:"description,required"`
	Version     Scalar `yaml:"version,required"`
	Released    Scalar `yaml:"released,required"`
	License     Scalar `yaml:"license,required"`
	LicenseURL  Scalar `yaml:"license_url"`
}

// CountriesFile is data/reference/countries.yaml.
type CountriesFile struct {
	Countries []CountryRef `yaml:"countries,required"`
	// Shared lists the names that several countries share ("Congo").
	Shared []SharedCountryName `yaml:"shared"`
}

// SharedCountryName is a name that several countries share: a text that
// writes it names one of them, and facts must write which.
type SharedCountryName struct {
	Pos  diag.Pos `yaml:"-"`
	Name Scalar   `yaml:"name,required"`
	ISO3 []Scalar `yaml:"iso3,required"`
}

// CountryRef maps names, aliases and demonyms to one ISO 3166-1 code.
type CountryRef struct {
	Pos     diag.Pos `yaml:"-"`
	ISO3    Scalar   `yaml:"iso3,required"`
	Name    Scalar   `yaml:"name"`
	Aliases []Scalar `yaml:"aliases"`
}

// OutletsFile is data/reference/outlets.yaml: media shared by all sources.
type OutletsFile struct {
	Outlets []EntityDef `yaml:"outlets,required"`
}

// SourceFile is data/sources/<source_id>.yaml.
type SourceFile struct {
	Pos       diag.Pos `yaml:"-"`
	Title     Scalar   `yaml:"title,required"`
	Publisher Scalar   `yaml:"publisher,required"`
	URL       Scalar   `yaml:"url,required"`
	Published Scalar   `yaml:"published,required"`
	Language  Scalar   `yaml:"language,required"`
	Text      Scalar   `yaml:"text,required"` // file name of the verbatim text, beside this file
}

// FactsFile is data/facts/<source_id>.yaml: what one source reports.
// Entities, claims and events declared here may be used by any source.
//
// Its statements, most of a corpus, are decoded when they are checked, a
// few files at a time (see Statements), not all with the rest: a million
// decoded statements would take gigabytes at once.
type FactsFile struct {
	Entities   []EntityDef   `yaml:"entities"`
	Claims     []ClaimDef    `yaml:"claims"`
	Events     []EventDef    `yaml:"events"`
	Statements yaml.Deferred `yaml:"statements"`
	Ignore     []IgnoreDef   `yaml:"ignore"`
}

// StatementRows is what a facts file's statements list, as Dir counted
// it: their stances, participants, countries and figures, each of which
// makes at most one row of its table (fewer when the checks drop some).
type StatementRows struct{ Stances, Participants, Countries, Figures int }

// StatementRows counts the stances, participants, countries and figures
// that f's statements list, undecoded (see yaml.Deferred), so that their
// tables can be made at their size.
func (f *FactsFile) StatementRows() StatementRows {
	s := f.Statements // the keys are StatementDef's
	return StatementRows{Stances: s.Of("stances"), Participants: s.Of("participants"), Countries: s.Of("countries"), Figures: s.Of("figures")}
}

// detach copies the values of f's declarations out of its file's text, so
// that they do not keep the text alive (see package blocks): it is let go
// once decoded, and its statements are read again (see Facts.Statements).
func (f *FactsFile) detach(c *blocks.Copier) {
	copyOut := func(v *Scalar) { v.Value = c.Copy(v.Value) }
	for i := range f.Entities {
		e := &f.Entities[i]
		for _, v := range []*Scalar{&e.ID, &e.Name, &e.Kind, &e.Country, &e.Description} {
			copyOut(v)
		}
		for k := range e.Aliases {
			copyOut(&e.Aliases[k])
		}
	}
	for i := range f.Claims {
		copyOut(&f.Claims[i].ID)
		copyOut(&f.Claims[i].Text)
	}
	for i := range f.Events {
		copyOut(&f.Events[i].ID)
		copyOut(&f.Events[i].Name)
	}
	for i := range f.Ignore {
		copyOut(&f.Ignore[i].Kind)
		copyOut(&f.Ignore[i].Text)
		copyOut(&f.Ignore[i].Reason)
	}
}

// factsStatements is the rest of a facts file: its statements.
type factsStatements struct {
	_          yaml.Rest      `yaml:"-"`
	Entities   yaml.Deferred  `yaml:"entities"`
	Claims     yaml.Deferred  `yaml:"claims"`
	Events     yaml.Deferred  `yaml:"events"`
	Statements []StatementDef `yaml:"statements"`
	Ignore     yaml.Deferred  `yaml:"ignore"`
}

// EntityDef declares an entity. Country is raw ("Tajik") and normalized.
type EntityDef struct {
	Pos         diag.Pos   `yaml:"-"`
	Fault       yaml.Fault `yaml:"-"` // merged with the next item, or an item of another list (reported)
	ID          Scalar     `yaml:"id,required"`
	Name        Scalar     `yaml:"name,required"`
	Kind        Scalar     `yaml:"kind"` // defaults to media in the outlet reference
	Country     Scalar     `yaml:"country"`
	Description Scalar     `yaml:"description"`
	Aliases     []Scalar   `yaml:"aliases"`
}

// ClaimDef declares a claim.
type ClaimDef struct {
	Pos   diag.Pos   `yaml:"-"`
	Fault yaml.Fault `yaml:"-"` // merged with the next item, or an item of another list (reported)
	ID    Scalar     `yaml:"id,required"`
	Text  Scalar     `yaml:"text,required"`
}

// EventDef declares an event.
type EventDef struct {
	Pos   diag.Pos   `yaml:"-"`
	Fault yaml.Fault `yaml:"-"` // merged with the next item, or an item of another list (reported)
	ID    Scalar     `yaml:"id,required"`
	Name  Scalar     `yaml:"name,required"`
}

// StatementDef is one statement as the curator writes it.
type StatementDef struct {
	Pos          diag.Pos         `yaml:"-"`
	Fault        yaml.Fault       `yaml:"-"` // merged with the next item, or an item of another list (reported)
	ID           Scalar           `yaml:"id,required"`
	Kind         Scalar           `yaml:"kind,required"`
	Speaker      Scalar           `yaml:"speaker"`
	Date         Scalar           `yaml:"date"`
	DateEarliest Scalar           `yaml:"date_earliest"`
	DateLatest   Scalar           `yaml:"date_latest"`
	DateNote     Scalar           `yaml:"date_note"`
	Summary      Scalar           `yaml:"summary,required"`
	Quote        Scalar           `yaml:"quote,required"`
	Occurrence   Scalar           `yaml:"occurrence"`
	Hedge        Scalar           `yaml:"hedge"`
	Via          Scalar           `yaml:"via"`
	ReportedBy   Scalar           `yaml:"reported_by"`
	Place        Scalar           `yaml:"place"`
	Event        Scalar           `yaml:"event"`
	RespondsTo   Scalar           `yaml:"responds_to"`
	Stances      []StanceDef      `yaml:"stances"`
	Participants []ParticipantDef `yaml:"participants"`
	Countries    []CountryRoleDef `yaml:"countries"`
	Figures      []FigureDef      `yaml:"figures"`
}

// StanceDef is a stance taken in the enclosing statement; Entity defaults to its speaker.
type StanceDef struct {
	Pos    diag.Pos `yaml:"-"`
	Claim  Scalar   `yaml:"claim,required"`
	Stance Scalar   `yaml:"stance,required"`
	Entity Scalar   `yaml:"entity"`
}

// ParticipantDef is an entity taking part in the enclosing statement.
type ParticipantDef struct {
	Pos    diag.Pos `yaml:"-"`
	Entity Scalar   `yaml:"entity,required"`
	Role   Scalar   `yaml:"role,required"`
}

// CountryRoleDef is a country the enclosing statement names.
type CountryRoleDef struct {
	Pos     diag.Pos `yaml:"-"`
	Country Scalar   `yaml:"country,required"`
	Role    Scalar   `yaml:"role,required"`
}

// FigureDef is a number the enclosing statement gives.
type FigureDef struct {
	Pos     diag.Pos `yaml:"-"`
	ID      Scalar   `yaml:"id,required"`
	Measure Scalar   `yaml:"measure,required"`
	Value   Scalar   `yaml:"value,required"`
	Unit    Scalar   `yaml:"unit,required"`
	Text    Scalar   `yaml:"text,required"` // the number as written in the quote
	Counts  Scalar   `yaml:"counts"`        // the country role the figure counts, if it counts countries
}

// IgnoreDef tells the coverage check that a mention in the source text is
// deliberately not captured, and why.
type IgnoreDef struct {
	Pos    diag.Pos `yaml:"-"`
	Kind   Scalar   `yaml:"kind,required"` // country, date, number or quotation
	Text   Scalar   `yaml:"text,required"` // the mention's exact text
	Reason Scalar   `yaml:"reason,required"`
}
