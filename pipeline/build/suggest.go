package build

import (
	"cmp"
	"maps"
	"slices"
	"sync"

	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/normalize"
	"newsfacts/pipeline/parallel"
)

// maxSuggestions bounds how many errors about unknown references get a
// "did you mean": each is compared with every id or name of its kind,
// which for an entity at a million statements (half a million entities,
// a million names) takes 0.11 to 0.17 s (BenchmarkSlipClosest, on the
// machine of the README's figures). The first ones by position get it, so
// the output does not depend on the order in which files were checked.
const maxSuggestions = 20

// refKind is what an unknown reference should have named.
type refKind int

const (
	entityRef    refKind = iota // an entity id, name or alias, or a country
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

// suggest tells the first errors about unknown references the id or name
// of their kind closest to what was written, if one is close enough to be
// a slip of the keyboard (normalize.Slip): "did you mean". It needs every
// id and name, so it runs once every reference is resolved and before the
// names are let go. While a file that may declare what they refer to is
// unread, those errors are held back (see holdBack), and nothing is
// suggested: the likeliest match may be in it.
func (b *builder) suggest() {
	refs := b.unknown.refs
	b.unknown.refs = nil
	if len(refs) == 0 || len(b.unread) > 0 {
		return
	}
	slices.SortFunc(refs, func(x, y unknownRef) int {
		if x.err.Pos != y.err.Pos {
			if x.err.Pos.Less(y.err.Pos) {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(x.kind, y.kind), cmp.Compare(x.value, y.value))
	})
	refs = slices.CompactFunc(refs, func(x, y unknownRef) bool {
		return x.err.Pos == y.err.Pos && x.kind == y.kind && x.value == y.value
	})
	refs = refs[:min(len(refs), maxSuggestions)]

	// Each kind's names, with what to call each in the message, sorted:
	// the closest wins, and of those equally close the first. Made only
	// for the kinds that are needed.
	candidates := map[refKind]*candidates{}
	for _, r := range refs {
		if candidates[r.kind] == nil {
			candidates[r.kind] = b.candidates(r.kind)
		}
	}
	// Each error is its own: they are matched on every core.
	parallel.ForEach(len(refs), func(k int) {
		r := refs[k]
		c := candidates[r.kind]
		if i := normalize.NewSlip(r.value).Closest(c.names); i >= 0 {
			r.err.Msg = r.suggesting(c.says[i])
		}
	})
}

// candidates are the names a reference of a kind may use, sorted, and how
// the message calls each.
type candidates struct {
	names, says []string
}

func (b *builder) candidates(kind refKind) *candidates {
	type candidate struct{ name, says string }
	var all []candidate
	switch kind {
	case entityRef:
		for id := range b.entities {
			all = append(all, candidate{id, quoted(id)})
		}
		for name, ids := range b.byName {
			if len(ids) == 1 {
				all = append(all, candidate{name, quoted(name) + " (entity " + ids[0] + ")"})
			}
		}
		for form, code := range b.countries.Forms() {
			all = append(all, candidate{form, quoted(form) + " (country " + code + ")"})
		}
	case claimRef:
		for id := range maps.Keys(b.claims) {
			all = append(all, candidate{id, quoted(id)})
		}
	case eventRef:
		for id := range maps.Keys(b.events) {
			all = append(all, candidate{id, quoted(id)})
		}
	case statementRef:
		for id := range maps.Keys(b.stmts) {
			all = append(all, candidate{id, quoted(id)})
		}
	}
	slices.SortFunc(all, func(x, y candidate) int {
		return cmp.Or(cmp.Compare(x.name, y.name), cmp.Compare(x.says, y.says))
	})
	c := &candidates{names: make([]string, len(all)), says: make([]string, len(all))}
	for i, a := range all {
		c.names[i], c.says[i] = a.name, a.says
	}
	return c
}

func quoted(s string) string { return `"` + s + `"` }
