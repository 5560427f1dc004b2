// Package progress reports a long run stage by stage: on a terminal, a
// line per stage that counts its items as they go; for benchmarks, each
// stage's wall time, item count and peak resident memory as JSON lines.
//
// The clock read here only ever reaches stderr and the statistics file,
// never the release: the same inputs still give the same bytes.
package progress

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Run is the progress of one run of the pipeline. The zero of *Run, nil,
// reports nothing, so that code that reports progress needs no checks.
type Run struct {
	mu     sync.Mutex
	live   io.Writer // the terminal, or nil
	open   bool      // a stage's line is on the terminal, not yet ended
	stages []Record
	// stagePeaks says whether each stage measures its own peak resident
	// set (see MeasureStagePeaks).
	stagePeaks bool
	// stats receives each finished stage's record as it finishes, until
	// a write fails (see WriteStatsTo).
	stats    io.Writer
	statsErr error
}

// Record is what a finished stage measured.
type Record struct {
	Stage   string  `json:"stage"`
	Items   int     `json:"items"`
	Unit    string  `json:"unit"`
	Seconds float64 `json:"seconds"`
	// PeakRSS is the largest resident set of the process while the stage
	// ran (with MeasureStagePeaks; otherwise since the process started),
	// in bytes, where the system tells it (Linux); 0 elsewhere. Stages
	// that run at the same time share one peak.
	PeakRSS uint64 `json:"peak_rss_bytes"`
}

// New returns a Run that draws its progress on stderr when stderr is a
// terminal and quiet is false. It records the stages either way (see
// Records and WriteStatsTo).
func New(stderr io.Writer, quiet bool) *Run {
	r := &Run{}
	if f, ok := stderr.(*os.File); ok && !quiet && isTerminal(f) {
		r.live = f
	}
	return r
}

// MeasureStagePeaks makes each stage that starts from now on measure its
// own peak resident set, for its Record. It resets the kernel's record of
// the process's peak at the start of each stage, which is then all that
// other tools see of it: getrusage, and so /usr/bin/time, report the last
// stage's peak, not the run's. Without it the record is left alone.
func (r *Run) MeasureStagePeaks() {
	if r != nil {
		r.stagePeaks = true
	}
}

// Stage is one stage in progress.
type Stage struct {
	run     *Run
	name    string
	unit    string
	total   int
	done    int
	start   time.Time
	drawn   time.Time
	mu      sync.Mutex
	peakRSS func() uint64
}

// Start begins a stage of total items (0 when the total is not known).
func (r *Run) Start(name string, total int, unit string) *Stage {
	if r == nil {
		return nil
	}
	s := &Stage{run: r, name: name, unit: unit, total: total, start: time.Now(), peakRSS: readPeakRSS}
	if r.stagePeaks {
		s.peakRSS = trackPeakRSS()
	}
	s.draw(false)
	return s
}

// SetTotal sets the stage's total, once it is known.
func (s *Stage) SetTotal(total int) {
	if s == nil {
		return
	}
	s.mu.Lock()
	s.total = total
	s.mu.Unlock()
}

// Add counts n more items done.
func (s *Stage) Add(n int) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.done += n
	if s.run.live != nil && time.Since(s.drawn) >= 100*time.Millisecond {
		s.draw(false)
	}
}

// Done ends the stage, with items done in all; when items is negative,
// the count so far, or the total when nothing was counted.
func (s *Stage) Done(items int) {
	if s == nil {
		return
	}
	s.mu.Lock()
	switch {
	case items >= 0:
		s.done = items
	case s.done == 0:
		s.done = s.total
	}
	rec := Record{Stage: s.name, Items: s.done, Unit: s.unit, Seconds: time.Since(s.start).Seconds(), PeakRSS: s.peakRSS()}
	s.draw(true)
	s.mu.Unlock()
	s.run.mu.Lock()
	s.run.stages = append(s.run.stages, rec)
	s.run.writeStats(rec)
	s.run.mu.Unlock()
}

// draw writes the stage's line on the terminal: rewritten in place while
// it runs, ended with a line break when final. Callers hold s.mu.
func (s *Stage) draw(final bool) {
	if s.run.live == nil {
		return
	}
	s.drawn = time.Now()
	elapsed := time.Since(s.start).Seconds()
	line := fmt.Sprintf("%-10s %s %s", s.name, Count(s.done), s.unit)
	if s.total > 0 && !final {
		line = fmt.Sprintf("%-10s %s/%s %s (%d%%)", s.name, Count(s.done), Count(s.total), s.unit, s.done*100/s.total)
	}
	line += fmt.Sprintf("  %.1f s", elapsed)
	end := ""
	if final {
		end = "\n"
	}
	s.run.mu.Lock()
	fmt.Fprintf(s.run.live, "\r\033[K%s%s", line, end) // \033[K clears the rest of the line
	s.run.open = !final
	s.run.mu.Unlock()
}

// Stop ends the line of a stage that will not finish (the run failed), so
// that what is printed next starts on a line of its own.
func (r *Run) Stop() {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.open {
		fmt.Fprintln(r.live)
		r.open = false
	}
}

// Count writes n with thousands separators: 1,000,000.
func Count(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Records returns the finished stages, in the order they finished.
func (r *Run) Records() []Record {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Record(nil), r.stages...)
}

// WriteStatsTo has each stage that finishes from now on written to w as
// it finishes, one JSON object per line, each in one Write: a run that is
// interrupted, or killed, leaves the lines of the stages it finished, so
// that a nightly build stopped at its time limit still tells how far it
// got and how long each stage took. Once a write fails, nothing more is
// written; StatsErr reports the failure.
func (r *Run) WriteStatsTo(w io.Writer) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.stats = w
	r.mu.Unlock()
}

// StatsErr returns the first error of writing the stages' records, if any.
func (r *Run) StatsErr() error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.statsErr
}

// writeStats writes rec to the statistics, if they are written and no
// write has failed. Callers hold r.mu.
func (r *Run) writeStats(rec Record) {
	if r.stats == nil || r.statsErr != nil {
		return
	}
	line, err := json.Marshal(rec)
	if err == nil {
		_, err = r.stats.Write(append(line, '\n'))
	}
	r.statsErr = err
}
