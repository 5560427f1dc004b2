package schema

// Term is an entry of the glossary: what a word means in this dataset.
type Term struct {
	Term       string
	Definition string
}

// Glossary explains the words a reader needs to read the dataset without
// being misled. Exports for people (the workbook's README sheet, the
// release's README) print it; it is written once, here.
var Glossary = []Term{
	{"statement", "A row of the statements table records that, according to a source, someone said or did something on some date. It is what the source reports, never an established fact."},
	{"claim", "A proposition that someone made, written as a neutral sentence. A claim is never presented as true or false: the stances table says who asserts, denies, retracts or declines to address it, in which statement."},
	{"stance", "The position an entity takes on a claim in one statement: " + StanceGlossary() + "."},
	{"quote", "The source's exact words for a statement, character for character, typos included. quote_start and quote_end locate them in the source text (counted in Unicode code points, end exclusive)."},
	{"date precision", "How much of a date is known: day, month or year. A month- or year-precise date is stored as the first day of that period and shown as yyyy-mm or yyyy; unknown means the source gives no date."},
	{"inferred date", "A date whose year (or more) the source does not state next to the statement, taken from elsewhere, usually the publication date; date_basis is inferred and date_note says how. The bounds date_earliest and date_latest are always inferred. A stated date is the source's own words."},
	{"conflict", "Two or more sources (or one source twice) that give incompatible values for the same event, such as different dates or places. Every version is kept, attributed to its source; none is chosen as true."},
	{"country role", "The part a country plays in a statement, as the statement puts it: alleged_producer means someone alleged it, not that it is so."},
	{"figure", "A number as a statement gives it: a claimed number, not a verified count."},
	{"NULL", "A missing value: the source does not say, or the column does not apply to the row (a person has no ISO country code; a statement the source reports itself has no reported_by_id). It is an empty cell in the workbook and the CSV, and NULL in Parquet; it never means zero."},
}

// Citation is how to cite the release, from its own metadata.
func (m Meta) Citation() string {
	c := m.Title + " (version " + m.Version + ", released " + m.Released.String() + "). Dataset \"" + m.Name + "\"."
	if m.License != "" {
		c += " Licence: " + m.License + "."
	}
	return c
}
