package build

import (
	"unsafe"

	"newsfacts/pipeline/blocks"
	"newsfacts/pipeline/load"
	"newsfacts/schema"
)

// A value decoded from YAML is part of its file's text, never a copy (see
// load). A row that keeps one keeps the whole text: the facts files of a
// million statements are 467 MiB, most of it keys, quotes and layout that
// no row needs. As each facts file is drafted, detach copies the values its
// drafts keep out of its text, into blocks of their own, and once its batch
// is committed the text can go.
//
// Only values that lie in a file's text are copied: an entity's id, which
// many rows share, is a copy already, made when its file was read (see
// load.Facts). A statement's own row is not copied out at all: it is
// written to a file as it is committed, while the texts are held (see
// spill), and only what its stmtInfo keeps is copied (see draft).
// A detacher copies into blocks (see package blocks), and is reused from
// file to file (builder.detachers) so that the free part of its block is
// not lost.

// addresses are where a text lies in memory: from its first byte to past its last.
type addresses struct{ from, to uintptr }

func addressesOf(text string) addresses {
	from := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	return addresses{from, from + uintptr(len(text))}
}

// holds says whether s lies in the text. A string cannot span two
// allocations, so where it starts says it.
func (a addresses) holds(s string) bool {
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	return s != "" && a.from <= p && p < a.to
}

// detacher copies the values that lie in a text into blocks of its own.
type detacher struct {
	from   addresses // of the text
	copier blocks.Copier
	// recent are the values copied last, by where they lie: a statement's
	// id is kept by its row and by each row that belongs to it, and is
	// copied once.
	recent [64]recentCopy
}

type recentCopy struct {
	at   *byte
	n    int
	copy string
}

// within sets the text whose values d copies out. The values copied from
// the text before are forgotten: they hold that text.
func (d *detacher) within(text string) {
	d.recent = [len(d.recent)]recentCopy{}
	d.from = addressesOf(text)
}

// copyOut returns s, copied if it lies in d's text.
func (d *detacher) copyOut(s string) string {
	if !d.from.holds(s) {
		return s
	}
	at := unsafe.StringData(s)
	r := &d.recent[uintptr(unsafe.Pointer(at))*0x9E3779B97F4A7C15>>58]
	if r.at == at && r.n == len(s) {
		return r.copy
	}
	c := d.copier.Copy(s)
	r.at, r.n, r.copy = at, len(s), c
	return c
}

func detach[S ~string](d *detacher, s *S) { *s = S(d.copyOut(string(*s))) }

func (d *detacher) stance(r *schema.Stance) {
	detach(d, &r.ClaimID)
	detach(d, &r.StatementID)
	detach(d, &r.EntityID)
}

func (d *detacher) participant(r *schema.Participant) {
	detach(d, &r.StatementID)
	detach(d, &r.EntityID)
}

func (d *detacher) countryRole(r *schema.CountryRole) {
	detach(d, &r.ISO3)
	detach(d, &r.Country)
	detach(d, &r.StatementID)
}

func (d *detacher) figure(r *schema.Figure) {
	detach(d, &r.ID)
	detach(d, &r.StatementID)
	detach(d, &r.Measure)
	detach(d, &r.Unit)
	detach(d, &r.ValueText)
}

// scalar copies v's value out, keeping where it was written.
func (d *detacher) scalar(v *load.Scalar) { v.Value = d.copyOut(v.Value) }

// draft copies out the values that a statement's draft and its rows keep.
func (d *detacher) draft(t *stmtDraft) {
	s := t.info
	if s == nil {
		return
	}
	// The row is written to a file as it is committed (see spill), while
	// the texts are held: what its stmtInfo keeps of it is copied out.
	detach(d, &s.ID)
	detach(d, &s.row.EventID)
	detach(d, &s.row.PlaceID)
	if t.respondsTo.Set() {
		d.scalar(&t.respondsTo)
	}
	for i := range t.stances {
		d.stance(&t.stances[i])
	}
	for i := range t.participants {
		d.participant(&t.participants[i])
	}
	for i := range t.countryRoles {
		d.countryRole(&t.countryRoles[i])
	}
	for i := range t.figures {
		d.figure(&t.figures[i].figure)
		d.scalar(&t.figures[i].id)
	}
	for i := range t.used {
		detach(d, &t.used[i])
	}
}
