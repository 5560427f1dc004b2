package cli

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"newsfacts/pipeline/build"
	"newsfacts/pipeline/changes"
	"newsfacts/pipeline/csv"
	"newsfacts/pipeline/datapackage"
	"newsfacts/pipeline/docs"
	"newsfacts/pipeline/echarts"
	"newsfacts/pipeline/manifest"
	"newsfacts/pipeline/outdir"
	"newsfacts/pipeline/parallel"
	"newsfacts/pipeline/parquet"
	"newsfacts/pipeline/progress"
	"newsfacts/pipeline/xlsx"
	"newsfacts/schema"
)

// options are the build's flags.
type options struct {
	dataDir, outDir, previousDir string
	assets                       string // the npm packages the charts load
	png                          bool   // render the charts to PNG
	run                          *progress.Run
	lock                         *outdir.Lock // the release folder's, held from preflight on
	interrupts                   *interrupts  // what to clean up if the build is interrupted
}

// preflight checks what a build needs besides data/ before any of the
// work: a release folder it may replace, the charts' assets, and that no
// other build is writing the folder. It fills in the assets folder when
// none is given, and on success holds the folder's lock (o.lock), which
// the caller lets go of when the build is done.
func preflight(o *options, stderr io.Writer) int {
	if err := outdir.Check(o.outDir, o.dataDir); err != nil {
		fmt.Fprintf(stderr, "dataset build: %v\n", err)
		return ExitUsage
	}
	if _, _, err := sourceDateEpoch(); err != nil {
		fmt.Fprintf(stderr, "dataset build: %v\n", err)
		return ExitUsage
	}
	if o.previousDir != "" {
		// Compared with the new release only after the checks; a folder
		// that is no release at all is found now.
		if err := outdir.CheckRelease(o.previousDir); err != nil {
			fmt.Fprintf(stderr, "dataset build: -previous %s: %v\n", o.previousDir, err)
			return ExitUsage
		}
	}
	if o.assets == "" {
		o.assets = nearestNodeModules()
	}
	if err := echarts.CheckAssets(o.assets); err != nil {
		fmt.Fprintf(stderr, "dataset build: %v\n", err)
		return ExitUsage
	}
	// Last, so that a build refused for the reasons above never holds it;
	// and before the work, so that a build refused for this one has not
	// read the data for nothing. Another build's lock is no mistake of
	// the command line: the folder cannot be written now, and the build
	// can be run again once it can.
	lock, err := outdir.Acquire(o.outDir)
	if err != nil {
		fmt.Fprintf(stderr, "dataset build: %v\n", err)
		return ExitIO
	}
	if lock.Unlocked != nil {
		fmt.Fprintf(stderr, "dataset build: note: %s could not be locked (%v); nothing keeps another build from writing %s meanwhile\n", o.outDir+".lock", lock.Unlocked, o.outDir)
	}
	o.lock = lock
	return ExitOK
}

// buildRelease writes the release of res into outDir, replacing it only
// when every file was written. preflight has checked o.
func buildRelease(res *build.Result, o options, stderr io.Writer) int {
	outDir, previousDir := o.outDir, o.previousDir
	stamp, err := releaseTime(res.Dataset.Meta)
	if err != nil {
		fmt.Fprintf(stderr, "dataset build: %v\n", err)
		return ExitUsage
	}
	var previous *changes.Snapshot
	if previousDir != "" {
		if previous, err = changes.Read(previousDir); err == nil {
			err = successor(previous, res.Dataset.Meta)
		}
		if err != nil {
			fmt.Fprintf(stderr, "dataset build: -previous %s: %v\n", previousDir, err)
			return ExitUsage
		}
	}
	var swap *progress.Stage // syncing the files and swapping them in
	err = o.lock.Replace(stamp, func(dir string) error {
		err := write(res, previous, o, dir)
		swap = o.run.Start("swap", 1, "release")
		return err
	})
	swap.Done(-1)
	o.run.Stop()
	var cleanup *outdir.CleanupError
	switch {
	case errors.As(err, &cleanup):
		// The release is out. The next build removes what is left beside
		// it, unless what stopped this one stops it too: say what it is.
		var left []string
		for _, p := range []string{outDir + ".staging", outDir + ".old"} {
			if _, err := os.Lstat(p); err == nil {
				left = append(left, p)
			}
		}
		hint := ""
		if len(left) > 0 {
			hint = "; the next build removes " + strings.Join(left, " and ") + " (the previous release), and if it cannot either, remove it by hand"
		}
		fmt.Fprintf(stderr, "dataset build: %s: %v%s\n", outDir, err, hint)
		return ExitIO
	case err != nil:
		fmt.Fprintf(stderr, "dataset build: %v; %s is unchanged\n", err, outDir)
		return ExitIO
	}
	return ExitOK
}

// successor refuses a previous release that this one cannot follow: one of
// another dataset, or one whose version is not lower than this one's (two
// releases called the same must not differ).
func successor(previous *changes.Snapshot, m schema.Meta) error {
	if previous.Name != m.Name {
		return fmt.Errorf("it is a release of %q, not of %q", previous.Name, m.Name)
	}
	if c, ok := compareVersions(previous.Version, m.Version); ok && c >= 0 || !ok && previous.Version == m.Version {
		return fmt.Errorf("its version %s is not lower than this release's %s; raise version in dataset.yaml", previous.Version, m.Version)
	}
	return nil
}

// compareVersions compares two versions of the form MAJOR.MINOR.PATCH
// (semantic versioning without pre-release parts); ok is false when either
// is not of that form.
func compareVersions(a, b string) (c int, ok bool) {
	pa, okA := versionParts(a)
	pb, okB := versionParts(b)
	if !okA || !okB {
		return 0, false
	}
	return slices.Compare(pa, pb), true
}

func versionParts(v string) ([]int, bool) {
	parts := strings.Split(v, ".")
	if len(parts) != 3 {
		return nil, false
	}
	nums := make([]int, 3)
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return nil, false
		}
		nums[i] = n
	}
	return nums, true
}

// releaseTime is the modification time of the release's files:
// SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else
// the release date at midnight UTC. Never the clock.
func releaseTime(m schema.Meta) (time.Time, error) {
	if t, set, err := sourceDateEpoch(); set || err != nil {
		return t, err
	}
	return m.Released.Time(), nil
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH; set is false when it is unset
// or empty.
func sourceDateEpoch() (t time.Time, set bool, err error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" { // empty counts as unset
		return time.Time{}, false, nil
	}
	const max = 253402300799 // 9999-12-31T23:59:59Z
	secs, err := strconv.ParseInt(v, 10, 64)
	if err != nil || secs < 0 || secs > max {
		return time.Time{}, true, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970 (0 to %d)", v, max)
	}
	return time.Unix(secs, 0).UTC(), true, nil
}

// The release's own files, beside the tables.
const (
	readmeFile      = "README.md"
	codebookFile    = "CODEBOOK.md"
	changesFile     = "CHANGES.md"
	packageFile     = "datapackage.json"
	checksumsFile   = "SHA256SUMS"
	csvFolder       = "csv"
	chartsFolder    = "charts"
	parquetFolder   = "parquet"
	workbookPattern = "%s.xlsx" // the dataset's name
)

// write writes every file of the release into dir: the tables in each
// format (each format iterates over the same tables, with no per-table
// code), the documents, the Data Package descriptor and the checksums.
func write(res *build.Result, previous *changes.Snapshot, o options, dir string) error {
	d := res.Dataset
	tables := d.Tables()
	release := parquet.Release{Meta: d.Meta}
	for _, sub := range []string{csvFolder, parquetFolder} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
	}
	rows := 0
	for _, t := range tables {
		rows += t.Len
	}
	// The statements are read back from a file (see build.spill), whose
	// rows have no error of their own: a file that could not be read
	// gives zero rows, and the release is refused. Its error comes first:
	// a writer that meets a zero row fails too, for that reason.
	readBack := func() error {
		if err := d.Err(); err != nil {
			return fmt.Errorf("reading the statements back: %w", err)
		}
		return nil
	}
	// Each table's file depends on that table alone: they are written on
	// every core, and their errors are returned in table order. write
	// tells the stage of the rows it writes.
	eachTable := func(name string, write func(t schema.Table, stage *progress.Stage) error) error {
		stage := o.run.Start(name, rows, "rows")
		errs := make([]error, len(tables))
		cells := func(i int) int { return tables[i].Len * len(tables[i].Columns) }
		parallel.ForEachLargestFirst(len(tables), cells, func(i int) {
			errs[i] = write(tables[i], stage)
		})
		if err := cmp.Or(readBack(), foldErrors(errs)); err != nil {
			return err
		}
		stage.Done(-1)
		return nil
	}
	if err := eachTable("csv", func(t schema.Table, stage *progress.Stage) error {
		t = countRows(t, stage)
		return writeFile(filepath.Join(dir, csvFolder, t.Name+".csv"), func(w io.Writer) error { return csv.Write(w, t) })
	}); err != nil {
		return err
	}
	if err := eachTable("parquet", func(t schema.Table, stage *progress.Stage) error {
		// The rows of a large table are read on several goroutines,
		// which countRows is not safe on.
		release := release
		release.Progress = stage.Add
		return writeFile(filepath.Join(dir, parquetFolder, t.Name+".parquet"), func(w io.Writer) error { return parquet.Write(w, t, release) })
	}); err != nil {
		return err
	}

	notes, summary, err := releaseNotes(d.Meta, tables, previous)
	if err = cmp.Or(readBack(), err); err != nil {
		return err
	}
	// The views are the workbook's, and made in its stage; the index they
	// join by serves the charts too.
	stage := o.run.Start("xlsx", 0, "rows")
	index := d.Index()
	views := []schema.Table{d.ClaimView(index), d.ConflictView(index)}
	if previous != nil {
		views = append(views, notes)
	}
	for _, v := range views {
		rows += v.Len
	}
	stage.SetTotal(rows)
	book := xlsx.Workbook{Meta: d.Meta, Tables: tables, Views: views, Glossary: schema.Glossary, Progress: stage.Add}
	err = writeFile(filepath.Join(dir, fmt.Sprintf(workbookPattern, d.Meta.Name)), func(w io.Writer) error { return xlsx.Write(w, book) })
	if err = cmp.Or(readBack(), err); err != nil {
		return err
	}
	stage.Done(-1)
	stage = o.run.Start("charts", d.Statements.Len(), "statements")
	gallery, err := echarts.Write(filepath.Join(dir, chartsFolder), d, index, o.assets)
	if err = cmp.Or(readBack(), err); err != nil {
		return err
	}
	stage.Done(-1)
	if o.png {
		stage = o.run.Start("png", len(gallery), "charts")
		// Chromium is a few processes of hundreds of MB: the memory the
		// heap holds free goes back to the system first, rather than be
		// held beside it. In a container the two share one limit: with
		// the heap's free memory held, the kernel killed a million
		// statements' build in 1,400 MiB here, after minutes of
		// reclaiming memory in one try (see memlimit; README: In a
		// container).
		debug.FreeOSMemory()
		if err := renderPNG(filepath.Join(dir, chartsFolder), gallery, o.interrupts); err != nil {
			return fmt.Errorf("charts to PNG: %w", err)
		}
		stage.Done(-1)
	}
	stage = o.run.Start("package", 0, "files")
	if err := writeFile(filepath.Join(dir, codebookFile), func(w io.Writer) error {
		fmt.Fprintf(w, "# Codebook of %s %s\n\nEvery table and column of the release. Table contract (schema) version %s.\n\n", d.Meta.Name, d.Meta.Version, schema.SchemaVersion)
		docs.WriteCodebook(w, tables)
		return nil
	}); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, changesFile), func(w io.Writer) error { _, err := io.WriteString(w, summary.markdown); return err }); err != nil {
		return err
	}

	files, err := manifest.List(dir, outdir.StagingMarker)
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, readmeFile), func(w io.Writer) error {
		return docs.WriteReadme(w, docs.Release{Meta: d.Meta, Sources: d.Sources, Tables: tables, Files: files, Glossary: schema.Glossary, Changes: summary.paragraph})
	}); err != nil {
		return err
	}
	if files, err = manifest.Add(dir, files, readmeFile); err != nil {
		return err
	}
	pkg, err := datapackage.New(d.Meta, d.Sources, tables, files)
	if err != nil {
		return err
	}
	descriptor, err := pkg.Marshal()
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, packageFile), func(w io.Writer) error { _, err := w.Write(descriptor); return err }); err != nil {
		return err
	}
	// Every file but the checksums themselves and outdir's marker, which
	// is written after this function returns.
	if files, err = manifest.Add(dir, files, packageFile); err != nil {
		return err
	}
	err = writeFile(filepath.Join(dir, checksumsFile), func(w io.Writer) error { return manifest.WriteSHA256SUMS(w, files) })
	stage.Done(len(files) + 1)
	return err
}

// notesSummary is what the release says about its changes.
type notesSummary struct {
	markdown  string // CHANGES.md
	paragraph string // for README.md
}

// releaseNotes compares the new tables with the previous release, if any:
// the changes as a table for the workbook, and as release notes.
func releaseNotes(meta schema.Meta, tables []schema.Table, previous *changes.Snapshot) (schema.Table, notesSummary, error) {
	if previous == nil {
		text := fmt.Sprintf("This release (%s %s) was built without a previous release to compare with (`dataset build -previous DIR`), so its changes are not recorded.", meta.Name, meta.Version)
		return schema.Table{}, notesSummary{markdown: "# Changes\n\n" + text + "\n", paragraph: text}, nil
	}
	current, err := changes.FromTables(meta, tables)
	if err != nil {
		return schema.Table{}, notesSummary{}, err
	}
	list := changes.Compare(previous, current)
	var md bytes.Buffer
	if err := changes.WriteMarkdown(&md, previous, current, list); err != nil {
		return schema.Table{}, notesSummary{}, err
	}
	names, counts := changes.Summary(list)
	paragraph := fmt.Sprintf("Compared with %s %s: no changes.", previous.Name, previous.Version)
	if len(names) > 0 {
		paragraph = fmt.Sprintf("Compared with %s %s:", previous.Name, previous.Version)
		for i, n := range names {
			c := counts[n]
			sep := ";"
			if i == len(names)-1 {
				sep = "."
			}
			paragraph += fmt.Sprintf(" `%s` %d added, %d removed, %d changed%s", n, c.Added, c.Removed, c.Changed, sep)
		}
		paragraph += " See [CHANGES.md](CHANGES.md)."
	}
	return changes.AsTable(previous, list), notesSummary{markdown: md.String(), paragraph: paragraph}, nil
}

// diff prints the changes from release folder oldDir to newDir.
func diff(oldDir, newDir string, stdout, stderr io.Writer) int {
	old, err := changes.Read(oldDir)
	if err != nil {
		fmt.Fprintf(stderr, "dataset diff: %v\n", err)
		return ExitUsage
	}
	cur, err := changes.Read(newDir)
	if err != nil {
		fmt.Fprintf(stderr, "dataset diff: %v\n", err)
		return ExitUsage
	}
	list := changes.Compare(old, cur)
	if err := changes.WriteMarkdown(stdout, old, cur, list); err != nil {
		fmt.Fprintf(stderr, "dataset diff: %v\n", err)
		return ExitIO
	}
	if len(list) > 0 {
		return ExitDiffers
	}
	return ExitOK
}

// nearestNodeModules is the node_modules folder in the current folder or
// the nearest one above it, as Node resolves packages; "node_modules" when
// there is none, so that the error names it.
func nearestNodeModules() string {
	dir, err := os.Getwd()
	if err != nil {
		return "node_modules"
	}
	for {
		if fi, err := os.Stat(filepath.Join(dir, "node_modules")); err == nil && fi.IsDir() {
			return filepath.Join(dir, "node_modules")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "node_modules"
		}
		dir = parent
	}
}

// countRows returns t with a row function that counts, on stage, the rows
// a writer reads, each once, should it read some twice. The counter is the
// table's own and not safe on several goroutines: it serves the CSV
// writer, which reads a table on one; the Parquet writer, which reads a
// table on several, reports its rows itself (parquet.Release.Progress).
func countRows(t schema.Table, stage *progress.Stage) schema.Table {
	row := t.Row
	read, pending := 0, 0 // rows read so far; read but not yet counted
	t.Row = func(i int, dst []schema.Value) {
		row(i, dst)
		if i >= read {
			pending += i + 1 - read
			read = i + 1
		}
		if pending >= 4096 || read == t.Len && pending > 0 {
			stage.Add(pending)
			pending = 0
		}
	}
	return t
}

// writeFile creates path and writes it through a buffer.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := write(bw); err != nil {
		f.Close()
		return naming(path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return naming(path, err)
	}
	// On its way to disk while the next files are made (see
	// outdir.StartWriteback); a file that cannot be written fails its
	// sync, before the release is put in place.
	_ = outdir.StartWriteback(f)
	return f.Close()
}

// naming makes err name the file at path, unless it does already (a
// failed write names its file: "write out/a.csv: no space left on
// device").
func naming(path string, err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok && pe.Path == path {
		return err
	}
	return fmt.Errorf("%s: %w", path, err)
}

// foldErrors returns the errors of errs in their order, each told once
// for every file that failed of the same system error (such as "no space
// left on device"), with how many more did: a full disk fails every
// table's file at once, and listing each had said the same thing eight
// times over.
func foldErrors(errs []error) error {
	var told []error
	var more []int
next:
	for _, err := range errs {
		if err == nil {
			continue
		}
		if errno, ok := errors.AsType[syscall.Errno](err); ok {
			for i, t := range told {
				if errors.Is(t, errno) {
					more[i]++
					continue next
				}
			}
		}
		told = append(told, err)
		more = append(more, 0)
	}
	if len(told) == 0 {
		return nil
	}
	// On one line, as every error the build reports: errors.Join's
	// lines after the first went without the "dataset build:" before
	// them.
	format := make([]string, len(told))
	args := make([]any, len(told))
	for i, n := range more {
		format[i], args[i] = "%w", told[i]
		if n > 0 {
			format[i] = fmt.Sprintf("%%w (and %d more files)", n)
		}
	}
	return fmt.Errorf(strings.Join(format, "; "), args...)
}
