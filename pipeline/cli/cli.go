// Package cli is the dataset command: it reads data/, checks it, and writes
// a release. Run is the whole program, so tests call it in-process.
package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"newsfacts/pipeline/build"
	"newsfacts/pipeline/coverage"
	"newsfacts/pipeline/csv"
	"newsfacts/pipeline/diag"
	"newsfacts/pipeline/load"
	"newsfacts/pipeline/outdir"
	"newsfacts/pipeline/parquet"
	"newsfacts/pipeline/xlsx"
	"newsfacts/schema"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitData  = 1 // the inputs have errors; nothing was written
	ExitUsage = 2 // the command line is wrong
	ExitIO    = 3 // writing the release failed; the previous release is intact
)

const usage = `usage: dataset <command> [flags]

commands:
  build     check data/ and write the release into -out (replaced only on success)
  check     check data/ and the coverage of every source; write nothing
  coverage  list every country, date, number and quotation found in each
            source text and how the facts account for it
  codebook  print the table contract (every table and column) as Markdown

flags:
  -data DIR   the data folder (default "data")
  -out DIR    the release folder, for build (default "out")
`

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
	if cmd == "-h" || cmd == "-help" || cmd == "--help" || cmd == "help" {
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	if err := fs.Parse(args[1:]); err != nil {
		return ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "dataset %s: unexpected argument %q\n", cmd, fs.Arg(0))
		return ExitUsage
	}
	switch cmd {
	case "codebook":
		writeCodebook(stdout)
		return ExitOK
	case "build", "check", "coverage":
	default:
		fmt.Fprintf(stderr, "dataset: unknown command %q\n\n%s", cmd, usage)
		return ExitUsage
	}

	res, errs := read(*dataDir)
	if cmd == "coverage" {
		if res != nil {
			printCoverage(stdout, res.Coverage)
		}
		return report(stderr, errs)
	}
	if len(errs) > 0 {
		return report(stderr, errs)
	}
	if cmd == "build" {
		if err := outdir.Check(*outDir, *dataDir); err != nil {
			fmt.Fprintf(stderr, "dataset build: %v\n", err)
			return ExitUsage
		}
		if err := outdir.Replace(*outDir, func(dir string) error { return write(res, dir) }); err != nil {
			fmt.Fprintf(stderr, "dataset build: %v; %s is unchanged\n", err, *outDir)
			return ExitIO
		}
	}
	fmt.Fprintln(stdout, summary(res))
	return ExitOK
}

// read loads, builds and checks coverage; errs lists every problem found.
func read(dataDir string) (*build.Result, diag.List) {
	in, errs := load.Dir(dataDir)
	if in.Sources == nil && len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	// Build even when loading found errors: a curator gets every mistake
	// of the run at once, not one file at a time.
	res, buildErrs := build.Build(in)
	errs.Append(buildErrs)
	errs.Sort()
	return res, errs
}

func report(stderr io.Writer, errs diag.List) int {
	if len(errs) == 0 {
		return ExitOK
	}
	fmt.Fprintln(stderr, errs.Error())
	fmt.Fprintf(stderr, "%d error(s); nothing was written\n", len(errs))
	return ExitData
}

// write writes every export of the release into dir. Each format iterates
// over the same tables; none has per-table code.
func write(res *build.Result, dir string) error {
	tables := res.Dataset.Tables()
	release := parquet.Release{Meta: res.Dataset.Meta}
	if i := slices.IndexFunc(tables, func(t schema.Table) bool { return t.Name == "sources" }); i >= 0 {
		release.Sources = tables[i]
	} else {
		return errors.New("the schema has no sources table for the files' metadata")
	}
	for _, sub := range []string{"csv", "parquet"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
	}
	for _, t := range tables {
		if err := writeFile(filepath.Join(dir, "csv", t.Name+".csv"), func(w io.Writer) error { return csv.Write(w, t) }); err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, "parquet", t.Name+".parquet"), func(w io.Writer) error { return parquet.Write(w, t, release) }); err != nil {
			return err
		}
	}
	book := xlsx.Workbook{Meta: res.Dataset.Meta, Tables: tables, Views: []schema.Table{res.Dataset.ConflictView()}, Glossary: schema.Glossary}
	return writeFile(filepath.Join(dir, res.Dataset.Meta.Name+".xlsx"), func(w io.Writer) error { return xlsx.Write(w, book) })
}

func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := write(bw); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}

func summary(res *build.Result) string {
	d := res.Dataset
	counts := map[coverage.Status]int{}
	for _, it := range res.Coverage {
		counts[it.Status]++
	}
	return fmt.Sprintf("ok: %d sources, %d statements, %d claims, %d stances, %d entities, %d figures, %d conflicting reports; coverage: %d mentions, %d captured, %d ignored",
		len(d.Sources), len(d.Statements), len(d.Claims), len(d.Stances), len(d.Entities), len(d.Figures), len(d.Conflicts),
		len(res.Coverage), counts[coverage.Captured], counts[coverage.Ignored])
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
