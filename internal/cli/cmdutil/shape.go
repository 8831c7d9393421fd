package cmdutil

import (
	"errors"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// ExplicitArgs is the shape of a subcommand that writes or opens
// something from what follows it (add, edit): it runs only alone, or with
// -- or a flag of its own, which a question typed in words never has
// (how add user to group searches). why says what the line lacked.
func ExplicitArgs(why string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 || cmd.ArgsLenAtDash() >= 0 || OwnFlagGiven(cmd) {
			return nil
		}
		return errors.New(why)
	}
}

// OwnFlagGiven reports whether a flag of cmd's own was given: not one it
// inherits from the root (--color), which says nothing about what the
// words after it are.
func OwnFlagGiven(cmd *cobra.Command) bool {
	given := false
	cmd.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
		if f.Changed && f.Name != "help" {
			given = true
		}
	})
	return given
}
