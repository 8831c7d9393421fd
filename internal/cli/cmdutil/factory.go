// Package cmdutil holds what every command shares: the Factory of
// dependencies, the errors that decide the exit status, and the source
// flags.
package cmdutil

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/cache"
	"github.com/howcli/how/internal/clipboard"
	"github.com/howcli/how/internal/config"
	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/render"
	"github.com/howcli/how/internal/search"
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

// Indexes is where this run keeps the indexes of its source sets: the
// cache directory's "index" folder. Only a Factory that knows the machine
// (Host) has them read its manuals.
func (f *Factory) Indexes() (*cache.Cache, error) {
	dirs, err := f.Dirs()
	if err != nil {
		return nil, err
	}
	c := &cache.Cache{Dir: filepath.Join(dirs.Cache, "index"), Feedback: f.BuildFeedback(ProgressLine)}
	if f.Host != nil {
		c.Manuals = vocab.Manuals(systemManuals)
	}
	return c, nil
}

// slowBuild is how long a build goes on before a person waiting at a
// terminal is told about it: a query otherwise answers well within it.
const slowBuild = 500 * time.Millisecond

// WidgetFeedback is what a build that keeps a shell widget's key waiting
// shows: a status line below the prompt, on the terminal itself, since
// zsh and fish take a widget's stderr for its message. Nothing is shown
// without a terminal.
func (f *Factory) WidgetFeedback() func() cache.Reporter {
	return func() cache.Reporter {
		tty := &lazyTTY{}
		return ttyBar{NewProgressBar(tty, ProgressBelow, "building the index: ", slowBuild), tty}
	}
}

// lazyTTY is the terminal, opened at the first write: most queries find
// their index up to date, and draw nothing. Without one, what is written
// is dropped.
type lazyTTY struct {
	f      *os.File
	opened bool
}

func (t *lazyTTY) Write(p []byte) (int, error) {
	if !t.opened {
		t.opened = true
		t.f, _ = os.OpenFile("/dev/tty", os.O_WRONLY, 0)
	}
	if t.f == nil {
		return len(p), nil
	}
	return t.f.Write(p)
}

// ttyBar is a bar on a terminal opened for it, closed when it finishes.
type ttyBar struct {
	*ProgressBar
	tty *lazyTTY
}

func (b ttyBar) Finish() {
	b.ProgressBar.Finish()
	if b.tty.f != nil {
		b.tty.f.Close()
	}
}

// BuildFeedback is what a build that keeps a person waiting shows on a
// terminal (stderr), in style; nil when stderr is not one: piped or
// logged, progress would only be noise between the lines that matter.
func (f *Factory) BuildFeedback(style ProgressStyle) func() cache.Reporter {
	if f.IO == nil || !f.IO.IsStderrTTY() {
		return nil
	}
	return func() cache.Reporter {
		return NewProgressBar(f.IO.ErrOut, style, "building the index: ", slowBuild)
	}
}

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

// Warn prints one-line warnings on stderr. They are cleaned for the
// terminal: a warning often names a file, and a file name can hold escape
// sequences as well as a file can.
func Warn(ios *iostreams.IOStreams, warnings []string) {
	cs := ios.StderrColorScheme()
	for _, w := range warnings {
		fmt.Fprintf(ios.ErrOut, "how: %s %s\n", cs.Yellow("warning:"), render.Clean(w))
	}
}
