// Package cli is how's command layer: the command tree, and Main, the one
// place errors become exit statuses. Each command lives in a package of its
// own under internal/cli, built from a cmdutil.Factory.
package cli

import (
	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/build"
	addCmd "github.com/howcli/how/internal/cli/add"
	"github.com/howcli/how/internal/cli/cmdutil"
	editCmd "github.com/howcli/how/internal/cli/edit"
	extractCmd "github.com/howcli/how/internal/cli/extract"
	indexCmd "github.com/howcli/how/internal/cli/index"
	initCmd "github.com/howcli/how/internal/cli/initcmd"
	queryCmd "github.com/howcli/how/internal/cli/query"
	showCmd "github.com/howcli/how/internal/cli/show"
	sourcesCmd "github.com/howcli/how/internal/cli/sources"
	versionCmd "github.com/howcli/how/internal/cli/version"
	"github.com/howcli/how/internal/iostreams"
)

// NewCmdRoot returns the whole command tree. The root command is the query
// itself, so `how journalctl follow` needs no subcommand. A line runs a
// subcommand only when it has that subcommand's exact shape (its Args, see
// requireShapes); any other line, `how show disk usage` or `how add user
// to group`, is a question, and Run searches it as if it followed --.
func NewCmdRoot(f *cmdutil.Factory) *cobra.Command {
	root := newQueryRoot(f)
	root.CompletionOptions.DisableDefaultCmd = false
	root.SetHelpCommand(newCmdHelp(root))
	root.AddCommand(
		extractCmd.NewCmdExtract(f, nil),
		showCmd.NewCmdShow(f, nil),
		indexCmd.NewCmdIndex(f, nil),
		sourcesCmd.NewCmdSources(f, nil),
		addCmd.NewCmdAdd(f, nil),
		editCmd.NewCmdEdit(f, nil),
		initCmd.NewCmdInit(f, nil),
		initCmd.NewCmdCompletion(f, nil),
		versionCmd.NewCmdVersion(f, nil),
	)
	requireShapes(root)
	return root
}

// newQueryRoot returns the root command alone, without subcommands: what
// a line that is a question runs, so that a first word naming a
// subcommand is only a word and flags still go anywhere on the line
// (how show disk usage -n 3).
func newQueryRoot(f *cmdutil.Factory) *cobra.Command {
	root := queryCmd.NewCmdQuery(f, nil)
	root.SilenceErrors = true
	root.SilenceUsage = true
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetIn(f.IO.In)
	root.SetFlagErrorFunc(flagError)
	// Not even cobra's own: `how completion fishy` is a question too.
	root.CompletionOptions.DisableDefaultCmd = true

	// --version without a -v shorthand, which cobra would otherwise take.
	root.Version = build.Read().String()
	root.SetVersionTemplate("{{.Version}}\n")
	root.Flags().Bool("version", false, "print the version and exit")

	var color string
	root.PersistentFlags().StringVar(&color, "color", iostreams.ColorAuto, "`WHEN` to colour: auto, always or never (config: color)")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		mode := color
		if needsConfig(cmd) && f.Config != nil {
			file, warnings, err := f.Config()
			if err != nil {
				return err
			}
			cmdutil.Warn(f.IO, warnings)
			// The config file's colour is a default for --color; it beats
			// NO_COLOR and CLICOLOR_FORCE, which SetColorMode leaves to
			// auto (see how help config).
			if !cmd.Flags().Changed("color") && file.Color != "" {
				mode = file.Color
			}
		}
		if err := f.IO.SetColorMode(mode); err != nil {
			return &cmdutil.FlagError{Err: err}
		}
		return nil
	}
	return root
}

// needsConfig reports whether cmd reads the config file: all commands but
// those marked AnnotationNoConfig and cobra's completion commands, which
// must work (or stay silent) whatever state the file is in.
func needsConfig(cmd *cobra.Command) bool {
	for c := cmd; c != nil; c = c.Parent() {
		if c.Annotations[cmdutil.AnnotationNoConfig] != "" {
			return false
		}
		if c.Name() == "completion" || c.Name() == cobra.ShellCompRequestCmd || c.Name() == cobra.ShellCompNoDescRequestCmd {
			return false
		}
	}
	return true
}
