package progress

import (
	"bytes"
	"encoding/json"
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
	var stats bytes.Buffer
	if err := r.WriteStats(&stats); err != nil {
		t.Fatal(err)
	}
	var rec Record
	if err := json.Unmarshal(bytes.TrimSpace(stats.Bytes()), &rec); err != nil || rec.Stage != "load" || rec.Items != 3 || rec.Unit != "files" {
		t.Errorf("stats %q: %+v %v", stats.String(), rec, err)
	}
}

func TestNilRunReportsNothing(t *testing.T) {
	var r *Run
	s := r.Start("load", 1, "files")
	s.Add(1)
	s.Done(-1)
	if r.Records() != nil {
		t.Error("a nil Run has records")
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1000: "-1,000"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}
