package index

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/document"
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
// the search context (search.BM25StatsKey); nil when they are damaged, or
// when the index has several segments: then bleve counts them from the
// reader. how's own scoring (BM25F) reads FieldLengths instead.
func (ix *Index) BM25Stats() *search.BM25Stats {
	ix.statsOnce.Do(func() {
		if b, ok := ix.values[keyStats]; ok {
			ix.stats, _ = decodeStats(b)
		}
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

// Lengths are what BM25F needs beyond bleve's statistics: how many
// documents have each field and how many terms those hold in all, so that
// a field's length can be compared with its average. bleve's scorer
// estimates that average from the number of distinct terms, which says
// little about a description's length; search weighs every field's terms
// together (BM25F) and needs the true average of each.
type Lengths map[string]FieldLength

// FieldLength is one field's documents and terms.
type FieldLength struct {
	Docs, Terms uint64
}

// Average is the mean length of the field where it is present (1 for a
// field no document has).
func (f FieldLength) Average() float64 {
	if f.Docs == 0 || f.Terms == 0 {
		return 1
	}
	return float64(f.Terms) / float64(f.Docs)
}

// add counts the analyzed fields of one document.
func (l Lengths) add(doc *document.Document) {
	seen := map[string]bool{}
	for _, f := range doc.Fields {
		if !f.Options().IsIndexed() || f.Name() == "_id" {
			continue
		}
		fl := l[f.Name()]
		if !seen[f.Name()] {
			seen[f.Name()] = true
			fl.Docs++
		}
		fl.Terms += uint64(f.AnalyzedLength())
		l[f.Name()] = fl
	}
}

// encode writes "field=docs/terms" pairs, in the order of fields.
func (l Lengths) encode() []byte {
	var b []byte
	for _, f := range fields {
		if !f.indexed {
			continue
		}
		if len(b) > 0 {
			b = append(b, ' ')
		}
		fl := l[f.name]
		b = fmt.Appendf(b, "%s=%d/%d", f.name, fl.Docs, fl.Terms)
	}
	return b
}

var errBadLengths = errors.New("index: stored field lengths are damaged")

func decodeLengths(b []byte) (Lengths, error) {
	l := Lengths{}
	for _, p := range strings.Fields(string(b)) {
		name, v, ok := strings.Cut(p, "=")
		d, t, ok2 := strings.Cut(v, "/")
		docs, err1 := strconv.ParseUint(d, 10, 64)
		terms, err2 := strconv.ParseUint(t, 10, 64)
		if !ok || !ok2 || err1 != nil || err2 != nil {
			return nil, errBadLengths
		}
		l[name] = FieldLength{Docs: docs, Terms: terms}
	}
	for _, f := range fields {
		if _, ok := l[f.name]; f.indexed && !ok {
			return nil, errBadLengths
		}
	}
	return l, nil
}

// FieldLengths returns the field lengths of the whole index, stored when
// it was composed; nil when they are damaged.
func (ix *Index) FieldLengths() Lengths {
	ix.lengthsOnce.Do(func() {
		ix.lengths, _ = decodeLengths(ix.values[keyLengths])
	})
	return ix.lengths
}

// merge adds other's documents and terms to l.
func (l Lengths) merge(other Lengths) {
	for f, o := range other {
		fl := l[f]
		fl.Docs += o.Docs
		fl.Terms += o.Terms
		l[f] = fl
	}
}

// docLengths are one document's analyzed fields, in the order of the
// indexed fields (see fields): its number of terms in each, plus one, or 0
// for a field it does not have. Stored with its entry, they let an index
// of several segments take a document out of its statistics.
type docLengths [indexedFields]uint32

// lengthsOf counts the analyzed fields of one document as Lengths.add
// does.
func lengthsOf(doc *document.Document) docLengths {
	var l docLengths
	for _, f := range doc.Fields {
		if !f.Options().IsIndexed() || f.Name() == "_id" {
			continue
		}
		k := indexedField(f.Name())
		if k < 0 {
			continue
		}
		if l[k] == 0 {
			l[k] = 1
		}
		l[k] += uint32(f.AnalyzedLength())
	}
	return l
}

// remove takes a document's fields out of l.
func (l Lengths) remove(d docLengths) {
	for k, n := range d {
		if n == 0 {
			continue
		}
		name := indexedName(k)
		fl := l[name]
		fl.Docs--
		fl.Terms -= uint64(n - 1)
		l[name] = fl
	}
}
