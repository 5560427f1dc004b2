// Command bench measures the whole pipeline at several corpus sizes: for
// each size it writes a synthetic corpus (dataset synth), builds the release
// in a child process, and prints each stage's wall time, throughput and peak
// resident memory. It runs two anchors on the same rows in the same run:
// DuckDB's COPY … (FORMAT parquet, COMPRESSION zstd) for the Parquet stage
// and openpyxl's write-only mode for the XLSX stage. It ends with how each
// stage's time grows with the input: 1.0 per 10x is linear.
//
//	go run ./pipeline/cmd/bench -sizes 1000,100000,1000000
//
// It is a tool for developers (make bench), not part of the release.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	_ "embed"

	"newsfacts/pipeline/cli"
	"newsfacts/pipeline/duckdb"
	"newsfacts/pipeline/pages"
	"newsfacts/pipeline/progress"
	"newsfacts/pipeline/synth"
)

//go:embed openpyxl_anchor.py
var openpyxlAnchor string

// childEnv marks the child process that runs the dataset command, so that
// its peak memory is its own and not the generator's or DuckDB's.
const childEnv = "BENCH_DATASET_CHILD"

func main() {
	if os.Getenv(childEnv) == "1" {
		os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Targets of the scale issue, on a 2-core machine at a million statements.
const (
	targetSeconds   = 30
	targetRSS       = 1 << 30
	targetParquetX  = 2.0 // at most twice DuckDB's time
	targetXLSXRatio = 1.0 // faster than openpyxl
)

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("sizes", "1000,100000,1000000", "corpus sizes, in statements")
	python := fs.String("python", "python3", "the Python with openpyxl (Debian: python3-openpyxl)")
	assets := fs.String("assets", "node_modules", "the charts' npm packages")
	keep := fs.Bool("keep", false, "keep the corpora and releases (their folder is printed)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var ns []int
	for _, f := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			fmt.Fprintf(stderr, "bench: -sizes: %q is not a number of statements\n", f)
			return 2
		}
		ns = append(ns, n)
	}
	work, err := os.MkdirTemp("", "dataset-bench-")
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 1
	}
	if *keep {
		fmt.Fprintf(stderr, "bench: corpora and releases kept in %s\n", work)
	} else {
		defer os.RemoveAll(work)
	}
	absAssets, _ := filepath.Abs(*assets)

	fmt.Fprintf(stdout, "# Benchmark of the whole build\n\nMachine: %s\n\n", machine())
	var results []result
	for _, n := range ns {
		res, err := measure(filepath.Join(work, strconv.Itoa(n)), n, absAssets, *python, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "bench: %d statements: %v\n", n, err)
			return 1
		}
		res.print(stdout)
		results = append(results, res)
		if !*keep {
			os.RemoveAll(filepath.Join(work, strconv.Itoa(n)))
		}
	}
	printGrowth(stdout, results)
	return 0
}

// result is one size's measurements.
type result struct {
	statements int
	stages     []progress.Record
	wall       float64 // the whole child process
	maxRSS     uint64  // the whole child process
	rows       int     // rows in the release's tables
	duckdb     float64 // DuckDB COPY to Parquet of the same tables
	openpyxl   float64 // openpyxl write-only of the same tables
}

func measure(dir string, n int, assets, python string, stderr io.Writer) (result, error) {
	res := result{statements: n}
	data, out, stats := filepath.Join(dir, "data"), filepath.Join(dir, "out"), filepath.Join(dir, "stats.jsonl")
	fmt.Fprintf(stderr, "bench: %d statements: writing the corpus\n", n)
	if err := synth.Corpus(data, n, 1); err != nil {
		return res, err
	}
	// The corpus's pages go to disk now, not while the build is timed: a
	// curator's corpus was written long before the build reads it.
	syscall.Sync()
	fmt.Fprintf(stderr, "bench: %d statements: building\n", n)
	self, err := os.Executable()
	if err != nil {
		return res, err
	}
	cmd := exec.Command(self, "build", "-quiet", "-data", data, "-out", out, "-assets", assets, "-stats", stats)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return res, fmt.Errorf("dataset build: %v\n%s", err, errOut.String())
	}
	res.wall = time.Since(start).Seconds()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.maxRSS = uint64(ru.Maxrss) * 1024 // Linux reports kilobytes
	}
	if res.stages, err = readStats(stats); err != nil {
		return res, err
	}
	for _, s := range res.stages {
		if s.Stage == "csv" {
			res.rows = s.Items
		}
		// Each stage resets the kernel's peak (progress measures stages
		// one by one), so the process's own maximum is the stages' largest.
		res.maxRSS = max(res.maxRSS, s.PeakRSS)
	}
	fmt.Fprintf(stderr, "bench: %d statements: DuckDB anchor\n", n)
	if res.duckdb, err = duckdbAnchor(out, filepath.Join(dir, "duckdb")); err != nil {
		return res, fmt.Errorf("DuckDB anchor: %w", err)
	}
	fmt.Fprintf(stderr, "bench: %d statements: openpyxl anchor\n", n)
	if res.openpyxl, err = openpyxlAnchorRun(python, out, filepath.Join(dir, "openpyxl.xlsx")); err != nil {
		return res, fmt.Errorf("openpyxl anchor: %w", err)
	}
	return res, nil
}

func readStats(path string) ([]progress.Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var recs []progress.Record
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r progress.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		recs = append(recs, r)
	}
	return recs, sc.Err()
}

// duckdbAnchor loads every CSV table of the release into DuckDB (untimed)
// and times COPY of each to a zstd Parquet file.
func duckdbAnchor(release, dir string) (float64, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	db, err := duckdb.Open()
	if err != nil {
		return 0, err
	}
	defer db.Close()
	files, err := filepath.Glob(filepath.Join(release, "csv", "*.csv"))
	if err != nil || len(files) == 0 {
		return 0, errors.New("the release has no CSV tables")
	}
	var names []string
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".csv")
		if _, err := db.Query(fmt.Sprintf(`CREATE TABLE %q AS SELECT * FROM read_csv(%s, header = true)`, name, sqlString(f))); err != nil {
			return 0, err
		}
		names = append(names, name)
	}
	start := time.Now()
	for _, name := range names {
		if _, err := db.Query(fmt.Sprintf(`COPY %q TO %s (FORMAT parquet, COMPRESSION zstd)`, name, sqlString(filepath.Join(dir, name+".parquet")))); err != nil {
			return 0, err
		}
	}
	return time.Since(start).Seconds(), nil
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func openpyxlAnchorRun(python, release, out string) (float64, error) {
	cmd := exec.Command(python, "-c", openpyxlAnchor, release, out)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("%s: %v\n%s(Debian: apt-get install python3-openpyxl; make bench installs it)", python, err, stderr.String())
	}
	var r struct{ Seconds float64 }
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		return 0, fmt.Errorf("%s printed %q: %w", python, stdout.String(), err)
	}
	return r.Seconds, nil
}

func (r result) stage(name string) (progress.Record, bool) {
	i := slices.IndexFunc(r.stages, func(s progress.Record) bool { return s.Stage == name })
	if i < 0 {
		return progress.Record{}, false
	}
	return r.stages[i], true
}

func (r result) print(w io.Writer) {
	fmt.Fprintf(w, "## %s statements (%s rows in the release's tables)\n\n", progress.Count(r.statements), progress.Count(r.rows))
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, "stage\tseconds\titems\titems/s\tpeak RSS MiB\t")
	for _, s := range r.stages {
		fmt.Fprintf(tw, "%s\t%.2f\t%s %s\t%s\t%d\t\n", s.Stage, s.Seconds, progress.Count(s.Items), s.Unit, rate(float64(s.Items), s.Seconds), s.PeakRSS>>20)
	}
	fmt.Fprintf(tw, "whole build\t%.2f\t%s statements\t%s\t%d\t\n", r.wall, progress.Count(r.statements), rate(float64(r.statements), r.wall), r.maxRSS>>20)
	tw.Flush()
	fmt.Fprintln(w)
	if s, ok := r.stage("parquet"); ok {
		fmt.Fprintf(w, "- Parquet: %.2f s; DuckDB COPY (zstd) of the same tables, loaded from the release's CSV with the types DuckDB infers: %.2f s; ratio %.2f (target: at most %.0f)\n", s.Seconds, r.duckdb, s.Seconds/r.duckdb, targetParquetX)
	}
	if s, ok := r.stage("xlsx"); ok {
		fmt.Fprintf(w, "- XLSX: %.2f s; openpyxl write-only of the same tables' rows (typed, one sheet each; without our views, README and codebook sheets, styles, comments and links): %.2f s; ratio %.2f (target: below %.0f)\n", s.Seconds, r.openpyxl, s.Seconds/r.openpyxl, targetXLSXRatio)
	}
	if r.statements == 1_000_000 {
		fmt.Fprintf(w, "- Whole build: %.1f s (target: at most %d s), peak RSS %d MiB (target: at most %d MiB)\n", r.wall, targetSeconds, r.maxRSS>>20, targetRSS>>20)
	}
	fmt.Fprintln(w)
}

// printGrowth prints, for each stage, how its time grows from one size to
// the next: the exponent k in time ∝ n^k, so 1.0 is linear (10x the input,
// 10x the time) and 2.0 quadratic.
func printGrowth(w io.Writer, results []result) {
	if len(results) < 2 {
		return
	}
	fmt.Fprintln(w, "## Growth: the exponent k in time ∝ statements^k between sizes (1.0 is linear, 2.0 quadratic)")
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight|tabwriter.Debug)
	header := "stage\t"
	for i := 1; i < len(results); i++ {
		header += fmt.Sprintf("%s → %s\t", progress.Count(results[i-1].statements), progress.Count(results[i].statements))
	}
	fmt.Fprintln(tw, header)
	var names []string
	for _, s := range results[len(results)-1].stages {
		names = append(names, s.Stage)
	}
	names = append(names, "whole build")
	for _, name := range names {
		line := name + "\t"
		for i := 1; i < len(results); i++ {
			a, b := results[i-1].seconds(name), results[i].seconds(name)
			if a <= 0 || b <= 0 {
				line += "-\t"
				continue
			}
			k := math.Log(b/a) / math.Log(float64(results[i].statements)/float64(results[i-1].statements))
			line += fmt.Sprintf("%.2f\t", k)
		}
		fmt.Fprintln(tw, line)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nStages that take milliseconds at the smaller size are dominated by fixed costs there: read the exponent between the two largest sizes.")
}

func (r result) seconds(stage string) float64 {
	if stage == "whole build" {
		return r.wall
	}
	s, ok := r.stage(stage)
	if !ok {
		return 0
	}
	return s.Seconds
}

func rate(items, seconds float64) string {
	if seconds <= 0 {
		return "-"
	}
	return progress.Count(int(items / seconds))
}

// machine describes where the benchmark ran: CPU model, cores, memory.
func machine() string {
	model := "unknown CPU"
	if info, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.Lines(string(info)) {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := ""
	if total := pages.MemTotal(); total > 0 {
		mem = fmt.Sprintf(", %.0f GiB RAM", float64(total)/(1<<30))
	}
	// Whether the heap can have huge pages changes a build's time by a
	// fifth here (see pages.PreferHuge): a report says so.
	thp := ""
	if mode := pages.THPMode(); mode != "" {
		thp = ", transparent huge pages " + mode
	}
	return fmt.Sprintf("%s, %d cores%s%s, %s %s/%s", model, runtime.NumCPU(), mem, thp, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
