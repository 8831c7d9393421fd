// Package add is `how add`: save a command, with what it does and tags,
// into the personal sheet.
package add

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"mvdan.cc/sh/v3/syntax"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/personal"
	"github.com/howcli/how/internal/prompt"
	"github.com/howcli/how/internal/render"
	"github.com/howcli/how/internal/snippet"
)

// MaxStdin bounds a command read from stdin: a command is a few lines;
// more is a file piped by mistake.
const MaxStdin = 64 << 10

// Asker asks the person at the terminal (prompt.TTY).
type Asker interface {
	Line(ctx context.Context, prompt string) (string, error)
	Writer() io.Writer
	Close() error
}

// Options are add's inputs.
type Options struct {
	IO *iostreams.IOStreams
	// OpenTTY opens the terminal for questions; Personal says where the
	// personal sheet is.
	OpenTTY  func() (Asker, error)
	Personal func() (string, error)

	// Args are the words after the flags: the command.
	Args        []string
	Description string
	DescSet     bool
	Tags        []string
	TagsSet     bool
	// FromWidget takes the command from Args as the shell's line editor
	// holds it, and asks the rest on the terminal.
	FromWidget bool
}

// NewCmdAdd returns `how add`. runF replaces addRun in tests.
func NewCmdAdd(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "add [-d DESCRIPTION] [-t TAG]... -- COMMAND...",
		Short: "Save a command given after -- into your personal sheet",
		Long: strings.TrimSpace(`
Save a command with what it does (and tags, if you like) into your
personal sheet, a tldr-style page in the data directory
($HOW_DATA_DIR/personal.md, else ~/.local/share/how/personal.md). It is
searched at once, with the origin "personal", and how edit opens it.

The command comes from, in this order:
  - the words after -- or the flags: one quoted argument is taken as
    written (how add -- 'git log --oneline | head'); several are joined,
    each quoted as the shell needs (how add -- find . -name '*.go' saves
    find . -name '*.go'). Words alone, with neither -- nor a flag of
    add's, are a question: how add user to group searches, and saves
    nothing;
  - stdin, when it is not a terminal: the whole input is the command,
    lines and all (history | tail -n 1 | how add -d "...");
  - a question on the terminal.
On a terminal, what -d and -t do not give is asked for; piped, nothing is
asked, and a command saved without a description says so.

The sheet is only ever appended to. What is in it already, edits by hand
included, is kept as it is; its previous version is kept as
personal.md.bak; a command it has already is not added again.

For the shell widgets: how add --from-widget -- "$BUFFER" saves the
line being edited, asks for its description and tags on the terminal,
prints nothing on stdout, and exits 0 when saved (or saved already), 130
when cancelled (Ctrl-C, Ctrl-D or Esc at a question) and 2 on error, with
the message on stderr. With nothing after --, the line is read from
HOW_WIDGET_BUFFER (PowerShell's widget passes it there, since how
PowerShell quotes native arguments differs between versions).

EXIT STATUS
    0    saved, or the command was there already
    2    error: no command, no terminal to ask on, a sheet that cannot
         be added to safely
    130  cancelled`),
		Example: strings.TrimRight(`
  how add -d "Extract a gzipped tarball" -t archive -- tar xzf file.tar.gz
  how add -- 'docker image prune --filter "dangling=true"'
  how add                                   # asks for everything
  fc -ln -1 | how add -d "what I just ran"`, "\n")[1:],
		Args: cmdutil.ExplicitArgs("add saves only a command given after -- or a flag: how add -- COMMAND"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			if opts.FromWidget && len(args) == 0 && f.Getenv != nil {
				// PowerShell's widget passes the line in the environment,
				// as it does to how --widget.
				if line := f.Getenv("HOW_WIDGET_BUFFER"); line != "" {
					opts.Args = []string{line}
				}
			}
			opts.DescSet = cmd.Flags().Changed("description")
			opts.TagsSet = cmd.Flags().Changed("tag")
			if opts.OpenTTY == nil {
				opts.OpenTTY = func() (Asker, error) { return prompt.Open() }
			}
			if opts.Personal == nil {
				opts.Personal = f.PersonalSheet
			}
			if runF != nil {
				return runF(opts)
			}
			return addRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Description, "description", "d", "", "what the command does")
	cmd.Flags().StringArrayVarP(&opts.Tags, "tag", "t", nil, "a `TAG` to find it by (repeatable; commas separate several)")
	cmd.Flags().BoolVar(&opts.FromWidget, "from-widget", false, "save the line after -- (else HOW_WIDGET_BUFFER) and ask the rest on the terminal (for shell widgets)")
	return cmd
}

func addRun(ctx context.Context, opts *Options) error {
	if ctx == nil {
		ctx = context.Background()
	}
	path, err := opts.Personal()
	if err != nil {
		return err
	}

	var tty Asker
	ask := func(question string) (string, error) {
		if tty == nil {
			t, err := opts.OpenTTY()
			if err != nil {
				return "", fmt.Errorf("cannot ask for the %s: %w; give it with flags", strings.TrimSuffix(strings.ToLower(question), ": "), err)
			}
			tty = t
			if opts.FromWidget {
				// The shell's prompt and line are on the cursor's line:
				// ask below them, and the widget redraws them after.
				io.WriteString(tty.Writer(), "\r\n")
			}
		}
		answer, err := tty.Line(ctx, question)
		if errors.Is(err, prompt.ErrCancelled) {
			return "", cmdutil.ErrCancelled
		}
		return answer, err
	}
	defer func() {
		if tty != nil {
			tty.Close()
		}
	}()

	command, asked, err := commandOf(opts, ask)
	if err != nil {
		return err
	}
	// What to ask: everything the flags leave out when the command was
	// asked for or comes from a widget; only the description (and then
	// the tags) for a command given as arguments on a terminal, since a
	// command given with its description is a command given in full.
	// Piped, nothing can be asked.
	onTerminal := opts.IO.IsStdinTTY() && opts.IO.IsStderrTTY()
	askDesc := !opts.DescSet && (asked || opts.FromWidget || onTerminal)
	askTags := !opts.TagsSet && (asked || opts.FromWidget || askDesc)
	desc := opts.Description
	if askDesc {
		if desc, err = ask("Description: "); err != nil {
			return err
		}
	}
	tags := splitTags(opts.Tags)
	if askTags {
		answer, err := ask("Tags (optional, comma-separated): ")
		if err != nil {
			return err
		}
		tags = splitTags([]string{answer})
	}

	s := snippet.Snippet{
		Command:     command,
		Description: strings.Join(strings.Fields(desc), " "),
		Tool:        snippet.ToolOf(command),
		Tags:        tags,
	}
	saved, err := personal.Append(ctx, path, s)
	if err != nil {
		return err
	}

	// Said on the terminal the questions were asked on, where the person
	// looks; else on stderr. stdout stays empty: a widget reads it.
	var w io.Writer = opts.IO.ErrOut
	cs := opts.IO.StderrColorScheme()
	eol := "\n"
	if tty != nil {
		// A shell's line editor may leave the terminal without its
		// newline translation while a widget runs.
		w, eol = tty.Writer(), "\r\n"
	}
	where := render.Clean(fmt.Sprintf("%s:%d", cmdutil.Tilde(saved.Path), saved.Line))
	switch {
	case saved.Already:
		fmt.Fprintf(w, "how: already saved at %s; how edit opens it%s", where, eol)
	case s.Description == "":
		fmt.Fprintf(w, "how: %s to %s, without a description (how edit adds one)%s", cs.Green("saved"), where, eol)
	default:
		fmt.Fprintf(w, "how: %s to %s%s", cs.Green("saved"), where, eol)
	}
	return nil
}

// commandOf finds the command to save (see the help text) and whether it
// was asked for on the terminal.
func commandOf(opts *Options, ask func(string) (string, error)) (cmd string, asked bool, err error) {
	switch {
	case opts.FromWidget:
		if len(opts.Args) == 0 {
			return "", false, cmdutil.FlagErrorf("--from-widget needs the line after -- (how add --from-widget -- \"$BUFFER\") or in HOW_WIDGET_BUFFER")
		}
		// The line as the shell's editor holds it: nothing to re-quote.
		cmd = strings.Join(opts.Args, " ")
	case len(opts.Args) == 1:
		cmd = opts.Args[0]
	case len(opts.Args) > 1:
		words := make([]string, len(opts.Args))
		for i, a := range opts.Args {
			q, err := syntax.Quote(a, syntax.LangBash)
			if err != nil {
				return "", false, cmdutil.FlagErrorf("argument %d cannot be saved as a shell word: %v", i+1, err)
			}
			words[i] = q
		}
		cmd = strings.Join(words, " ")
	case !opts.IO.IsStdinTTY():
		data, err := io.ReadAll(io.LimitReader(opts.IO.In, MaxStdin+1))
		if err != nil {
			return "", false, fmt.Errorf("reading the command from stdin: %w", err)
		}
		if len(data) > MaxStdin {
			return "", false, fmt.Errorf("stdin holds more than %d KiB: not a command", MaxStdin>>10)
		}
		cmd = string(data)
	default:
		if cmd, err = ask("Command: "); err != nil {
			return "", false, err
		}
		asked = true
	}
	cmd = strings.TrimRight(strings.ReplaceAll(cmd, "\r\n", "\n"), "\n\r\t ")
	cmd = strings.TrimLeft(cmd, "\n")
	if strings.TrimSpace(cmd) == "" {
		return "", false, cmdutil.FlagErrorf("nothing to save: the command is empty")
	}
	if strings.ContainsRune(cmd, 0) {
		return "", false, cmdutil.FlagErrorf("the command has a NUL byte; no shell can run it")
	}
	return cmd, asked, nil
}

// splitTags splits tags given as "a,b" or one by one, trims them and drops
// blanks and repeats.
func splitTags(given []string) []string {
	var tags []string
	for _, g := range given {
		for _, t := range strings.Split(g, ",") {
			t = strings.Join(strings.Fields(t), " ")
			if t != "" && !contains(tags, t) {
				tags = append(tags, t)
			}
		}
	}
	return tags
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
