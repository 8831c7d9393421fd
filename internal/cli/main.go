package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/render"
)

// Exit statuses, grep and fzf style, since scripts and the shell widgets
// branch on them.
const (
	ExitOK        = 0
	ExitNoMatch   = 1
	ExitError     = 2
	ExitCancelled = 130
)

// Main runs how with the process's arguments and streams and returns the
// exit status. It is all cmd/how does.
func Main() int { return MainWith(nil) }

// MainWith is Main with a chance to change the Factory first: tests run
// how as a real process with a fake clipboard this way.
func MainWith(configure func(*cmdutil.Factory)) int {
	// Libraries may report trouble through the standard logger, on
	// stderr, in lines of their own. how never logs that way; the index
	// code detects trouble itself and says so in one line.
	log.SetOutput(io.Discard)
	// With SIGPIPE ignored, writing to a closed pipe (how tar | head -1)
	// fails with EPIPE, which Run treats as success. Left to SIGPIPE, the
	// process would be killed, and a `set -o pipefail` script would see
	// a failure or not depending on whether how finished writing before
	// head exited.
	signal.Ignore(syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		// After the first Ctrl-C, a second one kills at once.
		<-ctx.Done()
		stop()
	}()
	f := cmdutil.New(iostreams.System())
	if configure != nil {
		configure(f)
	}
	return Run(ctx, f, os.Args[1:])
}

// Run executes the command line args with f and maps the outcome to an
// exit status. Commands return errors; only Run prints them.
func Run(ctx context.Context, f *cmdutil.Factory, args []string) int {
	run := func(root *cobra.Command) (*cobra.Command, error) { return root.ExecuteContextC(ctx) }
	root := NewCmdRoot(f)
	root.SetArgs(args)
	cmd, err := run(root)
	var notShape *shapeError
	if errors.As(err, &notShape) {
		// A question that starts with a subcommand's name.
		cmd, err = searchInstead(run, f, args, notShape)
	}
	if err == nil {
		return ExitOK
	}
	stderr := f.IO.ErrOut
	// Messages name files and repeat what the user typed; both can hold
	// escape sequences, and both belong on one line.
	clean := render.Clean
	var flagErr *cmdutil.FlagError
	var noMatch *cmdutil.NoMatchError
	switch {
	case errors.Is(err, cmdutil.ErrCancelled) || errors.Is(err, context.Canceled) || ctx.Err() != nil:
		return ExitCancelled
	case errors.Is(err, syscall.EPIPE):
		// Whoever read stdout has all they wanted (how tar | head -1).
		return ExitOK
	case errors.Is(err, cmdutil.ErrNoMatch):
		if errors.As(err, &noMatch) && noMatch.Hint != "" && (noMatch.Always || f.IO.IsStdoutTTY()) {
			fmt.Fprintf(stderr, "how: %s\n", clean(noMatch.Hint))
		}
		return ExitNoMatch
	case errors.Is(err, cmdutil.ErrSilent):
		return ExitError
	case errors.As(err, &flagErr):
		msg := flagErr.Error()
		if cmd == root && (strings.Contains(msg, "unknown shorthand flag") || strings.Contains(msg, "unknown flag")) {
			msg += " (to search for words starting with -, put them after --: how -- " + flagWord(msg) + ")"
		}
		fmt.Fprintf(stderr, "how: %s\nRun '%s --help' for usage.\n", clean(msg), cmd.CommandPath())
		return ExitError
	default:
		fmt.Fprintf(stderr, "how: %s\n", clean(err.Error()))
		return ExitError
	}
}

// flagWord picks the offending word out of pflag's message ("unknown
// shorthand flag: 'r' in -rf", "unknown flag: --foo") for the hint.
func flagWord(msg string) string {
	if i := strings.LastIndex(msg, " in "); i >= 0 {
		return msg[i+4:]
	}
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return "-x"
}
