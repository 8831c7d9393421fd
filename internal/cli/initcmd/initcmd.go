// Package initcmd is `how init SHELL`: the shell widget, its key binding
// and tab completion, as one script for the shell's startup file.
package initcmd

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/shell"
)

// Options are init's inputs.
type Options struct {
	IO     *iostreams.IOStreams
	Shell  string
	Key    string
	NoBind bool
	// Completion writes cobra's completion script for the shell.
	Completion func(shell string, w io.Writer) error
}

// NewCmdInit returns the init command. runF replaces initRun in tests.
func NewCmdInit(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	var keyFlag string
	cmd := &cobra.Command{
		Use:   "init SHELL",
		Short: "Print the shell widget (Ctrl-G) and completion for SHELL",
		Long: strings.TrimSpace(`
Print the shell integration for SHELL (bash, zsh, fish, powershell or nu):
a widget bound to a key, Ctrl-G unless told otherwise, and tab completion.
Load it from the shell's startup file:

    bash (4 or later), ~/.bashrc:      eval "$(how init bash)"
    zsh, ~/.zshrc:                     source <(how init zsh)
    fish, ~/.config/fish/config.fish:  how init fish | source
    PowerShell 7, $PROFILE:            how init powershell | Out-String | Invoke-Expression
    nushell 0.101 or later, once:
        mkdir ($nu.user-autoload-dirs | first)
        how init nu | save -f ($nu.user-autoload-dirs | first | path join how.nu)

Type what you want on the command line and press the key:

    journalctl follow      becomes   journalctl -u <service> -f

with the cursor on the first placeholder (tldr's {{path/to/file}} is
written as path/to/file, {{[-f|--follow]}} as --follow; a note's <name>
is kept). Only the last part of a pipeline or list is asked and replaced:
in "kubectl get pods | count lines", "count lines" is the question and
"kubectl get pods | " stays as it is. Nothing is ever run: the line is
edited, and Enter is yours to press.

Press the key again on the line it has just written, and a picker opens,
seeded with the same question: type to refine, arrows or Ctrl-N/Ctrl-P to
move, Enter to insert, Ctrl-Y to copy instead, Esc to leave the line as it
was. An empty line opens the picker too. On a line that holds
<placeholders> (once you have changed it), the key moves the cursor to the
next placeholder, wrapping round, without a search.

The key is bound in the emacs and vi keymaps. It is, first found: --key,
HOW_WIDGET_KEY (read when the script is printed, so set it before the line
above), the config file's widget.key, then ctrl-g. Give it as ctrl-g, alt-g
or ctrl-alt-g, or in the shell's own notation (\C-x\C-g for bash, ^X^G for
zsh, \cx\cg for fish, Ctrl+x,Ctrl+g for PowerShell). --no-bind prints the
widget and a comment saying how to bind it yourself.

bash older than 4 (macOS's /bin/bash) cannot edit the line from a key
binding: the script then says so once and binds nothing; completion still
works. With zsh, source the script after compinit, or completion is set
up at the first prompt. fish's fish_vi_key_bindings erases every binding:
call it before this. nushell gets the widget but no completion (cobra has
no nushell completion). Completion alone: how completion SHELL.

The widget runs how --widget [--pick] -- LINE, with the cursor offset in
HOW_WIDGET_CURSOR: it prints the new cursor offset in characters (-1 for
the end) on the first line, then the new line; exit 1 leaves the line as
it was.`),
		Example: strings.TrimRight(`
  eval "$(how init bash)"
  HOW_WIDGET_KEY=alt-h how init zsh
  how init fish --key ctrl-x | source
  how init bash --no-bind`, "\n")[1:],
		ValidArgs:   shell.Names,
		Annotations: map[string]string{cmdutil.AnnotationNoConfig: "true"},
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cmdutil.FlagErrorf("init needs one SHELL: %s", strings.Join(shell.Names, ", "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			name, ok := shell.Canonical(args[0])
			if !ok {
				return cmdutil.FlagErrorf("unknown shell %q: want %s", args[0], strings.Join(shell.Names, ", "))
			}
			opts.Shell = name
			opts.Key = widgetKey(f, cmd.Flags().Changed("key"), keyFlag)
			if opts.Completion == nil {
				root := cmd.Root()
				opts.Completion = func(sh string, w io.Writer) error { return completion(root, sh, w) }
			}
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	cmd.Flags().StringVar(&keyFlag, "key", "", "bind the widget to `KEY` (ctrl-g, alt-g, or the shell's notation); default: HOW_WIDGET_KEY, config widget.key, ctrl-g")
	cmd.Flags().BoolVar(&opts.NoBind, "no-bind", false, "define the widget without binding it to a key")
	return cmd
}

// widgetKey picks the key: --key, HOW_WIDGET_KEY, the config file's
// widget.key, the default. The config file is read leniently: a script
// for every shell's startup must not fail because the file is broken.
func widgetKey(f *cmdutil.Factory, flagSet bool, flag string) string {
	if flagSet {
		return flag
	}
	if f.Getenv != nil {
		if k := strings.TrimSpace(f.Getenv("HOW_WIDGET_KEY")); k != "" {
			return k
		}
	}
	if f.Config != nil {
		if file, _, err := f.Config(); err == nil && strings.TrimSpace(file.Widget.Key) != "" {
			return strings.TrimSpace(file.Widget.Key)
		} else if err != nil {
			fmt.Fprintf(f.IO.ErrOut, "how: warning: %v; the widget key is %s\n", err, shell.DefaultKey)
		}
	}
	return shell.DefaultKey
}

func initRun(opts *Options) error {
	err := shell.Write(opts.IO.Out, opts.Shell, shell.Options{
		Key:    opts.Key,
		NoBind: opts.NoBind,
		Completion: func(w io.Writer) error {
			if opts.Shell == "nu" {
				return nil
			}
			return opts.Completion(opts.Shell, w)
		},
	})
	var keyErr *shell.KeyError
	if errors.As(err, &keyErr) {
		return &cmdutil.FlagError{Err: err}
	}
	return err
}

// completion writes cobra's completion script for sh, with descriptions.
func completion(root *cobra.Command, sh string, w io.Writer) error {
	switch sh {
	case "bash":
		return root.GenBashCompletionV2(w, true)
	case "zsh":
		return root.GenZshCompletion(w)
	case "fish":
		return root.GenFishCompletion(w, true)
	case "powershell":
		return root.GenPowerShellCompletionWithDesc(w)
	}
	return nil
}

// Completion is the completion script `make completions` writes for sh.
func Completion(root *cobra.Command, sh string, w io.Writer) error { return completion(root, sh, w) }
