package build

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"newsfacts/schema"
)

// finishEntities makes the table in place, from rows in entityRows and,
// past its room, rows on their own: the entities in declaration order,
// without the outlets no one uses, each row whole whichever moved onto it.
func TestFinishEntitiesInPlace(t *testing.T) {
	for room := range 7 {
		b := &builder{ds: &schema.Dataset{}, entities: map[string]*entityInfo{}, entityRows: make([]schema.Entity, 0, room)}
		var want []schema.Entity
		for i, d := range []struct {
			id           string
			outlet, used bool
		}{
			{"unused-outlet", true, false},
			{"person-a", false, false},
			{"used-outlet", true, true},
			{"unused-outlet-2", true, false},
			{"person-b", false, true},
			{"person-c", false, false},
		} {
			e := &entityInfo{Entity: b.newEntity(), outlet: d.outlet, used: d.used}
			e.ID, e.Name, e.Kind = d.id, d.id+" name", schema.EntityKinds[i%len(schema.EntityKinds)]
			if i%2 == 0 {
				e.Aliases = []string{d.id + " alias"}
			}
			b.entities[e.ID] = e
			b.declared = append(b.declared, e)
			if !d.outlet || d.used {
				row := *e.Entity
				if row.Aliases == nil {
					row.Aliases = []string{}
				}
				want = append(want, row)
			}
		}
		b.finishEntities()
		if diff := cmp.Diff(want, b.ds.Entities); diff != "" {
			t.Errorf("room for %d rows: (-want +got)\n%s", room, diff)
		}
		if b.entities != nil || b.declared != nil || b.entityRows != nil {
			t.Errorf("room for %d rows: the entities can still be looked up, their rows moved", room)
		}
	}
}
