package index

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/howcli/how/internal/index/indextest"
	"github.com/howcli/how/internal/snippet"
)

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		snips := indextest.Synthetic(n, 1)
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			base := b.TempDir()
			for i := range b.N {
				if err := Build(filepath.Join(base, fmt.Sprint(i)), snips); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(n), "µs/snippet")
		})
	}
}

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
