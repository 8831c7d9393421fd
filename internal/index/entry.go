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
	// Familiar is vocab.Tools.Familiar(Snippet.Tool, its head), worked out by Merge
	// and stored: a query then never parses the tool list.
	Familiar bool
	// Listed is set when the tool list knows the program at all, if not
	// this subcommand of it.
	Listed bool
	// Pipe is what the collections say about the command after a |,
	// from all of them: every segment of the index (see Index.Entry).
	Pipe vocab.Pipe
	// Platform is the tldr platform the command's page is filed under
	// (osx, windows, ...; "" for common pages and other sources), Family
	// the Linux distribution family its page says the program belongs to,
	// or else any page of the program in the index ("" for none).
	Platform, Family string
	// Position is where the shown occurrence stands among the commands of
	// its source, from 0: collections list the common use of a program
	// first and its particular cases after.
	Position int

	// What a segment stores for the statistics of an index of several
	// (see compose.go): the shown occurrence's place among all of them
	// in source order, the family the shown occurrence's own page names,
	// what the command shows about pipes, and its document's length.
	shown   int
	family  string
	use     vocab.PipeUse
	lengths docLengths
}

// Merge groups snippets by command (snippet.Key), in order of first
// appearance. Each group's shown occurrence is the one with the most
// informative description; the rest keep their order in Also. Family and
// Pipe are worked out from these snippets alone.
func Merge(snippets []snippet.Snippet) []Entry {
	entries, families := merge(snippets, vocab.DefaultTools())
	ev := vocab.PipeEvidence{}
	for i := range entries {
		ev.Add(entries[i].use)
	}
	for i := range entries {
		entries[i].resolve(families.get, families.platform, ev.Pipe)
	}
	return entries
}

// merge groups snippets into entries as Merge does, leaving Family and
// Pipe to be resolved over the whole index (Entry.resolve), and returns
// the families the snippets' pages name for their programs.
func merge(snippets []snippet.Snippet, tools vocab.Tools) ([]Entry, familyTable) {
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
	summaries := map[string]string{}
	familyOfSummary := func(summary string) string {
		f, ok := summaries[summary]
		if !ok {
			f = vocab.Family(summary)
			summaries[summary] = f
		}
		return f
	}
	families := familyTable{}
	for i := range snippets {
		if snippets[i].Origin == snippet.OriginTldr {
			families.addPlatform(snippets[i].Tool, platform(&snippets[i]))
		}
		if snippets[i].Summary == "" {
			continue
		}
		families.add(snippets[i].Tool, familyOfSummary(snippets[i].Summary))
	}
	// A program whose pages name no distribution may be known to the
	// tool list as one's (yum, whose tldr page is an alias's, and
	// whose cheat sheets have no summary).
	asked := map[string]bool{}
	for i := range snippets {
		tool := strings.ToLower(snippets[i].Tool)
		if _, ok := families[tool]; ok || asked[tool] || tool == "" {
			continue
		}
		asked[tool] = true
		if f := vocab.Family(tools.About(tool, "")); f != "" {
			families[tool] = f
		}
	}
	for gi, members := range groups {
		occ := make([]snippet.Snippet, len(members))
		for k, i := range members {
			occ[k] = snippets[i]
		}
		shown := shownOf(occ)
		e := entryOf(occ, shown, tools)
		e.Position = position[members[shown]]
		e.family = familyOfSummary(e.Snippet.Summary)
		entries[gi] = e
	}
	onEveryCore(len(entries), vocab.NewParser, func(p *syntax.Parser, i int) {
		s := &entries[i].Snippet
		entries[i].use = vocab.PipeUseOf(p, s.Command, s.Origin)
	})
	return entries, families
}

// shownOf is the occurrence shown of a command found in several places:
// the first of those with the most informative description.
func shownOf(occ []snippet.Snippet) int {
	best, bestScore := 0, descriptionScore(&occ[0])
	for k := 1; k < len(occ); k++ {
		if s := descriptionScore(&occ[k]); s > bestScore {
			best, bestScore = k, s
		}
	}
	return best
}

// entryOf is the entry of a command's occurrences, in source order, shown
// as occ[shown], with what the tool list says of it.
func entryOf(occ []snippet.Snippet, shown int, tools vocab.Tools) Entry {
	e := Entry{Snippet: occ[shown], shown: shown}
	head, _ := vocab.SplitCommand(spelled(&e.Snippet))
	e.Familiar = tools.Familiar(e.Snippet.Tool, head)
	e.Listed = tools.Lists(strings.ToLower(strings.TrimSpace(e.Snippet.Tool)))
	e.Platform = platform(&e.Snippet)
	for k := range occ {
		if k != shown {
			e.Also = append(e.Also, occ[k])
		}
	}
	return e
}

// occurrences are the places the command was found, in source order.
func (e *Entry) occurrences() []snippet.Snippet {
	occ := make([]snippet.Snippet, 0, 1+len(e.Also))
	occ = append(occ, e.Also[:e.shown]...)
	occ = append(occ, e.Snippet)
	return append(occ, e.Also[e.shown:]...)
}

// resolve works out Family, Platform and Pipe from what the whole index
// says: the families its pages name for each program (family), the one
// platform its tldr pages are filed under (platform), and what all its
// commands show about pipes (pipe).
func (e *Entry) resolve(family, platform func(program string) string, pipe func(vocab.PipeUse) vocab.Pipe) {
	e.Family = e.family
	if e.Family == "" {
		e.Family = family(e.Snippet.Tool)
	}
	if e.Platform == "" {
		e.Platform = platform(e.Snippet.Tool)
	}
	e.Pipe = pipe(e.use)
}

// familyTable is the distribution family the pages of an index name for
// each program (lower case): a program's distribution is the program's,
// wherever its commands were written down (a cheat sheet for dnf has no
// summary; dnf's tldr page says Fedora). Pages that disagree leave it
// none, as familyConflict.
type familyTable map[string]string

const familyConflict = "-"

// add records that a page of program names family ("" for none, which
// says nothing).
func (t familyTable) add(program, family string) {
	if family == "" {
		return
	}
	p := strings.ToLower(program)
	if old, seen := t[p]; !seen {
		t[p] = family
	} else if old != family {
		t[p] = familyConflict
	}
}

// A program's platform is where its tldr pages are filed, when they are
// all filed under one (diskutil: osx): a cheat sheet or a navi cheat for
// it, which says nothing of where it runs, runs there too. It is kept in
// the same table, under a key no program name has, so that it is stored
// and combined across segments as the families are.
func platformKey(program string) string { return "@" + strings.ToLower(program) }

// commonPlatform stands for tldr's pages for every platform (common/).
const commonPlatform = "common"

// addPlatform records that a tldr page of program is filed under
// platform ("" for common).
func (t familyTable) addPlatform(program, platform string) {
	if platform == "" {
		platform = commonPlatform
	}
	k := platformKey(program)
	if old, seen := t[k]; !seen {
		t[k] = platform
	} else if old != platform {
		t[k] = familyConflict
	}
}

// platform is the one platform program's tldr pages are filed under, ""
// when they are common, several or none.
func (t familyTable) platform(program string) string {
	return onePlatform(t[platformKey(program)])
}

func onePlatform(v string) string {
	if v == familyConflict || v == commonPlatform {
		return ""
	}
	return v
}

// get is the family of program's pages, "" when none or several.
func (t familyTable) get(program string) string {
	if f := t[strings.ToLower(program)]; f != familyConflict {
		return f
	}
	return ""
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
const entryFormat = 5

// encode writes the entry in a compact length-prefixed form: results are
// decoded on every query, and this costs a fraction of JSON's time. It
// holds what the entry's Family and Pipe are resolved from, not them.
func (e *Entry) encode() []byte {
	b := make([]byte, 0, 256)
	b = append(b, entryFormat)
	var flags byte
	if e.Familiar {
		flags |= flagFamiliar
	}
	if e.Listed {
		flags |= flagListed
	}
	if e.use.Parsed {
		flags |= flagParsed
	}
	if e.use.Pipeline {
		flags |= flagPipeline
	}
	b = append(b, flags)
	b = appendString(b, e.Platform)
	b = appendString(b, e.family)
	b = binary.AppendUvarint(b, uint64(e.Position))
	b = binary.AppendUvarint(b, uint64(e.shown))
	b = appendString(b, e.use.First)
	b = binary.AppendUvarint(b, uint64(len(e.use.Later)))
	for k, prog := range e.use.Later {
		b = appendString(b, prog)
		b = binary.AppendUvarint(b, uint64(e.use.Operands[k]))
	}
	for _, n := range e.lengths {
		b = binary.AppendUvarint(b, uint64(n))
	}
	occ := e.occurrences()
	b = binary.AppendUvarint(b, uint64(len(occ)))
	for i := range occ {
		b = appendSnippet(b, &occ[i])
	}
	return b
}

// The flags byte after the format.
const (
	flagFamiliar = 1 << iota
	flagListed
	flagParsed
	flagPipeline
)

func appendSnippet(b []byte, s *snippet.Snippet) []byte {
	for _, v := range [...]string{s.Command, s.Description, s.Tool, s.Section, s.Source, s.Origin} {
		b = appendString(b, v)
	}
	b = binary.AppendUvarint(b, uint64(max(s.Line, 0)))
	b = appendStrings(b, s.Tags)
	if s.Indexed == nil {
		return append(b, 0)
	}
	b = append(b, 1)
	x := s.Indexed
	for _, v := range [...]string{x.Head, x.Body, x.Spelled, x.Platform} {
		b = appendString(b, v)
	}
	return appendStrings(b, x.Topics)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}

var errBadEntry = Damaged(errors.New("index: stored entry is damaged"))

// decodeEntry decodes the stored FieldData value of a document; Family
// and Pipe are left to be resolved.
func decodeEntry(data []byte) (Entry, error) {
	if len(data) < 2 || data[0] != entryFormat {
		return Entry{}, errBadEntry
	}
	flags := data[1]
	d := decoder{b: data[2:]}
	e := Entry{Familiar: flags&flagFamiliar != 0, Listed: flags&flagListed != 0}
	e.use.Parsed, e.use.Pipeline = flags&flagParsed != 0, flags&flagPipeline != 0
	e.Platform = d.string()
	e.family = d.string()
	e.Position = int(d.uvarint())
	e.shown = int(d.uvarint())
	e.use.First = d.string()
	if n := d.count(); n > 0 {
		e.use.Later = make([]string, n)
		e.use.Operands = make([]int, n)
		for k := range e.use.Later {
			e.use.Later[k] = d.string()
			e.use.Operands[k] = int(d.uvarint())
			if e.use.Operands[k] >= len(vocab.ProgramEvidence{}.Operands) {
				d.err = errBadEntry
			}
		}
	}
	for k := range e.lengths {
		e.lengths[k] = uint32(d.uvarint())
	}
	n := d.count()
	if d.err != nil || n == 0 || e.shown >= n {
		return Entry{}, errBadEntry
	}
	e.Also = make([]snippet.Snippet, 0, n-1)
	for k := range n {
		s := d.snippet()
		if k == e.shown {
			e.Snippet = s
		} else {
			e.Also = append(e.Also, s)
		}
	}
	if len(e.Also) == 0 {
		e.Also = nil
	}
	if d.err != nil || len(d.b) != 0 {
		return Entry{}, errBadEntry
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

// count reads a number of things that follow, each at least a byte long.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.err = errBadEntry
		return 0
	}
	return int(n)
}

func (d *decoder) string() string {
	n := d.count()
	if d.err != nil {
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) strings() []string {
	n := d.count()
	if n == 0 || d.err != nil {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.string()
	}
	return out
}

func (d *decoder) byte() byte {
	if d.err != nil || len(d.b) == 0 {
		d.err = errBadEntry
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
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
	s.Tags = d.strings()
	switch d.byte() {
	case 0:
	case 1:
		x := &snippet.Indexed{}
		x.Head, x.Body, x.Spelled, x.Platform = d.string(), d.string(), d.string(), d.string()
		x.Topics = d.strings()
		s.Indexed = x
	default:
		d.err = errBadEntry
	}
	return s
}
