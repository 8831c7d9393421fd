// Package sources is `how sources`: what is indexed, file by file.
package sources

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/render"
	"github.com/howcli/how/internal/source"
)

// Options are sources' inputs.
type Options struct {
	IO *iostreams.IOStreams
	// Load reads every source and reports on each file.
	Load func(ctx context.Context) ([]source.Report, error)

	Sources cmdutil.SourceFlags
}

// NewCmdSources returns `how sources`. runF replaces sourcesRun in tests.
func NewCmdSources(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "sources",
		Short: "List what is indexed: each file, its format, commands and problems",
		Long: strings.TrimSpace(`
List every file how searches: its path (bundled sheets show as
bundled:NAME), the format it was read as (sheet, tldr, notes), how many
commands it gave, and any problems (lines that could not be read, invalid
UTF-8, files that could not be used at all).

Piped, each file is one tab-separated line:
PATH, FORMAT, ORIGIN, COMMANDS, PROBLEMS (a count), ERROR.`),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Load == nil {
				opts.Load = func(ctx context.Context) ([]source.Report, error) {
					_, reports, err := f.Sources(opts.Sources).Load(ctx)
					return reports, err
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return sourcesRun(cmd.Context(), opts)
		},
	}
	cmdutil.AddSourceFlags(cmd, &opts.Sources)
	return cmd
}

func sourcesRun(ctx context.Context, opts *Options) error {
	reports, err := opts.Load(ctx)
	if err != nil {
		return err
	}
	out := opts.IO.Out
	if !opts.IO.IsStdoutTTY() {
		for _, r := range reports {
			fmt.Fprintf(out, "%s\t%s\t%s\t%d\t%d\t%s\n", tsv(r.Path), r.Format, r.Origin, r.Snippets, len(r.Problems), tsv(r.Message()))
		}
		return nil
	}
	cs := opts.IO.ColorScheme()
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PATH\tFORMAT\tORIGIN\tCOMMANDS")
	total, files := 0, 0
	for _, r := range reports {
		if r.Format != source.FormatFolder {
			files++
		}
		path := render.Clean(r.Path)
		if r.Err != nil {
			fmt.Fprintf(tw, "%s\t%s\t\t\n", path, "error: "+render.Clean(r.Message()))
			continue
		}
		total += r.Snippets
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", path, r.Format, r.Origin, strconv.Itoa(r.Snippets))
	}
	tw.Flush()
	for _, r := range reports {
		if len(r.Problems) == 0 {
			continue
		}
		fmt.Fprintf(out, "\n%s\n", cs.Bold(render.Clean(r.Path)))
		for _, p := range r.Problems {
			fmt.Fprintf(out, "  %s\n", cs.Yellow(render.Clean(p)))
		}
	}
	fmt.Fprintf(out, "\n%d commands from %d files\n", total, files)
	return nil
}

// tsv keeps a field on its line and in its column.
func tsv(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(render.Clean(s))
}
