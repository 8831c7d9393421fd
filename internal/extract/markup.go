package extract

import (
	"path/filepath"
	"strings"
)

// A note's markup says where its code is and what language it is in, and
// which of its lines are headings or only markup. Markdown, reStructuredText,
// Org and AsciiDoc mark the same things in their own ways; markup reads each
// into the same roles, line by line, so that the scanner judges commands the
// same whatever the format. The format is told by the file's content, its
// name only settling what the content leaves open (a README.Debian is read
// for what it is).

// markupKind is the markup language a note is written in.
type markupKind int

const (
	syntaxPlain markupKind = iota
	syntaxMarkdown
	syntaxRST
	syntaxOrg
	syntaxAsciiDoc
	// syntaxScript is a shell script: every line is shell.
	syntaxScript
)

// codeLang is what a code block holds.
type codeLang int

const (
	langNone codeLang = iota // not in a code block
	// langShell: the block says it is shell (bash, sh, console, ...).
	langShell
	// langUntagged: a block that does not say; each line is judged.
	langUntagged
	// langOther: another language, a file's contents, a program's output.
	langOther
)

// role is what markup makes of one line.
type role struct {
	lang  codeLang // the code block the line is in, if any
	block int      // the code block's number, counted from 1; 0 outside
	// marker: the line is markup only (a fence, a directive, an
	// attribute), read as a blank line.
	marker bool
	// data: a table row or a keyword line, neither text nor code.
	data bool
	// heading > 0: the line is a heading of that level, titled title.
	heading int
	title   string
	// prompts: the line's block holds prompted lines, or says it is a
	// terminal session, so its other lines are what the commands printed.
	prompts bool
	// session: the block says it is a terminal session (console,
	// shell-session).
	session bool
}

// shellLangs are the info strings of code blocks that hold shell; "" and
// untaggedLangs hold code of no declared language.
var (
	shellLangs = set("bash", "sh", "shell", "zsh", "ksh", "fish", "console", "shell-session", "sh-session",
		"bash-session", "terminal", "powershell", "pwsh", "ps1", "posh", "nushell", "nu", "cli", "cmd",
		"command", "commands", "shellsession", "shell-script", "bat", "batch", "dos", "doscon", "pwsh-session",
		"ps1con", "zsh-session", "fish-session", "tcsh", "csh", "mksh", "dash", "ash", "sudo")
	untaggedLangs = set("", "text", "txt", "plain", "plaintext", "none", "nohighlight", "default", "output")
)

// sessionLangs say a block is a terminal session: commands behind
// prompts, and what they printed.
var sessionLangs = set("console", "shell-session", "sh-session", "bash-session", "shellsession", "terminal",
	"doscon", "pwsh-session", "ps1con", "zsh-session", "fish-session")

// langOf sorts a code block's declared language.
func langOf(tag string) codeLang {
	tag = strings.ToLower(strings.Trim(tag, "{}.,"))
	switch {
	case shellLangs[tag]:
		return langShell
	case untaggedLangs[tag]:
		return langUntagged
	}
	return langOther
}

var (
	rstDirectiveRe = lazy(`^(\s*)\.\.\s+([A-Za-z][\w:-]*)::\s*(.*?)\s*$`)
	rstCommentRe   = lazy(`^\s*\.\.(?:\s|$)`)
	rstOptionRe    = lazy(`^\s+:[\w -]+:`)
	simpleTableRe  = lazy(`^\s*=+(?:\s+=+)+\s*$`)
	gridTableRe    = lazy(`^\s*\+[-=+:]*\+\s*$`)
	tableRowRe     = lazy(`^\s*\|.*\|\s*$`)
	orgBeginRe     = lazy(`(?i)^\s*#\+begin_(\w+)(?:\s+(\S+))?`)
	orgEndRe       = lazy(`(?i)^\s*#\+end_(\w+)`)
	orgKeywordRe   = lazy(`^\s*#\+(\w+):\s*(.*)$`)
	orgHeadingRe   = lazy(`^(\*+)\s+(.*?)(?:\s+:[\w@#%:]+:)?\s*$`)
	orgDrawerRe    = lazy(`(?i)^\s*:(properties|logbook|end|[a-z_]+):\s*$`)
	adocSourceRe   = lazy(`^\[(?:source|listing)?(?:\s*,\s*([\w+#.-]+))?[^\]]*\]\s*$`)
	adocDelimRe    = lazy(`^(-{4,}|\.{4,}|={4,}|\*{4,}|_{4,}|\+{4,}|/{4,})\s*$`)
	adocHeadingRe  = lazy(`^(={1,6})\s+(\S.*)$`)
	adocTitleRe    = lazy(`^\.([A-Za-z].*)$`)
	adocAttrRe     = lazy(`^:[!\w-]+!?:(?:\s.*)?$`)
	adocAdmonRe    = lazy(`^(NOTE|TIP|IMPORTANT|WARNING|CAUTION):\s+`)
	adocMacroRe    = lazy(`^(?:include|image|toc|ifdef|ifndef|endif|ifeval)::`)
	scriptExtRe    = lazy(`(?i)\.(sh|bash|zsh|ksh|bats)$`)
)

// detectSyntax tells a note's markup from its content, its name deciding
// only between formats its content does not tell apart.
func detectSyntax(name string, lines []string) markupKind {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd", ".mkdn":
		return syntaxMarkdown
	case ".rst", ".rest":
		return syntaxRST
	case ".org":
		return syntaxOrg
	case ".adoc", ".asciidoc", ".asc":
		return syntaxAsciiDoc
	}
	if scriptExtRe.MatchString(name) {
		return syntaxScript
	}
	first := 0
	for first < len(lines) && isBlank(lines[first]) {
		first++
	}
	if first < len(lines) && first == 0 && shebangRe.MatchString(lines[0]) {
		return syntaxScript
	}
	var fences, rst, org, adoc, titles, literals int
	for i, l := range lines {
		if len(l) > maxLineBytes {
			continue
		}
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		switch t[0] {
		case '`', '~':
			if fenceRe.MatchString(l) {
				fences++
			}
		case '#':
			// "# words" is a heading in markdown but a comment in a
			// runbook: only fences tell markdown.
			if orgBeginRe.MatchString(t) || orgKeywordRe.MatchString(t) && i < 20 {
				org++
			}
		case '.':
			if m := rstDirectiveRe.FindStringSubmatch(l); m != nil {
				rst++
			}
		case '[':
			if adocSourceRe.MatchString(t) && i+1 < len(lines) && adocDelimRe.MatchString(lines[i+1]) {
				adoc++
			}
		case '=':
			if i == first && adocHeadingRe.MatchString(l) && !adornment(t) {
				adoc++
			}
		}
		// A title underlined with = is as much plain text's as rst's;
		// its literal blocks ("::") and double backquotes are rst's own.
		if strings.HasSuffix(t, "::") || strings.Contains(t, "``") {
			literals++
		}
		if i > 0 && adornment(t) && len(t) >= 3 && !isBlank(lines[i-1]) &&
			len(strings.TrimSpace(lines[i-1])) <= len(t)+2 && t[0] != '-' && t[0] != '*' && t[0] != '_' {
			titles++
		}
	}
	if titles > 0 && literals > 0 {
		rst++
	}
	switch {
	case org > 0:
		return syntaxOrg
	case adoc > 0 && adoc >= fences/2:
		return syntaxAsciiDoc
	case rst > 0 && fences < 2:
		return syntaxRST
	case fences >= 2:
		return syntaxMarkdown
	}
	return syntaxPlain
}

// markup reads the note's markup into d.roles.
func (d *document) markup() {
	d.roles = make([]role, len(d.lines))
	switch d.syntax {
	case syntaxRST:
		d.markupRST()
	case syntaxOrg:
		d.markupOrg()
	case syntaxAsciiDoc:
		d.markupAsciiDoc()
	case syntaxScript:
		for i := range d.roles {
			d.roles[i] = role{lang: langShell, block: 1}
		}
	default:
		d.markupFences()
		d.markupTitles()
		if d.syntax == syntaxMarkdown {
			d.markupLinkDefs()
		}
	}
	d.markPrompts()
}

// openBlock starts code block number n in language lang for the lines
// [from, to).
func (d *document) setBlock(from, to int, lang codeLang) {
	d.blocks++
	for k := from; k < to && k < len(d.lines); k++ {
		d.roles[k].lang = lang
		d.roles[k].block = d.blocks
	}
}

// setSession marks the block that starts at line from as a terminal
// session when its tag says so.
func (d *document) setSession(from int, tag string) {
	if !sessionLangs[strings.ToLower(strings.Trim(tag, "{}.,"))] || from >= len(d.lines) {
		return
	}
	b := d.roles[from].block
	for k := from; k < len(d.lines) && d.roles[k].block == b; k++ {
		d.roles[k].session = true
	}
}

// markupFences finds markdown's fenced code blocks (in plain text too:
// notes pasted from markdown keep their fences).
func (d *document) markupFences() {
	for i := 0; i < len(d.lines); i++ {
		m := fenceRe.FindStringSubmatch(d.lines[i])
		if m == nil || !(d.syntax == syntaxMarkdown || d.fences >= 2) {
			continue
		}
		mark := m[1]
		end := i + 1
		for end < len(d.lines) && !closesFence(d.lines[end], mark) {
			end++
		}
		d.roles[i].marker = true
		if end < len(d.lines) {
			d.roles[end].marker = true
		}
		tag := m[2]
		if name, ok := strings.CutPrefix(tag, "{"); ok {
			// A MyST directive: {code-block} bash holds code in the
			// language after it; {note} holds prose; {toctree} and the
			// like hold no text; another directive ({pip-cli}) says
			// nothing of its lines.
			name = strings.ToLower(strings.TrimSuffix(name, "}"))
			rest := strings.TrimSpace(d.lines[i][strings.Index(d.lines[i], m[2])+len(m[2]):])
			switch {
			case codeDirectives[name]:
				tag = firstWord(rest)
			case admonitions[name]:
				i = end
				continue
			case mystData[name]:
				tag = "{data}"
			default:
				tag = ""
			}
		}
		d.setBlock(i+1, end, langOf(tag))
		d.setSession(i+1, tag)
		i = end
	}
}

// mystData are MyST directives whose lines are no text: a table of
// contents, a picture, a table.
var mystData = set("toctree", "contents", "image", "figure", "list-table", "csv-table", "table", "glossary",
	"include", "literalinclude", "autosummary", "automodule", "raw")

// markupTitles finds titles underlined with "=" (and, in markdown, "-"),
// as plain text and markdown write them. A line of dashes under text in
// plain text is as often the rule that opens a block.
func (d *document) markupTitles() {
	for i := 1; i < len(d.lines); i++ {
		t := strings.TrimSpace(d.lines[i])
		prev := strings.TrimSpace(d.lines[i-1])
		if !adornment(t) || prev == "" || d.roles[i].block > 0 || d.roles[i-1].block > 0 || d.roles[i-1].marker ||
			indentOf(d.lines[i-1]) > 3 || adornment(prev) {
			continue
		}
		switch {
		case t[0] == '=':
			d.roles[i-1].heading = 1
		case t[0] == '-' && d.syntax == syntaxMarkdown:
			d.roles[i-1].heading = 2
		default:
			continue
		}
		d.roles[i-1].title = clean(prev)
		d.roles[i].marker = true
	}
}

// linkDefRe is a markdown link reference definition: "[label]: url".
var linkDefRe = lazy(`^ {0,3}\[[^\]]+\]:\s*\S+`)

// markupLinkDefs marks markdown's link reference definitions as no text:
// their label names a page ("[`git node backport`]: https://..."), it
// runs nothing.
func (d *document) markupLinkDefs() {
	for i, l := range d.lines {
		if d.roles[i].block == 0 && strings.HasPrefix(strings.TrimLeft(l, " "), "[") && linkDefRe.MatchString(l) {
			d.roles[i].data = true
		}
	}
}

// closesFence reports whether line closes a fence opened with mark: the
// same character, at least as many, and nothing after them.
func closesFence(line, mark string) bool {
	t := strings.TrimSpace(line)
	if !strings.HasPrefix(t, mark) {
		return false
	}
	return strings.Trim(t, mark[:1]) == ""
}

// codeDirectives are reStructuredText's directives whose body is code in
// the language they name.
var codeDirectives = set("code-block", "code", "sourcecode", "highlight-block")

// admonitions are directives whose body is prose.
var admonitions = set("note", "warning", "tip", "important", "caution", "attention", "danger", "error",
	"hint", "seealso", "admonition", "versionadded", "versionchanged", "deprecated", "topic", "sidebar",
	"rubric", "container", "only")

func (d *document) markupRST() {
	styles := map[string]int{} // adornment style -> heading level, in order of appearance
	level := func(style string) int {
		if l, ok := styles[style]; ok {
			return l
		}
		styles[style] = len(styles) + 1
		return styles[style]
	}
	n := len(d.lines)
	for i := 0; i < n; i++ {
		l := d.lines[i]
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if m := rstDirectiveRe.FindStringSubmatch(l); m != nil {
			ind := len(m[1])
			d.roles[i].marker = true
			name := strings.ToLower(m[2])
			k := i + 1
			for k < n && rstOptionRe.MatchString(d.lines[k]) {
				d.roles[k].marker = true
				k++
			}
			end := d.indentedBody(k, ind)
			switch {
			case codeDirectives[name]:
				d.setBlock(k, end, langOf(firstWord(m[3])))
				d.setSession(k, firstWord(m[3]))
			case admonitions[name]:
				// Prose, read as any other paragraph; its first line may
				// sit on the directive's line.
				if m[3] != "" {
					d.lines[i] = m[1] + m[3]
					d.roles[i].marker = false
				}
			default:
				for k2 := k; k2 < end; k2++ {
					d.roles[k2].data = true
				}
			}
			i = end - 1
			continue
		}
		if rstCommentRe.MatchString(l) {
			d.roles[i].marker = true
			end := d.indentedBody(i+1, indentOf(l))
			for k := i + 1; k < end; k++ {
				d.roles[k].marker = true
			}
			i = end - 1
			continue
		}
		// Titles: text underlined (and perhaps overlined) with one
		// punctuation character.
		if i+1 < n && adornment(strings.TrimSpace(d.lines[i+1])) && !adornment(t) &&
			len(strings.TrimSpace(d.lines[i+1])) >= min(len(t), 3) && indentOf(l) == 0 {
			under := strings.TrimSpace(d.lines[i+1])
			style := under[:1]
			if i > 0 && strings.TrimSpace(d.lines[i-1]) == under {
				style += "over"
				d.roles[i-1].marker = true
			}
			d.roles[i].heading, d.roles[i].title = level(style), clean(t)
			d.roles[i+1].marker = true
			i++
			continue
		}
		if adornment(t) && i+2 < n && !isBlank(d.lines[i+1]) && strings.TrimSpace(d.lines[i+2]) == t {
			continue // an overline: its title comes next
		}
		if simpleTableRe.MatchString(l) || gridTableRe.MatchString(l) {
			end := i + 1
			for end < n && !isBlank(d.lines[end]) {
				end++
			}
			for k := i; k < end; k++ {
				d.roles[k].data = true
			}
			i = end - 1
			continue
		}
		// A paragraph ending in "::" introduces a literal block.
		if strings.HasSuffix(t, "::") {
			if t == "::" {
				d.roles[i].marker = true
			} else {
				d.lines[i] = strings.TrimSuffix(strings.TrimRight(l, " \t"), ":")
			}
			k := i + 1
			for k < n && isBlank(d.lines[k]) {
				k++
			}
			para := i
			for para > 0 && !isBlank(d.lines[para-1]) {
				para--
			}
			if k < n && indentOf(d.lines[k]) > indentOf(d.lines[para]) {
				end := d.indentedBody(k, indentOf(d.lines[para]))
				d.setBlock(k, end, langUntagged)
				i = end - 1
			}
		}
	}
}

// indentedBody returns where the body that starts at line from ends: the
// first non-blank line indented no more than ind (trailing blank lines are
// left out of the body).
func (d *document) indentedBody(from, ind int) int {
	end, last := from, from
	for end < len(d.lines) {
		l := d.lines[end]
		if !isBlank(l) {
			if indentOf(l) <= ind {
				break
			}
			last = end + 1
		}
		end++
	}
	return last
}

func (d *document) markupOrg() {
	n := len(d.lines)
	for i := 0; i < n; i++ {
		l := d.lines[i]
		t := strings.TrimSpace(l)
		switch {
		case t == "":
		case orgBeginRe.MatchString(t):
			m := orgBeginRe.FindStringSubmatch(t)
			kind := strings.ToLower(m[1])
			end := i + 1
			for end < n && !(orgEndRe.MatchString(d.lines[end]) && strings.EqualFold(orgEndRe.FindStringSubmatch(d.lines[end])[1], kind)) {
				end++
			}
			d.roles[i].marker = true
			if end < n {
				d.roles[end].marker = true
			}
			switch kind {
			case "src":
				d.setBlock(i+1, end, langOf(m[2]))
				d.setSession(i+1, m[2])
			case "quote", "center", "verse":
			default: // example, export, comment: output and others' text
				d.setBlock(i+1, end, langOther)
			}
			i = end
		case orgKeywordRe.MatchString(t):
			m := orgKeywordRe.FindStringSubmatch(t)
			if strings.EqualFold(m[1], "title") && m[2] != "" {
				d.roles[i].heading, d.roles[i].title = 1, clean(m[2])
			} else {
				d.roles[i].marker = true
			}
		case orgHeadingRe.MatchString(l):
			m := orgHeadingRe.FindStringSubmatch(l)
			// Org's title, if any, is level 1: headings start below it.
			d.roles[i].heading, d.roles[i].title = min(len(m[1])+1, 6), clean(m[2])
		case tableRowRe.MatchString(l) || strings.HasPrefix(t, "|"):
			d.roles[i].data = true
		case orgDrawerRe.MatchString(t):
			d.roles[i].data = true
		}
	}
}

func (d *document) markupAsciiDoc() {
	n := len(d.lines)
	pending := langUntagged // the language an attribute line gave the next block
	tagged, adocTag := false, ""
	for i := 0; i < n; i++ {
		l := d.lines[i]
		t := strings.TrimSpace(l)
		switch {
		case t == "":
			tagged = false
		case adocSourceRe.MatchString(t) && i+1 < n && (adocDelimRe.MatchString(d.lines[i+1]) || isBlank(d.lines[i+1]) == false):
			m := adocSourceRe.FindStringSubmatch(t)
			d.roles[i].marker = true
			pending, tagged, adocTag = langOf(m[1]), true, m[1]
			if m[1] == "" && !strings.HasPrefix(t, "[source") && !strings.HasPrefix(t, "[listing") {
				pending, tagged = langUntagged, false // [NOTE], [quote]: not code
			}
		case adocDelimRe.MatchString(t):
			delim := t
			end := i + 1
			for end < n && strings.TrimSpace(d.lines[end]) != delim {
				end++
			}
			d.roles[i].marker = true
			if end < n {
				d.roles[end].marker = true
			}
			switch delim[0] {
			case '-', '.':
				lang := langUntagged
				if tagged {
					lang = pending
				}
				d.setBlock(i+1, end, lang)
				if tagged {
					d.setSession(i+1, adocTag)
				}
			case '+', '/':
				d.setBlock(i+1, end, langOther)
			}
			tagged = false
			if delim[0] == '-' || delim[0] == '.' || delim[0] == '+' || delim[0] == '/' {
				i = end
			}
		case strings.HasPrefix(t, "|==="):
			end := i + 1
			for end < n && !strings.HasPrefix(strings.TrimSpace(d.lines[end]), "|===") {
				end++
			}
			for k := i; k <= end && k < n; k++ {
				d.roles[k].data = true
			}
			i = end
		case adocHeadingRe.MatchString(l):
			m := adocHeadingRe.FindStringSubmatch(l)
			d.roles[i].heading, d.roles[i].title = len(m[1]), clean(m[2])
		case adocAttrRe.MatchString(t) || adocMacroRe.MatchString(t) || t == "+":
			d.roles[i].marker = true
		case adocTitleRe.MatchString(t):
			d.lines[i] = t[1:] // a block's title: a caption for what follows
		case adocAdmonRe.MatchString(t):
			d.lines[i] = adocAdmonRe.ReplaceAllString(t, "")
		}
	}
}

// replPromptRe is the prompt of a program's own shell (node's "> ",
// python's ">>> ", a database's "mysql> "), which a terminal session shows
// as it shows the shell's.
var replPromptRe = lazy(`^\s*(?:>|>>>|[a-z]+[=#]?>|In \[\d+\]:)\s`)

// markPrompts marks the code blocks that hold prompted lines: in a
// terminal session, the lines without a prompt are output. A block that
// says it is a session but shows no prompt at all is commands alone, as
// people paste them.
func (d *document) markPrompts() {
	prompted := map[int]bool{}
	for i, r := range d.roles {
		if r.block > 0 && r.lang != langOther && !prompted[r.block] {
			if _, ok := stripPrompt(d.lines[i]); ok || r.session && replPromptRe.MatchString(d.lines[i]) {
				prompted[r.block] = true
			}
		}
	}
	for i := range d.roles {
		d.roles[i].prompts = prompted[d.roles[i].block] && d.syntax != syntaxScript
	}
}

// adornment reports a line of one punctuation character repeated, as
// reStructuredText underlines its titles with.
func adornment(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 3 || !strings.ContainsRune("=-~^\"'`#*+:._<>", rune(s[0])) {
		return false
	}
	return strings.Trim(s, s[:1]) == ""
}

// outputIntroRe is a sentence that introduces what a program printed.
var outputIntroRe = lazy(`(?i)(?:\b(?:output|outputs|prints?|printed|displays|returns|result|results|response)\b|should see|will see|'ll see|looks like)[^.!?]*:\s*$`)

// markOutput reads a code block that the sentence before it introduces as
// output ("Will print:", "The output looks like this:") as output, unless
// prompts in it say which of its lines are commands.
func (d *document) markOutput() {
	start := func(i int) bool {
		return d.roles[i].block > 0 && (i == 0 || d.roles[i-1].block != d.roles[i].block) ||
			d.indentRun[i] > 0 && (i == 0 || d.indentRun[i-1] != d.indentRun[i])
	}
	for i := range d.lines {
		if !start(i) || d.roles[i].prompts {
			continue
		}
		k := i - 1
		for k >= 0 && (isBlank(d.lines[k]) || d.roles[k].marker) {
			k--
		}
		if k < 0 || d.roles[k].block > 0 || d.indentRun[k] > 0 || !outputIntroRe.MatchString(d.lines[k]) {
			continue
		}
		for e := i; e < len(d.lines); e++ {
			if d.roles[i].block > 0 && d.roles[e].block != d.roles[i].block {
				break
			}
			if d.roles[i].block == 0 && d.indentRun[e] != d.indentRun[i] && !isBlank(d.lines[e]) {
				break
			}
			if d.roles[i].block > 0 || d.indentRun[e] > 0 {
				d.roles[e].lang = langOther
			}
		}
	}
}

// archiveRe is a file's header in a txtar archive, as test scripts embed
// the files they run on ("-- go.mod --").
var archiveRe = lazy(`^\s*-- \S.* --\s*$`)

// markArchives reads the files of a txtar archive shown in a code block as
// the files they are: from the first "-- name --" line to the block's end,
// nothing is a command.
func (d *document) markArchives() {
	inArchive, indent := false, 0
	for i, l := range d.lines {
		code := d.roles[i].block > 0 || d.indentRun[i] > 0
		switch {
		case !code && !isBlank(l), !isBlank(l) && indentOf(l) < indent:
			inArchive = false // the text after the block, or less indented than the archive
		case i > 0 && code && d.roles[i].block != d.roles[i-1].block && d.roles[i].block > 0:
			inArchive = false
		}
		if code && len(l) <= maxLineBytes && archiveRe.MatchString(l) {
			inArchive, indent = true, indentOf(l)
		}
		if inArchive && code {
			d.roles[i].lang = langOther
		}
	}
}

func firstWord(s string) string {
	w, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	return w
}
