package parquet

import (
	"newsfacts/schema"
)

// Dictionary is the data dictionary of one table as the file's metadata
// carries it (key "table.dictionary"), taken from the schema's column
// contract.
type Dictionary struct {
	Table       string       `json:"table"`
	Description string       `json:"description"`
	PrimaryKey  []string     `json:"primary_key"`
	Columns     []ColumnInfo `json:"columns"`
}

// ColumnInfo describes one column.
type ColumnInfo struct {
	Name        string   `json:"name"`
	Type        string   `json:"type"` // the schema's logical type: string, integer, number, boolean, date, list<string>
	Nullable    bool     `json:"nullable"`
	Description string   `json:"description"`
	Values      []string `json:"values,omitempty"`     // the allowed values of a categorical column
	References  string   `json:"references,omitempty"` // "table.column" of a foreign key
	Format      string   `json:"format,omitempty"`     // "uri" for a web address
	Precision   string   `json:"precision_column,omitempty"`
	Basis       string   `json:"basis_column,omitempty"`
}

// DictionaryOf returns t's data dictionary.
func DictionaryOf(t schema.Table) Dictionary {
	d := Dictionary{Table: t.Name, Description: t.Doc, PrimaryKey: t.Key, Columns: []ColumnInfo{}}
	for _, c := range t.Columns {
		d.Columns = append(d.Columns, ColumnInfo{
			Name: c.Name, Type: string(c.Type), Nullable: c.Nullable, Description: c.Doc,
			Values: c.Values, References: c.Ref, Format: c.Format, Precision: c.Precision, Basis: c.Basis,
		})
	}
	return d
}
