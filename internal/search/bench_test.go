package search

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/index/indextest"
)

var benchQueries = []string{
	"journalctl follow",
	"docker logs tail 50",
	"how do I roll back a deployment",
	"kubectl logs -f",
	"forward a local port over ssh",
	"jounralctl folow",
}

func benchIndex(b *testing.B, n int) *index.Index {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "idx")
	if err := index.Build(dir, indextest.Synthetic(n, 1)); err != nil {
		b.Fatal(err)
	}
	ix, err := index.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	return ix
}

// BenchmarkRun: one query on a warm, open index.
func BenchmarkRun(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"1k", 1000}, {"10k", 10000}} {
		ix := benchIndex(b, size.n)
		for _, q := range benchQueries {
			words := strings.Fields(q)
			b.Run(size.name+"/"+strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
				for range b.N {
					if _, err := Run(ix, Query{Words: words, Limit: 5}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkOpenRun is what a query process does after starting: open the
// index read-only, search, close.
func BenchmarkOpenRun(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "idx")
	if err := index.Build(dir, indextest.Synthetic(10000, 1)); err != nil {
		b.Fatal(err)
	}
	words := strings.Fields("journalctl follow")
	b.ResetTimer()
	for range b.N {
		ix, err := index.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Run(ix, Query{Words: words, Limit: 5}); err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}

// BenchmarkRunTldr: the bundled-size yardstick snippets plus all of tldr
// (about 30k commands), warm.
func BenchmarkRunTldr(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "idx")
	if err := index.Build(dir, tldrSnippets(b)); err != nil {
		b.Fatal(err)
	}
	ix, err := index.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	for _, q := range benchQueries {
		words := strings.Fields(q)
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			for range b.N {
				if _, err := Run(ix, Query{Words: words, Limit: 5}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
