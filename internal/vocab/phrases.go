package vocab

import "github.com/blevesearch/bleve/v2/analysis"

// PhraseGroup is a synonym group that has a term of several words once
// analyzed ("open port", "roll back"). bleve's synonym support only knows
// single terms, so search expands these itself.
type PhraseGroup struct {
	// Terms are the group's terms as description terms (stemmed, stop
	// words dropped), each a sequence of one or more words.
	Terms [][]string
	// Input marks one-way terms ("a => b"): they stand for the others,
	// not the reverse.
	Input []bool
}

// PhraseGroups analyzes, with the description analyzer text, the synonym
// groups that contain a multi-word term.
func PhraseGroups(text analysis.Analyzer, groups []SynonymGroup) []PhraseGroup {
	var out []PhraseGroup
	for _, g := range groups {
		var pg PhraseGroup
		multi := false
		add := func(term string, input bool) {
			var seq []string
			for _, t := range text.Analyze([]byte(term)) {
				seq = append(seq, string(t.Term))
			}
			if len(seq) == 0 {
				return
			}
			multi = multi || len(seq) > 1
			pg.Terms = append(pg.Terms, seq)
			pg.Input = append(pg.Input, input)
		}
		for _, t := range g.Input {
			add(t, true)
		}
		for _, t := range g.Terms {
			add(t, false)
		}
		if multi {
			out = append(out, pg)
		}
	}
	return out
}
