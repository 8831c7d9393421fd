// Package cmdutil holds what every command shares: the Factory of
// dependencies, the errors that decide the exit status, and the source
// flags.
package cmdutil

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/clipboard"
	"github.com/howcli/how/internal/config"
	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/render"
	"github.com/howcli/how/internal/search"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
	"github.com/howcli/how/internal/vocab"
)

// Factory carries a command's dependencies. Costly ones are functions, so
// nothing is computed until a command asks for it.
type Factory struct {
	IO *iostreams.IOStreams
	// Getenv reads the environment (HOW_PATH, HOW_NO_BUNDLED, ...).
	Getenv func(string) string
	// Dirs finds the config and cache directories.
	Dirs func() (config.Dirs, error)
	// Bundled replaces the bundled sheets; nil means the embedded ones.
	Bundled fs.FS
	// Config returns what config.toml says, with one-line warnings about
	// settings it does not know. It reads the file once per process; nil
	// means there is no config file (tests).
	Config func() (config.File, []string, error)
	// Copy puts text on the clipboard and says how; nil means the real
	// clipboard (internal/clipboard).
	Copy func(text string) (clipboard.Delivery, error)
	// Host is what ranking knows of the machine (search.Host); nil means
	// nothing, as in tests, whose rankings must not depend on the machine.
	Host func() *search.Host
}

// New returns the Factory for a real run.
func New(ios *iostreams.IOStreams) *Factory {
	f := &Factory{
		IO:     ios,
		Getenv: os.Getenv,
		Dirs:   config.Default,
		Host:   sync.OnceValue(search.ThisHost),
	}
	f.Config = LoadConfig(f)
	return f
}

// systemManuals is where the installed programs' man pages are.
const systemManuals = "/usr/share/man"

// Search runs q on ix for the machine the Factory describes.
func (f *Factory) Search(ix *index.Index, q search.Query) ([]search.Result, error) {
	if f.Host != nil && q.Host == nil {
		q.Host = f.Host()
	}
	return search.Run(ix, q)
}

// Shown is what render shows of search's results.
func Shown(results []search.Result) []render.Result {
	out := make([]render.Result, len(results))
	for i, r := range results {
		out[i] = render.Result{Snippet: r.Snippet, Also: r.Also, Score: r.Score, Explanation: r.Explanation}
	}
	return out
}

// LoadConfig returns a Factory.Config that reads config.toml from f's
// config directory, once.
func LoadConfig(f *Factory) func() (config.File, []string, error) {
	type loaded struct {
		file     config.File
		warnings []string
		err      error
	}
	once := sync.OnceValue(func() loaded {
		dirs, err := f.Dirs()
		if err != nil {
			// With no directory there is no file: the defaults apply, and
			// the commands that need the directory say so themselves.
			return loaded{}
		}
		home, _ := os.UserHomeDir()
		file, warnings, err := config.Load(dirs.Config, home)
		return loaded{file, append(dirs.Warnings, warnings...), err}
	})
	return func() (config.File, []string, error) {
		l := once()
		return l.file, l.warnings, l.err
	}
}

// ConfigFile is f.Config's file, or the defaults when there is none or it
// is broken (the root command reports a broken file before any command
// runs, so commands need not).
func (f *Factory) ConfigFile() config.File {
	if f.Config == nil {
		return config.File{}
	}
	file, _, err := f.Config()
	if err != nil {
		return config.File{}
	}
	return file
}

// SourceFlags are the flags that choose what is searched.
type SourceFlags struct {
	Paths     []string
	NoBundled bool
}

// AddSourceFlags adds --source and --no-bundled to cmd.
func AddSourceFlags(cmd *cobra.Command, sf *SourceFlags) {
	cmd.Flags().StringArrayVar(&sf.Paths, "source", nil, "also search `PATH`, a file or a folder (repeatable)")
	cmd.Flags().BoolVar(&sf.NoBundled, "no-bundled", false, "leave the bundled sheets out")
}

// Sources is the source set for these flags, the environment and the
// config file (see SourceOptions).
func (f *Factory) Sources(sf SourceFlags) *source.Set {
	return source.New(f.SourceOptions(sf))
}

// SourceOptions says what Sources reads. Paths add up, in this order: the
// config file's sources (its sources list, then its [[source]] tables),
// HOW_PATH's entries, each --source. The bundled sheets are searched
// unless --no-bundled is given; else HOW_NO_BUNDLED decides when it is
// set ("1" or "true" leaves them out, "0" or "false" puts them back); else
// the config file's bundled setting; else they are. The personal sheet
// (`how add`) is always searched when it exists.
func (f *Factory) SourceOptions(sf SourceFlags) source.Options {
	cfg := f.ConfigFile()
	getenv := f.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	var paths []string
	paths = append(paths, cfg.Paths()...)
	paths = append(paths, source.SplitList(getenv("HOW_PATH"))...)
	paths = append(paths, sf.Paths...)
	noBundled := !cfg.IncludeBundled()
	switch nb := strings.ToLower(strings.TrimSpace(getenv("HOW_NO_BUNDLED"))); nb {
	case "":
	case "0", "false", "no":
		noBundled = false
	default:
		noBundled = true
	}
	opts := source.Options{
		Paths:     paths,
		NoBundled: sf.NoBundled || noBundled,
		Bundled:   f.Bundled,
		Platform:  cfg.Platform,
		Languages: source.Languages(getenv),
	}
	if opts.Platform == "macos" {
		opts.Platform = "osx" // tldr's folder; macos is the name it recommends
	}
	for _, s := range cfg.Source {
		if s.Format != "" {
			if opts.Formats == nil {
				opts.Formats = map[string]source.Format{}
			}
			opts.Formats[s.Path] = source.Format(s.Format)
		}
		if len(s.Tags) > 0 {
			if opts.Tags == nil {
				opts.Tags = map[string][]string{}
			}
			opts.Tags[s.Path] = append(opts.Tags[s.Path], s.Tags...)
		}
	}
	if f.Dirs != nil {
		if dirs, err := f.Dirs(); err == nil {
			// Without a state directory every query would stat every file
			// of every collection (35-43 ms for the 7,400 files of tldr,
			// cheat and navi): see source.Options.StateDir.
			opts.StateDir = filepath.Join(dirs.Cache, "sources")
			if dirs.Data != "" {
				opts.Personal = PersonalPath(dirs)
			}
		}
	}
	return opts
}

// PersonalPath is where the personal sheet is: the file `how add` writes.
func PersonalPath(dirs config.Dirs) string {
	return filepath.Join(dirs.Data, config.PersonalFile)
}

// PersonalSheet is PersonalPath for this run's folders, or why there is
// none (no data folder can be found).
func (f *Factory) PersonalSheet() (string, error) {
	dirs, err := f.Dirs()
	if err != nil {
		return "", err
	}
	if dirs.Data == "" {
		return "", config.ErrNoDataDir
	}
	return PersonalPath(dirs), nil
}

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

// IndexOptions tune OpenIndex.
type IndexOptions struct {
	// Force rebuilds even when the index is up to date.
	Force bool
	// Progress, if set, is told how a build advances. It is not called
	// when the index is up to date, and never by two goroutines at once.
	Progress func(stage Stage, done, total int)
}

// Opened is an index and what the user should hear about how it was got.
type Opened struct {
	Index *index.Index
	// Warnings are one-line messages for stderr: sources that could not be
	// read, cache trouble.
	Warnings []string
	// Snippets and Files count what was loaded, when the index was built.
	Snippets, Files int
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

// OpenIndex returns the index of set, building it when the sources changed
// (or opts.Force). The index lives in the cache directory's "index" folder.
func (f *Factory) OpenIndex(ctx context.Context, set *source.Set, opts IndexOptions) (*Opened, error) {
	dirs, err := f.Dirs()
	if err != nil {
		return nil, err
	}
	fp, errs := set.Fingerprint()
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
	iopts := index.Options{Force: opts.Force, Progress: indexProgress}
	if f.Host != nil {
		// Only a Factory that knows the machine reads its manuals.
		iopts.Manuals = vocab.Manuals(systemManuals)
	}
	ix, err := index.EnsureWith(ctx, filepath.Join(dirs.Cache, "index"), fp, load, iopts)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ErrCancelled
		}
		return nil, err
	}
	out.Index = ix
	out.Warnings = append(out.Warnings, ix.Warnings...)
	return out, nil
}

// WithIndex opens the index of set and calls use with it, returning the
// warnings to show. An index reused from the cache can open cleanly and
// still be damaged where opening does not look (a corrupt posting list or
// synonym table shows only when read): when use fails on such an index, it
// is rebuilt, with a warning, and use is called once more. An index built
// for this call is not rebuilt again, so a failure that is not damage
// costs one rebuild, not a loop.
func (f *Factory) WithIndex(ctx context.Context, set *source.Set, use func(*index.Index) error) ([]string, error) {
	opened, err := f.OpenIndex(ctx, set, IndexOptions{})
	if err != nil {
		return nil, err
	}
	err = use(opened.Index)
	// Closed before any rebuild, which removes the old directory (and
	// cannot, on Windows, while it is open).
	opened.Index.Close()
	if err == nil || opened.Index.Built || ctx.Err() != nil {
		return opened.Warnings, err
	}
	again, rerr := f.OpenIndex(ctx, set, IndexOptions{Force: true})
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

// Warn prints one-line warnings on stderr. They are cleaned for the
// terminal: a warning often names a file, and a file name can hold escape
// sequences as well as a file can.
func Warn(ios *iostreams.IOStreams, warnings []string) {
	cs := ios.StderrColorScheme()
	for _, w := range warnings {
		fmt.Fprintf(ios.ErrOut, "how: %s %s\n", cs.Yellow("warning:"), render.Clean(w))
	}
}
