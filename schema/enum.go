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

func (k EntityKind) String() string      { return word(k, entityKindNames[:]) }
func (k StatementKind) String() string   { return word(k, statementKindNames[:]) }
func (p DatePrecision) String() string   { return word(p, datePrecisionNames[:]) }
func (b DateBasis) String() string       { return word(b, dateBasisNames[:]) }
func (q QuoteType) String() string       { return word(q, quoteTypeNames[:]) }
func (s StanceKind) String() string      { return word(s, stanceKindNames[:]) }
func (r ParticipantRole) String() string { return word(r, participantRoleNames[:]) }
func (r CountryRoleKind) String() string { return word(r, countryRoleKindNames[:]) }

func (k EntityKind) MarshalText() ([]byte, error)      { return text(k, entityKindNames[:]) }
func (k StatementKind) MarshalText() ([]byte, error)   { return text(k, statementKindNames[:]) }
func (p DatePrecision) MarshalText() ([]byte, error)   { return text(p, datePrecisionNames[:]) }
func (b DateBasis) MarshalText() ([]byte, error)       { return text(b, dateBasisNames[:]) }
func (q QuoteType) MarshalText() ([]byte, error)       { return text(q, quoteTypeNames[:]) }
func (s StanceKind) MarshalText() ([]byte, error)      { return text(s, stanceKindNames[:]) }
func (r ParticipantRole) MarshalText() ([]byte, error) { return text(r, participantRoleNames[:]) }
func (r CountryRoleKind) MarshalText() ([]byte, error) { return text(r, countryRoleKindNames[:]) }

// word is v's word in names; a value that no word is for (made by hand,
// as the dataset's own code never does) is its type and number, as fmt
// writes a value it knows no name for: "schema.StatementKind(9)", not a
// panic.
func word[E ~uint16](v E, names []string) string {
	if int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("%T(%d)", v, v)
}

// text is v's word in names, or an error for a value that no word is
// for: JSON is written for machines, which must not read
// "schema.StatementKind(9)" as a category.
func text[E ~uint16](v E, names []string) ([]byte, error) {
	if int(v) < len(names) {
		return []byte(names[v]), nil
	}
	return nil, fmt.Errorf("%s is not a value of its type", word(v, names))
}
