package index

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/howcli/how/internal/index/indextest"
	"github.com/howcli/how/internal/sheet"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/vocab"
	"github.com/howcli/how/sheets"
)

// TestReaderAgreesWithScorch is a differential test of how's reader. The
// same documents go into how's index (one zap segment, read by reader.go)
// and into a real bleve scorch index, and the queries search builds (term,
// match, fuzzy match, fuzzy and conjunction queries, several to a plan with
// one query norm, as search.execute runs them) must find the same
// documents with the same scores on both, within 1e-9. A bleve upgrade
// that changes how scorch scores, or reads its segments, fails here rather
// than quietly in the ranking.
//
// scorch is linked into this test only: how's binary never imports it
// (TestBinaryWithoutScorch).
func TestReaderAgreesWithScorch(t *testing.T) {
	snips := append(bundledSnippets(t), indextest.Fixture()...)
	dir := filepath.Join(t.TempDir(), "how")
	if err := Build(dir, snips); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()

	sc := scorchIndex(t, snips)
	adv, err := sc.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	snap, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	sr := trueDistances{snap.(*scorch.IndexSnapshot)}

	howR := ix.Reader()
	if a, b := mustCount(t, howR), mustCount(t, sr); a != b || a == 0 {
		t.Fatalf("documents: how %d, scorch %d", a, b)
	}
	// how hands bleve the statistics stored with the index; scorch counts
	// its own.
	howCtx := ScoringContext(ix.Mapping(), ix.BM25Stats())
	scCtx := ScoringContext(ix.Mapping(), nil)

	plans := differentialPlans(t, ix, snips)
	hits := 0
	for _, p := range plans {
		a := runPlan(t, howCtx, howR, ix.Mapping(), p.queries)
		b := runPlan(t, scCtx, sr, ix.Mapping(), p.queries)
		hits += len(a)
		if msg := samePlan(a, b); msg != "" {
			t.Errorf("%s: %s", p.name, msg)
		}
	}
	// Enough to mean something: every kind of plan, and hits for most.
	if len(plans) < 300 || hits < 5*len(plans) {
		t.Errorf("%d plans, %d hits: too few to compare", len(plans), hits)
	}
	t.Logf("%d plans agree (%d hits)", len(plans), hits)

	// The dictionary lookups search makes besides: a word naming a tool.
	for _, tool := range []string{"git", "journalctl", "tar", "nosuchtool"} {
		if a, b := termCount(t, howR, tool), termCount(t, sr, tool); a != b {
			t.Errorf("tool %q: how counts %d documents, scorch %d", tool, a, b)
		}
	}
}

// trueDistances is scorch's reader with one thing put right. vellum's
// fuzzy dictionary iterator (bleve v2.5.7, vellum v1.1.0) sets a term's
// edit distance only when it moves to the term, not when it starts on it:
// a term that is the query's prefix itself is reported 0 edits away ("u"
// for "ub", prefix "u"), and a fuzzy query weighs it as the word itself. how's reader reports the
// distance. The distances are recomputed here with scorch's own automaton,
// so that everything else (which terms, which documents, what scores) is
// compared; TestScorchFirstFuzzyTerm keeps the quirk in view.
type trueDistances struct{ *scorch.IndexSnapshot }

func (r trueDistances) FieldDictFuzzyAutomaton(field, term string, fuzziness int, prefix string) (bindex.FieldDict, bindex.FuzzyAutomaton, error) {
	d, a, err := r.IndexSnapshot.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
	if err != nil || a == nil {
		return d, a, err
	}
	return distanceDict{d, a}, a, nil
}

type distanceDict struct {
	bindex.FieldDict
	a bindex.FuzzyAutomaton
}

func (d distanceDict) Next() (*bindex.DictEntry, error) {
	e, err := d.FieldDict.Next()
	if e != nil {
		_, e.EditDistance = d.a.MatchAndDistance(e.Term)
	}
	return e, err
}

// TestScorchFirstFuzzyTerm: the quirk trueDistances puts right. When a
// bleve upgrade reports the first term's distance, this fails: drop the
// correction then, and TestReaderAgreesWithScorch compares scorch as is.
func TestScorchFirstFuzzyTerm(t *testing.T) {
	sc := scorchIndex(t, []snippet.Snippet{
		{Command: "ab --help", Tool: "ab", Description: "benchmark"},
		{Command: "a --help", Tool: "a", Description: "a tool named a"},
	})
	adv, err := sc.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// "ax" is one edit from "a" and from "ab". The iterator starts on "a",
	// which is also the prefix, and reports it as the word itself.
	d, _, err := r.(bindex.IndexReaderFuzzy).FieldDictFuzzyAutomaton(FieldTool, "ax", 1, "a")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]uint8{}
	for e, err := d.Next(); e != nil && err == nil; e, err = d.Next() {
		got[e.Term] = e.EditDistance
	}
	if len(got) != 2 || got["a"] != 0 || got["ab"] != 1 {
		t.Errorf("scorch's fuzzy terms for ax: %v; want a reported 0 edits away (the quirk), ab 1", got)
	}
}

// bundledSnippets are the commands of the sheets how ships.
func bundledSnippets(t *testing.T) []snippet.Snippet {
	t.Helper()
	names, err := fs.Glob(sheets.FS, "*.md")
	if err != nil {
		t.Fatal(err)
	}
	var out []snippet.Snippet
	for _, name := range names {
		data, err := fs.ReadFile(sheets.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := sheet.ParsePage("bundled:"+name, data)
		for _, s := range page.Snippets {
			s.Origin = snippet.OriginBundled
			out = append(out, s)
		}
	}
	if len(out) < 200 {
		t.Fatalf("only %d bundled snippets", len(out))
	}
	return out
}

// scorchIndex puts the documents Build makes into a scorch index: the same
// mapping, the same documents with the same ids, analyzed by scorch.
func scorchIndex(t *testing.T, snips []snippet.Snippet) bleve.Index {
	t.Helper()
	m, err := NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := bleve.NewUsing(filepath.Join(t.TempDir(), "scorch"), m, scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sc.Close() })
	an, err := newAnalyzers(m, vocab.DefaultTools())
	if err != nil {
		t.Fatal(err)
	}
	b := sc.NewBatch()
	entries := Merge(snips)
	for i := range entries {
		if err := b.IndexAdvanced(an.document(strconv.FormatInt(int64(i), 36), &entries[i])); err != nil {
			t.Fatal(err)
		}
	}
	if err := sc.Batch(b); err != nil {
		t.Fatal(err)
	}
	return sc
}

type plan struct {
	name    string
	queries []query.Query
}

// differentialPlans builds plans the way search does (see
// internal/search/plan.go): for a word, a term query on the tool and
// match queries on the other fields with their boosts; for a misspelt
// word, fuzzy queries (one edit, first letter kept) and a fuzzy match on
// descriptions; for two words of one description, a conjunction of their
// terms. The words are those of the indexed commands and descriptions, so
// that most plans find something.
func differentialPlans(t *testing.T, ix *Index, snips []snippet.Snippet) []plan {
	t.Helper()
	text := ix.Mapping().AnalyzerNamed(AnalyzerText)
	seen := map[string]bool{}
	var words []string
	var pairs [][2]string
	for _, s := range snips {
		for _, w := range strings.FieldsFunc(strings.ToLower(s.Description+" "+s.Command), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_')
		}) {
			if len(w) >= 3 && !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
		if ts := text.Analyze([]byte(s.Description)); len(ts) >= 2 {
			pairs = append(pairs, [2]string{string(ts[0].Term), string(ts[len(ts)-1].Term)})
		}
	}
	sort.Strings(words)
	var plans []plan
	// Every seventh word keeps the count near a few hundred, spread over
	// the alphabet, the same on every run.
	for i := 0; i < len(words); i += 7 {
		w := words[i]
		plans = append(plans, plan{"word " + w, []query.Query{
			termQuery(w, FieldTool, 3), matchQuery(w, FieldCommand, 2.5), matchQuery(w, FieldDescription, 1.5),
			matchQuery(w, FieldAbout, 1), matchQuery(w, FieldSection, 0.5), matchQuery(w, FieldTags, 0.6),
			matchQuery(w, FieldBody, 0.4), matchQuery(w, FieldOptions, 0.5),
		}})
		typo := swapped(w)
		plans = append(plans, plan{"typo " + typo, []query.Query{
			fuzzyQuery(typo, FieldTool, 1, 1.5), fuzzyQuery(typo, FieldCommand, 1, 1.2),
			fuzzyMatchQuery(typo, FieldDescription, 1, 0.7), fuzzyQuery(typo, FieldDescription, 1, 0.7),
		}})
	}
	for i := 0; i < len(pairs); i += 11 {
		p := pairs[i]
		plans = append(plans, plan{"conjunction " + p[0] + " " + p[1], []query.Query{
			query.NewConjunctionQuery([]query.Query{termQuery(p[0], FieldDescription, 0.25), termQuery(p[1], FieldDescription, 0.25)}),
			termQuery(p[0], FieldDescription, 0.5),
		}})
	}
	return plans
}

// swapped is w with two letters in its middle swapped: one edit away.
func swapped(w string) string {
	r := []rune(w)
	i := len(r) / 2
	r[i-1], r[i] = r[i], r[i-1]
	return string(r)
}

func termQuery(term, field string, boost float64) query.Query {
	q := query.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

func matchQuery(text, field string, boost float64) query.Query {
	q := query.NewMatchQuery(text)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

func fuzzyMatchQuery(text, field string, fuzziness int, boost float64) query.Query {
	q := query.NewMatchQuery(text)
	q.SetField(field)
	q.SetBoost(boost)
	q.SetFuzziness(fuzziness)
	q.SetPrefix(1)
	return q
}

func fuzzyQuery(term, field string, fuzziness int, boost float64) query.Query {
	q := query.NewFuzzyQuery(term)
	q.SetField(field)
	q.SetFuzziness(fuzziness)
	q.SetPrefix(1)
	q.SetBoost(boost)
	return q
}

// hit is one document a query of a plan found, by its external id.
type hit struct {
	query int
	id    string
	score float64
}

// runPlan runs every query of a plan as its own searcher, the query norm
// shared as search.execute shares it, and returns what each found.
func runPlan(t *testing.T, ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, qs []query.Query) []hit {
	t.Helper()
	var ss []search.Searcher
	defer func() {
		for _, s := range ss {
			s.Close()
		}
	}()
	weights := 0.0
	for _, q := range qs {
		s, err := q.Searcher(ctx, r, m, search.SearcherOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ss = append(ss, s)
		weights += s.Weight()
	}
	var out []hit
	for qi, s := range ss {
		if weights > 0 {
			s.SetQueryNorm(1 / math.Sqrt(weights))
		}
		sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: r}
		for {
			d, err := s.Next(sctx)
			if err != nil {
				t.Fatal(err)
			}
			if d == nil {
				break
			}
			id, err := r.ExternalID(d.IndexInternalID)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, hit{qi, id, d.Score})
			sctx.DocumentMatchPool.Put(d)
		}
	}
	slices.SortFunc(out, func(a, b hit) int {
		if a.query != b.query {
			return a.query - b.query
		}
		return strings.Compare(a.id, b.id)
	})
	return out
}

// samePlan says how two runs of a plan differ, or "".
func samePlan(how, sc []hit) string {
	if len(how) != len(sc) {
		return fmt.Sprintf("how finds %d documents, scorch %d", len(how), len(sc))
	}
	for i := range how {
		a, b := how[i], sc[i]
		if a.query != b.query || a.id != b.id {
			return fmt.Sprintf("query %d: how finds %s, scorch %s (query %d)", a.query, a.id, b.id, b.query)
		}
		if math.Abs(a.score-b.score) > 1e-9 {
			return fmt.Sprintf("query %d, document %s: how scores %.12f, scorch %.12f", a.query, a.id, a.score, b.score)
		}
	}
	return ""
}

func mustCount(t *testing.T, r bindex.IndexReader) uint64 {
	t.Helper()
	n, err := r.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func termCount(t *testing.T, r bindex.IndexReader, term string) uint64 {
	t.Helper()
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), FieldTool, false, false, false)
	if err != nil {
		t.Fatal(err)
	}
	defer tfr.Close()
	return tfr.Count()
}

// TestBinaryWithoutScorch: scorch stays in the tests. Its package
// initialisation alone costs a process 4 ms (see Index), so how's binary
// must not link it, nor bleve's top package, which registers it.
func TestBinaryWithoutScorch(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(goBin, "list", "-deps", "github.com/howcli/how/cmd/how").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if pkg == "github.com/blevesearch/bleve/v2" || strings.Contains(pkg, "/index/scorch") || strings.Contains(pkg, "/index/upsidedown") {
			t.Errorf("cmd/how links %s", pkg)
		}
	}
}
