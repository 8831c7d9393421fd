package search

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/howcli/how/internal/snippet"
)

// nonsense reads testdata/nonsense.txt: queries that mean nothing.
func nonsense(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "nonsense.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			qs = append(qs, l)
		}
	}
	return qs
}

// TestNonsense: a query that means nothing finds nothing on the bundled
// sheets, although some of its words come close to something there:
// nothing is close enough to the whole of it. (TestCorporaQueries in
// internal/cli asks the same of every collection in ../shared/corpora,
// where plugh is one edit from plugn and llama names a program; the
// yardsticks check that no right answer is lost for it.)
func TestNonsense(t *testing.T) {
	ix := buildIndex(t, bundledSnippets(t))
	for _, q := range nonsense(t) {
		res, err := Run(ix, Query{Words: strings.Fields(q), Limit: 5, Explain: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res) > 0 {
			t.Errorf("%q found %q (covers %.2f of it)\n%s", q, res[0].Command, res[0].Coverage, res[0].Explanation)
		}
	}
}

// TestCoverage: the best result must cover enough of the query; a word
// matched only approximately counts by how common the word it is close to
// is.
func TestCoverage(t *testing.T) {
	n := func(cmd, desc string) snippet.Snippet {
		return snippet.Snippet{Command: cmd, Description: desc, Tool: snippet.ToolOf(cmd), Source: "n.md", Origin: snippet.OriginNotes}
	}
	snips := []snippet.Snippet{n("rare-tool --plugn", "load a plugn")}
	for i := range 40 {
		snips = append(snips, n("journalctl -u unit"+strings.Repeat("x", i%7)+" -f", "follow the logs of a service"))
	}
	ix := buildIndex(t, snips)
	tests := []struct {
		query string
		found bool
	}{
		{"journalctl follow", true},
		{"jounralctl folow", true}, // misspellings of common words
		{"journalctl follow 8080", true},
		{"xyzzy plugh", false},     // one word unknown, the other near a word found once
		{"journalctl qqqq", false}, // half of it is unknown
		{"xyzzy", false},
	}
	for _, tt := range tests {
		res, err := Run(ix, Query{Words: strings.Fields(tt.query), Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		if found := len(res) > 0; found != tt.found {
			t.Errorf("%q: found %v, want %v (%q)", tt.query, found, tt.found, commands(res))
		}
		if len(res) > 0 && res[0].Coverage < minCoverage {
			t.Errorf("%q: coverage %.2f", tt.query, res[0].Coverage)
		}
	}
}

// TestMisspeltCommonWords: two slips on common words in three ("chekc
// disk spcae", over the 33k commands of the collections) are still close
// enough for `df -h`, "Check free disk space"... whose description says
// space and disk but not check: a misspelt word weighs, in the coverage, between a word found
// nowhere and the word it is close to, the nearer the latter the more
// common it is; one edit from a rare word ("plugh", plugn) it keeps nearly
// the weight of a word found nowhere.
func TestMisspeltCommonWords(t *testing.T) {
	const total = 33000
	words := parseWords([]string{"chekc", "disk", "spcae"})
	p := &planner{total: total}
	p.weight = []float64{idf(total, 0), idf(total, 190), idf(total, 0)}
	p.idf = append([]float64(nil), p.weight...)
	p.unknown = []bool{true, false, true}
	near := []uint64{600, 0, 300} // check and space
	p.misspelt(words, near)
	// disk matched, spcae approximately, chekc not at all.
	covered := p.weight[1] + p.weight[2]*p.approxCredit(near[2])
	if c := covered / (p.weight[0] + p.weight[1] + p.weight[2]); c < minCoverage {
		t.Errorf("chekc disk spcae, disk and space matched: covers %.2f, below %.2f", c, minCoverage)
	}
	if p.idf[0] >= idf(total, 0) || p.idf[0] != idf(total, 600) {
		t.Errorf("chekc scores with idf %.2f; check's is %.2f", p.idf[0], idf(total, 600))
	}
	q := &planner{total: total, weight: []float64{idf(total, 0)}, idf: []float64{idf(total, 0)}, unknown: []bool{true}}
	q.misspelt(parseWords([]string{"plugh"}), []uint64{1})
	if q.weight[0] < 0.9*idf(total, 0) {
		t.Errorf("plugh, one edit from a word found once, weighs %.2f of a word found nowhere's %.2f", q.weight[0], idf(total, 0))
	}
}
