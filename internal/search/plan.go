package search

import (
	"context"
	"errors"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/howcli/how/internal/index"
)

// planner builds the alternatives of a query against one index.
type planner struct {
	ix   *index.Index
	m    mapping.IndexMapping
	r    bindex.IndexReader
	cmd  analysis.Analyzer
	text analysis.Analyzer
	// named is set when a word of the query names a program in the index.
	named bool
	// piped is Query.Piped.
	piped bool
	// weight is each word's weight in the coverage (see weights), total
	// the documents in the index.
	weight []float64
	total  uint64
}

func newPlanner(ix *index.Index, r bindex.IndexReader) (*planner, error) {
	m := ix.Mapping()
	p := &planner{
		ix:   ix,
		m:    m,
		r:    r,
		cmd:  m.AnalyzerNamed(index.AnalyzerCommand),
		text: m.AnalyzerNamed(index.AnalyzerText),
	}
	if p.cmd == nil || p.text == nil {
		return nil, errors.New("search: index has an unknown mapping")
	}
	return p, nil
}

// altKind says how an alternative relates to what the user typed.
type altKind uint8

const (
	exact   altKind = iota // the word itself, analyzed like the field
	synonym                // a synonym of it, from the index's synonym table
	approx                 // a fuzzy match, for a word that matched nothing
)

// alt is one way a query word can match: a field and what to look for in
// it.
type alt struct {
	field string
	q     query.Query
	kind  altKind
	// text and boost are kept to find an exact alternative's synonyms.
	text  string
	boost float64
}

func exactMatch(field, text string, boost float64) alt {
	return alt{field: field, q: matchQ(text, field, boost), text: text, boost: boost}
}

func exactTerm(field, term string, boost float64) alt {
	return alt{field: field, q: termQ(term, field, boost), text: term, boost: boost}
}

// plan returns, for each word, the alternatives that match it: exact ones
// in every field, their synonyms, and for words marked in fuzzy,
// approximate ones.
func (p *planner) plan(words []word, fuzzy []bool) ([][]alt, error) {
	out := make([][]alt, len(words))
	p.named = p.namesTool(words)
	for i, w := range words {
		if w.flag {
			// Flags live in commands only; the cmdline analyzer keeps them
			// exact (-f is not -F) and expands clusters (-xzf) the same way
			// it did at indexing.
			out[i] = []alt{exactMatch(index.FieldCommand, w.raw, boostCommand)}
			continue
		}
		alts := []alt{
			exactTerm(index.FieldTool, w.norm, boostTool),
			exactMatch(index.FieldCommand, w.raw, boostCommand),
			exactMatch(index.FieldDescription, w.raw, boostDesc),
			exactMatch(index.FieldAbout, w.raw, boostAbout),
			exactMatch(index.FieldSection, w.raw, boostSection),
			exactMatch(index.FieldTags, w.raw, boostTags),
			exactMatch(index.FieldBody, w.raw, boostBody),
		}
		// Compound names are often typed as two words: ansible-playbook,
		// pg_dump, --from-file ("from file").
		for _, c := range w.compounds {
			for _, sep := range []string{"-", "_"} {
				alts = append(alts,
					exactTerm(index.FieldTool, c[0]+sep+c[1], boostTool),
					exactTerm(index.FieldCommand, c[0]+sep+c[1], boostCommand))
			}
		}
		if fuzzy != nil && fuzzy[i] {
			alts = append(alts, p.fuzzy(w)...)
		}
		out[i] = alts
	}
	if err := p.addSynonyms(words, out); err != nil {
		return nil, err
	}
	return out, nil
}

// addSynonyms adds, for every exact alternative, its synonyms from the
// synonym table stored with the index, and the multi-word ones.
//
// Each synonym is an alternative of its own, counting half, whatever the
// size of its group: scored inside one disjunction with the term (as
// bleve's synonym search does), a synonym from a group of six would count
// a twelfth of the word.
func (p *planner) addSynonyms(words []word, alts [][]alt) error {
	// A field's term answers one query word at most: "free disk
	// space" must not let a description's "storage" stand for both
	// disk and space. A word's own terms are its first; a synonym
	// goes to the first word that reaches it.
	owner := map[string]int{}
	for i, as := range alts {
		for _, a := range as {
			if a.kind == exact {
				for _, t := range p.analyze(a) {
					if _, ok := owner[a.field+"\x00"+t]; !ok {
						owner[a.field+"\x00"+t] = i
					}
				}
			}
		}
	}
	for i, as := range alts {
		seen := map[string]bool{}
		for _, a := range as {
			if a.kind == exact {
				for _, t := range p.analyze(a) {
					seen[a.field+"\x00"+t] = true
				}
			}
		}
		for _, a := range as {
			// Synonyms in the section or tags would only place a
			// command in a wider neighbourhood, at the price of
			// walking long posting lists.
			//
			// The tool list's words help find the program for a
			// question that does not name it; once a word does,
			// their synonyms only walk the long posting lists that
			// every command of a popular program shares.
			if a.kind != exact || !index.HasSynonyms(a.field) || classOf(a.field) == inContext ||
				(a.field == index.FieldAbout && p.named) {
				continue
			}
			for _, t := range p.analyze(a) {
				for _, s := range p.ix.Synonyms(a.field, t) {
					k := a.field + "\x00" + s
					if w, ok := owner[k]; seen[k] || ok && w != i {
						continue
					}
					seen[k] = true
					owner[k] = i
					alts[i] = append(alts[i], alt{field: a.field, q: termQ(s, a.field, a.boost*boostSynonym), kind: synonym})
				}
			}
		}
	}
	stems := make([][]string, len(words))
	for i, w := range words {
		if !w.flag {
			stems[i] = terms(p.text, w.raw)
		}
	}
	var all []string
	for _, ss := range stems {
		all = append(all, ss...)
	}
	for i, qs := range phraseTable(p.ix.PhraseGroupsWith(all)).alternatives(stems) {
		for _, q := range qs {
			alts[i] = append(alts[i], alt{field: index.FieldDescription, q: q, kind: synonym})
		}
	}
	return nil
}

// analyze returns the terms an exact alternative looks for.
func (p *planner) analyze(a alt) []string {
	switch a.q.(type) {
	case *query.MatchQuery:
		if an := p.m.AnalyzerNamed(p.m.AnalyzerNameForPath(a.field)); an != nil {
			return terms(an, a.text)
		}
	}
	return []string{a.text}
}

// fuzzy returns the approximate alternatives of a word that matched
// nothing. Prefix 1: people rarely get the first letter wrong, and it cuts
// the candidate terms tenfold.
func (p *planner) fuzzy(w word) []alt {
	f := fuzzyEdits
	tool := query.NewFuzzyQuery(w.norm)
	tool.SetField(index.FieldTool)
	tool.SetFuzziness(f)
	tool.SetPrefix(1)
	tool.SetBoost(boostTool * boostFuzzy)
	cmd := query.NewFuzzyQuery(w.norm)
	cmd.SetField(index.FieldCommand)
	cmd.SetFuzziness(f)
	cmd.SetPrefix(1)
	cmd.SetBoost(boostCommand * boostFuzzy)
	desc := matchQ(w.raw, index.FieldDescription, boostDesc*boostFuzzy)
	desc.SetFuzziness(f)
	desc.SetPrefix(1)
	alts := []alt{
		{field: index.FieldTool, q: tool, kind: approx},
		{field: index.FieldCommand, q: cmd, kind: approx},
		{field: index.FieldDescription, q: desc, kind: approx},
	}
	// The stemmer cuts a misspelt word where it would cut the word, or
	// not: "proces" becomes "proce", two edits from "process". The word
	// as typed is compared with the indexed stems as well.
	if st := terms(p.text, w.raw); len(st) == 1 && st[0] != w.norm {
		raw := query.NewFuzzyQuery(w.norm)
		raw.SetField(index.FieldDescription)
		raw.SetFuzziness(f)
		raw.SetPrefix(1)
		raw.SetBoost(boostDesc * boostFuzzy)
		alts = append(alts, alt{field: index.FieldDescription, q: raw, kind: approx})
	}
	return alts
}

// terms analyzes s with a and returns the distinct terms.
func terms(a analysis.Analyzer, s string) []string {
	var out []string
	for _, t := range a.Analyze([]byte(s)) {
		term := string(t.Term)
		dup := false
		for _, o := range out {
			if o == term {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, term)
		}
	}
	return out
}

// phraseTable is the index's multi-word synonym groups.
type phraseTable []index.PhraseGroup

// alternatives returns, per query word (given as its description terms),
// the extra clauses contributed by multi-word synonyms: a query phrase
// that is one ("open port") adds its group's other terms to each of its
// words; a query word whose group has a multi-word term adds that phrase
// (as all of its words, in descriptions).
func (t phraseTable) alternatives(stems [][]string) [][]query.Query {
	out := make([][]query.Query, len(stems))
	// The query as a sequence of stems, each remembering its word.
	var seq []string
	var owner []int
	for i, ss := range stems {
		for _, s := range ss {
			seq = append(seq, s)
			owner = append(owner, i)
		}
	}
	for gi, g := range t {
		for ti, term := range g.Terms {
			at := indexSeq(seq, term)
			if at < 0 {
				continue
			}
			others := t.targets(gi, ti)
			if len(others) == 0 {
				continue
			}
			qs := phraseClauses(others)
			seen := map[int]bool{}
			for k := at; k < at+len(term); k++ {
				if w := owner[k]; !seen[w] {
					seen[w] = true
					out[w] = append(out[w], qs...)
				}
			}
		}
	}
	return out
}

// targets lists the terms that term ti of group gi stands for, skipping
// single-word ones when the term itself is a single word: the thesaurus
// covers that pair.
func (t phraseTable) targets(gi, ti int) [][]string {
	g, in := t[gi].Terms, t[gi].Input
	hasInput := false
	for _, b := range in {
		hasInput = hasInput || b
	}
	if hasInput && !in[ti] {
		return nil // a one-way target stands for nothing
	}
	var out [][]string
	for j, other := range g {
		if j == ti || in[j] {
			continue
		}
		if len(g[ti]) == 1 && len(other) == 1 {
			continue
		}
		out = append(out, other)
	}
	return out
}

func phraseClauses(seqs [][]string) []query.Query {
	var qs []query.Query
	for _, s := range seqs {
		if len(s) == 1 {
			qs = append(qs, termQ(s[0], index.FieldDescription, boostDesc*boostSynonym))
			continue
		}
		// A conjunction adds its parts' scores: share the weight so the
		// phrase counts as one synonym, not one per word.
		parts := make([]query.Query, len(s))
		for i, w := range s {
			parts[i] = termQ(w, index.FieldDescription, boostDesc*boostSynonym/float64(len(s)))
		}
		qs = append(qs, query.NewConjunctionQuery(parts))
	}
	return qs
}

func indexSeq(seq, sub []string) int {
	if len(sub) == 0 || len(sub) > len(seq) {
		return -1
	}
outer:
	for i := 0; i+len(sub) <= len(seq); i++ {
		for j := range sub {
			if seq[i+j] != sub[j] {
				continue outer
			}
		}
		return i
	}
	return -1
}

// namesTool reports whether a word of the query is the name of a program
// in the index: a dictionary lookup per word.
func (p *planner) namesTool(words []word) bool {
	for _, w := range words {
		if w.flag {
			continue
		}
		tfr, err := p.r.TermFieldReader(context.Background(), []byte(w.norm), index.FieldTool, false, false, false)
		if err != nil {
			continue
		}
		n := tfr.Count()
		_ = tfr.Close()
		if n > 0 {
			return true
		}
	}
	return false
}
