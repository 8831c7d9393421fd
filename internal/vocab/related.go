package vocab

import (
	_ "embed"
	"strconv"
	"strings"
)

// Related words. People use different words for the same thing when they
// ask for a command: folder for directory, launch for start, machine for
// host. The knowledge is learned, not listed: cmd/gen-vocab learns from
// Debian's package descriptions and their translations which English words
// translators render by the same words (paraphrases through translation),
// and keeps those the collections' descriptions use, minus the opposites
// the collections set apart and the words written side by side
// (docs/vocabulary.md). The table is embedded and read in place: a query
// looks up a few words, so nothing is parsed at start-up.

//go:embed related.txt
var related string

// Neighbour is a word used for the same thing, with how much it stands
// for the word (0 to 1): in the shipped table, the share of the word's
// translations that come back as this word; in a table of word vectors'
// neighbours (gen-vocab -model vectors), their cosine similarity.
type Neighbour struct {
	Word string
	Sim  float64
}

// Table is a table of related words as cmd/gen-vocab writes it: "#"
// header lines, then sorted lines of a word, a tab and its neighbours as
// "word:sim" separated by spaces. It is searched in place.
type Table struct{ rows string }

// Parse reads a table; it only skips the header, so it costs nothing.
func Parse(text string) Table {
	s := text
	for strings.HasPrefix(s, "#") {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return Table{}
		}
		s = s[i+1:]
	}
	return Table{rows: s}
}

var shipped = Parse(related)

// Related returns the neighbours of word in the shipped table (see
// Table.Related).
func Related(word string) []Neighbour { return shipped.Related(word) }

// Related returns the neighbours of word, a term as the index's
// description analyzer makes it (lower case, stemmed), most similar
// first; nil when the table has none.
func (t Table) Related(word string) []Neighbour {
	line, ok := lookup(t.rows, word)
	if !ok {
		return nil
	}
	var out []Neighbour
	for _, f := range strings.Fields(line) {
		w, sim, ok := strings.Cut(f, ":")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(sim)
		if err != nil {
			continue
		}
		out = append(out, Neighbour{Word: w, Sim: float64(n) / 100})
	}
	return out
}

// lookup finds the row of word in sorted rows by binary search over byte
// offsets: each probe backs up to the start of its line.
func lookup(rows, word string) (string, bool) {
	lo, hi := 0, len(rows)
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := strings.LastIndexByte(rows[:mid], '\n') + 1
		end := strings.IndexByte(rows[start:], '\n')
		if end < 0 {
			end = len(rows) - start
		}
		line := rows[start : start+end]
		key, rest, _ := strings.Cut(line, "\t")
		switch {
		case key == word:
			return rest, true
		case key < word:
			lo = start + end + 1
		default:
			hi = start
		}
	}
	return "", false
}
