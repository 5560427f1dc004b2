package schema

import (
	"errors"
	"slices"
	"testing"
)

// countingSource is a RowSource that counts the rows it is asked for and
// fails on one.
type countingSource struct {
	rows   []Statement
	failAt int
	read   int
	err    error
	closed bool
}

func (s *countingSource) Len() int { return len(s.rows) }

func (s *countingSource) Row(i int, dst *Statement) {
	s.read++
	if i == s.failAt {
		s.err = errors.New("row unreadable")
		*dst = Statement{}
		return
	}
	*dst = s.rows[i]
}

func (s *countingSource) Err() error   { return s.err }
func (s *countingSource) Close() error { s.closed = true; return nil }

// Rows read from a source give the same table as rows held, read each
// row once for all its columns, and pass on the source's error and Close.
func TestRowsFromSource(t *testing.T) {
	held := []Statement{{ID: "s1", Quote: "one", Date: MakeDate(2022, 11, 3)}, {ID: "s2", Quote: "two"}, {ID: "s3", Summary: "three"}}
	src := &countingSource{rows: held, failAt: -1}
	fromSource := &Dataset{Statements: RowsFrom[Statement](src)}
	fromMemory := &Dataset{Statements: RowsOf(held)}
	if fromSource.Statements.Len() != 3 || (&Dataset{}).Statements.Len() != 0 {
		t.Fatal("Len is wrong")
	}
	a, b := fromSource.Tables()[3], fromMemory.Tables()[3]
	if a.Name != "statements" || b.Name != "statements" {
		t.Fatalf("table 3 is %s; want statements", a.Name)
	}
	ca, cb := make([]Value, len(a.Columns)), make([]Value, len(b.Columns))
	for i := range a.Len {
		a.Row(i, ca)
		b.Row(i, cb)
		if !slices.EqualFunc(ca, cb, func(x, y Value) bool {
			return x.String == y.String && x.Null == y.Null && x.Date == y.Date && x.Int == y.Int
		}) {
			t.Errorf("row %d: from a source %v; held %v", i, ca, cb)
		}
	}
	if src.read != 3 {
		t.Errorf("the source was asked for %d rows; want 3, one for each row of the table", src.read)
	}
	var ids []string
	for _, s := range fromSource.Statements.All() {
		ids = append(ids, s.ID)
	}
	if !slices.Equal(ids, []string{"s1", "s2", "s3"}) || fromSource.Statements.At(1).Quote != "two" {
		t.Errorf("All gave %q, At(1) %v", ids, fromSource.Statements.At(1))
	}
	if fromSource.Err() != nil || fromMemory.Err() != nil || fromMemory.Close() != nil {
		t.Error("an error before any")
	}
	src.failAt = 2
	if s := fromSource.Statements.At(2); s != (Statement{}) || fromSource.Err() == nil {
		t.Errorf("an unreadable row gave %v and error %v; want the zero row and the source's error", s, fromSource.Err())
	}
	if fromSource.Close(); !src.closed {
		t.Error("Close did not close the source")
	}
}
