package cache

import (
	"context"
	"testing"

	"github.com/howcli/how/internal/index/indextest"
	"github.com/howcli/how/internal/snippet"
)

// BenchmarkEnsureUpToDate is the cost every query pays before searching:
// resolve the current index and open it.
func BenchmarkEnsureUpToDate(b *testing.B) {
	cdir := b.TempDir()
	snips := indextest.Synthetic(10000, 1)
	load := func() ([]snippet.Snippet, error) { return snips, nil }
	ix, err := Ensure(context.Background(), cdir, "fp", load)
	if err != nil {
		b.Fatal(err)
	}
	ix.Close()
	b.ResetTimer()
	for range b.N {
		ix, err := Ensure(context.Background(), cdir, "fp", load)
		if err != nil || ix.Built {
			b.Fatal(err, ix.Built)
		}
		ix.Close()
	}
}
