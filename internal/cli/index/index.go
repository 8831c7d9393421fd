// Package index is `how index`: rebuild the index now.
package index

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/cache"
	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
)

// Options are index's inputs.
type Options struct {
	IO *iostreams.IOStreams
	// Rebuild builds the index of the chosen sources from scratch,
	// reporting to progress if it is not nil.
	Rebuild func(ctx context.Context, progress func(stage cache.Stage, done, total int)) (*cache.Opened, error)

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
The previous index stays in use until the new one is complete; older
builds are then removed.

The index lives in the cache directory: $HOW_CACHE_DIR, else
$XDG_CACHE_HOME/how, else the OS's cache directory (how help environment).

EXIT STATUS
    0    the index was rebuilt and saved in the cache
    2    error, including a cache directory the index could not be saved in`),
		Example: strings.TrimRight(`
  how index
  how index --source ~/notes
  HOW_CACHE_DIR=/tmp/how-cache how index`, "\n")[1:],
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Rebuild == nil {
				opts.Rebuild = func(ctx context.Context, progress func(stage cache.Stage, done, total int)) (*cache.Opened, error) {
					c, err := f.Indexes()
					if err != nil {
						return nil, err
					}
					return c.Open(ctx, f.Sources(opts.Sources), cache.Options{Force: true, Progress: progress})
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
	var progress func(stage cache.Stage, done, total int)
	finish := func() {}
	// Progress is for a person watching; piped or logged, it would only
	// be noise between the lines that matter.
	if opts.IO.IsStderrTTY() {
		bar := cmdutil.NewProgressBar(opts.IO.ErrOut, cmdutil.ProgressLine, "", 0)
		progress, finish = bar.Update, bar.Finish
	}
	start := time.Now()
	opened, err := opts.Rebuild(ctx, progress)
	finish()
	if err != nil {
		return err
	}
	defer opened.Index.Close()
	cmdutil.Warn(opts.IO, opened.Warnings)
	if opened.Index.Dir == "" {
		// The warnings say why. Exit 2: a script running `how index`
		// relies on the index being there afterwards.
		return errors.New("the index was built in memory only and not saved")
	}
	docs, err := opened.Index.Len()
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "indexed %d commands (%d distinct) from %d files in %s: %s\n",
		opened.Snippets, docs, opened.Files, time.Since(start).Round(time.Millisecond), opened.Manifest)
	return nil
}
