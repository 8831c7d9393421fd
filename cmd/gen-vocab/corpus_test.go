package main

import (
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/simple"
	"github.com/blevesearch/bleve/v2/registry"
)

// TestCorpusPrune: words are numbered as they come, counted, and
// renumbered most frequent first; rare words leave the sentences, and a
// sentence left with fewer than two words is not kept.
func TestCorpusPrune(t *testing.T) {
	an, err := registry.NewCache().AnalyzerNamed(simple.Name)
	if err != nil {
		t.Fatal(err)
	}
	c := newCorpus(an)
	c.add("copy files to a remote host")
	c.add("copy a directory to the host")
	c.add("x")
	sents, words, counts := c.prune(2)
	if want := []string{"copy", "host", "to"}; !slices.Equal(words, want) {
		t.Errorf("words %q, want %q", words, want)
	}
	if want := []int64{2, 2, 2}; !slices.Equal(counts, want) {
		t.Errorf("counts %v, want %v", counts, want)
	}
	if len(sents) != 2 || !slices.Equal(sents[0], []int32{0, 2, 1}) || !slices.Equal(sents[1], []int32{0, 2, 1}) {
		t.Errorf("sentences %v", sents)
	}
	if c.tokens != 10 {
		t.Errorf("tokens %d, want 10", c.tokens)
	}
}
