package vocab

import (
	_ "embed"
	"hash/fnv"
	"strconv"
	"strings"
	"sync"
)

//go:embed synonyms.txt
var synonymsTxt string

// SynonymGroup is one line of synonyms.txt. When Input is empty every term
// of Terms stands for every other; otherwise each Input term also means
// every term of Terms, and not the reverse. Terms are lower-cased and may
// contain several words.
type SynonymGroup struct {
	Input []string
	Terms []string
}

var synonymsOnce = sync.OnceValue(func() []SynonymGroup {
	return parseSynonyms(synonymsTxt)
})

// Synonyms returns the synonym groups every index is built with. The
// slice is shared: callers must not modify it.
func Synonyms() []SynonymGroup { return synonymsOnce() }

// ParseSynonyms reads groups written as synonyms.txt writes them.
func ParseSynonyms(text string) []SynonymGroup { return parseSynonyms(text) }

func parseSynonyms(text string) []SynonymGroup {
	var groups []SynonymGroup
	for _, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.ToLower(strings.TrimSpace(line))
		if line == "" {
			continue
		}
		var g SynonymGroup
		if lhs, rhs, ok := strings.Cut(line, "=>"); ok {
			g.Input = splitTerms(lhs)
			g.Terms = splitTerms(rhs)
		} else {
			g.Terms = splitTerms(line)
		}
		if len(g.Terms) == 0 || (g.Input == nil && len(g.Terms) < 2) {
			continue
		}
		groups = append(groups, g)
	}
	return groups
}

func splitTerms(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		t = strings.Join(strings.Fields(t), " ")
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

// ListsDigest identifies the synonym and tool lists (synonyms.txt,
// tools.txt): an index built with other lists is rebuilt.
func ListsDigest() string { return listsDigest() }

var listsDigest = sync.OnceValue(func() string {
	h := fnv.New32a()
	h.Write([]byte(synonymsTxt))
	h.Write([]byte{0})
	h.Write([]byte(toolsTxt))
	return strconv.FormatUint(uint64(h.Sum32()), 36)
})
