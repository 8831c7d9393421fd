# Targets marked with "## " are listed by `make help`.

GO     ?= go
NOTES  ?= ../shared/notes
BIN    := bin/how
SHELLS := $(shell find . -name '*.sh' -not -path './.git/*' 2>/dev/null) .ci/run

.PHONY: help build test sheets bench lint fmt

## help: list the targets
help:
	@grep -h '^## ' $(MAKEFILE_LIST) | sed 's/^## //' | awk -F': ' '{ printf "  %-8s %s\n", $$1, $$2 }'

## build: build bin/how
build:
	$(GO) build -trimpath -o $(BIN) ./cmd/how

## test: run every test (those needing ../shared skip without it)
test:
	$(GO) test ./...

## sheets: regenerate sheets/ from the notes in ../shared/notes (never edit them by hand)
sheets: build
	@test -d $(NOTES) || { echo "make sheets: $(NOTES) not found" >&2; exit 2; }
	find sheets -maxdepth 1 -name '*.md' ! -name README.md -delete
	cd $(NOTES) && $(CURDIR)/$(BIN) extract -o $(CURDIR)/sheets *.txt

## bench: run the benchmarks
bench:
	$(GO) test -run '^$$' -bench . ./...

## lint: gofmt, go vet, and shellcheck on the shell scripts
lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@if command -v shellcheck >/dev/null; then shellcheck $(SHELLS); else echo "shellcheck not installed; skipped" >&2; fi

## fmt: gofmt the tree
fmt:
	gofmt -w .
