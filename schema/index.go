package schema

// Index finds a dataset's rows by id. The views and the charts join tables
// by id, and one Index serves them all: each made its own before, and a
// release built the maps of a million statements' ids, and of the
// entities' and sources', three times over. It points into the dataset's
// tables, and holds while they are not changed. A nil Index finds
// nothing.
type Index struct {
	entities   map[string]*Entity
	sources    map[string]*Source
	statements map[string]*Statement
	claims     map[string]*Claim
	events     map[string]*Event
}

// Index indexes the dataset's entities, sources, statements, claims and
// events by id.
func (d *Dataset) Index() *Index {
	return &Index{
		entities:   byID(d.Entities, func(e *Entity) string { return e.ID }),
		sources:    byID(d.Sources, func(s *Source) string { return s.ID }),
		statements: byID(d.Statements, func(s *Statement) string { return s.ID }),
		claims:     byID(d.Claims, func(c *Claim) string { return c.ID }),
		events:     byID(d.Events, func(e *Event) string { return e.ID }),
	}
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

// Statement returns the statement with the id, or nil.
func (x *Index) Statement(id string) *Statement {
	if x == nil {
		return nil
	}
	return x.statements[id]
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
