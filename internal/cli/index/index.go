// Package index is `how index`: rebuild the index now.
package index

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
)

// Options are index's inputs.
type Options struct {
	IO *iostreams.IOStreams
	// Rebuild builds the index of the chosen sources from scratch.
	Rebuild func(ctx context.Context, progress func(done, total int)) (*cmdutil.Opened, error)

	Sources cmdutil.SourceFlags
}

// NewCmdIndex returns `how index`. runF replaces indexRun in tests.
func NewCmdIndex(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "index",
		Short: "Rebuild the index now",
		Long: strings.TrimSpace(`
Rebuild the index of all sources now, rather than on the next query. how
rebuilds it by itself whenever a source changes; this is for after an
upgrade, or to see what gets indexed. Progress is shown on a terminal.
The previous index stays in use until the new one is complete.`),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Rebuild == nil {
				opts.Rebuild = func(ctx context.Context, progress func(done, total int)) (*cmdutil.Opened, error) {
					return f.OpenIndex(ctx, f.Sources(opts.Sources), cmdutil.IndexOptions{Force: true, Progress: progress})
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return indexRun(cmd.Context(), opts)
		},
	}
	cmdutil.AddSourceFlags(cmd, &opts.Sources)
	return cmd
}

func indexRun(ctx context.Context, opts *Options) error {
	var progress func(done, total int)
	if opts.IO.IsStderrTTY() {
		last := time.Time{}
		progress = func(done, total int) {
			if now := time.Now(); done == total || now.Sub(last) > 100*time.Millisecond {
				last = now
				fmt.Fprintf(opts.IO.ErrOut, "\rindexing %d/%d", done, total)
				if done == total {
					fmt.Fprint(opts.IO.ErrOut, "\r\x1b[K")
				}
			}
		}
	}
	start := time.Now()
	opened, err := opts.Rebuild(ctx, progress)
	if err != nil {
		return err
	}
	defer opened.Index.Close()
	cmdutil.Warn(opts.IO, opened.Warnings)
	docs, err := opened.Index.Len()
	if err != nil {
		return err
	}
	where := opened.Index.Dir
	if where == "" {
		where = "memory"
	}
	fmt.Fprintf(opts.IO.Out, "indexed %d commands (%d distinct) from %d files in %s: %s\n",
		opened.Snippets, docs, opened.Files, time.Since(start).Round(time.Millisecond), where)
	return nil
}
