package search

import (
	"context"
	"testing"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/source"
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
	queries := corpusQueries(t)
	snips, _, err := source.New(corporaOptions(t)).Load(context.Background())
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
