package search

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/index/indextest"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
)

// An index is made of segments, one per part of the sources, read
// together: every result must score as it does from one index holding
// everything (the statistics are the whole index's, and a command found in
// several segments is one document). These tests compare the two over the
// labelled sets' queries.

// composedIndex indexes groups of snippets one segment each, in order, and
// opens them as one index.
func composedIndex(t *testing.T, groups [][]snippet.Snippet) *index.Index {
	t.Helper()
	root := t.TempDir()
	k := index.DefaultKnowledge()
	var dirs []string
	for i, g := range groups {
		name := fmt.Sprintf("part%d", i)
		if err := index.BuildSegment(filepath.Join(root, name), g, k, nil); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, name)
	}
	m, err := index.Compose(root, dirs, k)
	if err != nil {
		t.Fatal(err)
	}
	if err := index.WriteManifest(filepath.Join(root, "manifest"), m); err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// sameResults compares every query's results on the two indexes: the
// same commands, from the same places, in the same order, scores within
// 1e-9; with pipedToo, asked after a | as well (where what the commands
// show about pipes counts). It returns how many results were compared.
func sameResults(t *testing.T, one, parts *index.Index, queries []string, host *Host, pipedToo bool) int {
	t.Helper()
	compared := 0
	for _, q := range queries {
		for _, piped := range []bool{false, true} {
			if piped && !pipedToo {
				continue
			}
			query := Query{Words: strings.Fields(q), Limit: 10, Host: host, Piped: piped}
			a, err := Run(one, query)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Run(parts, query)
			if err != nil {
				t.Fatal(err)
			}
			if len(a) != len(b) {
				t.Errorf("%q (piped %v): %d results from one index, %d from its parts", q, piped, len(a), len(b))
				continue
			}
			for i := range a {
				x, y := a[i], b[i]
				if x.Command != y.Command || x.Source != y.Source || x.Line != y.Line || len(x.Also) != len(y.Also) ||
					x.Pipe != y.Pipe || math.Abs(x.Score-y.Score) > 1e-9 || math.Abs(x.Coverage-y.Coverage) > 1e-9 {
					t.Errorf("%q (piped %v) #%d:\n one index: %q %s:%d also %d, %+v, score %.12f, covers %.12f\n its parts: %q %s:%d also %d, %+v, score %.12f, covers %.12f",
						q, piped, i+1, x.Command, x.Source, x.Line, len(x.Also), x.Pipe, x.Score, x.Coverage,
						y.Command, y.Source, y.Line, len(y.Also), y.Pipe, y.Score, y.Coverage)
					break
				}
				compared++
			}
		}
	}
	return compared
}

// splitBySource groups snippets in order: a new group where the source
// group changes (bundled sheets, each folder given), the large ones cut in
// pieces, as big folders are.
func splitBySource(snips []snippet.Snippet, group func(snippet.Snippet) string, pieces int) [][]snippet.Snippet {
	var groups [][]snippet.Snippet
	start := 0
	for i := 1; i <= len(snips); i++ {
		if i < len(snips) && group(snips[i]) == group(snips[start]) {
			continue
		}
		g := snips[start:i]
		// A source's pieces cut between its files, whose snippets come
		// together.
		size := max(1, len(g)/pieces)
		for len(g) > 0 {
			end := min(size, len(g))
			for end < len(g) && g[end].Source == g[end-1].Source {
				end++
			}
			groups = append(groups, g[:end])
			g = g[end:]
		}
		start = i
	}
	return groups
}

// TestSegmentsScoreAsOneIndex: the bundled sheets, the fixture and
// commands repeated across segments (some with another description, one
// shown from a later segment) score alike from one index and from their
// segments, for the queries of the held-out sets, the corpus queries and
// the nonsense list.
func TestSegmentsScoreAsOneIndex(t *testing.T) {
	bundled := bundledSnippets(t)
	fixture := indextest.Fixture()
	var again []snippet.Snippet
	for i, s := range append(bundled[:40:40], fixture...) {
		if i%3 != 0 {
			continue
		}
		s.Source, s.Line = "notes/again.md", i+1
		if i%2 == 0 {
			s.Description = "a longer description that says more about what the command does than the first " + s.Description
		}
		again = append(again, s)
	}
	// What commands show about pipes is counted once per command: a
	// pipeline in two segments does not make frobq one that writes pipes.
	pipes := func(source string, cmds ...string) []snippet.Snippet {
		var out []snippet.Snippet
		for i, c := range cmds {
			out = append(out, snippet.Snippet{Command: c, Description: "frob the " + c, Tool: snippet.ToolOf(c),
				Source: source, Line: i + 1, Origin: snippet.OriginNotes})
		}
		return out
	}
	again = append(again, pipes("pipes/a.md", "frobq a.txt | wc -l", "cat x.log | frobq", "frobq b.txt")...)
	again = append(again, pipes("more/b.md", "frobq a.txt | wc -l", "dnf install frobq")...)
	// A program's distribution, as its page names it, holds in every
	// segment.
	again = append(again, snippet.Snippet{Command: "dnf upgrade", Description: "upgrade every package", Tool: "dnf",
		Summary: "Package manager for Fedora.", Source: "distro/dnf.md", Line: 1, Origin: snippet.OriginTldr})
	all := append(append(append([]snippet.Snippet(nil), bundled...), fixture...), again...)
	// A file is in one segment: the snippets copied from bundled sheets
	// into notes/again.md are again.md's.
	groups := splitBySource(all, func(s snippet.Snippet) string { return filepath.Dir(s.Source) }, 4)
	if len(groups) < 5 {
		t.Fatalf("%d groups", len(groups))
	}
	one := buildIndex(t, all)
	parts := composedIndex(t, groups)
	if one.DocCount() != parts.DocCount() {
		t.Fatalf("documents: one index %d, its parts %d", one.DocCount(), parts.DocCount())
	}
	var queries []string
	for _, name := range []string{"heldout-notes.jsonl", "heldout-external.jsonl", "corpus-queries.jsonl"} {
		for _, q := range readJSONL[evalQuery](t, filepath.Join("testdata", name)) {
			queries = append(queries, q.Query)
		}
	}
	queries = append(queries, nonsense(t)...)
	queries = append(queries, "journalctl follow", "docker logs follow", "jounralctl folow", "ps aux | grep", "count lines", "frob b txt", "dnf install frobq")
	n := sameResults(t, one, parts, queries, debianHost, true)
	if n < 3000 {
		t.Errorf("only %d results compared", n)
	}
	t.Logf("%d queries, %d results alike from %d segments and from one index", len(queries), n, len(groups))
}

// TestSegmentsScoreAsOneIndexCorpora is the same at the scale of every
// collection in ../shared/corpora, with the corpus queries.
func TestSegmentsScoreAsOneIndexCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 34k commands twice")
	}
	opts := corporaOptions(t)
	opts.Paths = append(opts.Paths, filepath.Join(sharedDir, "notes"))
	all, _, err := source.New(opts).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	root := func(s snippet.Snippet) string {
		for _, p := range opts.Paths {
			if strings.HasPrefix(s.Source, p) {
				return p
			}
		}
		return s.Origin
	}
	groups := splitBySource(all, root, 3)
	one := buildIndex(t, all)
	parts := composedIndex(t, groups)
	var queries []string
	for _, q := range corpusQueries(t) {
		queries = append(queries, q.Query)
	}
	queries = append(queries, nonsense(t)...)
	n := sameResults(t, one, parts, queries, debianHost, false)
	t.Logf("%d queries, %d results alike from %d segments and from one index", len(queries), n, len(groups))
}
