// Package index stores snippets for searching, in bleve's segment format,
// and reads them back.
//
// It owns everything that must agree between the code that writes an index
// and the code that reads it: the mapping and its analyzers (made of the
// vocabulary of commands, internal/vocab), the analyzed synonym table, the
// statistics stored beside the segment, and the stored record a result is
// decoded from. Where indexes are kept, and when they are rebuilt, is
// internal/cache's business.
package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v16"

	"github.com/howcli/how/internal/safefile"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/vocab"
)

// Index is an open, read-only index: one zap segment (bleve's own segment
// format) and the values stored beside it.
//
// The segment is read directly, not through bleve's scorch index: scorch's
// package initialisation alone costs every process 4 ms (it builds two
// Levenshtein automaton builders whether or not a query is fuzzy), more
// than a whole query takes. A built index never changes, so nothing of
// scorch's is needed: no snapshots, no deletions, no background merging.
type Index struct {
	// Dir is the directory the index lives in; empty for an index built in
	// memory.
	Dir string

	seg      segment.Segment
	mapping  *mapping.IndexMappingImpl
	internal map[string][]byte

	statsOnce    sync.Once
	stats        *search.BM25Stats
	synonymsOnce sync.Once
	synonyms     *synonymLines
	lengthsOnce  sync.Once
	lengths      Lengths
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

// Build writes a new index of snippets into dir, which must not exist yet.
// Snippets with the same command (snippet.Key) become one document.
func Build(dir string, snippets []snippet.Snippet) error {
	return BuildWith(dir, snippets, DefaultKnowledge())
}

// Knowledge is what an index knows beyond its sources: the synonym list
// and the tool list (synonyms.txt, tools.txt). Tests build without them to
// measure what each earns.
type Knowledge struct {
	Synonyms []vocab.SynonymGroup
	// Tools maps a program, or a program and a subcommand ("docker
	// logs"), to the words for what it does.
	Tools map[string]string
	// Manuals says what an installed program is, for the programs Tools
	// does not know (see Manuals); nil: nothing is known beyond Tools.
	Manuals func(program string) string
}

// DefaultKnowledge is the knowledge every index is built with.
func DefaultKnowledge() Knowledge {
	return Knowledge{Synonyms: vocab.Synonyms(), Tools: vocab.ToolEntries()}
}

// BuildWith is Build with the given knowledge.
func BuildWith(dir string, snippets []snippet.Snippet, k Knowledge) error {
	if dir == "" {
		return errors.New("index: build: no directory")
	}
	return BuildProgress(dir, snippets, k, nil)
}

// BuildProgress is BuildWith, calling progress (if not nil) as documents
// are written. On failure nothing is left at dir.
func BuildProgress(dir string, snippets []snippet.Snippet, k Knowledge, progress func(done, total int)) error {
	if _, err := os.Lstat(dir); err == nil {
		return fmt.Errorf("index: build: %s already exists", dir)
	}
	if err := os.MkdirAll(filepath.Join(dir, storeDir), 0o755); err != nil {
		return fmt.Errorf("index: build %s: %w", dir, err)
	}
	ix, err := build(dir, snippets, k, progress)
	if err == nil {
		err = ix.Close()
	}
	if err != nil {
		_ = os.RemoveAll(dir)
		return fmt.Errorf("index: build %s: %w", dir, err)
	}
	return nil
}

// BuildMemory builds an index that lives in memory only, calling progress
// (if not nil) as BuildProgress does.
func BuildMemory(snippets []snippet.Snippet, k Knowledge, progress func(done, total int)) (*Index, error) {
	ix, err := build("", snippets, k, progress)
	if err != nil {
		return nil, fmt.Errorf("index: build in memory: %w", err)
	}
	return ix, nil
}

// Where an index directory keeps its files.
const (
	storeDir    = "store"
	segmentName = "index.zap"
	valuesName  = "values"
)

var zapPlugin = &zap.ZapPlugin{}

// build indexes snippets into dir (in memory when dir is empty) and
// returns the index open.
func build(dir string, snippets []snippet.Snippet, k Knowledge, progress func(done, total int)) (*Index, error) {
	m, err := NewMapping()
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	tools := vocab.NewTools(k.Tools)
	an, err := newAnalyzers(m, tools)
	if err != nil {
		return nil, err
	}
	entries := merge(snippets, tools)
	an.manuals = manualsOf(entries, tools, k.Manuals)
	size := len(entries)
	if size > singleBatchMax {
		size = batchSize
	}

	var parts []segment.Segment
	lengths := Lengths{}
	closeParts := func() {
		for _, p := range parts {
			_ = p.Close()
		}
	}
	for start := 0; start < len(entries) || start == 0; start += size {
		end := min(start+size, len(entries))
		// A page's commands come together: what the memo holds serves
		// one batch, and goes with it.
		an.shared = &memoAnalyzer{an: an.text}
		docs := make([]bindex.Document, end-start)
		analyzeAll(docs, func(k int) *document.Document {
			i := start + k
			return an.document(strconv.FormatInt(int64(i), 36), &entries[i])
		})
		for _, d := range docs {
			lengths.add(d.(*document.Document))
		}
		seg, _, err := zapPlugin.New(docs)
		if err != nil {
			closeParts()
			return nil, fmt.Errorf("segment: %w", err)
		}
		parts = append(parts, seg)
		if progress != nil && end < len(entries) {
			progress(end, len(entries))
		}
		if end >= len(entries) {
			break
		}
	}

	ix := &Index{Dir: dir, mapping: m, internal: map[string][]byte{}}
	switch {
	case dir == "" && len(parts) == 1:
		ix.seg = parts[0]
	case dir == "":
		// Many batches in memory: merge through a temporary file, then
		// keep its contents; an index in memory is the fallback for an
		// unwritable cache, so the file goes to the system's temp folder.
		tmp, err := os.CreateTemp("", "how-index-*.zap")
		if err != nil {
			closeParts()
			return nil, err
		}
		path := tmp.Name()
		tmp.Close()
		defer os.Remove(path)
		seg, err := mergeParts(parts, path)
		closeParts()
		if err != nil {
			return nil, err
		}
		ix.seg = seg
	default:
		path := filepath.Join(dir, storeDir, segmentName)
		var err error
		if len(parts) == 1 {
			err = persist(parts[0], path)
			closeParts()
			if err == nil {
				ix.seg, err = zapPlugin.Open(path)
			}
		} else {
			ix.seg, err = mergeParts(parts, path)
			closeParts()
		}
		if err != nil {
			return nil, fmt.Errorf("segment: %w", err)
		}
	}

	ix.internal[internalEntries] = []byte(strconv.Itoa(len(entries)))
	ix.internal[internalPhrases] = encodePhrases(vocab.PhraseGroups(an.text, k.Synonyms))
	ix.internal[internalStats] = encodeStats(ix.seg)
	ix.internal[internalSynonyms] = encodeSynonyms(synonymTable(m, k.Synonyms))
	ix.internal[internalLengths] = lengths.encode()
	if dir != "" {
		if err := writeValues(filepath.Join(dir, storeDir, valuesName), ix.internal); err != nil {
			_ = ix.Close()
			return nil, err
		}
	}
	if progress != nil {
		progress(len(entries), len(entries))
	}
	return ix, nil
}

// persist writes a segment built in memory to path. zap builds such
// segments; one of another kind is an error, not a panic.
func persist(seg segment.Segment, path string) error {
	up, ok := seg.(segment.UnpersistedSegment)
	if !ok {
		return fmt.Errorf("a %T cannot be written to a file", seg)
	}
	return up.Persist(path)
}

// analyzeAll makes and analyzes docs[k] = doc(k) for every k, on every
// core: analysis is most of a build's time, and documents are independent.
func analyzeAll(docs []bindex.Document, doc func(k int) *document.Document) {
	onEveryCore(len(docs), func() struct{} { return struct{}{} }, func(_ struct{}, k int) {
		d := doc(k)
		d.AddIDField()
		d.VisitFields(func(f bindex.Field) {
			if f.Options().IsIndexed() {
				f.Analyze()
			}
		})
		docs[k] = d
	})
}

// onEveryCore calls do(w, k) for every k below n, on every core; each
// goroutine gets a w of its own from newWorker (a parser, say, which
// cannot be shared).
func onEveryCore[W any](n int, newWorker func() W, do func(w W, k int)) {
	var wg sync.WaitGroup
	next := make(chan int, 64)
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker()
			for k := range next {
				do(w, k)
			}
		}()
	}
	for k := range n {
		next <- k
	}
	close(next)
	wg.Wait()
}

// mergeParts merges the segments of a many-batch build into one file at
// path and opens it: every query would pay for every segment it reads.
func mergeParts(parts []segment.Segment, path string) (segment.Segment, error) {
	if _, _, err := zapPlugin.Merge(parts, make([]*roaring.Bitmap, len(parts)), path, nil, nil); err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	return zapPlugin.Open(path)
}

// Len returns the number of distinct commands in the index.
func (ix *Index) Len() (int, error) {
	b, ok := ix.internal[internalEntries]
	if !ok {
		return 0, errors.New("index: no entry count")
	}
	n, err := strconv.Atoi(string(b))
	if err != nil {
		return 0, fmt.Errorf("index: entry count: %w", err)
	}
	return n, nil
}

type analyzers struct {
	cmd, opts, text, kw analysis.Analyzer
	tools               vocab.Tools
	// manuals are the NAME lines of the programs tools does not know.
	manuals map[string]string
	// shared analyzes text as text does, once per distinct text: what is
	// true of a whole page or program (section, tags, tool knowledge)
	// repeats with each of its commands.
	shared *memoAnalyzer
}

// newAnalyzers gets the mapping's analyzers for a build.
func newAnalyzers(m mapping.IndexMapping, tools vocab.Tools) (analyzers, error) {
	an := analyzers{
		tools: tools,
		cmd:   m.AnalyzerNamed(AnalyzerCommand),
		opts:  m.AnalyzerNamed(AnalyzerOptions),
		text:  m.AnalyzerNamed(AnalyzerText),
		kw:    m.AnalyzerNamed(AnalyzerKeyword),
	}
	if an.cmd == nil || an.opts == nil || an.text == nil || an.kw == nil {
		return an, errors.New("analyzers missing from mapping")
	}
	an.shared = &memoAnalyzer{an: an.text}
	return an, nil
}

// memoAnalyzer remembers what an analyzer made of each text. It is safe
// for the build's goroutines; the token streams it hands out are shared,
// and bleve only reads them.
type memoAnalyzer struct {
	an    analysis.Analyzer
	cache sync.Map // string -> analysis.TokenStream
}

func (m *memoAnalyzer) Analyze(text []byte) analysis.TokenStream {
	if ts, ok := m.cache.Load(string(text)); ok {
		return ts.(analysis.TokenStream)
	}
	ts := m.an.Analyze(text)
	m.cache.Store(string(text), ts)
	return ts
}

// manualsOf looks up, once per program, what the manuals say of the
// programs of entries that the tool list does not know.
func manualsOf(entries []Entry, tools vocab.Tools, manuals func(string) string) map[string]string {
	if manuals == nil {
		return nil
	}
	out := map[string]string{}
	for i := range entries {
		t := strings.ToLower(strings.TrimSpace(entries[i].Snippet.Tool))
		if _, done := out[t]; done || tools.Lists(t) {
			continue
		}
		out[t] = manuals(t)
	}
	return out
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
	head, body := headBody(&e.Snippet)
	add(FieldCommand, []string{head}, an.cmd)
	add(FieldOptions, []string{head}, an.opts)
	if body != "" {
		add(FieldBody, []string{body}, an.cmd)
	}
	add(FieldDescription, e.distinct(func(s *snippet.Snippet) []string { return []string{s.Description} }), an.text)
	add(FieldSection, e.distinct(func(s *snippet.Snippet) []string { return []string{s.Section} }), an.shared)
	tools := e.distinct(func(s *snippet.Snippet) []string { return []string{s.Tool} })
	// The program the command itself runs is its program too, whatever
	// the page it was found on is called (a page's title is its tool).
	if run := snippet.ToolOf(head); run != "" && !slices.ContainsFunc(tools, func(t string) bool { return strings.EqualFold(t, run) }) {
		tools = append(tools, run)
	}
	add(FieldTool, tools, an.kw)
	add(FieldTags, e.distinct(topics), an.shared)
	if len(tools) > 0 {
		about := an.tools.About(tools[0], spelled(&e.Snippet))
		if about == "" {
			about = an.manuals[strings.ToLower(strings.TrimSpace(tools[0]))]
		}
		if about != "" {
			add(FieldAbout, []string{about}, an.shared)
		}
	}
	doc.AddField(document.NewTextFieldWithIndexingOptions(FieldData, nil, e.encode(), bindex.StoreField))
	return doc
}

// Open opens the index at dir read-only. It takes no lock (a published
// index is never written to), and a damaged index is reported as an error
// (ErrDamaged), never as a panic.
func Open(dir string) (ix *Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			ix, err = nil, Damaged(fmt.Errorf("index: open %s: damaged: %v", dir, r))
		}
	}()
	values, err := readValues(filepath.Join(dir, storeDir, valuesName))
	if err != nil {
		return nil, damage(fmt.Errorf("index: open %s: %w", dir, err))
	}
	m, err := NewMapping()
	if err != nil {
		return nil, fmt.Errorf("index: open %s: mapping: %w", dir, err)
	}
	// zap opens the segment itself, and would wait for ever for a writer
	// to a FIFO put in its place.
	segment := filepath.Join(dir, storeDir, segmentName)
	if err := safefile.Regular(segment); err != nil {
		return nil, damage(fmt.Errorf("index: open %s: %w", dir, err))
	}
	seg, err := zapPlugin.Open(segment)
	if err != nil {
		return nil, damage(fmt.Errorf("index: open %s: %w", dir, err))
	}
	return &Index{Dir: dir, seg: seg, mapping: m, internal: values}, nil
}

// Close releases the index.
func (ix *Index) Close() error {
	if ix == nil || ix.seg == nil {
		return nil
	}
	err := ix.seg.Close()
	ix.seg = nil
	return err
}

// Mapping is the index's mapping: its fields and their analyzers.
func (ix *Index) Mapping() mapping.IndexMapping { return ix.mapping }

// DocCount is the number of documents in the index.
func (ix *Index) DocCount() uint64 { return ix.seg.Count() }

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
