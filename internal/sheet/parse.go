package sheet

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/howcli/how/internal/frontmatter"
	"github.com/howcli/how/internal/snippet"
)

// Parse reads a sheet (ours or a tldr page) and returns its examples. name
// is the page's path as the caller knows it: it becomes each snippet's
// Source unless the page says otherwise, and a tldr platform folder in it
// (pages/linux/tar.md) becomes a tag. Malformed input yields problems with
// line numbers and whatever could still be read; Parse never panics.
func Parse(name string, data []byte) ([]snippet.Snippet, []Problem) {
	p, problems := ParsePage(name, data)
	return p.Snippets, problems
}

// ParsePage is Parse with the page's title, description and kind. A how
// comment's source and line are taken as written: ParsePageCiting is for
// a sheet whose citations reach a user (an editor opens them).
func ParsePage(name string, data []byte) (Page, []Problem) {
	ps := &parser{name: name}
	ps.run(SplitLines(data))
	return ps.finish()
}

// Cite decides whether a how comment's source names a file a sheet may
// send its reader to, and returns it as a path to open (absolute), or
// why not.
type Cite func(source string) (string, error)

// ParsePageCiting is ParsePage for a sheet that is a source: each how
// comment's source (and line, which means nothing without it) is taken
// only when cite accepts it, and otherwise the example cites this sheet at
// its own line, with a problem on the comment's line. A comment is
// invisible on GitHub and in an editor's preview; where it sends the
// reader is checked like anything else a stranger wrote.
func ParsePageCiting(name string, data []byte, cite Cite) (Page, []Problem) {
	ps := &parser{name: name, cite: cite}
	ps.run(SplitLines(data))
	return ps.finish()
}

// ParseInPlace is Parse for a sheet that travels without the notes it was
// extracted from, as the sheets built into how do: each snippet's Source
// is name and its Line the line of its command in this sheet, whatever
// its metadata says about the note it came from, which its reader cannot
// open.
func ParseInPlace(name string, data []byte) ([]snippet.Snippet, []Problem) {
	ps := &parser{name: name, inPlace: true}
	ps.run(SplitLines(data))
	p, problems := ps.finish()
	return p.Snippets, problems
}

// SplitLines splits a sheet into lines on '\n', dropping a '\r' before it
// and a leading UTF-8 byte order mark, so that CRLF files and files that
// skipped source.Decode parse like the rest. Every sheet format's parser
// reads lines this way.
func SplitLines(data []byte) []string {
	s := strings.TrimPrefix(string(data), "\ufeff")
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

type example struct {
	s       snippet.Snippet
	descSet bool // a "- " line introduced it
	colon   bool // and that line ended with ':', as tldr's do
	meta    *meta
	metaLn  int // the line of the how comment
	descLn  int
	heading string
}

type parser struct {
	name     string
	page     Page
	problems []Problem
	examples []*example
	pending  *example // a description still waiting for its command
	heading  string   // the last "## " heading, if any
	sawMeta  bool
	stray    int // lines that have no place in a sheet
	// setext is set for a page in the layout tldr once proposed and
	// tealdeer still reads: the title underlined with "=", examples as
	// plain text lines, code indented by four spaces.
	setext bool
	// inPlace keeps each snippet's place in this sheet (ParseInPlace).
	inPlace bool
	// cite, when set, judges the sources how comments cite
	// (ParsePageCiting).
	cite Cite
}

func (ps *parser) problem(line int, msg string) {
	ps.problems = append(ps.problems, Problem{Line: line, Msg: msg})
}

func (ps *parser) run(lines []string) {
	i := 0
	if len(lines) > 0 && frontmatter.Opens(lines[0]) {
		i = ps.frontMatter(lines)
	}
	if i+1 < len(lines) && isSetextTitle(lines[i], lines[i+1]) {
		ps.setext = true
		ps.page.Title = strings.TrimSpace(lines[i])
		i += 2
	}
	for ; i < len(lines); i++ {
		ln := i + 1
		t := strings.TrimSpace(lines[i])
		if ps.setext && t != "" && ps.setextLine(ln, lines[i], t) {
			continue
		}
		switch {
		case t == "":
		case strings.HasPrefix(t, "<!--"):
			i = ps.comment(lines, i)
		case t == "#" || strings.HasPrefix(t, "# "):
			title := strings.TrimSpace(strings.TrimPrefix(t, "#"))
			if ps.page.Title == "" && title != "" {
				ps.page.Title = title
			} else {
				ps.problem(ln, "a page has one \"# title\"; this is another")
				ps.stray++
			}
		case strings.HasPrefix(t, "##"):
			ps.heading = strings.TrimSpace(strings.TrimLeft(t, "#"))
		case strings.HasPrefix(t, ">"):
			d := strings.TrimPrefix(t, ">")
			ps.page.Description = append(ps.page.Description, strings.TrimPrefix(d, " "))
		case t == "-" || strings.HasPrefix(t, "- "):
			ps.startExample(ln, strings.TrimSpace(strings.TrimPrefix(t, "-")))
		case isFence(t):
			i = ps.fence(lines, i)
		case strings.HasPrefix(t, "`"):
			cmd, ok := inlineCode(t)
			if !ok {
				ps.problem(ln, "code span is not closed on its line")
				ps.stray++
				continue
			}
			ps.addCommand(ln, cmd)
		default:
			ps.problem(ln, "unexpected text: "+quote(t))
			ps.stray++
		}
	}
	if ps.pending != nil {
		ps.problem(ps.pending.descLn, "example has no command")
		ps.pending = nil
	}
}

// frontMatter reads the block between "---" lines and returns the index of
// the first line after it. Only tags matter to a sheet; other keys (cheat's
// syntax:, for instance) are skipped.
func (ps *parser) frontMatter(lines []string) int {
	front, body, problems := frontmatter.Read(lines)
	for _, p := range problems {
		ps.problem(p.Line, p.Msg)
	}
	ps.page.Tags = append(ps.page.Tags, front.Tags...)
	return body
}

// isSetextTitle reports whether a page opens with a setext title: a line
// of text over a line made only of "=".
func isSetextTitle(title, under string) bool {
	t, u := strings.TrimSpace(title), strings.TrimSpace(under)
	return t != "" && !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, ">") &&
		u != "" && strings.Trim(u, "=") == ""
}

// setextLine reads a line of a setext page that is not read as in the
// usual layout, and reports whether it did: code indented by four spaces
// (or a tab) is an example's command, and any other plain text line is an
// example's description.
func (ps *parser) setextLine(ln int, line, t string) bool {
	if strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") {
		ps.addCommand(ln, t)
		return true
	}
	if strings.HasPrefix(t, ">") || strings.HasPrefix(t, "<!--") || strings.HasPrefix(t, "`") || isFence(t) {
		return false
	}
	ps.startExample(ln, t)
	return true
}

// comment handles an HTML comment starting at lines[i] and returns the index
// of its last line.
func (ps *parser) comment(lines []string, i int) int {
	ln := i + 1
	t := strings.TrimSpace(lines[i])
	if !isMeta(t) {
		for j := i; j < len(lines); j++ {
			if strings.Contains(lines[j], "-->") {
				return j
			}
		}
		ps.problem(ln, "comment is not closed by \"-->\"")
		return len(lines)
	}
	ps.sawMeta = true
	m, err := parseMeta(t)
	if err != nil {
		ps.problem(ln, err.Error())
		return i
	}
	last := ps.last()
	if last == nil || ps.pending != nil || last.meta != nil {
		ps.problem(ln, "how comment does not follow an example's command")
		return i
	}
	last.meta, last.metaLn = &m, ln
	return i
}

func (ps *parser) last() *example {
	if len(ps.examples) == 0 {
		return nil
	}
	return ps.examples[len(ps.examples)-1]
}

func (ps *parser) startExample(ln int, text string) {
	if ps.pending != nil {
		ps.problem(ps.pending.descLn, "example has no command")
	}
	ps.pending = &example{descSet: true, descLn: ln, colon: strings.HasSuffix(text, ":")}
	ps.pending.s.Description = strings.TrimSuffix(text, ":")
}

func (ps *parser) addCommand(ln int, cmd string) {
	ex := ps.pending
	ps.pending = nil
	if ex == nil {
		ps.problem(ln, "command has no \"- description:\" line before it")
		ex = &example{}
	}
	ex.heading = ps.heading
	ex.s.Command = cmd
	ex.s.Line = ln
	ps.examples = append(ps.examples, ex)
}

// fence reads a fenced code block opening at lines[i] (a command that spans
// lines) and returns the index of its closing line.
func (ps *parser) fence(lines []string, i int) int {
	open := strings.TrimSpace(lines[i])
	ch := open[0]
	n := len(open) - len(strings.TrimLeft(open, string(ch)))
	var body []string
	j := i + 1
	closed := false
	for ; j < len(lines); j++ {
		t := strings.TrimRight(lines[j], " \t")
		if ind := len(t) - len(strings.TrimLeft(t, " ")); ind <= 3 {
			run := strings.TrimLeft(t[ind:], string(ch))
			if run == "" && len(t)-ind >= n {
				closed = true
				break
			}
		}
		body = append(body, lines[j])
	}
	if !closed {
		ps.problem(i+1, "code block is not closed")
	}
	if len(body) == 0 {
		ps.problem(i+1, "code block is empty")
		ps.pending = nil
		return j
	}
	ps.addCommand(i+2, strings.Join(body, "\n"))
	return j
}

// isFence reports whether a trimmed line opens a fenced code block. As in
// CommonMark, a backtick fence's info string has no backticks, so a line
// like "``` a “b“ ```" is an inline span, not a fence.
func isFence(t string) bool {
	if strings.HasPrefix(t, "~~~") {
		return true
	}
	return strings.HasPrefix(t, "```") && !strings.Contains(strings.TrimLeft(t, "`"), "`")
}

// inlineCode returns the content of a line that is exactly one code span,
// by CommonMark's rules: the span closes at the first backtick run as long
// as the opening one, and one space is stripped from each end when both ends
// have one.
func inlineCode(t string) (string, bool) {
	n := len(t) - len(strings.TrimLeft(t, "`"))
	if len(t) < 2*n+1 {
		return "", false
	}
	body := t[n:]
	for k := 0; k < len(body); {
		if body[k] != '`' {
			k++
			continue
		}
		run := k
		for k < len(body) && body[k] == '`' {
			k++
		}
		if k-run == n {
			if k != len(body) {
				return "", false
			}
			body = body[:run]
			if len(body) >= 2 && body[0] == ' ' && body[len(body)-1] == ' ' && strings.Trim(body, " ") != "" {
				body = body[1 : len(body)-1]
			}
			return body, true
		}
	}
	return "", false
}

// stripMnemonics removes tldr's access-key brackets, as in "E[x]tract" or
// "[c]reate", so the words index as words. A bracketed letter stands alone
// ("element [0]", "[y]") is left as written: it is not a mnemonic.
func stripMnemonics(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	isLetter := func(i int) bool {
		return i >= 0 && i < len(s) && unicode.IsLetter(rune(s[i]))
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '[' && i+2 < len(s) && s[i+2] == ']' && isLetter(i+1) && (isLetter(i-1) || isLetter(i+3)) {
			b.WriteByte(s[i+1])
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func (ps *parser) finish() (Page, []Problem) {
	page := ps.page
	switch {
	case ps.sawMeta:
		page.Kind = KindSheet
	case ps.tldrShaped():
		page.Kind = KindTldr
	}
	if page.Title == "" && len(ps.examples) > 0 {
		ps.problem(0, "no \"# title\" line")
	}
	title := page.Title
	if title == "" {
		title = strings.TrimSuffix(path.Base(filepath.ToSlash(ps.name)), path.Ext(ps.name))
	}
	tool := toolOf(title)
	page.describe()
	pageTags := page.Tags
	if page.Kind == KindTldr {
		page.Platform, page.Language = Platform(ps.name)
		if page.Platform != "" && !contains(pageTags, page.Platform) {
			pageTags = append(append([]string(nil), pageTags...), page.Platform)
		}
	}
	for _, ex := range ps.examples {
		s := ex.s
		s.Tool = tool
		s.Section = title
		if ex.heading != "" {
			s.Section = ex.heading
		}
		s.Source = ps.name
		if len(pageTags) > 0 {
			s.Tags = append([]string(nil), pageTags...)
		}
		if page.Kind == KindTldr {
			s.Description = stripMnemonics(s.Description)
			s.Summary = strings.Join(page.Summary, " ")
		}
		if m := ex.meta; m != nil {
			ps.applyMeta(&s, ex)
		}
		if len(s.Tags) == 0 {
			s.Tags = nil
		}
		page.Snippets = append(page.Snippets, s)
	}
	slices.SortStableFunc(ps.problems, func(a, b Problem) int { return a.Line - b.Line })
	return page, ps.problems
}

// applyMeta sets what an example's how comment says on s, which holds
// what the page shows. The comment exists to carry what the visible lines
// cannot hold exactly (a command with control characters, a multi-line
// description) and where the command came from. So cmd and desc are
// taken only where the visible text is what the writer shows for them:
// anything else would show a reader one command and hand out another.
// Either way, what is visible is what is used, and a mismatch is a
// problem on the comment's line.
func (ps *parser) applyMeta(s *snippet.Snippet, ex *example) {
	m := ex.meta
	if m.section != nil {
		s.Section = *m.section
	}
	if m.tags != nil {
		s.Tags = append([]string(nil), (*m.tags)...)
	}
	if m.tool != nil {
		s.Tool = *m.tool
	}
	if m.desc != nil {
		if shown := shownDescription(*m.desc); shown == s.Description {
			s.Description = *m.desc
		} else {
			ps.problem(ex.metaLn, fmt.Sprintf("how comment: desc %s is not the description shown above it (%s); the one shown is used", quote(*m.desc), quote(s.Description)))
		}
	}
	if m.cmd != nil {
		if shownCommand(*m.cmd) == s.Command {
			s.Command = *m.cmd
		} else {
			ps.problem(ex.metaLn, fmt.Sprintf("how comment: cmd %s is not the command shown above it (%s); the one shown is used", quote(*m.cmd), quote(s.Command)))
		}
	}
	if ps.inPlace {
		return
	}
	switch {
	case m.source == nil:
		if m.line != nil && ps.cite != nil {
			ps.problem(ex.metaLn, "how comment: line without a source; the line in this sheet is used")
		}
	case ps.cite == nil:
		s.Source = *m.source
		if m.line != nil {
			s.Line = *m.line
		}
	default:
		path, err := ps.cite(*m.source)
		if err != nil {
			ps.problem(ex.metaLn, fmt.Sprintf("how comment: source %s %v; this sheet is cited instead", quote(*m.source), err))
			return
		}
		s.Source = path
		if m.line != nil {
			s.Line = *m.line
		}
	}
}

// shownCommand is what a reader sees of cmd in a sheet how wrote: the
// code Write shows for it, read back as the page is read.
func shownCommand(cmd string) string {
	block, _ := codeBlock(cmd)
	ps := &parser{}
	ps.run(SplitLines([]byte("- x:\n\n" + block + "\n")))
	if len(ps.examples) != 1 {
		return ""
	}
	return ps.examples[0].s.Command
}

// shownDescription is the description line Write shows for d.
func shownDescription(d string) string {
	if d = oneLine(d); d == "" {
		return noDescription
	}
	return d
}

// tldrShaped reports whether a page without how metadata has the shape of
// a tldr page: a title, a "> " description, and examples that each have a
// "- description:" line, with next to nothing else. Markdown notes that
// merely have a heading and a code block fail it and go to the extractor.
func (ps *parser) tldrShaped() bool {
	if ps.page.Title == "" || len(ps.page.Description) == 0 || len(ps.examples) == 0 {
		return false
	}
	for _, ex := range ps.examples {
		if !ex.descSet || !ex.colon {
			return false
		}
	}
	return ps.stray <= len(ps.examples)/10
}

// toolOf is the program a page is about: the first word of its title, so
// tldr's "git commit" page belongs to git.
func toolOf(title string) string {
	f := strings.Fields(title)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quote(s string) string {
	return "\"" + Clip(s) + "\""
}
