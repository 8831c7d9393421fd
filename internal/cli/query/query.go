// Package query is the root command: `how [flags] [--] QUERY...`.
package query

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/iostreams"
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

	Words   []string
	Limit   int
	JSON    bool
	NUL     bool
	Explain bool
	Sources cmdutil.SourceFlags
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

On a terminal, each command is shown with what it does and where it came
from. Piped, only the commands are printed, one per line (-0 separates them
with NUL bytes instead, since a command can span lines). --json prints an
array of objects, best first.

Words starting with - are taken for flags; put them after --:
how -- -rf.

Sources: the bundled sheets, then every path in HOW_PATH (":"-separated),
then each --source. A folder is searched recursively; a file over 10 MiB is
skipped. The index is kept in the cache directory and rebuilt when a source
changes.

EXIT STATUS
  0  commands found
  1  no match (nothing is printed on stdout)
  2  error (bad flag, unreadable source, ...)
  130  cancelled

ENVIRONMENT
  HOW_PATH         extra sources, ":"-separated
  HOW_NO_BUNDLED   set to 1 to leave the bundled sheets out
  HOW_CONFIG_DIR   config directory (else $XDG_CONFIG_HOME/how or ~/.config/how)
  HOW_CACHE_DIR    cache directory (else $XDG_CACHE_HOME/how or the OS cache dir)
  NO_COLOR         turn colour off; CLICOLOR_FORCE=1 forces it on
  HOW_FORCE_TTY    treat stdout and stderr as terminals (a number sets the width)`),
		Example: strings.TrimRight(`
  how journalctl follow
  how -n 1 tar archive directory
  how --json -n 3 what is listening on port 3000
  how --source ~/notes ssh tunnel
  how -- -rf`, "\n")[1:],
		Args:                  cobra.ArbitraryArgs,
		DisableFlagsInUseLine: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Words = strings.Fields(strings.Join(args, " "))
			if len(opts.Words) == 0 {
				return cmd.Help()
			}
			if opts.Limit < 1 {
				return cmdutil.FlagErrorf("-n/--limit must be at least 1, not %d", opts.Limit)
			}
			if opts.Search == nil {
				opts.Search = searcher(f, opts.Sources)
			}
			if runF != nil {
				return runF(opts)
			}
			return queryRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVarP(&opts.Limit, "limit", "n", DefaultLimit, "show at most `N` commands")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print a JSON array of results")
	cmd.Flags().BoolVarP(&opts.NUL, "null", "0", false, "separate commands with NUL bytes, not newlines")
	cmd.Flags().BoolVar(&opts.Explain, "explain", false, "show why each command ranked where it did")
	cmdutil.AddSourceFlags(cmd, &opts.Sources)
	return cmd
}

// searcher opens the index of the chosen sources and runs a query on it.
func searcher(f *cmdutil.Factory, sf cmdutil.SourceFlags) func(context.Context, search.Query) ([]search.Result, []string, error) {
	return func(ctx context.Context, q search.Query) ([]search.Result, []string, error) {
		var results []search.Result
		warnings, err := f.WithIndex(ctx, f.Sources(sf), func(ix *index.Index) (err error) {
			results, err = search.Run(ix, q)
			return err
		})
		return results, warnings, err
	}
}

func queryRun(ctx context.Context, opts *Options) error {
	results, warnings, err := opts.Search(ctx, search.Query{Words: opts.Words, Limit: opts.Limit, Explain: opts.Explain})
	cmdutil.Warn(opts.IO, warnings)
	if err != nil {
		return err
	}
	if len(results) > opts.Limit {
		results = results[:opts.Limit]
	}
	if len(results) == 0 {
		return &cmdutil.NoMatchError{Hint: "nothing found for \"" + render.Clean(strings.Join(opts.Words, " ")) + "\""}
	}
	return render.Results(opts.IO, results, render.Options{JSON: opts.JSON, NUL: opts.NUL, Explain: opts.Explain})
}
