package search

import (
	"fmt"
	"sort"
	"strings"
)

// explain tells why a result scored what it did: the product of factors,
// then one line per query word with its score (its IDF times its
// saturated tf) and each field and term that matched it, with what the
// match added to the word's tf (the field's weight times the term's
// length-normalised occurrences). Terms the user did not type carry a "~"
// (synonyms, fuzzy matches).
//
//	3.021 = 2.416 × (2/2 words)^4 × (1 + 0.5 × 1/2 in one field) × 0.948 simplicity; covers 1.00 of the query
//	  journalctl 1.785 = idf 4.57 × sat(tf 3.00): tool journalctl 3.000
//	  follow 0.631 = idf 2.61 × sat(tf 0.56): description follow 0.437, description ~tail 0.127
func explain(d scored, words []word, alts [][]alt) string {
	n := len(words)
	lines := make([][]altHit, n)
	for _, h := range d.hits {
		lines[h.word] = append(lines[h.word], h)
	}
	sum := 0.0
	for _, s := range d.words {
		sum += s
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%.3f = %.3f × (%g/%g words)^%g × (1 + %g × %d/%d in one field) × %.3f simplicity",
		d.score, sum, d.answered, d.of, coverageExp, focus, d.focused, n, d.simple)
	if d.familiar != 1 {
		fmt.Fprintf(&b, " × %.2f familiar or named program", d.familiar)
	}
	if d.phrase != 1 {
		fmt.Fprintf(&b, " × %.2f phrasing", d.phrase)
	}
	if d.form != 1 {
		fmt.Fprintf(&b, " × %.2f word forms", d.form)
	}
	switch {
	case d.system > 1:
		fmt.Fprintf(&b, " × %.2f for the system asked about", d.system)
	case d.system < 1:
		fmt.Fprintf(&b, " × %.2f for another system", d.system)
	}
	if d.first != 1 {
		fmt.Fprintf(&b, " × %.2f order on its page", d.first)
	}
	if d.purpose != 1 {
		fmt.Fprintf(&b, " × %.2f its program is for none of it", d.purpose)
	}
	if d.other != 1 {
		fmt.Fprintf(&b, " × %.2f not the program named", d.other)
	}
	if d.installed != 1 {
		fmt.Fprintf(&b, " × %.2f installed", d.installed)
	}
	if d.own != 1 {
		fmt.Fprintf(&b, " × %.2f own notes", d.own)
	}
	if d.pipe != 1 {
		fmt.Fprintf(&b, " × %.2f reads no pipe", d.pipe)
	}
	fmt.Fprintf(&b, "; covers %.2f of the query", d.covered)
	for i, w := range words {
		hs := lines[i]
		label := w.raw
		if w.typed != "" {
			label = w.typed + "→" + w.raw
		}
		if len(hs) == 0 {
			fmt.Fprintf(&b, "\n  %s: no match", label)
			continue
		}
		sort.SliceStable(hs, func(a, b int) bool { return hs[a].tf > hs[b].tf })
		var score, tf float64
		if i < len(d.words) {
			score, tf = d.words[i], d.tf[i]
		}
		fmt.Fprintf(&b, "\n  %s %.3f = idf %.2f × sat(tf %.2f):", label, score, score/max(saturate(tf), 1e-9), tf)
		for j, h := range hs {
			if j > 0 {
				b.WriteString(",")
			}
			a := alts[h.word][h.alt]
			mark := ""
			if a.kind != exact {
				mark = "~"
			}
			fmt.Fprintf(&b, " %s %s%s %.3f", a.field, mark, h.term, h.tf)
		}
	}
	return b.String()
}
