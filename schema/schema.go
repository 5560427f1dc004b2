// Package schema defines the dataset: what a source, an entity, a statement,
// a claim and a stance are, the values each field may take, and the invariants
// that hold in every release. It is the public contract that journalists and
// data scientists rely on: tables and columns may be added, never renamed.
//
// The package is pure: no I/O and nothing about any output format. Exports
// (CSV, Parquet, XLSX, charts) read the tables through Dataset.Tables, whose
// column descriptions are the one place the data dictionary is written.
package schema

import "strings"

// SchemaVersion is the version of the table contract. It changes when a
// table or column is added (minor) or, never lightly, removed (major).
const SchemaVersion = "1.0.0"

// MaxTextUnits is the longest text a column may hold, in UTF-16 code
// units: what one spreadsheet cell holds (Excel's limit, which excelize
// enforces by cutting). A longer value is refused where it is written in
// data/, so that every format of the release holds the same text.
const MaxTextUnits = 32767

// Dataset is one release: every table, sorted by primary key.
type Dataset struct {
	Meta     Meta
	Sources  []Source
	Entities []Entity
	Events   []Event
	// Statements may be read from a file, not held (see Rows): check Err
	// once they are read, and Close the dataset when done with it.
	Statements   Rows[Statement]
	Claims       []Claim
	Stances      []Stance
	Participants []Participant
	CountryRoles []CountryRole
	Figures      []Figure
	Conflicts    []Conflict
}

// Err is the first error met in reading a table that the dataset does
// not hold in memory (see Rows). Anything written from a dataset with an
// error is incomplete: its unreadable rows are zero.
func (d *Dataset) Err() error { return d.Statements.Err() }

// Close lets go of the files that the dataset's tables are read from, if
// any; its rows cannot be read after it.
func (d *Dataset) Close() error { return d.Statements.Close() }

// Meta describes the release as a whole.
type Meta struct {
	Name        string // machine name, e.g. "drone-claims"
	Title       string
	Description string
	Version     string // the release version, from data, never the clock
	Released    Date   // the release date, from data, never the clock
	License     string // an SPDX identifier or licence name
	LicenseURL  string
}

// Source is one published text that facts are drawn from.
type Source struct {
	ID          string
	Title       string
	Publisher   string // the outlet's name, normalized through the outlet reference
	PublisherID string // the outlet's entity id
	URL         string
	Published   Date
	Language    string // ISO 639-1 code
	TextSHA256  string // hex SHA-256 of the source text's bytes; quotes are located in exactly these bytes
	TextLength  int    // length of the text in code points; every quote_end is at most this
}

// EntityKind says what sort of thing an entity is.
type EntityKind uint16

const (
	KindPerson EntityKind = iota + 1
	KindOrganization
	KindGovernment
	KindMedia
	KindCountry
	KindCity
	KindPlace
	KindWeaponSystem
	KindGroup
)

// entityKindNames are the words the release writes for each EntityKind.
var entityKindNames = [...]string{
	KindPerson:       "person",
	KindOrganization: "organization",
	KindGovernment:   "government_body",
	KindMedia:        "media",
	KindCountry:      "country",
	KindCity:         "city",
	KindPlace:        "place",
	KindWeaponSystem: "weapon_system",
	KindGroup:        "group",
}

// EntityKinds lists every EntityKind, in documentation order.
var EntityKinds = []EntityKind{KindPerson, KindOrganization, KindGovernment, KindMedia, KindCountry, KindCity, KindPlace, KindWeaponSystem, KindGroup}

// Entity is a person, organization, outlet, place, weapon system or country
// that a source names. Country entities are derived from ISO 3166 and have
// the id "country-" + lower-case alpha-3 code.
type Entity struct {
	ID          string
	Name        string
	ISO3        string // ISO 3166-1 alpha-3; set for countries only
	CountryISO3 string // the country the entity belongs to, where known; for a country, its own code
	Description string // the role as the source states it ("Ukrainian blogger")
	Aliases     []string
	Kind        EntityKind
}

// Event is one real-world happening (an interview, a statement issued, a
// production line opened) that one or more statements report. Statements
// that share an event describe the same happening, possibly differently.
type Event struct {
	ID   string
	Name string
}

// StatementKind is what a statement reports.
type StatementKind uint16

const (
	StatementClaim StatementKind = iota + 1
	StatementDenial
	StatementCorrection
	StatementApology
	StatementAppeal
	StatementStatement
	StatementReport
	StatementEvent
)

// statementKindNames are the words the release writes for each StatementKind.
var statementKindNames = [...]string{
	StatementClaim:      "claim",
	StatementDenial:     "denial",
	StatementCorrection: "correction",
	StatementApology:    "apology",
	StatementAppeal:     "appeal",
	StatementStatement:  "statement",
	StatementReport:     "report",
	StatementEvent:      "event",
}

// StatementKinds lists every StatementKind, in documentation order.
var StatementKinds = []StatementKind{StatementClaim, StatementDenial, StatementCorrection, StatementApology, StatementAppeal, StatementStatement, StatementReport, StatementEvent}

// DatePrecision says how much of a date is known.
type DatePrecision uint16

const (
	PrecisionDay   DatePrecision = iota + 1
	PrecisionMonth               // Date holds the first of the month
	PrecisionYear                // Date holds 1 January
	PrecisionUnknown
)

// datePrecisionNames are the words the release writes for each DatePrecision.
var datePrecisionNames = [...]string{
	PrecisionDay:     "day",
	PrecisionMonth:   "month",
	PrecisionYear:    "year",
	PrecisionUnknown: "unknown",
}

// DatePrecisions lists every DatePrecision.
var DatePrecisions = []DatePrecision{PrecisionDay, PrecisionMonth, PrecisionYear, PrecisionUnknown}

// DateBasis says where a date comes from.
type DateBasis uint16

const (
	// BasisStated: the source gives the date in full, in the statement's own words.
	BasisStated DateBasis = iota + 1
	// BasisInferred: part of the date (usually the year) or all of it comes
	// from elsewhere; DateNote says from where.
	BasisInferred
	// BasisUnknown: the source does not date the statement.
	BasisUnknown
)

// dateBasisNames are the words the release writes for each DateBasis.
var dateBasisNames = [...]string{
	BasisStated:   "stated",
	BasisInferred: "inferred",
	BasisUnknown:  "unknown",
}

// DateBases lists every DateBasis.
var DateBases = []DateBasis{BasisStated, BasisInferred, BasisUnknown}

// QuoteType says whose words a statement's quote is.
type QuoteType uint16

const (
	QuoteDirect   QuoteType = iota + 1 // the speaker's own words, inside quotation marks in the source
	QuoteReported                      // the source's words reporting the statement
	QuoteMixed                         // the source's words with the speaker's quoted words inside
)

// quoteTypeNames are the words the release writes for each QuoteType.
var quoteTypeNames = [...]string{
	QuoteDirect:   "direct",
	QuoteReported: "reported",
	QuoteMixed:    "mixed",
}

// QuoteTypes lists every QuoteType.
var QuoteTypes = []QuoteType{QuoteDirect, QuoteReported, QuoteMixed}

// Statement is one claim, denial, correction, apology, appeal, statement,
// report or event as one source reports it. It is a report of something
// said or done, never an established fact: who said it, when, through which
// outlet, as reported by whom, with which hedge.
//
// Invariants: Quote equals the source text's code points [QuoteStart,
// QuoteEnd); Date is zero exactly when DatePrecision is unknown; DateBasis is
// inferred exactly when DateNote explains why; DateEarliest <= Date <=
// DateLatest where set.
type Statement struct {
	ID       string
	SourceID string
	// The categorical fields and the dates are together, before the
	// strings, so that the row has no padding (TestStatementRowUnpadded):
	// a row is 256 bytes (it was 360, with categories as strings and dates
	// of three ints), wherever it is held.
	Kind          StatementKind
	DatePrecision DatePrecision
	DateBasis     DateBasis
	QuoteType     QuoteType
	Date          Date
	DateEarliest  Date // a bound the text implies when the date itself is unknown or imprecise
	DateLatest    Date
	DateNote      string
	DateText      string // the date as the curator read it in the source ("October 30")
	SpeakerID     string // who said or did it; empty when the source does not say
	Summary       string
	Quote         string
	QuoteStart    int    // code point offset into the source text, inclusive
	QuoteEnd      int    // code point offset, exclusive
	Hedge         string // the source's own hedge, verbatim ("reportedly", "according to him")
	ViaID         string // the outlet or channel the speaker used
	ReportedByID  string // the outlet the source credits for the report, when not the source itself
	PlaceID       string // where it was said or happened
	EventID       string
	RespondsToID  string // the statement this one answers
}

// Claim is a proposition that statements take stances on. A claim is never
// a fact in this dataset: only stances towards it are recorded.
type Claim struct {
	ID   string
	Text string
}

// StanceKind is the position an entity takes on a claim in a statement.
type StanceKind uint16

const (
	StanceAsserts StanceKind = iota + 1
	StanceDenies
	StanceRetracts
	StanceAcknowledgesReports
	StanceDeclinesToAddress
	StanceAddresses
	StanceQuestions
)

// stanceKindNames are the words the release writes for each StanceKind.
var stanceKindNames = [...]string{
	StanceAsserts:             "asserts",
	StanceDenies:              "denies",
	StanceRetracts:            "retracts",
	StanceAcknowledgesReports: "acknowledges_reports",
	StanceDeclinesToAddress:   "declines_to_address",
	StanceAddresses:           "addresses",
	StanceQuestions:           "questions",
}

// StanceKinds lists every StanceKind.
var StanceKinds = []StanceKind{StanceAsserts, StanceDenies, StanceRetracts, StanceAcknowledgesReports, StanceDeclinesToAddress, StanceAddresses, StanceQuestions}

// StanceMeanings says what each stance means, for readers: the codebook
// and the glossary print it.
var StanceMeanings = map[StanceKind]string{
	StanceAsserts:             "says the claim is true",
	StanceDenies:              "says the claim is false",
	StanceRetracts:            "withdraws an assertion of the claim it made before",
	StanceAcknowledgesReports: "says there are reports of the claim, without saying whether they are true",
	StanceDeclinesToAddress:   "is said to have been asked about the claim, or expected to answer it, and not to have done so",
	StanceAddresses:           "responds to the claim without taking a position on it",
	StanceQuestions:           "asks for the claim to be investigated, or doubts it, without denying it",
}

// StanceGlossary lists every stance with its meaning, in order.
func StanceGlossary() string {
	parts := make([]string, len(StanceKinds))
	for i, k := range StanceKinds {
		parts[i] = k.String() + " (" + StanceMeanings[k] + ")"
	}
	return strings.Join(parts, "; ")
}

// Stance links a claim, the statement it was taken in, and who took it.
type Stance struct {
	ClaimID     string
	StatementID string
	EntityID    string
	Stance      StanceKind
}

// ParticipantRole is how an entity other than the speaker takes part in a statement.
type ParticipantRole uint16

const (
	RoleActor     ParticipantRole = iota + 1 // acts together with the speaker
	RoleAddressee                            // the statement is directed at it
	RoleSubject                              // the statement is about it
)

// participantRoleNames are the words the release writes for each ParticipantRole.
var participantRoleNames = [...]string{
	RoleActor:     "actor",
	RoleAddressee: "addressee",
	RoleSubject:   "subject",
}

// ParticipantRoles lists every ParticipantRole.
var ParticipantRoles = []ParticipantRole{RoleActor, RoleAddressee, RoleSubject}

// Participant links an entity to a statement it takes part in.
type Participant struct {
	StatementID string
	EntityID    string
	Role        ParticipantRole
}

// CountryRoleKind is the part a country plays in a statement.
type CountryRoleKind uint16

const (
	CountryCandidateBuyer CountryRoleKind = iota + 1
	CountryAllegedProducer
	CountryRetractedProducer // named as producer, then withdrawn
	CountryAllegedUser
	CountryDesigner
	CountryWarTarget
	CountrySanctionsThreat // warns of its sanctions
	CountryCooperationTarget
	CountryHost // where an event took place
)

// countryRoleKindNames are the words the release writes for each CountryRoleKind.
var countryRoleKindNames = [...]string{
	CountryCandidateBuyer:    "candidate_buyer",
	CountryAllegedProducer:   "alleged_producer",
	CountryRetractedProducer: "retracted_producer",
	CountryAllegedUser:       "alleged_user",
	CountryDesigner:          "designer",
	CountryWarTarget:         "war_target",
	CountrySanctionsThreat:   "sanctions_threat",
	CountryCooperationTarget: "cooperation_target",
	CountryHost:              "host",
}

// CountryRoleKinds lists every CountryRoleKind.
var CountryRoleKinds = []CountryRoleKind{CountryCandidateBuyer, CountryAllegedProducer, CountryRetractedProducer, CountryAllegedUser, CountryDesigner, CountryWarTarget, CountrySanctionsThreat, CountryCooperationTarget, CountryHost}

// CountryRole is a country named in a statement, with the part it plays there.
type CountryRole struct {
	ISO3        string
	Country     string
	StatementID string
	Role        CountryRoleKind
}

// Figure is a number a statement gives.
type Figure struct {
	ID          string
	StatementID string
	Measure     string
	Value       float64
	Unit        string
	ValueText   string // the number as written in the quote ("22")
	// CountsRole is the country role the figure counts ("22 countries want
	// to buy": candidate_buyer), or none (zero). NamedCount is then how
	// many countries statements of the same event name in that role.
	NamedCount int
	CountsRole CountryRoleKind
}

// Conflict is one report in a disagreement: statements of the same event
// that give incompatible values for a field. Every report stays, attributed
// to its source; nothing is overwritten or averaged.
type Conflict struct {
	EventID     string
	Field       string // the field the reports disagree on: "date" or "place_id"
	StatementID string
	SourceID    string
	Value       string
}
