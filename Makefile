# The data editor's and developer's entry points. See README.md.
GO          ?= go
DATA        ?= data
OUT         ?= out
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

DATASET = $(GO) run ./pipeline/cmd/dataset

.PHONY: dataset check coverage test bench lint clean

## dataset: validate data/, normalize it and write the release into out/ (replaced only on success)
dataset:
	$(DATASET) build -data $(DATA) -out $(OUT)

## check: validation and coverage only; writes nothing
check:
	$(DATASET) check -data $(DATA)

## coverage: list every mention in the source texts and what accounts for it
coverage:
	$(DATASET) coverage -data $(DATA)

## test: every test, fuzz seed corpora included
test:
	$(GO) test ./...

## bench: benchmarks (see README: Speed and memory)
bench:
	$(GO) test -run '^$$' -bench . -benchtime 3x ./...

## lint: go vet and staticcheck
lint:
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

clean:
	rm -rf $(OUT) $(OUT).staging $(OUT).old
