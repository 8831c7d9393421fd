package sheet

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The metadata comment is one line:
//
//	<!-- how section="Process Management" source="001.txt" line=230 tags="linux,logs" -->
//
// Values are double-quoted and percent-encoded, but only where they must be,
// so the markdown stays readable: '%', '"', '<', '>', control bytes, bytes
// that are not UTF-8, every '-' in a run of two or more (so neither "-->"
// nor "--" can end or break the comment), and, inside tags, ','.
const metaOpen = "<!-- how"

// meta is what a comment says about one example. A nil field was absent.
type meta struct {
	section, source, tool, desc, cmd *string
	line                             *int
	tags                             *[]string
}

func encodeValue(s string, extra byte) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				fmt.Fprintf(&b, "%%%02X", c)
			} else {
				b.WriteString(s[i : i+size])
			}
			i += size
			continue
		}
		hyphenRun := c == '-' && ((i > 0 && s[i-1] == '-') || (i+1 < len(s) && s[i+1] == '-'))
		if c < 0x20 || c == 0x7f || c == '%' || c == '"' || c == '<' || c == '>' || c == extra || hyphenRun {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
		i++
	}
	return b.String()
}

func decodeValue(s string) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", fmt.Errorf("bad escape %q", s[i:])
		}
		n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			return "", fmt.Errorf("bad escape %q", s[i:i+3])
		}
		b.WriteByte(byte(n))
		i += 2
	}
	return b.String(), nil
}

func encodeTags(tags []string) string {
	parts := make([]string, len(tags))
	for i, t := range tags {
		parts[i] = encodeValue(t, ',')
	}
	return strings.Join(parts, ",")
}

func decodeTags(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var tags []string
	for _, part := range strings.Split(s, ",") {
		t, err := decodeValue(part)
		if err != nil {
			return nil, err
		}
		if t != "" {
			tags = append(tags, t)
		}
	}
	return tags, nil
}

// format writes the comment line; keys come in a fixed order so regenerated
// sheets are byte-identical.
func (m meta) format() string {
	var b strings.Builder
	b.WriteString(metaOpen)
	str := func(key string, v *string) {
		if v != nil {
			fmt.Fprintf(&b, " %s=\"%s\"", key, encodeValue(*v, 0))
		}
	}
	str("section", m.section)
	str("source", m.source)
	if m.line != nil {
		fmt.Fprintf(&b, " line=%d", *m.line)
	}
	if m.tags != nil {
		fmt.Fprintf(&b, " tags=\"%s\"", encodeTags(*m.tags))
	}
	str("tool", m.tool)
	str("desc", m.desc)
	str("cmd", m.cmd)
	b.WriteString(" -->")
	return b.String()
}

// isMeta reports whether a trimmed line opens a how metadata comment.
func isMeta(t string) bool {
	if !strings.HasPrefix(t, metaOpen) {
		return false
	}
	rest := t[len(metaOpen):]
	return rest == "" || rest[0] == ' ' || rest[0] == '\t' || strings.HasPrefix(rest, "-->")
}

// parseMeta reads a whole comment, "<!-- how ... -->". Unknown keys are
// skipped so that later versions can add keys older ones ignore.
func parseMeta(t string) (meta, error) {
	var m meta
	body, ok := strings.CutSuffix(t, "-->")
	if !ok {
		return m, fmt.Errorf("how comment does not end with -->")
	}
	body = strings.TrimPrefix(body, metaOpen)
	for {
		body = strings.TrimLeft(body, " \t")
		if body == "" {
			return m, nil
		}
		eq := strings.IndexByte(body, '=')
		// A key is one word: a line break in it (a lone "\r") would also
		// break the problem that names it over two lines.
		if eq <= 0 || strings.ContainsAny(body[:eq], " \t\r\n\"") {
			return m, fmt.Errorf("how comment: expected key=value at %q", Clip(body))
		}
		key := body[:eq]
		body = body[eq+1:]
		var raw string
		if strings.HasPrefix(body, `"`) {
			end := strings.IndexByte(body[1:], '"')
			if end < 0 {
				return m, fmt.Errorf("how comment: unterminated value for %s", key)
			}
			raw, body = body[1:end+1], body[end+2:]
		} else {
			end := strings.IndexAny(body, " \t")
			if end < 0 {
				end = len(body)
			}
			raw, body = body[:end], body[end:]
		}
		if err := m.set(key, raw); err != nil {
			return m, fmt.Errorf("how comment: %s: %v", key, err)
		}
	}
}

func (m *meta) set(key, raw string) error {
	switch key {
	case "line":
		n, err := strconv.Atoi(raw)
		if err != nil || n < 0 {
			return fmt.Errorf("not a line number: %q", Clip(raw))
		}
		m.line = &n
		return nil
	case "tags":
		tags, err := decodeTags(raw)
		if err != nil {
			return err
		}
		m.tags = &tags
		return nil
	}
	v, err := decodeValue(raw)
	if err != nil {
		return err
	}
	switch key {
	case "section":
		m.section = &v
	case "source":
		m.source = &v
	case "tool":
		m.tool = &v
	case "desc":
		m.desc = &v
	case "cmd":
		m.cmd = &v
	}
	return nil
}

// Clip shortens text quoted in a problem so the problem stays one line;
// every sheet format's parser quotes with it.
func Clip(s string) string {
	const max = 40
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
