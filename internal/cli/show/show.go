// Package show is `how show NAME`: one tool's whole sheet.
package show

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/render"
	"github.com/howcli/how/internal/snippet"
)

// Options are show's inputs.
type Options struct {
	IO *iostreams.IOStreams
	// Load returns every snippet of the chosen sources.
	Load func(ctx context.Context) ([]snippet.Snippet, error)

	Name    string
	Sources cmdutil.SourceFlags
}

// NewCmdShow returns `how show`. runF replaces showRun in tests.
func NewCmdShow(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "show NAME",
		Short: "Show every command for one tool, like a tldr page",
		Long: strings.TrimSpace(`
Show every command known for one tool, from all sources, like a tldr page.
NAME is the program (git, tar); a tldr page name such as git-commit also
works.

EXIT STATUS
  0  shown
  1  no command for NAME
  2  error`),
		Example: "  how show journalctl\n  how show git-commit",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cmdutil.FlagErrorf("show needs exactly one NAME")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if opts.Load == nil {
				opts.Load = func(ctx context.Context) ([]snippet.Snippet, error) {
					snips, reports, err := f.Sources(opts.Sources).Load(ctx)
					var warnings []string
					for _, r := range reports {
						if r.Err != nil {
							warnings = append(warnings, r.Err.Error())
						}
					}
					cmdutil.Warn(f.IO, warnings)
					return snips, err
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return showRun(cmd.Context(), opts)
		},
	}
	cmdutil.AddSourceFlags(cmd, &opts.Sources)
	return cmd
}

// matches reports whether s belongs on NAME's sheet: its tool is NAME, or
// it comes from a tldr page whose title spelled with dashes is NAME
// ("git commit" for git-commit).
func matches(s snippet.Snippet, name string) bool {
	if strings.EqualFold(s.Tool, name) {
		return true
	}
	return s.Origin == snippet.OriginTldr && strings.EqualFold(strings.Join(strings.Fields(s.Section), "-"), name)
}

func showRun(ctx context.Context, opts *Options) error {
	all, err := opts.Load(ctx)
	if err != nil {
		return err
	}
	var mine []snippet.Snippet
	for _, s := range all {
		if matches(s, opts.Name) {
			mine = append(mine, s)
		}
	}
	if len(mine) == 0 {
		return &cmdutil.NoMatchError{Hint: "no commands for \"" + render.Clean(opts.Name) + "\"; try: how " + render.Clean(opts.Name)}
	}
	cs := opts.IO.ColorScheme()
	return render.Sheet(opts.IO.Out, cs, opts.IO.TerminalWidth(), opts.Name, mine)
}
