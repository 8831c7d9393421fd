package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/sheet"
	"github.com/howcli/how/internal/snippet"
)

// Mode says how much of a tldr command's placeholder syntax is resolved
// when the command is shown. Commands from other sources have no
// placeholder syntax (a note's `docker ps --format '{{.Names}}'` is a Go
// template, not a placeholder), so every mode shows them as written.
type Mode int

const (
	// ModeRaw is the command exactly as written, braces and escapes included:
	// for pipes and --json, where a program reads it.
	ModeRaw Mode = iota
	// ModeTyped is the command as a person would type it: an option
	// placeholder ({{[-f|--follow]}}) becomes its long option and escaped
	// braces (\{\{) become braces, while value placeholders keep their
	// {{braces}}. Those braces are the only mark a blank has without
	// colour, and a pasted command that still holds one fails instead of
	// running on the example's value. A value is one word of the command,
	// as the shell reads it (see shellValue): {{on|off}} is {{on}}. -c
	// copies this form, and a terminal without colour shows it.
	ModeTyped
	// ModeDisplay is ModeTyped with value placeholders shown without braces and
	// highlighted instead, as the tldr client specification asks: for a
	// terminal with colour.
	ModeDisplay
)

// hasPlaceholders reports whether commands of this origin use tldr's
// placeholder syntax.
func hasPlaceholders(origin string) bool { return origin == snippet.OriginTldr }

// Typed returns command as a person would type it (see ModeTyped): what
// -c puts on the clipboard. The command should be cleaned first.
func Typed(command, origin string) string {
	if !hasPlaceholders(origin) {
		return command
	}
	var b strings.Builder
	for _, a := range parseAtoms(command) {
		b.WriteString(a.text(ModeTyped))
	}
	return b.String()
}

// CommandLines returns command (already cleaned) styled for a terminal,
// one string per line: the program bold, options in colour, placeholders
// highlighted, comments dimmed. With colour off the text is only resolved
// as mode says.
func CommandLines(cs *iostreams.ColorScheme, command, origin string, mode Mode) []string {
	if len(command) > maxStyled {
		// Past a screenful, styling helps nobody read it, and costs a
		// struct per character: the text is shown as mode says, unstyled.
		if hasPlaceholders(origin) {
			atoms := parseAtoms(command)
			command = (&lexer{atoms: atoms, mode: mode}).textOf(0, len(atoms))
		}
		return strings.Split(command, "\n")
	}
	var atoms []atom
	if hasPlaceholders(origin) {
		atoms = parseAtoms(command)
	} else {
		atoms = plainAtoms(command)
	}
	var lines []string
	var line strings.Builder
	for _, sg := range lex(atoms, mode) {
		for i, piece := range strings.Split(sg.text, "\n") {
			if i > 0 {
				lines = append(lines, line.String())
				line.Reset()
			}
			line.WriteString(sg.style(cs, piece))
		}
	}
	return append(lines, line.String())
}

// maxStyled is the longest command CommandLines styles, in bytes: far
// longer than any command a person types, short enough that styling one
// costs next to nothing.
const maxStyled = 16 << 10

// atomKind tells a plain rune from the units of tldr's syntax.
type atomKind uint8

const (
	atomRune   atomKind = iota
	atomValue           // {{path/to/file}}
	atomOption          // {{[-f|--follow]}}
	atomEscape          // \{\{ or \}\}
)

// atom is one rune of a command, or one placeholder or escaped brace pair,
// which the lexer treats as an opaque part of a word.
type atom struct {
	kind atomKind
	r    rune
	raw  string // as written (not for atomRune)
	// value is what a placeholder stands for: the text inside the braces,
	// the option chosen from an option placeholder, or the braces an
	// escape means.
	value string
	// word is a value placeholder's text as the shell must get it (see
	// shellValue).
	word string
}

func (a atom) text(mode Mode) string {
	switch {
	case a.kind == atomRune:
		return string(a.r)
	case mode == ModeRaw:
		return a.raw
	case a.kind == atomValue && mode == ModeTyped:
		return "{{" + a.word + "}}"
	}
	return a.value
}

func plainAtoms(s string) []atom {
	atoms := make([]atom, 0, len(s))
	for _, r := range s {
		atoms = append(atoms, atom{r: r})
	}
	return atoms
}

// parseAtoms splits s into runes and tldr's placeholders (as
// sheet.Placeholders finds them: {{value}}, {{[-s|--long]}}, braces nested
// inside one belong to it) and the escapes \{\{ and \}\}.
func parseAtoms(s string) []atom {
	ps := sheet.Placeholders(s)
	var atoms []atom
	var quote rune // the quote the command is inside of at s[i], if any
	for i := 0; i < len(s); {
		switch {
		case len(ps) > 0 && i == ps[0].Start:
			p := ps[0]
			ps = ps[1:]
			a := atom{kind: atomValue, raw: s[p.Start:p.End], value: p.Text, word: p.Text}
			if quote == 0 {
				a.word = shellValue(p.First())
			}
			if p.Long != "" {
				// The spec shows the long form by default.
				a.kind, a.value = atomOption, p.Long
			}
			atoms = append(atoms, a)
			i = p.End
			continue
		case strings.HasPrefix(s[i:], `\{\{`), strings.HasPrefix(s[i:], `\}\}`):
			atoms = append(atoms, atom{kind: atomEscape, raw: s[i : i+4], value: s[i+1:i+2] + s[i+3:i+4]})
			i += 4
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\\' && quote != '\'' && i+size < len(s):
			// The next character is literal: keep it with the backslash.
			atoms = append(atoms, atom{r: r})
			i += size
			r, size = utf8.DecodeRuneInString(s[i:])
		case quote == 0 && (r == '\'' || r == '"'):
			quote = r
		case r == quote:
			quote = 0
		}
		atoms = append(atoms, atom{r: r})
		i += size
	}
	return atoms
}

// shellValue is a value placeholder's text (its choices already reduced
// to their first) as one word of a command, outside quotes: as it is when
// the shell reads it as plain words (path/to/file, or several, as in
// "file1 file2 ..."), single-quoted when it holds what the shell would
// take for an operator, a redirection or a comment ("make | sed 10q",
// "^ca(t|r)$", "<Enter>"), so that what the user fills in stays one
// argument and the rest of the line is not split at it.
func shellValue(text string) string {
	if !operatorIn(text) {
		return text
	}
	return "'" + strings.ReplaceAll(text, "'", `'\''`) + "'"
}

// operatorIn reports whether the shell would read something in s, outside
// its quotes, as other than the characters of words: a control or
// redirection operator, a parenthesis, a comment, a line break, or a quote
// left open.
func operatorIn(s string) bool {
	found := false
	closed := sheet.Unquoted(s, func(i int) bool {
		c := s[i]
		found = strings.IndexByte("|&;<>()\n", c) >= 0 || c == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t')
		return !found
	})
	return found || !closed
}

// segKind is how a stretch of a command is styled.
type segKind uint8

const (
	segText segKind = iota
	segProgram
	segFlag
	segPlaceholder
	segComment
)

type seg struct {
	kind segKind
	text string
}

func (sg seg) style(cs *iostreams.ColorScheme, s string) string {
	switch sg.kind {
	case segProgram:
		return cs.Bold(s)
	case segFlag:
		return cs.Cyan(s)
	case segPlaceholder:
		return cs.Placeholder(s)
	case segComment:
		return cs.Dim(s)
	}
	return s
}

// wrappers run the program named after them; their own options that take
// a value are listed so that the value is not taken for the program.
var wrappers = map[string]map[string]bool{
	"sudo":    {"-u": true, "-g": true, "-C": true, "-D": true, "-h": true, "-p": true, "-U": true, "-r": true, "-t": true},
	"doas":    {"-u": true, "-C": true},
	"env":     {"-u": true, "-C": true, "-S": true},
	"nice":    {"-n": true},
	"nohup":   {},
	"time":    {},
	"exec":    {"-a": true},
	"command": {},
	"builtin": {},
	"xargs":   {"-I": true, "-n": true, "-P": true, "-d": true, "-L": true, "-E": true, "-s": true, "-a": true},
	"watch":   {"-n": true},
}

// Shell keywords in command position: those after which a command comes,
// and those after which none does.
var (
	keywordsThenCommand = map[string]bool{"if": true, "then": true, "else": true, "elif": true, "do": true, "while": true, "until": true, "!": true, "{": true}
	keywordsThenArgs    = map[string]bool{"fi": true, "done": true, "esac": true, "}": true, "for": true, "case": true, "select": true, "in": true, "function": true}
)

// lexer splits a command into styled stretches. It is a display aid, not
// a shell parser: it knows quotes, escapes, line continuations, control
// operators, comments, redirections and heredocs, which is what telling
// the program from its options needs. A command it cannot follow is
// still shown in full, only styled less.
type lexer struct {
	atoms []atom
	mode  Mode
	i     int
	out   []seg
	// cur is the text of the last segment of out, still growing: one
	// builder rather than a string copied at every rune.
	cur strings.Builder
	// expect is set where the next word names a program.
	expect bool
	// valueFlags are a wrapper's options that take a value; skipValue is
	// set after one of them, and after a redirection operator.
	valueFlags map[string]bool
	skipValue  bool
	heredocs   []heredoc
	wantDelim  *heredoc // after a lone << operator
}

type heredoc struct {
	delim string
	tabs  bool // <<-: leading tabs are stripped from the body
}

func lex(atoms []atom, mode Mode) []seg {
	lx := &lexer{atoms: atoms, mode: mode, expect: true}
	lx.run()
	lx.flush()
	return lx.out
}

// emit adds s in style k, to the last segment when it has that style.
func (lx *lexer) emit(k segKind, s string) {
	if s == "" {
		return
	}
	if n := len(lx.out); n == 0 || lx.out[n-1].kind != k {
		lx.flush()
		lx.out = append(lx.out, seg{kind: k})
	}
	lx.cur.WriteString(s)
}

// flush sets the last segment's text from cur.
func (lx *lexer) flush() {
	if n := len(lx.out); n > 0 && lx.cur.Len() > 0 {
		lx.out[n-1].text = lx.cur.String()
		lx.cur.Reset()
	}
}

func (lx *lexer) runeAt(i int) rune {
	if i < len(lx.atoms) && lx.atoms[i].kind == atomRune {
		return lx.atoms[i].r
	}
	return -1
}

func (lx *lexer) run() {
	for lx.i < len(lx.atoms) {
		r := lx.runeAt(lx.i)
		switch {
		case r == '\n':
			lx.emit(segText, "\n")
			lx.i++
			lx.expect = true
			lx.skipValue = false
			lx.bodies()
		case r == ' ' || r == '\t':
			lx.emit(segText, string(r))
			lx.i++
		case r == '\\' && lx.runeAt(lx.i+1) == '\n':
			// A line continuation: the command goes on.
			lx.emit(segText, "\\\n")
			lx.i += 2
		case r == '#':
			start := lx.i
			for lx.i < len(lx.atoms) && lx.runeAt(lx.i) != '\n' {
				lx.i++
			}
			lx.emit(segComment, lx.textOf(start, lx.i))
		case r == '&' && lx.runeAt(lx.i+1) == '>':
			// &> file: a redirection, not a control operator.
			lx.emit(segText, "&>")
			lx.i += 2
			lx.skipValue = true
		case r == '|' || r == '&' || r == ';' || r == '(':
			lx.emit(segText, string(r))
			lx.i++
			lx.expect = true
			lx.skipValue = false
			lx.valueFlags = nil
		case r == ')':
			lx.emit(segText, ")")
			lx.i++
			lx.expect = false
		default:
			lx.word()
		}
	}
}

func (lx *lexer) textOf(from, to int) string {
	var b strings.Builder
	for _, a := range lx.atoms[from:to] {
		b.WriteString(a.text(lx.mode))
	}
	return b.String()
}

// word reads one word, up to unquoted blank space, a newline or a control
// operator, and styles it by its place in the command.
func (lx *lexer) word() {
	start := lx.i
	var quote rune
	for lx.i < len(lx.atoms) {
		r := lx.runeAt(lx.i)
		if quote != 0 {
			switch {
			case r == '\\' && quote == '"':
				lx.i += 2
				continue
			case r == quote:
				quote = 0
			}
			lx.i++
			continue
		}
		switch r {
		case '\'', '"', '`':
			quote = r
		case '\\':
			if lx.runeAt(lx.i+1) == '\n' {
				goto done
			}
			lx.i += 2
			continue
		case ' ', '\t', '\n', '|', ';', '(', ')':
			goto done
		case '&':
			// 2>&1 and >&2 are redirections.
			if p := lx.runeAt(lx.i - 1); lx.i == start || (p != '>' && p != '<') {
				goto done
			}
		}
		lx.i++
	}
done:
	if lx.i > len(lx.atoms) {
		lx.i = len(lx.atoms)
	}
	lx.classify(start, lx.i)
}

func (lx *lexer) classify(from, to int) {
	atoms := lx.atoms[from:to]
	lit := lx.textOf(from, to)
	first := atoms[0]
	switch {
	case lx.wantDelim != nil:
		lx.wantDelim.delim = unquote(lit)
		lx.heredocs = append(lx.heredocs, *lx.wantDelim)
		lx.wantDelim = nil
		lx.paint(atoms, segText)
	case lx.skipValue:
		lx.skipValue = false
		lx.paint(atoms, segText)
	case isRedirection(lit):
		lx.redirection(lit)
		lx.paint(atoms, segText)
	case first.kind == atomOption && strings.HasPrefix(first.value, "-"),
		first.kind == atomRune && first.r == '-' && len(atoms) > 1:
		lx.flag(atoms, lit)
	case lx.expect && isAssignment(lit):
		lx.paint(atoms, segText)
	case lx.expect && keywordsThenCommand[lit]:
		lx.paint(atoms, segText)
	case lx.expect && keywordsThenArgs[lit]:
		lx.expect = false
		lx.paint(atoms, segText)
	case lx.expect:
		lx.paint(atoms, segProgram)
		lx.valueFlags = wrappers[programName(lit)]
		lx.expect = lx.valueFlags != nil
	default:
		lx.paint(atoms, segText)
	}
}

// flag styles an option; the value of --name=value is not part of it.
func (lx *lexer) flag(atoms []atom, lit string) {
	if lx.expect && lx.valueFlags != nil && lx.valueFlags[lit] {
		lx.skipValue = true
	}
	for i, a := range atoms {
		if a.kind == atomRune && a.r == '=' {
			lx.paint(atoms[:i], segFlag)
			lx.paint(atoms[i:], segText)
			return
		}
	}
	lx.paint(atoms, segFlag)
}

// paint emits atoms in style k; placeholders keep their own style.
func (lx *lexer) paint(atoms []atom, k segKind) {
	for _, a := range atoms {
		switch {
		case a.kind == atomValue:
			lx.emit(segPlaceholder, a.text(lx.mode))
		case a.kind == atomOption && k != segFlag && strings.HasPrefix(a.value, "-"):
			lx.emit(segFlag, a.text(lx.mode))
		default:
			lx.emit(k, a.text(lx.mode))
		}
	}
}

// redirection notes what a redirection word means for the words after it:
// a lone operator is followed by its target, a heredoc by a body.
func (lx *lexer) redirection(lit string) {
	op := strings.TrimLeft(lit, "0123456789")
	switch {
	case strings.HasPrefix(op, "<<<"):
		if op == "<<<" {
			lx.skipValue = true
		}
	case strings.HasPrefix(op, "<<"):
		h := heredoc{}
		rest := op[2:]
		if strings.HasPrefix(rest, "-") {
			h.tabs, rest = true, rest[1:]
		}
		if rest == "" {
			lx.wantDelim = &h
			return
		}
		h.delim = unquote(rest)
		lx.heredocs = append(lx.heredocs, h)
	case strings.TrimRight(op, "<>&|") == "":
		lx.skipValue = true
	}
}

// bodies emits the heredoc bodies that start on this line, up to and
// including each closing delimiter, as text.
func (lx *lexer) bodies() {
	for len(lx.heredocs) > 0 {
		h := lx.heredocs[0]
		lx.heredocs = lx.heredocs[1:]
		for lx.i < len(lx.atoms) {
			start := lx.i
			for lx.i < len(lx.atoms) && lx.runeAt(lx.i) != '\n' {
				lx.i++
			}
			line := lx.textOf(start, lx.i)
			if lx.i < len(lx.atoms) {
				lx.i++ // the newline
			}
			lx.emit(segText, lx.textOf(start, lx.i))
			if h.tabs {
				line = strings.TrimLeft(line, "\t")
			}
			if line == h.delim {
				break
			}
		}
	}
}

func isRedirection(w string) bool {
	w = strings.TrimLeft(w, "0123456789")
	return strings.HasPrefix(w, "<") || strings.HasPrefix(w, ">")
}

func isAssignment(w string) bool {
	name, _, ok := strings.Cut(w, "=")
	if !ok || name == "" {
		return false
	}
	for i, r := range name {
		if r != '_' && !unicode.IsLetter(r) && (i == 0 || !unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

// programName is the command name of a program word: /usr/bin/sudo and
// "sudo" are sudo.
func programName(w string) string {
	w = unquote(w)
	if i := strings.LastIndexByte(w, '/'); i >= 0 {
		w = w[i+1:]
	}
	return w
}

func unquote(w string) string {
	return strings.NewReplacer(`'`, "", `"`, "", `\`, "").Replace(w)
}
