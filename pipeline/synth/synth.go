// Package synth generates synthetic tables for benchmarks: rows shaped like
// real ones, deterministic, generated on demand. Nothing it makes is ever
// written into data/.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"newsfacts/schema"
)

// Statements returns the statements table with n rows, generated on demand
// from a pool of varied statements so that the input itself takes no
// memory that grows with n: what a benchmark measures is the writer.
// Texts are words drawn at random (with a fixed seed) from words, such as
// a real article's: text that compresses somewhat worse than prose.
// Rows have the shape of real ones: quotes of 60 to 400 characters,
// summaries, every date precision, NULLs in the optional columns.
func Statements(n int, words []string) schema.Table {
	const poolSize = 997 // more rows than a page holds, so pages do not repeat rows
	rng := rand.New(rand.NewPCG(1, 2))
	var pool []schema.Statement
	for i := range poolSize {
		text := func(n int) string {
			var b strings.Builder
			for b.Len() < n {
				b.WriteString(words[rng.IntN(len(words))])
				b.WriteByte(' ')
			}
			return strings.TrimSpace(b.String())
		}
		s := schema.Statement{
			SourceID:  fmt.Sprintf("source-%04d", i%50),
			Kind:      schema.StatementKinds[i%len(schema.StatementKinds)],
			Summary:   text(80 + i%60),
			Quote:     text(60 + (i*37)%340),
			QuoteType: schema.QuoteTypes[i%len(schema.QuoteTypes)],
			SpeakerID: fmt.Sprintf("person-%03d", i%200),
		}
		s.QuoteStart = (i * 131) % 20000
		s.QuoteEnd = s.QuoteStart + len(s.Quote)
		switch i % 4 {
		case 0:
			s.Date, s.DatePrecision, s.DateBasis, s.DateText = schema.MakeDate(2022, time.Month(1+i%12), 1+i%28), schema.PrecisionDay, schema.BasisStated, "October 30, 2022"
		case 1:
			s.Date, s.DatePrecision, s.DateBasis, s.DateNote = schema.MakeDate(2022, time.Month(1+i%12), 1), schema.PrecisionMonth, schema.BasisInferred, "year not stated; taken from the publication date"
		case 2:
			s.Date, s.DatePrecision, s.DateBasis = schema.MakeDate(2021, 1, 1), schema.PrecisionYear, schema.BasisStated
		default:
			s.DatePrecision, s.DateBasis, s.DateLatest = schema.PrecisionUnknown, schema.BasisUnknown, schema.MakeDate(2022, 11, 3)
			s.SpeakerID = ""
		}
		if i%3 == 0 {
			s.Hedge, s.ViaID, s.EventID = "reportedly", "outlet-telegram", fmt.Sprintf("event-%03d", i%100)
		}
		if i%5 == 0 {
			s.PlaceID, s.RespondsToID = "city-dushanbe", fmt.Sprintf("st-%09d", i)
		}
		pool = append(pool, s)
	}
	pool[0].ID = "x" // Tables needs a statement to give the row function
	base := (&schema.Dataset{Statements: schema.RowsOf(pool)}).Tables()
	var t schema.Table
	for _, bt := range base {
		if bt.Name == "statements" {
			t = bt
		}
	}
	row := t.Row
	t.Len = n
	t.Row = func(i int, dst []schema.Value) {
		row(i%poolSize, dst)
		dst[0].String = fmt.Sprintf("st-%09d", i) // unique and in key order
	}
	return t
}

// Words returns the words of a text file, the vocabulary of Statements.
func Words(path string) ([]string, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return strings.Fields(string(text)), nil
}
