package schema

import "iter"

// Rows holds a table's rows in order: in memory, or read one at a time
// from a RowSource that keeps them elsewhere, such as a file, for a table
// too large to hold (at a million statements, the statements' rows and
// their text are 450 MB). The zero Rows has none. Rows is a small value,
// copied freely; the rows it holds are shared, never copied.
type Rows[T any] struct {
	held   []T
	source RowSource[T]
}

// RowSource gives a table's rows one at a time. Row may be called from
// several goroutines at once. A source that can fail (reading a file)
// has no error for each row: it keeps the first and reports it from an
// Err() error method, which Dataset.Err asks every table's source for.
type RowSource[T any] interface {
	Len() int
	// Row fills dst with row i, or with the zero row if it cannot be read.
	Row(i int, dst *T)
}

// RowsOf holds rows in memory. The slice is kept, not copied.
func RowsOf[T any](rows []T) Rows[T] { return Rows[T]{held: rows} }

// RowsFrom reads rows from a source.
func RowsFrom[T any](source RowSource[T]) Rows[T] { return Rows[T]{source: source} }

// Len is the number of rows.
func (r Rows[T]) Len() int {
	if r.source != nil {
		return r.source.Len()
	}
	return len(r.held)
}

// Row fills dst with row i. It may be called from several goroutines at once.
func (r Rows[T]) Row(i int, dst *T) {
	if r.source != nil {
		r.source.Row(i, dst)
		return
	}
	*dst = r.held[i]
}

// At returns row i.
func (r Rows[T]) At(i int) T {
	var row T
	r.Row(i, &row)
	return row
}

// All yields each row in order, with its number. The row is the same
// variable each time, filled anew: a caller that keeps a row copies it.
func (r Rows[T]) All() iter.Seq2[int, *T] {
	return func(yield func(int, *T) bool) {
		var row T
		for i := range r.Len() {
			r.Row(i, &row)
			if !yield(i, &row) {
				return
			}
		}
	}
}

// Err is the first error the rows' source met, if it can fail.
func (r Rows[T]) Err() error {
	if f, ok := r.source.(interface{ Err() error }); ok {
		return f.Err()
	}
	return nil
}

// Close lets go of what the rows' source holds (its file), if anything;
// the rows cannot be read after it.
func (r Rows[T]) Close() error {
	if c, ok := r.source.(interface{ Close() error }); ok {
		return c.Close()
	}
	return nil
}

// Collect returns every row, held in memory: for a table known to be
// small, or a test.
func (r Rows[T]) Collect() []T {
	if r.source == nil {
		return r.held
	}
	rows := make([]T, r.Len())
	for i := range rows {
		r.Row(i, &rows[i])
	}
	return rows
}
