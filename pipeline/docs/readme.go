package docs

import (
	"fmt"
	"io"
	"path"
	"strings"

	"newsfacts/pipeline/manifest"
	"newsfacts/schema"
)

// ListedSources is how many sources a release's README lists, in this
// file and in the workbook's README sheet: enough for a desk's story, and
// short enough to read. The sources table lists them all.
const ListedSources = 100

// Release is what the release's README describes.
type Release struct {
	Meta    schema.Meta
	Sources []schema.Source // in id order, as the dataset's table holds them: the README lists the first ListedSources
	Tables  []schema.Table
	Files   []manifest.File // the data files and documents; README.md, datapackage.json and SHA256SUMS are added

	Glossary []schema.Term
	Changes  string // a one-paragraph summary of the changes, in Markdown
}

// fileDoc says what a file of the release holds, by its path.
func fileDoc(path string) string {
	dir, base, _ := strings.Cut(path, "/")
	if base == "" {
		base, dir = dir, ""
	}
	name := base[:len(base)-len(ext(base))]
	switch {
	case dir == "csv":
		return fmt.Sprintf("Table `%s` as CSV: UTF-8, RFC 4180, a header row; an empty field is NULL, a list is a JSON array, a date is YYYY-MM-DD.", name)
	case dir == "parquet":
		return fmt.Sprintf("Table `%s` as Parquet: typed columns, real NULLs, the data dictionary in the file's metadata.", name)
	case ext(base) == ".xlsx":
		return "The workbook for reading: a README sheet, one sheet per table, the codebook, conflicting reports side by side and, when the release was compared with a previous one, the changes."
	case dir == "charts" && base == "index.html":
		return "The charts: a gallery page linking each chart. Every page works offline."
	case dir == "charts" && ext(base) == ".html":
		return "A chart, as a page to open or embed; it loads only files of this folder."
	case dir == "charts" && ext(base) == ".png":
		return "A chart as an image, for print (rendered by headless Chromium)."
	case dir == "charts":
		return "A file the charts load: ECharts, the TopoJSON reader or the world map (from npm packages)."
	case base == "datapackage.json":
		return "The Frictionless Data Package (v2) descriptor: every file with its size and SHA-256, each table's schema with types, keys and descriptions."
	case base == "CODEBOOK.md":
		return "Every column of every table: type, whether it may be NULL, description, allowed values."
	case base == "CHANGES.md":
		return "The release notes: what changed since the previous release, row by row."
	case base == "SHA256SUMS":
		return "The SHA-256 of every file: check the release with `sha256sum -c SHA256SUMS`."
	}
	return ""
}

func ext(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i:]
	}
	return ""
}

// WriteReadme writes the release's README.md.
func WriteReadme(w io.Writer, r Release) error {
	m := r.Meta
	b := &strings.Builder{}
	fmt.Fprintf(b, "# %s\n\n%s\n\n", m.Title, m.Description)
	fmt.Fprintf(b, "- Dataset: `%s`, version %s, released %s\n", m.Name, m.Version, m.Released)
	fmt.Fprintf(b, "- Table contract (schema) version: %s\n", schema.SchemaVersion)
	if m.LicenseURL != "" {
		fmt.Fprintf(b, "- Licence: [%s](%s)\n", m.License, m.LicenseURL)
	} else {
		fmt.Fprintf(b, "- Licence: %s\n", m.License)
	}
	fmt.Fprintf(b, "- How to cite: %s\n", m.Citation())

	fmt.Fprintf(b, "\nEvery statement in this dataset records what a source reports someone said or did, with the source's exact words and their position in its text. It is never an established fact. The sources' texts are not included: each quote carries the offsets of its words and each source the SHA-256 of its text.\n")

	fmt.Fprintf(b, "\n## Sources\n\n")
	for _, s := range r.Sources[:min(len(r.Sources), ListedSources)] {
		fmt.Fprintf(b, "- %s, “%s”, %s. <%s> (text SHA-256 `%s`, %d characters)\n", s.Publisher, s.Title, s.Published, s.URL, s.TextSHA256, s.TextLength)
	}
	if len(r.Sources) > ListedSources {
		var files []string
		for _, f := range r.Files {
			switch name := path.Base(f.Path); {
			case strings.TrimSuffix(name, path.Ext(name)) == "sources":
				files = append(files, fmt.Sprintf("[%s](%s)", f.Path, f.Path))
			case path.Ext(name) == ".xlsx":
				files = append(files, fmt.Sprintf("the sheet sources of [%s](%s)", f.Path, f.Path))
			}
		}
		fmt.Fprintf(b, "\nThe first %d of %d sources, by source_id: the table `sources` lists them all (%s).\n", ListedSources, len(r.Sources), strings.Join(files, ", "))
	}

	fmt.Fprintf(b, "\n## Tables\n\n| table | rows | what it holds |\n| --- | ---: | --- |\n")
	for _, t := range r.Tables {
		fmt.Fprintf(b, "| `%s` | %d | %s |\n", t.Name, t.Len, escapeCell(t.Doc))
	}
	fmt.Fprintf(b, "\nEvery column is described in [CODEBOOK.md](CODEBOOK.md).\n")

	fmt.Fprintf(b, "\n## How to read it\n\n")
	for _, t := range r.Glossary {
		fmt.Fprintf(b, "- **%s**: %s\n", t.Term, t.Definition)
	}

	fmt.Fprintf(b, "\n## Changes\n\n%s\n", r.Changes)

	fmt.Fprintf(b, "\n## Files\n\n| file | bytes | what it holds |\n| --- | ---: | --- |\n")
	for _, f := range r.Files {
		fmt.Fprintf(b, "| [%s](%s) | %d | %s |\n", f.Path, f.Path, f.Bytes, escapeCell(fileDoc(f.Path)))
	}
	// Written after this file, so their sizes cannot be given here.
	for _, name := range []string{"datapackage.json", "SHA256SUMS"} {
		fmt.Fprintf(b, "| [%s](%s) | | %s |\n", name, name, escapeCell(fileDoc(name)))
	}
	fmt.Fprintf(b, "| README.md | | This file. |\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func escapeCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
