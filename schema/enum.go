package schema

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

func (k EntityKind) String() string      { return entityKindNames[k] }
func (k StatementKind) String() string   { return statementKindNames[k] }
func (p DatePrecision) String() string   { return datePrecisionNames[p] }
func (b DateBasis) String() string       { return dateBasisNames[b] }
func (q QuoteType) String() string       { return quoteTypeNames[q] }
func (s StanceKind) String() string      { return stanceKindNames[s] }
func (r ParticipantRole) String() string { return participantRoleNames[r] }
func (r CountryRoleKind) String() string { return countryRoleKindNames[r] }

func (k EntityKind) MarshalText() ([]byte, error)      { return []byte(k.String()), nil }
func (k StatementKind) MarshalText() ([]byte, error)   { return []byte(k.String()), nil }
func (p DatePrecision) MarshalText() ([]byte, error)   { return []byte(p.String()), nil }
func (b DateBasis) MarshalText() ([]byte, error)       { return []byte(b.String()), nil }
func (q QuoteType) MarshalText() ([]byte, error)       { return []byte(q.String()), nil }
func (s StanceKind) MarshalText() ([]byte, error)      { return []byte(s.String()), nil }
func (r ParticipantRole) MarshalText() ([]byte, error) { return []byte(r.String()), nil }
func (r CountryRoleKind) MarshalText() ([]byte, error) { return []byte(r.String()), nil }
