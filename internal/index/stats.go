package index

import (
	"errors"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// internalStats is the internal key holding the BM25 statistics.
const internalStats = "how.bm25"

// BM25 needs each field's number of distinct terms, and bleve counts them
// by walking the field's whole term dictionary, once per field in every
// process that searches: a tenth of a query's work on the bundled sheets,
// more on big collections. The index never changes once built, so the
// counts are taken once, when it is, and stored with it.

// encodeStats counts what bleve's BM25 scorer asks for in a finished index:
// "docs field=n field=n ...".
func encodeStats(idx bleve.Index) ([]byte, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	br, ok := r.(bindex.BM25Reader)
	if !ok {
		return nil, nil // not a scorch index: bleve counts for itself
	}
	docs, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	b := strconv.AppendUint(nil, docs, 10)
	for _, f := range fields {
		if !f.indexed {
			continue
		}
		n, err := br.FieldCardinality(f.name)
		if err != nil {
			return nil, err
		}
		b = append(b, ' ')
		b = append(b, f.name...)
		b = append(b, '=')
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return b, nil
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
// the search context (search.BM25StatsKey); nil when there are none, and
// bleve then counts for itself.
func (ix *Index) BM25Stats() *search.BM25Stats {
	ix.statsOnce.Do(func() {
		if b, err := ix.Bleve.GetInternal([]byte(internalStats)); err == nil && len(b) > 0 {
			ix.stats, _ = decodeStats(b)
		}
	})
	return ix.stats
}
