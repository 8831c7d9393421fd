package extract

import (
	"strings"
	"unicode"
)

// Notes glue a command and what it does onto one line: "watch the queue
// log -> queuectl logs -f", "make dev => starts the stack", a table of
// "ls -la    list every file" rows. Judged whole, such a line is neither
// prose nor a command; split at its arrow or its column gap, one side is
// the command and the other its description.

// arrows separate a description from a command, either way round.
var arrows = []string{" -> ", " => ", " → ", " ⇒ ", " --> "}

// half is one side of a split line, judged.
type half struct {
	text string
	v    verdict
	cmd  bool
}

func (d *document) judgeHalf(text string) half {
	text = strings.TrimSpace(text)
	v := judge(text, judgeOpts{vocab: d.vocab})
	// The split itself says one side is a command: a known program with
	// an argument is enough, even one that is also an English word.
	cmd := splitWorthy(v) || v.strength == weakCommand && v.args > 0 && !v.unknown
	return half{text: text, v: v, cmd: cmd}
}

// splitWorthy: a side that is a command by itself, not a program named in
// passing ("editor -> vim").
func splitWorthy(v verdict) bool {
	switch v.strength {
	case strongCommand:
		return v.args > 0 || v.flagged || v.compound
	case weakCommand:
		return v.flagged
	}
	return false
}

// splitArrow reads a line with an arrow in it. ok reports that the line
// had one: its commands were added, or it is text, and either way it is
// not to be judged whole.
func (d *document) splitArrow(text string, it item) (ok bool) {
	if strings.Contains(text, "\n") || !strings.Contains(text, "> ") && !strings.ContainsAny(text, "→⇒") {
		return false // every arrow ends in one of these
	}
	at, arrow := -1, ""
	for _, a := range arrows {
		if i := indexUnquoted(text, a); i > 0 && (at < 0 || i < at) {
			at, arrow = i, a
		}
	}
	if at < 0 {
		return false
	}
	left, right := d.judgeHalf(text[:at]), d.judgeHalf(text[at+len(arrow):])
	switch {
	case left.cmd && right.cmd:
		d.addHalf(it, left, "")
		d.addHalf(it, right, "")
	case right.cmd:
		d.addHalf(it, right, left.text)
	case left.cmd:
		d.addHalf(it, left, right.text)
	default:
		// "billing questions -> #billing-ops": no command on either side,
		// and no command as a whole either.
		it.kind, it.text = itemOther, strings.TrimSpace(text)
		if prose(it.text) {
			it.kind = itemProse
		}
		d.add(it)
	}
	return true
}

// indexUnquoted is strings.Index outside quotes.
func indexUnquoted(s, sub string) int {
	return firstUnquoted(s, func(i int) bool { return strings.HasPrefix(s[i:], sub) })
}

// firstUnquoted returns the first position of s outside quotes (an
// apostrophe in a word opens none) where at reports true, or -1.
func firstUnquoted(s string, at func(i int) bool) int {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			if !(c == '\'' && i > 0 && isAlnum(s[i-1])) { // an apostrophe
				quote = c
			}
		case at(i):
			return i
		}
	}
	return -1
}

// splitColumns reads a row of two columns set apart by a run of spaces:
// a command and what it does, either way round. A row whose words column
// follows a bare name lists a program or a host ("pandoc    A universal
// document converter"), which is no command; it is added as other text.
func (d *document) splitColumns(text string, it item) bool {
	if strings.Contains(text, "\n") {
		return false
	}
	t := strings.TrimSpace(text)
	at := columnGap(t)
	if at < 0 {
		return false
	}
	l, r := t[:at], strings.TrimSpace(t[at:])
	// "groff      - all other components": a dash between the columns.
	if rest, ok := strings.CutPrefix(r, "- "); ok {
		r = strings.TrimSpace(rest)
	}
	if it.shellCode {
		// In a shell block, only a program's help: "bench   run a
		// benchmark". Commands there are set out as their authors like.
		if !strings.ContainsAny(l, " \t") && !strings.HasPrefix(l, "-") && wordsOnly(r) && !d.judgeHalf(l).cmd {
			it.kind, it.text = itemOther, t
			d.add(it)
			return true
		}
		return false
	}
	if columnGap(r) >= 0 {
		// Three columns or more: a row of a table ("Pentium  /usr/lib/i586
		// -march=i586"), not a command and what it does.
		it.kind, it.text = itemOther, t
		d.add(it)
		return true
	}
	rightWords, leftWords := reads(r, "") || wordsOnly(r), wordsOnly(l) && len(strings.Fields(l)) >= 2
	switch {
	case rightWords:
		left := d.judgeHalf(l)
		if left.cmd {
			d.addHalf(it, left, r)
			return true
		}
		if left.v.args == 0 && !strings.ContainsAny(l, " \t") {
			it.kind, it.text = itemOther, t
			d.add(it)
			return true
		}
	case leftWords:
		if right := d.judgeHalf(r); right.cmd {
			d.addHalf(it, right, l)
			return true
		}
	}
	return false
}

func (d *document) addHalf(it item, h half, desc string) {
	it.kind, it.v, it.desc, it.split = itemCommand, h.v, strings.TrimSpace(desc), true
	d.add(it)
}

// columnGap returns where the first run of two or more spaces (or a tab)
// in t starts, outside quotes and before any comment, or -1.
func columnGap(t string) int {
	at := firstUnquoted(t, func(i int) bool {
		c := t[i]
		return c == '#' && (i == 0 || t[i-1] == ' ') || c == ' ' && i+1 < len(t) && t[i+1] == ' ' || c == '\t'
	})
	if at < 0 || t[at] == '#' || strings.HasPrefix(strings.TrimLeft(t[at:], " \t"), "#") {
		return -1
	}
	return at
}

// wordsOnly reports text made of words, as a description is: two or more
// of them, letters and the punctuation of a sentence only.
func wordsOnly(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		w = strings.Trim(w, ",.;:!?()'\"")
		if w == "" {
			continue
		}
		for _, r := range w {
			if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '/' {
				return false
			}
		}
	}
	return !strings.HasPrefix(words[0], "-")
}
