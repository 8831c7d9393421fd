package search

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
	"github.com/howcli/how/internal/testfiles"
)

// TestKnowledgeEarnsItsPlace: each hand list (synonyms.txt, tools.txt)
// must earn right answers on queries it was not written for. The corpus
// queries' dev split is ranked with the lists as shipped and with each
// left out; without either, fewer right answers come first or in the first
// five. A list that stopped earning anything would pass unnoticed in the
// other ranking tests, which is how ninety synonym groups came to fit the
// visible queries: this test fails instead.
func TestKnowledgeEarnsItsPlace(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 34k commands three times")
	}
	corpora := filepath.Join(sharedDir, "corpora")
	if _, err := os.Stat(filepath.Join(corpora, "SOURCES.md")); err != nil {
		t.Skip("no ../shared/corpora")
	}
	queries, err := testfiles.JSONL[evalQuery](t, filepath.Join("testdata", "corpus-queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	snips, _, err := source.New(source.Options{
		Paths:    []string{filepath.Join(corpora, "tldr"), filepath.Join(corpora, "cheat"), filepath.Join(corpora, "navi")},
		Platform: "linux",
	}).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	dev := func(k index.Knowledge) tally {
		ix := buildWith(t, snips, k)
		var x tally
		for _, q := range queries {
			if q.Split == "dev" {
				_, rank := answer(t, ix, q, debianHost)
				x.add(rank)
			}
		}
		return x
	}
	full := index.DefaultKnowledge()
	with := dev(full)
	noSynonyms := full
	noSynonyms.Synonyms = nil
	noTools := full
	noTools.Tools = map[string]string{}
	for _, c := range []struct {
		name string
		k    index.Knowledge
	}{{"synonyms.txt", noSynonyms}, {"tools.txt", noTools}} {
		without := dev(c.k)
		t.Logf("dev split with %s: hit@1 %.3f, hit@5 %.3f; without: %.3f, %.3f", c.name,
			with.rate1(), with.rate5(), without.rate1(), without.rate5())
		if without.hit1 >= with.hit1 && without.hit5 >= with.hit5 {
			t.Errorf("%s earns nothing on the dev split: without it, hit@1 %d and hit@5 %d of %d (with it, %d and %d)",
				c.name, without.hit1, without.hit5, without.n, with.hit1, with.hit5)
		}
	}
}

// buildWith builds snips with the given knowledge, on disk, for the rest
// of the test.
func buildWith(t *testing.T, snips []snippet.Snippet, k index.Knowledge) *index.Index {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	if err := index.BuildWith(dir, snips, k); err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}
