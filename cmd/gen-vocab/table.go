package main

import (
	"fmt"
	"os"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
)

// collectionStats reads the collections' descriptions page by page and
// returns the words they use (the only neighbours worth keeping: a word
// no description uses matches nothing) and the pairs of words they set
// against each other.
//
// Opposites are the distributional model's blind spot: start and stop,
// add and remove, compress and decompress are used in the same contexts,
// so their vectors are close. The collections show them apart: two
// examples on one page whose descriptions differ in one word alone
// ("Start the service" / "Stop the service") describe different commands,
// so that pair of words never means the same thing.
func collectionStats(root string, an analysis.Analyzer) (map[string]int, map[[2]string]int, error) {
	describes := map[string]int{}
	contrast := map[[2]string]int{}
	err := walkCollections(root, func(_ string, descs []string) {
		var seqs [][]string
		for _, d := range descs {
			var seq []string
			for _, t := range an.Analyze([]byte(d)) {
				seq = append(seq, string(t.Term))
			}
			for _, w := range seq {
				describes[w]++
			}
			seqs = append(seqs, seq)
		}
		for i := range seqs {
			for j := i + 1; j < len(seqs); j++ {
				if a, b, ok := differByOne(seqs[i], seqs[j]); ok {
					contrast[pairKey(a, b)]++
				}
			}
		}
	})
	return describes, contrast, err
}

// differByOne reports the two words at the one position where equally
// long sequences differ.
func differByOne(x, y []string) (string, string, bool) {
	if len(x) != len(y) || len(x) < 2 {
		return "", "", false
	}
	at := -1
	for i := range x {
		if x[i] != y[i] {
			if at >= 0 {
				return "", "", false
			}
			at = i
		}
	}
	if at < 0 {
		return "", "", false
	}
	return x[at], y[at], true
}

func pairKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// negated reports whether one word is the other with a negating prefix:
// compress and decompress, install and uninstall, mount and unmount.
func negated(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	for _, p := range []string{"un", "de", "dis", "non"} {
		if b == p+a {
			return true
		}
	}
	return false
}

type selection struct {
	minCount, queryCount, targetCount, k, maxHub int
	minSim, minCSLS                              float64
	// minPara and minBack are the least paraphrase figure kept and the
	// least p(e1 | e2) that confirms it (see paraphraseRows).
	minPara, minBack float64
	minLangs         int
	maxTogether      float64
}

type neighbour struct {
	word       string
	sim, score float32
}

type row struct {
	word string
	near []neighbour
}

type selectionStats struct{ pairs, opposites, together, hubs int }

// neighbours picks each word's nearest words: among those the collections
// describe commands with and seen often enough to have a trustworthy
// vector, similar enough, not opposites, and not hubs (words near
// everything, which in high dimensions a few always are).
func (sel selection) neighbours(words []string, counts []int64, vecs [][]float32, describes map[string]int, contrast map[[2]string]int) (map[string][]neighbour, selectionStats) {
	var targets []int
	for i, w := range words {
		if counts[i] >= int64(sel.targetCount) && describes[w] > 0 && len(w) >= 3 {
			targets = append(targets, i)
		}
	}
	var queries []int
	for i := range words {
		if counts[i] >= int64(sel.queryCount) {
			queries = append(queries, i)
		}
	}
	var stats selectionStats
	sims := func(q int, cands []int, f func(t int, s float32)) {
		a := vecs[q]
		for _, t := range cands {
			if t == q {
				continue
			}
			var s float32
			b := vecs[t]
			for k := range a {
				s += a[k] * b[k]
			}
			f(t, s)
		}
	}
	// Hubness: in many dimensions a few words are near everything, and
	// they would crowd every list. Each similarity is measured against
	// how near the two words are to their own closest words, as CSLS does
	// (Conneau et al., 2018): 2·cos(q,t) − r(q) − r(t), r the mean of a
	// word's top-10 similarities.
	const hubK = 10
	meanTop := func(of int, among []int) float32 {
		top := make([]float32, 0, hubK+1)
		sims(of, among, func(_ int, s float32) {
			if len(top) < hubK || s > top[len(top)-1] {
				top = append(top, s)
				sort.Slice(top, func(i, j int) bool { return top[i] > top[j] })
				if len(top) > hubK {
					top = top[:hubK]
				}
			}
		})
		var sum float32
		for _, s := range top {
			sum += s
		}
		return sum / float32(max(len(top), 1))
	}
	rq := make(map[int]float32, len(queries))
	rt := make(map[int]float32, len(targets))
	var rmu sync.Mutex
	parallel(len(queries), func(i int) {
		r := meanTop(queries[i], targets)
		rmu.Lock()
		rq[queries[i]] = r
		rmu.Unlock()
	})
	parallel(len(targets), func(i int) {
		r := meanTop(targets[i], queries)
		rmu.Lock()
		rt[targets[i]] = r
		rmu.Unlock()
	})
	cands := make([][]neighbour, len(queries))
	var opp int64
	var mu sync.Mutex
	parallel(len(queries), func(qi int) {
		q := queries[qi]
		var near []neighbour
		localOpp := 0
		sims(q, targets, func(t int, s float32) {
			if float64(s) < sel.minSim {
				return
			}
			if contrast[pairKey(words[q], words[t])] > 0 || negated(words[q], words[t]) {
				localOpp++
				return
			}
			score := 2*s - rq[q] - rt[t]
			if float64(score) < sel.minCSLS {
				return
			}
			near = append(near, neighbour{word: words[t], sim: s, score: score})
		})
		sort.Slice(near, func(i, j int) bool {
			if near[i].score != near[j].score {
				return near[i].score > near[j].score
			}
			return near[i].word < near[j].word
		})
		if len(near) > 2*sel.k {
			near = near[:2*sel.k]
		}
		cands[qi] = near
		mu.Lock()
		opp += int64(localOpp)
		mu.Unlock()
	})
	stats.opposites = int(opp)

	named := make(map[string][]neighbour, len(cands))
	for qi, near := range cands {
		if len(near) > 0 {
			named[words[queries[qi]]] = near
		}
	}
	return named, stats
}

// parallel calls f(0..n-1) on two goroutines (the machines this runs on
// have few cores; more buys nothing).
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	const workers = 2
	for wk := 0; wk < workers; wk++ {
		wg.Add(1)
		go func(wk int) {
			defer wg.Done()
			for i := wk; i < n; i += workers {
				f(i)
			}
		}(wk)
	}
	wg.Wait()
}

// paraphraseRows picks each word's paraphrases through translation: the
// words its translations most often come back as, other than itself,
// used in the collections' descriptions, not opposites, and confirmed the
// other way (the second word's translations come back as the first at
// least now and then: a frequent word such as "use" that alignment
// errors attach to everything is never confirmed so). Each neighbour's
// figure is p(e2 | e1) / (1 − p(e1 | e1)): the share of the word's
// translations that come back as a different word which come back as
// this one.
func (sel selection) paraphrases(pp *paraphrases, describes map[string]int, contrast map[[2]string]int) (map[string][]neighbour, selectionStats) {
	var stats selectionStats
	cands := map[string][]neighbour{}
	for e1, ws := range pp.sum {
		if pp.weight[e1] < float64(sel.queryCount) {
			continue
		}
		other := 1 - pp.prob(e1, e1)
		if other <= 0 {
			continue
		}
		var near []neighbour
		for e2 := range ws {
			if e2 == e1 || describes[e2] == 0 || len(e2) < 3 || pp.weight[e2] < float64(sel.queryCount) {
				continue
			}
			fwd := pp.prob(e1, e2) / other
			if fwd < sel.minPara || pp.prob(e2, e1) < sel.minBack || pp.support[e1][e2] < sel.minLangs {
				continue
			}
			if contrast[pairKey(e1, e2)] > 0 || negated(e1, e2) {
				if os.Getenv("GENVOCAB_DEBUG") != "" {
					fmt.Fprintf(os.Stderr, "opp %s %s %.2f %d\n", e1, e2, fwd, contrast[pairKey(e1, e2)])
				}
				stats.opposites++
				continue
			}
			near = append(near, neighbour{word: e2, sim: float32(min(fwd, 1)), score: float32(fwd)})
		}
		sort.Slice(near, func(i, j int) bool {
			if near[i].score != near[j].score {
				return near[i].score > near[j].score
			}
			return near[i].word < near[j].word
		})
		if len(near) > 0 {
			cands[e1] = near
		}
	}
	return cands, stats
}

// apart drops the neighbours written side by side with their word in
// more than maxTogether of the sentences either holds (see together).
func (sel selection) apart(cands map[string][]neighbour, tog map[string]map[string]float64, stats *selectionStats) {
	for w, near := range cands {
		kept := near[:0]
		for _, n := range near {
			if tog[w][n.word] > sel.maxTogether {
				stats.together++
				continue
			}
			kept = append(kept, n)
		}
		cands[w] = kept
	}
}

// keep drops hubs (words in more than maxHub lists) and keeps at most k
// neighbours a word.
func (sel selection) keep(cands map[string][]neighbour, stats selectionStats) ([]row, selectionStats) {
	inLists := map[string]int{}
	for w, near := range cands {
		if len(near) == 0 {
			delete(cands, w)
			continue
		}
		for _, n := range near[:min(len(near), sel.k)] {
			inLists[n.word]++
		}
	}
	hub := map[string]bool{}
	for w, n := range inLists {
		if n > sel.maxHub {
			hub[w] = true
		}
	}
	stats.hubs = len(hub)
	var rows []row
	for w, near := range cands {
		var kept []neighbour
		for _, n := range near {
			if !hub[n.word] && len(kept) < sel.k {
				kept = append(kept, n)
			}
		}
		if len(kept) == 0 {
			continue
		}
		stats.pairs += len(kept)
		rows = append(rows, row{w, kept})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].word < rows[j].word })
	return rows, stats
}
