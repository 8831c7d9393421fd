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
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v16"

	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/vocab"
)

// Batch sizes: one batch (one segment, fastest to query) up to
// singleBatchMax documents; above that, batches of batchSize keep the
// builder near 120 MB at 35k commands and 200 MB at 100k (one batch of 30k
// takes 300 MB), and the segments are merged at the end. Variables so tests
// can take the many-batch path with a few documents.
var (
	singleBatchMax = 20000
	batchSize      = 5000
)

// Build writes a new index of snippets into dir, which must not exist yet:
// one segment and the manifest that names it. Snippets with the same
// command (snippet.Key) become one document.
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
	// does not know (see vocab.Manuals); nil: nothing is known beyond
	// Tools.
	Manuals func(program string) string
}

// DefaultKnowledge is the knowledge every index is built with.
func DefaultKnowledge() Knowledge {
	return Knowledge{Synonyms: vocab.Synonyms(), Tools: vocab.ToolEntries()}
}

// BuildWith is Build with the given knowledge.
func BuildWith(dir string, snippets []snippet.Snippet, k Knowledge) error {
	return BuildProgress(dir, snippets, k, nil)
}

// BuildProgress is BuildWith, calling progress (if not nil) as documents
// are written. On failure nothing is left at dir.
func BuildProgress(dir string, snippets []snippet.Snippet, k Knowledge, progress func(done, total int)) error {
	if dir == "" {
		return errors.New("index: build: no directory")
	}
	if _, err := os.Lstat(dir); err == nil {
		return fmt.Errorf("index: build: %s already exists", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("index: build %s: %w", dir, err)
	}
	err := BuildSegment(filepath.Join(dir, wholeName), snippets, k, progress)
	if err == nil {
		var m []byte
		if m, err = Compose(dir, []string{wholeName}, k); err == nil {
			err = WriteManifest(filepath.Join(dir, manifestName), m)
		}
	}
	if err != nil {
		_ = os.RemoveAll(dir)
		return fmt.Errorf("index: build %s: %w", dir, err)
	}
	return nil
}

// wholeName is the one segment of an index Build writes.
const wholeName = "segment"

// BuildSegment writes a segment of snippets at dir, which must not exist
// yet: the documents (zap), and what is stored beside them for the
// statistics of an index it is one of several segments of (Compose).
// Snippets with the same command become one document. On failure nothing
// is left at dir.
func BuildSegment(dir string, snippets []snippet.Snippet, k Knowledge, progress func(done, total int)) error {
	if _, err := os.Lstat(dir); err == nil {
		return fmt.Errorf("index: build: %s already exists", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("index: build %s: %w", dir, err)
	}
	p, err := buildPart(dir, snippets, k, progress)
	if err == nil {
		err = p.Close()
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
	p, err := buildPart("", snippets, k, progress)
	if err != nil {
		return nil, fmt.Errorf("index: build in memory: %w", err)
	}
	m, err := NewMapping()
	if err != nil {
		p.Close()
		return nil, fmt.Errorf("index: build in memory: mapping: %w", err)
	}
	values, err := combineValues([]*part{p}, nil, nil, nil, k, m)
	if err != nil {
		p.Close()
		return nil, fmt.Errorf("index: build in memory: %w", err)
	}
	ix := &Index{mapping: m, parts: []*part{p}, values: values}
	ix.setBases()
	return ix, nil
}

// Where a segment directory keeps its files.
const (
	segmentName  = "segment.zap"
	valuesName   = "values"
	manifestName = "manifest"
)

var zapPlugin = &zap.ZapPlugin{}

// buildPart indexes snippets into a segment at dir (in memory when dir is
// empty) and returns it open.
func buildPart(dir string, snippets []snippet.Snippet, k Knowledge, progress func(done, total int)) (*part, error) {
	m, err := NewMapping()
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	tools := vocab.NewTools(k.Tools)
	an, err := newAnalyzers(m, tools)
	if err != nil {
		return nil, err
	}
	entries, families := merge(snippets, tools)
	an.manuals = manualsOf(entries, tools, k.Manuals)
	seg, lengths, err := writeDocs(dir, entries, an, progress)
	if err != nil {
		return nil, err
	}
	p := &part{seg: seg, dir: dir, values: segmentValues(seg, entries, families, lengths)}
	if dir != "" {
		if err := writeValues(filepath.Join(dir, valuesName), segmentMagic, p.values); err != nil {
			_ = p.Close()
			return nil, err
		}
	}
	if progress != nil {
		progress(len(entries), len(entries))
	}
	return p, nil
}

// writeDocs writes the documents of entries into a zap segment at dir (in
// memory when dir is empty) and returns it open, with the field lengths
// of its documents; each entry learns its own.
func writeDocs(dir string, entries []Entry, an analyzers, progress func(done, total int)) (segment.Segment, Lengths, error) {
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
		}, func(k int, d *document.Document) {
			// The stored entry knows its document's lengths, which only
			// analysis tells.
			e := &entries[start+k]
			e.lengths = lengthsOf(d)
			d.AddField(document.NewTextFieldWithIndexingOptions(FieldData, nil, e.encode(), bindex.StoreField))
		})
		for _, d := range docs {
			lengths.add(d.(*document.Document))
		}
		seg, _, err := zapPlugin.New(docs)
		if err != nil {
			closeParts()
			return nil, nil, fmt.Errorf("segment: %w", err)
		}
		parts = append(parts, seg)
		if progress != nil && end < len(entries) {
			progress(end, len(entries))
		}
		if end >= len(entries) {
			break
		}
	}
	switch {
	case dir == "" && len(parts) == 1:
		return parts[0], lengths, nil
	case dir == "":
		// Many batches in memory: merge through a temporary file, then
		// keep its contents; an index in memory is the fallback for an
		// unwritable cache, so the file goes to the system's temp folder.
		tmp, err := os.CreateTemp("", "how-index-*.zap")
		if err != nil {
			closeParts()
			return nil, nil, err
		}
		path := tmp.Name()
		tmp.Close()
		defer os.Remove(path)
		seg, err := mergeParts(parts, path)
		closeParts()
		if err != nil {
			return nil, nil, err
		}
		return seg, lengths, nil
	}
	path := filepath.Join(dir, segmentName)
	var seg segment.Segment
	var err error
	if len(parts) == 1 {
		err = persist(parts[0], path)
		closeParts()
		if err == nil {
			seg, err = zapPlugin.Open(path)
		}
	} else {
		seg, err = mergeParts(parts, path)
		closeParts()
	}
	if err != nil {
		return nil, nil, fmt.Errorf("segment: %w", err)
	}
	return seg, lengths, nil
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
// core, and calls analyzed(k, docs[k]) once it is: analysis is most of a
// build's time, and documents are independent.
func analyzeAll(docs []bindex.Document, doc func(k int) *document.Document, analyzed func(k int, d *document.Document)) {
	onEveryCore(len(docs), func() struct{} { return struct{}{} }, func(_ struct{}, k int) {
		d := doc(k)
		d.AddIDField()
		d.VisitFields(func(f bindex.Field) {
			if f.Options().IsIndexed() {
				f.Analyze()
			}
		})
		analyzed(k, d)
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
// the two in agreement. The stored entry (FieldData) is added once the
// document is analyzed (see writeDocs).
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
	return doc
}
