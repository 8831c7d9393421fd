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
	"unicode"

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

// SameKey reports whether keys a and b, each in the neutral notation or
// the shell's own, are the same key to shell: binding one would unbind
// the other.
func SameKey(shell, a, b string) bool {
	ta, errA := Translate(shell, a)
	tb, errB := Translate(shell, b)
	return errA == nil && errB == nil && ta == tb
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

// Key is a key in the neutral notation: a character with Ctrl, Alt or
// both.
type Key struct {
	Ctrl, Alt bool
	Char      rune
}

// ParseKey reads the neutral notation: ctrl-g (also ctrl+g, c-g,
// control-g, ^g), alt-g (also meta-g, m-g, alt+g), ctrl-alt-g. Ctrl goes
// with a letter; Alt with a letter, a digit or punctuation. ok is false
// for anything else, which is then taken to be the shell's own notation.
func ParseKey(s string) (Key, bool) {
	var k Key
	rest := s
	if len(rest) == 2 && rest[0] == '^' {
		k.Ctrl, rest = true, rest[1:]
	}
	for {
		i := strings.IndexAny(rest, "-+")
		if i <= 0 || i == len(rest)-1 {
			break
		}
		switch strings.ToLower(rest[:i]) {
		case "ctrl", "control", "c":
			k.Ctrl = true
		case "alt", "meta", "m", "opt", "option":
			k.Alt = true
		default:
			return Key{}, false
		}
		rest = rest[i+1:]
	}
	r := []rune(rest)
	if len(r) != 1 || !k.Ctrl && !k.Alt {
		return Key{}, false
	}
	c := r[0]
	switch {
	case k.Ctrl && !('a' <= unicode.ToLower(c) && unicode.ToLower(c) <= 'z'):
		return Key{}, false
	case c > '~' || c <= ' ' || strings.ContainsRune(`'"\`, c):
		return Key{}, false
	}
	if k.Ctrl {
		c = unicode.ToLower(c)
	}
	k.Char = c
	return k, true
}

// String is the key in the neutral notation.
func (k Key) String() string {
	s := ""
	if k.Ctrl {
		s += "ctrl-"
	}
	if k.Alt {
		s += "alt-"
	}
	return s + string(k.Char)
}

// Keys that ctrl cannot take: they are Enter, Tab and Ctrl-J (a line
// feed, which many terminals send for Enter), and the terminal's interrupt
// and suspend, which never reach the line editor.
var unusable = map[rune]string{
	'm': "it is Enter", 'j': "it is a line feed, Enter in many terminals", 'i': "it is Tab",
	'c': "the terminal turns it into an interrupt", 'z': "the terminal turns it into a suspend",
}

// fishSpecial are the characters fish reads specially in an unquoted
// word.
const fishSpecial = "$();&|*?~{}[]#<>^%!"

// KeyError is a key that cannot be bound.
type KeyError struct{ Msg string }

func (e *KeyError) Error() string { return e.Msg }

func keyErrorf(format string, args ...any) error { return &KeyError{Msg: fmt.Sprintf(format, args...)} }

// Translate returns key in shell's notation. A key in the neutral notation
// is translated; any other is the shell's own notation and is returned as
// it is, if it holds no quote, blank or control character (nushell takes
// only the neutral notation, and its notation is a binding's modifier and
// keycode, a blank between them: "control char_g").
func Translate(shell, key string) (string, error) {
	k, ok := ParseKey(key)
	if !ok {
		if shell == "nu" {
			return "", keyErrorf("key %q: for nushell give the key as ctrl-X, alt-X or ctrl-alt-X", key)
		}
		for _, r := range key {
			if unicode.IsControl(r) || unicode.IsSpace(r) || r == '\'' || r == '"' {
				return "", keyErrorf("key %q: a key holds no quote, blank or control character; give it as ctrl-g or alt-g, or in the shell's own notation (\\C-g for bash)", key)
			}
		}
		if key == "" {
			return "", keyErrorf("no key given")
		}
		if shell == "fish" && strings.ContainsAny(key, fishSpecial) {
			return "", keyErrorf("key %q: give it as ctrl-g or alt-g, or in bind's notation without any of %s", key, fishSpecial)
		}
		return key, nil
	}
	if why, bad := unusable[k.Char]; bad && k.Ctrl && !k.Alt {
		return "", keyErrorf("key %s cannot be bound: %s", k, why)
	}
	c := string(k.Char)
	upper := strings.ToUpper(c)
	switch shell {
	case "bash":
		switch {
		case k.Ctrl && k.Alt:
			return `\e\C-` + c, nil
		case k.Ctrl:
			return `\C-` + c, nil
		}
		return `\e` + c, nil
	case "zsh":
		switch {
		case k.Ctrl && k.Alt:
			return "^[^" + upper, nil
		case k.Ctrl:
			return "^" + upper, nil
		}
		return "^[" + c, nil
	case "fish":
		switch {
		case k.Ctrl && k.Alt:
			return `\e\c` + c, nil
		case k.Ctrl:
			return `\c` + c, nil
		}
		if strings.ContainsAny(c, fishSpecial) {
			c = `\` + c
		}
		return `\e` + c, nil
	case "powershell":
		switch {
		case k.Ctrl && k.Alt:
			return "Ctrl+Alt+" + c, nil
		case k.Ctrl:
			return "Ctrl+" + c, nil
		}
		return "Alt+" + c, nil
	case "nu":
		mod := "alt"
		switch {
		case k.Ctrl && k.Alt:
			mod = "control_alt"
		case k.Ctrl:
			mod = "control"
		}
		return mod + " char_" + string(k.Char), nil
	}
	return "", fmt.Errorf("unknown shell %q", shell)
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
