package index

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// BM25 needs the document count and each field's number of distinct
// terms. The index never changes once built, so they are counted then and
// stored with it: bleve's own index counts the terms by walking each
// field's whole dictionary, once per field in every process that searches.

// encodeStats counts what bleve's BM25 scorer asks for: "docs field=n ...".
func encodeStats(seg segment.Segment) []byte {
	b := strconv.AppendUint(nil, seg.Count(), 10)
	for _, f := range fields {
		if !f.indexed {
			continue
		}
		n := 0
		if d, err := seg.Dictionary(f.name); err == nil {
			n = d.Cardinality()
		}
		b = append(b, ' ')
		b = append(b, f.name...)
		b = append(b, '=')
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return b
}

var errBadStats = errors.New("index: stored BM25 statistics are damaged")

func decodeStats(b []byte) (*search.BM25Stats, error) {
	parts := strings.Fields(string(b))
	if len(parts) == 0 {
		return nil, errBadStats
	}
	docs, err := strconv.ParseUint(parts[0], 10, 64)
	if err != nil {
		return nil, errBadStats
	}
	st := &search.BM25Stats{DocCount: float64(docs), FieldCardinality: make(map[string]int, len(parts)-1)}
	for _, p := range parts[1:] {
		name, v, ok := strings.Cut(p, "=")
		n, err := strconv.Atoi(v)
		if !ok || err != nil || n < 0 {
			return nil, errBadStats
		}
		st.FieldCardinality[name] = n
	}
	for _, f := range fields {
		if _, ok := st.FieldCardinality[f.name]; f.indexed && !ok {
			return nil, errBadStats
		}
	}
	return st, nil
}

// BM25Stats returns the statistics stored when the index was built, for
// the search context (search.BM25StatsKey); nil when they are damaged.
func (ix *Index) BM25Stats() *search.BM25Stats {
	ix.statsOnce.Do(func() {
		ix.stats, _ = decodeStats(ix.internal[internalStats])
	})
	return ix.stats
}

// ScoringContext is what bleve's searchers need to score as bleve's own
// Search would: the mapping's scoring model and, when given, the
// statistics stored with the index (nil: bleve counts them from the
// reader). Synonyms are not in it: search turns them into alternatives of
// their own.
func ScoringContext(m mapping.IndexMapping, stats *search.BM25Stats) context.Context {
	model := bindex.DefaultScoringModel
	if im, ok := m.(*mapping.IndexMappingImpl); ok && im.ScoringModel != "" {
		model = im.ScoringModel
	}
	ctx := context.WithValue(context.Background(), search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return model }))
	if stats != nil {
		ctx = context.WithValue(ctx, search.BM25StatsKey, stats)
	}
	return ctx
}
