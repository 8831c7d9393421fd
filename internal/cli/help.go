package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/config"
)

// Topic is a help page that is not a command: `how help environment`.
type Topic struct {
	Name  string
	Short string
	Long  string
}

// Topics are the help topics. They are not commands of their own, so
// their names stay free for queries (`how config nginx` searches).
var Topics = []Topic{
	{
		Name:  "environment",
		Short: "Environment variables that change what how does",
		Long: strings.TrimSpace(`
HOW_PATH
    Extra sources, files or folders, ":"-separated (";" on Windows). They
    are searched besides the bundled sheets and the config file's sources;
    --source adds more.

HOW_NO_BUNDLED
    1 or true leaves the bundled sheets out; 0 or false puts them back
    when the config file leaves them out. --no-bundled beats both.

HOW_CONFIG_DIR
    The directory holding config.toml. Default: $XDG_CONFIG_HOME/how, else
    ~/.config/how (%AppData%\how on Windows).

HOW_CACHE_DIR
    The directory the index is kept in; everything in it can be rebuilt.
    Default: $XDG_CACHE_HOME/how, else ~/.cache/how (~/Library/Caches/how
    on macOS, %LocalAppData%\how\cache on Windows).

HOW_DATA_DIR
    The directory of what you make with how and cannot be rebuilt: the
    personal sheet, personal.md, that how add writes (with personal.md.bak,
    its previous version), and, in its folder tldr, the tldr pages that
    how sources --get tldr downloads. Default: $XDG_DATA_HOME/how, else
    ~/.local/share/how (macOS too; %AppData%\how\data on Windows).
    A relative HOW_CONFIG_DIR, HOW_CACHE_DIR or HOW_DATA_DIR (or HOME) is
    ignored, with a warning: it would name another folder from every
    folder.

HOW_TLDR_URL
    Where how sources --get tldr downloads the tldr pages from, instead of
    the tldr-pages project's latest release on GitHub: a mirror's copy of
    tldr.zip (with tldr.sha256sums beside it, if it has one). Only a URL
    given here can be plain http; https is never redirected to http.
    HTTPS_PROXY and NO_PROXY are honoured.

HOW_FORCE_TTY
    Treat stdout and stderr as terminals even when they are not: 1, or a
    number, which is then also the width (HOW_FORCE_TTY=100). For tests,
    and for programs that capture output to show it to a person.

VISUAL, EDITOR
    The editor how edit opens a command's source in, VISUAL first.

LANG, LANGUAGE
    The languages of the tldr pages read (and unpacked by how sources
    --get tldr), as tldr clients choose them: LANGUAGE (":"-separated)
    when LANG is set, then LANG; English always.

TEALDEER_CONFIG_DIR, TEALDEER_CACHE_DIR, TLRC_CONFIG, CHEAT_CONFIG_PATH,
NAVI_CONFIG, NAVI_PATH
    Where how sources --discover looks for the collections of tealdeer,
    tlrc, cheat and navi, as those tools read them.

HOW_WIDGET_KEY
    The key the shell widget is bound to, overriding the config file's
    widget.key; how init --key overrides it. Read by how init, when the
    script is printed.

HOW_ADD_KEY
    The key that saves the command line into the personal sheet (how add),
    overriding the config file's widget.add_key; how init --add-key
    overrides it. Read by how init, when the script is printed.

HOW_WIDGET_CURSOR
    Set by the shell widget for how --widget: the cursor's offset in the
    command line, in characters. Not for setting by hand.

HOW_WIDGET_WROTE
    Set by the shell widget for how --widget: the line the widget wrote
    earlier on the same command line, if it did. That command, edited or
    not, is not a question: how searches only what is typed after it, and
    otherwise opens the picker. Not for setting by hand.

HOW_WIDGET_BUFFER
    Set by the PowerShell widget: the command line, for how --widget and
    how add --from-widget when no line follows --, since how PowerShell
    quotes native arguments differs between versions. Not for setting by
    hand.

NO_COLOR
    Set to anything, turns colour off. --color, and the config file's color
    setting when it is not auto, override it.

CLICOLOR_FORCE
    Set to anything but 0, turns colour on even when stdout is not a
    terminal. CLICOLOR=0 and TERM=dumb turn it off.

COLUMNS
    The width to fit output to when the terminal's own is unknown.

SSH_TTY, SSH_CONNECTION
    Mark a remote session: -c/--copy then sends the command through the
    terminal (tmux's buffer, or an OSC 52 escape sequence), which reaches
    the clipboard of the machine you sit at, not the remote one's.

TMUX, TMUX_PANE, STY
    Inside tmux, -c/--copy asks tmux how it may copy: with set-clipboard
    on or external (the default), into tmux's buffer with
    "tmux load-buffer -w", which tmux sends on to the terminal; else with
    allow-passthrough on, an OSC 52 sequence wrapped for tmux; else into
    tmux's buffer only, and it says so. Inside GNU screen the OSC 52
    sequence is wrapped so that screen passes it on.

WAYLAND_DISPLAY, DISPLAY
    Choose the clipboard tool -c/--copy runs: wl-copy on Wayland, else
    xclip or xsel on X11.

XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_DATA_HOME
    Base directories for the config, cache and data directories, when set
    to absolute paths.`),
	},
	{
		Name:  "config",
		Short: "The config file: where it is, what it holds, what overrides it",
		Long: strings.TrimSpace(`
how reads its settings from config.toml in the config directory:
$HOW_CONFIG_DIR, else $XDG_CONFIG_HOME/how, else ~/.config/how
(%AppData%\how on Windows). The file is optional, and so is every setting
in it. An example with every setting:

` + indentBlock(config.Example, "    ") + `
Each setting is a default; what is given for one run overrides it:

    sources      searched besides the bundled sheets (~ and $VARIABLES
                 are expanded); HOW_PATH and --source add to them
    [[source]]   one more source with settings of its own: path, format
                 (tldr, cheat, navi or notes; detected when not given)
                 and tags (added to every command read from it, as cheat
                 adds a cheatpath's); how sources --discover appends
                 these for the collections other tools keep
    platform     the tldr platform whose pages win over others of the
                 same name (linux, osx, windows, ...; default: this
                 machine's)
    bundled      false leaves the bundled sheets out; HOW_NO_BUNDLED and
                 --no-bundled override it
    limit        how many commands a search shows (5); -n overrides it
    color        auto, always or never; --color overrides it, and it
                 overrides NO_COLOR and CLICOLOR_FORCE, since a setting
                 made for how is more specific than a preference for
                 every program
    widget.key   the shell widget's key (ctrl-g); HOW_WIDGET_KEY and how
                 init --key override it
    widget.add_key
                 the key that saves the command line with how add
                 (alt-i); HOW_ADD_KEY and how init --add-key override it

A file how cannot read or parse is an error naming the file and the line
(exit status 2). A setting how does not know is a one-line warning, and
the others still apply.`),
	},
}

func indentBlock(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

// newCmdHelp replaces cobra's help command, to add the topics and to make
// an unknown topic an error (exit 2) rather than a usage text.
func newCmdHelp(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND | TOPIC]",
		Short: "Help about a command, or a topic: environment, config",
		Long: strings.TrimSpace(`
Help about a command (how help show), or one of these topics:

` + topicList() + `

Anything else after help is a question, and is searched: how help me
find files.`),
		Example: "  how help show\n  how help environment\n  how help config",
		Annotations: map[string]string{
			cmdutil.AnnotationNoConfig: "true",
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, t := range Topics {
				if strings.HasPrefix(t.Name, toComplete) {
					out = append(out, cobra.CompletionWithDesc(t.Name, t.Short))
				}
			}
			for _, c := range root.Commands() {
				if c.IsAvailableCommand() && strings.HasPrefix(c.Name(), toComplete) {
					out = append(out, cobra.CompletionWithDesc(c.Name(), c.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		// Alone, a topic or a command: `how help me find files` is a
		// question.
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 || topic(args) != nil {
				return nil
			}
			if target, rest, err := root.Find(args); err != nil || target == root || len(rest) > 0 {
				return fmt.Errorf("%q is not a help topic (%s) or a command", strings.Join(args, " "), topicNames())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if t := topic(args); t != nil {
				_, err := fmt.Fprintln(cmd.OutOrStdout(), t.Long)
				return err
			}
			target, _, err := root.Find(args)
			if err != nil {
				return err
			}
			return target.Help()
		},
	}
}

// topic is the help topic args name, if they name one.
func topic(args []string) *Topic {
	if len(args) != 1 {
		return nil
	}
	for i := range Topics {
		if Topics[i].Name == args[0] {
			return &Topics[i]
		}
	}
	return nil
}

func topicList() string {
	var b strings.Builder
	for _, t := range Topics {
		fmt.Fprintf(&b, "    %-12s %s\n", t.Name, t.Short)
	}
	return strings.TrimRight(b.String(), "\n")
}

func topicNames() string {
	var names []string
	for _, t := range Topics {
		names = append(names, t.Name)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
