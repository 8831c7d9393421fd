// Package index keeps snippets in a bleve index on disk.
//
// It owns everything that must agree between the code that writes an index
// and the code that reads it: the mapping and its analyzers (including the
// Go-coded cmdline tokenizer, registered in init), the synonym list, the
// stored record a result is decoded from, and the cache layout that Ensure
// maintains under the user's cache directory.
package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/howcli/how/internal/sheet"
	"github.com/howcli/how/internal/snippet"
)

// Index is an open, read-only index.
type Index struct {
	Bleve bleve.Index
	// Dir is the directory the index lives in; empty for an index built in
	// memory because the cache could not be used.
	Dir string
	// Built is set when Ensure had to build the index for this call.
	Built bool
	// Warnings are one-line messages for the user about how the index was
	// obtained (a damaged cache was rebuilt, the cache is not writable, ...).
	// Library code never prints; the caller decides where they go.
	Warnings []string

	phrasesOnce sync.Once
	phrases     []byte // encoded; see PhraseGroupsWith
	statsOnce   sync.Once
	stats       *search.BM25Stats
}

// Batch sizes: one batch (one segment, fastest to query) up to
// singleBatchMax documents; above that, batches of batchSize keep the
// builder near 120 MB at 35k commands and 200 MB at 100k (one batch of 30k
// takes 300 MB), and the segments are merged at the end. Variables so tests
// can take the many-batch path with a few documents.
var (
	singleBatchMax = 20000
	batchSize      = 5000
)

// boltTimeout bounds how long Open waits for bolt's file lock, which a
// writer would hold. Published indexes are never written to, so waiting
// longer only hides a problem.
const boltTimeout = "100ms"

// Build writes a new index of snippets into dir, which must not exist yet.
// Snippets with the same command (snippet.Key) become one document.
func Build(dir string, snippets []snippet.Snippet) error {
	if dir == "" {
		return errors.New("index: build: no directory")
	}
	return buildDir(dir, snippets, nil)
}

// buildDir writes and closes a new index at dir. On failure nothing is
// left at dir.
func buildDir(dir string, snippets []snippet.Snippet, progress func(done, total int)) error {
	if _, err := os.Lstat(dir); err == nil {
		return fmt.Errorf("index: build: %s already exists", dir)
	}
	idx, merged, err := newIndex(dir, snippets, progress)
	if err == nil {
		err = idx.Close()
	}
	if err == nil && merged {
		err = removeUnusedSegments(dir)
	}
	if err != nil {
		_ = os.RemoveAll(dir)
		return fmt.Errorf("index: build %s: %w", dir, err)
	}
	return nil
}

// buildMemory builds an index that lives in memory only.
func buildMemory(snippets []snippet.Snippet, progress func(done, total int)) (bleve.Index, error) {
	idx, _, err := newIndex("", snippets, progress)
	if err != nil {
		return nil, fmt.Errorf("index: build in memory: %w", err)
	}
	return idx, nil
}

// newIndex creates an index at dir (in memory if empty), fills it and
// returns it open for writing, reporting whether segments were merged.
func newIndex(dir string, snippets []snippet.Snippet, progress func(done, total int)) (bleve.Index, bool, error) {
	m, err := NewMapping()
	if err != nil {
		return nil, false, fmt.Errorf("mapping: %w", err)
	}
	idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, false, err
	}
	merged, err := fill(idx, m, snippets, progress)
	if err != nil {
		_ = idx.Close()
		return nil, false, err
	}
	return idx, merged, nil
}

// removeUnusedSegments deletes the segment files that a merge replaced.
// scorch deletes them itself only from a later writer's background loop,
// which a closed build never gets to; published, they would double the
// cache's size. The live set is read back from the closed index, so only
// files its root does not use are removed.
func removeUnusedSegments(dir string) error {
	idx, err := bleve.OpenUsing(dir, map[string]interface{}{"read_only": true, "bolt_timeout": boltTimeout})
	if err != nil {
		return err
	}
	defer idx.Close()
	adv, err := idx.Advanced()
	if err != nil {
		return err
	}
	r, err := adv.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	live := map[string]bool{}
	for _, ss := range snap.Segments() {
		p, ok := ss.Segment().(interface{ Path() string })
		if !ok {
			return nil // not every segment is a file: leave the directory alone
		}
		live[filepath.Base(p.Path())] = true
	}
	store := filepath.Join(dir, "store")
	files, err := os.ReadDir(store)
	if err != nil {
		return err
	}
	for _, f := range files {
		if n := f.Name(); strings.HasSuffix(n, ".zap") && !live[n] {
			if err := os.Remove(filepath.Join(store, n)); err != nil {
				return err
			}
		}
	}
	return nil
}

// fill indexes snippets into idx, reporting whether segments were merged.
func fill(idx bleve.Index, m *mapping.IndexMappingImpl, snippets []snippet.Snippet, progress func(done, total int)) (merged bool, err error) {
	entries := Merge(snippets)
	size := len(entries)
	if size > singleBatchMax {
		size = batchSize
	}
	an := analyzers{
		cmd:  m.AnalyzerNamed(AnalyzerCommand),
		text: m.AnalyzerNamed(AnalyzerText),
		kw:   m.AnalyzerNamed(AnalyzerKeyword),
	}
	if an.cmd == nil || an.text == nil || an.kw == nil {
		return false, errors.New("analyzers missing from mapping")
	}

	b := idx.NewBatch()
	for i, g := range Synonyms() {
		def := &bleve.SynonymDefinition{Input: g.Input, Synonyms: g.Terms}
		if err := b.IndexSynonym("syn"+strconv.Itoa(i), synonymCollection, def); err != nil {
			return false, fmt.Errorf("synonyms: %w", err)
		}
	}
	done := 0
	for i := range entries {
		if err := b.IndexAdvanced(an.document(strconv.FormatInt(int64(i), 36), &entries[i])); err != nil {
			return false, err
		}
		if i+1-done >= size && i+1 < len(entries) {
			if err := idx.Batch(b); err != nil {
				return false, fmt.Errorf("write batch: %w", err)
			}
			done = i + 1
			if progress != nil {
				progress(done, len(entries))
			}
			b.Reset()
		}
	}
	// Internal values ride in the last batch: a batch of its own would
	// be a segment of its own, and every query opens every segment.
	b.SetInternal([]byte(internalEntries), []byte(strconv.Itoa(len(entries))))
	b.SetInternal([]byte(internalPhrases), encodePhrases(phraseGroups(an.text)))
	if err := idx.Batch(b); err != nil {
		return false, fmt.Errorf("write batch: %w", err)
	}
	if done > 0 {
		if err := forceMerge(idx); err != nil {
			return false, err
		}
	}
	// Counted from the finished index, so they are what bleve would count;
	// a batch of internal values alone adds no segment.
	stats, err := encodeStats(idx)
	if err != nil {
		return false, fmt.Errorf("statistics: %w", err)
	}
	if stats != nil {
		if err := idx.SetInternal([]byte(internalStats), stats); err != nil {
			return false, fmt.Errorf("statistics: %w", err)
		}
	}
	if progress != nil {
		progress(len(entries), len(entries))
	}
	return done > 0, nil
}

// forceMerge merges the segments of a many-batch build into one: every
// query pays for every segment it opens, and a build happens once. A merge
// plans over the segments introduced so far, and the last batch can still
// be on its way to disk when it starts, so it is repeated until one
// segment is left (or a few attempts fail to get there).
func forceMerge(idx bleve.Index) error {
	adv, err := idx.Advanced()
	if err != nil {
		return err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	for attempt := 0; attempt < 5; attempt++ {
		if err := s.ForceMerge(context.Background(), &mergeplan.SingleSegmentMergePlanOptions); err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		settle(s)
		if n, err := segmentCount(s); err != nil || n <= 1 {
			return err
		}
	}
	return nil
}

// settle waits (boundedly) until scorch's merger and persister have caught
// up with the latest snapshot: closing before that would publish a root
// that still names the segments the merge replaced.
func settle(s *scorch.Scorch) {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if busy, ok := s.StatsMap()["index_bgthreads_active"].(bool); !ok || !busy {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func segmentCount(s *scorch.Scorch) (int, error) {
	r, err := s.Reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return 0, nil
	}
	return len(snap.Segments()), nil
}

// internalEntries is the internal key holding the number of commands.
const internalEntries = "how.entries"

// Len returns the number of distinct commands in the index.
func (ix *Index) Len() (int, error) {
	b, err := ix.Bleve.GetInternal([]byte(internalEntries))
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(string(b))
	if err != nil {
		return 0, fmt.Errorf("index: entry count: %w", err)
	}
	return n, nil
}

type analyzers struct {
	cmd, text, kw analysis.Analyzer
}

// document builds the bleve document of an entry by hand rather than
// through the mapping's reflection; the fields table in mapping.go keeps
// the two in agreement.
func (an analyzers) document(id string, e *Entry) *document.Document {
	doc := document.NewDocument(id)
	const idx = bindex.IndexField
	add := func(name string, vals []string, a analysis.Analyzer) {
		for i, v := range vals {
			var ap []uint64
			if len(vals) > 1 {
				ap = []uint64{uint64(i)}
			}
			doc.AddField(document.NewTextFieldCustom(name, ap, []byte(v), idx, a))
		}
	}
	head, body := SplitCommand(e.Snippet.Command)
	if e.Snippet.Origin == snippet.OriginTldr {
		head, body = valuePlaceholdersOut(head, body)
	}
	add(FieldCommand, []string{head}, an.cmd)
	if body != "" {
		add(FieldBody, []string{body}, an.cmd)
	}
	add(FieldDescription, e.distinct(func(s *snippet.Snippet) []string { return []string{s.Description} }), an.text)
	add(FieldSection, e.distinct(func(s *snippet.Snippet) []string { return []string{s.Section} }), an.text)
	tools := e.distinct(func(s *snippet.Snippet) []string { return []string{s.Tool} })
	add(FieldTool, tools, an.kw)
	add(FieldTags, e.distinct(func(s *snippet.Snippet) []string { return s.Tags }), an.text)
	if len(tools) > 0 {
		if about := About(tools[0], head); about != "" {
			add(FieldAbout, []string{about}, an.text)
		}
	}
	doc.AddField(document.NewTextFieldWithIndexingOptions(FieldData, nil, e.encode(), bindex.StoreField))
	return doc
}

// Open opens the index at dir read-only. It never waits long on a lock, and
// a damaged index is reported as an error, never as a panic.
func Open(dir string) (ix *Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			ix, err = nil, fmt.Errorf("index: open %s: damaged: %v", dir, r)
		}
	}()
	idx, err := bleve.OpenUsing(dir, map[string]interface{}{
		"read_only":    true,
		"bolt_timeout": boltTimeout,
	})
	if err != nil {
		return nil, fmt.Errorf("index: open %s: %w", dir, err)
	}
	// A cheap check that the segments the root names were all loaded.
	// Damage bleve cannot see at open surfaces as an error from a search
	// (see search.Run), never as a crash.
	if _, err := idx.DocCount(); err != nil {
		_ = idx.Close()
		return nil, fmt.Errorf("index: open %s: %w", dir, err)
	}
	return &Index{Bleve: idx, Dir: dir}, nil
}

// Close releases the index.
func (ix *Index) Close() error {
	if ix == nil || ix.Bleve == nil {
		return nil
	}
	err := ix.Bleve.Close()
	ix.Bleve = nil
	return err
}

// valuePlaceholdersOut moves the words of a tldr command's value
// placeholders ({{path/to/file}}, {{count}}) from its head to its body. They
// name what the user fills in, not what the command does: indexed as the
// command, "count lines in a file" matched every example taking a count
// and a file. Option placeholders ({{[-f|--follow]}}) are the command's
// real flags and stay, spelled both ways.
func valuePlaceholdersOut(head, body string) (string, string) {
	ps := sheet.Placeholders(head)
	if len(ps) == 0 {
		return head, body
	}
	var h, moved strings.Builder
	last := 0
	for _, p := range ps {
		h.WriteString(head[last:p.Start])
		if p.Short != "" || p.Long != "" {
			h.WriteString(strings.TrimSpace(p.Short + " " + p.Long))
		} else {
			h.WriteByte(' ')
			moved.WriteString(p.Text)
			moved.WriteByte(' ')
		}
		last = p.End
	}
	h.WriteString(head[last:])
	if moved.Len() > 0 {
		body = strings.TrimSpace(body + "\n" + moved.String())
	}
	return h.String(), body
}
