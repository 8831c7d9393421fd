package shell

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Key is a key in the neutral notation: a character with Ctrl, Alt or
// both.
type Key struct {
	Ctrl, Alt bool
	Char      rune
}

// modifiers are the words the neutral notation takes before - or +.
var modifiers = map[string]string{
	"ctrl": "ctrl", "control": "ctrl", "c": "ctrl",
	"alt": "alt", "meta": "alt", "m": "alt", "opt": "alt", "option": "alt",
}

// ParseKey reads the neutral notation: ctrl-g (also ctrl+g, c-g,
// control-g, ^g), alt-g (also meta-g, m-g, alt+g), ctrl-alt-g. Ctrl goes
// with a letter; Alt with a letter, a digit or punctuation. ok is false
// for anything else.
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
		switch modifiers[strings.ToLower(rest[:i])] {
		case "ctrl":
			k.Ctrl = true
		case "alt":
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

// bytes is what a terminal sends for the key: Alt as a leading ESC.
func (k Key) bytes() []byte {
	c := byte(k.Char)
	if k.Ctrl {
		c &= 0x1f
	}
	if k.Alt {
		return []byte{0x1b, c}
	}
	return []byte{c}
}

// looksNeutral reports whether s is written as the neutral notation is
// (a modifier's name, then - or +), so that it is held to it rather than
// taken for a shell's own notation: ctrl-shift-banana is no key.
func looksNeutral(s string) bool {
	i := strings.IndexAny(s, "-+")
	return i > 0 && modifiers[strings.ToLower(s[:i])] != "" || strings.HasPrefix(strings.ToLower(s), "shift")
}

// unusable are the keys that cannot be bound alone, by what the terminal
// sends for them: Enter, Tab and Ctrl-J (a line feed, which many terminals
// send for Enter); the terminal's interrupt and suspend, which never reach
// the line editor; Backspace; and Esc, which starts the sequences of arrows
// and Alt keys, and leaves vi's insert mode.
var unusable = map[byte]string{
	'\r': "it is Enter", '\n': "it is a line feed, Enter in many terminals", '\t': "it is Tab",
	0x03: "the terminal turns it into an interrupt", 0x1a: "the terminal turns it into a suspend",
	0x7f: "it is Backspace",
	0x1b: "it is Esc, which starts the keys arrows and Alt send (and leaves vi's insert mode)",
}

// prefixes are the keys that start other keys' bindings in a shell's
// default keymaps: bound alone, they would take those keys' place. In
// bash, Ctrl-X starts C-x C-e, C-x C-u and a dozen more (zsh and fish
// tell a key alone from a longer one by waiting, bash's readline does
// not for a bind -x).
var prefixes = map[string]map[byte]string{
	"bash": {0x18: "in bash it starts other keys (C-x C-e, C-x C-u, C-x C-r...), which binding it would break"},
}

// fishSpecial are the characters fish reads specially in an unquoted
// word.
const fishSpecial = "$();&|*?~{}[]#<>^%!"

// KeyError is a key that cannot be bound.
type KeyError struct{ Msg string }

func (e *KeyError) Error() string { return e.Msg }

func keyErrorf(format string, args ...any) error { return &KeyError{Msg: fmt.Sprintf(format, args...)} }

// forms says how a key may be given to shell, for errors.
func forms(shell string) string {
	s := "give it as ctrl-X, alt-X or ctrl-alt-X (X a letter; with alt, also a digit or punctuation)"
	if own, ok := ownNotation[shell]; ok {
		s += ", or in " + shellName(shell) + "'s own notation, such as " + own
	}
	return s
}

// ownNotation is an example of each shell's notation for a key.
var ownNotation = map[string]string{"bash": `\C-x\C-g`, "zsh": "^X^G", "fish": `\cx\cg`, "powershell": "Ctrl+x,Ctrl+g"}

func shellName(shell string) string {
	if shell == "powershell" {
		return "PowerShell"
	}
	return shell
}

// quoteKey quotes a key for a message as it was typed, backslashes and
// all, unless it holds characters that would not show.
func quoteKey(key string) string {
	for _, r := range key {
		if unicode.IsControl(r) || r == '"' {
			return strconv.Quote(key)
		}
	}
	return `"` + key + `"`
}

// Translate returns key in shell's notation. A key in the neutral notation
// is translated; any other is the shell's own notation and is returned as
// it is once checked: it must read as that notation, hold no quote, blank
// or control character, and start with a key a person does not type for
// its own sake (never a plain character: typing it would run how). A key
// that cannot work is refused with the forms that can: one that is Enter,
// Tab or Esc, one the terminal keeps, one that starts the shell's other
// keys. nushell takes only the neutral notation (its own is a binding's
// modifier and keycode, a blank between them: "control char_g").
func Translate(shell, key string) (string, error) {
	if _, ok := ownNotation[shell]; !ok && shell != "nu" {
		return "", fmt.Errorf("unknown shell %q", shell)
	}
	if key == "" {
		return "", keyErrorf("no key given; %s", forms(shell))
	}
	k, ok := ParseKey(key)
	if !ok {
		return raw(shell, key)
	}
	if err := usable(shell, k.String(), k.bytes()); err != nil {
		return "", err
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
	}
	mod := "alt"
	switch {
	case k.Ctrl && k.Alt:
		mod = "control_alt"
	case k.Ctrl:
		mod = "control"
	}
	return mod + " char_" + string(k.Char), nil
}

// raw checks key in shell's own notation and returns it as it is.
func raw(shell, key string) (string, error) {
	switch {
	case looksNeutral(key) && shell != "powershell":
		return "", keyErrorf("key %s is not a key; %s", quoteKey(key), forms(shell))
	case shell == "nu":
		return "", keyErrorf("key %s: for nushell %s", quoteKey(key), forms(shell))
	}
	for _, r := range key {
		if unicode.IsControl(r) || unicode.IsSpace(r) || r == '\'' || r == '"' {
			return "", keyErrorf("key %s holds a quote, blank or control character; %s", quoteKey(key), forms(shell))
		}
	}
	if shell == "fish" && strings.ContainsAny(key, fishSpecial) {
		return "", keyErrorf("key %s holds one of %s, which fish reads specially; %s", quoteKey(key), fishSpecial, forms(shell))
	}
	if shell == "powershell" {
		return key, chords(key)
	}
	seq, err := sequence(shell, key)
	if err == nil {
		err = usable(shell, key, seq)
	}
	return key, err
}

// usable checks what a terminal sends for a key (seq), named name.
func usable(shell, name string, seq []byte) error {
	switch c := seq[0]; {
	case c >= ' ' && c != 0x7f:
		return keyErrorf("key %s starts with a plain character, so typing it would run how; %s", quoteKey(name), forms(shell))
	case len(seq) > 1:
		return nil
	case unusable[c] != "":
		return keyErrorf("key %s cannot be bound: %s; %s", quoteKey(name), unusable[c], forms(shell))
	case prefixes[shell][c] != "":
		return keyErrorf("key %s cannot be bound: %s; %s", quoteKey(name), prefixes[shell][c], forms(shell))
	}
	return nil
}

// sequence reads a key in bash's (readline's), zsh's (bindkey's) or
// fish's (bind's) notation and returns what a terminal sends for it. Each
// reads Ctrl as \C-x (bash, zsh), ^X (zsh) or \cx (fish), Esc (and so
// Alt) as \e, bash and zsh Meta as \M-x, and the usual backslash escapes.
func sequence(shell, key string) ([]byte, error) {
	var seq []byte
	bad := func(why string) ([]byte, error) {
		return nil, keyErrorf("key %s is not in %s's notation (%s); %s", quoteKey(key), shellName(shell), why, forms(shell))
	}
	meta := false
	for i := 0; i < len(key); {
		c := key[i]
		var b byte
		switch {
		case c == '^' && shell == "zsh" && i+1 < len(key):
			ctl, ok := control(key[i+1])
			if !ok {
				return bad("^ takes a letter or one of @[\\]^_?")
			}
			b, i = ctl, i+2
		case c != '\\':
			b, i = c, i+1
		case i+1 == len(key):
			return bad("it ends in a lone backslash")
		default:
			e := key[i+1]
			i += 2
			switch {
			case (e == 'C' && shell != "fish" || e == 'M' && shell != "fish") && i < len(key) && key[i] == '-':
				if i+1 >= len(key) {
					return bad(`\` + string(e) + "- takes a key")
				}
				if e == 'M' {
					meta = true
					i++
					continue
				}
				ctl, ok := control(key[i+1])
				if !ok {
					return bad(`\C- takes a letter or one of @[\]^_?`)
				}
				b, i = ctl, i+2
			case e == 'c' && shell == "fish":
				if i >= len(key) {
					return bad(`\c takes a letter`)
				}
				ctl, ok := control(key[i])
				if !ok {
					return bad(`\c takes a letter`)
				}
				b, i = ctl, i+1
			case e == 'e' || e == 'E' && shell != "bash":
				b = 0x1b
			case e == 'x':
				j := i
				for j < len(key) && j < i+2 && strings.IndexByte("0123456789abcdefABCDEF", key[j]) >= 0 {
					j++
				}
				n, err := strconv.ParseUint(key[i:j], 16, 8)
				if err != nil {
					return bad(`\x takes hex digits`)
				}
				b, i = byte(n), j
			case '0' <= e && e <= '7':
				j := i
				for j < len(key) && j < i+2 && '0' <= key[j] && key[j] <= '7' {
					j++
				}
				n, err := strconv.ParseUint(key[i-1:j], 8, 8)
				if err != nil {
					return bad("an octal escape above 377")
				}
				b, i = byte(n), j
			case strings.IndexByte(`\'"`, e) >= 0:
				b = e
			case strings.IndexByte("abdfnrtv", e) >= 0:
				b = map[byte]byte{'a': 7, 'b': 8, 'd': 0x7f, 'f': 12, 'n': '\n', 'r': '\r', 't': '\t', 'v': 11}[e]
			default:
				return bad(`no escape \` + string(e))
			}
		}
		if meta {
			seq, meta = append(seq, 0x1b), false
		}
		seq = append(seq, b)
	}
	if meta {
		return bad(`\M- takes a key`)
	}
	return seq, nil
}

// control is the control character for Ctrl and c: Ctrl-A to Ctrl-Z, the
// five after them (@ [ \ ] ^ _) and ? for DEL.
func control(c byte) (byte, bool) {
	switch {
	case c == '?':
		return 0x7f, true
	case 'a' <= c && c <= 'z':
		return c - 'a' + 1, true
	case '@' <= c && c <= '_':
		return c - '@', true
	}
	return 0, false
}

// pwshKeys are the keys PSReadLine names, besides a single character.
var pwshKeys = map[string]bool{}

func init() {
	for _, k := range []string{"Enter", "Escape", "Tab", "Spacebar", "Backspace", "Delete", "Insert", "Home", "End",
		"PageUp", "PageDown", "UpArrow", "DownArrow", "LeftArrow", "RightArrow"} {
		pwshKeys[strings.ToLower(k)] = true
	}
	for i := 1; i <= 24; i++ {
		pwshKeys["f"+strconv.Itoa(i)] = true
	}
}

// chords checks PSReadLine's notation: chords separated by commas, each
// modifiers (Ctrl, Alt, Shift) and a key joined by +, the first chord
// with Ctrl or Alt, or a function key, so that no typed character runs
// how.
func chords(key string) error {
	bad := func(why string) error {
		return keyErrorf("key %s is not in PowerShell's notation (%s); %s", quoteKey(key), why, forms("powershell"))
	}
	for n, chord := range strings.Split(key, ",") {
		parts := strings.Split(chord, "+")
		if strings.HasSuffix(chord, "++") || chord == "+" {
			// The + key itself, as in Ctrl++.
			parts = append(parts[:len(parts)-2], "+")
		}
		name := parts[len(parts)-1]
		mods := map[string]bool{}
		for _, m := range parts[:len(parts)-1] {
			m = strings.ToLower(m)
			if m != "ctrl" && m != "alt" && m != "shift" {
				return bad("a chord's modifiers are Ctrl, Alt and Shift")
			}
			mods[m] = true
		}
		function := len(name) > 1 && name[0]|0x20 == 'f' && pwshKeys[strings.ToLower(name)]
		switch {
		case len([]rune(name)) != 1 && !pwshKeys[strings.ToLower(name)]:
			return bad("no key " + strconv.Quote(name))
		case n == 0 && !mods["ctrl"] && !mods["alt"] && !function:
			return keyErrorf("key %s starts with a key typed for itself, so typing it would run how; %s", quoteKey(key), forms("powershell"))
		}
		if ctl, ok := control(name[0] | 0x20); ok && len(name) == 1 && !strings.Contains(key, ",") &&
			mods["ctrl"] && !mods["alt"] && !mods["shift"] {
			// Ctrl and a letter, alone: what the terminal sends for it
			// may be Enter, Tab or the interrupt.
			if err := usable("powershell", key, []byte{ctl}); err != nil {
				return err
			}
		}
	}
	return nil
}

// SameKey reports whether keys a and b, each in the neutral notation or
// the shell's own, are the same key to shell: binding one would unbind
// the other.
func SameKey(shell, a, b string) bool {
	ta, errA := Translate(shell, a)
	tb, errB := Translate(shell, b)
	if errA != nil || errB != nil {
		return false
	}
	if shell == "powershell" || shell == "nu" {
		return strings.EqualFold(ta, tb)
	}
	// The same bytes however they are written: \C-g and \C-G.
	sa, errA := sequence(shell, ta)
	sb, errB := sequence(shell, tb)
	return errA == nil && errB == nil && string(sa) == string(sb)
}
