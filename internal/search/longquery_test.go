package search

import (
	"fmt"
	"math/rand"
	"runtime"
	"strings"
	"testing"
)

// longQuery is n words a paste could bring: commands, flags, prose.
func longQuery(n int) []string {
	vocab := strings.Fields("journalctl follow logs disk free space the a of port 3000 listening -f --all kubectl rollout tar extract gz ssh tunnel copy files recursively")
	r := rand.New(rand.NewSource(1))
	words := make([]string, n)
	for i := range words {
		words[i] = vocab[r.Intn(len(vocab))] + fmt.Sprint(i%5)
	}
	return words
}

// TestLongQuery: a query of 40,000 words (a paste into the widget) is
// searched on its first MaxWords words, and costs what such a query
// costs: allocation stands for time and space without a clock (all of
// them planned cost three quarters of a gigabyte). The words left out are
// said.
func TestLongQuery(t *testing.T) {
	words := longQuery(40000)
	if got := Words(words); len(got) != MaxWords || got[0] != words[0] {
		t.Fatalf("Words: %d words", len(got))
	}
	if got := Words([]string{strings.Join(words[:10], " ")}); len(got) != 10 {
		t.Errorf("Words of one string: %d", len(got))
	}
	if w := Unsearched(words); !strings.Contains(w, "40000 words; only the first 64 are searched") {
		t.Errorf("Unsearched: %q", w)
	}
	if w := Unsearched(words[:MaxWords]); w != "" {
		t.Errorf("Unsearched(%d words) = %q", MaxWords, w)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	long, err := Run(fixtureIndex, Query{Words: words, Limit: 5})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	short, err := Run(fixtureIndex, Query{Words: words[:MaxWords], Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 100<<20 {
		t.Errorf("40,000 words allocated %d MB", got>>20)
	}
	if len(long) != len(short) || len(long) > 0 && long[0].Command != short[0].Command {
		t.Errorf("40,000 words are not searched as their first %d: %v, %v", MaxWords, commands(long), commands(short))
	}
}

// BenchmarkLongQuery is a 40,000-word widget line's search (budget: 100 ms
// and 100 MB).
func BenchmarkLongQuery(b *testing.B) {
	ix := benchIndex(b, 10000)
	words := longQuery(40000)
	for b.Loop() {
		if _, err := Run(ix, Query{Words: words, Limit: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
