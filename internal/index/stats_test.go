package index

import (
	"path/filepath"
	"testing"

	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/howcli/how/internal/index/indextest"
)

// TestBM25Stats checks that the statistics stored at build time are what
// the finished segment holds (what bleve's scorer would otherwise count),
// for a one-batch build and for a merged many-batch one, which leaves one
// segment file.
func TestBM25Stats(t *testing.T) {
	defer func(a, b int) { singleBatchMax, batchSize = a, b }(singleBatchMax, batchSize)
	for _, tc := range []struct {
		name   string
		single int
	}{
		{"one batch", 20000},
		{"many batches", 50},
	} {
		t.Run(tc.name, func(t *testing.T) {
			singleBatchMax, batchSize = tc.single, 40
			dir := filepath.Join(t.TempDir(), "idx")
			if err := BuildProgress(dir, indextest.Synthetic(300, 7), DefaultKnowledge(), nil); err != nil {
				t.Fatal(err)
			}
			if zaps, _ := filepath.Glob(filepath.Join(dir, wholeName, "*.zap")); len(zaps) != 1 {
				t.Errorf("segment files: %v, want one", zaps)
			}
			ix, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			st := ix.BM25Stats()
			if st == nil {
				t.Fatal("no statistics stored")
			}
			r := ix.Reader()
			docs, _ := r.DocCount()
			if st.DocCount != float64(docs) || docs == 0 {
				t.Errorf("stored doc count %v, index has %d", st.DocCount, docs)
			}
			for _, f := range fields {
				if !f.indexed {
					continue
				}
				want, err := r.(bindex.BM25Reader).FieldCardinality(f.name)
				if err != nil {
					t.Fatal(err)
				}
				if got := st.FieldCardinality[f.name]; got != want {
					t.Errorf("%s: stored cardinality %d, bleve counts %d", f.name, got, want)
				}
			}
		})
	}
}

func TestDecodeStatsRejectsDamage(t *testing.T) {
	for _, b := range []string{"", "x", "12 command=3", "12 command=-1 description=2", "12 command"} {
		if _, err := decodeStats([]byte(b)); err == nil {
			t.Errorf("decodeStats(%q) accepted damage", b)
		}
	}
}
