// Package edit is `how edit`: open where a command came from in an
// editor, at its line.
package edit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"
	"mvdan.cc/sh/v3/syntax"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/discover"
	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/render"
	"github.com/howcli/how/internal/safefile"
	"github.com/howcli/how/internal/search"
	"github.com/howcli/how/internal/sheet"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
)

// Options are edit's inputs.
type Options struct {
	IO *iostreams.IOStreams
	// Search runs a query on the index of the chosen sources.
	Search func(ctx context.Context, q search.Query) ([]search.Result, []string, error)
	// Personal says where the personal sheet is.
	Personal func() (string, error)
	Getenv   func(string) string
	// Run runs the editor on the terminal and waits for it.
	Run func(ed Editor) error
	// Changed is told that a file may have been edited in place, which
	// the index would otherwise only notice at its next full check.
	Changed func()
	// Updated finds the collection another tool keeps up to date that
	// holds a file (discover.Updated): an edit there does not last.
	Updated func(path string) (discover.Found, bool)

	Words []string
	// Nth is the result to open, 1 for the best.
	Nth     int
	Sources cmdutil.SourceFlags
}

// NewCmdEdit returns `how edit`. runF replaces editRun in tests.
func NewCmdEdit(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "edit [-n N] [-- QUERY...]",
		Short: "Open where the best result for a query given after -- came from, in your editor",
		Long: strings.TrimSpace(`
Search as how -- QUERY does and open the file the best command came from
in $VISUAL (else $EDITOR), at the command's line: your note, your
personal sheet, a tldr page, a cheat sheet, a navi cheat. -n N opens the
Nth result instead, as numbered by how -n N QUERY. Without a QUERY, open
your personal sheet (the one how add writes), creating it if need be.
The query goes after -- or a flag of edit's: words alone (how edit
crontab) are a question, searched, and nothing is opened.

The line is given the way the editor takes it: +LINE FILE for vi, vim,
nvim, nano, emacs, micro, kakoune and the like; FILE:LINE for helix,
Sublime Text and Zed; -g FILE:LINE for VS Code and its forks; -l LINE
for Kate and TextMate; --line LINE for JetBrains IDEs. Any other editor
gets the file alone, opened at its top. VISUAL and EDITOR may hold
arguments (EDITOR="code -w").

The bundled sheets are built into how, with no file to open: for one of
their commands, how edit says so and prints the how add command that
saves a copy into your personal sheet, where it is yours to change. A
file in a collection another tool keeps up to date (tealdeer's or tlrc's
cache, a read-only cheatpath, a repository navi cloned) is opened with a
warning: that tool's next update will overwrite the edit.

EXIT STATUS
    0    the editor ran and exited 0
    1    no match
    2    error: no editor set, a bundled command, a file that is gone,
         an editor that failed`),
		Example: strings.TrimRight(`
  how edit -- rsync mirror       # open the note with the best rsync command
  how edit -n 2 git undo commit  # the second result
  how edit                       # your personal sheet
  EDITOR="code -w" how edit -- tar`, "\n")[1:],
		Args: cmdutil.ExplicitArgs("edit searches only words given after -- or a flag: how edit -- QUERY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Words = strings.Fields(strings.Join(args, " "))
			if opts.Nth < 1 {
				return cmdutil.FlagErrorf("-n must be at least 1, not %d", opts.Nth)
			}
			set := f.Sources(opts.Sources)
			if opts.Search == nil {
				opts.Search = func(ctx context.Context, q search.Query) ([]search.Result, []string, error) {
					c, err := f.Indexes()
					if err != nil {
						return nil, nil, err
					}
					var results []search.Result
					warnings, err := c.With(ctx, set, func(ix *index.Index) (err error) {
						results, err = f.Search(ix, q)
						return err
					})
					return results, warnings, err
				}
			}
			if opts.Changed == nil {
				opts.Changed = set.Invalidate
			}
			if opts.Personal == nil {
				opts.Personal = f.PersonalSheet
			}
			if opts.Getenv == nil {
				opts.Getenv = f.Getenv
			}
			if opts.Run == nil {
				opts.Run = run
			}
			if opts.Updated == nil {
				home, _ := os.UserHomeDir()
				getenv := opts.Getenv
				if getenv == nil {
					getenv = os.Getenv
				}
				env := discover.Env{GOOS: runtime.GOOS, Home: home, Getenv: getenv}
				opts.Updated = func(path string) (discover.Found, bool) { return discover.Updated(env, source.RealPath(path)) }
			}
			if runF != nil {
				return runF(opts)
			}
			return editRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVarP(&opts.Nth, "nth", "n", 1, "open the `N`th result rather than the best")
	cmdutil.AddSourceFlags(cmd, &opts.Sources)
	return cmd
}

func editRun(ctx context.Context, opts *Options) error {
	if ctx == nil {
		ctx = context.Background()
	}
	var file string
	var line int
	if len(opts.Words) == 0 {
		path, err := opts.Personal()
		if err != nil {
			return err
		}
		if line, err = ensurePersonal(path); err != nil {
			return err
		}
		file = path
	} else {
		results, warnings, err := opts.Search(ctx, search.Query{Words: opts.Words, Limit: opts.Nth})
		if w := search.Unsearched(opts.Words); w != "" {
			warnings = append(warnings, w)
		}
		cmdutil.Warn(opts.IO, warnings)
		if err != nil {
			return err
		}
		query := render.Clean(strings.Join(search.Words(opts.Words), " "))
		if len(results) == 0 {
			return &cmdutil.NoMatchError{Hint: "nothing found for \"" + query + "\"", Always: true}
		}
		if len(results) < opts.Nth {
			return &cmdutil.NoMatchError{Hint: fmt.Sprintf("only %d results for \"%s\", no %s", len(results), query, ordinal(opts.Nth)), Always: true}
		}
		r := editable(results[opts.Nth-1])
		if r.Origin == snippet.OriginBundled {
			return bundledError(r)
		}
		file, line = r.Source, r.Line
		if _, err := os.Stat(file); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("%s: no such file; the command %s came from it (search: %s)", file, quoteCmd(r.Command), query)
			}
			return err
		}
		if opts.Updated != nil {
			if c, ok := opts.Updated(file); ok {
				cmdutil.Warn(opts.IO, []string{fmt.Sprintf("%s is in %s's %s (%s): its next update will overwrite your edit; to keep a change, save it with how add",
					cmdutil.Tilde(file), c.Tool, c.What, c.Update)})
			}
		}
	}
	ed, err := FindEditor(opts.Getenv, file, line)
	if err != nil {
		return err
	}
	at := file
	if line > 0 {
		at = fmt.Sprintf("%s:%d", file, line)
	}
	cs := opts.IO.StderrColorScheme()
	fmt.Fprintf(opts.IO.ErrOut, "how: opening %s in %s\n", render.Clean(cmdutil.Tilde(at)), render.Clean(ed.Name))
	if line > 0 && !ed.AtLine {
		fmt.Fprintf(opts.IO.ErrOut, "how: %s\n", cs.Dim("(how does not know how to give "+render.Clean(ed.Name)+" a line: go to line "+fmt.Sprint(line)+")"))
	}
	err = opts.Run(ed)
	// Whatever the editor did, the file may have changed in place.
	if opts.Changed != nil {
		opts.Changed()
	}
	return err
}

// editable is the place of a result to open: the same command may be
// found in several, and the one shown may be a bundled sheet's, which has
// no file, while the user saved a copy to change (as bundledError
// advises). The user's own copy comes first, then a collection's; a
// bundled one only when there is nothing else.
func editable(r search.Result) snippet.Snippet {
	rank := func(s snippet.Snippet) int {
		switch s.Origin {
		case snippet.OriginPersonal, snippet.OriginNotes:
			return 0
		case snippet.OriginBundled:
			return 2
		}
		return 1
	}
	best := r.Snippet
	for _, s := range r.Also {
		if rank(s) < rank(best) {
			best = s
		}
	}
	return best
}

// bundledError explains why a bundled command cannot be edited: its sheet
// is inside the binary, with no file to open. It names the sheet, the
// command that shows it and the command that saves a copy to change.
func bundledError(s snippet.Snippet) error {
	desc, _ := syntax.Quote(s.Description, syntax.LangBash)
	if s.Description == "" {
		desc = "''"
	}
	cmd, err := syntax.Quote(s.Command, syntax.LangBash)
	if err != nil {
		cmd = "'...'"
	}
	where := "is in " + s.Source + ", a sheet built into how: there is no file to open"
	if tool := render.Clean(s.Tool); tool != "" && !strings.ContainsAny(tool, " \t") {
		where += " (how show " + tool + " prints it)"
	}
	return fmt.Errorf("%s %s; to change it, save a copy of your own: how add -d %s -- %s",
		quoteCmd(s.Command), where, desc, cmd)
}

// quoteCmd shows a command in a message: its first line, in backticks.
func quoteCmd(cmd string) string {
	first, _, more := strings.Cut(cmd, "\n")
	if more {
		first += " ..."
	}
	return "`" + first + "`"
}

// ensurePersonal creates the personal sheet when there is none, so that
// there is something to open, and returns its last line (where a new
// command goes).
func ensurePersonal(path string) (int, error) {
	// Without blocking, through a limit: a FIFO or a link to /dev/zero in
	// the sheet's place is an error, not a hang.
	data, err := safefile.Read(path, source.MaxFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return 0, err
		}
		data = sheet.PersonalHeader()
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return 0, err
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return 0, err
		}
	} else if err != nil {
		return 0, err
	}
	return bytes.Count(bytes.TrimRight(data, "\n"), []byte("\n")) + 1, nil
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// run starts the editor on the terminal: on how's own streams when they
// are one, else (how edit in a pipeline, a widget) on the controlling
// terminal, since an editor without a terminal is no use to anyone.
func run(ed Editor) error {
	c := exec.Command(ed.Name, ed.Args...)
	c.Stdin, c.Stdout, c.Stderr = os.Stdin, os.Stdout, os.Stderr
	if tty, err := openTTY(); err == nil {
		defer tty.Close()
		if !isTerminal(os.Stdin) {
			c.Stdin = tty
		}
		if !isTerminal(os.Stdout) && runtime.GOOS != "windows" {
			c.Stdout = tty
		}
	}
	if err := c.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("%s exited with status %d", ed.Name, ee.ExitCode())
		}
		if errors.Is(err, exec.ErrNotFound) {
			return fmt.Errorf("%s: editor not found (from VISUAL or EDITOR)", ed.Name)
		}
		return err
	}
	return nil
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

func openTTY() (*os.File, error) {
	if runtime.GOOS == "windows" {
		return os.OpenFile("CONIN$", os.O_RDWR, 0)
	}
	return os.OpenFile("/dev/tty", os.O_RDWR, 0)
}
