package cache

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
)

// build is one Open's work on the parts of a set that changed.
type build struct {
	c    *Cache
	ctx  context.Context
	plan *source.Plan
	opts Options
	out  *Opened
	// want are the names of the units' segments, less their times (see
	// segName), in the order of the plan.
	want []string
	// manifest is the set's, once composed.
	manifest []byte
	// warned are the folders already said to be damaged.
	warned map[string]bool
	// fileWarnings are what the files read said, kept apart so that a
	// build that falls back to memory, reading every unit, says it once.
	fileWarnings []string
	// reporter is the Cache's Feedback, if any; Open finishes it.
	reporter Reporter
}

// started tells the feedback, if any, how the build advances.
func (b *build) started() {
	if b.reporter != nil && b.opts.Progress == nil {
		b.opts.Progress = b.reporter.Update
	}
}

// done is the set's index, with the warnings of the files read.
func (b *build) done(ix *index.Index, built bool) *Opened {
	b.out.Index, b.out.Built = ix, built
	b.out.Warnings = append(b.out.Warnings, b.fileWarnings...)
	return b.out
}

// loadError is the sources' own failure (an interrupt): returned as it
// is, never answered by building in memory.
type loadError struct{ err error }

func (e *loadError) Error() string { return e.err.Error() }
func (e *loadError) Unwrap() error { return e.err }

// segments builds the segments of the units that have none (every unit's
// with opts.Force), and composes the set's manifest. A segment kept from
// before that turns out damaged is rebuilt alone, with one warning.
func (b *build) segments() error {
	entries, err := os.ReadDir(b.c.Dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	dirs := make([]string, len(b.want))
	built := make([]bool, len(b.want))
	var todo []int
	for i, prefix := range b.want {
		if !b.opts.Force {
			dirs[i] = existingSeg(names, prefix)
		}
		if dirs[i] == "" {
			todo = append(todo, i)
		}
	}
	k := b.c.knowledge()
	// Each round mends one damaged folder, so there are at most as many
	// as folders (and one more for the overlay).
	for range len(dirs) + 2 {
		if err := b.write(todo, dirs); err != nil {
			return err
		}
		for _, i := range todo {
			built[i] = true
		}
		todo = nil
		m, err := index.Compose(b.c.Dir, dirs, k)
		var pe *index.PartError
		if err == nil || !errors.As(err, &pe) {
			b.manifest = m
			return err
		}
		b.damaged(pe)
		if strings.HasPrefix(pe.Dir, index.OverlayPrefix) {
			// Compose writes the overlay only where there is none.
			if rerr := os.RemoveAll(filepath.Join(b.c.Dir, pe.Dir)); rerr != nil {
				return err
			}
			continue
		}
		for i, d := range dirs {
			if d == pe.Dir && !built[i] {
				todo = append(todo, i)
			}
		}
		if len(todo) == 0 {
			// Damaged as soon as written: the cache cannot hold it.
			return err
		}
	}
	return errors.New("cannot mend the segments")
}

// damaged warns, once per folder, that the folder pe names is damaged.
func (b *build) damaged(pe *index.PartError) {
	if !b.warnedOf(pe.Dir) {
		return
	}
	b.out.Warnings = append(b.out.Warnings, damaged(filepath.Join(b.c.Dir, pe.Dir), pe))
}

// warnedOf notes that the folder dir was said to be damaged, and reports
// whether it is news.
func (b *build) warnedOf(dir string) bool {
	if b.warned == nil {
		b.warned = map[string]bool{}
	}
	if b.warned[dir] {
		return false
	}
	b.warned[dir] = true
	return true
}

// write builds the segments of the units numbered todo, each in a folder
// of its own, written under a temporary name and renamed when whole (a
// killed build leaves only what the next collects), and puts their names
// in dirs.
func (b *build) write(todo []int, dirs []string) error {
	if len(todo) == 0 {
		return nil
	}
	lists, err := b.load(todo)
	if err != nil {
		return err
	}
	total := 0
	for _, l := range lists {
		total += len(l)
	}
	if b.opts.Progress != nil {
		b.opts.Progress(StageIndex, 0, total)
	}
	k := b.c.knowledge()
	offset := 0
	for j, i := range todo {
		if err := b.ctx.Err(); err != nil {
			return &loadError{err}
		}
		var progress func(done, _ int)
		if b.opts.Progress != nil {
			base := offset
			progress = func(done, _ int) { b.opts.Progress(StageIndex, base+done, total) }
		}
		name := newSegName(b.want[i])
		tmp := filepath.Join(b.c.Dir, name+tmpMark+strconv.Itoa(os.Getpid()))
		if err := index.BuildSegment(tmp, lists[j], k, progress); err != nil {
			return err
		}
		if err := os.Rename(tmp, filepath.Join(b.c.Dir, name)); err != nil {
			_ = os.RemoveAll(tmp)
			return err
		}
		dirs[i] = name
		offset += len(lists[j])
		// Written: the memory goes back for the next segment's build.
		lists[j] = nil
	}
	return nil
}

// load reads the units numbered which, and keeps the warnings about what
// was read.
func (b *build) load(which []int) ([][]snippet.Snippet, error) {
	b.started()
	var readProgress func(done, total int)
	if b.opts.Progress != nil {
		readProgress = func(done, total int) { b.opts.Progress(StageRead, done, total) }
	}
	lists, reports, err := b.plan.Load(b.ctx, which, readProgress)
	if err != nil {
		return nil, &loadError{err}
	}
	b.report(reports)
	for _, l := range lists {
		b.out.Snippets += len(l)
	}
	return lists, nil
}

// report puts in the warnings the files that could not be read or had
// problems, the first few by name, and counts the files read.
func (b *build) report(reports []source.Report) {
	broken, listed := 0, 0
	said := map[string]bool{}
	for _, e := range b.plan.Errs {
		said[e.Error()] = true
	}
	var unread []error
	for _, r := range reports {
		switch {
		case r.Skipped != "":
			// Pictures and programs beside notes: counted in how
			// sources, not news on every build.
		case r.Err != nil:
			// Missing paths were reported from the plan already.
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
				b.fileWarnings = append(b.fileWarnings, problemLine(r))
			}
		}
		if r.Err == nil && r.Format != source.FormatFolder {
			b.out.Files++
		}
	}
	b.fileWarnings = append(b.fileWarnings, errorLines(unread)...)
	if more := broken - listed; more > 0 {
		noun := "more files have"
		if more == 1 {
			noun = "more file has"
		}
		b.fileWarnings = append(b.fileWarnings, fmt.Sprintf("%d %s problems; see `how sources`", more, noun))
	}
}

// inMemory builds the whole set in memory, when the cache fails us, and
// says why.
func (b *build) inMemory(why string) (*Opened, error) {
	all := make([]int, len(b.plan.Units))
	for i := range all {
		all[i] = i
	}
	b.out.Snippets, b.out.Files, b.fileWarnings = 0, 0, nil
	lists, err := b.load(all)
	if err != nil {
		var le *loadError
		if errors.As(err, &le) {
			return nil, le.err
		}
		return nil, err
	}
	var snips []snippet.Snippet
	for _, l := range lists {
		snips = append(snips, l...)
	}
	var progress func(done, total int)
	if b.opts.Progress != nil {
		b.opts.Progress(StageIndex, 0, len(snips))
		progress = func(done, total int) { b.opts.Progress(StageIndex, done, total) }
	}
	ix, err := index.BuildMemory(snips, b.c.knowledge(), progress)
	if err != nil {
		return nil, err
	}
	out := b.done(ix, true)
	out.Manifest = ""
	out.Warnings = append(out.Warnings, why+"; using a temporary in-memory index")
	return out, nil
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

// errCause drops the path that os errors repeat, for one-line warnings.
func errCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
