package index

import (
	"bytes"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/howcli/how/internal/vocab"
)

// synonymTable analyzes the synonym list once per analyzer that a field
// with synonyms uses: each term maps to the terms it may stand for,
// analyzed as that field's text is. "a, b, c" makes each of them stand for
// the others; "a => b, c" makes a stand for b and c only. A term that
// analyzes to anything but one token (a phrase, a stop word) is left to
// the phrase groups.
func synonymTable(m mapping.IndexMapping, groups []vocab.SynonymGroup) map[string]map[string][]string {
	out := map[string]map[string][]string{}
	for _, f := range fields {
		if !f.synonyms || out[f.analyzer] != nil {
			continue
		}
		an := m.AnalyzerNamed(f.analyzer)
		if an == nil {
			continue
		}
		one := func(terms []string) []string {
			var rv []string
			for _, t := range terms {
				if ts := an.Analyze([]byte(t)); len(ts) == 1 {
					rv = append(rv, string(ts[0].Term))
				}
			}
			return rv
		}
		table := map[string][]string{}
		add := func(term string, syns []string) {
			for _, s := range syns {
				if s != term && !slices.Contains(table[term], s) {
					table[term] = append(table[term], s)
				}
			}
		}
		for _, g := range groups {
			terms := one(g.Terms)
			if g.Input != nil {
				for _, in := range one(g.Input) {
					add(in, terms)
				}
				continue
			}
			for _, t := range terms {
				add(t, terms)
			}
		}
		out[f.analyzer] = table
	}
	return out
}

// encodeSynonyms writes the table a line per term: the analyzer, the term
// and its synonyms, separated by NUL bytes (no analyzed term holds one).
func encodeSynonyms(t map[string]map[string][]string) []byte {
	var b []byte
	for _, an := range slices.Sorted(maps.Keys(t)) {
		for _, term := range slices.Sorted(maps.Keys(t[an])) {
			b = append(b, an...)
			b = append(b, 0)
			b = append(b, term...)
			for _, s := range t[an][term] {
				b = append(b, 0)
				b = append(b, s...)
			}
			b = append(b, '\n')
		}
	}
	return b
}

// synonymLines finds a term's line in the encoded table by binary search
// over the line starts: a query looks up a few terms, and decoding the
// whole table would cost more than the rest of the query's planning.
type synonymLines struct {
	data   []byte
	starts []int
}

func newSynonymLines(data []byte) *synonymLines {
	l := &synonymLines{data: data}
	for i := 0; i < len(data); {
		l.starts = append(l.starts, i)
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return l
}

func (l *synonymLines) line(k int) []byte {
	end := len(l.data)
	if k+1 < len(l.starts) {
		end = l.starts[k+1] - 1
	}
	return l.data[l.starts[k]:end]
}

// lookup returns the synonyms on the line that starts with key (the
// analyzer, a NUL, the term, a NUL).
func (l *synonymLines) lookup(key []byte) []string {
	k := sort.Search(len(l.starts), func(k int) bool { return bytes.Compare(l.line(k), key) >= 0 })
	if k == len(l.starts) {
		return nil
	}
	rest, ok := bytes.CutPrefix(l.line(k), key)
	if !ok {
		return nil
	}
	return strings.Split(string(rest), "\x00")
}

// HasSynonyms reports whether the synonym list applies to a field.
func HasSynonyms(field string) bool {
	for _, f := range fields {
		if f.name == field {
			return f.synonyms
		}
	}
	return false
}

// Synonyms returns the terms that term, as the field's analyzer spells
// it, may stand for in the field; none for a field without synonyms.
func (ix *Index) Synonyms(field, term string) []string {
	for _, f := range fields {
		if f.name != field || !f.synonyms {
			continue
		}
		ix.synonymsOnce.Do(func() { ix.synonyms = newSynonymLines(ix.values[keySynonyms]) })
		key := make([]byte, 0, len(f.analyzer)+len(term)+2)
		key = append(append(append(append(key, f.analyzer...), 0), term...), 0)
		return ix.synonyms.lookup(key)
	}
	return nil
}

// WithSynonyms returns the index answering with other synonym groups:
// they are read only when a query is planned, so the documents need no
// rebuild. It is for measuring what each group of the list earns; the
// returned index shares ix's segments and must not outlive it.
func (ix *Index) WithSynonyms(groups []vocab.SynonymGroup) *Index {
	values := maps.Clone(ix.values)
	values[keySynonyms] = encodeSynonyms(synonymTable(ix.mapping, groups))
	values[keyPhrases] = encodePhrases(vocab.PhraseGroups(ix.mapping.AnalyzerNamed(AnalyzerText), groups))
	o := &Index{Dir: ix.Dir, mapping: ix.mapping, parts: ix.parts, overlay: ix.overlay, values: values, bases: ix.bases, docs: ix.docs}
	return o
}
