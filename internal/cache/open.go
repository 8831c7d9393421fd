package cache

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
)

// Stage is a step of building the index, as reported to
// IndexOptions.Progress.
type Stage int

const (
	// StageRead is reading the sources: done and total count user files.
	StageRead Stage = iota
	// StageIndex is writing the index: total counts commands, and done
	// stays 0 until bleve has written a batch (for most collections, one
	// batch holds everything, so done jumps from 0 to total).
	StageIndex
)

// Options tune Open.
type Options struct {
	// Force rebuilds even when the index is up to date.
	Force bool
	// Progress, if set, is told how a build advances. It is not called
	// when the index is up to date, and never by two goroutines at once.
	Progress func(stage Stage, done, total int)
}

// Opened is an index and what the user should hear about how it was got.
type Opened struct {
	*index.Index
	// Built is set when the index was built for this call.
	Built bool
	// Warnings are one-line messages for stderr: sources that could not be
	// read, cache trouble. Library code never prints; the caller decides
	// where they go.
	Warnings []string
	// Snippets and Files count what was loaded, when the index was built.
	Snippets, Files int
}

// Cache is where the indexes of source sets are kept, and what they are
// built with.
type Cache struct {
	// Dir is the folder the indexes live in.
	Dir string
	// Manuals, if set, says what installed programs are (see
	// index.Knowledge); nil: nothing is known beyond the tool list, as in
	// tests, whose rankings must not depend on the machine.
	Manuals func(program string) string
}

// listedProblems is how many files with problems a build names.
const listedProblems = 5

// listedErrors is how many paths that could not be read a query names.
const listedErrors = 10

// problemLine is one line naming a file and its first problem.
func problemLine(r source.Report) string {
	msg := r.Problems[0]
	if !strings.HasPrefix(msg, r.Path) {
		msg = r.Path + ": " + msg
	}
	if n := len(r.Problems) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more)", n)
	}
	return msg
}

// Open returns the index of set, building it when the sources changed
// (or opts.Force).
func (c *Cache) Open(ctx context.Context, set *source.Set, opts Options) (*Opened, error) {
	fp, errs := set.FingerprintContext(ctx)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := &Opened{}
	out.Warnings = append(out.Warnings, errorLines(errs)...)
	if set.Empty() {
		why := "the bundled sheets are left out and no source was given"
		if len(errs) > 0 {
			why = "the bundled sheets are left out and " + errs[0].Error()
			if len(errs) > 1 {
				why += fmt.Sprintf(" (and %d more)", len(errs)-1)
			}
		}
		return nil, fmt.Errorf("nothing to search: %s", why)
	}
	var readProgress, indexProgress func(done, total int)
	if opts.Progress != nil {
		readProgress = func(done, total int) { opts.Progress(StageRead, done, total) }
		indexProgress = func(done, total int) { opts.Progress(StageIndex, done, total) }
	}
	load := func() ([]snippet.Snippet, error) {
		snips, reports, err := set.LoadProgress(ctx, readProgress)
		if err != nil {
			return nil, err
		}
		if opts.Progress != nil {
			opts.Progress(StageIndex, 0, len(snips))
		}
		broken, listed := 0, 0
		said := map[string]bool{}
		for _, e := range errs {
			said[e.Error()] = true
		}
		var unread []error
		for _, r := range reports {
			switch {
			case r.Skipped != "":
				// Pictures and programs beside notes: counted in how
				// sources, not news on every build.
			case r.Err != nil:
				// Missing paths were reported from the fingerprint already.
				if !said[r.Err.Error()] {
					unread = append(unread, r.Err)
				}
			case len(r.Problems) > 0:
				broken++
				// The first few files with problems are named, one line
				// each; a collection with hundreds of malformed pages is
				// summed up below instead of flooding the terminal.
				if listed < listedProblems {
					listed++
					out.Warnings = append(out.Warnings, problemLine(r))
				}
			}
			if r.Err == nil && r.Format != source.FormatFolder {
				out.Files++
			}
		}
		out.Warnings = append(out.Warnings, errorLines(unread)...)
		if more := broken - listed; more > 0 {
			noun := "more files have"
			if more == 1 {
				noun = "more file has"
			}
			out.Warnings = append(out.Warnings, fmt.Sprintf("%d %s problems; see `how sources`", more, noun))
		}
		out.Snippets = len(snips)
		return snips, nil
	}
	ix, err := EnsureWith(ctx, c.Dir, fp, load, EnsureOptions{Force: opts.Force, Progress: indexProgress, Manuals: c.Manuals})
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	out.Index, out.Built = ix.Index, ix.Built
	out.Warnings = append(out.Warnings, ix.Warnings...)
	return out, nil
}

// With opens the index of set and calls use with it, returning the
// warnings to show. An index reused from the cache can open cleanly and
// still be damaged where opening does not look (a corrupt posting list or
// synonym table shows only when read): when use fails on such an index
// because of the damage (index.ErrDamaged), the index is rebuilt, with a
// warning, and use is called once more. Any other failure (a closed pipe,
// an editor that fails) is returned as it is: a new index would not mend
// it. An index built for this call is not rebuilt again.
func (c *Cache) With(ctx context.Context, set *source.Set, use func(*index.Index) error) ([]string, error) {
	opened, err := c.Open(ctx, set, Options{})
	if err != nil {
		return nil, err
	}
	err = use(opened.Index)
	// Closed before any rebuild, which removes the old directory (and
	// cannot, on Windows, while it is open).
	opened.Index.Close()
	if err == nil || opened.Built || ctx.Err() != nil || !errors.Is(err, index.ErrDamaged) {
		return opened.Warnings, err
	}
	again, rerr := c.Open(ctx, set, Options{Force: true})
	if rerr != nil {
		return opened.Warnings, err
	}
	defer again.Index.Close()
	why, _, _ := strings.Cut(err.Error(), "\n")
	warnings := append(again.Warnings, fmt.Sprintf("the index in %s is damaged (%s); rebuilt it", opened.Index.Dir, why))
	return warnings, use(again.Index)
}

// errorLines says what could not be read, one line per path, the first
// few only. A source capped for its size (a system folder: HOW_PATH=/)
// holds thousands of unreadable files that would bury the answer; its
// warning says how to narrow it, and the rest are counted.
func errorLines(errs []error) []string {
	limit := listedErrors
	var capped, others []error
	for _, e := range errs {
		if errors.Is(e, source.ErrTooMany) {
			capped = append(capped, e)
		} else {
			others = append(others, e)
		}
	}
	if len(capped) > 0 {
		limit = 0
	}
	var lines []string
	for _, e := range capped {
		lines = append(lines, e.Error())
	}
	for i, e := range others {
		if i == limit {
			more := len(others) - i
			noun := "paths"
			if more == 1 {
				noun = "path"
			}
			lines = append(lines, fmt.Sprintf("%d more %s could not be read; see `how sources`", more, noun))
			break
		}
		lines = append(lines, e.Error())
	}
	return lines
}
