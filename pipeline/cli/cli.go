// Package cli is the dataset command: it reads data/, checks it, and writes
// a release. Run is the whole program, so tests call it in-process.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"newsfacts/pipeline/build"
	"newsfacts/pipeline/coverage"
	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/docs"
	"newsfacts/pipeline/load"
	"newsfacts/pipeline/memlimit"
	"newsfacts/pipeline/outdir"
	"newsfacts/pipeline/pages"
	"newsfacts/pipeline/progress"
	"newsfacts/pipeline/synth"
	"newsfacts/schema"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitData  = 1 // the inputs have errors; nothing was written
	ExitUsage = 2 // the command line is wrong
	ExitIO    = 3 // writing the release failed, or another build is writing it; the previous release is intact
	// A build interrupted by SIGINT or SIGTERM exits with 128 and the
	// signal's number, 130 or 143 (see catchInterrupts).

	// ExitDiffers is what diff returns when the releases differ, as
	// diff(1) does (it never reads data/, so it cannot mean ExitData).
	ExitDiffers = 1
)

const usage = `usage: dataset <command> [flags]

commands:
  build     check data/ and write the release into -out (replaced only on success)
  check     check data/ and the coverage of every source; write nothing
  coverage  list every country, date, number and quotation found in each
            source text and how the facts account for it
  codebook  print the table contract (every table and column) as Markdown
  synth DIR write a synthetic corpus of -statements statements into DIR,
            a new or empty folder, shaped like data/, for benchmarks and tests
  diff OLD NEW
            list, table by table, the rows added, removed and changed
            from release folder OLD to release folder NEW; exit 0 when
            they hold the same data, 1 when they differ, 2 when a
            folder is not a release or fails its checksums

flags:
  -data DIR      the data folder (default "data")
  -out DIR       the release folder, for build (default "out")
  -previous DIR  for build: the previous release, to record what changed
                 (CHANGES.md and the workbook's changes sheet)
  -assets DIR    for build: the installed npm packages the charts load
                 (default: the nearest node_modules folder, in the current
                 folder or above it, as Node finds it; npm ci installs it)
  -png           for build: also render each chart to charts/png/ with
                 headless Chromium, for print
  -statements N  for synth: how many statements (default 1000)
  -quiet         for build, check, coverage: do not show each stage's
                 progress (shown on stderr only when it is a terminal)
  -stats FILE    for build, check, coverage: write each stage's wall time,
                 item count and peak resident memory to FILE as JSON lines,
                 each as its stage ends (a file outside the data folder and
                 the release folder)

environment:
  GOGC               for build, check, coverage: how far the heap may grow
                     past what is live before it is collected, in percent
                     (default 30 while the data is checked, 50 while the
                     release is written, and Go's 100 while the files are
                     read: less memory for a little more time; 20 uses
                     less still)
  AUTOMEMLIMIT       for build, check, coverage, in a cgroup with a memory
                     limit (a container's, a systemd unit's MemoryMax=):
                     the share of it, 0.1 to 1, Go's memory is kept to
                     (default 0.9: the collector works harder near it,
                     rather than the kernel killing the build past it),
                     or off
  GOMEMLIMIT         Go's memory limit; when set, AUTOMEMLIMIT is not read
  GODEBUG            disablethp=1: for build, check, coverage, do not ask
                     for huge pages for the heap (asked by default where
                     the system leaves it to programs: THP "madvise")
  SOURCE_DATE_EPOCH  seconds since 1970: the modification time of the
                     release's files (default: the release date in
                     data/dataset.yaml, at midnight UTC)
`

// gcPercent is how far the collector lets the heap grow past what is live
// before it collects again, in percent, for build, check and coverage
// while they check the data, unless GOGC says otherwise. The build's heap
// is mostly the dataset, live to the end, so each point less is memory
// saved for a little more of the collector's time: since the checks make
// less garbage over fewer objects, 30 (with the writers at 50) kept the
// peak of a million-statement build to about 1,560 MiB against about
// 1,720 at 50 (with the writers at 100), for 0.8 s more of the processor;
// 20 to about 1,460 MiB for 3 s more (README: The collector).
const gcPercent = 30

// loadGCPercent is the collector's target while the files are read, unless
// GOGC says otherwise: the heap then holds what was read, a third of what
// the checks hold at their end, so that 100 costs no peak memory. At 50,
// the loading of a million statements took 34 or 35 collections, 0.8 to
// 1.1 s of the processor, and its stage 0.5 s longer (README: Memory).
const loadGCPercent = 100

// heapPerFactsFile is about how far the heap grows for each facts file
// in a build: a million statements in 67,121 facts files, 15 each, peak
// at about 2 GB (README: Scale).
const heapPerFactsFile = 32 << 10

// writersGCPercent is the collector's target while the release is written.
// Their garbage is short-lived, but the workbook's holds a few hundred MB
// over the dataset: at 100 the heap's target grew to twice that, and once
// the checks' peak was lower, the writers' could pass it (1,591 MiB against
// the checks' 1,565 in one build); at 50 they kept below it, and their
// stages took as long (8.6 s in all, two builds each, README: Memory).
const writersGCPercent = 50

// Run runs the command with args (without the program name) and returns the exit code.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	cmd := args[0]
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	dataDir := fs.String("data", "data", "the data folder")
	outDir := fs.String("out", "out", "the release folder")
	previous := fs.String("previous", "", "the previous release folder")
	assets := fs.String("assets", "", "the installed npm packages the charts load")
	png := fs.Bool("png", false, "render each chart to charts/png/ with Chromium")
	statements := fs.Int("statements", 1000, "for synth: how many statements")
	quiet := fs.Bool("quiet", false, "do not show progress")
	stats := fs.String("stats", "", "write each stage's measurements to this file")
	if cmd == "-h" || cmd == "-help" || cmd == "--help" || cmd == "help" {
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	// The flags are listed once, in usage, with the commands they serve.
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	wantArgs := 0
	switch cmd {
	case "diff":
		wantArgs = 2
	case "synth":
		wantArgs = 1
	}
	if fs.NArg() > wantArgs {
		hint := ""
		if strings.HasPrefix(fs.Arg(wantArgs), "-") {
			hint = " (flags go before the folders)"
		}
		fmt.Fprintf(stderr, "dataset %s: unexpected argument %q%s\n", cmd, fs.Arg(wantArgs), hint)
		return ExitUsage
	}
	if fs.NArg() < wantArgs {
		fmt.Fprintf(stderr, "dataset %s: needs %s\n", cmd, map[string]string{"diff": "two release folders, OLD and NEW", "synth": "the folder to write into"}[cmd])
		return ExitUsage
	}
	switch cmd {
	case "codebook":
		docs.WriteCodebook(stdout, (&schema.Dataset{}).Tables())
		return ExitOK
	case "diff":
		return diff(fs.Arg(0), fs.Arg(1), stdout, stderr)
	case "synth":
		return synthCorpus(fs.Arg(0), *statements, stdout, stderr)
	case "build", "check", "coverage":
	default:
		fmt.Fprintf(stderr, "dataset: unknown command %q\n\n%s", cmd, usage)
		return ExitUsage
	}

	// A data folder that is not there is the command line's mistake, as an
	// unwritable -stats file is, not the data's: a nightly run tells its
	// owner, not the curators (what is wrong inside the folder is ExitData).
	if st, err := os.Stat(*dataDir); err != nil || !st.IsDir() {
		switch {
		case errors.Is(err, os.ErrNotExist):
			fmt.Fprintf(stderr, "dataset %s: -data %s: data folder not found\n", cmd, *dataDir)
		case err != nil:
			fmt.Fprintf(stderr, "dataset %s: -data: %v\n", cmd, err)
		default:
			fmt.Fprintf(stderr, "dataset %s: -data %s: not a folder\n", cmd, *dataDir)
		}
		return ExitUsage
	}
	limit, restoreLimit, err := memlimit.FromCgroup()
	defer restoreLimit()
	if err != nil {
		fmt.Fprintf(stderr, "dataset %s: %v\n", cmd, err)
		return ExitUsage
	}
	gogcSet := os.Getenv("GOGC") != "" // empty is unset, as Go has it
	// The collector's percent once the files are read; 0 leaves GOGC's.
	checkGC := 0
	if !gogcSet {
		defer debug.SetGCPercent(debug.SetGCPercent(loadGCPercent))
		checkGC = gcPercent
	}
	if *stats != "" {
		// Not in -out for check and coverage either: a release changes
		// only as a whole.
		if err := outdir.CheckExtraFile(*stats, *outDir, *dataDir); err != nil {
			fmt.Fprintf(stderr, "dataset %s: -stats: %v\n", cmd, err)
			return ExitUsage
		}
	}
	run := progress.New(stderr, *quiet)
	if *outDir != "" { // an empty one is refused by preflight, as no folder
		*outDir = filepath.Clean(*outDir)
	}
	o := options{dataDir: *dataDir, outDir: *outDir, previousDir: *previous, assets: *assets, png: *png, run: run}
	if cmd == "build" {
		if code := preflight(&o, stderr); code != ExitOK {
			return code
		}
		defer o.lock.Unlock()
		var stopCatching func()
		o.interrupts, stopCatching = catchInterrupts(cmd, *outDir, run, stderr)
		defer stopCatching()
	}
	if *stats != "" {
		run.MeasureStagePeaks()
		// Opened before the work, so that a file that cannot be written is
		// a usage error found then, not after it; and after preflight, so
		// that a build refused there (another build holds the folder)
		// leaves the file as it was.
		f, err := os.Create(*stats)
		if err != nil {
			fmt.Fprintf(stderr, "dataset %s: -stats: %v\n", cmd, err)
			return ExitUsage
		}
		run.WriteStatsTo(f)
		defer func() {
			err := run.StatsErr()
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				fmt.Fprintf(stderr, "dataset %s: -stats: %v\n", cmd, err)
			}
		}()
	}
	// Said once the build is sure to run: a nightly log then tells a
	// build slowed by its container's limit from one slow for itself.
	switch {
	case limit.Unread != nil:
		fmt.Fprintf(stderr, "dataset %s: warning: the memory limit of the process's cgroup could not be read, and the build does not keep within it: %v\n", cmd, limit.Unread)
	case limit.Go != 0 && !*quiet:
		fmt.Fprintf(stderr, "dataset %s: keeping to %s MiB, %.0f%% of its cgroup's memory limit (AUTOMEMLIMIT, GOMEMLIMIT)\n", cmd, progress.Count(int(limit.Go>>20)), 100*float64(limit.Go)/float64(limit.Cgroup))
	}
	listing := build.CountMentions
	if cmd == "coverage" {
		listing = build.ListMentions
	}
	// The statements' rows are written beside the release, on its disk,
	// for the writers to read back (see build.spill); a check writes
	// none.
	spillTo := ""
	if cmd == "build" {
		spillTo = o.outDir + ".statements"
	}
	res, errs := read(*dataDir, run, listing, checkGC, spillTo)
	run.Stop() // a stage that failed leaves its line: the report goes below it
	if res != nil {
		defer res.Dataset.Close() // the file its statements are read from
		if res.TempErr != nil {
			// Not an error of the data, which may have some too.
			if len(errs) > 0 {
				fmt.Fprintln(stderr, errs.Error())
			}
			fmt.Fprintf(stderr, "dataset %s: %v; nothing was written, %s is unchanged\n", cmd, res.TempErr, o.outDir)
			return ExitIO
		}
	}
	if cmd == "coverage" {
		if res != nil {
			printCoverage(stdout, res.Coverage)
		}
		return report(stderr, cmd, errs)
	}
	if len(errs) > 0 {
		return report(stderr, cmd, errs)
	}
	if cmd == "build" {
		// The decoded files and prepared texts are garbage now, and most
		// of the heap. Without a collection here the heap would grow to
		// twice its size at the last one, taken while they were live,
		// before the writers' allocations triggered the next. The memory
		// freed is kept, not returned to the system (debug.FreeOSMemory):
		// the writers would fault it back in page by page, which cost a
		// million-statement build 800,000 page faults and several seconds.
		runtime.GC()
		if !gogcSet {
			debug.SetGCPercent(writersGCPercent)
		}
		if code := buildRelease(res, o, stderr); code != ExitOK {
			return code
		}
	}
	fmt.Fprintln(stdout, summary(res))
	return ExitOK
}

// read loads, builds and checks coverage; errs lists every problem found.
// Once the files are read, the collector's percent is checkGC, unless
// that is 0. The statements' rows are written to a file named after
// spillTo, unless it is "" (see build.Build).
func read(dataDir string, run *progress.Run, listing build.Listing, checkGC int, spillTo string) (*build.Result, diag.List) {
	// The heap of a large build grows by gigabytes of memory new to the
	// process, from the first file read: in huge pages, a fraction of the
	// faults (see pages.PreferHuge). The files are counted, not read, to
	// size it.
	pages.PreferHuge(load.CountFacts(dataDir) * heapPerFactsFile)
	in, errs := load.Dir(dataDir, run)
	if checkGC != 0 {
		debug.SetGCPercent(checkGC)
	}
	if in.Sources == nil && len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	// Build even when loading found errors: a curator gets every mistake
	// of the run at once, not one file at a time.
	res, buildErrs := build.Build(in, run, listing, spillTo)
	errs.Append(buildErrs)
	errs.Sort()
	return res, errs
}

// synthCorpus writes a synthetic corpus into dir, which must be new or
// empty; a corpus that could not be written whole is removed.
func synthCorpus(dir string, statements int, stdout, stderr io.Writer) int {
	if err := synth.Corpus(dir, statements, 1); err != nil {
		fmt.Fprintf(stderr, "dataset synth: %v\n", err)
		var request *synth.RequestError
		if errors.As(err, &request) {
			return ExitUsage
		}
		return ExitIO
	}
	fmt.Fprintf(stdout, "wrote a synthetic corpus of %d statements into %s\n", statements, dir)
	return ExitOK
}

// report lists errs, and for build says that the release was not written
// (check and coverage write nothing in any case).
func report(stderr io.Writer, cmd string, errs diag.List) int {
	if len(errs) == 0 {
		return ExitOK
	}
	fmt.Fprintln(stderr, errs.Error())
	// A note (of errors held back) is listed, not counted.
	if cmd == "build" {
		fmt.Fprintf(stderr, "%s; nothing was written\n", things(errs.Errors(), "error"))
	} else {
		fmt.Fprintln(stderr, things(errs.Errors(), "error"))
	}
	return ExitData
}

func summary(res *build.Result) string {
	d, counts := res.Dataset, res.Mentions
	return fmt.Sprintf("ok: %s, %s, %s, %s, %s, %s, %s; coverage: %s, %s captured, %s ignored",
		things(len(d.Sources), "source"), things(res.Statements, "statement"), things(len(d.Claims), "claim"),
		things(len(d.Stances), "stance"), things(len(d.Entities), "entity"), things(len(d.Figures), "figure"),
		things(len(d.Conflicts), "conflicting report"),
		things(counts.Mentions(), "mention"), progress.Count(counts.Captured), progress.Count(counts.Ignored))
}

// things writes a count of things: "1 source", "1,351 sources", "2 entities".
func things(n int, thing string) string {
	if n != 1 {
		if strings.HasSuffix(thing, "y") {
			thing = strings.TrimSuffix(thing, "y") + "ie"
		}
		thing += "s"
	}
	return progress.Count(n) + " " + thing
}

func printCoverage(w io.Writer, items []coverage.Item) {
	for _, it := range items {
		by := it.By
		if it.Status == coverage.Missing {
			by = "-"
		}
		fmt.Fprintf(w, "%s\t%s\t%q\t%s\t%s\n", it.Pos, it.Kind, it.Text, it.Status, by)
	}
}
