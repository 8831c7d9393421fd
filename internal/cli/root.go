// Package cli is how's command layer: the command tree, and Main, the one
// place errors become exit statuses. Each command lives in a package of its
// own under internal/cli, built from a cmdutil.Factory.
package cli

import (
	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/cli/cmdutil"
	extractCmd "github.com/howcli/how/internal/cli/extract"
	indexCmd "github.com/howcli/how/internal/cli/index"
	queryCmd "github.com/howcli/how/internal/cli/query"
	showCmd "github.com/howcli/how/internal/cli/show"
	sourcesCmd "github.com/howcli/how/internal/cli/sources"
)

// NewCmdRoot returns the whole command tree. The root command is the query
// itself, so `how journalctl follow` needs no subcommand; the subcommands'
// names are therefore not searchable without -- (how -- show).
func NewCmdRoot(f *cmdutil.Factory) *cobra.Command {
	root := queryCmd.NewCmdQuery(f, nil)
	root.SilenceErrors = true
	root.SilenceUsage = true
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetIn(f.IO.In)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &cmdutil.FlagError{Err: err}
	})

	var color string
	root.PersistentFlags().StringVar(&color, "color", "auto", "colour output: `auto`, always or never")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if err := f.IO.SetColorMode(color); err != nil {
			return &cmdutil.FlagError{Err: err}
		}
		return nil
	}

	root.AddCommand(
		extractCmd.NewCmdExtract(f, nil),
		showCmd.NewCmdShow(f, nil),
		indexCmd.NewCmdIndex(f, nil),
		sourcesCmd.NewCmdSources(f, nil),
	)
	return root
}
