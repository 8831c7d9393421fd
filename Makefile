# Targets marked with "## " are listed by `make help`.

GO     ?= go
NOTES  ?= ../shared/notes
BIN    := bin/how
SHELLS := $(shell find . -name '*.sh' -not -path './.git/*' 2>/dev/null) .ci/run

# `how version` reports these. VERSION is the nearest v* tag (empty without
# one, and then the binary reports the version Go stamped, if any); COMMIT
# is the checked-out commit; DIRTY says whether the tree has changes.
VERSION ?= $(shell git describe --tags --dirty --match 'v*' 2>/dev/null)
COMMIT  ?= $(shell git rev-parse --short=12 HEAD 2>/dev/null)
DIRTY   ?= $(shell git diff --quiet HEAD -- 2>/dev/null || echo true)
BUILDPKG := github.com/howcli/how/internal/build
LDFLAGS := -X $(BUILDPKG).Version=$(VERSION) -X $(BUILDPKG).Commit=$(COMMIT) -X $(BUILDPKG).Dirty=$(DIRTY)

.PHONY: help build test sheets bench lint fmt man fuzz completions vocab

## help: list the targets
help:
	@grep -h '^## ' $(MAKEFILE_LIST) | sed 's/^## //' | awk -F': ' '{ printf "  %-8s %s\n", $$1, $$2 }'

## build: build bin/how, static, with its version and commit
# Static (no cgo): nothing in how needs C, and a dynamically linked binary
# spends a millisecond of every query in the dynamic loader.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/how

## man: regenerate the man pages in docs/man from the command tree
man:
	$(GO) run ./cmd/gen-man docs/man

## completions: regenerate cobra's tab completion scripts in completions/ (a test fails when they are out of date)
completions:
	$(GO) test ./completions -run TestCompletionsUpToDate -update

## test: run every test (those needing ../shared skip without it)
test:
	$(GO) test ./...

## sheets: regenerate sheets/ from the notes in ../shared/notes (never edit them by hand)
sheets: build
	@test -d $(NOTES) || { echo "make sheets: $(NOTES) not found" >&2; exit 2; }
	find sheets -maxdepth 1 -name '*.md' ! -name README.md -delete
	cd $(NOTES) && $(CURDIR)/$(BIN) extract -o $(CURDIR)/sheets *.txt

SHARED ?= ../shared

# The package lists with their translations are fetched into a folder of
# their own, so the machine's apt lists stay as they were (Debian's images
# fetch no translations; an `apt-get update` elsewhere drops them).
VOCAB_LISTS ?= $(HOME)/.cache/how/vocab-apt-lists
VOCAB_LANGS ?= en,it,da,fr,de,pt_BR,pt,ru,es,nl,sv

## vocab: relearn internal/vocab/related.txt from Debian's package descriptions and their translations (fetched with apt-get, as root) and ../shared/corpora (about 8 minutes; see docs/vocabulary.md)
vocab:
	@test -d $(SHARED)/corpora || { echo "make vocab: $(SHARED)/corpora not found" >&2; exit 2; }
	mkdir -p $(VOCAB_LISTS)/partial
	apt-get update -o Dir::State::Lists=$(VOCAB_LISTS) -o Acquire::Languages=$(VOCAB_LANGS) || \
		{ echo "make vocab: apt-get could not fetch the package lists into $(VOCAB_LISTS) (it needs root)" >&2; exit 2; }
	$(GO) run ./cmd/gen-vocab -lists $(VOCAB_LISTS) -collections $(SHARED)/corpora \
		-eval internal/vocab/testdata/pairs.tsv -out internal/vocab/related.txt

## bench: micro-benchmarks, then how against its peers and the budgets (needs ../shared; writes docs/benchmarks.md)
bench:
	$(GO) test -run '^$$' -bench . -benchtime 20x ./...
	$(GO) run ./cmd/howbench -shared $(SHARED) -out docs/benchmarks.md

# Every fuzz target, as package:Target.
FUZZ := internal/extract:FuzzText internal/cheat:FuzzParse internal/navi:FuzzParse \
	internal/sheet:FuzzParse internal/sheet:FuzzPlaceholders internal/sheet:FuzzPersonalEntry \
	internal/source:FuzzParseFile internal/search:FuzzRun internal/vocab:FuzzCmdlineTokenizer \
	internal/vocab:FuzzSplitCommand internal/widget:FuzzLine
# A budget in runs (Nx), not seconds: Go 1.26's fuzz coordinator can report a
# bare "context deadline exceeded" failure when a timed budget ends while a
# worker is mid-run on a loaded machine (go.dev/issue/75804, fixed in 1.27).
FUZZTIME ?= 200000x

## fuzz: run every fuzz target for FUZZTIME runs each (default 200000x; CI runs 20000x)
fuzz:
	@set -e; for t in $(FUZZ); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz $$pkg $$name ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) ./$$pkg; \
	done

## lint: gofmt, go vet, go.mod tidy, and shellcheck on the shell scripts
lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) mod tidy -diff
	@if command -v shellcheck >/dev/null; then shellcheck $(SHELLS); else echo "shellcheck not installed; skipped" >&2; fi

## fmt: gofmt the tree
fmt:
	gofmt -w .
