// Package shell writes what `how init SHELL` prints: the widget script
// for the shell (from the completions package), the call that binds it to
// a key, and cobra's completion script.
package shell

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/howcli/how/completions"
)

// Names are the shells how init knows, in the order help lists them.
var Names = []string{"bash", "zsh", "fish", "powershell", "nu"}

// Canonical returns the shell name for name, accepting pwsh for
// powershell and nushell for nu; ok is false for a shell how does not
// know.
func Canonical(name string) (string, bool) {
	switch n := strings.ToLower(name); n {
	case "bash", "zsh", "fish", "powershell", "nu":
		return n, true
	case "pwsh":
		return "powershell", true
	case "nushell":
		return "nu", true
	}
	return "", false
}

// DefaultKey is the widget's key when nothing else is said.
const DefaultKey = "ctrl-g"

// DefaultAddKey is the key that saves the command line as a personal
// snippet (how add --from-widget) when nothing else is said. Alt-I is free
// in the emacs and vi keymaps of readline (bash 5.2), zsh 5.9, fish 3.6
// and 4, nushell 0.115 (reedline) and PSReadLine 2.3, as their default
// bindings list them (bind -p, bindkey -M, fish's key binding functions,
// keybindings default, about_PSReadLine_Functions). Alt-A, the obvious
// name, is zsh's accept-and-hold, which runs the line: on a machine
// without how, the same fingers would run the command they meant to save;
// it is also PSReadLine's SelectCommandArgument. Alt-J and Alt-K are free
// too, but in vi's insert mode an Alt key arrives as Esc and the letter,
// and Esc k, Esc j (history) are what vi users type all day; Esc i only
// moves the cursor back one, so is rarely typed fast, and if it is, Esc
// at how add's question cancels it.
const DefaultAddKey = "alt-i"

// The shell functions the keys run, and the names nushell's bindings get.
const (
	widgetFunc    = "__how_widget"
	addWidgetFunc = "__how_add_widget"
)

// Options shape the script.
type Options struct {
	// Key is the key to bind, in the neutral notation (ctrl-g, alt-g) or
	// the shell's own (\C-g for bash); empty means DefaultKey.
	Key string
	// AddKey is the key that saves the line with how add, in the same
	// notations; it cannot be Key. Empty means DefaultAddKey, unless Key
	// is that key (chosen before there was an add key): then the add key
	// is left unbound, and a comment in the script says so.
	AddKey string
	// NoBind leaves both keys unbound: the script only defines the
	// widgets.
	NoBind bool
	// Completion writes the shell's completion script; nil writes none.
	Completion func(w io.Writer) error
}

// Write writes the init script for shell.
func Write(w io.Writer, shell string, o Options) error {
	script, err := completions.Widget(shell)
	if err != nil {
		return err
	}
	key, addKey := o.Key, o.AddKey
	if key == "" {
		key = DefaultKey
	}
	addUnbound := addKey == "" && SameKey(shell, key, DefaultAddKey)
	if addKey == "" {
		addKey = DefaultAddKey
	}
	bind, err := bindLine(shell, key, widgetFunc)
	if err != nil {
		return err
	}
	addBind, err := bindLine(shell, addKey, addWidgetFunc)
	if err != nil {
		return err
	}
	if SameKey(shell, key, addKey) && !addUnbound {
		return keyErrorf("key %s is both the widget's key and the add key: give the add key another (--add-key, HOW_ADD_KEY or widget.add_key)", key)
	}
	binds := bind + "\n" + addBind
	if addUnbound {
		binds = bind
	}
	var b bytes.Buffer
	b.Write(script)
	if o.NoBind {
		b.WriteString("\n# Not bound to keys (how init --no-bind); to bind them yourself:\n")
		for _, l := range strings.Split(binds, "\n") {
			fmt.Fprintf(&b, "# %s\n", l)
		}
	} else {
		fmt.Fprintf(&b, "\n%s\n", binds)
	}
	if addUnbound {
		fmt.Fprintf(&b, "# The add key is not bound: %s, its default, is the widget's key here.\n"+
			"# Choose another with how init --add-key KEY, HOW_ADD_KEY or widget.add_key.\n", DefaultAddKey)
	}
	if o.Completion != nil {
		b.WriteString("\n")
		var c bytes.Buffer
		if err := o.Completion(&c); err != nil {
			return err
		}
		b.Write(completionFor(shell, c.Bytes()))
	}
	_, err = w.Write(b.Bytes())
	return err
}

// bindLine is the shell code that binds the function fn to key.
func bindLine(shell, key, fn string) (string, error) {
	k, err := Translate(shell, key)
	if err != nil {
		return "", err
	}
	// The widget's line stays as it always was, so that a line copied
	// from --no-bind into a startup file keeps working.
	arg := ""
	if fn != widgetFunc {
		arg = " " + fn
	}
	switch shell {
	case "nu":
		mod, code, _ := strings.Cut(k, " ")
		return nuBinding(strings.TrimPrefix(fn, "__"), mod, code, fn), nil
	case "fish":
		// fish's bind reads escapes such as \cg only as the parser
		// leaves them in an unquoted word; Translate escapes the rest.
		return "__how_bind " + k + arg, nil
	}
	// Translate refuses quotes and control characters, so single quotes
	// hold any key safely in the other shells.
	return "__how_bind '" + k + "'" + arg, nil
}

// Completion adapts cobra's completion script for shell to need nothing
// the user may not have. cobra's bash script calls _get_comp_words_by_ref
// and _filedir, from the bash-completion package, which many systems do
// not load (bash then says "command not found" at every Tab): the calls go
// to how's own functions (completions/compat.bash), which use the
// package's when it is loaded.
func Completion(shell string, script []byte) ([]byte, error) {
	if shell != "bash" {
		return script, nil
	}
	const words = `_get_comp_words_by_ref "$@" cur prev words cword`
	if bytes.Count(script, []byte(words)) != 1 || !filedir.Match(script) {
		return nil, fmt.Errorf("cobra's bash completion no longer calls %s and _filedir as how expects: adapt completions/compat.bash", words)
	}
	script = bytes.Replace(script, []byte(words), []byte(`__how_comp_words "$@"`), 1)
	script = filedir.ReplaceAll(script, []byte("${1}__how_filedir"))
	return append(append(script, '\n'), completions.BashCompat()...), nil
}

// filedir is a call of (or a mention of) bash-completion's _filedir.
var filedir = regexp.MustCompile(`(^|[^\w])_filedir\b`)

// completionFor adapts cobra's completion script to being evaluated from
// how init rather than installed as a file.
func completionFor(shell string, script []byte) []byte {
	if shell != "zsh" {
		return script
	}
	// cobra's zsh script calls compdef at once, which does not exist
	// before compinit has run: the common `source <(how init zsh)` placed
	// before compinit would print "command not found: compdef". Register
	// now if compinit has run, else at the first prompt.
	const guarded = `if (( $+functions[compdef] )); then
  compdef _how how
else
  __how_compdef() {
    (( $+functions[compdef] )) && compdef _how how
    add-zsh-hook -d precmd __how_compdef
    unfunction __how_compdef
  }
  autoload -Uz add-zsh-hook
  add-zsh-hook precmd __how_compdef
fi`
	return bytes.Replace(script, []byte("\ncompdef _how how\n"), []byte("\n"+guarded+"\n"), 1)
}

// nuBinding appends a key binding to nushell's config: the key (modifier
// and keycode) runs the command cmd. executehostcommand runs it without
// submitting the line, in the emacs and both vi modes.
func nuBinding(name, modifier, keycode, cmd string) string {
	return `$env.config = ($env.config | upsert keybindings (
    ($env.config.keybindings? | default []) | append {
        name: ` + name + `
        modifier: ` + modifier + `
        keycode: ` + keycode + `
        mode: [emacs vi_normal vi_insert]
        event: {send: executehostcommand, cmd: "` + cmd + `"}
    }
))`
}
