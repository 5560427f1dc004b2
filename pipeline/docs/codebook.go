// Package docs writes the release's documents for people: the README of a
// release and the codebook, in Markdown, from the dataset's metadata and the
// schema's own table contract.
package docs

import (
	"fmt"
	"io"
	"strings"

	"newsfacts/schema"
)

// WriteCodebook prints the contract of tables as Markdown, from the schema's
// own column descriptions: the repository README's table section and the
// release's CODEBOOK.md are this output.
func WriteCodebook(w io.Writer, tables []schema.Table) {
	for i, t := range tables {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "### `%s`\n\n%s Primary key: %s.\n\n", t.Name, t.Doc, "`"+strings.Join(t.Key, "`, `")+"`")
		fmt.Fprintln(w, "| column | type | null | description |")
		fmt.Fprintln(w, "| --- | --- | --- | --- |")
		for _, c := range t.Columns {
			null := ""
			if c.Nullable {
				null = "yes"
			}
			doc := c.Doc
			if c.Values != nil {
				doc += " Values: `" + strings.Join(c.Values, "`, `") + "`."
			}
			if c.Ref != "" {
				doc += " Refers to `" + c.Ref + "`."
			}
			fmt.Fprintf(w, "| `%s` | %s | %s | %s |\n", c.Name, c.Type, null, strings.ReplaceAll(doc, "|", `\|`))
		}
	}
}
