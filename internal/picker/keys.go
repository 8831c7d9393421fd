package picker

import (
	"strings"
	"unicode/utf8"
)

// key is one decoded key press.
type key struct {
	kind keyKind
	r    rune // for keyRune
}

type keyKind uint8

const (
	keyNone keyKind = iota
	keyRune
	keyEnter
	keyEsc
	keyCancel // Ctrl-C, Ctrl-G
	keyCopy   // Ctrl-Y
	keyUp
	keyDown
	keyLeft
	keyRight
	keyHome
	keyEnd
	keyPageUp
	keyPageDown
	keyBackspace
	keyDelete
	keyEOF      // Ctrl-D: delete, or cancel on an empty query
	keyKillWord // Ctrl-W, Alt-Backspace
	keyKillHome // Ctrl-U
	keyKillEnd  // Ctrl-K
	keyPaste    // bracketed paste start (r = 's') or end ('e')
)

// decode reads the first key in b. It returns the key and the bytes it
// used; n == 0 means b holds only the start of a key (an ESC, a partial
// escape sequence or UTF-8 character) and more bytes are needed to tell.
// With final set, no more bytes are coming soon (the ESC timeout passed),
// so a lone ESC is the Esc key.
func decode(b []byte, final bool) (key, int) {
	if len(b) == 0 {
		return key{}, 0
	}
	c := b[0]
	switch c {
	case 0x1b:
		return decodeEscape(b, final)
	case '\r', '\n':
		return key{kind: keyEnter}, 1
	case 0x03, 0x07:
		return key{kind: keyCancel}, 1
	case 0x19:
		return key{kind: keyCopy}, 1
	case 0x10: // Ctrl-P
		return key{kind: keyUp}, 1
	case 0x0e, '\t': // Ctrl-N, Tab
		return key{kind: keyDown}, 1
	case 0x01:
		return key{kind: keyHome}, 1
	case 0x05:
		return key{kind: keyEnd}, 1
	case 0x02:
		return key{kind: keyLeft}, 1
	case 0x06:
		return key{kind: keyRight}, 1
	case 0x7f, 0x08:
		return key{kind: keyBackspace}, 1
	case 0x04:
		return key{kind: keyEOF}, 1
	case 0x17:
		return key{kind: keyKillWord}, 1
	case 0x15:
		return key{kind: keyKillHome}, 1
	case 0x0b:
		return key{kind: keyKillEnd}, 1
	}
	if c < 0x20 {
		return key{}, 1 // another control character: ignored
	}
	if !utf8.FullRune(b) && !final {
		return key{}, 0
	}
	r, size := utf8.DecodeRune(b)
	if r == utf8.RuneError && size <= 1 {
		return key{}, 1
	}
	return key{kind: keyRune, r: r}, size
}

// decodeEscape reads a key that starts with ESC: CSI (ESC [) and SS3
// (ESC O) sequences, which arrow keys send in the normal and the keypad
// ("application") mode, Alt+key, or a lone Esc.
func decodeEscape(b []byte, final bool) (key, int) {
	if len(b) == 1 {
		if final {
			return key{kind: keyEsc}, 1
		}
		return key{}, 0
	}
	switch b[1] {
	case '[':
		// CSI: parameter bytes 0x30-0x3f, intermediate 0x20-0x2f, one
		// final byte 0x40-0x7e.
		i := 2
		for i < len(b) && b[i] >= 0x30 && b[i] <= 0x3f {
			i++
		}
		for i < len(b) && b[i] >= 0x20 && b[i] <= 0x2f {
			i++
		}
		if i >= len(b) {
			if final {
				return key{}, len(b) // a broken sequence: dropped
			}
			return key{}, 0
		}
		if b[i] < 0x40 || b[i] > 0x7e {
			return key{}, i // not a sequence after all: drop what was read
		}
		params, fin := string(b[2:i]), b[i]
		return csiKey(params, fin), i + 1
	case 'O':
		if len(b) < 3 {
			if final {
				return key{kind: keyEsc}, 1
			}
			return key{}, 0
		}
		return ss3Key(b[2]), 3
	case 0x7f, 0x08:
		return key{kind: keyKillWord}, 2
	case 0x1b:
		// ESC ESC: the first is an Esc of its own.
		return key{kind: keyEsc}, 1
	}
	// Alt+key: ignored, but consumed as one key so that its letter does
	// not land in the query.
	_, size := utf8.DecodeRune(b[1:])
	return key{}, 1 + size
}

// cursorKeys are the final bytes that CSI (ESC [) and SS3 (ESC O)
// sequences share: terminals send either form for the arrows, Home and End
// depending on the keypad mode.
var cursorKeys = map[byte]keyKind{
	'A': keyUp, 'B': keyDown, 'C': keyRight, 'D': keyLeft, 'H': keyHome, 'F': keyEnd,
}

func csiKey(params string, fin byte) key {
	// Modifiers (ESC [ 1 ; 5 A for Ctrl-Up) do not change what an arrow
	// does here.
	if i := strings.IndexByte(params, ';'); i >= 0 {
		params = params[:i]
	}
	if k, ok := cursorKeys[fin]; ok {
		return key{kind: k}
	}
	switch fin {
	case 'Z': // Shift-Tab
		return key{kind: keyUp}
	case '~':
		switch params {
		case "1", "7":
			return key{kind: keyHome}
		case "4", "8":
			return key{kind: keyEnd}
		case "3":
			return key{kind: keyDelete}
		case "5":
			return key{kind: keyPageUp}
		case "6":
			return key{kind: keyPageDown}
		case "200":
			return key{kind: keyPaste, r: 's'}
		case "201":
			return key{kind: keyPaste, r: 'e'}
		}
	}
	return key{}
}

func ss3Key(c byte) key {
	if k, ok := cursorKeys[c]; ok {
		return key{kind: k}
	}
	if c == 'M' { // keypad Enter
		return key{kind: keyEnter}
	}
	return key{}
}
