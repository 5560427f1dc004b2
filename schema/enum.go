package schema

import "fmt"

// A categorical field (a statement's kind, a date's precision, a stance)
// is a small integer, not a string: a statement holds four, and at a
// million statements their string headers took 64 MB of the heap, and
// were 4 million pointers for the collector to follow at each of its
// cycles. Each type's zero value is none ("", written as NULL where the
// column is nullable); String gives the word the release writes, and
// Parse reads it. MarshalText writes the word too, so that a value never
// reaches JSON as a number.
//
// The types are uint16, not a byte: string(v) of a byte compiles quietly
// and gives a control character, while of any wider integer `go vet`
// (which `go test` runs) refuses it. Two bytes more a field cost nothing:
// they fill what would be padding (see Statement).

// Enum is a categorical type of the dataset.
type Enum interface {
	EntityKind | StatementKind | DatePrecision | DateBasis | QuoteType | StanceKind | ParticipantRole | CountryRoleKind
	String() string
}

// Parse returns the value of all that is written word; false if none is.
func Parse[E Enum](word string, all []E) (E, bool) {
	for _, v := range all {
		if v.String() == word {
			return v, true
		}
	}
	var none E
	return none, false
}

// Words lists the words of values, in their order.
func Words[E Enum](values []E) []string {
	words := make([]string, len(values))
	for i, v := range values {
		words[i] = v.String()
	}
	return words
}

func (k EntityKind) String() string {
	if int(k) < len(entityKindNames) {
		return entityKindNames[k]
	}
	return unnamed(k)
}

func (k StatementKind) String() string {
	if int(k) < len(statementKindNames) {
		return statementKindNames[k]
	}
	return unnamed(k)
}

func (p DatePrecision) String() string {
	if int(p) < len(datePrecisionNames) {
		return datePrecisionNames[p]
	}
	return unnamed(p)
}

func (b DateBasis) String() string {
	if int(b) < len(dateBasisNames) {
		return dateBasisNames[b]
	}
	return unnamed(b)
}

func (q QuoteType) String() string {
	if int(q) < len(quoteTypeNames) {
		return quoteTypeNames[q]
	}
	return unnamed(q)
}

func (s StanceKind) String() string {
	if int(s) < len(stanceKindNames) {
		return stanceKindNames[s]
	}
	return unnamed(s)
}

func (r ParticipantRole) String() string {
	if int(r) < len(participantRoleNames) {
		return participantRoleNames[r]
	}
	return unnamed(r)
}

func (r CountryRoleKind) String() string {
	if int(r) < len(countryRoleKindNames) {
		return countryRoleKindNames[r]
	}
	return unnamed(r)
}

func (k EntityKind) MarshalText() ([]byte, error)      { return text(k, entityKindNames[:]) }
func (k StatementKind) MarshalText() ([]byte, error)   { return text(k, statementKindNames[:]) }
func (p DatePrecision) MarshalText() ([]byte, error)   { return text(p, datePrecisionNames[:]) }
func (b DateBasis) MarshalText() ([]byte, error)       { return text(b, dateBasisNames[:]) }
func (q QuoteType) MarshalText() ([]byte, error)       { return text(q, quoteTypeNames[:]) }
func (s StanceKind) MarshalText() ([]byte, error)      { return text(s, stanceKindNames[:]) }
func (r ParticipantRole) MarshalText() ([]byte, error) { return text(r, participantRoleNames[:]) }
func (r CountryRoleKind) MarshalText() ([]byte, error) { return text(r, countryRoleKindNames[:]) }

// text is v's word in names, or an error for a value that no word is for
// (see unnamed).
func text[E ~uint16](v E, names []string) ([]byte, error) {
	if int(v) < len(names) {
		return []byte(names[v]), nil
	}
	return nil, fmt.Errorf("%s is not a value of its type", unnamed(v))
}

// unnamed is how String writes a value that no word is for (one made by
// hand, as the dataset's own code never does): its type and number, as
// fmt writes a value it knows no name for, "schema.StatementKind(9)",
// rather than a panic. The exports write it as it is; MarshalText refuses
// it, so that JSON, read by machines, never carries it as a category.
// It is a function of its own, never inlined, so that String, which the
// tables' sorts call at every comparison, stays small enough to be
// inlined itself.
//
//go:noinline
func unnamed(v any) string { return fmt.Sprintf("%T(%d)", v, v) }
