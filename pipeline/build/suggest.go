package build

import (
	"cmp"
	"slices"
	"sync"

	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/normalize"
	"newsfacts/pipeline/parallel"
)

// maxSuggestions bounds how many unknown entity references get a "did you
// mean": each is compared with every entity id, name and alias and every
// country name, which at a million statements (half a million entities,
// a million names) takes 0.11 s (BenchmarkSlipClosest, on the machine of
// the README's figures). The first ones by position get it, so the output
// does not depend on the order in which files were checked.
const maxSuggestions = 20

// unknownRefs records the errors about references to no entity, for
// suggest. It may run beside other calls.
type unknownRefs struct {
	mu   sync.Mutex
	refs []unknownRef
}

type unknownRef struct {
	err   *diag.Error
	value string // as the reference gives it, trimmed
}

func (u *unknownRefs) add(err *diag.Error, value string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.refs = append(u.refs, unknownRef{err, value})
}

// suggest adds to the first errors about unknown entity references the
// entity id, name or alias, or country name, closest to what was written,
// if one is close enough to be a slip of the keyboard (normalize.Slip):
// "did you mean". It needs every id and name, so it runs once every
// reference is resolved and before the names are let go. While a file that
// may declare entities is unread, those errors are held back (see
// holdBack), and nothing is suggested: the likeliest match may be in it.
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
		return cmp.Compare(x.value, y.value)
	})
	refs = slices.CompactFunc(refs, func(x, y unknownRef) bool { return x.err.Pos == y.err.Pos && x.value == y.value })
	refs = refs[:min(len(refs), maxSuggestions)]

	// Every name a reference may use, with what to call it in the
	// message, in a fixed order: the closest wins, and of those equally
	// close the first.
	type candidate struct{ name, says string }
	var candidates []candidate
	for id := range b.entities {
		candidates = append(candidates, candidate{id, quoted(id)})
	}
	for name, ids := range b.byName {
		if len(ids) == 1 {
			candidates = append(candidates, candidate{name, quoted(name) + " (entity " + ids[0] + ")"})
		}
	}
	for form, code := range b.countries.Forms() {
		candidates = append(candidates, candidate{form, quoted(form) + " (country " + code + ")"})
	}
	slices.SortFunc(candidates, func(x, y candidate) int {
		return cmp.Or(cmp.Compare(x.name, y.name), cmp.Compare(x.says, y.says))
	})
	names := make([]string, len(candidates))
	for i, c := range candidates {
		names[i] = c.name
	}
	// Each error is its own: they are matched on every core.
	parallel.ForEach(len(refs), func(k int) {
		if i := normalize.NewSlip(refs[k].value).Closest(names); i >= 0 {
			refs[k].err.Msg += "; did you mean " + candidates[i].says + "?"
		}
	})
}

func quoted(s string) string { return `"` + s + `"` }
