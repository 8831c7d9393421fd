package vocab

import "strings"

// SplitCommand separates what a person types at the prompt from the text a
// command carries along. The head is the command line itself: its first
// line, the lines joined to it by a trailing backslash, and the lines of a
// compound command (a for loop's body is its commands). The body is the
// contents of heredocs (up to their terminator) and the lines of a quoted
// argument that spans lines (a SQL query given to psql -c, a JSON patch, a
// script given to sh -c) after the line it opens on.
//
// The body is data, not the command: `kubectl apply -f - <<EOF` followed by
// forty lines of YAML mentions every word of a Deployment, and indexed as
// the command it would match queries about anything. Both parts are
// indexed, the body in a field of its own at a low weight.
//
// The scan is lexical, like the cmdline tokenizer: quotes, backslash
// escapes and heredoc operators, no full shell grammar. A quote that never
// closes sends the rest of the text to the body.
func SplitCommand(cmd string) (head, body string) {
	if strings.IndexByte(cmd, '\n') < 0 {
		return cmd, ""
	}
	var h, b strings.Builder
	var pending []heredoc // heredocs whose body starts at the next newline
	i := 0
	for i < len(cmd) {
		c := cmd[i]
		switch {
		case c == '\\' && i+1 < len(cmd):
			h.WriteString(cmd[i : i+2])
			i += 2
		case c == '#' && (i == 0 || cmd[i-1] == ' ' || cmd[i-1] == '\t' || cmd[i-1] == '\n'):
			// A comment runs to the end of its line; quotes in it quote
			// nothing.
			end := strings.IndexByte(cmd[i:], '\n')
			if end < 0 {
				end = len(cmd) - i
			}
			h.WriteString(cmd[i : i+end])
			i += end
		case c == '\'' || c == '"':
			end := closingQuote(cmd, i)
			stop := end
			if stop < 0 {
				stop = len(cmd)
			}
			nl := strings.IndexByte(cmd[i:stop], '\n')
			if nl < 0 {
				// A quoted word on one line (or an unclosed quote on the
				// last line): part of the head.
				h.WriteString(cmd[i:min(stop+1, len(cmd))])
				i = stop + 1
				continue
			}
			// A quoted argument spanning lines: its first line stays
			// with the command, the rest is the body.
			h.WriteString(cmd[i : i+nl])
			if end < 0 {
				appendLine(&b, cmd[i+nl+1:])
				return strings.TrimRight(h.String(), " \t\n"), b.String()
			}
			appendLine(&b, cmd[i+nl+1:end])
			h.WriteByte(c)
			i = end + 1
		case c == '<' && strings.HasPrefix(cmd[i:], "<<") && !strings.HasPrefix(cmd[i:], "<<<"):
			d, n := parseHeredoc(cmd[i+2:])
			h.WriteString(cmd[i : i+2+n])
			i += 2 + n
			if d.delim != "" {
				pending = append(pending, d)
			}
		case c == '\n' && len(pending) > 0:
			h.WriteByte('\n')
			i++
			for _, d := range pending {
				i = d.consume(cmd, i, &b)
			}
			pending = pending[:0]
		default:
			h.WriteByte(c)
			i++
		}
	}
	return strings.TrimRight(h.String(), " \t\n"), b.String()
}

// closingQuote returns the index of the quote closing the one at open, or
// -1. In double quotes a backslash escapes the next character.
func closingQuote(s string, open int) int {
	q := s[open]
	for j := open + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if q == '"' {
				j++
			}
		case q:
			return j
		}
	}
	return -1
}

type heredoc struct {
	delim string
	tabs  bool // <<-: the terminator may be indented with tabs
}

// parseHeredoc reads the delimiter after "<<" (an optional "-", blanks, a
// word that may be quoted) and returns it with the number of bytes read.
func parseHeredoc(s string) (heredoc, int) {
	var d heredoc
	n := 0
	if n < len(s) && s[n] == '-' {
		d.tabs = true
		n++
	}
	for n < len(s) && (s[n] == ' ' || s[n] == '\t') {
		n++
	}
	start := n
	var w strings.Builder
	for n < len(s) {
		c := s[n]
		if c == '\'' || c == '"' {
			end := strings.IndexByte(s[n+1:], c)
			if end < 0 || strings.IndexByte(s[n+1:n+1+end], '\n') >= 0 {
				break
			}
			w.WriteString(s[n+1 : n+1+end])
			n += end + 2
			continue
		}
		if c == '\\' {
			n++
			continue
		}
		if strings.IndexByte(" \t\n;|&<>()", c) >= 0 {
			break
		}
		w.WriteByte(c)
		n++
	}
	if n == start {
		return heredoc{}, n
	}
	d.delim = w.String()
	return d, n
}

// consume moves the heredoc's lines, from i, into b, and returns the index
// after its terminator line (the end of s when there is none).
func (d heredoc) consume(s string, i int, b *strings.Builder) int {
	for i < len(s) {
		end := strings.IndexByte(s[i:], '\n')
		line := s[i:]
		next := len(s)
		if end >= 0 {
			line, next = s[i:i+end], i+end+1
		}
		t := strings.TrimRight(line, " \t\r")
		if d.tabs {
			t = strings.TrimLeft(t, "\t")
		}
		// Notes lose indentation and gain it; a terminator is the
		// delimiter alone on its line, whatever surrounds it.
		if strings.TrimSpace(t) == d.delim {
			return next
		}
		appendLine(b, line)
		i = next
	}
	return i
}

func appendLine(b *strings.Builder, s string) {
	if s == "" {
		return
	}
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	b.WriteString(s)
}
