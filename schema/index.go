package schema

import "strings"

// Index finds a dataset's rows by id. The views and the charts join tables
// by id, and one Index serves them all: each made its own before, and a
// release built the maps of a million statements' ids, and of the
// entities' and sources', three times over. It points into the dataset's
// tables, and holds while they are not changed. A nil Index finds
// nothing.
type Index struct {
	entities map[string]*Entity
	sources  map[string]*Source
	// statements holds each statement's row number, and briefs what the
	// views and charts read of every statement, by row: the statements
	// may not be held in memory (see Rows), and are read when asked for.
	statements     map[string]int32
	briefs         []StatementBrief
	statementsRows Rows[Statement]
	claims         map[string]*Claim
	events         map[string]*Event
}

// StatementBrief is what the views and the charts read of every statement
// (to order and count them), which an Index holds for each: the rest is
// read as it is needed (see Rows).
type StatementBrief struct {
	Source *Source // nil when no source has its SourceID
	Date   Date
	Kind   StatementKind
}

// Index indexes the dataset's entities, sources, statements, claims and
// events by id.
func (d *Dataset) Index() *Index {
	x := &Index{
		entities:       byID(d.Entities, func(e *Entity) string { return e.ID }),
		sources:        byID(d.Sources, func(s *Source) string { return s.ID }),
		statementsRows: d.Statements,
		claims:         byID(d.Claims, func(c *Claim) string { return c.ID }),
		events:         byID(d.Events, func(e *Event) string { return e.ID }),
	}
	// Each statement is read once, here. Its id is copied: a row read
	// from a file may keep all its text in one string (see Rows), which
	// the key would keep alive with it.
	x.statements = make(map[string]int32, d.Statements.Len())
	x.briefs = make([]StatementBrief, d.Statements.Len())
	for i, s := range d.Statements.All() {
		x.statements[strings.Clone(s.ID)] = int32(i)
		x.briefs[i] = StatementBrief{Source: x.sources[s.SourceID], Date: s.Date, Kind: s.Kind}
	}
	return x
}

// byID maps each item's id to the item.
func byID[T any](items []T, id func(*T) string) map[string]*T {
	m := make(map[string]*T, len(items))
	for i := range items {
		m[id(&items[i])] = &items[i]
	}
	return m
}

// Entity returns the entity with the id, or nil.
func (x *Index) Entity(id string) *Entity {
	if x == nil {
		return nil
	}
	return x.entities[id]
}

// Source returns the source with the id, or nil.
func (x *Index) Source(id string) *Source {
	if x == nil {
		return nil
	}
	return x.sources[id]
}

// Statement returns the statement with the id, or nil. It is read anew
// (see Rows) each time: a caller that looks up many keeps their numbers
// instead (see StatementRow).
func (x *Index) Statement(id string) *Statement {
	i, ok := x.StatementRow(id)
	if !ok {
		return nil
	}
	s := new(Statement)
	x.statementsRows.Row(i, s)
	return s
}

// StatementBrief returns what the index holds of the statement in row i
// (see StatementRow).
func (x *Index) StatementBrief(i int) StatementBrief { return x.briefs[i] }

// StatementRow returns the row number of the statement with the id, and
// whether there is one. The statements are in id order: so are their rows.
func (x *Index) StatementRow(id string) (int, bool) {
	if x == nil {
		return 0, false
	}
	i, ok := x.statements[id]
	return int(i), ok
}

// Claim returns the claim with the id, or nil.
func (x *Index) Claim(id string) *Claim {
	if x == nil {
		return nil
	}
	return x.claims[id]
}

// Event returns the event with the id, or nil.
func (x *Index) Event(id string) *Event {
	if x == nil {
		return nil
	}
	return x.events[id]
}
