package index

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/vocab"
)

// Composing. An index of several segments must score every command as one
// segment holding everything would, so what depends on all the sources is
// worked out when the segments are put together, and written in the
// manifest that names them:
//
//   - a command found in several segments is one document there, whose
//     fields hold every occurrence (its descriptions, sections, tools): the
//     segments' documents for it are masked, and a segment of its own (the
//     overlay) holds it merged, numbered as its first occurrence is, so
//     that ties break as they did;
//   - the number of documents and each field's total length, which BM25
//     weighs a match by, are the segments' less the masked documents' plus
//     the overlay's;
//   - the distribution a program's pages name holds for its commands in
//     every segment, and what commands show about pipes is counted over all
//     of them, each command once.
//
// The synonym table and the phrase groups, which depend on the lists and
// not on the sources, are stored in the manifest too.

// partRef is a segment as a manifest names it.
type partRef struct {
	dir   string // a folder of the manifest's root
	count uint64 // its documents, masked ones included
	mask  *roaring.Bitmap
}

// manifest is a decoded manifest.
type manifest struct {
	values  map[string][]byte
	parts   []partRef
	overlay partRef
	ids     []uint64
	docs    uint64
}

var errBadManifest = Damaged(errors.New("index: manifest is damaged"))

func readManifest(path string) (*manifest, error) {
	values, err := readValues(path, manifestMagic, manifestKeys)
	if err != nil {
		return nil, err
	}
	m := &manifest{values: values}
	d := decoder{b: values[keyParts]}
	for n := d.count(); n > 0 && d.err == nil; n-- {
		m.parts = append(m.parts, d.partRef())
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, errBadManifest
	}
	d = decoder{b: values[keyOverlay]}
	m.overlay = d.partRef()
	if n := d.count(); n > 0 {
		m.ids = make([]uint64, n)
		var prev uint64
		for k := range m.ids {
			prev += d.uvarint()
			m.ids[k] = prev
		}
	}
	if d.err != nil || len(d.b) != 0 || uint64(len(m.ids)) != m.overlay.count {
		return nil, errBadManifest
	}
	if m.docs, err = strconv.ParseUint(string(values[keyEntries]), 10, 64); err != nil {
		return nil, errBadManifest
	}
	return m, nil
}

func (d *decoder) partRef() partRef {
	r := partRef{dir: d.string(), count: d.uvarint()}
	if mask := d.string(); mask != "" && d.err == nil {
		r.mask = roaring.New()
		if _, err := r.mask.FromBuffer([]byte(mask)); err != nil {
			d.err = errBadManifest
		}
		// FromBuffer shares the buffer; the manifest's bytes are kept.
	}
	if r.dir != "" && (r.dir != filepath.Base(r.dir) || r.dir == "." || r.dir == "..") {
		d.err = errBadManifest // a segment is a folder of the root, no more
	}
	return r
}

func appendPartRef(b []byte, r partRef) []byte {
	b = appendString(b, r.dir)
	b = binary.AppendUvarint(b, r.count)
	var mask []byte
	if r.mask != nil && !r.mask.IsEmpty() {
		mask, _ = r.mask.ToBytes()
	}
	return appendString(b, string(mask))
}

// ManifestParts reads which folders of its root the manifest at path
// names: its segments, and its overlay ("" for none).
func ManifestParts(path string) (parts []string, overlay string, err error) {
	m, err := readManifest(path)
	if err != nil {
		return nil, "", err
	}
	for _, r := range m.parts {
		parts = append(parts, r.dir)
	}
	return parts, m.overlay.dir, nil
}

// WriteManifest writes a manifest at path atomically: readers see the
// old one or the new, never part of one.
func WriteManifest(path string, data []byte) error {
	tmp := fmt.Sprintf("%s.tmp-%d-%d", path, os.Getpid(), time.Now().UnixNano())
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return nil
}

// OverlayPrefix starts the name of every overlay folder Compose writes.
const OverlayPrefix = "merged-"

// Compose works out the manifest of an index made of the segments in the
// folders dirs of root, in order (see the comment above), and returns it.
// The overlay of the commands found in several of them is written in a
// folder of root named for what it holds (OverlayPrefix and a hash),
// unless one is there already. A segment that cannot be read is a
// *PartError.
func Compose(root string, dirs []string, k Knowledge) ([]byte, error) {
	parts := make([]*part, 0, len(dirs))
	defer func() {
		for _, p := range parts {
			p.Close()
		}
	}()
	for _, dir := range dirs {
		p, err := openSegment(root, dir)
		if err != nil {
			return nil, err
		}
		parts = append(parts, p)
	}
	m, err := NewMapping()
	if err != nil {
		return nil, err
	}
	groups, err := sharedCommands(parts)
	if err != nil {
		return nil, err
	}
	refs := make([]partRef, len(parts))
	for i, p := range parts {
		refs[i] = partRef{dir: dirs[i], count: p.seg.Count()}
	}
	var masked, merged []Entry
	var ids []uint64
	bases := make([]uint64, len(parts))
	for i := 1; i < len(parts); i++ {
		bases[i] = bases[i-1] + parts[i-1].seg.Count()
	}
	tools := vocab.NewTools(k.Tools)
	for _, g := range groups {
		occ := []snippet.Snippet{}
		var from []Entry // the member entry each occurrence comes from
		for _, r := range g {
			e := r.entry
			masked = append(masked, e)
			if refs[r.part].mask == nil {
				refs[r.part].mask = roaring.New()
			}
			refs[r.part].mask.Add(r.doc)
			for _, s := range e.occurrences() {
				occ = append(occ, s)
				from = append(from, e)
			}
		}
		shown := shownOf(occ)
		e := entryOf(occ, shown, tools)
		// What the shown occurrence's own segment worked out of it.
		src := from[shown]
		e.Position, e.family, e.use = src.Position, src.family, src.use
		merged = append(merged, e)
		ids = append(ids, bases[g[0].part]+uint64(g[0].doc))
	}
	var overlay *part
	overlayRef := partRef{}
	if len(merged) > 0 {
		name, err := writeOverlay(root, dirs, merged, k, m, tools)
		if err != nil {
			return nil, err
		}
		if overlay, err = openSegment(root, name); err != nil {
			return nil, err
		}
		defer overlay.Close()
		overlayRef = partRef{dir: name, count: overlay.seg.Count()}
		if overlayRef.count != uint64(len(merged)) {
			return nil, &PartError{Dir: name, Err: Damaged(fmt.Errorf("index: %s: %d documents for %d commands", name, overlayRef.count, len(merged)))}
		}
	}
	values, err := combineValues(parts, overlay, masked, merged, k, m)
	if err != nil {
		return nil, err
	}
	var b []byte
	b = binary.AppendUvarint(b, uint64(len(refs)))
	for _, r := range refs {
		b = appendPartRef(b, r)
	}
	values[keyParts] = b
	b = appendPartRef(nil, overlayRef)
	b = binary.AppendUvarint(b, uint64(len(ids)))
	var prev uint64
	for _, id := range ids {
		b = binary.AppendUvarint(b, id-prev)
		prev = id
	}
	values[keyOverlay] = b
	return encodeValues(manifestMagic, values), nil
}

// openSegment opens the segment in root/dir with its values, for
// composing.
func openSegment(root, dir string) (*part, error) {
	values, err := readValues(filepath.Join(root, dir, valuesName), segmentMagic, segmentKeys)
	if err != nil {
		return nil, &PartError{Dir: dir, Err: damage(fmt.Errorf("index: open %s: %w", filepath.Join(root, dir), err))}
	}
	n, err := strconv.ParseUint(string(values[keyEntries]), 10, 64)
	if err != nil {
		return nil, &PartError{Dir: dir, Err: Damaged(fmt.Errorf("index: open %s: %w", filepath.Join(root, dir), errBadValues))}
	}
	p, err := openPart(root, partRef{dir: dir, count: n})
	if err != nil {
		return nil, err
	}
	p.values = values
	return p, nil
}

// member is one segment's entry of a command found in several.
type member struct {
	part  int
	doc   uint32
	entry Entry
}

// sharedCommands finds the commands found in more than one segment, each
// with its entries in the order of the segments, in the order of their
// first occurrence.
func sharedCommands(parts []*part) ([][]member, error) {
	type ref struct {
		part int
		doc  uint32
	}
	all := map[uint64][]ref{}
	for i, p := range parts {
		err := eachKey(p.values[keyKeys], func(h uint64, doc uint32) {
			all[h] = append(all[h], ref{i, doc})
		})
		if err != nil {
			return nil, &PartError{Dir: filepath.Base(p.dir), Err: err}
		}
	}
	entry := func(r ref) (Entry, error) {
		p := parts[r.part]
		data, err := p.stored(uint64(r.doc), FieldData)
		if err == nil {
			var e Entry
			if e, err = decodeEntry(data); err == nil {
				return e, nil
			}
		}
		return Entry{}, &PartError{Dir: filepath.Base(p.dir), Err: err}
	}
	var groups [][]member
	for _, rs := range all {
		if rs[0].part == rs[len(rs)-1].part {
			continue // in one segment only
		}
		// A hash shared by two commands would merge them: commands are
		// grouped by their key itself.
		byKey := map[string][]member{}
		var keys []string
		for _, r := range rs {
			e, err := entry(r)
			if err != nil {
				return nil, err
			}
			k := e.Snippet.Key()
			if _, ok := byKey[k]; !ok {
				keys = append(keys, k)
			}
			byKey[k] = append(byKey[k], member{r.part, r.doc, e})
		}
		for _, k := range keys {
			g := byKey[k]
			slices.SortFunc(g, func(a, b member) int {
				if a.part != b.part {
					return a.part - b.part
				}
				return int(a.doc) - int(b.doc)
			})
			if g[0].part != g[len(g)-1].part {
				groups = append(groups, g)
			}
		}
	}
	slices.SortFunc(groups, func(a, b []member) int {
		if a[0].part != b[0].part {
			return a[0].part - b[0].part
		}
		return int(a[0].doc) - int(b[0].doc)
	})
	return groups, nil
}

// writeOverlay writes the segment of the merged commands into a folder of
// root named for what it holds, unless it is there, and returns its name.
func writeOverlay(root string, dirs []string, merged []Entry, k Knowledge, m *mapping.IndexMappingImpl, tools vocab.Tools) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", SchemaVersion())
	// The segments' names say what knowledge built them (the cache names
	// them so): the merged documents are built with the same.
	for _, d := range dirs {
		fmt.Fprintf(h, "%s\n", d)
	}
	for i := range merged {
		h.Write(merged[i].encode())
	}
	name := OverlayPrefix + hex.EncodeToString(h.Sum(nil)[:12])
	dir := filepath.Join(root, name)
	if _, err := os.Stat(filepath.Join(dir, valuesName)); err == nil {
		return name, nil
	}
	tmp := filepath.Join(root, fmt.Sprintf("%s.tmp-%d-%d", name, os.Getpid(), time.Now().UnixNano()))
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return "", err
	}
	an, err := newAnalyzers(m, tools)
	if err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	an.manuals = manualsOf(merged, tools, k.Manuals)
	seg, lengths, err := writeDocs(tmp, merged, an, nil)
	if err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	p := &part{seg: seg, dir: tmp, values: segmentValues(seg, merged, familyTable{}, lengths)}
	err = writeValues(filepath.Join(tmp, valuesName), segmentMagic, p.values)
	if cerr := p.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		_ = os.RemoveAll(dir) // a damaged one, from a build that was cut short
		err = os.Rename(tmp, dir)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	return name, nil
}

// segmentValues are what a segment stores beside its documents.
func segmentValues(seg segment.Segment, entries []Entry, families familyTable, lengths Lengths) map[string][]byte {
	ev := vocab.PipeEvidence{}
	for i := range entries {
		ev.Add(entries[i].use)
	}
	values := map[string][]byte{
		keyEntries:  []byte(strconv.Itoa(len(entries))),
		keyLengths:  lengths.encode(),
		keyFamilies: encodeFamilies(families),
		keyEvidence: encodeEvidence(ev),
		keyKeys:     encodeKeys(entries),
		keyStats:    encodeStats(seg),
	}
	return values
}

// combineValues works out the manifest's values of an index of parts,
// whose masked entries the overlay replaces with the merged ones.
func combineValues(parts []*part, overlay *part, masked, merged []Entry, k Knowledge, m *mapping.IndexMappingImpl) (map[string][]byte, error) {
	docs := 0
	lengths := Lengths{}
	families := familyTable{}
	ev := vocab.PipeEvidence{}
	for _, p := range parts {
		bad := func(err error) error {
			return &PartError{Dir: filepath.Base(p.dir), Err: Damaged(fmt.Errorf("index: %s: %w", p.dir, err))}
		}
		n, err := strconv.Atoi(string(p.values[keyEntries]))
		if err != nil {
			return nil, bad(err)
		}
		docs += n
		l, err := decodeLengths(p.values[keyLengths])
		if err != nil {
			return nil, bad(err)
		}
		lengths.merge(l)
		f, err := decodeFamilies(p.values[keyFamilies])
		if err != nil {
			return nil, bad(err)
		}
		families.mergeFamilies(f)
		e, err := decodeEvidence(p.values[keyEvidence])
		if err != nil {
			return nil, bad(err)
		}
		ev.Merge(e)
	}
	for i := range masked {
		lengths.remove(masked[i].lengths)
		ev.Remove(masked[i].use)
	}
	if overlay != nil {
		l, err := decodeLengths(overlay.values[keyLengths])
		if err != nil {
			return nil, &PartError{Dir: filepath.Base(overlay.dir), Err: Damaged(err)}
		}
		lengths.merge(l)
	}
	for i := range merged {
		ev.Add(merged[i].use)
	}
	docs += len(merged) - len(masked)
	text := m.AnalyzerNamed(AnalyzerText)
	values := map[string][]byte{
		keyEntries:  []byte(strconv.Itoa(docs)),
		keyLengths:  lengths.encode(),
		keyFamilies: encodeFamilies(families),
		keyEvidence: encodeEvidence(ev),
		keySynonyms: encodeSynonyms(synonymTable(m, k.Synonyms)),
		keyPhrases:  encodePhrases(vocab.PhraseGroups(text, k.Synonyms)),
	}
	// bleve's BM25 statistics are one segment's: an index of several
	// lets bleve count its own (see BM25Stats).
	if len(parts) == 1 && overlay == nil {
		values[keyStats] = parts[0].values[keyStats]
	}
	return values, nil
}
