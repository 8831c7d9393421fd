package extract

import (
	"strings"
)

var (
	// orgSpanRe finds Org's =verbatim= and ~code~, which must start and
	// end against a space or punctuation.
	orgSpanRe = lazy(`(?:^|[\s({'"])(?:=(\S(?:.*?\S)?)=|~(\S(?:.*?\S)?)~)(?:[\s.,;:!?')}"]|$)`)
	// subjectRe: the words after a code span make it the subject of a
	// sentence.
	subjectRe = lazy(`^\s+(?:is|are|was|were|will|now|no longer|does|did|has|had|can|cannot|should|must|would|could|may|might|used|uses|returns|prints|works|fails)\b`)
	// runVerbRe: the sentence before a code span says it is run.
	runVerbRe = lazy(`(?i)\b(?:run|runs|ran|running|type|typing|execute|executing|invoke|enter)\b`)
	// colonRe splits "Check events: kubectl describe lynqnode <name>."
	colonRe = lazy(`^(.{3,100}?[A-Za-z)\]"'])\s?:\s+(\S.*)$`)
)

// inline finds commands inside a line of prose: in backticks, after a colon
// that introduces them, or glued to the word before by lost formatting.
func (d *document) inline(line string, n, indent int, sentence bool) {
	if spans := d.spans(line); len(spans) > 0 {
		// A sentence may start on the lines above: a paragraph wraps.
		lead := d.paragraphBefore(n)
		for _, sp := range spans {
			code := strings.TrimSpace(line[sp.start:sp.end])
			code, prompted := stripPrompt(code)
			v := judge(code, judgeOpts{vocab: d.vocab})
			// Marked as code, an unknown program with flags is one; with
			// operators alone it is as often an expression of some other
			// language ("value === null || x").
			before := d.withoutCode(sentenceBefore(lead + line[:sp.from]))
			if !inlineWorthy(v, prompted, before) && !(v.strength == weakCommand && v.flags > 0 && v.args > 0) {
				continue
			}
			// "`npm config set` will no longer accept ...": the sentence is
			// about the command, which only flags or arguments make one
			// to run.
			if !prompted && !v.evidence && subjectRe.MatchString(line[sp.to:]) && !runVerbRe.MatchString(before) {
				continue
			}
			d.add(item{kind: itemCommand, line: n, v: v, inline: true, prompt: prompted, code: true,
				desc: d.sentenceAround(lead+line, len(lead)+sp.from, len(lead)+sp.to), indent: indent})
		}
		return
	}
	if !sentence {
		return
	}
	if m := colonRe.FindStringSubmatch(line); m != nil && !strings.Contains(m[1], "://") && (wordy(m[1]) || stepRe.MatchString(line) && oneWord(m[1])) {
		code := trimSentenceEnd(firstSentence(m[2]))
		// "desc: command" says the command is one: a program with an
		// argument is enough. After one word ("resume: ..."), only a
		// program known for one.
		v := judge(code, judgeOpts{vocab: d.vocab})
		if wordy(m[1]) && (inlineWorthy(v, false, "") || splitWorthy(v)) || v.strength == strongCommand && splitWorthy(v) {
			d.add(item{kind: itemCommand, line: n, v: v, inline: true, desc: m[1], indent: indent})
			return
		}
	}
	d.glued(line, n, indent)
}

// span is code marked up inside a line: [start, end) the code, [from, to)
// the code with its marks.
type span struct{ start, end, from, to int }

// spans finds the code marked up inside a line, in the note's markup.
func (d *document) spans(line string) []span {
	var out []span
	if strings.Contains(line, "`") {
		for _, sp := range backtickSpans(line) {
			// In reStructuredText one backquote on each side is a link or
			// a role's text ("`vcpkg <https://...>`_"); code takes two.
			if d.syntax == syntaxRST && line[sp.from:sp.from+2] != "``" {
				continue
			}
			out = append(out, sp)
		}
	}
	if d.syntax == syntaxOrg && strings.ContainsAny(line, "=~") {
		for _, m := range orgSpanRe.FindAllStringSubmatchIndex(line, -1) {
			start, end := m[2], m[3]
			if start < 0 {
				start, end = m[4], m[5]
			}
			out = append(out, span{start, end, start - 1, end + 1})
		}
	}
	return out
}

// paragraphBefore returns the text of the lines of prose right above line
// n (1-based) in its paragraph, joined, with a space after: the start of
// a sentence that line n may finish.
func (d *document) paragraphBefore(n int) string {
	var lines []string
	// A sentence runs over a few lines at most: the walk back is bounded,
	// or a long paragraph full of code spans would take quadratic time.
	// An item of a list starts a sentence of its own.
	if n-1 < len(d.lines) && bulletRe.MatchString(d.lines[n-1]) {
		return ""
	}
	for k := len(d.items) - 1; k >= 0 && len(lines) < 3; k-- {
		it := d.items[k]
		if it.inline || it.line >= n {
			continue
		}
		if it.line != n-1-len(lines) || it.kind != itemProse && it.kind != itemStep && it.kind != itemOther || it.text == "" {
			break
		}
		lines = append(lines, it.text)
		if bulletRe.MatchString(d.lines[it.line-1]) {
			break
		}
	}
	if len(lines) == 0 {
		return ""
	}
	var b strings.Builder
	for k := len(lines) - 1; k >= 0; k-- {
		b.WriteString(lines[k])
		b.WriteByte(' ')
	}
	return b.String()
}

// lastSentence returns the last sentence of text: of a paragraph, the one
// that leads into what follows it.
func lastSentence(text string) string {
	locs := sentenceEndRe.FindAllStringIndex(text, -1)
	for k := len(locs) - 1; k >= 0; k-- {
		rest := text[locs[k][0]+1:]
		if len(strings.Fields(rest)) >= 3 {
			return strings.TrimSpace(rest)
		}
	}
	return text
}

// backtickSpans finds code between backquotes: one on each side in
// markdown, two in reStructuredText.
func backtickSpans(line string) []span {
	var out []span
	for i := 0; i < len(line); {
		j := strings.IndexByte(line[i:], '`')
		if j < 0 {
			break
		}
		from := i + j
		if strings.HasPrefix(line[from:], "``") {
			// ``code``: the code may hold single backticks.
			k := strings.Index(line[from+2:], "``")
			if k > 0 {
				start, end := from+2, from+2+k
				// One space inside each mark is padding.
				if line[start] == ' ' && end-start > 1 {
					start++
				}
				if line[end-1] == ' ' && end-1 > start {
					end--
				}
				out = append(out, span{start, end, from, from + 2 + k + 2})
				i = from + 2 + k + 2
				continue
			}
		}
		k := strings.IndexByte(line[from+1:], '`')
		if k < 0 {
			break
		}
		if k == 0 { // "``" with no closing pair: no span here
			i = from + 2
			continue
		}
		out = append(out, span{from + 1, from + 1 + k, from, from + 1 + k + 1})
		i = from + 1 + k + 1
	}
	return out
}

// sentenceBefore is the part of the sentence that leads up to the end of
// text.
func sentenceBefore(text string) string {
	if i := strings.LastIndexAny(text, ".!?"); i >= 0 && i+1 < len(text) && text[i+1] == ' ' {
		return text[i+1:]
	}
	return text
}

// inlineWorthy keeps what a reader would copy: a program with arguments,
// not the bare mention of a tool's name.
func inlineWorthy(v verdict, prompted bool, before string) bool {
	// One plain word after a program is more often a subcommand named in
	// passing ("`docker run`") than a command to copy, unless the
	// sentence says it is run, or the program is a path.
	if v.strength == strongCommand && (v.evidence && v.args > 0 || v.args >= 2 || v.compound) {
		return true
	}
	// (A relative path: "/home/node/metadata directory" is a folder.)
	if v.strength == strongCommand && v.args > 0 && v.path && !strings.HasPrefix(v.command, "/") {
		return true
	}
	// "run ``make install``": a known program, even one named by an English
	// word, is run when the sentence says so.
	if v.strength != notCommand && !v.unknown && v.args > 0 && runVerbRe.MatchString(before) {
		return true
	}
	return prompted && v.strength != notCommand
}

// trimSentenceEnd drops the full stop that ends the sentence a command was
// written into, but not the dots of "..." or of a path.
func trimSentenceEnd(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "..") && !strings.HasSuffix(s, " .") {
		return s[:len(s)-1]
	}
	return s
}

// glued finds a command whose program was fused to the preceding word when
// formatting was lost ("resources are safekubectl delete lynqnode <name>").
// Only names that are not English words are looked for at the end of a word,
// and a name inside a longer word is only a guess: it stands only if the
// note runs that program elsewhere (see snippets), or "pagerctl incident
// resolve 42" would run "ident".
func (d *document) glued(line string, n, indent int) {
	words := strings.Fields(line)
	offset := 0
	for wi, w := range words {
		pos := strings.Index(line[offset:], w) + offset
		offset = pos + len(w)
		for p := 2; p+5 <= len(w); p++ {
			prefix, name := w[:p], w[p:]
			english, known := programs.lookup(name)
			if !known || english || !isWord(prefix) {
				continue
			}
			code := trimSentenceEnd(name + line[offset:])
			if wi == len(words)-1 {
				continue // a program with no arguments is a mention
			}
			// Glued text is the weakest of clues: it must also carry flags or
			// technical arguments.
			if v := judge(code, judgeOpts{vocab: d.vocab}); v.strength == strongCommand && v.args > 0 && v.evidence {
				d.add(item{kind: itemCommand, line: n, v: v, inline: true, glued: true,
					desc: line[:pos] + prefix, indent: indent})
				return
			}
		}
	}
}

// sentenceAround returns the words of the sentence a code span sits in,
// preferring those before it ("To convert HTML to text: `lynx -dump`"),
// else those after it ("Use `dig +short x` for the address only").
func (d *document) sentenceAround(line string, start, end int) string {
	before := trimFiller(d.unmark(sentenceBefore(line[:start])))
	if informative(before) && len(strings.Fields(before)) >= 2 {
		return before
	}
	after := line[end:]
	if loc := clauseEndRe.FindStringIndex(after); loc != nil {
		after = after[:loc[0]]
	}
	after = strings.TrimLeft(d.unmark(after), " ,:;)-—")
	if informative(after) && len(strings.Fields(after)) >= 2 {
		return after
	}
	return before
}

var (
	clauseEndRe = lazy(`[.!?](\s|$)|[,;]\s+(or|and|but)\s|\s\(`)
	fillerRe    = lazy(`(?i)(?:[\s,:;(—-]+|\b(?:run|use|try|type|with|using|via|like|execute|call|as in|e\.g\.|or|and|then)\b)+$`)
)

// withoutCode is text with its code spans left out: the words around
// them ("support to `npm run` and `npm exec`" runs nothing).
func (d *document) withoutCode(text string) string {
	return d.rewriteSpans(text, func(span) string { return " " })
}

// unmark drops the marks of code spans from text, keeping the code.
func (d *document) unmark(text string) string {
	return d.rewriteSpans(text, func(sp span) string {
		code := text[sp.start:sp.end]
		if sp.from < sp.start && text[sp.from] != '`' && text[sp.from] != '=' && text[sp.from] != '~' {
			code = text[sp.from:sp.from+1] + code // the space or bracket before an Org span
		}
		return code
	})
}

// rewriteSpans replaces each code span of text, marks and all, with what
// with returns for it.
func (d *document) rewriteSpans(text string, with func(span) string) string {
	spans := d.spans(text)
	if len(spans) == 0 {
		return text
	}
	var b strings.Builder
	prev := 0
	for _, sp := range spans {
		if sp.from < prev {
			continue
		}
		b.WriteString(text[prev:sp.from])
		b.WriteString(with(sp))
		prev = sp.to
	}
	b.WriteString(text[prev:])
	return b.String()
}

// trimFiller drops the words that only lead into a command ("..., run").
func trimFiller(s string) string {
	return strings.TrimSpace(fillerRe.ReplaceAllString(strings.TrimSpace(s), ""))
}

// wordy reports whether text that introduces a command reads as words
// ("Check events"), not as a key ("- run").
func wordy(s string) bool {
	words := strings.Fields(clean(s))
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		if !isWord(strings.Trim(w, ",()'\"")) {
			return false
		}
	}
	return true
}

// oneWord reports a lone word that may say what a command does, as a
// numbered step's does ("5. resume: ..."), not a label ("Note").
func oneWord(s string) bool {
	words := strings.Fields(clean(s))
	return len(words) == 1 && len(words[0]) >= 3 && isWord(words[0]) && !isTitle(words[0])
}

// sentenceEndRe finds where a sentence ends and the next begins.
var sentenceEndRe = lazy(`[.!?]\s+[A-Z][a-z]`)

// firstSentence cuts text at the end of its first sentence, so that the
// prose after a command written into a line does not join it.
func firstSentence(s string) string {
	if loc := sentenceEndRe.FindStringIndex(s); loc != nil {
		// Another sentence follows: the mark ends this one, even after a
		// space ("against Package: gcc . For general discussions").
		return strings.TrimSpace(s[:loc[0]])
	}
	return s
}
