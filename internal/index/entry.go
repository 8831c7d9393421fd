package index

import (
	"encoding/binary"
	"errors"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/vocab"
)

// Entry is one indexed command: the occurrence shown to the user and the
// other places the same command was found.
type Entry struct {
	Snippet snippet.Snippet
	Also    []snippet.Snippet
	// Familiar is Familiar(Snippet.Tool, its head), worked out by Merge
	// and stored: a query then never parses the tool list.
	Familiar bool
	// Listed is set when the tool list knows the program at all, if not
	// this subcommand of it.
	Listed bool
	// Pipe is what the collections say about the command after a |,
	// worked out by Merge from all of them.
	Pipe vocab.Pipe
	// Platform is the tldr platform the command's page is filed under
	// (osx, windows, ...; "" for common pages and other sources), Family
	// the Linux distribution family its page says the program belongs to
	// ("" for none): see platform.go.
	Platform, Family string
	// Position is where the shown occurrence stands among the commands of
	// its source, from 0: collections list the common use of a program
	// first and its particular cases after.
	Position int
}

// Merge groups snippets by command (snippet.Key), in order of first
// appearance. Each group's shown occurrence is the one with the most
// informative description; the rest keep their order in Also.
func Merge(snippets []snippet.Snippet) []Entry { return merge(snippets, vocab.DefaultTools()) }

func merge(snippets []snippet.Snippet, tools vocab.Tools) []Entry {
	byKey := make(map[string]int, len(snippets))
	var groups [][]int
	position := make([]int, len(snippets))
	inSource := map[string]int{}
	for i := range snippets {
		position[i] = inSource[snippets[i].Source]
		inSource[snippets[i].Source]++
	}
	for i := range snippets {
		k := snippets[i].Key()
		if k == "" {
			continue
		}
		g, ok := byKey[k]
		if !ok {
			g = len(groups)
			byKey[k] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	entries := make([]Entry, len(groups))
	// A page's summary is every one of its commands': read it once.
	families := map[string]string{}
	familyOfSummary := func(summary string) string {
		f, ok := families[summary]
		if !ok {
			f = vocab.Family(summary)
			families[summary] = f
		}
		return f
	}
	// A program's distribution is the program's, wherever its commands
	// were written down: a cheat sheet for dnf has no summary, dnf's tldr
	// page says Fedora.
	programFamily := map[string]string{}
	for i := range snippets {
		if snippets[i].Summary == "" {
			continue
		}
		t := strings.ToLower(snippets[i].Tool)
		f := familyOfSummary(snippets[i].Summary)
		if f == "" {
			continue // a page that names no distribution says nothing
		}
		if old, seen := programFamily[t]; !seen {
			programFamily[t] = f
		} else if old != f {
			programFamily[t] = "" // pages disagree: no family
		}
	}
	for gi, members := range groups {
		best := members[0]
		bestScore := descriptionScore(&snippets[best])
		for _, i := range members[1:] {
			if s := descriptionScore(&snippets[i]); s > bestScore {
				best, bestScore = i, s
			}
		}
		e := Entry{Snippet: snippets[best], Position: position[best]}
		head, _ := vocab.SplitCommand(spelled(&e.Snippet))
		e.Familiar = tools.Familiar(e.Snippet.Tool, head)
		e.Listed = tools.Lists(strings.ToLower(strings.TrimSpace(e.Snippet.Tool)))
		e.Platform = platform(&e.Snippet)
		e.Family = familyOfSummary(e.Snippet.Summary)
		if e.Family == "" {
			e.Family = programFamily[strings.ToLower(e.Snippet.Tool)]
		}
		for _, i := range members {
			if i != best {
				e.Also = append(e.Also, snippets[i])
			}
		}
		entries[gi] = e
	}
	setPipes(entries)
	return entries
}

// setPipes works out every entry's Pipe from what all of them show.
func setPipes(entries []Entry) {
	uses := make([]vocab.PipeUse, len(entries))
	onEveryCore(len(entries), vocab.NewParser, func(p *syntax.Parser, i int) {
		s := &entries[i].Snippet
		uses[i] = vocab.PipeUseOf(p, s.Command, s.Origin)
	})
	ev := vocab.PipeEvidence{}
	for i := range uses {
		ev.Add(uses[i])
	}
	for i := range entries {
		entries[i].Pipe = ev.Pipe(uses[i])
	}
}

// descriptionScore ranks how well a description tells what a command does.
// Longer is better up to a sentence's worth of words, because "follow logs
// in real-time" says more than "logs"; a description that merely repeats
// the heading or the tool, that introduces the command ("We run it
// with:"), or that is a whole paragraph, tells less.
func descriptionScore(s *snippet.Snippet) int {
	d := strings.TrimSpace(s.Description)
	if d == "" {
		return -1000
	}
	words := len(strings.Fields(d))
	score := min(words, 12) * 10
	switch {
	case strings.EqualFold(d, strings.TrimSpace(s.Command)):
		score -= 200
	case strings.EqualFold(d, strings.TrimSpace(s.Section)), strings.EqualFold(d, s.Tool):
		score -= 100
	}
	if strings.HasSuffix(d, ":") {
		score -= 60
	}
	if words > 20 {
		score -= (words - 20) * 5
	}
	return score
}

// distinct returns the non-empty values that field yields over every
// occurrence, first spelling kept, compared without regard to case.
func (e *Entry) distinct(field func(*snippet.Snippet) []string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s *snippet.Snippet) {
		for _, v := range field(s) {
			v = strings.TrimSpace(v)
			k := strings.ToLower(v)
			if v == "" || seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, v)
		}
	}
	add(&e.Snippet)
	for i := range e.Also {
		add(&e.Also[i])
	}
	return out
}

// entryFormat is the first byte of a stored entry; decoding rejects any
// other value, so a format change cannot be misread (schemaRevision makes
// old caches rebuild anyway).
const entryFormat = 4

// encode writes the entry in a compact length-prefixed form: results are
// decoded on every query, and this costs a fraction of JSON's time.
func (e *Entry) encode() []byte {
	b := make([]byte, 0, 256)
	b = append(b, entryFormat)
	var flags byte
	if e.Familiar {
		flags |= flagFamiliar
	}
	if e.Pipe.Reads {
		flags |= flagReads
	}
	if e.Pipe.Pipeline {
		flags |= flagPipeline
	}
	if e.Pipe.Writes {
		flags |= flagWrites
	}
	if e.Listed {
		flags |= flagListed
	}
	b = append(b, flags, e.Pipe.Operands)
	b = appendString(b, e.Platform)
	b = appendString(b, e.Family)
	b = binary.AppendUvarint(b, uint64(e.Position))
	b = binary.AppendUvarint(b, uint64(1+len(e.Also)))
	b = appendSnippet(b, &e.Snippet)
	for i := range e.Also {
		b = appendSnippet(b, &e.Also[i])
	}
	return b
}

// The flags byte after the format: a familiar entry, and its Pipe (whose
// Operands is the next byte).
const (
	flagFamiliar = 1 << iota
	flagReads
	flagPipeline
	flagListed
	flagWrites
)

func appendSnippet(b []byte, s *snippet.Snippet) []byte {
	for _, v := range [...]string{s.Command, s.Description, s.Tool, s.Section, s.Source, s.Origin} {
		b = appendString(b, v)
	}
	b = binary.AppendUvarint(b, uint64(max(s.Line, 0)))
	b = binary.AppendUvarint(b, uint64(len(s.Tags)))
	for _, t := range s.Tags {
		b = appendString(b, t)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errBadEntry = Damaged(errors.New("index: stored entry is damaged"))

// DecodeEntry decodes the stored FieldData value of a document.
func DecodeEntry(data []byte) (Entry, error) {
	d := decoder{b: data}
	if len(data) == 0 || data[0] != entryFormat {
		return Entry{}, errBadEntry
	}
	if len(data) < 3 {
		return Entry{}, errBadEntry
	}
	flags := data[1]
	e := Entry{Familiar: flags&flagFamiliar != 0, Listed: flags&flagListed != 0,
		Pipe: vocab.Pipe{Reads: flags&flagReads != 0, Pipeline: flags&flagPipeline != 0, Writes: flags&flagWrites != 0, Operands: data[2]}}
	d.b = d.b[3:]
	e.Platform = d.string()
	e.Family = d.string()
	e.Position = int(d.uvarint())
	n := d.uvarint()
	if d.err != nil || n == 0 || n > uint64(len(data)) {
		return Entry{}, errBadEntry
	}
	e.Snippet = d.snippet()
	if n > 1 {
		e.Also = make([]snippet.Snippet, n-1)
		for i := range e.Also {
			e.Also[i] = d.snippet()
		}
	}
	if d.err != nil {
		return Entry{}, d.err
	}
	return e, nil
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errBadEntry
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) string() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.b)) {
		d.err = errBadEntry
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) snippet() snippet.Snippet {
	var s snippet.Snippet
	s.Command = d.string()
	s.Description = d.string()
	s.Tool = d.string()
	s.Section = d.string()
	s.Source = d.string()
	s.Origin = d.string()
	s.Line = int(d.uvarint())
	nt := d.uvarint()
	if nt > uint64(len(d.b)) {
		d.err = errBadEntry
		return s
	}
	if nt > 0 {
		s.Tags = make([]string, nt)
		for i := range s.Tags {
			s.Tags[i] = d.string()
		}
	}
	return s
}
