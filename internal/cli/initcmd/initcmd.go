// Package initcmd is `how init SHELL`: the shell widgets, their key
// bindings and tab completion, as one script for the shell's startup file.
package initcmd

import (
	"bytes"
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
	IO    *iostreams.IOStreams
	Shell string
	// Key is the widget's key; AddKey is the key that saves the command
	// line with how add, empty when none was chosen (see
	// shell.Options.AddKey).
	Key, AddKey string
	NoBind      bool
	// Completion writes cobra's completion script for the shell.
	Completion func(shell string, w io.Writer) error
}

// NewCmdInit returns the init command. runF replaces initRun in tests.
func NewCmdInit(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	var keyFlag, addKeyFlag string
	cmd := &cobra.Command{
		Use:   "init SHELL",
		Short: "Print the shell widget (Ctrl-G, Alt-I to save) and completion for SHELL",
		Long: strings.TrimSpace(`
Print the shell integration for SHELL (bash, zsh, fish, powershell or nu;
any other word makes the line a question: how init git repo searches):
a widget bound to a key, Ctrl-G unless told otherwise, a second key that
saves the command line, Alt-I, and tab completion. Load it from the
shell's startup file:

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

A second key, Alt-I, saves the command line as it is into your personal
sheet (how add --from-widget): the description and tags are asked below
the line (Esc cancels), and the line stays as it was, not run. On an empty
line it does nothing. how searches the saved command at once.

The keys are bound in the emacs and vi keymaps. The widget's key is, first
found: --key, HOW_WIDGET_KEY (read when the script is printed, so set it
before the line above), the config file's widget.key, then ctrl-g. The add
key likewise: --add-key, HOW_ADD_KEY, widget.add_key, then alt-i; it
cannot be the widget's key (when the widget's is alt-i, the add key is
left unbound, with a warning, until you choose one). Give a key as
ctrl-g, alt-g or ctrl-alt-g, or in the shell's own notation (\C-x\C-g for
bash, ^X^G for zsh, \cx\cg for fish, Ctrl+x,Ctrl+g for PowerShell). A
key that cannot work is refused, naming where it was chosen: a plain
character (typing it would run how), Enter, Tab, Backspace, Esc alone,
Ctrl-C and Ctrl-Z (the terminal keeps them), and in bash Ctrl-X alone,
which starts readline's C-x keys.
--no-bind prints the widgets and a comment saying how to bind them
yourself.

bash older than 4 (macOS's /bin/bash) cannot edit the line from a key
binding: the script then says so once and binds nothing; completion still
works. With zsh, source the script after compinit, or completion is set
up at the first prompt. fish's fish_vi_key_bindings erases every binding:
call it before this. nushell gets the widget but no completion (cobra has
no nushell completion). Completion alone: how completion SHELL.

The widget runs how --widget [--pick] -- LINE, with the cursor offset in
HOW_WIDGET_CURSOR and the line it wrote earlier on the same command line,
if any, in HOW_WIDGET_WROTE: it prints the new cursor offset in characters (-1 for
the end) on the first line, then the new line; exit 1 leaves the line as
it was. The add key runs how add --from-widget -- LINE. PowerShell passes
the line in HOW_WIDGET_BUFFER instead.`),
		Example: strings.TrimRight(`
  eval "$(how init bash)"
  HOW_WIDGET_KEY=alt-h how init zsh
  how init fish --key ctrl-x | source
  how init zsh --add-key alt-k
  how init bash --no-bind`, "\n")[1:],
		ValidArgs:   shell.Names,
		Annotations: map[string]string{cmdutil.AnnotationNoConfig: "true"},
		// A shell it knows, or the line is a question (how init git repo).
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cmdutil.FlagErrorf("init needs one SHELL: %s", strings.Join(shell.Names, ", "))
			}
			if _, ok := shell.Canonical(args[0]); !ok {
				return cmdutil.FlagErrorf("unknown shell %q: want %s", args[0], strings.Join(shell.Names, ", "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			// Args has checked the shell's name (the line's shape).
			name, _ := shell.Canonical(args[0])
			opts.Shell = name
			key, addKey := widgetKeys(f,
				keyChoice{cmd.Flags().Changed("key"), keyFlag, "--key"},
				keyChoice{cmd.Flags().Changed("add-key"), addKeyFlag, "--add-key"})
			// A key that cannot work is refused here, naming where it
			// was chosen, rather than bound to no effect (or to bind
			// errors at every shell's start).
			for _, k := range []keyChoice{key, addKey} {
				if k.value == "" && !strings.HasPrefix(k.from, "--") {
					continue // an empty setting is no setting
				}
				if _, err := shell.Translate(name, k.value); err != nil {
					if strings.HasPrefix(k.from, "--") {
						return cmdutil.FlagErrorf("%s: %v", k.from, err)
					}
					return fmt.Errorf("%s: %v", k.from, err)
				}
			}
			opts.Key, opts.AddKey = key.value, addKey.value
			if opts.Completion == nil {
				root := cmd.Root()
				opts.Completion = func(sh string, w io.Writer) error { return completion(root, sh, false, w) }
			}
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	cmd.Flags().StringVar(&keyFlag, "key", "", "bind the widget to `KEY` (ctrl-g, alt-g, or the shell's notation); default: HOW_WIDGET_KEY, config widget.key, ctrl-g")
	cmd.Flags().StringVar(&addKeyFlag, "add-key", "", "bind saving the command line (how add) to `KEY`; default: HOW_ADD_KEY, config widget.add_key, alt-i")
	cmd.Flags().BoolVar(&opts.NoBind, "no-bind", false, "define the widgets without binding them to keys")
	return cmd
}

// keyChoice is a key as chosen: whether it was (set), the key, and where
// it was chosen (a flag, a variable, a setting), for messages.
type keyChoice struct {
	set   bool
	value string
	from  string
}

// widgetKeys picks the widget's key and the add key, each from the first
// that says: its flag, its environment variable (HOW_WIDGET_KEY,
// HOW_ADD_KEY), the config file (widget.key, widget.add_key), the
// default. The config file is read leniently, and only when a key is left
// to it: a script for every shell's startup must not fail because the
// file is broken.
func widgetKeys(f *cmdutil.Factory, keyFlag, addFlag keyChoice) (key, addKey keyChoice) {
	getenv := f.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	pick := func(c keyChoice, env string) keyChoice {
		if c.set {
			return c
		}
		if k := strings.TrimSpace(getenv(env)); k != "" {
			return keyChoice{true, k, env}
		}
		return keyChoice{}
	}
	key = pick(keyFlag, "HOW_WIDGET_KEY")
	addKey = pick(addFlag, "HOW_ADD_KEY")
	keyOK, addOK := key.set, addKey.set
	if (!keyOK || !addOK) && f.Config != nil {
		file, _, err := f.Config()
		switch {
		case err != nil:
			var defaults []string
			if !keyOK {
				defaults = append(defaults, "the widget key is "+shell.DefaultKey)
			}
			if !addOK {
				defaults = append(defaults, "the add key is "+shell.DefaultAddKey)
			}
			fmt.Fprintf(f.IO.ErrOut, "how: warning: %v; %s\n", err, strings.Join(defaults, ", "))
		default:
			if !keyOK {
				key = keyChoice{true, strings.TrimSpace(file.Widget.Key), "widget.key in config.toml"}
			}
			if !addOK {
				addKey = keyChoice{true, strings.TrimSpace(file.Widget.AddKey), "widget.add_key in config.toml"}
			}
		}
	}
	if key.value == "" && !strings.HasPrefix(key.from, "--") {
		// An empty setting is no setting; an empty flag is refused.
		key = keyChoice{false, shell.DefaultKey, "the default"}
	}
	// An add key left empty is the default, unless the widget's key is
	// that key: shell.Write decides, and initRun says so.
	return key, addKey
}

func initRun(opts *Options) error {
	if opts.AddKey == "" && shell.SameKey(opts.Shell, opts.Key, shell.DefaultAddKey) {
		// A widget key chosen before there was an add key: the script
		// still loads, without the add key, rather than fail at every
		// shell's start.
		fmt.Fprintf(opts.IO.ErrOut, "how: warning: %s, the add key's default, is the widget's key: the add key is not bound; choose one with --add-key, HOW_ADD_KEY or widget.add_key\n", shell.DefaultAddKey)
	}
	err := shell.Write(opts.IO.Out, opts.Shell, shell.Options{
		Key:    opts.Key,
		AddKey: opts.AddKey,
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

// completion writes the completion script for sh: cobra's, with
// descriptions unless noDesc, made to need nothing else loaded (see
// shell.Completion).
func completion(root *cobra.Command, sh string, noDesc bool, w io.Writer) error {
	var b bytes.Buffer
	var err error
	switch sh {
	case "bash":
		err = root.GenBashCompletionV2(&b, !noDesc)
	case "zsh":
		if noDesc {
			err = root.GenZshCompletionNoDesc(&b)
		} else {
			err = root.GenZshCompletion(&b)
		}
	case "fish":
		err = root.GenFishCompletion(&b, !noDesc)
	case "powershell":
		if noDesc {
			err = root.GenPowerShellCompletion(&b)
		} else {
			err = root.GenPowerShellCompletionWithDesc(&b)
		}
	default:
		return nil
	}
	if err != nil {
		return err
	}
	script, err := shell.Completion(sh, b.Bytes())
	if err != nil {
		return err
	}
	_, err = w.Write(script)
	return err
}

// Completion is the completion script `make completions` writes for sh.
func Completion(root *cobra.Command, sh string, w io.Writer) error {
	return completion(root, sh, false, w)
}
