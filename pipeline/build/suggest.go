package build

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/normalize"
	"newsfacts/pipeline/parallel"
)

// maxSuggestions bounds how many misspellings get a "did you mean" (each
// is told to every error that writes it): each is compared with every id
// or name of its kind. For an entity at a million statements (half a
// million entities, a million names) that takes 0.11 to 0.17 s
// (BenchmarkSlipClosest), and twenty took 1.7 s in all, on two cores, in
// a check of a million-statement corpus with 21 misspelt speakers
// (2026-12-04, the machine of the README's figures). The first ones by
// position get it, so the output does not depend on the order in which
// files were checked.
const maxSuggestions = 20

// refKind is what an unknown reference should have named.
type refKind int

const (
	entityRef    refKind = iota // an entity id, name or alias, or a country
	outletRef                   // a publisher: an outlet's id, name or alias (resolved before the facts' entities are declared)
	claimRef                    // a claim id
	eventRef                    // an event id
	statementRef                // a statement id
)

// unknownRefs records the errors about references to nothing declared,
// for suggest. Its add may run beside other calls.
type unknownRefs struct {
	mu   sync.Mutex
	refs []unknownRef
}

type unknownRef struct {
	err   *diag.Error
	kind  refKind
	value string // as the reference gives it, trimmed; a copy, not its file's text, which goes before suggest runs
	// suggesting is the error's message with a suggestion, said as the
	// message shows it: a quoted name, perhaps with what it names.
	suggesting func(says string) string
}

func (u *unknownRefs) add(r unknownRef) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.refs = append(u.refs, r)
}

// word is a value written in unknown references of one kind.
type word struct {
	kind  refKind
	value string
}

// misspelling is a word with the errors that write it.
type misspelling struct {
	word
	refs []unknownRef
}

// suggest tells the errors about unknown references the id or name of
// their kind closest to what was written, if one is close enough to be a
// slip of the keyboard (normalize.Slip): "did you mean". It needs every
// id and name, so it runs once every reference is resolved and before the
// names are let go. While a file that may declare what they refer to is
// unread, those errors are held back (see holdBack), and none is recorded:
// the likeliest match may be in that file.
func (b *builder) suggest() {
	refs := b.unknown.refs
	b.unknown.refs = nil
	if len(refs) == 0 {
		return
	}
	// Only errors that are reported: a statement dropped for a taken id
	// takes its errors with it.
	reported := make(map[*diag.Error]bool, len(b.errs))
	for _, e := range b.errs {
		reported[e] = true
	}
	refs = slices.DeleteFunc(refs, func(r unknownRef) bool { return !reported[r.err] })
	slices.SortFunc(refs, func(x, y unknownRef) int {
		if x.err.Pos != y.err.Pos {
			if x.err.Pos.Less(y.err.Pos) {
				return -1
			}
			return 1
		}
		return cmp.Compare(x.kind, y.kind)
	})
	// The misspellings in the order of their first error, each once.
	var words []*misspelling
	byWord := map[word]*misspelling{}
	for _, r := range refs {
		key := word{r.kind, r.value}
		w := byWord[key]
		if w == nil {
			if len(words) == maxSuggestions {
				continue
			}
			w = &misspelling{word: key}
			byWord[key] = w
			words = append(words, w)
		}
		w.refs = append(w.refs, r)
	}
	forms := b.countries.Forms()
	// Each misspelling is its own: they are matched on every core.
	matches := make([]match, len(words))
	parallel.ForEach(len(words), func(k int) {
		w := words[k]
		if m, ok := b.closest(w.kind, w.value, forms); ok {
			matches[k] = m
			for _, r := range w.refs {
				r.err.Msg = r.suggesting(m.says)
			}
		}
	})
	b.misspeltDeclarations(words, matches)
}

// misspeltDeclarations turns the errors of a name written the same way in
// several references, whose closest match is declared but used by none,
// into one: most likely the declaration is what is misspelt ("- id:
// drones-made-in-tajikstan" and six stances of
// drones-made-in-tajikistan), and its one fix is told once, where it is
// to be made, for a claim or an event; for an entity, whose declaration's
// place is let go by now, at the first reference.
func (b *builder) misspeltDeclarations(words []*misspelling, matches []match) {
	var used map[string]bool // the claims and events that some statement refers to
	drop := map[*diag.Error]bool{}
	// A declaration that several spellings are closest to is most likely
	// right: each keeps its "did you mean".
	closestTo := map[word]int{}
	for k, w := range words {
		closestTo[word{w.kind, matches[k].id}]++
	}
	for k, w := range words {
		m := matches[k]
		if len(w.refs) < 2 || m.id == "" || closestTo[word{w.kind, m.id}] > 1 {
			continue
		}
		if used == nil && (w.kind == claimRef || w.kind == eventRef || w.kind == statementRef) {
			used = map[string]bool{}
			for _, st := range b.ds.Stances {
				used["claim "+st.ClaimID] = true
			}
			for _, s := range b.kept {
				if s.stmtEvent != nil {
					used["event "+s.EventID] = true
				}
			}
			for _, r := range b.responses {
				used["statement "+r.to.Value] = true
			}
		}
		first := w.refs[0].err
		var at diag.Pos
		var what string
		switch w.kind {
		case claimRef:
			at, what = b.claims[m.id], "claim"
		case eventRef:
			at, what = b.events[m.id], "event"
		case statementRef:
			at, what = b.idAt(b.stmts[m.id]), "statement"
		case entityRef, outletRef:
			e := b.entities[m.id]
			if e == nil || e.used {
				continue
			}
			if e.outlet {
				// An outlet's place is the reference's, which is kept.
				at = b.outletAt(m.id)
				b.errs.Add(at, "outlet %q is used by no source or statement, while %d references give %q, which no file declares (%s): one is misspelt for the other; correct this id to %q, or those references to %q", m.id, len(w.refs), w.value, places(w.refs, at.File), w.value, m.id)
				for _, r := range w.refs {
					drop[r.err] = true
				}
				continue
			}
			first.Msg = fmt.Sprintf("unknown entity %q, written in %d references (here, and %s); entity %s, declared with the closest id or name, is used by none: one is misspelt for the other; correct its id or name to %q, or these references to %q", w.value, len(w.refs), places(w.refs[1:], first.Pos.File), m.id, w.value, m.id)
			for _, r := range w.refs[1:] {
				drop[r.err] = true
			}
			continue
		default:
			continue
		}
		if used[what+" "+m.id] {
			continue
		}
		by := "no statement"
		if what == "statement" {
			by = "no responds_to"
		}
		b.errs.Add(at, "%s %q is used by %s, while %d refer to %q, which no file declares (%s): one is misspelt for the other; correct this id to %q, or those references to %q", what, m.id, by, len(w.refs), w.value, places(w.refs, at.File), w.value, m.id)
		for _, r := range w.refs {
			drop[r.err] = true
		}
	}
	b.pastedDeclarations(words, matches, drop)
	if len(drop) == 0 {
		return
	}
	// Their files stay noted as faulty (see noteFaulty): what is noted
	// keeps its count.
	for _, e := range b.errs[:b.faultyNoted] {
		if drop[e] {
			b.faultyNoted--
		}
	}
	b.errs = slices.DeleteFunc(b.errs, func(e *diag.Error) bool { return drop[e] })
}

// duplicate is the error about a claim or event id declared twice.
type duplicate struct {
	kind refKind
	err  *diag.Error
}

// pastedDeclarations joins the error about a claim or event declared with
// an id taken by another and the errors of the references to an id that
// no file declares and nothing is close to, when they are the only ones
// of their kind and in one file: most likely a declaration was pasted
// and its id not changed ("- id: tajik-made-drones" twice, and two
// stances of tajikistan-supplies-drones, declared nowhere). The error at
// the declaration says both, and the references' errors are dropped
// (added to drop): before, three errors for one slip.
func (b *builder) pastedDeclarations(words []*misspelling, matches []match, drop map[*diag.Error]bool) {
	for _, kind := range []refKind{claimRef, eventRef} {
		var dups []duplicate
		for _, d := range b.duplicates {
			if d.kind == kind && !drop[d.err] {
				dups = append(dups, d)
			}
		}
		var meant []*misspelling
		for k, w := range words {
			if w.kind == kind && matches[k].id == "" {
				meant = append(meant, w)
			}
		}
		if len(dups) != 1 || len(meant) != 1 {
			continue
		}
		d, w := dups[0], meant[0]
		if slices.ContainsFunc(w.refs, func(r unknownRef) bool { return r.err.Pos.File != d.err.Pos.File || drop[r.err] }) {
			continue
		}
		what := map[refKind]string{claimRef: "claim", eventRef: "event"}[kind]
		d.err.Msg += fmt.Sprintf("; %s %q, which no file declares (%s): if this is that %s, correct its id to %q",
			refCount(len(w.refs)), w.value, places(w.refs, d.err.Pos.File), what, w.value)
		for _, r := range w.refs {
			drop[r.err] = true
		}
	}
}

// refCount is "1 reference gives" or "n references give".
func refCount(n int) string {
	if n == 1 {
		return "1 reference gives"
	}
	return fmt.Sprintf("%d references give", n)
}

// outletAt is where the outlet of id is declared.
func (b *builder) outletAt(id string) diag.Pos {
	for _, d := range b.in.Outlets.Outlets {
		if d.ID.Value == id {
			return d.ID.Pos()
		}
	}
	return diag.Pos{File: b.in.OutletsFile}
}

// maxPlaces is how many references places lists.
const maxPlaces = 10

// places lists where refs stand: "at lines 4 and 9" when in the file
// from, else with their files; the first maxPlaces of them.
func places(refs []unknownRef, from string) string {
	sameFile := !slices.ContainsFunc(refs, func(r unknownRef) bool { return r.err.Pos.File != from })
	var list []string
	for i, r := range refs {
		if i == maxPlaces {
			list = append(list, fmt.Sprintf("%d more", len(refs)-maxPlaces))
			break
		}
		if sameFile {
			list = append(list, strconv.Itoa(r.err.Pos.Line))
		} else {
			list = append(list, r.err.Pos.String())
		}
	}
	switch {
	case !sameFile:
		return "at " + joinAnd(list)
	case len(refs) == 1:
		return "at line " + list[0]
	}
	return "at lines " + joinAnd(list)
}

// match is the closest id or name to what was written (see closest).
type match struct {
	says string // as a message shows it: quoted, perhaps with what it names
	id   string // the claim, event, statement or entity it is of; "" for a country
}

// closest finds the id or name of kind that written is the closest slip
// for, and says it as a message shows it. Of names equally close, the
// first in byte order wins, and of equal names, an id before an entity's
// name before a country's: the maps are read in any order, and the answer
// is the same. It never answers what was written itself, nor an empty name.
func (b *builder) closest(kind refKind, written string, forms map[string]string) (match, bool) {
	slip := normalize.NewSlip(written)
	type candidate struct {
		distance int
		name     string
		rank     int    // 0 an id, 1 an entity's name, 2 a country's
		of       string // the entity or country code a name is of
	}
	var best *candidate
	consider := func(name string, rank int, of string) {
		if name == "" || name == written {
			return
		}
		d, ok := slip.For(name)
		if !ok {
			return
		}
		c := candidate{d, name, rank, of}
		if best == nil || cmp.Or(cmp.Compare(c.distance, best.distance), cmp.Compare(c.name, best.name), cmp.Compare(c.rank, best.rank), cmp.Compare(c.of, best.of)) < 0 {
			best = &c
		}
	}
	switch kind {
	case entityRef:
		for id := range b.entities {
			consider(id, 0, "")
		}
		for name, e := range b.byName {
			if e != nil { // a name of several entities resolves to none
				consider(name, 1, e.ID)
			}
		}
		for form, code := range forms {
			consider(form, 2, code)
		}
	case outletRef:
		// A name or alias of several outlets resolves to none, as in byName.
		outlets := map[string][]string{}
		for id, e := range b.entities {
			if e.outlet {
				consider(id, 0, "")
				for _, n := range append([]string{e.Name}, e.Aliases...) {
					outlets[n] = append(outlets[n], id)
				}
			}
		}
		for name, ids := range outlets {
			if len(ids) == 1 {
				consider(name, 1, ids[0])
			}
		}
	case claimRef:
		for id := range b.claims {
			consider(id, 0, "")
		}
	case eventRef:
		for id := range b.events {
			consider(id, 0, "")
		}
	case statementRef:
		for id := range b.stmts {
			consider(id, 0, "")
		}
	}
	if best == nil {
		return match{}, false
	}
	var notes []string
	switch best.rank {
	case 1:
		notes = append(notes, "entity "+best.of)
	case 2:
		notes = append(notes, "country "+best.of)
	}
	// Where the id is declared: when the declaration is the misspelt one,
	// every right use is told of it, and the curator must see which.
	switch kind {
	case claimRef:
		notes = append(notes, "declared at "+b.claims[best.name].String())
	case eventRef:
		notes = append(notes, "declared at "+b.events[best.name].String())
	case statementRef:
		notes = append(notes, "at "+b.idAt(b.stmts[best.name]).String())
	}
	if w, n, ok := oneCharApart(written, best.name); ok && (w >= utf8.RuneSelf || n >= utf8.RuneSelf) {
		// A character that looks like another, as ’ and ' or the Kelvin
		// sign and K: say which. A space for a hyphen is plain to see.
		notes = append(notes, fmt.Sprintf("with %q (U+%04X) where you wrote %q (U+%04X)", n, n, w, w))
	}
	says := strconv.Quote(best.name)
	if len(notes) > 0 {
		says += " (" + strings.Join(notes, ", ") + ")"
	}
	m := match{says: says, id: best.name}
	switch best.rank {
	case 1:
		m.id = best.of
	case 2:
		m.id = ""
	}
	return m, true
}

// oneCharApart says whether a and b differ in one character at the same
// place and in nothing else, case aside (but not for a character beyond
// ASCII, which may look like an ASCII one of another case), and gives the
// two.
func oneCharApart(a, b string) (ra, rb rune, ok bool) {
	x, y := []rune(a), []rune(b)
	if len(x) != len(y) {
		return 0, 0, false
	}
	for i := range x {
		if unicode.ToLower(x[i]) != unicode.ToLower(y[i]) || x[i] != y[i] && (x[i] >= utf8.RuneSelf || y[i] >= utf8.RuneSelf) {
			if ok {
				return 0, 0, false
			}
			ra, rb, ok = x[i], y[i], true
		}
	}
	return ra, rb, ok
}
