// Package query is the root command: `how [flags] [--] QUERY...`.
package query

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/cache"
	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/clipboard"
	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/picker"
	"github.com/howcli/how/internal/render"
	"github.com/howcli/how/internal/search"
)

// DefaultLimit is how many results are shown without -n: enough to see the
// alternatives on one screen, few enough to read at a glance. Scripts that
// want one ask for -n 1.
const DefaultLimit = 5

// Options are the query's inputs.
type Options struct {
	IO *iostreams.IOStreams
	// Search runs the query against the index of the chosen sources; it is
	// a function so that tests (and runF) need no index.
	Search func(ctx context.Context, q search.Query) ([]search.Result, []string, error)
	// Copy puts text on the clipboard and says how.
	Copy func(text string) (clipboard.Delivery, error)
	// Session opens the index once and lets use run many queries on it:
	// the picker searches on every key.
	Session func(ctx context.Context, use func(Searcher) error) ([]string, error)
	// Pick runs the picker (picker.Run).
	Pick func(ctx context.Context, o picker.Options) (picker.Result, error)
	// Getenv reads HOW_WIDGET_CURSOR, HOW_WIDGET_WROTE and
	// HOW_WIDGET_BUFFER.
	Getenv func(string) string

	Words   []string
	Limit   int
	JSON    bool
	NUL     bool
	Explain bool
	// CopyTop copies the chosen command (-c): the best one, until a picker
	// (-i/--pick) lets the user choose.
	CopyTop bool
	Sources cmdutil.SourceFlags
	// Interactive chooses with the picker (-i/--pick).
	Interactive bool
	// Widget answers a shell widget (--widget): Buffer is its command line.
	Widget bool
	Buffer string
}

// NewCmdQuery returns the root command. runF replaces queryRun in tests.
func NewCmdQuery(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "how [flags] [--] QUERY...",
		Short: "Find the shell command you once wrote down",
		Long: strings.TrimSpace(`
Find the shell command you once wrote down. how reads notes, tldr pages and
its own sheets, and answers a few words with the best commands, ranked.

On a terminal, each command comes first, its program in bold, its options
and placeholders set apart, then what it does and, dimmed, where it came
from. tldr placeholders are shown without their braces ({{path/to/file}}
as path/to/file, underlined; {{[-f|--follow]}} as --follow).

Piped, only the commands are printed, exactly as written, one per line;
-0 separates them with NUL bytes instead, since a command can span lines.
--json prints an array of objects, best first, with command, description,
tool, tags, section, source, line, origin, score and also (the other
places the same command was found); fields that hold lists are always
arrays. A command from the sheets built into how has the source
bundled:NAME.md and its line there (how show TOOL prints the sheet).

-c copies the best command to the clipboard, as you would type it: tldr
option placeholders resolved, value placeholders kept in {{braces}} so that
they stand out and a command pasted as is fails rather than runs on an
example's value. It goes through wl-copy, xclip, xsel, pbcopy or clip.exe;
over SSH, or when none works, through tmux's buffer inside tmux, else
through the terminal itself (OSC 52). stderr says how: "copied" when the
command is known to be on a clipboard (or in tmux's buffer), "sent" when
it was only sent to the terminal, which answers nothing.

-i opens a picker on the terminal, the query on top and the results under
it, refreshed as you type: arrows or Ctrl-N/Ctrl-P move, Enter prints the
chosen command on stdout (so $(how -i tar) works), Ctrl-Y copies it instead
(as -c does), Esc or Ctrl-C cancels. With -c, Enter also copies. Nothing is
ever run.

On the command line itself, a key (Ctrl-G) turns what you typed into the
command: see how init --help.

Questions start with any word: how show disk usage, how add user to
group and how edit crontab are searches. A line runs a command only when
it has that command's exact shape:

    how show NAME                NAME a program how knows
    how add [flags] -- COMMAND   or with a flag of its own, or alone
    how edit [flags] -- QUERY    or with a flag of its own, or alone
    how extract [flags] FILE...  every FILE there
    how index, how sources, how init SHELL, how completion SHELL,
    how version, how help [TOPIC or COMMAND], each with its own flags

Any other line is searched as if it followed --, so nothing is saved,
opened or rebuilt from words alone. Words starting with - are taken for
flags; put them after --: how -- -rf.

Sources: the bundled sheets, the config file's sources, every path in
HOW_PATH (":"-separated), then each --source. A folder is searched
recursively; a file over 10 MiB is skipped. The index is kept in the cache
directory and rebuilt when a source changes.

Settings and variables: how help config, how help environment.

EXIT STATUS
    0    commands found
    1    no match, or nothing close enough to the query (nothing is
         printed on stdout; [] with --json)
    2    error: a bad flag, a query with no words, an unreadable config
         file, nothing to search, a copy that failed
    130  cancelled`),
		Example: strings.TrimRight(`
  how journalctl follow
  how -n 1 free disk space
  how -c restart nginx
  how -i kubectl rollout
  how --json -n 3 what is listening on port 3000 | jq -r '.[0].command'
  how -0 heredoc | xargs -0 -n 1 printf '%s\n---\n'
  how --source ~/notes kubectl rollout
  how show disk usage
  how -- -rf`, "\n")[1:],
		Args:                  cobra.ArbitraryArgs,
		DisableFlagsInUseLine: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			// A query on an index that is up to date allocates a few MB
			// and exits: collecting them as they are made was a sixth of
			// its time (10,000 notes: 25 ms, 21 ms at this pace). A build
			// goes back to the default pace (cache.Open), and GOGC, when
			// set, is the user's choice.
			if f.Getenv("GOGC") == "" {
				debug.SetGCPercent(queryGCPercent)
			}
			opts.Words = strings.Fields(strings.Join(args, " "))
			if opts.Widget {
				// The buffer is one argument (how --widget -- "$BUFFER"),
				// kept byte for byte; PowerShell passes it in the
				// environment, since its quoting of native arguments
				// differs between versions.
				opts.Buffer = strings.Join(args, " ")
				if len(args) == 0 {
					opts.Buffer = f.Getenv("HOW_WIDGET_BUFFER")
				}
				opts.Words = nil
				if opts.JSON || opts.NUL || opts.CopyTop || opts.Explain {
					return cmdutil.FlagErrorf("--widget cannot be combined with --json, -0, -c or --explain")
				}
			}
			if len(opts.Words) == 0 && !opts.Widget && !opts.Interactive {
				// `how` alone asks for help; a line that says something
				// and holds no word (how "", how -n 3) is a mistake.
				if len(args) == 0 && cmd.Flags().NFlag() == 0 && cmd.ArgsLenAtDash() < 0 {
					return cmd.Help()
				}
				return cmdutil.FlagErrorf("nothing to search for: the query has no words")
			}
			if !cmd.Flags().Changed("limit") {
				if n := f.ConfigFile().Limit; n > 0 {
					opts.Limit = n
				}
			}
			if opts.Limit < 1 {
				return cmdutil.FlagErrorf("-n/--limit must be at least 1, not %d", opts.Limit)
			}
			// A widget's build is shown below the prompt, which stays
			// as it is while the key waits.
			feedback := f.BuildFeedback(cmdutil.ProgressLine)
			if opts.Widget {
				feedback = f.WidgetFeedback()
			}
			if opts.Search == nil {
				opts.Search = searcher(f, opts.Sources, feedback)
			}
			if opts.Session == nil {
				opts.Session = session(f, opts.Sources, feedback)
			}
			if opts.Pick == nil {
				opts.Pick = picker.Run
			}
			if opts.Getenv == nil {
				opts.Getenv = f.Getenv
			}
			if opts.Copy == nil {
				opts.Copy = f.Copy
				if opts.Copy == nil {
					opts.Copy = func(text string) (clipboard.Delivery, error) { return clipboard.Copy(text, clipboard.Options{}) }
				}
			}
			if runF != nil {
				return runF(opts)
			}
			switch {
			case opts.Widget:
				return widgetRun(cmd.Context(), opts)
			case opts.Interactive:
				return pickRun(cmd.Context(), opts)
			}
			return queryRun(cmd.Context(), opts)
		},
	}
	// -c copies "the chosen" command: the best one, or the one picked
	// with -i.
	cmd.Flags().IntVarP(&opts.Limit, "limit", "n", DefaultLimit, "show at most `N` commands (config: limit)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print a JSON array of results")
	cmd.Flags().BoolVarP(&opts.NUL, "null", "0", false, "separate commands with NUL bytes, not newlines")
	cmd.Flags().BoolVarP(&opts.CopyTop, "copy", "c", false, "copy the best command to the clipboard")
	cmd.Flags().BoolVar(&opts.Explain, "explain", false, "show why each command ranked where it did")
	cmd.Flags().BoolVarP(&opts.Interactive, "pick", "i", false, "choose the command interactively, refining the query as you type")
	cmd.Flags().BoolVar(&opts.Widget, "widget", false, "answer a shell widget: how --widget [--pick] -- BUFFER (see how init --help)")
	_ = cmd.Flags().MarkHidden("widget")
	cmdutil.AddSourceFlags(cmd, &opts.Sources)
	return cmd
}

// queryGCPercent is the collector's pace for a query (GOGC=400): the
// heap may grow to five times what is live before a collection.
const queryGCPercent = 400

// searcher opens the index of the chosen sources and runs a query on it.
func searcher(f *cmdutil.Factory, sf cmdutil.SourceFlags, feedback func() cache.Reporter) func(context.Context, search.Query) ([]search.Result, []string, error) {
	return func(ctx context.Context, q search.Query) ([]search.Result, []string, error) {
		c, err := f.Indexes()
		if err != nil {
			return nil, nil, err
		}
		c.Feedback = feedback
		var results []search.Result
		warnings, err := c.With(ctx, f.Sources(sf), func(ix *index.Index) (err error) {
			results, err = f.Search(ix, q)
			return err
		})
		return results, warnings, err
	}
}

// session opens the index of the chosen sources once for use.
func session(f *cmdutil.Factory, sf cmdutil.SourceFlags, feedback func() cache.Reporter) func(context.Context, func(Searcher) error) ([]string, error) {
	return func(ctx context.Context, use func(Searcher) error) ([]string, error) {
		c, err := f.Indexes()
		if err != nil {
			return nil, err
		}
		c.Feedback = feedback
		return c.With(ctx, f.Sources(sf), func(ix *index.Index) error {
			return use(func(q search.Query) ([]search.Result, error) { return f.Search(ix, q) })
		})
	}
}

func queryRun(ctx context.Context, opts *Options) error {
	results, warnings, err := opts.Search(ctx, search.Query{Words: opts.Words, Limit: opts.Limit, Explain: opts.Explain})
	if w := search.Unsearched(opts.Words); w != "" {
		warnings = append(warnings, w)
	}
	cmdutil.Warn(opts.IO, warnings)
	if err != nil {
		return err
	}
	if len(results) > opts.Limit {
		results = results[:opts.Limit]
	}
	if len(results) == 0 {
		// A script reading JSON gets JSON whatever happens: an empty
		// array, and the exit status that says no match.
		if opts.JSON {
			if err := render.JSON(opts.IO.Out, nil, false); err != nil {
				return err
			}
		}
		return &cmdutil.NoMatchError{Hint: "nothing found for \"" + render.Clean(strings.Join(search.Words(opts.Words), " ")) + "\""}
	}
	printErr := render.Results(opts.IO, cmdutil.Shown(results), render.Options{JSON: opts.JSON, NUL: opts.NUL, Explain: opts.Explain})
	if opts.CopyTop {
		// Copied even when stdout was closed early (how -c tar | head -1):
		// the copy is what was asked for; the listing is a courtesy.
		if err := copyCommand(opts, results[0]); err != nil {
			return err
		}
	}
	return printErr
}

// copyCommand puts r's command on the clipboard as it would be typed (see
// render.ModeTyped) and says on stderr what was copied and how.
func copyCommand(opts *Options, r search.Result) error {
	text := render.Typed(render.CleanCommand(r.Command), r.Origin)
	d, err := opts.Copy(text)
	if err != nil {
		return err
	}
	cs := opts.IO.StderrColorScheme()
	verb := d.Verb()
	if d.Copied {
		verb = cs.Green(verb)
	}
	lead := "how: " + verb + " " + d.How + ": "
	// The message names the command on one line: its first line, and how
	// many more there are; fit to the terminal so that it does not wrap.
	lines := strings.Split(text, "\n")
	shown := render.Clean(lines[0])
	more := ""
	if len(lines) > 1 {
		more = fmt.Sprintf(" (+%d lines)", len(lines)-1)
	}
	if opts.IO.IsStderrTTY() {
		avail := opts.IO.TerminalWidth() - runewidth.StringWidth("how: "+d.String()+": "+more)
		shown = runewidth.Truncate(shown, max(avail, 20), "…")
	}
	// A message that cannot be written changes nothing about the copy.
	fmt.Fprintf(opts.IO.ErrOut, "%s%s%s\n", lead, shown, more)
	return nil
}
