package schema

// Views are derived tables for reading, not part of the table contract:
// they join contract tables so that a person sees related facts side by
// side. Exports that are meant for people (the workbook) add them; exports
// meant for machines (CSV, Parquet) leave the joins to the reader.

// ConflictView returns the conflicts table joined to its events, statements
// and sources: for each event and field that sources report differently,
// one row per statement, with what it says, who published it and where.
func (d *Dataset) ConflictView() Table {
	events := map[string]*Event{}
	for i := range d.Events {
		events[d.Events[i].ID] = &d.Events[i]
	}
	statements := map[string]*Statement{}
	for i := range d.Statements {
		statements[d.Statements[i].ID] = &d.Statements[i]
	}
	sources := map[string]*Source{}
	for i := range d.Sources {
		sources[d.Sources[i].ID] = &d.Sources[i]
	}
	type row struct {
		c  *Conflict
		e  *Event
		st *Statement
		so *Source
	}
	rows := make([]row, len(d.Conflicts))
	for i := range d.Conflicts {
		c := &d.Conflicts[i]
		// Build guarantees that every reference resolves; a zero value
		// keeps a hand-made dataset from crashing the view.
		rows[i] = row{c, orZero(events[c.EventID]), orZero(statements[c.StatementID]), orZero(sources[c.SourceID])}
	}
	return table("conflicts_side_by_side", "Events that sources report differently, one row per report: what each source says, when it was published and its exact words. Neither value is presented as the true one.", []string{"event_id", "field", "statement_id"}, rows,
		ref(str("event_id", "The event.", func(r *row) string { return r.c.EventID }), "events.event_id"),
		str("event", "The event's name.", func(r *row) string { return r.e.Name }),
		str("field", "What the reports disagree on.", func(r *row) string { return r.c.Field }),
		str("value", "What this report says.", func(r *row) string { return r.c.Value }),
		ref(str("statement_id", "The report.", func(r *row) string { return r.c.StatementID }), "statements.statement_id"),
		str("publisher", "Who published the report.", func(r *row) string { return r.so.Publisher }),
		date("published", "When the report was published.", true, func(r *row) Date { return r.so.Published }),
		str("quote", "The report's exact words.", func(r *row) string { return r.st.Quote }),
		uri(str("url", "Where the report was published.", func(r *row) string { return r.so.URL })),
	)
}

func orZero[T any](p *T) *T {
	if p == nil {
		return new(T)
	}
	return p
}
