package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/howcli/how/internal/index/indextest"
	"github.com/howcli/how/internal/vocab"
)

func buildFixture(t *testing.T) string {
	return buildFixtureWith(t, DefaultKnowledge())
}

func buildFixtureWith(t *testing.T, k Knowledge) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	if err := BuildWith(dir, indextest.Fixture(), k); err != nil {
		t.Fatalf("Build: %v", err)
	}
	return dir
}

// testSynonyms are groups of every shape, for testing the mechanics
// whatever the shipped list holds: two-way, one-way, several words.
var testSynonyms = vocab.ParseSynonyms("disk, storage, drive\nspace => disk, storage\nlistening, open port, socket\n")

func synonymFixture(t *testing.T) string {
	k := DefaultKnowledge()
	k.Synonyms = testSynonyms
	return buildFixtureWith(t, k)
}

func TestBuildOpen(t *testing.T) {
	snips := indextest.Fixture()
	// The same command again from another note merges into one document.
	dup := snips[2]
	dup.Source, dup.Description = "notes/other.md", "follow in real-time"
	snips = append(snips, dup)

	dir := filepath.Join(t.TempDir(), "idx")
	if err := Build(dir, snips); err != nil {
		t.Fatalf("Build: %v", err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer ix.Close()
	n, err := ix.Len()
	if err != nil {
		t.Fatal(err)
	}
	if want := len(indextest.Fixture()); n != want {
		t.Errorf("DocCount = %d, want %d (duplicates merged)", n, want)
	}
	if ix.Dir != dir {
		t.Errorf("Open returned %+v", ix)
	}

	// Stored entries decode, and the analyzers the mapping names are all
	// registered (a missing blank import fails here, not in production).
	q := query.NewMatchQuery("-f")
	q.SetField(FieldCommand)
	sr, err := q.Searcher(context.Background(), ix.Reader(), ix.Mapping(), search.SearcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer sr.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(sr.DocumentMatchPoolSize(), 0)}
	var hits []bindex.IndexInternalID
	for {
		m, err := sr.Next(sctx)
		if err != nil {
			t.Fatal(err)
		}
		if m == nil {
			break
		}
		hits = append(hits, append(bindex.IndexInternalID(nil), m.IndexInternalID...))
		sctx.DocumentMatchPool.Put(m)
	}
	if len(hits) == 0 {
		t.Fatal("no document has -f")
	}
	for _, h := range hits {
		raw, err := ix.Stored(h, FieldData)
		if err != nil {
			t.Fatal(err)
		}
		e, err := decodeEntry(raw)
		if err != nil {
			t.Fatalf("hit % x: %v", []byte(h), err)
		}
		if !hasTerm(e.Snippet.Command, "-f") {
			t.Errorf("hit %q has no -f", e.Snippet.Command)
		}
		if e.Snippet.Command == "journalctl -u nginx -f" && len(e.Also) != 1 {
			t.Errorf("merged entry has Also %+v", e.Also)
		}
	}
}

func TestBuildRefusesExistingDir(t *testing.T) {
	dir := t.TempDir()
	if err := Build(dir, indextest.Fixture()); err == nil {
		t.Error("Build into an existing directory succeeded")
	}
	if err := Build("", indextest.Fixture()); err == nil {
		t.Error("Build without a directory succeeded")
	}
}

func TestBuildEmpty(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	if err := Build(dir, nil); err != nil {
		t.Fatalf("Build(nil): %v", err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, _ := ix.Len(); n != 0 {
		t.Errorf("DocCount = %d", n)
	}
}

func TestOpenMissing(t *testing.T) {
	if _, err := Open(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("Open of a missing directory succeeded")
	}
}

func TestSchemaVersion(t *testing.T) {
	v := SchemaVersion()
	if !strings.HasPrefix(v, "s") || !strings.Contains(v, "-bleve2.") {
		t.Errorf("SchemaVersion() = %q: want the schema revision and the bleve version", v)
	}
	if strings.ContainsAny(v, `/\ `) {
		t.Errorf("SchemaVersion() = %q is not usable in a directory name", v)
	}
}

func hasTerm(cmd, term string) bool {
	for _, tok := range (vocab.CmdlineTokenizer{}).Tokenize([]byte(cmd)) {
		if string(tok.Term) == term {
			return true
		}
	}
	return false
}

// TestBleveVersionPinned keeps bleveVersion equal to go.mod's pin, since
// the cache directories' names depend on it.
func TestBleveVersionPinned(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Skip(err)
	}
	want := "github.com/blevesearch/bleve/v2 " + bleveVersion
	if !strings.Contains(string(b), want) {
		t.Errorf("go.mod does not require %q: update bleveVersion (and schemaRevision)", want)
	}
}

func TestMappingValid(t *testing.T) {
	m, err := NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fields {
		if f.indexed && m.AnalyzerNameForPath(f.name) != f.analyzer {
			t.Errorf("field %s analyzed by %q, want %q", f.name, m.AnalyzerNameForPath(f.name), f.analyzer)
		}
	}
	if m.ScoringModel != "bm25" {
		t.Errorf("scoring model %q", m.ScoringModel)
	}
}

// TestBuildManyBatches takes the path of large corpora: several batches,
// merged into one segment, with the replaced segment files removed.
func TestBuildManyBatches(t *testing.T) {
	defer func(a, b int) { singleBatchMax, batchSize = a, b }(singleBatchMax, batchSize)
	singleBatchMax, batchSize = 50, 40
	snips := indextest.Synthetic(300, 7)
	dir := filepath.Join(t.TempDir(), "idx")
	var calls []int
	if err := BuildProgress(dir, snips, DefaultKnowledge(), func(done, total int) { calls = append(calls, done) }); err != nil {
		t.Fatal(err)
	}
	zaps, _ := filepath.Glob(filepath.Join(dir, wholeName, "*.zap"))
	if len(zaps) != 1 {
		t.Errorf("segment files after merge: %v", zaps)
	}
	if len(calls) < 2 || calls[len(calls)-1] != len(Merge(snips)) {
		t.Errorf("progress calls %v", calls)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, _ := ix.Len(); n != len(Merge(snips)) {
		t.Errorf("Len = %d, want %d", n, len(Merge(snips)))
	}
	if len(ix.PhraseGroups()) == 0 {
		t.Error("phrase groups lost in a many-batch build")
	}
}

func TestPhraseGroups(t *testing.T) {
	ix, err := Open(synonymFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var found bool
	for _, g := range ix.PhraseGroups() {
		for _, term := range g.Terms {
			if strings.Join(term, " ") == "open port" {
				found = true
			}
		}
		if len(g.Terms) != len(g.Input) || len(g.Terms) < 2 {
			t.Errorf("malformed group %+v", g)
		}
	}
	if !found {
		t.Errorf("no group with \"open port\" in %+v", ix.PhraseGroups())
	}
	// Asked for a group's terms, PhraseGroupsWith returns that group, and
	// fewer groups than there are.
	all := ix.PhraseGroups()
	for _, g := range all {
		with := ix.PhraseGroupsWith(g.Terms[0])
		if !slices.ContainsFunc(with, func(h vocab.PhraseGroup) bool { return reflect.DeepEqual(h, g) }) {
			t.Errorf("PhraseGroupsWith(%q) misses its own group %+v", g.Terms[0], g)
		}
		if len(with) == len(all) && len(all) > 1 {
			t.Errorf("PhraseGroupsWith(%q) returned every group", g.Terms[0])
		}
	}
	if got := ix.PhraseGroupsWith(nil); got != nil {
		t.Errorf("PhraseGroupsWith(nil) = %+v", got)
	}
	in := []vocab.PhraseGroup{{Terms: [][]string{{"roll", "back"}, {"undo"}}, Input: []bool{true, false}}}
	if got := decodePhrases(encodePhrases(in)); len(got) != 1 || strings.Join(got[0].Terms[0], " ") != "roll back" || !got[0].Input[0] || got[0].Input[1] {
		t.Errorf("round trip: %+v", got)
	}
}

// TestSynonymTable: the synonym list as a field's analyzer spells it, both
// ways for a group, one way for "a => b", and nothing for fields it does
// not apply to.
func TestSynonymTable(t *testing.T) {
	ix, err := Open(synonymFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	has := func(field, term, syn string) bool {
		return slices.Contains(ix.Synonyms(field, term), syn)
	}
	if !has(FieldDescription, "disk", "storag") || !has(FieldDescription, "storag", "disk") {
		t.Errorf("disk and storage are not synonyms in descriptions: %q, %q",
			ix.Synonyms(FieldDescription, "disk"), ix.Synonyms(FieldDescription, "storag"))
	}
	if !has(FieldDescription, "space", "disk") || has(FieldDescription, "disk", "space") {
		t.Errorf("space => disk is not one way: %q, %q",
			ix.Synonyms(FieldDescription, "space"), ix.Synonyms(FieldDescription, "disk"))
	}
	if got := ix.Synonyms(FieldTags, "disk"); got != nil {
		t.Errorf("tags have synonyms: %q", got)
	}
	if got := ix.Synonyms(FieldDescription, "zzzz-no-such-term"); got != nil {
		t.Errorf("an unknown term has synonyms: %q", got)
	}
}

// TestBuildMemoryManyBatches: the in-memory fallback (an unwritable cache)
// merges many batches too, through a temporary file it does not leave.
func TestBuildMemoryManyBatches(t *testing.T) {
	defer func(a, b int) { singleBatchMax, batchSize = a, b }(singleBatchMax, batchSize)
	singleBatchMax, batchSize = 50, 40
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	snips := indextest.Synthetic(300, 7)
	ix, err := BuildMemory(snips, DefaultKnowledge(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, _ := ix.Len(); n != len(Merge(snips)) || ix.DocCount() != uint64(n) {
		t.Errorf("Len %d, DocCount %d, want %d", n, ix.DocCount(), len(Merge(snips)))
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left in the temp folder: %v", left)
	}
	for i := uint64(0); i < ix.DocCount(); i++ {
		raw, err := ix.Stored(docID(nil, i), FieldData)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := decodeEntry(raw); err != nil {
			t.Fatalf("document %d: %v", i, err)
		}
	}
}

// TestOpenCutValues: a manifest cut short at a pair's boundary parses,
// yet Open must refuse it (the cache then rebuilds); so must composing a
// segment whose values are.
func TestOpenCutValues(t *testing.T) {
	dir := buildFixture(t)
	path := filepath.Join(dir, manifestName)
	values, err := readValues(path, manifestMagic, manifestKeys)
	if err != nil {
		t.Fatal(err)
	}
	delete(values, keySynonyms)
	os.Remove(path)
	if err := writeValues(path, manifestMagic, values); err != nil {
		t.Fatal(err)
	}
	if ix, err := Open(dir); err == nil || !errors.Is(err, ErrDamaged) {
		ix.Close()
		t.Fatalf("Open accepted a manifest without the synonym table: %v", err)
	}

	path = filepath.Join(dir, wholeName, valuesName)
	values, err = readValues(path, segmentMagic, segmentKeys)
	if err != nil {
		t.Fatal(err)
	}
	delete(values, keyKeys)
	os.Remove(path)
	if err := writeValues(path, segmentMagic, values); err != nil {
		t.Fatal(err)
	}
	var pe *PartError
	if _, err := Compose(dir, []string{wholeName}, DefaultKnowledge()); !errors.As(err, &pe) || pe.Dir != wholeName || !errors.Is(err, ErrDamaged) {
		t.Fatalf("Compose of a segment without its keys: %v", err)
	}
}
