package schema

import "sync"

// Index finds a dataset's rows by id. The views and the charts join tables
// by id, and one Index serves them all: made for each join, the maps of a
// million statements' ids were built five times over in a release, half a
// second each. It points into the dataset's tables, and holds while they
// are not changed.
type Index struct {
	entities   map[string]*Entity
	sources    map[string]*Source
	statements map[string]*Statement
	claims     map[string]*Claim
	events     map[string]*Event
}

// Index indexes the dataset's entities, sources, statements, claims and
// events by id. The maps are built side by side: the statements' alone
// take as long as all the others.
func (d *Dataset) Index() *Index {
	x := &Index{}
	var wg sync.WaitGroup
	wg.Go(func() { x.statements = byID(d.Statements, func(s *Statement) string { return s.ID }) })
	wg.Go(func() { x.entities = byID(d.Entities, func(e *Entity) string { return e.ID }) })
	x.sources = byID(d.Sources, func(s *Source) string { return s.ID })
	x.claims = byID(d.Claims, func(c *Claim) string { return c.ID })
	x.events = byID(d.Events, func(e *Event) string { return e.ID })
	wg.Wait()
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
func (x *Index) Entity(id string) *Entity { return x.entities[id] }

// Source returns the source with the id, or nil.
func (x *Index) Source(id string) *Source { return x.sources[id] }

// Statement returns the statement with the id, or nil.
func (x *Index) Statement(id string) *Statement { return x.statements[id] }

// Claim returns the claim with the id, or nil.
func (x *Index) Claim(id string) *Claim { return x.claims[id] }

// Event returns the event with the id, or nil.
func (x *Index) Event(id string) *Event { return x.events[id] }
