package schema

import "strings"

// Type is the logical type of a column, independent of any file format.
type Type string

const (
	TypeString     Type = "string"
	TypeInteger    Type = "integer"
	TypeNumber     Type = "number"
	TypeBoolean    Type = "boolean"
	TypeDate       Type = "date"
	TypeStringList Type = "list<string>"
)

// Value is one cell. Null marks a missing value; it is never written as 0 or "".
type Value struct {
	Null   bool
	String string
	Int    int64
	Number float64
	Bool   bool
	Date   Date
	List   []string
}

// Column describes one column of a table: the data dictionary entry that
// every export (CSV, Parquet metadata, XLSX codebook, Data Package) uses.
type Column struct {
	Name     string
	Type     Type
	Nullable bool
	Doc      string
	Values   []string // the allowed values of a categorical column, else nil
	Ref      string   // "table.column" this column refers to, else ""
	Format   string   // "uri" for a web address; else ""
	// For a date column: the columns of the same table that give its
	// precision (day, month, year, unknown) and its basis (stated, inferred),
	// so that an export can show a month-precise date as a month and mark an
	// inferred one. Empty for a date that is always a known day.
	Precision string
	Basis     string
	// Inferred marks a date column whose every value is inferred, not
	// stated, such as a bound the text implies.
	Inferred bool
}

// Table is one table of the dataset: its contract and its rows.
type Table struct {
	Name    string
	Doc     string
	Key     []string // the primary key's columns; rows are sorted by it
	Columns []Column
	Len     int
	// Row fills dst (len(Columns) cells) with row i. It may be called
	// from several goroutines at once (the Parquet writer fills a
	// table's row groups on every core), so it must only read.
	Row func(i int, dst []Value)
}

type column[T any] struct {
	Column
	get func(*T) Value
}

func table[T any](name, doc string, key []string, rows []T, cols ...column[T]) Table {
	t := Table{Name: name, Doc: doc, Key: key, Len: len(rows)}
	for _, c := range cols {
		t.Columns = append(t.Columns, c.Column)
	}
	t.Row = func(i int, dst []Value) {
		for j, c := range cols {
			dst[j] = c.get(&rows[i])
		}
	}
	return t
}

// tableFrom is table, of rows that are filled one at a time (see Rows):
// each row is filled once for all its columns.
func tableFrom[T any](name, doc string, key []string, n int, fill func(i int, dst *T), cols ...column[T]) Table {
	t := Table{Name: name, Doc: doc, Key: key, Len: n}
	for _, c := range cols {
		t.Columns = append(t.Columns, c.Column)
	}
	t.Row = func(i int, dst []Value) {
		var row T
		fill(i, &row)
		for j, c := range cols {
			dst[j] = c.get(&row)
		}
	}
	return t
}

func str[T any](name, doc string, get func(*T) string) column[T] {
	return column[T]{Column{Name: name, Type: TypeString, Doc: doc}, func(r *T) Value { return Value{String: get(r)} }}
}

// optStr is a nullable string: "" is written as NULL.
func optStr[T any](name, doc string, get func(*T) string) column[T] {
	return column[T]{Column{Name: name, Type: TypeString, Nullable: true, Doc: doc}, func(r *T) Value {
		s := get(r)
		return Value{Null: s == "", String: s}
	}}
}

func ref[T any](c column[T], target string) column[T] { c.Ref = target; return c }

func uri[T any](c column[T]) column[T] { c.Format = "uri"; return c }

func inferred[T any](c column[T]) column[T] { c.Inferred = true; return c }

// qualified names the precision and basis columns of a date column.
func qualified[T any](c column[T], precision, basis string) column[T] {
	c.Precision, c.Basis = precision, basis
	return c
}

func enum[T any, E Enum](name, doc string, values []E, get func(*T) E) column[T] {
	return column[T]{Column{Name: name, Type: TypeString, Doc: doc, Values: Words(values)}, func(r *T) Value { return Value{String: get(r).String()} }}
}

// optInt is a nullable integer: get reports whether there is a value.
func optInt[T any](name, doc string, get func(*T) (int, bool)) column[T] {
	return column[T]{Column{Name: name, Type: TypeInteger, Nullable: true, Doc: doc}, func(r *T) Value {
		n, ok := get(r)
		return Value{Null: !ok, Int: int64(n)}
	}}
}

// optEnum is a nullable categorical column: none is written as NULL.
func optEnum[T any, E Enum](name, doc string, values []E, get func(*T) E) column[T] {
	c := enum(name, doc, values, get)
	c.Nullable = true
	inner := c.get
	c.get = func(r *T) Value {
		v := inner(r)
		v.Null = v.String == ""
		return v
	}
	return c
}

func integer[T any](name, doc string, get func(*T) int) column[T] {
	return column[T]{Column{Name: name, Type: TypeInteger, Doc: doc}, func(r *T) Value { return Value{Int: int64(get(r))} }}
}

func number[T any](name, doc string, get func(*T) float64) column[T] {
	return column[T]{Column{Name: name, Type: TypeNumber, Doc: doc}, func(r *T) Value { return Value{Number: get(r)} }}
}

func date[T any](name, doc string, nullable bool, get func(*T) Date) column[T] {
	return column[T]{Column{Name: name, Type: TypeDate, Nullable: nullable, Doc: doc}, func(r *T) Value {
		d := get(r)
		return Value{Null: d.IsZero(), Date: d}
	}}
}

func list[T any](name, doc string, get func(*T) []string) column[T] {
	return column[T]{Column{Name: name, Type: TypeStringList, Doc: doc}, func(r *T) Value { return Value{List: get(r)} }}
}

// Tables returns every table of the dataset in publication order, each with
// its full column contract. Exports iterate over it and need no per-table code.
func (d *Dataset) Tables() []Table {
	return []Table{
		table("sources", "Each published text that facts are drawn from.", []string{"source_id"}, d.Sources,
			str("source_id", "Stable identifier of the source.", func(s *Source) string { return s.ID }),
			str("title", "The source's headline.", func(s *Source) string { return s.Title }),
			str("publisher", "The outlet that published the source.", func(s *Source) string { return s.Publisher }),
			ref(str("publisher_id", "The publishing outlet's entity.", func(s *Source) string { return s.PublisherID }), "entities.entity_id"),
			uri(str("url", "Where the source was published.", func(s *Source) string { return s.URL })),
			date("published", "The day the source was published.", false, func(s *Source) Date { return s.Published }),
			str("language", "Language of the text, ISO 639-1.", func(s *Source) string { return s.Language }),
			str("text_sha256", "SHA-256 (hex) of the exact bytes of the source text in which every quote offset is counted.", func(s *Source) string { return s.TextSHA256 }),
			integer("text_length", "Length of the source text in Unicode code points.", func(s *Source) int { return s.TextLength }),
		),
		table("entities", "Every person, organization, outlet, place, weapon system and country the sources name.", []string{"entity_id"}, d.Entities,
			str("entity_id", "Stable identifier; countries are \"country-\" plus the lower-case ISO 3166-1 alpha-3 code.", func(e *Entity) string { return e.ID }),
			str("name", "The entity's name as the sources give it (for countries, the common English name).", func(e *Entity) string { return e.Name }),
			enum("kind", "What sort of entity it is.", EntityKinds, func(e *Entity) EntityKind { return e.Kind }),
			optStr("iso3", "ISO 3166-1 alpha-3 code; set for countries only.", func(e *Entity) string { return e.ISO3 }),
			optStr("country_iso3", "ISO 3166-1 alpha-3 code of the country the entity belongs to, where known; for a country, its own code.", func(e *Entity) string { return e.CountryISO3 }),
			optStr("description", "The entity's role as the source states it.", func(e *Entity) string { return e.Description }),
			list("aliases", "Other names the sources use for the entity (empty list when none).", func(e *Entity) []string { return e.Aliases }),
		),
		table("events", "Real-world happenings that statements report; statements sharing an event describe the same happening.", []string{"event_id"}, d.Events,
			str("event_id", "Stable identifier of the event.", func(e *Event) string { return e.ID }),
			str("name", "A short neutral name for the event.", func(e *Event) string { return e.Name }),
		),
		tableFrom("statements", "One row per claim, denial, correction, apology, appeal, statement, report or event that a source reports. A statement records that something was said or done according to the source; it is never an established fact.", []string{"statement_id"}, d.Statements.Len(), d.Statements.Row,
			str("statement_id", "Stable identifier of the statement.", func(s *Statement) string { return s.ID }),
			ref(str("source_id", "The source that reports the statement.", func(s *Statement) string { return s.SourceID }), "sources.source_id"),
			qualified(date("date", "When it was said or happened; NULL when the source does not say. With precision month or year, the first day of that period.", true, func(s *Statement) Date { return s.Date }), "date_precision", "date_basis"),
			enum("date_precision", "How much of the date is known: day, month, year, or unknown (date is NULL).", DatePrecisions, func(s *Statement) DatePrecision { return s.DatePrecision }),
			enum("date_basis", "stated: the source gives the full date in the statement's words; inferred: part or all of it comes from elsewhere (see date_note); unknown: no date.", DateBases, func(s *Statement) DateBasis { return s.DateBasis }),
			optStr("date_note", "Why and how a date was inferred, or what the text implies about an unknown date.", func(s *Statement) string { return s.DateNote }),
			optStr("date_text", "The date as the source words it (\"October 30\"); NULL when the date was worked out rather than worded (written YYYY-MM-DD; see date_note).", func(s *Statement) string { return s.DateText }),
			inferred(date("date_earliest", "The earliest day the text allows, where it implies a bound; always inferred (see date_note).", true, func(s *Statement) Date { return s.DateEarliest })),
			inferred(date("date_latest", "The latest day the text allows, where it implies a bound (at most the publication day); always inferred (see date_note).", true, func(s *Statement) Date { return s.DateLatest })),
			ref(optStr("speaker_id", "Who said or did it; NULL when the source does not say.", func(s *Statement) string { return s.SpeakerID }), "entities.entity_id"),
			enum("kind", "What the statement is.", StatementKinds, func(s *Statement) StatementKind { return s.Kind }),
			str("summary", "A neutral one-sentence summary by the curator; attribution stays explicit.", func(s *Statement) string { return s.Summary }),
			str("quote", "The source's exact words for the statement, verbatim (typos included).", func(s *Statement) string { return s.Quote }),
			enum("quote_type", "direct: the speaker's own words in quotation marks; reported: the source's words reporting it; mixed: the source's words with the speaker's quoted words inside.", QuoteTypes, func(s *Statement) QuoteType { return s.QuoteType }),
			integer("quote_start", "Code point offset of the quote in the source text, inclusive (W3C TextPositionSelector; Python text[start:end]).", func(s *Statement) int { return s.QuoteStart }),
			integer("quote_end", "Code point offset of the end of the quote, exclusive.", func(s *Statement) int { return s.QuoteEnd }),
			optStr("hedge", "The source's own hedge, verbatim (\"reportedly\", \"according to him\").", func(s *Statement) string { return s.Hedge }),
			ref(optStr("via_id", "The outlet or channel through which the speaker spoke.", func(s *Statement) string { return s.ViaID }), "entities.entity_id"),
			ref(optStr("reported_by_id", "The outlet the source credits for the report; NULL when the source reports it itself.", func(s *Statement) string { return s.ReportedByID }), "entities.entity_id"),
			ref(optStr("place_id", "Where it was said or happened.", func(s *Statement) string { return s.PlaceID }), "entities.entity_id"),
			ref(optStr("event_id", "The happening the statement reports.", func(s *Statement) string { return s.EventID }), "events.event_id"),
			ref(optStr("responds_to_id", "The statement this one answers.", func(s *Statement) string { return s.RespondsToID }), "statements.statement_id"),
		),
		table("claims", "Propositions that statements take stances on. A claim is never presented as true: see stances for who asserts or denies it.", []string{"claim_id"}, d.Claims,
			str("claim_id", "Stable identifier of the claim.", func(c *Claim) string { return c.ID }),
			str("text", "The proposition, as a neutral sentence: what was claimed, not a finding that it is true (see stances).", func(c *Claim) string { return c.Text }),
		),
		table("stances", "Who took which position on which claim, in which statement.", []string{"claim_id", "statement_id", "entity_id"}, d.Stances,
			ref(str("claim_id", "The claim.", func(s *Stance) string { return s.ClaimID }), "claims.claim_id"),
			ref(str("statement_id", "The statement in which the stance was taken.", func(s *Stance) string { return s.StatementID }), "statements.statement_id"),
			ref(str("entity_id", "Who took the stance.", func(s *Stance) string { return s.EntityID }), "entities.entity_id"),
			enum("stance", "The position taken: "+StanceGlossary()+".", StanceKinds, func(s *Stance) StanceKind { return s.Stance }),
		),
		table("participants", "Entities other than the speaker that take part in a statement.", []string{"statement_id", "entity_id", "role"}, d.Participants,
			ref(str("statement_id", "The statement.", func(p *Participant) string { return p.StatementID }), "statements.statement_id"),
			ref(str("entity_id", "The participating entity.", func(p *Participant) string { return p.EntityID }), "entities.entity_id"),
			enum("role", "actor: acts with the speaker; addressee: the statement is directed at it; subject: it is about it.", ParticipantRoles, func(p *Participant) ParticipantRole { return p.Role }),
		),
		table("country_roles", "Countries named in statements, with the part each plays there. A role is what the statement says, not a fact (alleged_producer means someone alleged it).", []string{"statement_id", "iso3", "role"}, d.CountryRoles,
			str("iso3", "ISO 3166-1 alpha-3 code.", func(c *CountryRole) string { return c.ISO3 }),
			str("country", "Common English name of the country.", func(c *CountryRole) string { return c.Country }),
			enum("role", "The part the country plays in the statement.", CountryRoleKinds, func(c *CountryRole) CountryRoleKind { return c.Role }),
			ref(str("statement_id", "The statement that names the country.", func(c *CountryRole) string { return c.StatementID }), "statements.statement_id"),
		),
		table("figures", "Numbers that statements give, as stated (a claimed number, not a verified count).", []string{"figure_id"}, d.Figures,
			str("figure_id", "Stable identifier of the figure.", func(f *Figure) string { return f.ID }),
			ref(str("statement_id", "The statement that gives the number.", func(f *Figure) string { return f.StatementID }), "statements.statement_id"),
			str("measure", "What is counted or measured.", func(f *Figure) string { return f.Measure }),
			number("value", "The number.", func(f *Figure) float64 { return f.Value }),
			str("unit", "The unit of the number.", func(f *Figure) string { return f.Unit }),
			str("value_text", "The number as written in the statement's quote.", func(f *Figure) string { return f.ValueText }),
			optEnum("counts_role", "When the figure counts countries: the country role it counts (countries said to want to buy: candidate_buyer).", CountryRoleKinds, func(f *Figure) CountryRoleKind { return f.CountsRole }),
			optInt("named_count", "When the figure counts countries: how many of them the sources name, as countries with role counts_role in statements of the same event (of the same statement when it has no event). The rest are unnamed.", func(f *Figure) (int, bool) { return f.NamedCount, f.CountsRole != 0 }),
		),
		table("conflicts", "Disagreements: for each event whose statements give incompatible values for a field, one row per statement, attributed to its source.", []string{"event_id", "field", "statement_id"}, d.Conflicts,
			ref(str("event_id", "The event the statements report.", func(c *Conflict) string { return c.EventID }), "events.event_id"),
			str("field", "The field the reports disagree on (date or place_id).", func(c *Conflict) string { return c.Field }),
			ref(str("statement_id", "One of the disagreeing statements.", func(c *Conflict) string { return c.StatementID }), "statements.statement_id"),
			ref(str("source_id", "The source of that statement.", func(c *Conflict) string { return c.SourceID }), "sources.source_id"),
			str("value", "The value that statement gives.", func(c *Conflict) string { return c.Value }),
		),
	}
}

// IsID reports whether s is a valid identifier: lower-case ASCII letters,
// digits and hyphens, starting with a letter or digit. Identifiers appear in
// URLs, file names and foreign keys, so they are kept plain.
func IsID(s string) bool {
	if s == "" || s[0] == '-' {
		return false
	}
	return strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == ""
}
