package index

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/howcli/how/internal/index/indextest"
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
