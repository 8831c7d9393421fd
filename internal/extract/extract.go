// Package extract finds the shell commands in free-form notes: plain text,
// markdown, runbooks and pasted blog posts, with or without code fences.
//
// Every candidate is parsed with a real shell parser (mvdan.cc/sh) and its
// program judged against the programs that exist, with evidence such as
// flags, operators and technical arguments; the text around it (a fence, a
// prompt, a comment, neighbouring commands) decides the borderline cases.
// The best description the text offers travels with each command: its
// trailing comment, the comment above it, the numbered step or sentence
// that introduces it, or the heading it sits under.
package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/howcli/how/internal/snippet"
)

// Version changes whenever what Text returns for the same note changes, so
// that indexes built from notes are rebuilt.
const Version = "4"

// Text returns the commands found in one note. source names the note in each
// snippet (its path as the user gave it); Origin is left for the caller.
func Text(source string, data []byte) []snippet.Snippet {
	return Read(source, data).snips
}

// maxSpan bounds how many lines one command may take (a heredoc, a quoted
// SQL script), so that an unbalanced quote cannot swallow a whole note.
const (
	maxSpan      = 200
	maxCompound  = 60
	maxLineBytes = 4096
)

type itemKind int

const (
	itemBlank itemKind = iota
	itemHeading
	itemSeparator // a new post or page begins: headings no longer apply
	itemTagLine
	itemComment
	itemCommand
	itemStep
	itemProse
	itemOther // code or output that is not a command: YAML, keywords, tables
)

type item struct {
	kind  itemKind
	line  int // first line, 1-based
	text  string
	level int // heading level, 1 = the note's title
	v     verdict
	// Where a command stands: after a prompt, in a shell fence or indented
	// block, in a script after a shebang, or inside a sentence.
	prompt, code, script, inline bool
	shellCode                    bool   // in a code block that says it holds shell
	split                        bool   // one side of a line split at an arrow or a column gap
	glued                        bool   // found fused to the word before it (see glued)
	block                        int    // the code block it is in (see role)
	shell                        bool   // other text that is still shell: keywords, assignments
	desc                         string // the sentence around an inline command
	indent                       int
}

type document struct {
	source     string
	lines      []string
	syntax     markupKind
	markdown   bool // markdown's own syntax applies: # headings, indented code
	rootPrompt bool // "# cmd" lines are root-prompt commands, not comments
	items      []item
	roles      []role // what the markup makes of each line
	blocks     int    // code blocks found by markup
	fences     int    // markdown fence lines
	indented   []bool // in a markdown indented code block
	indentRun  []int  // which run of indented code, counted from 1
	// vocab are the names the note (or its folder) runs as programs:
	// known here, whatever the list of programs says.
	vocab map[string]bool
	// learnt are the names this scan saw run as programs (see learn),
	// learntOnLine those of them run on lines of their own.
	learnt, learntOnLine map[string]bool
	// leadWords counts the lines each word may start a command in (see
	// mentions).
	leadWords map[string]int
	// budget bounds the lines re-parsed while extending commands over
	// several lines, so that a note full of unbalanced quotes stays fast.
	budget int
}

func newDocument(source string, data []byte) *document {
	text := string(data)
	text = strings.TrimPrefix(text, "\uFEFF")
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if strings.Contains(text, "\n") {
		// A lone CR among LF lines is no line break: an editor shows it
		// as ^M on the line it is in, and a snippet's line must be the
		// one the editor opens.
		text = strings.ReplaceAll(text, "\r", "")
	} else {
		// A file of CR lines alone (classic Mac OS) is read as lines, as
		// editors read it.
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	lines := strings.Split(text, "\n")
	d := &document{source: source, lines: lines, budget: 200_000}
	for _, l := range lines {
		if len(l) <= maxLineBytes && fenceRe.MatchString(l) {
			d.fences++
		}
	}
	d.syntax = detectSyntax(source, lines)
	d.markdown = d.syntax == syntaxMarkdown || d.syntax == syntaxPlain && d.fences >= 2
	d.markup()
	d.rootPrompt = d.detectRootPrompt()
	d.markIndented()
	d.markArchives()
	d.markOutput()
	return d
}

var (
	fenceRe     = lazy("^\\s*(```+|~~~+)\\s*(\\{?[\\w+#.-]*\\}?)")
	numberRe    = lazy(`^\s*\d{1,3}\s*$`)
	stepRe      = lazy(`^\s*(?:Step\s+)?(?:\d{1,2}|[IVX]{1,4}|[a-z])[.)]\s+(\S.*)$`)
	numTitleRe  = lazy(`^\d{1,2}\.\s+\S`)
	mdHeadingRe = lazy(`^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$`)
	timestampRe = lazy(`^\s*\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?\s*$`)
	tagLineRe   = lazy(`^[a-z0-9][\w+#.-]*(?:\s+[A-Za-z0-9][\w+#./-]*){1,11}$`)
	shebangRe   = lazy(`^\s*#!\s*/\S*(sh|bash|zsh|ksh|env\s+\w*sh)\b`)
	hrRe        = lazy(`^\s*([-*_=#])(\s*[-*_=#]){2,}\s*$`)
)

// promptRes strip the prompts people paste with their commands.
var promptRes = []*lazyRegexp{
	lazy(`^\s*\$\s+`), // $ cmd
	lazy(`^\s*[\w.-]+@[\w.-]+(?::[^\s$#]*)?\s?[$#]\s+`), // user@host:~$ cmd
	lazy(`^\s*\[[^\]\n]{1,40}\][$#]\s+`),                // [root@host ~]# cmd
	lazy(`^\s*(?:[^\sA-Za-z0-9]{1,4}\s*)?[→➜❯λ»]\s+`),   // 🐳  → cmd, ❯ cmd
	lazy(`^\s*[~/][\w./-]*\s?[#$]\s+`),                  // / # cmd (a container's root shell)
}

func stripPrompt(s string) (string, bool) {
	// Every prompt ends in one of these: most lines have none, and need
	// no regexp.
	if !strings.ContainsAny(s, "$#→➜❯λ»") {
		return s, false
	}
	for _, re := range promptRes {
		if loc := re.FindStringIndex(s); loc != nil {
			return s[loc[1]:], true
		}
	}
	return s, false
}

// detectRootPrompt decides whether a note writes its commands behind a "# "
// root prompt (as Unix Toolbox does) rather than using "#" for comments:
// most of its "# " lines must then read as strong commands.
func (d *document) detectRootPrompt() bool {
	if d.syntax == syntaxScript {
		return false
	}
	total, cmds := 0, 0
	for i, l := range d.lines {
		t := strings.TrimSpace(l)
		if !strings.HasPrefix(t, "# ") || d.roles[i].lang == langOther {
			continue
		}
		total++
		if judge(strings.TrimSpace(t[2:]), judgeOpts{}).strength == strongCommand {
			cmds++
		}
	}
	return total >= 5 && cmds*2 >= total
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

func indentOf(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case ' ':
			n++
		case '\t':
			n += 4
		default:
			return n
		}
	}
	return n
}

// continued reports whether a line ends in an unescaped backslash.
func continued(s string) bool {
	s = strings.TrimRight(s, " \t")
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// join glues physical lines [i, j] into one text, dedented by the first
// line's indentation so that heredoc bodies keep their shape.
func (d *document) join(i, j int) string {
	first := d.lines[i]
	ind := indentOf(first)
	var b strings.Builder
	b.WriteString(strings.TrimSpace(first))
	for k := i + 1; k <= j; k++ {
		b.WriteByte('\n')
		l := strings.TrimRight(d.lines[k], " \t")
		if indentOf(l) >= ind && ind > 0 {
			l = trimIndent(l, ind)
		}
		b.WriteString(l)
	}
	return b.String()
}

func trimIndent(s string, n int) string {
	i := 0
	for i < len(s) && n > 0 && (s[i] == ' ' || s[i] == '\t') {
		if s[i] == '\t' {
			n -= 4
		} else {
			n--
		}
		i++
	}
	return s[i:]
}

// scan walks the note once, turning lines into items.
func (d *document) scan() {
	n := len(d.lines)
	script := d.syntax == syntaxScript
	lastTitle := false // the previous heading was a note's title: a tag line may follow
	for i := 0; i < n; {
		raw := d.lines[i]
		r := d.roles[i]
		if len(raw) > maxLineBytes {
			d.add(item{kind: itemOther, line: i + 1})
			i++
			continue
		}
		inCode := r.block > 0
		if r.marker {
			// The line that opens a code block is no break between the
			// block and the comment or sentence above it.
			if i+1 >= n || d.roles[i+1].block == 0 || d.roles[i+1].block == r.block {
				d.add(item{kind: itemBlank, line: i + 1})
			}
			if d.syntax != syntaxScript {
				script = false
			}
			i++
			continue
		}
		if r.lang == langOther || r.data {
			d.add(item{kind: itemOther, line: i + 1, text: strings.TrimSpace(raw)})
			i++
			continue
		}
		if r.heading > 0 {
			d.add(item{kind: itemHeading, line: i + 1, level: r.heading, text: r.title})
			lastTitle, script = false, false
			i++
			continue
		}
		if isBlank(raw) {
			d.add(item{kind: itemBlank, line: i + 1})
			i++
			continue
		}
		// A backslash at the end of a line continues it, whatever it holds.
		j := i
		for continued(d.lines[j]) && j+1 < n && !d.boundary(i, j+1) && j-i < maxSpan {
			j++
		}
		text := d.join(i, j)
		trimmed := strings.TrimSpace(d.lines[i])
		// A block that says it is a terminal session but shows no prompt
		// mixes commands and output: only a sure command counts there.
		layout := !inCode && d.layoutCode(i)
		it := item{line: i + 1, indent: indentOf(raw), code: (inCode || d.indented[i] || layout) && !r.session, script: script,
			shellCode: r.lang == langShell, block: r.block}
		prevBlank := i == 0 || isBlank(d.lines[i-1]) || d.roles[i-1].marker
		nextBlank := j+1 >= n || isBlank(d.lines[j+1]) || d.roles[j+1].marker
		o := judgeOpts{script: script, scriptFile: d.syntax == syntaxScript, shell: r.lang == langShell, vocab: d.vocab,
			layout: layout}

		switch {
		case shebangRe.MatchString(trimmed):
			script = true
			it.kind = itemOther
			d.add(it)
			i = j + 1
			continue
		case !inCode && timestampRe.MatchString(trimmed):
			it.kind = itemSeparator
			d.add(it)
			i = j + 1
			script = false
			continue
		case !inCode && d.markdown && mdHeadingRe.MatchString(raw):
			m := mdHeadingRe.FindStringSubmatch(raw)
			it.kind, it.level, it.text = itemHeading, len(m[1]), clean(m[2])
			d.add(it)
			lastTitle = false
			script = false
			i = j + 1
			continue
		case !inCode && d.markdown && hrRe.MatchString(trimmed):
			it.kind = itemOther
			d.add(it)
			i = j + 1
			continue
		}

		if rest, ok := stripPrompt(text); ok && (!d.rootPrompt || !strings.HasPrefix(trimmed, "#")) {
			it.prompt = true
			po := o
			po.prompt = true
			if end, v, ok := d.command(rest, i, j, po, true); ok {
				it.kind, it.v = itemCommand, v
				d.add(it)
				i = end + 1
				continue
			}
			// A prompt with nothing we can read after it is output or prose.
			it.kind = itemOther
			d.add(it)
			i = j + 1
			continue
		}
		if r.prompts {
			// In a console transcript only prompted lines are commands; the rest
			// is what they printed, or comments.
			if strings.HasPrefix(trimmed, "#") && !d.rootPrompt {
				it.kind, it.text = itemComment, strings.TrimSpace(strings.TrimLeft(trimmed, "#"))
			} else {
				it.kind = itemOther
			}
			d.add(it)
			i = j + 1
			continue
		}
		if inCode && strings.HasPrefix(trimmed, "// ") {
			// Another language's comment, as code blocks often hold.
			it.kind, it.text = itemComment, strings.TrimSpace(trimmed[2:])
			d.add(it)
			i = j + 1
			continue
		}
		if strings.HasPrefix(trimmed, "#") {
			body := strings.TrimSpace(strings.TrimLeft(trimmed, "#"))
			if d.rootPrompt && strings.HasPrefix(trimmed, "# ") {
				rest := strings.TrimPrefix(strings.TrimLeft(text, " \t"), "#")
				if end, v, ok := d.command(strings.TrimLeft(rest, " "), i, j, judgeOpts{prompt: true, vocab: d.vocab}, true); ok {
					it.kind, it.v, it.prompt = itemCommand, v, true
					d.add(it)
					i = end + 1
					continue
				}
			}
			it.kind, it.text = itemComment, body
			d.add(it)
			i = j + 1
			continue
		}

		if !script && (r.lang != langShell && d.splitArrow(text, it) || d.splitColumns(text, it)) {
			i = j + 1
			continue
		}
		codeRecent := inCode || script || d.codeBefore()
		// Text that marks its code inline ("run `make`") is text around
		// that code; a line that carries on a sentence from the line above
		// is that sentence.
		// (An odd number of backquotes: a code span that starts or ends
		// on another line.)
		whole := inCode || script || (d.syntax == syntaxPlain && !d.markdown ||
			len(d.spans(trimmed)) == 0 && strings.Count(trimmed, "`")%2 == 0) && !d.continuesSentence(i, j)
		if end, v, ok := d.command(text, i, j, o, codeRecent); whole && ok {
			it.kind, it.v = itemCommand, v
			d.add(it)
			i = end + 1
			lastTitle = false
			continue
		}
		v := judge(text, o)
		if v.control || v.assignOnly || (script && v.header) {
			it.kind, it.shell = itemOther, true
			d.add(it)
			i = j + 1
			continue
		}

		// Not a command: a heading, a tag line, a step, prose or other text.
		switch {
		case lastTitle && tagLineRe.MatchString(trimmed) && !strings.ContainsAny(trimmed, ".,;:"):
			it.kind, it.text = itemTagLine, trimmed
			lastTitle = false
		case numberRe.MatchString(trimmed):
			it.kind, it.text = itemOther, trimmed
		case prevBlank && nextBlank && !inCode && d.syntax == syntaxPlain && !d.markdown && headingText(trimmed) && it.indent == 0:
			it.kind, it.text, it.level = itemHeading, clean(trimmed), 3
			switch {
			case d.prevNumber(i):
				it.level = 1 // a note's title under its number
				lastTitle = true
			case d.firstLine(i), numTitleRe.MatchString(trimmed):
				it.level = 2 // the page's own title, or a numbered chapter
			}
			script = false
		case stepRe.MatchString(trimmed) && !inCode:
			it.kind, it.text = itemStep, stepRe.FindStringSubmatch(trimmed)[1]
			script = false
		case prose(trimmed):
			it.kind, it.text = itemProse, trimmed
			if d.syntax != syntaxScript {
				script = false
			}
		default:
			it.kind, it.text = itemOther, trimmed
			if !inCode && !d.markdown && script && !looksShell(trimmed) && d.syntax != syntaxScript {
				script = false
			}
		}
		d.add(it)
		if !inCode && (it.kind == itemProse || it.kind == itemStep || it.kind == itemOther || it.kind == itemHeading) {
			d.inline(trimmed, i+1, it.indent, it.kind == itemProse || it.kind == itemStep)
		}
		i = j + 1
	}
}

// layoutCode reports whether line i of a plain-text note is set out as
// code: indented under the line that introduces it (right under it, or
// after a blank line below one that ends in a colon), or in a run of
// such lines.
func (d *document) layoutCode(i int) bool {
	if d.markdown || d.syntax != syntaxPlain || indentOf(d.lines[i]) < 2 {
		return false
	}
	ind := indentOf(d.lines[i])
	k := i - 1
	for k >= 0 && isBlank(d.lines[k]) {
		k--
	}
	if k < 0 {
		return false
	}
	switch {
	case indentOf(d.lines[k]) == ind:
		// the run goes on, if it started as one
		for k >= 0 && (isBlank(d.lines[k]) || indentOf(d.lines[k]) == ind) {
			k--
		}
		return k >= 0 && indentOf(d.lines[k]) < ind && strings.HasSuffix(strings.TrimSpace(d.lines[k]), ":")
	case indentOf(d.lines[k]) < ind:
		intro := strings.TrimSpace(d.lines[k])
		// Right under a short sentence that says what it does ("take a
		// snapshot before upgrades"), or after one that ends in a colon.
		// (A list item's own lines hang right under it: no code.)
		if k == i-1 && bulletRe.MatchString(d.lines[k]) {
			return false
		}
		return strings.HasSuffix(intro, ":") || k == i-1 && prose(intro) && len(strings.Fields(intro)) <= 12
	}
	return false
}

// continuesSentence reports whether lines [i, j] carry on the sentence of
// the line above, which it leaves unfinished: they end in the punctuation
// of a sentence, or have its words ("as \"confidential\".", "changes in
// the same PR; this includes reformatting").
func (d *document) continuesSentence(i, j int) bool {
	if i == 0 || j != i || len(d.items) == 0 {
		return false
	}
	prev := d.items[len(d.items)-1]
	// A list item's sentence goes on under it, indented past its mark.
	item := prev.kind == itemStep || bulletRe.MatchString(d.lines[i-1])
	if prev.kind != itemProse && prev.kind != itemStep || prev.line != i || indentOf(d.lines[i]) > prev.indent+1 && !item {
		return false
	}
	if strings.ContainsAny(prev.text[len(prev.text)-1:], ":.!?") {
		return false
	}
	t := strings.TrimSpace(d.lines[i])
	if !continuesWord(t) {
		return false // a new sentence, or no sentence
	}
	if strings.ContainsAny(t[len(t)-1:], ".,;") && !strings.HasSuffix(t, "..") {
		return true
	}
	v := judge(t, judgeOpts{vocab: d.vocab})
	return v.flags == 0 && v.stops > 0
}

// continuesWord reports whether a line starts as the rest of a sentence
// does: with a word in lower case (or a dotfile's name, or code), not a
// capital that starts a sentence or a mark that starts a list.
func continuesWord(s string) bool {
	r := firstRune(s)
	return unicode.IsLower(r) || r == '.' && len(s) > 1 && s[1] != '.' || r == '`'
}

// boundary reports whether line k lies beyond the block line i is in, so
// that a command starting at i cannot take it: a fence or directive, or
// another code block.
func (d *document) boundary(i, k int) bool {
	return d.roles[k].marker || d.roles[k].block != d.roles[i].block || d.roles[k].heading > 0
}

func (d *document) add(it item) { d.items = append(d.items, it) }

// command judges text starting at physical lines [i, j] and, when the shell
// wants more input, extends it over the following lines. It returns the last
// line used.
func (d *document) command(text string, i, j int, o judgeOpts, codeRecent bool) (int, verdict, bool) {
	v := judge(text, o)
	if v.incomplete {
		// A script file's functions and loops are kept whole; in a note, a
		// script's lines are shown one by one, each a command of its own.
		if v.header && (o.script && d.syntax != syntaxScript || !codeRecent) {
			return j, v, false
		}
		limit := maxSpan
		if v.header {
			limit = maxCompound
		}
		for k := j + 1; k < len(d.lines) && k-i <= limit && d.budget > 0; k++ {
			if d.boundary(i, k) {
				break
			}
			line := strings.TrimRight(trimIndent(d.lines[k], indentOf(d.lines[i])), " \t")
			text += "\n" + line
			if !mayClose(line) {
				continue
			}
			d.budget -= strings.Count(text, "\n")
			v = judge(text, o)
			if !v.incomplete {
				if v.strength == notCommand || v.header {
					return j, v, false
				}
				return k, v, true
			}
		}
		return j, v, false
	}
	if v.strength == notCommand || v.control || v.assignOnly {
		return j, v, false
	}
	return j, v, true
}

// mayClose reports whether a line could end what an earlier line opened: a
// quote, a heredoc's delimiter, a closing keyword or bracket.
func mayClose(line string) bool {
	if strings.ContainsAny(line, "'\"`)}") {
		return true
	}
	t := strings.TrimSpace(line)
	w, _, _ := strings.Cut(t, " ")
	switch w {
	case "done", "fi", "esac", "}", "};", ")":
		return true
	}
	return t != "" && !strings.ContainsAny(t, " \t")
}

// codeBefore reports whether the last non-blank item was a command or a
// comment, which makes the next line likely code too.
func (d *document) codeBefore() bool {
	for k := len(d.items) - 1; k >= 0; k-- {
		switch d.items[k].kind {
		case itemBlank:
			continue
		case itemCommand, itemComment:
			return true
		case itemOther:
			return d.items[k].shell
		}
		return false
	}
	return false
}

// markIndented finds markdown's indented code blocks: lines four spaces in,
// after a blank line or another such line.
func (d *document) markIndented() {
	d.indented = make([]bool, len(d.lines))
	d.indentRun = make([]int, len(d.lines))
	if !d.markdown {
		return
	}
	prevBlank, prevCode, runs := true, false, 0
	for i, l := range d.lines {
		if isBlank(l) {
			prevBlank = true
			continue
		}
		d.indented[i] = indentOf(l) >= 4 && !bulletRe.MatchString(l) && (prevBlank || i > 0 && d.indented[i-1])
		if d.indented[i] && d.roles[i].block == 0 {
			if !prevCode {
				runs++
			}
			d.indentRun[i] = runs
		}
		prevBlank, prevCode = false, d.indented[i]
	}
}

func (d *document) firstLine(i int) bool {
	for k := 0; k < i && k < len(d.lines); k++ {
		if !isBlank(d.lines[k]) {
			return false
		}
	}
	return true
}

func (d *document) prevNumber(i int) bool {
	for k := i - 1; k >= 0 && k >= i-50; k-- {
		if isBlank(d.lines[k]) {
			continue
		}
		return numberRe.MatchString(d.lines[k])
	}
	return false
}

// headingText reports whether a line reads like a heading: short, no
// sentence punctuation at its end, starting with a capital or a number.
func headingText(s string) bool {
	if len(s) > 80 || len(strings.Fields(s)) > 10 || strings.Contains(s, ", ") {
		return false
	}
	r := firstRune(s)
	if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127) {
		return false
	}
	switch s[len(s)-1] {
	case '.', ',', ';', ':', '!':
		return false
	}
	return true
}

// prose reports whether a line is mostly words.
func prose(s string) bool {
	words := strings.Fields(clean(s))
	if len(words) < 3 {
		return false
	}
	alpha := 0
	for _, w := range words {
		if isWord(strings.TrimRight(w, ",.;:!?)\"'")) {
			alpha++
		}
	}
	return alpha*10 >= len(words)*6
}

// looksShell reports whether a line that is not a command still belongs to
// shell code (a keyword, a closing brace, a case pattern).
func looksShell(s string) bool {
	w, _, _ := strings.Cut(s, " ")
	switch w {
	case "fi", "done", "esac", "else", "elif", "then", "do", "}", "{", ";;", ")", "};":
		return true
	}
	return strings.HasSuffix(s, ")") && !strings.Contains(s, " ") || strings.HasSuffix(s, "{") || strings.HasSuffix(s, ";;")
}

// snippets walks the items in order, keeping track of the headings, comments
// and sentences that describe what follows them.
func (d *document) snippets() []snippet.Snippet {
	// Flag definitions apply to the whole section they appear in, before
	// or after the commands.
	glossaries := []glossary{{}}
	// The programs the note runs on lines of their own, which a command
	// glued to a word must name.
	ran := map[string]bool{}
	for _, it := range d.items {
		switch it.kind {
		case itemCommand:
			if !it.glued && it.v.strength != notCommand {
				ran[it.v.tool] = true
			}
		case itemHeading, itemSeparator:
			glossaries = append(glossaries, glossary{})
		case itemProse, itemOther, itemStep:
			flagMeanings(it.text, glossaries[len(glossaries)-1])
		}
	}
	scope := 0
	var (
		out          []snippet.Snippet
		headings     [7]string
		tags         []string
		commentAbove string
		intro        string
		introLine    int // the line intro ends on
		step         string
		stepIndent   int
		groupHasCmd  bool
		// header is a comment that heads a block of commented commands
		// ("# PostgreSQL backup example" above "# Full backup").
		header string
		seen   = map[string]bool{}
	)
	for idx, it := range d.items {
		switch it.kind {
		case itemBlank:
			commentAbove = ""
			if groupHasCmd {
				intro = ""
			}
			groupHasCmd = false
		case itemSeparator:
			scope++
			headings = [7]string{}
			tags, intro, step, commentAbove, header = nil, "", "", "", ""
		case itemHeading:
			scope++
			headings[it.level] = it.text
			for l := it.level + 1; l < len(headings); l++ {
				headings[l] = ""
			}
			if it.level == 1 {
				tags = nil
			}
			intro, step, commentAbove, header = "", "", "", ""
		case itemTagLine:
			tags = strings.Fields(strings.ToLower(it.text))
		case itemComment:
			// A commented-out command describes nothing.
			if informative(it.text) && judge(it.text, judgeOpts{prompt: true}).strength == notCommand {
				commentAbove = it.text
				// A script's opening comment says what the whole script
				// does, not what its first commands do.
				if d.headsBlock(idx) && d.syntax != syntaxScript {
					header = it.text
				}
			}
		case itemStep:
			step, stepIndent, intro, commentAbove, header = it.text, it.indent, "", "", ""
		case itemProse:
			commentAbove, header = "", ""
			// A sentence that introduces a list ("If something goes wrong:")
			// outlives a line of the list that carries its own command.
			if !(strings.HasSuffix(intro, ":") && d.inlineFollows(idx)) {
				// A sentence wrapped over lines is one text: its last
				// sentence, from wherever it starts.
				if intro != "" && introLine == it.line-1 && !strings.ContainsAny(intro[len(intro)-1:], ".!?:") &&
					continuesWord(it.text) {
					intro = lastSentence(intro + " " + it.text)
				} else {
					intro = it.text
				}
				introLine = it.line
			}
			if it.indent <= stepIndent {
				step = ""
			}
		case itemCommand:
			if it.v.strength == notCommand || (it.v.strength == weakCommand && !d.codeContext(idx, commentAbove != "")) ||
				it.glued && !ran[it.v.tool] {
				continue
			}
			groupHasCmd = true
			d.learn(it)
			desc := ""
			for i, c := range []string{it.v.comment, it.desc, commentAbove, step, intro, deepest(headings)} {
				if c = describe(c); informative(c) {
					desc = c
					// A terse comment ("Full backup") reads better with the
					// comment heading its block.
					if h := describe(header); (i == 0 || i == 2) && h != "" && h != c && len(strings.Fields(c)) <= 3 {
						desc = h + ": " + c
					}
					break
				}
			}
			cmd := it.v.command
			key := cmd + "\x00" + itoa(it.line)
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, snippet.Snippet{
				Command:     cmd,
				Description: truncate(desc, 240),
				Tool:        it.v.tool,
				Tags:        append(snippetTags(tags, headings, header), flagTags(cmd, glossaries[scope])...),
				Section:     section(headings),
				Source:      d.source,
				Line:        it.line,
				Origin:      snippet.OriginNotes,
			})
		}
	}
	return out
}

// headsBlock reports whether the comment at idx opens a block: it follows
// no comment or command and another comment follows it directly.
func (d *document) headsBlock(idx int) bool {
	if idx+1 >= len(d.items) || d.items[idx+1].kind != itemComment {
		return false
	}
	for k := idx - 1; k >= 0; k-- {
		switch d.items[k].kind {
		case itemBlank:
			continue
		case itemComment, itemCommand:
			return false
		}
		return true
	}
	return true
}

// inlineFollows reports whether the item after idx is a command found inside
// idx's own line.
func (d *document) inlineFollows(idx int) bool {
	return idx+1 < len(d.items) && d.items[idx+1].inline && d.items[idx+1].line == d.items[idx].line
}

// codeContext reports whether the text around a borderline command says it
// is code: a prompt, a fence, a script, a comment, or a command next to it.
func (d *document) codeContext(idx int, commentAbove bool) bool {
	it := d.items[idx]
	if it.prompt || it.code || it.script || it.split || it.v.comment != "" || commentAbove {
		return true
	}
	// A numbered step or a sentence ending in a colon right above it
	// introduces a command.
	if idx > 0 {
		prev := d.items[idx-1]
		if prev.kind == itemStep || prev.kind == itemProse && strings.HasSuffix(prev.text, ":") {
			return true
		}
	}
	for _, k := range []int{idx - 1, idx + 1} {
		if k < 0 || k >= len(d.items) {
			continue
		}
		nb := d.items[k]
		if nb.kind == itemCommand && nb.v.strength == strongCommand && !nb.inline {
			return true
		}
	}
	return false
}

// section names where a snippet sits: the outermost heading in force.
func section(h [7]string) string {
	for _, s := range h[1:] {
		if s != "" {
			return s
		}
	}
	return ""
}

func deepest(h [7]string) string {
	for l := len(h) - 1; l >= 1; l-- {
		if h[l] != "" {
			return h[l]
		}
	}
	return ""
}

// snippetTags are the note's tag line and the headings below its section.
func snippetTags(tags []string, h [7]string, header string) []string {
	out := append([]string(nil), tags...)
	if header = describe(header); header != "" {
		out = append(out, strings.ToLower(header))
	}
	sec := section(h)
	for _, s := range h[1:] {
		if s != "" && s != sec {
			out = append(out, strings.ToLower(s))
		}
	}
	if out == nil {
		out = []string{}
	}
	return out
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndex(s[:n], " ")
	if cut < n/2 {
		cut = n
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return string(b[i:])
}
