// Package widget is the shell widget's side of how: it reads the command
// line a shell hands over (how --widget -- BUFFER), finds the query in it,
// and builds the new line and the cursor offset the shell puts back.
//
// The line is read the way a shell reads it, but tolerantly, since a query
// is seldom valid shell: only the last segment after a control operator
// (| || && ; & |& or a newline) outside quotes, parentheses and comments is
// the query, and only that segment is replaced; everything before it is
// kept byte for byte. Offsets are in characters (Unicode code points), as
// bash's READLINE_POINT, zsh's CURSOR and fish's commandline -C count them
// in a UTF-8 locale.
package widget

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line is a command line split into what is kept and what is asked.
type Line struct {
	// Buffer is the whole line as the shell gave it.
	Buffer string
	// Prefix is kept byte for byte: every segment before the last, the
	// operator that ends them, and the blanks (and reserved words such as
	// then or do) that start the last one.
	Prefix string
	// Query is the last segment without its surrounding blanks.
	Query string
}

// Words are the query's words, as the search takes them.
func (l Line) Words() []string { return strings.Fields(l.Query) }

// Parse splits buf at its last top-level control operator.
func Parse(buf string) Line {
	start := lastSegment(buf)
	seg := buf[start:]
	// Blanks, and after an operator the reserved words that start the
	// segment, belong to the shell's grammar, not to the question: `if
	// true; then journalctl follow` asks about journalctl follow. A query
	// of its own may start with any word ("time sync").
	for {
		trimmed := strings.TrimLeftFunc(seg, unicode.IsSpace)
		start += len(seg) - len(trimmed)
		seg = trimmed
		word, _, found := strings.Cut(seg, " ")
		if strings.TrimSpace(buf[:start]) == "" || !found || !reserved[word] {
			break
		}
		start += len(word)
		seg = seg[len(word):]
	}
	return Line{
		Buffer: buf,
		Prefix: buf[:start],
		Query:  strings.TrimRightFunc(seg, unicode.IsSpace),
	}
}

// Piped reports whether the query follows a | (or |&): the command it asks
// for reads the output of the one before.
func (l Line) Piped() bool {
	_, ok := l.pipe()
	return ok
}

// Before is the command whose output the query reads (see Piped): the
// segment before the |, without its blanks; "" when the query follows no
// pipe.
func (l Line) Before() string {
	rest, _ := l.pipe()
	return Parse(rest).Query
}

// pipe returns the prefix without its final | and the blanks around it;
// ok is false when the prefix does not end with one.
func (l Line) pipe() (rest string, ok bool) {
	p := strings.TrimRightFunc(l.Prefix, unicode.IsSpace)
	switch {
	case strings.HasSuffix(p, "|&"):
		return p[:len(p)-2], true
	case strings.HasSuffix(p, "|") && !strings.HasSuffix(p, "||"):
		return p[:len(p)-1], true
	}
	return "", false
}

// Edited reports whether the query is, even in part, text of wrote, the
// line the widget wrote earlier on this command line: then the user has
// been editing the command how wrote (filling in its values, say), not
// asking a new question, and searching for that command would replace
// what they typed with another one. A question typed after the written
// line (`| count lines`) or in place of all of it is not edited.
//
// What the user changed is the stretch between the longest beginning and
// the longest end the line still shares with wrote; the query is edited
// when it reaches into either.
func (l Line) Edited(wrote string) bool {
	if wrote == "" || l.Query == "" {
		return false
	}
	b := l.Buffer
	p := 0
	for p < len(b) && p < len(wrote) && b[p] == wrote[p] {
		p++
	}
	s := 0
	for s < len(b)-p && s < len(wrote)-p && b[len(b)-1-s] == wrote[len(wrote)-1-s] {
		s++
	}
	start := len(l.Prefix)
	end := start + len(l.Query)
	return start < p || end > len(b)-s
}

// reserved words after which a command starts, in a segment that follows
// an operator.
var reserved = map[string]bool{
	"then": true, "do": true, "else": true, "elif": true, "!": true, "{": true,
}

// Replace returns the line with its query replaced by command, and the
// cursor offset in characters: the start of the first of placeholders
// (offsets in command, in characters), or -1 for the end of the line.
func (l Line) Replace(command string, placeholders []Span) (string, int) {
	prefix := l.Prefix
	if prefix != "" {
		r, _ := utf8.DecodeLastRuneInString(prefix)
		if !unicode.IsSpace(r) && r != '(' {
			// ls|wc -l reads better as ls| wc -l; the operator itself is
			// kept as it was.
			prefix += " "
		}
	}
	buf := prefix + command
	if len(placeholders) == 0 {
		return buf, -1
	}
	first := placeholders[0].Start
	for _, p := range placeholders[1:] {
		first = min(first, p.Start)
	}
	return buf, utf8.RuneCountInString(prefix) + first
}

// lastSegment returns the byte offset where the last segment of buf
// starts. It follows quotes ('...', "...", $'...', `...`), backslash
// escapes, comments, heredoc bodies and parentheses; when buf ends inside
// an open ( or $( the segment is the last one inside it, so that
// `echo "$(journalctl follow` asks about journalctl follow.
func lastSegment(buf string) int {
	// One frame per open ( or $( (a command context, with the start of
	// its current segment) or open double quote.
	type frame struct {
		quote bool
		start int
	}
	stack := []frame{{start: 0}}
	var heredocs []heredoc
	wordStart := true // at the start of a word: # starts a comment
	prev := byte(0)   // the previous byte outside quotes
	for i := 0; i < len(buf); {
		c := buf[i]
		top := &stack[len(stack)-1]
		if top.quote {
			switch {
			case c == '\\':
				i += 2
			case c == '"':
				stack = stack[:len(stack)-1]
				i++
				wordStart, prev = false, 'a'
			case c == '`':
				i = skipEscaped(buf, i+1, '`')
			case c == '$' && i+1 < len(buf) && buf[i+1] == '(':
				i += 2
				stack = append(stack, frame{start: i})
				wordStart, prev = true, '('
			default:
				i++
			}
			continue
		}
		switch {
		case c == '\\':
			i += 2 // an escaped byte, or a line continuation
			wordStart, prev = false, 'a'
		case c == '\'':
			i = skipSingle(buf, i+1)
			wordStart, prev = false, 'a'
		case c == '$' && i+1 < len(buf) && buf[i+1] == '\'':
			i = skipEscaped(buf, i+2, '\'')
			wordStart, prev = false, 'a'
		case c == '"':
			i++
			stack = append(stack, frame{quote: true})
		case c == '`':
			i = skipEscaped(buf, i+1, '`')
			wordStart, prev = false, 'a'
		case c == '#' && wordStart:
			for i < len(buf) && buf[i] != '\n' {
				i++
			}
		case c == '$' && i+1 < len(buf) && buf[i+1] == '(':
			i += 2
			stack = append(stack, frame{start: i})
			wordStart, prev = true, '('
		case c == '(':
			i++
			stack = append(stack, frame{start: i})
			wordStart, prev = true, '('
		case c == ')':
			i++
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
			wordStart, prev = false, ')'
		case c == '<' && strings.HasPrefix(buf[i:], "<<") && !strings.HasPrefix(buf[i:], "<<<"):
			h, next := readHeredoc(buf, i+2)
			if h.delim != "" {
				heredocs = append(heredocs, h)
			}
			i = next
			wordStart, prev = true, 'a'
		case c == '\n':
			i++
			for _, h := range heredocs {
				i = skipBody(buf, i, h)
			}
			heredocs = nil
			top.start = i
			wordStart, prev = true, '\n'
		case c == ';' || c == '|' || c == '&':
			i++
			// >| and >& and &> are redirections, not operators.
			if (c == '|' || c == '&') && (prev == '>' || prev == '<') || c == '&' && i < len(buf) && buf[i] == '>' {
				wordStart, prev = false, c
				continue
			}
			top.start = i
			wordStart, prev = true, c
		case c == ' ' || c == '\t':
			i++
			wordStart, prev = true, c
		default:
			i++
			wordStart, prev = false, c
		}
	}
	for j := len(stack) - 1; j >= 0; j-- {
		if !stack[j].quote {
			return min(stack[j].start, len(buf))
		}
	}
	return 0
}

func skipSingle(s string, i int) int {
	if j := strings.IndexByte(s[i:], '\''); j >= 0 {
		return i + j + 1
	}
	return len(s)
}

// skipEscaped returns the index after the end byte that closes a span in
// which a backslash escapes the next byte: $'...' and `...`.
func skipEscaped(s string, i int, end byte) int {
	for i < len(s) {
		switch s[i] {
		case '\\':
			i += 2
			continue
		case end:
			return i + 1
		}
		i++
	}
	return len(s)
}

type heredoc struct {
	delim string
	tabs  bool // <<-
}

// readHeredoc reads the delimiter word after << (at s[i]).
func readHeredoc(s string, i int) (heredoc, int) {
	var h heredoc
	if i < len(s) && s[i] == '-' {
		h.tabs = true
		i++
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	var b strings.Builder
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\'' || c == '"':
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				b.WriteString(s[i+1:])
				return heredoc{delim: b.String(), tabs: h.tabs}, len(s)
			}
			b.WriteString(s[i+1 : i+1+end])
			i += end + 2
			continue
		case c == '\\' && i+1 < len(s):
			b.WriteByte(s[i+1])
			i += 2
			continue
		case strings.IndexByte(" \t\n;|&<>()", c) >= 0:
			h.delim = b.String()
			return h, i
		}
		b.WriteByte(c)
		i++
	}
	h.delim = b.String()
	return h, i
}

// skipBody skips a heredoc's body from s[i], the start of a line, through
// its closing delimiter line.
func skipBody(s string, i int, h heredoc) int {
	for i < len(s) {
		end := strings.IndexByte(s[i:], '\n')
		line := s[i:]
		next := len(s)
		if end >= 0 {
			line = s[i : i+end]
			next = i + end + 1
		}
		if h.tabs {
			line = strings.TrimLeft(line, "\t")
		}
		i = next
		if line == h.delim {
			break
		}
	}
	return i
}

// Span is a stretch of text, in characters, End exclusive.
type Span struct{ Start, End int }

// Placeholders finds the <placeholders> in s, in characters: a <, a
// letter, digit or _, more of them or of _-.:/@=,+|[], and a >. Blanks
// are not allowed inside, so redirections (sort <in >out) and process
// substitutions (<(ls)) are not taken for placeholders. tldr's {{value}}
// is not one either: a note's {{.Names}} is a Go template, and tldr
// commands reach the line with their placeholders already resolved.
func Placeholders(s string) []Span {
	var spans []Span
	pos := 0 // characters before s[i]
	for i := 0; i < len(s); {
		if end := placeholderEnd(s, i); end > i {
			n := utf8.RuneCountInString(s[i:end])
			spans = append(spans, Span{pos, pos + n})
			pos += n
			i = end
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		pos++
	}
	return spans
}

// placeholderEnd returns the byte offset just after a placeholder starting
// at s[i], or -1.
func placeholderEnd(s string, i int) int {
	if s[i] != '<' {
		return -1
	}
	for j := i + 1; j < len(s); {
		r, size := utf8.DecodeRuneInString(s[j:])
		switch {
		case r == '>' && j > i+1:
			return j + 1
		case j == i+1 && !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'):
			return -1
		case unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_-.:/@=,+|[]", r):
			j += size
		default:
			return -1
		}
	}
	return -1
}

// NextPlaceholder returns where the placeholder after cursor starts in
// buf, wrapping round to the first one; ok is false when buf has none.
func NextPlaceholder(buf string, cursor int) (offset int, ok bool) {
	spans := Placeholders(buf)
	if len(spans) == 0 {
		return 0, false
	}
	for _, sp := range spans {
		if sp.Start > cursor {
			return sp.Start, true
		}
	}
	return spans[0].Start, true
}

// Format is the protocol's answer: the cursor offset on the first line
// (-1 for the end), then the new buffer, which may span lines.
func Format(buffer string, cursor int) string {
	return strconv.Itoa(cursor) + "\n" + buffer
}
