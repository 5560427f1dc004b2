package coverage

import "newsfacts/pipeline/diag"

// Status says how the facts account for a mention.
type Status string

const (
	Captured Status = "captured" // a fact records it
	Ignored  Status = "ignored"  // the facts say why it is left out
	Missing  Status = "missing"  // nothing accounts for it: the facts are incomplete
)

// Item is one mention of a source text and how the facts account for it.
type Item struct {
	Mention
	SourceID string
	Pos      diag.Pos // the mention's line and column in the source text file
	Status   Status
	By       string // the statement that captures it, or the reason it is ignored
}
