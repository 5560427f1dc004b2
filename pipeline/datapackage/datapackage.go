// Package datapackage describes a release as a Frictionless Data Package
// (v2.0, https://datapackage.org): one resource per file, and for the CSV
// and Parquet files a Table Schema with types, descriptions, allowed
// values, primary and foreign keys and missing values, all taken from the
// schema's table contract.
package datapackage

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"newsfacts/pipeline/manifest"
	"newsfacts/schema"
)

// Profile is the Data Package profile this package writes.
const Profile = "https://datapackage.org/profiles/2.0/datapackage.json"

// Package is a Data Package descriptor. Field order is the order written.
type Package struct {
	Schema      string     `json:"$schema"`
	Name        string     `json:"name"`
	Title       string     `json:"title,omitempty"`
	Description string     `json:"description,omitempty"`
	Version     string     `json:"version"`
	Created     string     `json:"created"`
	Licenses    []License  `json:"licenses,omitempty"`
	Sources     []Source   `json:"sources,omitempty"`
	Resources   []Resource `json:"resources"`
	// SchemaVersion is the version of the table contract (not a Data
	// Package property: Data Package allows extra properties).
	SchemaVersion string `json:"schema_version"`
}

// License is a licence of the data.
type License struct {
	Name string `json:"name"`
	Path string `json:"path,omitempty"`
}

// Source is a source of the data: one article.
type Source struct {
	Title string `json:"title"`
	Path  string `json:"path,omitempty"`
}

// Resource is one file of the release.
type Resource struct {
	Name        string       `json:"name"`
	Path        string       `json:"path"`
	Type        string       `json:"type,omitempty"` // "table" for tabular data
	Title       string       `json:"title,omitempty"`
	Description string       `json:"description,omitempty"`
	Format      string       `json:"format"`
	MediaType   string       `json:"mediatype"`
	Encoding    string       `json:"encoding,omitempty"`
	Bytes       int64        `json:"bytes"`
	Hash        string       `json:"hash"` // "sha256:<hex>"
	Dialect     *Dialect     `json:"dialect,omitempty"`
	Schema      *TableSchema `json:"schema,omitempty"`
}

// Dialect describes the CSV files.
type Dialect struct {
	Header         bool   `json:"header"`
	Delimiter      string `json:"delimiter"`
	LineTerminator string `json:"lineTerminator"`
	QuoteChar      string `json:"quoteChar"`
	DoubleQuote    bool   `json:"doubleQuote"`
}

// TableSchema is a Frictionless Table Schema.
type TableSchema struct {
	Fields        []Field      `json:"fields"`
	PrimaryKey    []string     `json:"primaryKey,omitempty"`
	ForeignKeys   []ForeignKey `json:"foreignKeys,omitempty"`
	MissingValues []string     `json:"missingValues,omitempty"` // for CSV: NULL is the empty field
}

// Field is a column.
type Field struct {
	Name        string       `json:"name"`
	Type        string       `json:"type"`
	Format      string       `json:"format,omitempty"`
	Description string       `json:"description"`
	Constraints *Constraints `json:"constraints,omitempty"`
}

// Constraints on a field's values.
type Constraints struct {
	Required bool     `json:"required,omitempty"`
	Enum     []string `json:"enum,omitempty"`
}

// ForeignKey says that a field's values are values of another resource's field.
type ForeignKey struct {
	Fields    []string  `json:"fields"`
	Reference Reference `json:"reference"`
}

// Reference is the target of a foreign key; Resource is empty for a key
// into the same resource.
type Reference struct {
	Resource string   `json:"resource,omitempty"`
	Fields   []string `json:"fields"`
}

// Kinds of file, by extension.
var formats = map[string]struct{ format, mediaType, encoding string }{
	".csv":     {"csv", "text/csv", "utf-8"},
	".parquet": {"parquet", "application/vnd.apache.parquet", ""},
	".xlsx":    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ""},
	".md":      {"md", "text/markdown", "utf-8"},
	".html":    {"html", "text/html", "utf-8"},
	".js":      {"js", "text/javascript", "utf-8"},
	".png":     {"png", "image/png", ""},
}

// New describes the release: meta and sources from the dataset, one
// resource per file (in the order given), with a Table Schema for each
// file named csv/<table>.csv or parquet/<table>.parquet.
func New(meta schema.Meta, sources []schema.Source, tables []schema.Table, files []manifest.File) (*Package, error) {
	p := &Package{
		Schema: Profile, Name: meta.Name, Title: meta.Title, Description: meta.Description,
		Version: meta.Version, Created: meta.Released.Time().Format("2006-01-02T15:04:05Z"),
		SchemaVersion: schema.SchemaVersion,
	}
	if meta.License != "" {
		p.Licenses = []License{{Name: meta.License, Path: meta.LicenseURL}}
	}
	for _, s := range sources {
		p.Sources = append(p.Sources, Source{Title: fmt.Sprintf("%s: %s (%s)", s.Publisher, s.Title, s.Published), Path: s.URL})
	}
	byName := map[string]schema.Table{}
	for _, t := range tables {
		byName[t.Name] = t
	}
	for _, f := range files {
		ext := filepath.Ext(f.Path)
		kind, ok := formats[ext]
		if !ok {
			return nil, fmt.Errorf("%s: no Data Package format for %q files", f.Path, ext)
		}
		r := Resource{
			Name: resourceName(f.Path), Path: f.Path, Format: kind.format, MediaType: kind.mediaType,
			Encoding: kind.encoding, Bytes: f.Bytes, Hash: "sha256:" + f.SHA256,
		}
		dir, base := filepath.Split(f.Path)
		if t, ok := byName[strings.TrimSuffix(base, ext)]; ok && (dir == "csv/" || dir == "parquet/") {
			suffix := ""
			if dir == "parquet/" {
				suffix = "-parquet"
			}
			r.Type, r.Title, r.Description = "table", t.Name, t.Doc
			r.Schema = tableSchema(t, suffix)
			if ext == ".csv" {
				r.Schema.MissingValues = []string{""}
				r.Dialect = &Dialect{Header: true, Delimiter: ",", LineTerminator: "\r\n", QuoteChar: `"`, DoubleQuote: true}
			}
		}
		p.Resources = append(p.Resources, r)
	}
	return p, nil
}

// resourceName names a file's resource: a CSV table by its table name, a
// Parquet table by its name and "-parquet", any other file by its path
// ("charts/map.html" is "charts-map.html").
func resourceName(path string) string {
	dir, base := filepath.Split(path)
	name := strings.TrimSuffix(base, filepath.Ext(base))
	switch dir {
	case "csv/":
		return name
	case "parquet/":
		return name + "-parquet"
	}
	return strings.NewReplacer("/", "-", " ", "-").Replace(strings.ToLower(path))
}

// tableSchema is t's Table Schema; references go to resources named
// <table><suffix>.
func tableSchema(t schema.Table, suffix string) *TableSchema {
	s := &TableSchema{PrimaryKey: t.Key}
	for _, c := range t.Columns {
		f := Field{Name: c.Name, Type: fieldType(c.Type), Description: c.Doc}
		if c.Format == "uri" {
			f.Format = "uri"
		}
		if !c.Nullable || c.Values != nil {
			f.Constraints = &Constraints{Required: !c.Nullable, Enum: c.Values}
		}
		s.Fields = append(s.Fields, f)
		if c.Ref != "" {
			table, column, _ := strings.Cut(c.Ref, ".")
			ref := Reference{Resource: table + suffix, Fields: []string{column}}
			if table == t.Name {
				ref.Resource = "" // a key into the same resource
			}
			s.ForeignKeys = append(s.ForeignKeys, ForeignKey{Fields: []string{c.Name}, Reference: ref})
		}
	}
	return s
}

// fieldType maps a schema type to a Table Schema type. A list of strings
// is an array: in CSV a JSON array, in Parquet a LIST (the published v2.0
// profile has no "list" type).
func fieldType(t schema.Type) string {
	switch t {
	case schema.TypeStringList:
		return "array"
	case schema.TypeInteger, schema.TypeNumber, schema.TypeBoolean, schema.TypeDate, schema.TypeString:
		return string(t)
	}
	return "any"
}

// Marshal renders the descriptor as indented JSON with a final newline.
func (p *Package) Marshal() ([]byte, error) {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Read reads the descriptor of a release folder.
func Read(dir string) (*Package, error) {
	b, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	if err != nil {
		return nil, err
	}
	var p Package
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "datapackage.json"), err)
	}
	return &p, nil
}
