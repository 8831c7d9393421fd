package index

import (
	"runtime/debug"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/howcli/how/internal/vocab"
)

// The mapping stored inside an index names its analyzers; bleve looks them
// up in its registry, which only init()s fill. They are registered here, in
// Go rather than as custom analyzers in the mapping, so every binary that
// opens an index has them (no "no analyzer registered" at Open) and Open
// does not parse and rebuild them from JSON on every query: that was half
// of its time. Importing the component packages above registers what the
// constructors look up.
func init() {
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	must(registry.RegisterTokenMap(stopMapName, func(map[string]interface{}, *registry.Cache) (analysis.TokenMap, error) {
		m := analysis.NewTokenMap()
		for _, w := range vocab.StopWords() {
			m.AddToken(w)
		}
		return m, nil
	}))
	must(registry.RegisterAnalyzer(AnalyzerCommand, func(_ map[string]interface{}, c *registry.Cache) (analysis.Analyzer, error) {
		tok, err := c.TokenizerNamed(vocab.CmdlineTokenizerName)
		if err != nil {
			return nil, err
		}
		return &analysis.DefaultAnalyzer{Tokenizer: tok}, nil
	}))
	must(registry.RegisterAnalyzer(AnalyzerOptions, func(_ map[string]interface{}, c *registry.Cache) (analysis.Analyzer, error) {
		tok, err := c.TokenizerNamed(vocab.OptionWordsTokenizerName)
		if err != nil {
			return nil, err
		}
		return &analysis.DefaultAnalyzer{Tokenizer: tok}, nil
	}))
	must(registry.RegisterAnalyzer(AnalyzerText, func(_ map[string]interface{}, c *registry.Cache) (analysis.Analyzer, error) {
		tok, err := c.TokenizerNamed(unicode.Name)
		if err != nil {
			return nil, err
		}
		stops, err := c.TokenMapNamed(stopMapName)
		if err != nil {
			return nil, err
		}
		var filters []analysis.TokenFilter
		for _, name := range []string{en.PossessiveName, lowercase.Name} {
			f, err := c.TokenFilterNamed(name)
			if err != nil {
				return nil, err
			}
			filters = append(filters, f)
		}
		stem, err := c.TokenFilterNamed(en.SnowballStemmerName)
		if err != nil {
			return nil, err
		}
		filters = append(filters, stop.NewStopTokensFilter(stops), stem)
		return &analysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: filters}, nil
	}))
	must(registry.RegisterAnalyzer(AnalyzerKeyword, func(_ map[string]interface{}, c *registry.Cache) (analysis.Analyzer, error) {
		tok, err := c.TokenizerNamed(single.Name)
		if err != nil {
			return nil, err
		}
		lower, err := c.TokenFilterNamed(lowercase.Name)
		if err != nil {
			return nil, err
		}
		return &analysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: []analysis.TokenFilter{lower}}, nil
	}))
}

// Field names. They are stored in every index, so changing one is a schema
// change (bump schemaRevision).
const (
	// FieldCommand holds the command, analyzed by the cmdline tokenizer.
	FieldCommand = "command"
	// FieldOptions holds the words of the command's option names
	// (--directory: directory), which say less about what it does.
	FieldOptions = "options"
	// FieldDescription holds the descriptions of every occurrence of the
	// command, so any of them can match.
	FieldDescription = "description"
	// FieldSection holds the note or page titles the command appeared under.
	FieldSection = "section"
	// FieldTool holds the program name as one lower-cased keyword.
	FieldTool = "tool"
	// FieldTags holds tags, which are often phrases ("checking logs with
	// journalctl"), analyzed like descriptions.
	FieldTags = "tags"
	// FieldAbout holds what the tool knowledge list (tools.txt) says the
	// command's program and subcommand do, in plain words.
	FieldAbout = "about"
	// FieldBody holds what a command carries beyond its head: heredoc
	// contents, the lines of a multi-line quoted argument (vocab.SplitCommand).
	FieldBody = "body"
	// FieldData is stored only: the encoded Entry a result is built from.
	FieldData = "data"
)

// Analyzer names, also stored in the index.
const (
	// AnalyzerCommand tokenizes commands (see vocab.CmdlineTokenizer).
	AnalyzerCommand = "how_cmd"
	// AnalyzerOptions keeps the words of a command's option names.
	AnalyzerOptions = "how_opts"
	// AnalyzerText is the English chain for descriptions and sections:
	// unicode words, possessives dropped, lower case, stop words, snowball.
	AnalyzerText = "how_text"
	// AnalyzerKeyword keeps the whole value as one lower-cased term.
	AnalyzerKeyword = "how_kw"
)

const stopMapName = "how_stop_words"

// schemaRevision is bumped by hand whenever the mapping, the analyzers or
// the stored data (Entry, internal values) change meaning, so that a new
// binary rebuilds old caches instead of misreading them. The synonym and
// tool lists need no bump: their hash is part of SchemaVersion.
//
// 3: about and body fields, tags analyzed as text, command head only.
// 4: tldr value placeholders indexed with the body, not the command.
// 5: each stored entry carries its familiarity.
// 6: BM25 statistics stored with the index.
// 7: a zap segment and a values file, read without scorch.
// 8: tldr's spellings of several words ({{[ps|container ls]}}) indexed as
// the command's, not as a value; each stored entry carries its Pipe.
// 9: field lengths stored for BM25F; option names' words in a field of
// their own; each stored entry carries its platform, distribution family
// and place in its source.
// 11: segments read together through a manifest; each stored entry
// carries its occurrences in source order, how tldr's syntax reads, what
// it shows about pipes and its document's lengths, for composing.
// 12: cheat and navi <placeholders> indexed with the body too.
const schemaRevision = 12

// NewMapping returns the index mapping: static (nothing dynamic, no _all,
// no doc values), BM25, with the analyzers above. It is built from code
// every time, never read from an index: the schema version in the index's
// directory name says they agree.
func NewMapping() (*mapping.IndexMappingImpl, error) {
	m := mapping.NewIndexMapping()
	m.ScoringModel = "bm25"
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	m.DefaultAnalyzer = AnalyzerText
	m.DefaultField = FieldDescription

	doc := mapping.NewDocumentStaticMapping()
	for _, f := range fields {
		fm := mapping.NewTextFieldMapping()
		fm.Analyzer = f.analyzer
		fm.Index = f.indexed
		fm.Store = f.stored
		fm.IncludeTermVectors = false
		fm.IncludeInAll = false
		fm.DocValues = false
		doc.AddFieldMappingsAt(f.name, fm)
	}
	m.DefaultMapping = doc
	return m, m.Validate()
}

// fields is the one description of every field, used both for the mapping
// and when documents are built by hand in Build, so the two cannot drift.
var fields = []struct {
	name     string
	analyzer string
	indexed  bool
	stored   bool
	synonyms bool // the synonym list applies (see synonymTable)
}{
	{FieldCommand, AnalyzerCommand, true, false, true},
	{FieldOptions, AnalyzerOptions, true, false, false},
	{FieldDescription, AnalyzerText, true, false, true},
	{FieldSection, AnalyzerText, true, false, true},
	{FieldTool, AnalyzerKeyword, true, false, true},
	{FieldTags, AnalyzerText, true, false, false},
	{FieldAbout, AnalyzerText, true, false, true},
	{FieldBody, AnalyzerCommand, true, false, false},
	{FieldData, "", false, true, false},
}

// indexedFields is how many fields of the table are indexed (a test keeps
// them in agreement).
const indexedFields = 8

// indexedField is the place of an indexed field among them, -1 for none.
func indexedField(name string) int {
	k := 0
	for _, f := range fields {
		if !f.indexed {
			continue
		}
		if f.name == name {
			return k
		}
		k++
	}
	return -1
}

// indexedName is the name of the k-th indexed field.
func indexedName(k int) string {
	for _, f := range fields {
		if f.indexed {
			if k == 0 {
				return f.name
			}
			k--
		}
	}
	return ""
}

// bleveVersion is the pinned bleve version, for binaries without module
// information (test binaries); a test keeps it equal to go.mod's.
const bleveVersion = "v2.5.7"

var schemaOnce = sync.OnceValue(func() string {
	v := bleveVersion
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/blevesearch/bleve/v2" {
				v = d.Version
				if d.Replace != nil {
					// A fork may write another format under the same version.
					v = d.Replace.Path + "@" + d.Replace.Version
				}
				break
			}
		}
	}
	// The synonym and tool lists are indexed too: editing them must
	// rebuild caches.
	return "s" + strconv.Itoa(schemaRevision) + "-bleve" + sanitize(strings.TrimPrefix(v, "v")) +
		"-" + vocab.ListsDigest()
})

// sanitize keeps what is safe in a directory name.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_':
			return r
		}
		return '_'
	}, s)
}

// SchemaVersion names the index format: this package's schema revision,
// the bleve version that writes it (bleve 2.5 cannot read 2.6 indexes) and
// a hash of the synonym and tool lists. It is part of every cache
// directory's name, so any change means a rebuild.
func SchemaVersion() string { return schemaOnce() }
