package progress

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

func TestStagesOnATerminal(t *testing.T) {
	var term bytes.Buffer
	r := &Run{live: &term}
	s := r.Start("load", 0, "files")
	s.SetTotal(2000)
	s.drawn = time.Time{} // draw at the next Add, however soon
	s.Add(1500)
	s.Add(1)
	s.Done(-1)
	s = r.Start("validate", 20, "statements")
	s.Done(-1) // nothing counted: the total
	out := term.String()
	for _, want := range []string{"\r\033[Kload       1,500/2,000 files (75%)", "\r\033[Kload       1,501 files", "\r\033[Kvalidate   0/20 statements (0%)", "\r\033[Kvalidate   20 statements"} {
		if !strings.Contains(out, want) {
			t.Errorf("the terminal shows %q, lacking %q", out, want)
		}
	}
	if strings.Count(out, "\n") != 2 {
		t.Errorf("want one finished line per stage: %q", out)
	}
	recs := r.Records()
	if len(recs) != 2 || recs[0].Stage != "load" || recs[0].Items != 1501 || recs[1].Items != 20 || recs[0].Seconds < 0 {
		t.Errorf("records: %+v", recs)
	}
}

// TestStop: a stage that never finishes has its line ended before the
// errors are printed.
func TestStop(t *testing.T) {
	var term bytes.Buffer
	r := &Run{live: &term}
	r.Start("validate", 10, "statements").Add(3)
	r.Stop()
	r.Stop() // once is enough
	if out := term.String(); !strings.HasSuffix(out, "(0%)  0.0 s\n") || strings.Count(out, "\n") != 1 {
		t.Errorf("after Stop the terminal shows %q", out)
	}
}

func TestNotATerminal(t *testing.T) {
	var buf bytes.Buffer
	r := New(&buf, false)
	r.Start("load", 0, "files").Done(3)
	if buf.Len() != 0 {
		t.Errorf("progress drawn on a buffer: %q", buf.String())
	}
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if New(f, false).live != nil {
		t.Error("a regular file taken for a terminal")
	}
	if recs := r.Records(); len(recs) != 1 || recs[0].Stage != "load" || recs[0].Items != 3 {
		t.Errorf("records: %+v", recs)
	}
}

// TestStatsAsStagesEnd: each stage's record is written when it ends, in
// one write, so that a run cut short leaves those of the stages it
// finished; a write that fails stops the writing and is reported.
func TestStatsAsStagesEnd(t *testing.T) {
	r := New(io.Discard, true)
	r.Start("load", 0, "files").Done(3) // before the statistics: not written
	var stats writes
	r.WriteStatsTo(&stats)
	validate := r.Start("validate", 10, "statements")
	r.Start("scan", 5, "sources").Done(-1)
	if len(stats) != 1 {
		t.Fatalf("after one stage ended, %d writes: %q", len(stats), stats)
	}
	validate.Add(4)
	validate.Done(-1)
	want := []Record{{Stage: "scan", Items: 5, Unit: "sources"}, {Stage: "validate", Items: 4, Unit: "statements"}}
	if len(stats) != len(want) {
		t.Fatalf("%d writes, want %d: %q", len(stats), len(want), stats)
	}
	for i, line := range stats {
		var rec Record
		if err := json.Unmarshal(line, &rec); err != nil || !bytes.HasSuffix(line, []byte("}\n")) {
			t.Fatalf("write %d, %q: not a line of JSON: %v", i, line, err)
		}
		rec.Seconds, rec.PeakRSS = 0, 0
		if rec != want[i] {
			t.Errorf("write %d: %+v, want %+v", i, rec, want[i])
		}
	}
	if err := r.StatsErr(); err != nil {
		t.Errorf("StatsErr: %v", err)
	}

	failing := New(io.Discard, true)
	broken := errors.New("disk full")
	w := &failingWriter{err: broken}
	failing.WriteStatsTo(w)
	failing.Start("load", 1, "files").Done(-1)
	failing.Start("scan", 1, "sources").Done(-1)
	if !errors.Is(failing.StatsErr(), broken) || w.tries != 1 {
		t.Errorf("after a failed write: StatsErr %v, %d writes tried, want %v and 1", failing.StatsErr(), w.tries, broken)
	}
	if recs := failing.Records(); len(recs) != 2 {
		t.Errorf("records after a failed write: %+v", recs)
	}
}

// writes records each Write apart.
type writes [][]byte

func (w *writes) Write(p []byte) (int, error) {
	*w = append(*w, bytes.Clone(p))
	return len(p), nil
}

type failingWriter struct {
	err   error
	tries int
}

func (w *failingWriter) Write(p []byte) (int, error) {
	w.tries++
	return 0, w.err
}

func TestNilRunReportsNothing(t *testing.T) {
	var r *Run
	r.WriteStatsTo(io.Discard)
	s := r.Start("load", 1, "files")
	s.Add(1)
	s.Done(-1)
	if r.Records() != nil || r.StatsErr() != nil {
		t.Error("a nil Run has records or a statistics error")
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1000: "-1,000"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}
