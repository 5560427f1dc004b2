# The data editor's and developer's entry points. See README.md.
GO          ?= go
DATA        ?= data
OUT         ?= out
PREVIOUS    ?=
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

NPM         ?= npm
# Debian's Python, which apt's python3-openpyxl serves (the XLSX anchor of make bench)
PYTHON      ?= /usr/bin/python3
BENCH_SIZES ?= 1000,100000,1000000
DATASET = $(GO) run ./pipeline/cmd/dataset

.PHONY: dataset check coverage deps test race bench lint clean

## dataset: validate data/, normalize it and write the release into out/ (replaced only on success);
## PREVIOUS=dir compares it with the previous release (CHANGES.md)
dataset: deps node_modules
	$(DATASET) build -data $(DATA) -out $(OUT) -png $(if $(PREVIOUS),-previous $(PREVIOUS))

## node_modules: the charts' browser code and map data, pinned by package-lock.json
node_modules: package.json package-lock.json
	$(NPM) ci --ignore-scripts --no-audit --no-fund
	@touch node_modules

## check: validation and coverage only; writes nothing
check:
	$(DATASET) check -data $(DATA)

## coverage: list every mention in the source texts and what accounts for it
coverage:
	$(DATASET) coverage -data $(DATA)

## deps: install what Go does not bring, from Debian: Chromium (charts to
## PNG, chart tests), gcc (DuckDB through cgo, in tests), LibreOffice Calc
## (workbook tests), npm (the charts' assets), openpyxl (the XLSX anchor of
## make bench, and its test). Only what is missing is installed: a machine
## whose Node.js brings its own npm (NodeSource's package, which conflicts
## with Debian's npm) keeps it
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
deps:
	@missing="$$(command -v gcc >/dev/null || echo gcc) \
		$$([ -e /usr/include/stdlib.h ] || echo libc6-dev) \
		$$(command -v soffice >/dev/null || echo libreoffice-calc) \
		$$(command -v chromium >/dev/null || echo chromium) \
		$$(command -v npm >/dev/null || echo npm) \
		$$($(PYTHON) -c 'import openpyxl' 2>/dev/null || echo python3-openpyxl)"; \
	if [ -n "$$(echo $$missing)" ]; then \
		echo "installing from Debian: $$(echo $$missing)"; \
		$(SUDO) apt-get update && \
		$(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

## test: every test, fuzz seed corpora included
test: deps node_modules
	PYTHON=$(PYTHON) $(GO) test ./...

## race: the tests of the packages that work on every core, under the race
## detector (the CLI's end-to-end cases only: all of its tests take ten
## minutes under it)
race: deps node_modules
	PYTHON=$(PYTHON) $(GO) test -race ./pipeline/parallel ./pipeline/load ./pipeline/build ./pipeline/coverage ./pipeline/csv ./pipeline/parquet ./pipeline/xlsx ./pipeline/echarts
	PYTHON=$(PYTHON) $(GO) test -race -run 'TestEndToEnd|TestDraftsAcrossBatches' ./pipeline/cli

## bench: the whole build of synthetic corpora of BENCH_SIZES statements,
## stage by stage, with DuckDB and openpyxl run on the same rows (see
## README: Scale); then the writers' own benchmarks. A workbook of a
## million rows takes seconds, so the XLSX benchmarks run once per count
bench: deps node_modules
	$(GO) run ./pipeline/cmd/bench -sizes $(BENCH_SIZES) -python $(PYTHON) -assets node_modules
	$(GO) test -run '^$$' -bench . -benchtime 3x -count 3 $$($(GO) list ./... | grep -v /pipeline/xlsx)
	$(GO) test -run '^$$' -bench . -benchtime 1x -count 3 ./pipeline/xlsx

## lint: gofmt, go vet and staticcheck
lint:
	@unformatted=$$("$$($(GO) env GOROOT)/bin/gofmt" -l pipeline schema); \
	  test -z "$$unformatted" || { echo "these files need gofmt -w: $$unformatted"; exit 1; }
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

clean:
	rm -rf $(OUT) $(OUT).staging $(OUT).old node_modules
