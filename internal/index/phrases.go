package index

import (
	"bytes"
	"strings"

	"github.com/howcli/how/internal/vocab"
)

// encodePhrases writes one group per line, terms separated by tabs, words
// by spaces, a one-way term prefixed with "<".
func encodePhrases(groups []vocab.PhraseGroup) []byte {
	var b strings.Builder
	for _, g := range groups {
		for i, t := range g.Terms {
			if i > 0 {
				b.WriteByte('\t')
			}
			if g.Input[i] {
				b.WriteByte('<')
			}
			b.WriteString(strings.Join(t, " "))
		}
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

func decodePhrases(data []byte) []vocab.PhraseGroup {
	return decodePhrasesWith(data, nil)
}

// decodePhrasesWith decodes the groups whose line holds one of words as a
// substring (every group when words is nil): a group can only apply to a
// query if all the words of one of its terms are in it, and skipping the
// others keeps a query from decoding hundreds of groups it cannot use.
func decodePhrasesWith(data []byte, words []string) []vocab.PhraseGroup {
	var out []vocab.PhraseGroup
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		if len(line) == 0 || words != nil && !containsAny(line, words) {
			continue
		}
		var g vocab.PhraseGroup
		for _, t := range strings.Split(string(line), "\t") {
			in := strings.HasPrefix(t, "<")
			if ws := strings.Fields(strings.TrimPrefix(t, "<")); len(ws) > 0 {
				g.Terms = append(g.Terms, ws)
				g.Input = append(g.Input, in)
			}
		}
		if len(g.Terms) > 1 {
			out = append(out, g)
		}
	}
	return out
}

func containsAny(line []byte, words []string) bool {
	for _, w := range words {
		if w != "" && bytes.Contains(line, []byte(w)) {
			return true
		}
	}
	return false
}

// PhraseGroups returns the multi-word synonym groups stored in the index.
func (ix *Index) PhraseGroups() []vocab.PhraseGroup {
	return decodePhrases(ix.phraseData())
}

// PhraseGroupsWith returns the stored groups that may hold a term made of
// the given description terms: at least those, and few others.
func (ix *Index) PhraseGroupsWith(terms []string) []vocab.PhraseGroup {
	if len(terms) == 0 {
		return nil
	}
	return decodePhrasesWith(ix.phraseData(), terms)
}

func (ix *Index) phraseData() []byte { return ix.values[keyPhrases] }
