package cli

import (
	"fmt"
	"io"
	"strings"

	"newsfacts/schema"
)

// writeCodebook prints the table contract as Markdown, from the schema's own
// column descriptions: the README's contract section is this output, and a
// test keeps the two equal.
func writeCodebook(w io.Writer) {
	tables := (&schema.Dataset{}).Tables()
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
