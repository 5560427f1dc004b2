package build

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"newsfacts/pipeline/spill"
	"newsfacts/schema"
)

// The statements' rows are most of a dataset: at a million statements,
// 256 MB of rows and 190 MB of their text, held from the start of the
// checks to the end of the release. Each is written to a file as it is
// committed (see spill.Rows), and the dataset reads them back from it
// (see schema.Rows): what the checks read of a statement once its batch is
// done is in its stmtInfo.

// startSpill makes the file the statements' rows are written to, named
// after spillTo, unless it is "" (see Build). It is removed from its
// folder at once: nothing is left behind, however the build ends.
func (b *builder) startSpill(spillTo string) {
	if spillTo == "" {
		return
	}
	b.spillDir = filepath.Dir(spillTo)
	if abs, err := filepath.Abs(b.spillDir); err == nil {
		b.spillDir = abs // "." would tell a reader nothing
	}
	rows, err := spill.New[schema.Statement](spillTo, statementCodec{})
	if err != nil {
		b.spillFailed(err)
		return
	}
	b.rows = rows
}

// spill writes a committed statement's row.
func (b *builder) spill(row *schema.Statement) {
	if b.rows == nil {
		return // the file could not be made or written: Result.TempErr says why
	}
	if err := b.rows.Append(row); err != nil {
		b.spillFailed(err)
	}
}

// sealSpill ends the writing.
func (b *builder) sealSpill() {
	if b.rows == nil {
		return
	}
	if err := b.rows.Seal(); err != nil {
		b.spillFailed(err)
	}
}

// spillFailed keeps why the file of the statements could not be written
// in b.spillDir, and writes no more. It is not an error of the data: the
// checks go on, and the caller, told by Result.TempErr, writes nothing.
func (b *builder) spillFailed(err error) {
	b.spillErr = fmt.Errorf("the statements could not be written to a temporary file in %s, beside the release (it needs %s for each million statements: give -out a folder on a disk with room): %w", b.spillDir, spillRoom, err)
	if b.rows != nil {
		b.rows.Close()
		b.rows = nil
	}
}

// spillRoom is what a million statements take in the file: 240 MB for
// the synthetic corpus (dataset synth).
const spillRoom = "about 250 MB"

// statementsTable sorts the statements by id and gives them to the
// dataset: they are in the order they were committed, which is nearly
// that already.
func (b *builder) statementsTable() {
	if b.rows == nil {
		b.ds.Statements = schema.Rows[schema.Statement]{}
		return
	}
	perm := make([]int32, len(b.kept))
	for i := range perm {
		perm[i] = int32(i)
	}
	byID := func(i, j int32) int { return strings.Compare(b.kept[i].ID, b.kept[j].ID) }
	if !slices.IsSortedFunc(perm, byID) {
		slices.SortFunc(perm, byID) // ids are unique: no order among equals to keep
		b.rows.Order(perm)
	}
	b.ds.Statements = schema.RowsFrom[schema.Statement](b.rows)
}

// statementCodec writes a statement as its fields in turn: strings with
// their length, numbers as varints, a date as one.
type statementCodec struct{}

func (statementCodec) Append(buf []byte, s *schema.Statement) []byte {
	for _, v := range [...]string{s.ID, s.SourceID, s.DateNote, s.DateText, s.SpeakerID, s.Summary, s.Quote, s.Hedge, s.ViaID, s.ReportedByID, s.PlaceID, s.EventID, s.RespondsToID} {
		buf = spill.AppendString(buf, v)
	}
	for _, v := range [...]uint16{uint16(s.Kind), uint16(s.DatePrecision), uint16(s.DateBasis), uint16(s.QuoteType)} {
		buf = spill.AppendUvarint(buf, uint64(v))
	}
	for _, d := range [...]schema.Date{s.Date, s.DateEarliest, s.DateLatest} {
		buf = spill.AppendVarint(buf, dateNumber(d))
	}
	buf = spill.AppendVarint(buf, int64(s.QuoteStart))
	return spill.AppendVarint(buf, int64(s.QuoteEnd))
}

func (statementCodec) Decode(rec string, s *schema.Statement) error {
	r := spill.NewReader(rec)
	for _, v := range [...]*string{&s.ID, &s.SourceID, &s.DateNote, &s.DateText, &s.SpeakerID, &s.Summary, &s.Quote, &s.Hedge, &s.ViaID, &s.ReportedByID, &s.PlaceID, &s.EventID, &s.RespondsToID} {
		*v = r.String()
	}
	s.Kind = schema.StatementKind(r.Uvarint())
	s.DatePrecision = schema.DatePrecision(r.Uvarint())
	s.DateBasis = schema.DateBasis(r.Uvarint())
	s.QuoteType = schema.QuoteType(r.Uvarint())
	for _, d := range [...]*schema.Date{&s.Date, &s.DateEarliest, &s.DateLatest} {
		*d = numberDate(r.Varint())
	}
	s.QuoteStart = int(r.Varint())
	s.QuoteEnd = int(r.Varint())
	if err := r.Done(); err != nil {
		return fmt.Errorf("statement %q: %w", s.ID, err)
	}
	return nil
}

// dateNumber is a date as one number: its year times 512, plus its month
// times 32, plus its day (the zero Date is 0). numberDate undoes it, for a
// year below zero too: the shift floors.
func dateNumber(d schema.Date) int64 {
	return int64(d.Year)*512 + int64(d.Month)*32 + int64(d.Day)
}

func numberDate(n int64) schema.Date {
	return schema.Date{Year: int32(n >> 9), Month: uint8(n >> 5 & 15), Day: uint8(n & 31)}
}
