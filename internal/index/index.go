// Package index stores snippets for searching, in bleve's segment format,
// and reads them back.
//
// An index is made of segments, each holding the commands of one part of
// the sources (the bundled sheets, a collection, a share of a notes
// folder), read together as one: a manifest names them, in order, with
// what the index as a whole says that no segment says alone (how many
// documents, how long each field is on average, the distributions each
// program's pages name, what the commands show about pipes) and a segment
// of its own for the commands found in several of them, merged (see
// compose.go). A score is the same as from one segment holding everything.
//
// The package owns everything that must agree between the code that
// writes an index and the code that reads it: the mapping and its
// analyzers (made of the vocabulary of commands, internal/vocab), the
// analyzed synonym table, the statistics, and the stored record a result
// is decoded from. Where indexes are kept, and when they are rebuilt, is
// internal/cache's business.
package index

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/howcli/how/internal/safefile"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/vocab"
)

// Index is an open, read-only index: its segments and its manifest's
// values.
//
// The segments are read directly, not through bleve's scorch index:
// scorch's package initialisation alone costs every process 4 ms (it
// builds two Levenshtein automaton builders whether or not a query is
// fuzzy), more than a whole query takes. A built segment never changes,
// so nothing of scorch's is needed: no snapshots, no background merging.
type Index struct {
	// Dir is the directory the index's manifest is in; empty for an
	// index built in memory.
	Dir string

	mapping *mapping.IndexMappingImpl
	// parts are the segments, in the order of the sources; overlay, when
	// a command is in more than one, holds it merged (see compose.go).
	parts   []*part
	overlay *part
	// values are the manifest's: the knowledge and the statistics of the
	// whole index.
	values map[string][]byte
	// bases are where each part's documents start among the index's (see
	// part), and docs how many documents the index has in all.
	bases []uint64
	docs  uint64

	statsOnce    sync.Once
	stats        *search.BM25Stats
	synonymsOnce sync.Once
	synonyms     *synonymLines
	lengthsOnce  sync.Once
	lengths      Lengths
}

// part is one segment of an index. A document's number in the index is
// its part's base plus its number in the segment, so that documents are
// in the order of the sources, as in one segment holding everything.
// The overlay's documents have the numbers of the documents they replace
// (ids), which its own are in the order of.
type part struct {
	seg segment.Segment
	dir string // "" in memory
	// mask is the documents of the segment that the overlay replaces;
	// nil when none.
	mask *roaring.Bitmap
	// ids, of the overlay only, are its documents' numbers in the index,
	// ascending.
	ids []uint64
	// values are what is stored beside the segment, when read (building
	// and composing read them; a query needs only the manifest's).
	values map[string][]byte
}

// Close releases the part's segment.
func (p *part) Close() error {
	if p == nil || p.seg == nil {
		return nil
	}
	err := p.seg.Close()
	p.seg = nil
	return err
}

// setBases numbers the parts' documents and counts the index's.
func (ix *Index) setBases() {
	ix.bases = make([]uint64, len(ix.parts))
	var n, docs uint64
	for i, p := range ix.parts {
		ix.bases[i] = n
		c := p.seg.Count()
		n += c
		docs += c
		if p.mask != nil {
			docs -= p.mask.GetCardinality()
		}
	}
	if ix.overlay != nil {
		docs += ix.overlay.seg.Count()
	}
	ix.docs = docs
}

// Open opens the index at dir (its manifest and the segments it names)
// read-only. It takes no lock (a published index is never written to),
// and a damaged index is reported as an error (ErrDamaged, a *PartError
// when one segment is), never as a panic.
func Open(dir string) (*Index, error) { return OpenManifest(dir, manifestName) }

// OpenManifest opens the index the manifest root/name describes; the
// segments it names are folders of root.
func OpenManifest(root, name string) (ix *Index, err error) {
	path := filepath.Join(root, name)
	defer func() {
		if r := recover(); r != nil {
			ix, err = nil, Damaged(fmt.Errorf("index: open %s: damaged: %v", path, r))
		}
	}()
	m, err := readManifest(path)
	if err != nil {
		return nil, damage(fmt.Errorf("index: open %s: %w", root, err))
	}
	mp, err := NewMapping()
	if err != nil {
		return nil, fmt.Errorf("index: open %s: mapping: %w", root, err)
	}
	ix = &Index{Dir: root, mapping: mp, values: m.values}
	for _, ref := range m.parts {
		p, err := openPart(root, ref)
		if err != nil {
			ix.Close()
			return nil, err
		}
		ix.parts = append(ix.parts, p)
	}
	if m.overlay.dir != "" {
		p, err := openPart(root, m.overlay)
		if err != nil {
			ix.Close()
			return nil, err
		}
		p.ids = m.ids
		ix.overlay = p
	}
	ix.setBases()
	if ix.docs != m.docs {
		ix.Close()
		return nil, Damaged(fmt.Errorf("index: open %s: %d documents for %d commands", root, ix.docs, m.docs))
	}
	return ix, nil
}

// PartError says which segment of an index is damaged or missing, so
// that it alone can be rebuilt.
type PartError struct {
	Dir string // the segment's folder, as the manifest names it
	Err error
}

func (e *PartError) Error() string { return e.Err.Error() }
func (e *PartError) Unwrap() error { return e.Err }

// openPart opens the segment ref names under root and checks that it
// holds as many documents as when the manifest was written: a segment
// zeroed, emptied or cut short fails to open; one replaced by another
// build's holds another count.
func openPart(root string, ref partRef) (p *part, err error) {
	dir := filepath.Join(root, ref.dir)
	fail := func(err error) (*part, error) {
		return nil, &PartError{Dir: ref.dir, Err: damage(fmt.Errorf("index: open %s: %w", dir, err))}
	}
	defer func() {
		if r := recover(); r != nil {
			p, err = fail(fmt.Errorf("damaged: %v", r))
		}
	}()
	// zap opens the segment itself, and would wait for ever for a writer
	// to a FIFO put in its place.
	path := filepath.Join(dir, segmentName)
	if err := safefile.Regular(path); err != nil {
		return fail(err)
	}
	seg, err := zapPlugin.Open(path)
	if err != nil {
		return fail(err)
	}
	p = &part{seg: seg, dir: dir, mask: ref.mask}
	if n := seg.Count(); n != ref.count {
		p.Close()
		return fail(fmt.Errorf("%d documents for %d commands", n, ref.count))
	}
	return p, nil
}

// Close releases the index.
func (ix *Index) Close() error {
	if ix == nil {
		return nil
	}
	var errs []error
	for _, p := range ix.parts {
		errs = append(errs, p.Close())
	}
	errs = append(errs, ix.overlay.Close())
	return errors.Join(errs...)
}

// Mapping is the index's mapping: its fields and their analyzers.
func (ix *Index) Mapping() mapping.IndexMapping { return ix.mapping }

// DocCount is the number of documents in the index.
func (ix *Index) DocCount() uint64 { return ix.docs }

// Len returns the number of distinct commands in the index.
func (ix *Index) Len() (int, error) {
	n, err := strconv.Atoi(string(ix.values[keyEntries]))
	if err != nil {
		return 0, Damaged(fmt.Errorf("index: entry count: %w", err))
	}
	return n, nil
}

// Parts are the folders of the index's segments, as its manifest names
// them, in order, and the folder of the segment of merged commands ("" if
// none).
func (ix *Index) Parts() (parts []string, merged string) {
	for _, p := range ix.parts {
		parts = append(parts, filepath.Base(p.dir))
	}
	if ix.overlay != nil {
		merged = filepath.Base(ix.overlay.dir)
	}
	return parts, merged
}

// locate finds the segment and its document number of a document of the
// index.
func (ix *Index) locate(num uint64) (*part, uint64, bool) {
	if o := ix.overlay; o != nil {
		if k := sort.Search(len(o.ids), func(k int) bool { return o.ids[k] >= num }); k < len(o.ids) && o.ids[k] == num {
			return o, uint64(k), true
		}
	}
	i := sort.Search(len(ix.bases), func(i int) bool { return ix.bases[i] > num }) - 1
	if i < 0 {
		return nil, 0, false
	}
	p, local := ix.parts[i], num-ix.bases[i]
	if local >= p.seg.Count() || p.mask != nil && p.mask.Contains(uint32(local)) {
		return nil, 0, false
	}
	return p, local, true
}

// Stored returns the stored value of a field of the document with the
// internal id (see Reader).
func (ix *Index) Stored(id bindex.IndexInternalID, field string) ([]byte, error) {
	num, err := docNum(id)
	if err != nil {
		return nil, err
	}
	p, local, ok := ix.locate(num)
	if !ok {
		return nil, Damaged(fmt.Errorf("index: no document %d", num))
	}
	return p.stored(local, field)
}

func (p *part) stored(local uint64, field string) ([]byte, error) {
	var out []byte
	err := p.seg.VisitStoredFields(local, func(f string, _ byte, value []byte, _ []uint64) bool {
		if f == field {
			out = append([]byte(nil), value...)
			return false
		}
		return true
	})
	return out, Damaged(err)
}

// Entry returns the stored entry of the document with the internal id,
// with what the whole index says of it: its program's distribution, and
// what it does with a pipe.
func (ix *Index) Entry(id bindex.IndexInternalID) (Entry, error) {
	data, err := ix.Stored(id, FieldData)
	if err != nil {
		return Entry{}, err
	}
	e, err := decodeEntry(data)
	if err != nil {
		return Entry{}, fmt.Errorf("index: document % x: %w", []byte(id), err)
	}
	e.resolve(ix.family, ix.platform, ix.pipe)
	return e, nil
}

// family is the distribution the index's pages name for program.
func (ix *Index) family(program string) string {
	f, _ := lookupTable(ix.values[keyFamilies], normalProgram(program))
	if string(f) == familyConflict {
		return ""
	}
	return string(f)
}

// platform is the one platform the index's tldr pages for program are
// filed under, if any.
func (ix *Index) platform(program string) string {
	v, _ := lookupTable(ix.values[keyFamilies], platformKey(program))
	return onePlatform(string(v))
}

// pipe is what the index's commands say about a command that shows u.
func (ix *Index) pipe(u vocab.PipeUse) vocab.Pipe {
	ev := vocab.PipeEvidence{}
	if u.First != "" {
		if row, ok := lookupTable(ix.values[keyEvidence], u.First); ok {
			if e, ok := parseEvidence(row); ok {
				ev[u.First] = &e
			}
		}
	}
	return ev.Pipe(u)
}

// How the index reads a snippet's command: as written, or as its reader
// says it reads (snippet.Indexed, for tldr's syntax).

// headBody is what a person types of the command and what it carries
// (vocab.SplitCommand).
func headBody(s *snippet.Snippet) (head, body string) {
	if s.Indexed != nil {
		return s.Indexed.Head, s.Indexed.Body
	}
	return vocab.SplitCommand(s.Command)
}

// spelled is the command with every alternative in its first spelling.
func spelled(s *snippet.Snippet) string {
	if s.Indexed != nil {
		return s.Indexed.Spelled
	}
	return s.Command
}

// topics are the tags that say what the command is about.
func topics(s *snippet.Snippet) []string {
	if s.Indexed != nil {
		return s.Indexed.Topics
	}
	return s.Tags
}

// platform is the platform its source says the command is for ("" for
// every system).
func platform(s *snippet.Snippet) string {
	if s.Indexed != nil {
		return s.Indexed.Platform
	}
	return ""
}
