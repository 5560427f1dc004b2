package coverage

import "newsfacts/pipeline/diag"

// Status says how the facts account for a mention.
type Status string

const (
	Captured Status = "captured" // a fact records it
	Ignored  Status = "ignored"  // the facts say why it is left out
	Missing  Status = "missing"  // nothing accounts for it: the facts are incomplete
)

// Counts tallies mentions by how the facts account for them.
type Counts struct{ Captured, Ignored, Missing int }

// Add counts one mention of status s.
func (c *Counts) Add(s Status) {
	switch s {
	case Captured:
		c.Captured++
	case Ignored:
		c.Ignored++
	default:
		c.Missing++
	}
}

// Merge adds the counts of o.
func (c *Counts) Merge(o Counts) {
	c.Captured += o.Captured
	c.Ignored += o.Ignored
	c.Missing += o.Missing
}

// Mentions is how many mentions are counted.
func (c Counts) Mentions() int { return c.Captured + c.Ignored + c.Missing }

// Item is one mention of a source text and how the facts account for it.
type Item struct {
	Mention
	SourceID string
	Pos      diag.Pos // the mention's line and column in the source text file
	Status   Status
	By       string // the statement that captures it, or the reason it is ignored
}
