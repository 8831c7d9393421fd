package search

import (
	"fmt"
	"math"
	"sort"
	"strings"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// explain tells why a result scored what it did, one line per query word:
// the word's score and each field that matched it, with the terms bleve
// matched there (from bleve's own explanation) and their score. Terms the
// user did not type (synonyms, fuzzy matches) carry a "~".
//
//	0.862 = 0.727 × (2/2 words)^4 × (1 + 0.5 × 1/2 in one field) × 0.948 simplicity
//	  journalctl 0.600: tool journalctl 0.510, command journalctl 0.299 (×0.3)
//	  follow 0.127: description follow 0.095, description ~tail 0.056 (×0.3)
func explain(d scored, words []word, alts [][]alt) string {
	n := len(words)
	type line struct {
		score float64
		hits  []altHit
	}
	lines := make([]line, n)
	for _, h := range d.hits {
		lines[h.word].hits = append(lines[h.word].hits, h)
	}
	sum := 0.0
	for i := range lines {
		hs := lines[i].hits
		sort.SliceStable(hs, func(a, b int) bool { return hs[a].score > hs[b].score })
		for j, h := range hs {
			if j == 0 {
				lines[i].score += h.score
			} else {
				lines[i].score += corroboration * h.score
			}
		}
		sum += lines[i].score
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%.3f = %.3f × (%g/%d words)^%g × (1 + %g × %d/%d in one field) × %.3f simplicity",
		d.score, sum, float64(d.halves)/2, n, coverageExp, focus, d.focused, n, d.simple)
	if d.familiar != 1 {
		fmt.Fprintf(&b, " × %.2f familiar program", d.familiar)
	}
	if d.phrase != 1 {
		fmt.Fprintf(&b, " × %.2f phrasing", d.phrase)
	}
	if d.pipe != 1 {
		fmt.Fprintf(&b, " × %.2f reads no pipe", d.pipe)
	}
	fmt.Fprintf(&b, "; covers %.2f of the query", d.covered)
	for i, w := range words {
		l := lines[i]
		if len(l.hits) == 0 {
			fmt.Fprintf(&b, "\n  %s: no match", w.raw)
			continue
		}
		fmt.Fprintf(&b, "\n  %s %.3f:", w.raw, l.score)
		for j, h := range l.hits {
			if j > 0 {
				b.WriteString(",")
			}
			field, ts := leafTerms(h.expl, alts[h.word][h.alt].kind != exact)
			fmt.Fprintf(&b, " %s %s %.3f", field, strings.Join(ts, " "), h.score)
			if j > 0 {
				fmt.Fprintf(&b, " (×%g)", corroboration)
			}
		}
	}
	return b.String()
}

// leafTerms lists the terms of a bleve explanation's term scores, best
// first, and the field they are in.
func leafTerms(e *bsearch.Explanation, expanded bool) (string, []string) {
	type leaf struct {
		term string
		v    float64
	}
	var leaves []leaf
	field := ""
	var walk func(*bsearch.Explanation)
	walk = func(e *bsearch.Explanation) {
		if e == nil {
			return
		}
		if f, t, ok := termOf(e.Message); ok {
			field = f
			leaves = append(leaves, leaf{t, e.Value})
			return
		}
		for _, c := range e.Children {
			walk(c)
		}
	}
	walk(e)
	sort.SliceStable(leaves, func(a, b int) bool { return leaves[a].v > leaves[b].v })
	var out []string
	seen := map[string]bool{}
	for _, l := range leaves {
		if seen[l.term] || math.IsNaN(l.v) {
			continue
		}
		seen[l.term] = true
		t := l.term
		if expanded {
			t = "~" + t
		}
		out = append(out, t)
	}
	return field, out
}

// termOf extracts field and term from a term scorer's message:
// "weight(field:term^boost in doc), ..." or "fieldWeight(field:term in
// doc), ...".
func termOf(msg string) (field, term string, ok bool) {
	var rest string
	switch {
	case strings.HasPrefix(msg, "weight("):
		rest = msg[len("weight("):]
	case strings.HasPrefix(msg, "fieldWeight("):
		rest = msg[len("fieldWeight("):]
	default:
		return "", "", false
	}
	end := strings.LastIndex(rest, " in ")
	if end < 0 {
		return "", "", false
	}
	rest = rest[:end]
	if i := strings.LastIndexByte(rest, '^'); i >= 0 {
		rest = rest[:i]
	}
	return strings.Cut(rest, ":")
}
