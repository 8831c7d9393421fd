package search

import (
	"errors"
	"math"
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/vocab"
)

// planner builds the alternatives of a query against one index.
type planner struct {
	ix   *index.Index
	m    mapping.IndexMapping
	r    bindex.IndexReader
	cmd  analysis.Analyzer
	text analysis.Analyzer
	// named is set when a word of the query names a program (see names).
	named bool
	// piped is Query.Piped.
	piped bool
	// platform and family are the system the answers are for (see
	// Host.wants); has says which programs it has (Host.Has).
	platform, family string
	has              func(string) bool
	// namedSystem is set when the question names the system.
	namedSystem bool
	// weight is each word's weight in the coverage (see weights), idf its
	// weight in the score (see score.go), total the documents in the
	// index.
	weight, idf []float64
	total       uint64
	// unknown[i] is set when word i is in no document (see
	// misspelt); names[i] when it names a program (see weights).
	unknown, names []bool
	// namesAny is set when a word of the query is mostly a program's
	// name (see strongNamingShare).
	namesAny bool
	// avg is each field's average length, where it is present.
	avg map[string]float64
}

func newPlanner(ix *index.Index, r bindex.IndexReader) (*planner, error) {
	m := ix.Mapping()
	p := &planner{
		ix:   ix,
		m:    m,
		r:    r,
		cmd:  m.AnalyzerNamed(index.AnalyzerCommand),
		text: m.AnalyzerNamed(index.AnalyzerText),
		avg:  map[string]float64{},
	}
	if p.cmd == nil || p.text == nil {
		return nil, errors.New("search: index has an unknown mapping")
	}
	lengths := ix.FieldLengths()
	if lengths == nil {
		return nil, errors.New("search: index statistics are damaged")
	}
	for f, l := range lengths {
		p.avg[f] = l.Average()
	}
	return p, nil
}

// altKind says how an alternative relates to what the user typed.
type altKind uint8

const (
	exact   altKind = iota // the word itself, analyzed like the field
	synonym                // a synonym of it, from the index's synonym table
	approx                 // a fuzzy match, for a word that matched nothing
	related                // a word used for the same thing (internal/vocab)
)

// alt is one way a query word can match: terms in one field, and how much
// a match there weighs (the field's weight, times less for what the user
// did not type).
type alt struct {
	field string
	terms []string
	kind  altKind
	// weight is what one occurrence of the word counts in the field. The
	// terms of an analyzed word ("real-time": real, time) share it; each
	// of a fuzzy word's candidates (any) has it whole, since any one of
	// them is the word.
	weight float64
	any    bool
	// all makes the terms a phrase (a multi-word synonym): it matches
	// where every one of them is, as often as the rarest.
	all bool
	// sim is a related word's similarity to the word (see addRelated).
	sim float64
}

// exact is the word (or text) in a field, analyzed as the field is.
func (p *planner) exact(field, text string, weight float64) alt {
	return alt{field: field, terms: p.analyze(field, text), weight: weight}
}

func boostOf(field string) float64 {
	if field == index.FieldAbout {
		return boostAbout
	}
	return boostDesc
}

// exactTerm is one term, taken as it is.
func exactTerm(field, term string, weight float64) alt {
	return alt{field: field, terms: []string{term}, weight: weight}
}

// plan returns, for each word, the alternatives that match it: exact ones
// in every field, their synonyms, and for words marked in fuzzy,
// approximate ones.
func (p *planner) plan(words []word, fuzzy []bool) ([][]alt, error) {
	out := make([][]alt, len(words))
	// A word names a program as weights judged it: "restart", the name
	// of one rare command among hundreds that say the word, leaves the
	// question without a program named.
	p.named = slices.Contains(p.names, true)
	for i, w := range words {
		if w.flag {
			// Flags live in commands only; the cmdline analyzer keeps them
			// exact (-f is not -F) and expands clusters (-xzf) the same way
			// it did at indexing.
			out[i] = []alt{p.exact(index.FieldCommand, w.raw, boostCommand)}
			continue
		}
		alts := []alt{
			exactTerm(index.FieldTool, w.norm, boostTool),
			p.exact(index.FieldCommand, w.raw, boostCommand),
			// Option names are words of the command, analyzed as such.
			{field: index.FieldOptions, terms: p.analyze(index.FieldCommand, w.raw), weight: boostOptions},
			p.exact(index.FieldDescription, w.raw, boostDesc),
			p.exact(index.FieldAbout, w.raw, boostAbout),
			p.exact(index.FieldSection, w.raw, boostSection),
			p.exact(index.FieldTags, w.raw, boostTags),
			p.exact(index.FieldBody, w.raw, boostBody),
		}
		// Compound names are often typed as two words: ansible-playbook,
		// pg_dump, --from-file ("from file").
		for _, c := range w.compounds {
			for _, sep := range []string{"-", "_"} {
				alts = append(alts,
					exactTerm(index.FieldTool, c[0]+sep+c[1], boostTool),
					exactTerm(index.FieldCommand, c[0]+sep+c[1], boostCommand),
					exactTerm(index.FieldOptions, c[0]+sep+c[1], boostCommand))
			}
		}
		if vocab.Distribution(w.norm, "linux") != "" {
			// A distribution named as what is asked about ("the Ubuntu
			// version"), not where (that is the setting, gone by now):
			// commands say "distribution" for any of them.
			for _, f := range []string{index.FieldDescription, index.FieldAbout} {
				a := p.exact(f, "distribution", boostOf(f)*boostSynonym)
				a.kind = synonym
				alts = append(alts, a)
			}
		}
		if fuzzy != nil && fuzzy[i] {
			fz, err := p.fuzzy(w)
			if err != nil {
				return nil, err
			}
			alts = append(alts, fz...)
		}
		out[i] = alts
	}
	p.addSynonyms(words, out)
	p.addRelated(words, out)
	return out, nil
}

// addRelated lets each word reach the words people use for the same thing
// (internal/vocab: folder for directory, wipe for erase), in what commands
// are said to do, below the word's own weight and in proportion to how
// alike the two are used. A term another word of the query reaches
// itself is left to that word.
func (p *planner) addRelated(words []word, alts [][]alt) {
	reached := map[string]bool{}
	for _, as := range alts {
		for _, a := range as {
			if a.field == index.FieldDescription && a.kind != approx {
				for _, t := range a.terms {
					reached[t] = true
				}
			}
		}
	}
	for i, w := range words {
		if w.flag {
			continue
		}
		for _, t := range terms(p.text, w.raw) {
			for _, n := range vocab.Related(t) {
				if reached[n.Word] {
					continue
				}
				reached[n.Word] = true
				sim := relatedShare(n.Sim)
				alts[i] = append(alts[i], alt{field: index.FieldDescription, terms: []string{n.Word},
					weight: boostDesc * boostRelated * sim, kind: related, sim: sim})
				if !p.named {
					alts[i] = append(alts[i], alt{field: index.FieldAbout, terms: []string{n.Word},
						weight: boostAbout * boostRelated * sim, kind: related, sim: sim})
				}
			}
		}
	}
}

// relatedShare is how much of a word a neighbour stands for, from the
// table's figure: the share of the word's translations that come back as
// the neighbour. A word translated many ways spreads its share thin
// (computer: calculator 0.53, machine 0.05), and a neighbour right for
// the question would count a twentieth of the word. The square root keeps
// the order and the ceiling (a neighbour never counts more than the word)
// and narrows the range: 0.05 counts 0.22, 0.60 counts 0.77. On the corpus
// queries' dev split: 0.727/0.858 with the figure as it is, 0.738/0.869
// with its square root; the external held-out set 0.956 and 0.978. The
// powers 0.7 to 0.85 did no better; leaving out the neighbours under
// 0.05, which the root lifts to a fifth of the word (make: one 0.04),
// changed nothing measured.
func relatedShare(sim float64) float64 { return math.Sqrt(sim) }

// addSynonyms adds, for every exact alternative, its synonyms from the
// synonym table stored with the index, and the multi-word ones.
//
// Each synonym is an alternative of its own, counting half, whatever the
// size of its group: a synonym from a group of six must not count a
// twelfth of the word.
func (p *planner) addSynonyms(words []word, alts [][]alt) {
	// A field's term answers one query word at most: "free disk
	// space" must not let a description's "storage" stand for both
	// disk and space. A word's own terms are its first; a synonym
	// goes to the first word that reaches it.
	owner := map[string]int{}
	for i, as := range alts {
		for _, a := range as {
			if a.kind == exact {
				for _, t := range a.terms {
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
				for _, t := range a.terms {
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
			for _, t := range a.terms {
				for _, s := range p.ix.Synonyms(a.field, t) {
					k := a.field + "\x00" + s
					if w, ok := owner[k]; seen[k] || ok && w != i {
						continue
					}
					seen[k] = true
					owner[k] = i
					alts[i] = append(alts[i], alt{field: a.field, terms: []string{s}, weight: a.weight * boostSynonym, kind: synonym})
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
	for i, as := range phraseTable(p.ix.PhraseGroupsWith(all)).alternatives(stems) {
		alts[i] = append(alts[i], as...)
	}
}

// analyze returns the terms text stands for in field.
func (p *planner) analyze(field, text string) []string {
	if an := p.m.AnalyzerNamed(p.m.AnalyzerNameForPath(field)); an != nil {
		return terms(an, text)
	}
	return []string{text}
}

// maxFuzzyTerms bounds the candidates of one approximate alternative: a
// short word is within one edit of many terms, and each is a posting list
// to walk.
const maxFuzzyTerms = 64

// fuzzy returns the approximate alternatives of a word that matched
// nothing. Prefix 1: people rarely get the first letter wrong, and it cuts
// the candidate terms tenfold.
func (p *planner) fuzzy(w word) ([]alt, error) {
	var out []alt
	add := func(field, term string, weight float64) error {
		cands, err := p.near(field, term)
		if err != nil || len(cands) == 0 {
			return err
		}
		out = append(out, alt{field: field, terms: cands, weight: weight * boostFuzzy, kind: approx, any: true})
		return nil
	}
	if err := add(index.FieldTool, w.norm, boostTool); err != nil {
		return nil, err
	}
	if err := add(index.FieldCommand, w.norm, boostCommand); err != nil {
		return nil, err
	}
	st := terms(p.text, w.raw)
	for _, t := range st {
		if err := add(index.FieldDescription, t, boostDesc); err != nil {
			return nil, err
		}
	}
	// The stemmer cuts a misspelt word where it would cut the word, or
	// not: "proces" becomes "proce", two edits from "process". The word
	// as typed is compared with the indexed stems as well.
	if len(st) == 1 && st[0] != w.norm {
		if err := add(index.FieldDescription, w.norm, boostDesc); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Two letters typed in the wrong order ("chnage", "memroy") are the
// commonest slip, and two edits apart, where approximate matching looks
// one edit away (memray, for memroy). A word the index lacks, or holds in
// a document or two where the word it makes with two neighbouring letters
// swapped is in slipRatio times as many, is read as that word: with its
// synonyms and related words, as if typed right.
func (p *planner) swapFix(words []word) error {
	for i := range words {
		w := &words[i]
		if w.flag || !fuzzyCandidate(w.norm) {
			continue
		}
		df, err := p.wordDF(*w)
		if err != nil {
			return err
		}
		if df > maxSlipDF {
			continue
		}
		r := []rune(w.norm)
		best, bestDF := "", max(1, df*slipRatio)-1
		for k := 0; k+1 < len(r); k++ {
			if r[k] == r[k+1] {
				continue
			}
			r[k], r[k+1] = r[k+1], r[k]
			cand := string(r)
			r[k], r[k+1] = r[k+1], r[k]
			n, err := p.wordDF(word{raw: cand, norm: cand})
			if err != nil {
				return err
			}
			if n > bestDF {
				best, bestDF = cand, n
			}
		}
		if best != "" {
			w.typed = w.raw
			w.raw, w.norm = best, best
		}
	}
	return nil
}

// wordDF is how many documents have the word in a field that answers it
// (its program, command or description), at most.
func (p *planner) wordDF(w word) (uint64, error) {
	var df uint64
	for _, a := range p.exactAlts(w) {
		for _, t := range a.terms {
			n, err := p.docFreq(a.field, t)
			if err != nil {
				return 0, err
			}
			df = max(df, n)
		}
	}
	return df, nil
}

// near lists the terms of field within fuzzyEdits of term that share its
// first letter.
func (p *planner) near(field, term string) ([]string, error) {
	fr, ok := p.r.(bindex.IndexReaderFuzzy)
	if !ok || term == "" {
		return nil, nil
	}
	_, size := utf8.DecodeRuneInString(term)
	d, err := fr.FieldDictFuzzy(field, term, fuzzyEdits, term[:size])
	if err != nil {
		return nil, err
	}
	defer d.Close()
	var out []string
	for len(out) < maxFuzzyTerms {
		e, err := d.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			break
		}
		if e.Term != term {
			out = append(out, e.Term)
		}
	}
	return out, nil
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
type phraseTable []vocab.PhraseGroup

// alternatives returns, per query word (given as its description terms),
// the extra alternatives contributed by multi-word synonyms: a query
// phrase that is one ("open port") adds its group's other terms to each of
// its words; a query word whose group has a multi-word term adds that
// phrase (as all of its words, in descriptions).
func (t phraseTable) alternatives(stems [][]string) [][]alt {
	out := make([][]alt, len(stems))
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
			as := phraseAlts(others)
			seen := map[int]bool{}
			for k := at; k < at+len(term); k++ {
				if w := owner[k]; !seen[w] {
					seen[w] = true
					out[w] = append(out[w], as...)
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

// phraseAlts makes the description alternatives of synonyms given as
// term sequences: a phrase counts as one synonym, matching where all of
// its words are.
func phraseAlts(seqs [][]string) []alt {
	var as []alt
	for _, s := range seqs {
		as = append(as, alt{field: index.FieldDescription, terms: s, weight: boostDesc * boostSynonym,
			kind: synonym, all: len(s) > 1})
	}
	return as
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
