package render

import (
	"strings"
	"unicode/utf8"
)

// Clean makes text from a source safe and single-line for a terminal: it
// removes escape sequences (CSI, OSC, DCS and the rest), control
// characters (C0, DEL, C1) and bidirectional overrides, and turns line
// breaks and tabs into spaces. A sheet can be written by anyone; without
// this a description could clear the screen, retitle the window or write
// the clipboard (OSC 52).
func Clean(s string) string {
	return strings.Join(strings.Fields(clean(s, false)), " ")
}

// CleanCommand is Clean for commands: newlines and tabs are kept, since
// they are part of what the command is.
func CleanCommand(s string) string {
	return clean(s, true)
}

func clean(s string, keepLayout bool) string {
	if isSafe(s, keepLayout) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b {
			i = skipEscape(s, i)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\n' || r == '\t':
			if keepLayout {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
		case r == '\r':
			// A lone CR would move the cursor back over what was printed.
		case isControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isSafe(s string, keepLayout bool) bool {
	for _, r := range s {
		if r == utf8.RuneError || isControl(r) || r == 0x1b || r == '\r' ||
			(!keepLayout && (r == '\n' || r == '\t')) {
			return false
		}
	}
	return true
}

// isControl covers what a terminal may act on rather than print, and the
// bidirectional controls that make text display differently from what it
// is ("Trojan Source").
func isControl(r rune) bool {
	switch {
	case r < 0x20 && r != '\n' && r != '\t':
		return true
	case r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// skipEscape returns the index just past the escape sequence at s[i]
// (which is ESC). Unterminated string sequences swallow the rest of the
// text rather than risk leaving half a sequence behind.
func skipEscape(s string, i int) int {
	i++ // ESC
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[': // CSI: parameters and intermediates, then a final byte
		i++
		for i < len(s) {
			c := s[i]
			i++
			if c >= 0x40 && c <= 0x7e {
				return i
			}
			if c < 0x20 || c > 0x7e {
				return i - 1 // malformed; drop what we have
			}
		}
		return i
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: until BEL or ST
		i++
		for i < len(s) {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			i++
		}
		return i
	default:
		// ESC with intermediates (ESC ( B) or a single final byte (ESC c).
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) {
			i++
		}
		return i
	}
}
