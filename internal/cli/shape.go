package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/howcli/how/internal/cli/cmdutil"
)

// Words search. how is asked questions, and a question starts with any
// word: "how show disk usage", "how add user to group". A line runs a
// subcommand only when it has that subcommand's exact shape; any other
// line is searched as if it followed --, so that nothing is written,
// opened or rebuilt from bare words.
//
// Each subcommand declares its shape where cobra already looks for it:
// its Args, which sees the words after its name once its flags are parsed
// (and so can ask whether -- or a flag was given). requireShapes marks
// what Args and flag parsing reject as a shapeError, which cobra returns
// before the subcommand has done anything; Run then searches the line
// with the root command alone.

// shapeError is a line that begins with a subcommand's name without
// having that subcommand's shape.
type shapeError struct {
	cmd *cobra.Command
	err error
}

func (e *shapeError) Error() string { return e.err.Error() }
func (e *shapeError) Unwrap() error { return e.err }

// requireShapes makes every subcommand of root, cobra's help and
// completion commands included, report a line that does not fit it as a
// shapeError. A command that only groups others (completion) has no shape
// of its own.
func requireShapes(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			args := sub.Args
			if args == nil {
				args = cobra.NoArgs
			}
			sub.Args = func(cmd *cobra.Command, a []string) error {
				if err := args(cmd, a); err != nil {
					return &shapeError{cmd: cmd, err: err}
				}
				return nil
			}
			if !sub.Runnable() {
				sub.RunE = func(cmd *cobra.Command, _ []string) error {
					return &shapeError{cmd: cmd, err: fmt.Errorf("%s needs one of: %s", cmd.CommandPath(), subcommandNames(cmd))}
				}
			}
			walk(sub)
		}
	}
	walk(root)
}

func subcommandNames(c *cobra.Command) string {
	var names []string
	for _, s := range c.Commands() {
		if s.IsAvailableCommand() {
			names = append(names, s.Name())
		}
	}
	return strings.Join(names, ", ")
}

// flagError is every command's answer to flags that do not parse. On a
// subcommand, the line may be a question all the same (how show disk
// usage -n 3): Run decides.
func flagError(cmd *cobra.Command, err error) error {
	err = &cmdutil.FlagError{Err: inHowsWords(err)}
	if cmd.HasParent() {
		return &shapeError{cmd: cmd, err: err}
	}
	return err
}

// inHowsWords rewords pflag's report of a value that does not parse
// ("strconv.ParseInt: parsing "abc": invalid syntax") as what the flag
// takes.
func inHowsWords(err error) error {
	var bad *pflag.InvalidValueError
	if !errors.As(err, &bad) {
		return err
	}
	f := bad.GetFlag()
	name := "--" + f.Name
	if f.Shorthand != "" {
		name = "-" + f.Shorthand + "/" + name
	}
	want := map[string]string{
		"int": "a whole number", "uint": "a whole number", "int64": "a whole number",
		"bool": "true or false", "float64": "a number", "duration": "a duration such as 2s",
	}[f.Value.Type()]
	if want == "" {
		want = "a " + f.Value.Type()
	}
	return fmt.Errorf("%s takes %s, not %q", name, want, bad.GetValue())
}

// searchInstead runs args as a query when they failed the shape of the
// subcommand their first word names (se). When the root command cannot
// parse them either (how init bash --ky x), the line was no question: the
// subcommand's own complaint is returned. A query that finds nothing says
// why the subcommand did not run.
func searchInstead(run func(*cobra.Command) (*cobra.Command, error), f *cmdutil.Factory, args []string, se *shapeError) (*cobra.Command, error) {
	probe := newQueryRoot(f)
	probe.InitDefaultHelpFlag()
	if err := probe.ParseFlags(args); err != nil {
		return se.cmd, se.err
	}
	root := newQueryRoot(f)
	root.SetArgs(args)
	cmd, err := run(root)
	var noMatch *cmdutil.NoMatchError
	if errors.As(err, &noMatch) && noMatch.Hint != "" {
		why, _, _ := strings.Cut(se.err.Error(), "\n")
		noMatch.Hint += fmt.Sprintf(" (not run as `%s`: %s)", se.cmd.CommandPath(), why)
	}
	return cmd, err
}
