package index

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Reader returns a reader of the index for bleve's searchers. It holds
// nothing of its own: closing it is free, and the index stays open until
// Close.
func (ix *Index) Reader() bindex.IndexReader { return reader{ix} }

// reader is bleve's IndexReader over the index's one segment. Internal
// document IDs are segment document numbers, 8 bytes big-endian, so that
// they sort as the numbers do (bleve's searchers compare them as bytes).
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

func (r reader) TermFieldReader(_ context.Context, term []byte, field string, freq, norm, vectors bool) (bindex.TermFieldReader, error) {
	t := &termReader{seg: r.ix.seg, term: append([]byte(nil), term...), field: field, freq: freq, norm: norm, vectors: vectors}
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
	return r.dict(field, nil, nil)
}

// FieldDictRange includes both ends, as bleve defines it.
func (r reader) FieldDictRange(field string, start, end []byte) (bindex.FieldDict, error) {
	var past []byte
	if end != nil {
		past = append(append([]byte(nil), end...), 0)
	}
	return r.dict(field, start, past)
}

func (r reader) FieldDictPrefix(field string, prefix []byte) (bindex.FieldDict, error) {
	return r.dict(field, prefix, prefixEnd(prefix))
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

func (r reader) dict(field string, start, end []byte) (bindex.FieldDict, error) {
	d, err := r.ix.seg.Dictionary(field)
	if err != nil {
		return nil, Damaged(err)
	}
	return &fieldDict{it: d.AutomatonIterator(nil, start, end), n: d.Cardinality()}, nil
}

// Document returns a document's stored fields.
func (r reader) Document(id string) (bindex.Document, error) {
	n, ok, err := r.docNumber(id)
	if err != nil || !ok {
		return nil, err
	}
	doc := document.NewDocument(id)
	err = r.ix.seg.VisitStoredFields(n, func(field string, typ byte, value []byte, pos []uint64) bool {
		if typ == 't' && field != "_id" {
			doc.AddField(document.NewTextFieldWithIndexingOptions(field, pos, append([]byte(nil), value...), bindex.StoreField))
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	return doc, nil
}

func (r reader) docNumber(id string) (uint64, bool, error) {
	nums, err := r.ix.seg.DocNumbers([]string{id})
	if err != nil {
		return 0, false, err
	}
	if nums.IsEmpty() {
		return 0, false, nil
	}
	return uint64(nums.Minimum()), true, nil
}

// Fields lists the segment's fields: every segment.Segment can, so no
// assertion of a narrower kind is needed.
func (r reader) Fields() ([]string, error) { return r.ix.seg.Fields(), nil }

func (r reader) GetInternal(key []byte) ([]byte, error) { return r.ix.internal[string(key)], nil }

func (r reader) DocCount() (uint64, error) { return r.ix.seg.Count(), nil }

func (r reader) ExternalID(id bindex.IndexInternalID) (string, error) {
	n, err := docNum(id)
	if err != nil {
		return "", err
	}
	ext, err := r.ix.seg.DocID(n)
	if err != nil {
		return "", err
	}
	if ext == nil {
		return "", fmt.Errorf("index: no document %d", n)
	}
	return string(ext), nil
}

func (r reader) InternalID(id string) (bindex.IndexInternalID, error) {
	n, ok, err := r.docNumber(id)
	if err != nil || !ok {
		return nil, err
	}
	return docID(nil, n), nil
}

func (r reader) Close() error { return nil }

// FieldCardinality makes the reader a BM25 reader: the number of distinct
// terms in a field.
func (r reader) FieldCardinality(field string) (int, error) {
	d, err := r.ix.seg.Dictionary(field)
	if err != nil {
		return 0, err
	}
	return d.Cardinality(), nil
}

// Stored returns the stored value of a field of the document with the
// internal id (see Reader).
func (ix *Index) Stored(id bindex.IndexInternalID, field string) ([]byte, error) {
	n, err := docNum(id)
	if err != nil {
		return nil, err
	}
	if n >= ix.seg.Count() {
		return nil, Damaged(fmt.Errorf("index: no document %d", n))
	}
	var out []byte
	err = ix.seg.VisitStoredFields(n, func(f string, _ byte, value []byte, _ []uint64) bool {
		if f == field {
			out = append([]byte(nil), value...)
			return false
		}
		return true
	})
	return out, Damaged(err)
}

// termReader walks the documents holding one term in one field.
type termReader struct {
	seg                 segment.Segment
	term                []byte
	field               string
	freq, norm, vectors bool
	postings            segment.PostingsList
	it                  segment.PostingsIterator
	cur                 bindex.IndexInternalID // last returned, nil before the first
}

func (t *termReader) reset() error {
	d, err := t.seg.Dictionary(t.field)
	if err != nil {
		return err
	}
	t.postings, err = d.PostingsList(t.term, nil, t.postings)
	if err != nil {
		return err
	}
	t.it = t.postings.Iterator(t.freq, t.norm, t.vectors, t.it)
	t.cur = nil
	return nil
}

func (t *termReader) Next(pre *bindex.TermFieldDoc) (*bindex.TermFieldDoc, error) {
	p, err := t.it.Next()
	if err != nil || p == nil {
		return nil, Damaged(err)
	}
	return t.doc(p, pre), nil
}

func (t *termReader) Advance(id bindex.IndexInternalID, pre *bindex.TermFieldDoc) (*bindex.TermFieldDoc, error) {
	n, err := docNum(id)
	if err != nil {
		return nil, err
	}
	// A postings iterator only moves forward: going back means starting
	// over.
	if t.cur != nil && bytes.Compare(t.cur, id) >= 0 {
		if err := t.reset(); err != nil {
			return nil, Damaged(err)
		}
	}
	p, err := t.it.Advance(n)
	if err != nil || p == nil {
		return nil, Damaged(err)
	}
	return t.doc(p, pre), nil
}

func (t *termReader) doc(p segment.Posting, rv *bindex.TermFieldDoc) *bindex.TermFieldDoc {
	if rv == nil {
		rv = &bindex.TermFieldDoc{}
	}
	rv.ID = docID(rv.ID, p.Number())
	t.cur = append(t.cur[:0], rv.ID...)
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

func (t *termReader) Count() uint64 { return t.postings.Count() }
func (t *termReader) Close() error  { return nil }
func (t *termReader) Size() int     { return 64 + len(t.term) + len(t.field) }

// fieldDict lists the terms of a field.
type fieldDict struct {
	it segment.DictionaryIterator
	n  int
}

func (d *fieldDict) Next() (*bindex.DictEntry, error) {
	e, err := d.it.Next()
	return e, Damaged(err)
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
	d, err := r.ix.seg.Dictionary(field)
	if err != nil {
		return nil, nil, Damaged(err)
	}
	return &fuzzyDict{fieldDict: fieldDict{it: d.AutomatonIterator(nil, start, end), n: d.Cardinality()}, m: m}, m, nil
}

// fuzzyDict is a field's terms filtered by an editMatcher.
type fuzzyDict struct {
	fieldDict
	m *editMatcher
}

func (d *fuzzyDict) Next() (*bindex.DictEntry, error) {
	for {
		e, err := d.it.Next()
		if err != nil || e == nil {
			return e, Damaged(err)
		}
		if ok, dist := d.m.MatchAndDistance(e.Term); ok {
			e.EditDistance = dist
			return e, nil
		}
	}
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
