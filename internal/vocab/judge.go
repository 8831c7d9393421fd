package vocab

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Pair is a judged pair of words (testdata/pairs.tsv): Same when a person
// asking with Asked means what the collections call Meant, so the table
// should lead from one to the other; otherwise they are opposites or
// siblings (start and stop, tcp and udp) that it must not link either way.
type Pair struct {
	Split, Asked, Meant string
	Same                bool
}

// ReadPairs reads lines of split, "same" or "not", and the two words,
// separated by tabs; "#" lines are comments.
func ReadPairs(r io.Reader) ([]Pair, error) {
	var out []Pair
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 || (f[1] != "same" && f[1] != "not") {
			return nil, fmt.Errorf("line %d: want split, same or not, and two words, tab-separated: %q", n, line)
		}
		out = append(out, Pair{Split: f[0], Same: f[1] == "same", Asked: f[2], Meant: f[3]})
	}
	return out, sc.Err()
}

// Figures say how a table does on a set of pairs.
type Figures struct {
	Same, Not int
	// Found[k-1] counts the same pairs whose meant word is among the asked
	// word's first k neighbours (k up to len(Found)).
	Found []int
	// Linked counts the pairs that must not be linked and are, in either
	// direction, at any rank.
	Linked int
	// Covered counts the asked words of same pairs that have an entry at all.
	Covered int
	// Missed and Wrong name the pairs behind the figures, for reading.
	Missed, Wrong []string
}

// Judge scores the table on the pairs of one split, with words analyzed
// by analyze (the index's description analyzer: the table's words are
// its terms) and recall counted up to rank maxK.
func (t Table) Judge(pairs []Pair, split string, maxK int, analyze func(string) string) Figures {
	f := Figures{Found: make([]int, maxK)}
	rank := func(from, to string) int {
		for i, n := range t.Related(from) {
			if n.Word == to {
				return i + 1
			}
		}
		return 0
	}
	for _, p := range pairs {
		if p.Split != split {
			continue
		}
		a, m := analyze(p.Asked), analyze(p.Meant)
		name := p.Asked + "/" + p.Meant
		if !p.Same {
			f.Not++
			if rank(a, m) > 0 || rank(m, a) > 0 {
				f.Linked++
				f.Wrong = append(f.Wrong, name)
			}
			continue
		}
		f.Same++
		if len(t.Related(a)) > 0 {
			f.Covered++
		}
		r := rank(a, m)
		if r == 0 || r > maxK {
			f.Missed = append(f.Missed, name)
			continue
		}
		for k := r; k <= maxK; k++ {
			f.Found[k-1]++
		}
	}
	slices.Sort(f.Missed)
	slices.Sort(f.Wrong)
	return f
}

// Recall is the share of same pairs found within the first k neighbours.
func (f Figures) Recall(k int) float64 {
	if f.Same == 0 {
		return 0
	}
	return float64(f.Found[min(k, len(f.Found))-1]) / float64(f.Same)
}

// FalseRate is the share of pairs that must not be linked and are.
func (f Figures) FalseRate() float64 {
	if f.Not == 0 {
		return 0
	}
	return float64(f.Linked) / float64(f.Not)
}

func (f Figures) String() string {
	return fmt.Sprintf("recall@1 %.3f @3 %.3f @%d %.3f (of %d; %d asked words in the table)  false pairs %.3f (%d of %d)",
		f.Recall(1), f.Recall(3), len(f.Found), f.Recall(len(f.Found)), f.Same, f.Covered, f.FalseRate(), f.Linked, f.Not)
}
