package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Reader returns a reader of the index for bleve's searchers. It holds
// nothing of its own: closing it is free, and the index stays open until
// Close.
func (ix *Index) Reader() bindex.IndexReader { return reader{ix} }

// reader is bleve's IndexReader over the index's segments, read as one.
// Internal document IDs are the index's document numbers (see part), 8
// bytes big-endian, so that they sort as the numbers do (bleve's
// searchers compare them as bytes).
type reader struct{ ix *Index }

var errUnsupported = errors.New("index: not supported by how's reader")

func docID(buf []byte, num uint64) bindex.IndexInternalID {
	return binary.BigEndian.AppendUint64(buf[:0], num)
}

func docNum(id bindex.IndexInternalID) (uint64, error) {
	if len(id) != 8 {
		return 0, fmt.Errorf("index: bad internal id % x", []byte(id))
	}
	return binary.BigEndian.Uint64(id), nil
}

// allParts are the index's parts, the overlay last.
func (ix *Index) allParts() []*part {
	if ix.overlay == nil {
		return ix.parts
	}
	return append(slices.Clip(ix.parts), ix.overlay)
}

func (r reader) TermFieldReader(_ context.Context, term []byte, field string, freq, norm, vectors bool) (bindex.TermFieldReader, error) {
	t := &termReader{ix: r.ix, term: append([]byte(nil), term...), field: field, freq: freq, norm: norm, vectors: vectors}
	if err := t.reset(); err != nil {
		return nil, Damaged(err)
	}
	return t, nil
}

func (r reader) DocIDReaderAll() (bindex.DocIDReader, error)          { return nil, errUnsupported }
func (r reader) DocIDReaderOnly([]string) (bindex.DocIDReader, error) { return nil, errUnsupported }
func (r reader) DocValueReader([]string) (bindex.DocValueReader, error) {
	return nil, errUnsupported
}

func (r reader) FieldDict(field string) (bindex.FieldDict, error) {
	return r.dict(field, nil, nil, nil)
}

// FieldDictRange includes both ends, as bleve defines it.
func (r reader) FieldDictRange(field string, start, end []byte) (bindex.FieldDict, error) {
	var past []byte
	if end != nil {
		past = append(append([]byte(nil), end...), 0)
	}
	return r.dict(field, start, past, nil)
}

func (r reader) FieldDictPrefix(field string, prefix []byte) (bindex.FieldDict, error) {
	return r.dict(field, prefix, prefixEnd(prefix), nil)
}

// prefixEnd is the first key after every key starting with prefix; nil
// when there is none (the prefix is all 0xff bytes).
func prefixEnd(prefix []byte) []byte {
	end := append([]byte(nil), prefix...)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

// dict lists the terms of a field between start and end (past the last)
// in every segment, each once, in order; with m, only those m matches.
func (r reader) dict(field string, start, end []byte, m *editMatcher) (*fieldDict, error) {
	d := &fieldDict{ix: r.ix, field: field, m: m}
	for _, p := range r.ix.allParts() {
		pd, err := p.seg.Dictionary(field)
		if err != nil {
			return nil, Damaged(err)
		}
		d.n += pd.Cardinality()
		d.its = append(d.its, dictIt{p: p, it: pd.AutomatonIterator(nil, start, end)})
	}
	return d, nil
}

// Document returns a document's stored fields.
func (r reader) Document(id string) (bindex.Document, error) {
	iid, err := r.InternalID(id)
	if err != nil || iid == nil {
		return nil, err
	}
	num, _ := docNum(iid)
	p, local, _ := r.ix.locate(num)
	doc := document.NewDocument(id)
	err = p.seg.VisitStoredFields(local, func(field string, typ byte, value []byte, pos []uint64) bool {
		if typ == 't' && field != "_id" {
			doc.AddField(document.NewTextFieldWithIndexingOptions(field, pos, append([]byte(nil), value...), bindex.StoreField))
		}
		return true
	})
	if err != nil {
		return nil, Damaged(err)
	}
	return doc, nil
}

// Fields lists the segments' fields: every segment.Segment can, so no
// assertion of a narrower kind is needed.
func (r reader) Fields() ([]string, error) {
	var out []string
	for _, p := range r.ix.allParts() {
		for _, f := range p.seg.Fields() {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out, nil
}

func (r reader) GetInternal(key []byte) ([]byte, error) { return r.ix.values[string(key)], nil }

func (r reader) DocCount() (uint64, error) { return r.ix.docs, nil }

// A document's external ID is its number in the index, in base 36: for
// an index of one segment, the ID it was built with.
func (r reader) ExternalID(id bindex.IndexInternalID) (string, error) {
	n, err := docNum(id)
	if err != nil {
		return "", err
	}
	if _, _, ok := r.ix.locate(n); !ok {
		return "", fmt.Errorf("index: no document %d", n)
	}
	return strconv.FormatUint(n, 36), nil
}

func (r reader) InternalID(id string) (bindex.IndexInternalID, error) {
	n, err := strconv.ParseUint(id, 36, 64)
	if err != nil {
		return nil, nil
	}
	if _, _, ok := r.ix.locate(n); !ok {
		return nil, nil
	}
	return docID(nil, n), nil
}

func (r reader) Close() error { return nil }

// FieldCardinality makes the reader a BM25 reader: the number of distinct
// terms in a field.
func (r reader) FieldCardinality(field string) (int, error) {
	if len(r.ix.parts) == 1 && r.ix.overlay == nil {
		d, err := r.ix.parts[0].seg.Dictionary(field)
		if err != nil {
			return 0, Damaged(err)
		}
		return d.Cardinality(), nil
	}
	d, err := r.dict(field, nil, nil, nil)
	if err != nil {
		return 0, err
	}
	n := 0
	for {
		e, err := d.next()
		if err != nil || e == nil {
			return n, err
		}
		n++
	}
}

// termReader walks the documents holding one term in one field: the
// segments' in turn, each less its masked documents, and the overlay's,
// which fall among them.
type termReader struct {
	ix                  *Index
	term                []byte
	field               string
	freq, norm, vectors bool
	subs                []termSub // the parts holding the term, in order
	cur                 int       // the sub being walked
	ov                  *termSub  // the overlay's, if it holds the term
	count               uint64
	// a and b are the next posting of the parts and of the overlay, once
	// read (ok), with its number in the index.
	a, b pending
	last bindex.IndexInternalID // last returned, nil before the first
}

type termSub struct {
	p    *part
	base uint64
	pl   segment.PostingsList
	it   segment.PostingsIterator
}

type pending struct {
	ok   bool
	post segment.Posting // nil at the end
	num  uint64
}

func (t *termReader) reset() error {
	t.subs, t.ov, t.count, t.cur = t.subs[:0], nil, 0, 0
	t.a, t.b, t.last = pending{}, pending{}, nil
	for i, p := range t.ix.parts {
		s, err := t.sub(p, t.ix.bases[i])
		if err != nil {
			return err
		}
		if s != nil {
			t.subs = append(t.subs, *s)
		}
	}
	if t.ix.overlay != nil {
		s, err := t.sub(t.ix.overlay, 0)
		if err != nil {
			return err
		}
		t.ov = s
	}
	return nil
}

// sub is the part's postings of the term, nil when it has none.
func (t *termReader) sub(p *part, base uint64) (*termSub, error) {
	d, err := p.seg.Dictionary(t.field)
	if err != nil {
		return nil, err
	}
	pl, err := d.PostingsList(t.term, p.mask, nil)
	if err != nil {
		return nil, err
	}
	n := pl.Count()
	if n == 0 {
		return nil, nil
	}
	t.count += n
	return &termSub{p: p, base: base, pl: pl, it: pl.Iterator(t.freq, t.norm, t.vectors, nil)}, nil
}

// nextA reads the parts' next posting.
func (t *termReader) nextA() error {
	t.a = pending{ok: true}
	for t.cur < len(t.subs) {
		s := &t.subs[t.cur]
		p, err := s.it.Next()
		if err != nil {
			return err
		}
		if p != nil {
			t.a.post, t.a.num = p, s.base+p.Number()
			return nil
		}
		t.cur++
	}
	return nil
}

// nextB reads the overlay's next posting.
func (t *termReader) nextB() error {
	t.b = pending{ok: true}
	if t.ov == nil {
		return nil
	}
	p, err := t.ov.it.Next()
	if err != nil || p == nil {
		return err
	}
	ids := t.ov.p.ids
	if p.Number() >= uint64(len(ids)) {
		return fmt.Errorf("index: merged document %d of %d", p.Number(), len(ids))
	}
	t.b.post, t.b.num = p, ids[p.Number()]
	return nil
}

// take returns the smaller of the pending postings and consumes it.
func (t *termReader) take(pre *bindex.TermFieldDoc) (*bindex.TermFieldDoc, error) {
	if !t.a.ok {
		if err := t.nextA(); err != nil {
			return nil, Damaged(err)
		}
	}
	if !t.b.ok {
		if err := t.nextB(); err != nil {
			return nil, Damaged(err)
		}
	}
	var next *pending
	switch {
	case t.a.post == nil && t.b.post == nil:
		return nil, nil
	case t.b.post == nil || t.a.post != nil && t.a.num < t.b.num:
		next = &t.a
	default:
		next = &t.b
	}
	next.ok = false
	return t.doc(next.post, next.num, pre), nil
}

func (t *termReader) Next(pre *bindex.TermFieldDoc) (*bindex.TermFieldDoc, error) {
	return t.take(pre)
}

func (t *termReader) Advance(id bindex.IndexInternalID, pre *bindex.TermFieldDoc) (*bindex.TermFieldDoc, error) {
	n, err := docNum(id)
	if err != nil {
		return nil, err
	}
	// A postings iterator only moves forward: going back means starting
	// over.
	if t.last != nil {
		if last, _ := docNum(t.last); last >= n {
			if err := t.reset(); err != nil {
				return nil, Damaged(err)
			}
		}
	}
	if !t.a.ok || t.a.post != nil && t.a.num < n {
		t.a = pending{ok: true}
		for t.cur < len(t.subs) {
			s := &t.subs[t.cur]
			if n < s.base+s.p.seg.Count() {
				var p segment.Posting
				if n > s.base {
					p, err = s.it.Advance(n - s.base)
				} else {
					p, err = s.it.Next()
				}
				if err != nil {
					return nil, Damaged(err)
				}
				if p != nil {
					t.a.post, t.a.num = p, s.base+p.Number()
					break
				}
			}
			t.cur++
		}
	}
	if t.ov != nil && (!t.b.ok || t.b.post != nil && t.b.num < n) {
		ids := t.ov.p.ids
		k := sort.Search(len(ids), func(k int) bool { return ids[k] >= n })
		t.b = pending{ok: true}
		p, err := t.ov.it.Advance(uint64(k))
		if err != nil {
			return nil, Damaged(err)
		}
		if p != nil {
			if p.Number() >= uint64(len(ids)) {
				return nil, Damaged(fmt.Errorf("index: merged document %d of %d", p.Number(), len(ids)))
			}
			t.b.post, t.b.num = p, ids[p.Number()]
		}
	}
	return t.take(pre)
}

func (t *termReader) doc(p segment.Posting, num uint64, rv *bindex.TermFieldDoc) *bindex.TermFieldDoc {
	if rv == nil {
		rv = &bindex.TermFieldDoc{}
	}
	rv.ID = docID(rv.ID, num)
	t.last = append(t.last[:0], rv.ID...)
	if t.freq {
		rv.Freq = p.Frequency()
	}
	if t.norm {
		rv.Norm = p.Norm()
	}
	rv.Vectors = rv.Vectors[:0]
	if t.vectors {
		for _, l := range p.Locations() {
			rv.Vectors = append(rv.Vectors, &bindex.TermFieldVector{
				Field: l.Field(), Start: l.Start(), End: l.End(), Pos: l.Pos(), ArrayPositions: l.ArrayPositions(),
			})
		}
	}
	return rv
}

func (t *termReader) Count() uint64 { return t.count }
func (t *termReader) Close() error  { return nil }
func (t *termReader) Size() int     { return 64 + len(t.term) + len(t.field) }

// fieldDict lists the terms of a field in every segment, each once, in
// order, with the documents of the index that hold it.
type fieldDict struct {
	ix    *Index
	field string
	its   []dictIt
	n     int
	m     *editMatcher // set for a fuzzy dictionary
}

type dictIt struct {
	p    *part
	it   segment.DictionaryIterator
	head *bindex.DictEntry // the iterator's next term, once read
	done bool
}

// next is the next term of any segment, its count summed over them.
func (d *fieldDict) next() (*bindex.DictEntry, error) {
	var least string
	found := false
	for i := range d.its {
		it := &d.its[i]
		if it.head == nil && !it.done {
			e, err := it.it.Next()
			if err != nil {
				return nil, Damaged(err)
			}
			if e == nil {
				it.done = true
				continue
			}
			c := *e
			it.head = &c
		}
		if it.head != nil && (!found || it.head.Term < least) {
			least, found = it.head.Term, true
		}
	}
	if !found {
		return nil, nil
	}
	out := &bindex.DictEntry{Term: least}
	for i := range d.its {
		it := &d.its[i]
		if it.head == nil || it.head.Term != least {
			continue
		}
		count := it.head.Count
		if it.p.mask != nil {
			// The segment's count holds documents the overlay replaces.
			pd, err := it.p.seg.Dictionary(d.field)
			if err != nil {
				return nil, Damaged(err)
			}
			pl, err := pd.PostingsList([]byte(least), it.p.mask, nil)
			if err != nil {
				return nil, Damaged(err)
			}
			count = pl.Count()
		}
		out.Count += count
		it.head = nil
	}
	return out, nil
}

func (d *fieldDict) Next() (*bindex.DictEntry, error) {
	for {
		e, err := d.next()
		if err != nil || e == nil || d.m == nil {
			return e, err
		}
		if ok, dist := d.m.MatchAndDistance(e.Term); ok {
			e.EditDistance = dist
			return e, nil
		}
	}
}

func (d *fieldDict) Close() error      { return nil }
func (d *fieldDict) Cardinality() int  { return d.n }
func (d *fieldDict) BytesRead() uint64 { return 0 }

// FieldDictFuzzy and FieldDictFuzzyAutomaton make the reader a fuzzy
// reader: the terms of a field within fuzziness edits of term, among those
// starting with prefix. An edit is an insertion, a deletion, a
// substitution or the swap of two neighbouring letters ("jounralctl" is
// one edit from journalctl), as bleve's own index counts them.
func (r reader) FieldDictFuzzy(field, term string, fuzziness int, prefix string) (bindex.FieldDict, error) {
	d, _, err := r.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
	return d, err
}

func (r reader) FieldDictFuzzyAutomaton(field, term string, fuzziness int, prefix string) (bindex.FieldDict, bindex.FuzzyAutomaton, error) {
	m := &editMatcher{term: []rune(term), max: fuzziness}
	var start, end []byte
	if prefix != "" {
		start, end = []byte(prefix), prefixEnd([]byte(prefix))
	}
	d, err := r.dict(field, start, end, m)
	if err != nil {
		return nil, nil, err
	}
	return d, m, nil
}

// editMatcher measures the optimal string alignment distance (Levenshtein
// with swaps of neighbours) from a term, in runes, giving up past max.
type editMatcher struct {
	term             []rune
	max              int
	prev2, prev, cur []int
}

func (m *editMatcher) MatchAndDistance(s string) (bool, uint8) {
	b := []rune(s)
	a := m.term
	if d := len(a) - len(b); d > m.max || -d > m.max {
		return false, 0
	}
	n := len(b) + 1
	m.prev2, m.prev, m.cur = grow(m.prev2, n), grow(m.prev, n), grow(m.cur, n)
	for j := range m.prev {
		m.prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		m.cur[0] = i
		best := i
		for j := 1; j < n; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(m.prev[j]+1, m.cur[j-1]+1, m.prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, m.prev2[j-2]+1)
			}
			m.cur[j] = v
			best = min(best, v)
		}
		if best > m.max {
			return false, 0
		}
		m.prev2, m.prev, m.cur = m.prev, m.cur, m.prev2
	}
	d := m.prev[n-1]
	if d > m.max {
		return false, 0
	}
	return true, uint8(d)
}

func grow(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}
