package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"newsfacts/pipeline/cli"
)

// TestMain lets the test binary stand in for the dataset command that
// bench runs as its child, as the bench binary itself does.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestBenchReport runs the whole benchmark at two small sizes: every
// stage is measured, both anchors run, and the growth table covers the
// stages. It checks the report's shape; its numbers are the machine's.
func TestBenchReport(t *testing.T) {
	python := os.Getenv("PYTHON") // make test passes the Makefile's
	if python == "" {
		python = "/usr/bin/python3" // Debian's, which python3-openpyxl serves
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-sizes", "100,300", "-python", python, "-assets", "../../../node_modules"}, &stdout, &stderr); code != 0 {
		t.Fatalf("bench: exit %d\n%s", code, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{
		"Machine: ", "## 100 statements (", "## 300 statements (",
		"- Parquet: ", "DuckDB COPY (zstd) of the same tables", "- XLSX: ", "openpyxl write-only of the same tables' rows",
		"## Growth", "100 → 300",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	for _, stage := range []string{"load", "scan", "validate", "derive", "coverage", "csv", "parquet", "xlsx", "charts", "package", "swap", "whole build"} {
		if n := strings.Count(out, "\n"+strings.Repeat(" ", 12-len(stage))+stage+"|"); n != 3 { // two sizes and the growth table
			t.Errorf("stage %s appears %d times, want 3:\n%s", stage, n, out)
		}
	}
}
