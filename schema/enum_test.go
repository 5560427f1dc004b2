package schema

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Every value of every category is written as its own word, read back
// from it, and written so in JSON; none is written "" but the zero value.
func TestEnumWords(t *testing.T) {
	testWords(t, EntityKinds)
	testWords(t, StatementKinds)
	testWords(t, DatePrecisions)
	testWords(t, DateBases)
	testWords(t, QuoteTypes)
	testWords(t, StanceKinds)
	testWords(t, ParticipantRoles)
	testWords(t, CountryRoleKinds)
}

func testWords[E Enum](t *testing.T, all []E) {
	t.Helper()
	var none E
	if none.String() != "" {
		t.Errorf("%T: the zero value is written %q, not as none", none, none.String())
	}
	if v, ok := Parse("", all); ok {
		t.Errorf("%T: the empty word reads as %v", none, v)
	}
	if v, ok := Parse("not a word of it", all); ok {
		t.Errorf("%T: an unknown word reads as %v", none, v)
	}
	seen := map[string]bool{}
	for _, v := range all {
		w := v.String()
		if w == "" || seen[w] {
			t.Errorf("%T(%d) is written %q, empty or as another value is", v, v, w)
		}
		seen[w] = true
		if got, ok := Parse(w, all); !ok || got != v {
			t.Errorf("%T: %q reads as %v, %v; want %v", v, w, got, ok, v)
		}
		if j, err := json.Marshal(map[string]E{"v": v}); err != nil || string(j) != `{"v":"`+w+`"}` {
			t.Errorf("%T(%d) in JSON: %s, %v", v, v, j, err)
		}
	}
	if got := Words(all); len(got) != len(all) || got[0] != all[0].String() {
		t.Errorf("Words: %q", got)
	}
	// A value past the last (made by hand: Build never makes one) is
	// written as its type and number, and refused in JSON, not a panic.
	past := E(len(all) + 1)
	if got, want := past.String(), fmt.Sprintf("schema.%s(%d)", reflect.TypeFor[E]().Name(), len(all)+1); got != want {
		t.Errorf("%T(%d) is written %q; want %q", past, past, got, want)
	}
	if j, err := json.Marshal(map[string]E{"v": past}); err == nil || !strings.Contains(err.Error(), "is not a value of its type") {
		t.Errorf("%T(%d) in JSON: %s, %v; want an error", past, past, j, err)
	}
}

// The statements' table is the largest of the dataset: its row has no
// padding (see Statement), which a field added in the wrong place would
// bring back.
func TestStatementRowUnpadded(t *testing.T) {
	typ := reflect.TypeFor[Statement]()
	var sum uintptr
	for i := range typ.NumField() {
		sum += typ.Field(i).Type.Size()
	}
	if typ.Size() != sum {
		t.Errorf("a Statement is %d bytes, of which %d are padding: put the small fields together", typ.Size(), typ.Size()-sum)
	}
}

// Compare orders dates as the calendar does (it compares fields, not
// times), and the zero Date first.
func TestDateCompare(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	day := func() Date { return MakeDate(1900+r.IntN(200), time.Month(1+r.IntN(12)), 1+r.IntN(31)) }
	for range 10000 {
		a, b := day(), day()
		if got, want := a.Compare(b), a.Time().Compare(b.Time()); got != want {
			t.Fatalf("%s.Compare(%s) = %d, want %d", a, b, got, want)
		}
		if a.Before(b) != a.Time().Before(b.Time()) {
			t.Fatalf("%s.Before(%s) = %v", a, b, a.Before(b))
		}
		if (Date{}).Compare(a) != -1 || a.Compare(Date{}) != 1 {
			t.Fatalf("the zero Date does not come before %s", a)
		}
	}
	if got := MakeDate(2022, time.February, 29); got != (Date{2022, 3, 1}) {
		t.Errorf("MakeDate(2022-02-29) = %s, want 2022-03-01", got)
	}
}
