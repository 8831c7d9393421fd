// Package cheat reads cheat sheets in the format of cheat/cheat and its
// community collection cheat/cheatsheets: files without an extension under
// a "cheatpath", named by their path in it ("tar", "vim-plugins/vim-fzf"),
// optionally opening with YAML front matter (tags, syntax), and otherwise
// free text that by convention is blocks of "# To do something:" comment
// lines over the command lines that do it, blocks separated by blank lines.
//
// cheat itself never splits a sheet: it prints it whole, and `cheat -s`
// matches paragraphs. To index a sheet, each block becomes snippets: the
// comment above is the description; the command lines are alternatives
// ("tar -xzvf foo.tgz" and "tar -xzvf foo.tar.gz" under "To extract a .tgz
// or .tar.gz archive"), each its own snippet, unless lines belong together
// as one command: a backslash continuation, an indented continuation, or a
// shell construct the shell parser says is not finished yet (a for loop, a
// heredoc, a quote spanning lines).
//
// Sheets also hold what is not to be run: paragraphs of advice, lists of
// what a program's states mean, a program's example output. Each snippet-
// to-be is judged by the extractor's own judge (extract.Judge), as a line
// of a note would be, and what is prose or output is left out and counted
// (Sheet.Skipped); lines in another program's language (an editor's keys,
// a debugger's commands) stay, since cheat sheets are about those too.
package cheat

import (
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/howcli/how/internal/extract"
	"github.com/howcli/how/internal/frontmatter"
	"github.com/howcli/how/internal/sheet"
	"github.com/howcli/how/internal/snippet"
)

// Sheet is one cheat sheet as read.
type Sheet struct {
	// Title is the sheet's name: its path relative to the cheatpath, with
	// "/" between folders.
	Title string
	// Tags and Syntax come from the front matter.
	Tags   []string
	Syntax string
	// Snippets are the sheet's commands in sheet order; Origin is left
	// for the caller.
	Snippets []snippet.Snippet
	// Blocks counts the runs of consecutive lines that are neither blank
	// nor comments (after the front matter): the units cheat/cheatsheets
	// is counted in. Lines counts the lines of those that are commands,
	// and Skipped the would-be snippets that are not (prose, program
	// output), SkippedLines their lines: Lines + SkippedLines is every
	// line of the blocks. A multi-line snippet holds several lines of one
	// block, so there are fewer snippets than lines.
	Blocks, Lines         int
	Skipped, SkippedLines int
}

// Problem is something wrong at one line of a sheet (1-based; 0 for the
// whole sheet). Problems never stop a parse: the rest is still read.
type Problem = sheet.Problem

// Parse reads a cheat sheet. name is the file's path as the caller knows it
// and becomes each snippet's Source; title is the sheet's name in its
// cheatpath (empty: the file's base name). Parse never panics; malformed
// front matter is reported and the body is still read.
func Parse(name, title string, data []byte) (Sheet, []Problem) {
	if title == "" {
		title = path.Base(filepath.ToSlash(name))
	}
	p := &parser{sheet: Sheet{Title: title}, name: name}
	lines := sheet.SplitLines(data)
	i := 0
	if len(lines) > 0 && frontmatter.Opens(lines[0]) {
		front, body, problems := frontmatter.Read(lines)
		for _, fp := range problems {
			p.problem(fp.Line, fp.Msg)
		}
		p.sheet.Tags = dedupe(front.Tags)
		p.sheet.Syntax = front.Syntax
		i = body
		if body == 1 {
			// Never closed: cheat refuses the sheet. Its "key: value"
			// lines are no commands, so they are skipped, and the rest
			// is read.
			for i < len(lines) && yamlish.MatchString(lines[i]) {
				i++
			}
		}
	}
	p.shell = isShell(p.sheet.Syntax)
	p.judge = newJudge(len(data))
	p.run(lines, i)
	p.finish()
	return p.sheet, p.problems
}

// yamlish matches a front matter line: "key: value" or a list item.
var yamlish = regexp.MustCompile(`^(?:[A-Za-z_][\w-]*:(?:\s|$)|\s+-\s)`)

// shells are the front matter syntax values whose sheets are shell: their
// lines are judged with the shell parser. A sheet without syntax is judged
// too, carefully (see grouping); one in another language (vim, python,
// sql, ...) only by backslashes and indentation.
var shells = map[string]bool{"": true, "bash": true, "sh": true, "shell": true, "zsh": true, "ksh": true, "console": true, "shell-session": true}

func isShell(syntax string) bool { return shells[strings.ToLower(strings.TrimSpace(syntax))] }

type line struct {
	n    int // 1-based
	text string
}

type parser struct {
	name     string
	sheet    Sheet
	problems []Problem
	shell    bool
	judge    *judge
	// comment is the comment run waiting for the block below it; blocks
	// are the blocks read, judged, and waiting for the sheet's end.
	comment []string
	blocks  []block
}

func (p *parser) problem(line int, msg string) {
	p.problems = append(p.problems, Problem{Line: line, Msg: msg})
}

func (p *parser) run(lines []string, from int) {
	var block []line
	commentOpen := false // the last non-blank line was a comment
	flush := func() {
		if len(block) > 0 {
			p.block(block)
			block = nil
		}
	}
	for i := from; i < len(lines); i++ {
		raw := strings.TrimRight(lines[i], " \t")
		t := strings.TrimSpace(raw)
		if t == "" {
			flush()
			commentOpen = false
			continue
		}
		if strings.HasPrefix(t, "#") {
			// A comment indented under a command line (a comment inside a
			// loop's body, a "# ^D" typed into cat) or inside a heredoc
			// is part of the command; any other comment starts a new
			// description.
			if len(block) > 0 && p.commentInside(block, raw) {
				block = append(block, line{i + 1, raw})
				continue
			}
			flush()
			if !commentOpen {
				p.comment = nil
			}
			p.comment = append(p.comment, t)
			commentOpen = true
			continue
		}
		commentOpen = false
		block = append(block, line{i + 1, raw})
	}
	flush()
}

// commentInside reports whether a "#" line belongs to the command lines
// above it rather than starting a description: it is indented deeper than
// them, or they are shell left unfinished, by a heredoc (whose body may
// hold "#" lines at any indentation) or by a construct the comment is
// indented into.
func (p *parser) commentInside(block []line, raw string) bool {
	if indent(raw) > indent(block[0].text) {
		return true
	}
	if !p.shell || !startsLikeCommand(block[0].text) {
		return false
	}
	// The command the comment would be inside started at most maxSpan
	// lines above.
	tail := texts(block[max(0, len(block)-maxSpan):])
	if raw[0] != '#' || strings.Contains(strings.Join(tail, "\n"), "<<") {
		return p.judge.incomplete(tail)
	}
	return false
}

// block judges one run of command lines, to be turned into snippets when
// the whole sheet has been read (see finish).
func (p *parser) block(lines []line) {
	b := block{desc: describe(p.comment)}
	p.comment = nil
	for i := 0; i < len(lines); {
		j := p.groupEnd(lines, i)
		b.entries = append(b.entries, p.entry(lines[i:j]))
		i = j
	}
	p.blocks = append(p.blocks, b)
}

// block is one run of lines with what the comment right above it says
// ("" when there is none).
type block struct {
	desc    string
	entries []entry
}

// entry is what one line, or the lines of one command, turned out to be.
type entry struct {
	line, lines int
	kind        kind
	// command is the lines as written (a prompt before a single line
	// left out); bare is the same without the comment trailing a single
	// line, which comment holds, described.
	command, bare, comment string
	// intro is the prose right above, described, for an entry that has
	// no comment.
	intro string
	// defined: bare and comment are a key and its meaning, written side
	// by side (see keyMeaning), which never go on a command line together.
	defined bool
}

type kind int

const (
	// shellCommand is a command as the extractor judges a note's line.
	shellCommand kind = iota
	// otherCode is no shell and no prose: an editor's keys, another
	// program's commands, a legend, program output.
	otherCode
	// prose is there to be read: a sentence, a caption, a rule.
	prose
)

// entry judges the lines of one command as the extractor judges a line of
// a note. A sheet that says it is in another language is not the shell
// judge's to judge: its lines are all otherCode.
func (p *parser) entry(group []line) entry {
	e := entry{line: group[0].n, lines: len(group), kind: otherCode, command: dedent(group)}
	e.bare = e.command
	if p.shell {
		// The shell would read a "<key ID>" placeholder as redirections:
		// it is made a word of the same length, so that what the judge
		// returns maps back onto the command as written.
		masked := docopt.ReplaceAllStringFunc(e.command, func(m string) string {
			return "<" + strings.Repeat("x", len(m)-2) + ">"
		})
		v := extract.Judge(masked, path.Base(p.sheet.Title))
		// One line's prompt ("$ git clone x") is no part of its command,
		// and the trailing comment the judge finds may become its
		// description.
		at := strings.Index(masked, v.Text)
		if len(group) == 1 && at >= 0 {
			e.command = e.command[at:]
			e.bare = e.command
		}
		switch {
		case v.Command:
			e.kind = shellCommand
			if len(group) == 1 && at >= 0 && v.Comment != "" {
				e.bare = e.command[:len(v.Text)]
				e.comment = describe([]string{v.Comment})
			}
			return e
		case len(group) > 1:
			// Lines continuing the first are what the first is: "HUD"
			// over the keys of a mode, a caption over its example.
			head := extract.Judge(masked[:strings.IndexByte(masked, '\n')], path.Base(p.sheet.Title))
			if head.Prose && !definition(group[0].text) {
				e.kind = prose
				return e
			}
		case v.Prose && !definition(group[0].text):
			e.kind = prose
			return e
		}
	}
	if len(group) == 1 {
		if c := trailingComment(e.command); c != "" {
			e.comment = c
			e.bare = strings.TrimRight(e.command[:strings.LastIndex(e.command, " # ")], " \t")
		} else if key, _, ok := keyMeaning(e.command); ok && p.shell && strings.HasPrefix(key, "-") {
			// A shell program's sheet listing its options ("-t7z    7z
			// archive") gives a legend, not a command: no shell runs
			// "-t7z".
			e.kind = prose
		} else if key, meaning, ok := keyMeaning(e.command); ok {
			// What is typed is the command; what it does, beside it,
			// says so as a trailing comment would. Whole, the line put
			// its meaning in the command: inserted on a command line, or
			// matched as if it were typed.
			e.bare, e.comment, e.defined = key, meaning, true
		}
	}
	return e
}

// keyMeaning splits a two-column definition ("2dw         deletes 2 words",
// ":bd 2    - deletes buffer 2") into what is typed and what it does. A
// line of three columns or more is a table row or a program's output, and
// what is typed is a key or a short command, never a sentence.
func keyMeaning(l string) (key, meaning string, ok bool) {
	t := strings.TrimSpace(l)
	gaps := columns.FindAllStringIndex(t, 2)
	if len(gaps) != 1 {
		return "", "", false
	}
	key = strings.TrimSpace(t[:gaps[0][0]+1])
	meaning = strings.TrimSpace(t[gaps[0][0]+1:])
	for _, sep := range []string{"- ", "-- ", ": ", "= ", "→ ", "-> "} {
		if m, cut := strings.CutPrefix(meaning, sep); cut {
			meaning = strings.TrimSpace(m)
			break
		}
	}
	// "Terminal mode       $ emacs -nw": the name on the left, the
	// command (after its prompt) on the right.
	if cmd, label := strings.CutPrefix(meaning, "$ "); label {
		key, meaning = strings.TrimSpace(cmd), key
	}
	if key == "" || len(strings.Fields(key)) > 3 || !strings.ContainsFunc(meaning, unicode.IsLetter) {
		return "", "", false
	}
	return key, describe([]string{meaning}), true
}

// definition reports a line that pairs what is typed with what it does,
// the way sheets for editors, pagers and debuggers list their commands: a
// key a wide gap or a tab before its meaning (":q!     quit without
// saving"); a command of a few words, then a colon or, in lower case, a
// comma, then its meaning ("s address: Move cursor to address", "b, break
// <function>"); or a line opening with a sign no sentence opens with
// ("?i Takes input from stdin", "/pattern"). The words of the meaning make
// no sentence of the line. A list item ("- Open: This indicates ...") or a
// caption ("Example 1: Add all files") is no definition.
func definition(l string) bool {
	t := strings.TrimSpace(l)
	if t == "" {
		return false
	}
	if columns.MatchString(t) || strings.IndexByte("!#$%&./:;<=>?@\\^_`|~", t[0]) >= 0 {
		return true
	}
	term, _, ok := strings.Cut(t, ": ")
	if !ok && t[0] >= 'a' && t[0] <= 'z' {
		term, _, ok = strings.Cut(t, ", ")
	}
	words := strings.Fields(term)
	return ok && len(words) > 0 && len(words) <= 4 && !titleWord.MatchString(words[0]) && !listItem.MatchString(words[0])
}

var (
	// columns matches a wide gap between two columns of a table row.
	columns   = regexp.MustCompile(`\S(?:\t| {3,})\S`)
	titleWord = regexp.MustCompile(`^[A-Z][a-z]{2,}$`)
	listItem  = regexp.MustCompile(`^(?:[-*+•]|\d+[.)])$`)
)

// finish turns the judged blocks into snippets. Prose is left out, and so
// is what is neither shell nor prose in a block with no comment of its own
// in a sheet of mostly shell commands: there it is a program's output or a
// legend ("Example output:" and the lines under it), while under a "# To
// ..." comment, after a sentence ending in a colon ("Then delete it
// with:"), or in a sheet of editor keys, it is what the sheet is about.
// Prose right above commands that have no comment describes them, as a
// sentence introducing a command in a note does.
func (p *parser) finish() {
	n := map[kind]int{}
	for _, b := range p.blocks {
		for _, e := range b.entries {
			n[e.kind]++
		}
	}
	shellSheet := n[shellCommand] >= n[otherCode]
	carry, intro := "", ""
	for _, b := range p.blocks {
		p.sheet.Blocks++
		if b.desc != "" {
			carry, intro = b.desc, ""
		}
		var kept []entry
		inProse := false // the entry before was prose: a sentence goes on
		for _, e := range b.entries {
			switch {
			case e.kind == prose:
				// A rule ("-----") describes nothing.
				if strings.ContainsFunc(e.command, unicode.IsLetter) {
					text := strings.Join(strings.Fields(e.command), " ")
					if f := strings.Fields(text); listItem.MatchString(f[0]) {
						text = strings.Join(f[1:], " ")
					}
					if inProse {
						intro += " " + text
					} else {
						intro = text
					}
					inProse = true
				}
				p.sheet.Skipped++
				p.sheet.SkippedLines += e.lines
				continue
			case e.kind == otherCode && shellSheet && b.desc == "" && !strings.HasSuffix(intro, ":"):
				p.sheet.Skipped++
				p.sheet.SkippedLines += e.lines
			default:
				if intro != "" {
					e.intro = describe([]string{intro})
				}
				if e.defined && shellSheet {
					// In a sheet of shell commands, a key beside its
					// meaning is a legend ("e    Extract" under "7z
					// commands"): its key alone is no command to run.
					e.bare, e.comment, e.defined = e.command, "", false
				}
				kept = append(kept, e)
				p.sheet.Lines += e.lines
			}
			inProse = false
		}
		if len(kept) > 0 {
			intro = ""
		}
		p.emit(b, kept, carry)
	}
}

// emit turns a block's kept entries into snippets.
func (p *parser) emit(b block, kept []entry, carry string) {
	// Lines that each carry their own comment ("git fetch upstream  # Get
	// branches" under "To sync a fork") say apart what each does: the
	// comment above heads them all, is kept as a tag and leads a terse
	// comment ("Bold: Black"), as the extractor treats a comment heading
	// a block of commented commands.
	own := len(kept) >= 2
	for _, e := range kept {
		own = own && e.comment != ""
	}
	for _, e := range kept {
		d, cmd, tags := b.desc, e.command, slices.Clone(p.sheet.Tags)
		switch {
		case own || e.defined:
			d, cmd = e.comment, e.bare
			if b.desc != "" && len(strings.Fields(d)) <= 3 {
				d = b.desc + ": " + d
			}
			if b.desc != "" && !slices.Contains(tags, strings.ToLower(b.desc)) {
				tags = append(tags, strings.ToLower(b.desc))
			}
		case d == "" && e.comment != "":
			d, cmd = e.comment, e.bare
		case d == "" && e.intro != "":
			// The heading the sentence sits under stays findable, as a
			// note's headings do.
			d = e.intro
			if carry != "" && !slices.Contains(tags, strings.ToLower(carry)) {
				tags = append(tags, strings.ToLower(carry))
			}
		case d == "":
			d = carry
		}
		p.sheet.Snippets = append(p.sheet.Snippets, snippet.Snippet{
			Command:     cmd,
			Description: d,
			Tool:        p.sheet.Title,
			Tags:        tags,
			Section:     p.sheet.Title,
			Source:      p.name,
			Line:        e.line,
		})
	}
}

// maxSpan bounds how many lines the shell parser may join into one
// command, so that a stray quote in a sheet of another language cannot
// turn a long block into one snippet.
const maxSpan = 60

// groupEnd returns the end (exclusive) of the snippet that starts at
// block[i]. Lines join the one above when it ends in a backslash, when
// they are indented deeper than the snippet's first line (a loop's body, a
// continued option list), or when the shell parser says the command so far
// is unfinished and a later line of the block finishes it. When no line
// finishes it, the lines stay apart: the "unfinished" command was more
// likely not shell at all (a vim register, a quote in prose).
func (p *parser) groupEnd(block []line, i int) int {
	base := indent(block[i].text)
	var states []bool // for block[i:], computed when first needed
	j := i + 1
	for j < len(block) {
		if strings.HasSuffix(block[j-1].text, "\\") || indent(block[j].text) > base {
			j++
			continue
		}
		if !p.shell || !startsLikeCommand(block[i].text) || !mayContinue(texts(block[i:j])) {
			break
		}
		if states == nil {
			states = p.judge.states(texts(block[i:min(len(block), i+maxSpan)]))
		}
		m := j - i
		if m > len(states) || !states[m-1] {
			break
		}
		k := 0
		for q := m; q < len(states); q++ {
			if !states[q] {
				k = q + 1
				break
			}
		}
		if k == 0 {
			if isShellSyntax(p.sheet.Syntax) {
				p.problem(block[i].n, "command is not finished by the end of its block (a quote or heredoc left open?); its lines are kept apart")
			}
			break
		}
		j = i + k
	}
	return j
}

func texts(ls []line) []string {
	out := make([]string, len(ls))
	for k, l := range ls {
		out[k] = l.text
	}
	return out
}

// startsLikeCommand reports whether a line can begin a shell command, as
// far as the shell parser is to be asked about joining lines: a line that
// opens with a quote is text in another language (a vim register, "ayy)
// or prose, and two such lines would make one well-formed shell string; a
// line opening with ":" and a word is an editor's command.
func startsLikeCommand(l string) bool {
	t := strings.TrimLeft(l, " \t")
	if t == "" {
		return false
	}
	switch t[0] {
	case '\'', '"':
		return false
	case ':':
		return len(t) == 1 || t[1] == ' '
	}
	return true
}

// isShellSyntax reports whether the sheet says it is shell, rather than
// saying nothing: only then is an unfinished command worth a problem.
func isShellSyntax(syntax string) bool {
	return syntax != "" && isShell(syntax)
}

// indent is a line's leading white space, with tabs to the next multiple
// of eight as terminals show them.
func indent(s string) int {
	w := 0
	for _, c := range s {
		switch c {
		case ' ':
			w++
		case '\t':
			w += 8 - w%8
		default:
			return w
		}
	}
	return w
}

// dedent joins a snippet's lines, taking off the first line's indentation
// and, from the lines below, as much of it as they share.
func dedent(group []line) string {
	first := group[0].text
	prefix := first[:len(first)-len(strings.TrimLeft(first, " \t"))]
	var b strings.Builder
	b.WriteString(strings.TrimLeft(first, " \t"))
	for _, l := range group[1:] {
		b.WriteByte('\n')
		t := l.text
		k := 0
		for k < len(prefix) && k < len(t) && t[k] == prefix[k] {
			k++
		}
		b.WriteString(t[k:])
	}
	return b.String()
}

// describe turns comment lines into a description: "# To follow the log:"
// says "Follow the log". Several lines are one sentence.
func describe(comment []string) string {
	parts := make([]string, 0, len(comment))
	for _, c := range comment {
		c = strings.TrimSpace(strings.TrimLeft(c, "#"))
		if c != "" {
			parts = append(parts, c)
		}
	}
	d := strings.Join(parts, " ")
	if rest, ok := strings.CutPrefix(d, "To "); ok && rest != "" {
		d = rest
	} else if rest, ok := strings.CutPrefix(d, "to "); ok && rest != "" {
		d = rest
	}
	d = strings.TrimSpace(strings.TrimSuffix(d, ":"))
	r, size := utf8.DecodeRuneInString(d)
	if size > 0 && unicode.IsLower(r) {
		d = string(unicode.ToUpper(r)) + d[size:]
	}
	return d
}

// trailingComment is the " # comment" ending a command line, described
// like a comment line, or "". Only a "#" with a space on both sides
// counts, so "http://x/#top" and "${#array[@]}" are not comments.
func trailingComment(cmd string) string {
	i := strings.LastIndex(cmd, " # ")
	if i < 0 || strings.Count(cmd[:i], "'")%2 != 0 || strings.Count(cmd[:i], "\"")%2 != 0 {
		return ""
	}
	return describe([]string{cmd[i+1:]})
}

func dedupe(tags []string) []string {
	var out []string
	for _, t := range tags {
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}
