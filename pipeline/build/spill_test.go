package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"newsfacts/pipeline/load"
	"newsfacts/pipeline/spill"
	"newsfacts/pipeline/synth"
	"newsfacts/schema"
)

// The codec writes every field of a statement and reads it back as it
// was, so that a field added to schema.Statement is not lost on its way
// through the file: each field is set by reflection, whatever its name.
func TestStatementCodecEveryField(t *testing.T) {
	dates := []schema.Date{{}, schema.MakeDate(2022, 11, 3), schema.MakeDate(1, 1, 1), {Year: -44, Month: 3, Day: 15}, schema.MakeDate(9999, 12, 31)}
	for round, date := range dates {
		var s schema.Statement
		v := reflect.ValueOf(&s).Elem()
		for i := range v.NumField() {
			f := v.Field(i)
			switch {
			case f.Kind() == reflect.String:
				f.SetString(fmt.Sprintf("%s «%d» %d", v.Type().Field(i).Name, i, round))
			case f.Kind() == reflect.Int:
				f.SetInt(int64(i*1000 + round))
			case f.Kind() == reflect.Uint16:
				f.SetUint(uint64(1 + (i+round)%3))
			case f.Type() == reflect.TypeFor[schema.Date]():
				f.Set(reflect.ValueOf(dates[(round+i)%len(dates)]))
			default:
				t.Fatalf("Statement.%s is a %s, which this test cannot set", v.Type().Field(i).Name, f.Type())
			}
		}
		s.Date = date
		rec := string(statementCodec{}.Append(nil, &s))
		var got schema.Statement
		if err := (statementCodec{}).Decode(rec, &got); err != nil {
			t.Fatal(err)
		}
		if got != s {
			t.Errorf("round %d: read back %+v\nwritten %+v", round, got, s)
		}
		// A record cut short, or with bytes to spare, is refused.
		if err := (statementCodec{}).Decode(rec[:len(rec)-1], &got); err == nil {
			t.Errorf("round %d: a record cut short was read", round)
		}
		if err := (statementCodec{}).Decode(rec+"\x00", &got); err == nil {
			t.Errorf("round %d: a record with a byte to spare was read", round)
		}
	}
}

// The statements read back from their file in id order, whatever order
// the files list them in, and cannot be read once the dataset is closed.
func TestStatementsReadBack(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Corpus(dir, 200, 1); err != nil {
		t.Fatal(err)
	}
	held, errs := buildDir(t, dir, CountMentions)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := held.Dataset.Statements.Collect()
	// The first file lists its statements last first: their ids, and
	// what refers to them, swapped end for end.
	files, err := filepath.Glob(filepath.Join(dir, "facts", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	slices.Sort(files)
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	ids := regexp.MustCompile(`(?m)^  - id: (\S+)$`).FindAllStringSubmatch(text, -1)
	if len(ids) < 3 {
		t.Fatalf("%s lists %d statements", files[0], len(ids))
	}
	var swaps []string
	for k, id := range ids {
		swaps = append(swaps, id[1], fmt.Sprintf("\x00%d\x00", k))
	}
	text = strings.NewReplacer(swaps...).Replace(text)
	for k := range ids {
		text = strings.ReplaceAll(text, fmt.Sprintf("\x00%d\x00", k), ids[len(ids)-1-k][1])
	}
	if err := os.WriteFile(files[0], []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	res, errs := buildDir(t, dir, CountMentions)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := res.Dataset.Statements
	if got.Len() != len(want) {
		t.Fatalf("%d statements, want %d", got.Len(), len(want))
	}
	for i, s := range got.All() {
		if i > 0 && s.ID <= want[i-1].ID || s.ID != want[i].ID || s.Quote == "" {
			t.Errorf("row %d: %s, want %s", i, s.ID, want[i].ID)
		}
	}
	if err := res.Dataset.Err(); err != nil {
		t.Fatal(err)
	}
	res.Dataset.Close()
	if s := got.At(0); s != (schema.Statement{}) || !errors.Is(res.Dataset.Err(), spill.ErrClosed) {
		t.Errorf("a row read after Close: %+v, error %v", s, res.Dataset.Err())
	}
}

// Without a file for them, the statements are checked and counted, and
// the Dataset holds none: what a check needs. Where the file cannot be
// made, the same, and TempErr says why and where; the data's errors are
// found all the same.
func TestStatementsNotKept(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Corpus(dir, 200, 1); err != nil {
		t.Fatal(err)
	}
	kept, errs := buildDir(t, dir, CountMentions)
	if len(errs) > 0 || kept.TempErr != nil || kept.Statements != kept.Dataset.Statements.Len() || kept.Statements < 190 {
		t.Fatalf("a build: %d statements, %d rows, %v, %v", kept.Statements, kept.Dataset.Statements.Len(), kept.TempErr, errs)
	}
	in, errs := load.Dir(dir, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	counted, errs := Build(in, nil, CountMentions, "")
	if len(errs) > 0 || counted.TempErr != nil || counted.Statements != kept.Statements || counted.Dataset.Statements.Len() != 0 {
		t.Errorf("a check: %d statements, %d rows, %v, %v", counted.Statements, counted.Dataset.Statements.Len(), counted.TempErr, errs)
	}
	// A file that cannot be made, and an error in the data.
	files, _ := filepath.Glob(filepath.Join(dir, "facts", "*.yaml"))
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(files[0], []byte(strings.Replace(string(data), "    kind: claim\n", "    kind: rumour\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if in, errs = load.Dir(dir, nil); len(errs) > 0 {
		t.Fatal(errs)
	}
	missing := filepath.Join(t.TempDir(), "gone")
	failed, errs := Build(in, nil, CountMentions, filepath.Join(missing, "statements"))
	if failed.TempErr == nil || !strings.Contains(failed.TempErr.Error(), "could not be written to a temporary file in "+missing) || failed.Dataset.Statements.Len() != 0 {
		t.Errorf("no folder for the file: %v, %d rows", failed.TempErr, failed.Dataset.Statements.Len())
	}
	if len(errorsAbout(errs, `statement kind "rumour"`)) != 1 {
		t.Errorf("the data's error is not told: %v", errs)
	}
}
