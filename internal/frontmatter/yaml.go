package frontmatter

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// List parses a YAML flow sequence of scalars: [a, "b c", 'd'].
func List(s string) ([]string, error) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "[") {
		return nil, errors.New("expected [")
	}
	inner, ok := strings.CutSuffix(stripComment(s[1:]), "]")
	if !ok {
		return nil, errors.New("list is not closed by ]")
	}
	var tags []string
	for inner = strings.TrimSpace(inner); inner != ""; {
		var item string
		switch inner[0] {
		case '"', '\'':
			end := closingQuote(inner)
			if end < 0 {
				return tags, errors.New("unterminated quoted tag")
			}
			item, inner = inner[:end+1], inner[end+1:]
		default:
			end := strings.IndexByte(inner, ',')
			if end < 0 {
				end = len(inner)
			}
			item, inner = inner[:end], inner[end:]
		}
		tag, err := Scalar(strings.TrimSpace(item))
		if err != nil {
			return tags, err
		}
		if tag != "" {
			tags = append(tags, tag)
		}
		inner = strings.TrimSpace(inner)
		if inner != "" {
			if inner[0] != ',' {
				return tags, fmt.Errorf("expected , before %s", quote(inner))
			}
			inner = strings.TrimSpace(inner[1:])
		}
	}
	return tags, nil
}

// stripComment drops a trailing " # comment" that is outside quotes.
func stripComment(s string) string {
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == '\\' && q == '"' {
				i++
			} else if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '#' && i > 0 && (s[i-1] == ' ' || s[i-1] == '\t'):
			return strings.TrimSpace(s[:i])
		}
	}
	return strings.TrimSpace(s)
}

// closingQuote returns the index of the quote that closes s[0], or -1.
func closingQuote(s string) int {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case q == '\'' && s[i] == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return i
		}
	}
	return -1
}

// Scalar decodes a plain, single- or double-quoted scalar; a plain one
// loses a trailing " # comment".
func Scalar(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	switch s[0] {
	case '\'':
		if len(s) < 2 || closingQuote(s) != len(s)-1 {
			return "", fmt.Errorf("bad quoted tag %s", quote(s))
		}
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'"), nil
	case '"':
		if len(s) < 2 || closingQuote(s) != len(s)-1 {
			return "", fmt.Errorf("bad quoted tag %s", quote(s))
		}
		return unescapeDouble(s[1 : len(s)-1])
	}
	return stripComment(s), nil
}

func unescapeDouble(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		i++
		if i >= len(s) {
			return "", errors.New("tag ends in a backslash")
		}
		switch c := s[i]; c {
		case '\\', '"', '/':
			b.WriteByte(c)
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case 'x', 'u', 'U':
			size := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
			if i+1+size > len(s) {
				return "", fmt.Errorf("short \\%c escape", c)
			}
			n, err := strconv.ParseUint(s[i+1:i+1+size], 16, 32)
			if err != nil {
				return "", fmt.Errorf("bad \\%c escape", c)
			}
			if c == 'x' {
				b.WriteByte(byte(n))
			} else {
				b.WriteRune(rune(n))
			}
			i += size
		default:
			return "", fmt.Errorf("unknown escape \\%c", c)
		}
	}
	return b.String(), nil
}

var plainTag = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_./+-]*$`)

// yamlWords would be read back as booleans or null by other YAML readers.
var yamlWords = map[string]bool{
	"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true,
	"y": true, "n": true, "null": true,
}

// Quote writes a tag so that any YAML reader gets the same string back.
func Quote(s string) string {
	if plainTag.MatchString(s) && !yamlWords[strings.ToLower(s)] {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02X`, s[i])
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02X`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}
