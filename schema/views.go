package schema

import (
	"cmp"
	"slices"
)

// Views are derived tables for reading, not part of the table contract:
// they join contract tables so that a person sees related facts side by
// side. Exports that are meant for people (the workbook) add them; exports
// meant for machines (CSV, Parquet) leave the joins to the reader.

// orZero returns p, or a zero item when p is nil: Build guarantees that
// references resolve, and a zero value keeps a hand-made dataset from
// crashing a view.
func orZero[T any](p *T) *T {
	if p != nil {
		return p
	}
	return new(T)
}

// ConflictView returns the conflicts table joined to its events, statements
// and sources: for each event and field that sources report differently,
// one row per statement, with what it says, who published it and where,
// and how its date was read. x is the dataset's Index.
func (d *Dataset) ConflictView(x *Index) Table {
	type row struct {
		c  *Conflict
		e  *Event
		st int // the statement's row, or -1
		so *Source
	}
	type full struct {
		row
		st Statement
		sp *Entity
	}
	rows := make([]row, len(d.Conflicts))
	for i := range d.Conflicts {
		c := &d.Conflicts[i]
		rows[i] = row{c, orZero(x.Event(c.EventID)), statementRow(x, c.StatementID), orZero(x.Source(c.SourceID))}
	}
	// A statement is read as its row is (see Rows), not held for all.
	fill := func(i int, r *full) {
		r.row = rows[i]
		if r.row.st >= 0 {
			d.Statements.Row(r.row.st, &r.st)
		}
		r.sp = orZero(x.Entity(r.st.SpeakerID))
	}
	return tableFrom("conflicts_side_by_side", "Events that sources report differently, one row per report: what each source says, when it was published and its exact words. Neither value is presented as the true one.", []string{"event_id", "field", "statement_id"}, len(rows), fill,
		ref(str("event_id", "The event.", func(r *full) string { return r.c.EventID }), "events.event_id"),
		str("event", "The event's name.", func(r *full) string { return r.e.Name }),
		str("field", "What the reports disagree on.", func(r *full) string { return r.c.Field }),
		str("value", "What this report says (a date as YYYY-MM-DD; see date_text for the source's words).", func(r *full) string { return r.c.Value }),
		optStr("date_text", "The date as the source words it; NULL when it was worked out (see date_note).", func(r *full) string { return r.st.DateText }),
		enum("date_basis", "stated or inferred: whether the source gives the full date.", DateBases, func(r *full) DateBasis { return r.st.DateBasis }),
		optStr("date_note", "How a date was inferred.", func(r *full) string { return r.st.DateNote }),
		optStr("speaker", "Who said or did it, according to the report.", func(r *full) string { return r.sp.Name }),
		optStr("hedge", "The report's own hedge (\"officials said\").", func(r *full) string { return r.st.Hedge }),
		ref(str("statement_id", "The report.", func(r *full) string { return r.c.StatementID }), "statements.statement_id"),
		str("publisher", "Who published the report.", func(r *full) string { return r.so.Publisher }),
		date("published", "When the report was published.", false, func(r *full) Date { return r.so.Published }),
		str("quote", "The report's exact words.", func(r *full) string { return r.st.Quote }),
		uri(str("url", "Where the report was published.", func(r *full) string { return r.so.URL })),
	)
}

// statementRow is the row number of the statement with the id, or -1.
func statementRow(x *Index, id string) int {
	if i, ok := x.StatementRow(id); ok {
		return i
	}
	return -1
}

// ClaimView returns every claim with every stance taken on it: who took
// which position, when, in which source and in which words. A claim is
// shown only next to who asserts or denies it, never on its own. x is the
// dataset's Index.
func (d *Dataset) ClaimView(x *Index) Table {
	// What the order needs of a statement is kept for each row; the rest
	// is read as the row is (see Rows), not held for all.
	type row struct {
		c    *Claim
		s    *Stance
		so   *Source
		e    *Entity
		st   int // the statement's row, or -1; rows are in id order
		date Date
	}
	type full struct {
		row
		st Statement
	}
	rows := make([]row, len(d.Stances))
	noSource := new(Source)
	for i := range d.Stances {
		s := &d.Stances[i]
		r := row{c: orZero(x.Claim(s.ClaimID)), s: s, e: orZero(x.Entity(s.EntityID)), st: statementRow(x, s.StatementID), so: noSource}
		if r.st >= 0 {
			brief := x.StatementBrief(r.st)
			r.so, r.date = orZero(brief.Source), brief.Date
		}
		rows[i] = r
	}
	// By claim, then in the order things were said (undated last). The
	// stances of a built dataset are in claim order already, so each
	// claim's rows are sorted on their own, not all of them by the whole
	// key: at a million statements this view and ConflictView took 0.43
	// to 0.45 s to make, not 0.51 to 0.56 (the lookups in x, 0.27 s).
	byClaim := func(a, b row) int { return cmp.Compare(a.c.ID, b.c.ID) }
	if !slices.IsSortedFunc(rows, byClaim) {
		slices.SortStableFunc(rows, byClaim)
	}
	said := func(a, b row) int {
		if a.date.IsZero() != b.date.IsZero() {
			return cmp.Compare(boolRank(a.date.IsZero()), boolRank(b.date.IsZero()))
		}
		return cmp.Or(a.date.Compare(b.date), cmp.Compare(a.st, b.st), cmp.Compare(a.e.ID, b.e.ID))
	}
	for lo := 0; lo < len(rows); {
		hi := lo + 1
		for hi < len(rows) && rows[hi].c.ID == rows[lo].c.ID {
			hi++
		}
		slices.SortStableFunc(rows[lo:hi], said)
		lo = hi
	}
	fill := func(i int, r *full) {
		r.row = rows[i]
		if r.row.st >= 0 {
			d.Statements.Row(r.row.st, &r.st)
		}
	}
	return tableFrom("claims_with_stances", "Each claim with every position taken on it: who asserts, denies, retracts or questions it, when, in which source and in which words. A claim is what someone said, not a finding.", []string{"claim_id", "statement_id", "entity_id"}, len(rows), fill,
		ref(str("claim_id", "The claim.", func(r *full) string { return r.s.ClaimID }), "claims.claim_id"),
		str("claim", "The claim, as a neutral sentence: what was claimed, not a finding.", func(r *full) string { return r.c.Text }),
		enum("stance", "The position taken: "+StanceGlossary()+".", StanceKinds, func(r *full) StanceKind { return r.s.Stance }),
		str("who", "Who took the position.", func(r *full) string { return r.e.Name }),
		ref(str("entity_id", "Who took the position.", func(r *full) string { return r.s.EntityID }), "entities.entity_id"),
		qualified(date("date", "When, as the statement's date.", true, func(r *full) Date { return r.st.Date }), "date_precision", "date_basis"),
		enum("date_precision", "How much of the date is known.", DatePrecisions, func(r *full) DatePrecision { return r.st.DatePrecision }),
		enum("date_basis", "stated or inferred (see date_note).", DateBases, func(r *full) DateBasis { return r.st.DateBasis }),
		date("date_earliest", "The earliest day the text allows, for a statement without a date or with a partial one; always inferred (see date_note).", true, func(r *full) Date { return r.st.DateEarliest }),
		date("date_latest", "The latest day the text allows; always inferred (see date_note).", true, func(r *full) Date { return r.st.DateLatest }),
		optStr("date_note", "How the date or its bounds were inferred, or what the text implies about an unknown date.", func(r *full) string { return r.st.DateNote }),
		ref(str("statement_id", "The statement in which the position was taken.", func(r *full) string { return r.s.StatementID }), "statements.statement_id"),
		str("publisher", "Who published the source.", func(r *full) string { return r.so.Publisher }),
		str("quote", "The source's exact words.", func(r *full) string { return r.st.Quote }),
	)
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
