package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/fnv"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/howcli/how/internal/vocab"
)

// Tables are what a segment or a manifest stores by key (a program's
// family, its pipe evidence), for a query to look up a few rows without
// decoding the rest: a count, the offsets of the rows, then the rows
// (key and value, each length-prefixed), sorted by key.

var errBadTable = Damaged(errors.New("index: stored table is damaged"))

func encodeTable(rows map[string][]byte) []byte {
	keys := slices.Sorted(maps.Keys(rows))
	var data []byte
	offsets := make([]uint32, len(keys))
	for i, k := range keys {
		offsets[i] = uint32(len(data))
		data = appendString(data, k)
		data = binary.AppendUvarint(data, uint64(len(rows[k])))
		data = append(data, rows[k]...)
	}
	b := binary.LittleEndian.AppendUint32(nil, uint32(len(keys)))
	for _, o := range offsets {
		b = binary.LittleEndian.AppendUint32(b, o)
	}
	return append(b, data...)
}

// table is an encoded table, checked to be whole enough to search.
type table struct {
	offsets []byte // 4 bytes a row
	data    []byte
}

func openTable(b []byte) (table, bool) {
	if len(b) < 4 {
		return table{}, len(b) == 0 // an empty value is an empty table
	}
	n := binary.LittleEndian.Uint32(b)
	if uint64(n)*4 > uint64(len(b)-4) {
		return table{}, false
	}
	return table{offsets: b[4 : 4+n*4], data: b[4+n*4:]}, true
}

func (t table) len() int { return len(t.offsets) / 4 }

// row decodes row i; ok is false when it is damaged.
func (t table) row(i int) (key string, value []byte, ok bool) {
	o := binary.LittleEndian.Uint32(t.offsets[i*4:])
	if uint64(o) >= uint64(len(t.data)) {
		return "", nil, false
	}
	d := decoder{b: t.data[o:]}
	key = d.string()
	n := d.count()
	if d.err != nil {
		return "", nil, false
	}
	return key, d.b[:n], true
}

// lookupTable finds key's value in an encoded table.
func lookupTable(b []byte, key string) ([]byte, bool) {
	t, ok := openTable(b)
	if !ok {
		return nil, false
	}
	damaged := false
	i := sort.Search(t.len(), func(i int) bool {
		k, _, ok := t.row(i)
		damaged = damaged || !ok
		return k >= key
	})
	if damaged || i == t.len() {
		return nil, false
	}
	k, v, ok := t.row(i)
	if !ok || k != key {
		return nil, false
	}
	return v, true
}

// decodeTable decodes a whole table, for composing.
func decodeTable(b []byte) (map[string][]byte, error) {
	t, ok := openTable(b)
	if !ok {
		return nil, errBadTable
	}
	out := make(map[string][]byte, t.len())
	for i := range t.len() {
		k, v, ok := t.row(i)
		if !ok {
			return nil, errBadTable
		}
		out[k] = v
	}
	return out, nil
}

// normalProgram is a program's name as the family table keys it.
func normalProgram(p string) string { return strings.ToLower(p) }

func encodeFamilies(t familyTable) []byte {
	rows := make(map[string][]byte, len(t))
	for p, f := range t {
		rows[p] = []byte(f)
	}
	return encodeTable(rows)
}

func decodeFamilies(b []byte) (familyTable, error) {
	rows, err := decodeTable(b)
	if err != nil {
		return nil, err
	}
	t := make(familyTable, len(rows))
	for p, f := range rows {
		t[p] = string(f)
	}
	return t, nil
}

// mergeFamilies adds what another segment's pages say to t.
func (t familyTable) mergeFamilies(other familyTable) {
	for p, f := range other {
		if old, seen := t[p]; !seen {
			t[p] = f
		} else if old != f {
			t[p] = familyConflict
		}
	}
}

func encodeEvidence(ev vocab.PipeEvidence) []byte {
	rows := make(map[string][]byte, len(ev))
	for p, e := range ev {
		if e.Before == 0 && e.After == 0 {
			continue // nothing to say: the same as no row
		}
		b := binary.AppendUvarint(nil, uint64(e.Before))
		b = binary.AppendUvarint(b, uint64(e.After))
		for _, n := range e.Operands {
			b = binary.AppendUvarint(b, uint64(n))
		}
		rows[p] = b
	}
	return encodeTable(rows)
}

func parseEvidence(row []byte) (vocab.ProgramEvidence, bool) {
	d := decoder{b: row}
	var e vocab.ProgramEvidence
	e.Before = int(d.uvarint())
	e.After = int(d.uvarint())
	for k := range e.Operands {
		e.Operands[k] = int(d.uvarint())
	}
	return e, d.err == nil && len(d.b) == 0
}

func decodeEvidence(b []byte) (vocab.PipeEvidence, error) {
	rows, err := decodeTable(b)
	if err != nil {
		return nil, err
	}
	ev := make(vocab.PipeEvidence, len(rows))
	for p, row := range rows {
		e, ok := parseEvidence(row)
		if !ok {
			return nil, errBadTable
		}
		ev[p] = &e
	}
	return ev, nil
}

// Keys. A segment lists its commands by a hash of their key
// (snippet.Key), so that composing an index finds the commands that are
// in more than one segment without decoding every entry: 12 bytes a
// document, the hash and the document's number, sorted by hash.

func keyHash(key string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(key))
	return h.Sum64()
}

func encodeKeys(entries []Entry) []byte {
	type rec struct {
		h   uint64
		doc uint32
	}
	recs := make([]rec, len(entries))
	for i := range entries {
		recs[i] = rec{keyHash(entries[i].Snippet.Key()), uint32(i)}
	}
	slices.SortFunc(recs, func(a, b rec) int {
		if c := cmpUint64(a.h, b.h); c != 0 {
			return c
		}
		return cmpUint64(uint64(a.doc), uint64(b.doc))
	})
	b := make([]byte, 0, 12*len(recs))
	for _, r := range recs {
		b = binary.LittleEndian.AppendUint64(b, r.h)
		b = binary.LittleEndian.AppendUint32(b, r.doc)
	}
	return b
}

func cmpUint64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// eachKey calls f for every hash and document of an encoded key list.
func eachKey(b []byte, f func(h uint64, doc uint32)) error {
	if len(b)%12 != 0 {
		return Damaged(errors.New("index: stored keys are damaged"))
	}
	for r := bytes.NewReader(b); r.Len() > 0; {
		var rec [12]byte
		_, _ = r.Read(rec[:])
		f(binary.LittleEndian.Uint64(rec[:8]), binary.LittleEndian.Uint32(rec[8:]))
	}
	return nil
}
