package extract

import (
	"slices"
	"strings"

	"github.com/howcli/how/internal/snippet"
)

// Most of what people write down is about their own tools, which no list
// of programs holds. A note shows which names are programs by running
// them where it leaves no doubt (behind a prompt, in a shell block or a
// script, with flags or operators); such a name is then a program in the
// rest of the note ("restart the queue: queuectl restart", "`vault-sync
// login`"), and in the other notes of its folder.

// Note is one note read for extraction. Its snippets depend on the names
// its folder runs as programs, which are known only once every note of the
// folder is read: Vocabulary gives what this note contributes, and
// Snippets the commands with the folder's names known.
type Note struct {
	d     *document
	snips []snippet.Snippet
	// own is the note's own vocabulary: the names it runs as programs;
	// shared are those it runs on lines of their own (not only inside a
	// sentence), which the notes beside it learn too.
	own, shared map[string]bool
}

// Read reads one note. source names it in each snippet (its path as the
// user gave it); Origin is left for the caller.
func Read(source string, data []byte) *Note {
	n := &Note{d: newDocument(source, data)}
	n.snips = n.extract(nil)
	return n
}

// extract scans the note with the names known from elsewhere, then once
// more if it learnt names of its own that it uses where they were not yet
// known.
func (n *Note) extract(known map[string]bool) []snippet.Snippet {
	d := n.d
	d.vocab = known
	snips := d.run()
	learnt := d.learnt
	if fresh := d.unknownIn(learnt, known); len(fresh) > 0 && d.mentions(fresh, 2) {
		d.vocab = union(known, learnt)
		snips = d.run()
		learnt = union(learnt, d.learnt)
	}
	n.own = learnt
	n.shared = map[string]bool{}
	for name := range d.learntOnLine {
		n.shared[name] = true
	}
	return snips
}

// Vocabulary returns the names the note runs as programs on lines of
// their own that no list of programs holds, sorted: what it teaches the
// notes beside it. (A name run only inside a sentence, as changelogs
// name commands, is learnt by the note alone.)
func (n *Note) Vocabulary() []string {
	out := make([]string, 0, len(n.shared))
	for name := range n.shared {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// Snippets returns the note's commands with the names in folder (the
// vocabularies of the notes beside it) known as programs. A note that
// does not use any of them as it stands is not read again.
func (n *Note) Snippets(folder []string) []snippet.Snippet {
	known := map[string]bool{}
	for _, name := range folder {
		if !n.own[name] {
			known[name] = true
		}
	}
	if len(known) == 0 {
		return n.snips
	}
	if !n.d.mentions(known, 1) {
		return n.snips
	}
	return n.extract(union(known, n.own))
}

// run scans the note afresh with d.vocab known.
func (d *document) run() []snippet.Snippet {
	d.items = d.items[:0]
	d.learnt, d.learntOnLine = map[string]bool{}, map[string]bool{}
	d.budget = 200_000
	d.scan()
	d.fileBlocks()
	return d.snippets()
}

// learn records the program of a command the note leaves no doubt about.
func (d *document) learn(it item) {
	v := it.v
	if !v.unknown || v.tool == "" {
		return
	}
	// Flags or a prompt say it is run; a line in a shell block or with a
	// pipe in it may still be what a program printed, or prose ("the ESM
	// resolver</a>,"), and a function word is no program's name.
	if (it.prompt || v.flags > 0) && !isStopword(v.tool) {
		d.learnt[v.tool] = true
		if !it.inline {
			d.learntOnLine[v.tool] = true
		}
	}
}

func (d *document) unknownIn(names, known map[string]bool) map[string]bool {
	var out map[string]bool
	for name := range names {
		if !known[name] {
			if out == nil {
				out = map[string]bool{}
			}
			out[name] = true
		}
	}
	return out
}

// mentions reports whether any of names stands where a command could
// start in at least min lines of the note: a name learnt from one line
// changes nothing unless another line may run it, and most notes that
// name a folder's tools ("the bleve index") only talk about them.
func (d *document) mentions(names map[string]bool, min int) bool {
	if d.leadWords == nil {
		d.leadWords = countLeadWords(d.lines)
	}
	for name := range names {
		if d.leadWords[name] >= min {
			return true
		}
	}
	return false
}

// countLeadWords counts, for each word that could name a program, the
// lines it may start a command in: at the start of the line (after a
// prompt, a bullet or a number), after a colon or an arrow, at the start
// of inline code.
func countLeadWords(lines []string) map[string]int {
	out := map[string]int{}
	seen := map[string]bool{}
	for _, l := range lines {
		clear(seen)
		start := true // a command could start at the next word
		for i := 0; i < len(l); {
			c := l[i]
			if !isAlnum(c) {
				switch c {
				case ' ', '\t', '$', '#', '>', '*', '`', '=', '~', '(', '[', '-', '+':
					// marks that may stand before a command: keep start
				case ':', '.', ')':
					start = true // "restart it: queuectl", "1. queuectl", "2) ..."
				default:
					start = false
				}
				if c == '`' || c == '>' || c == '=' || c == '~' {
					start = true
				}
				i++
				continue
			}
			j := i
			for j < len(l) && (isAlnum(l[j]) || strings.IndexByte("._+-", l[j]) >= 0) {
				j++
			}
			if w := strings.TrimRight(l[i:j], ".-"); start && !seen[w] {
				seen[w] = true
				out[w]++
			}
			start = false
			i = j
		}
	}
	return out
}

func union(a, b map[string]bool) map[string]bool {
	out := make(map[string]bool, len(a)+len(b))
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
