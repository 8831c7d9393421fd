// Package search turns a user's words into a ranked list of snippets.
//
// The query is built in code, never through bleve's query-string syntax, in
// which "-f" means "must not contain f" and a lone "/" is a parse error.
// Filler ("how do I", "what is") goes, and in sentences so do function
// words. Each remaining word gets alternatives: the word in every field,
// with that field's analyzer and weight (the tool's name, the command's
// head with its flags exact and case-sensitive, the descriptions, what the
// tool list says the program does, the section, the tags, the heredoc or
// multi-line argument the command carries), its synonyms from the index's
// synonym table, and the compounds it forms with a neighbour (ansible playbook:
// ansible-playbook).
//
// bleve scores every alternative (BM25); this package walks their matches
// together and combines the scores per document (see run.go), so that a
// command answering every word of the question outranks one that matches
// a single word very well, which bleve's own disjunction does not ensure.
//
// When a word matches nothing at all (a typo, mostly), a second pass adds
// fuzzy alternatives for it; the common case never pays for fuzzy matching.
package search

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/vocab"
)

// Query is what the user asked for.
type Query struct {
	Words   []string
	Limit   int
	Explain bool
	// Piped says the command will read the output of another (the shell
	// widget's question after a |): commands that read a pipe come first.
	Piped bool
	// AnyCoverage lists results however little of the query the best
	// covers (see minCoverage), for a query still being typed.
	AnyCoverage bool
	// Host is what ranking knows of the machine (see Host); nil: nothing,
	// so that a ranking test gives the same order on every machine.
	Host *Host
}

// Host is what ranking may know of the machine it answers on: which
// platform's commands run there and which distribution's package manager
// it has. The caller fills it (ThisHost reads the machine); a question
// that names another system ("on Fedora", "on a Mac") overrides it.
type Host struct {
	// Platform is a tldr platform name: linux, osx, windows, freebsd...
	Platform string
	// Family is the Linux distribution family (see vocab.Distribution):
	// debian, fedora, arch, suse...; "" when unknown.
	Family string
	// Has reports whether a program is installed; nil when unknown.
	Has func(program string) bool
}

// Result is one ranked command.
type Result struct {
	snippet.Snippet
	Score float64 `json:"score"`
	// Also lists the other places the same command was found.
	Also []snippet.Snippet `json:"also,omitempty"`
	// Explanation is filled when Query.Explain is set.
	Explanation string `json:"explanation,omitempty"`
	// Pipe is what the collections say about the command after a |
	// (vocab.PipeStage writes it as such a stage).
	Pipe vocab.Pipe `json:"-"`
	// Coverage is the share of the query it matches (see minCoverage).
	Coverage float64 `json:"-"`
}

// DefaultLimit is the number of results when Query.Limit is not positive.
const DefaultLimit = 10

// Field weights. A word naming the tool is the strongest evidence, a word
// of the command itself next (people remember fragments of commands), then
// what the command was said to do; where it was filed counts least.
const (
	boostTool    = 3.0
	boostCommand = 2.0
	// boostOptions weighs the words of the command's option names
	// (--recursive: recursive): they tell what it can do, more than what
	// it does ("tar compress directory" is not every tar taking
	// --directory).
	boostOptions = 0.5
	boostDesc    = 1.0
	boostTags    = 0.5
	boostSection = 0.3
	// boostAbout weighs what the tool list says the program does: it is
	// true of every command of the program, so it helps choose the
	// program for a question that does not name it, and must not
	// outweigh what a note says of the command itself.
	boostAbout = 0.6
	// boostBody weighs words of a heredoc or multi-line quoted argument:
	// data the command carries, not the command.
	boostBody = 0.2
	// namingShare is the least share of the commands a word is found in
	// that must run the program it names for it to name the program.
	namingShare = 0.2
	// strongNamingShare is the share for a word to name a program so
	// surely that other programs' commands give way (see otherProgram).
	strongNamingShare = 0.5
	// boostFuzzy scales the clauses of a word matched only approximately.
	boostFuzzy = 0.5
	// boostSynonym scales the alternatives of a word found through a
	// synonym, as bleve does when it expands them itself.
	boostSynonym = 0.5
	// boostRelated scales the words the vocabulary says are used for the
	// same thing, times relatedShare of the table's figure for the pair
	// (the share of the word's translations that come back as the other
	// word: how often the other word says what the word says). At 1 a
	// neighbour never counts more than the word itself. On the corpus
	// queries' dev split, 0.5 and 2 were within a query of it (hit@1
	// 0.705, 0.710 at 1, 0.716, when the share counted as it is); 2 would
	// let a neighbour outweigh the word.
	boostRelated = 1.0
)

// Words get a fuzzy clause only between these lengths: shorter ones are
// within one edit of too many others (every two-letter flag is within one
// edit of -f), and longer ones are not misspelt words but pasted text,
// whose automaton bleve refuses to build. A three-letter word that matches
// nothing is as often a slip ("kil") as a longer one.
const (
	minFuzzyLen = 3
	maxFuzzyLen = 40
)

func fuzzyCandidate(norm string) bool {
	return letters(norm) >= minFuzzyLen && utf8.RuneCountInString(norm) <= maxFuzzyLen
}

// MaxWords is how many words of a query are searched. A question is a few
// words; a line of 40,000 (a paste, a log line given to the widget) would
// cost seconds and gigabytes in plans no answer needs. The words past it
// are left out, and the command says so (see Words).
const MaxWords = 64

// Words are the words of a query that are searched: its blank-separated
// words, the first MaxWords of them.
func Words(in []string) []string {
	var toks []string
	for _, s := range in {
		for _, t := range strings.Fields(s) {
			if len(toks) == MaxWords {
				return toks
			}
			toks = append(toks, t)
		}
	}
	return toks
}

// Unsearched says, when a query has more than MaxWords words, which of
// them are searched and that the rest are not: a warning for the user.
func Unsearched(in []string) string {
	n := 0
	for _, s := range in {
		n += len(strings.Fields(s))
	}
	if n <= MaxWords {
		return ""
	}
	return fmt.Sprintf("the query has %d words; only the first %d are searched (a question is a few words)", n, MaxWords)
}

// Run searches ix.
func Run(ix *index.Index, q Query) (results []Result, err error) {
	if ix == nil {
		return nil, errors.New("search: no index")
	}
	// A damaged segment can make bleve panic mid-search; the caller should
	// get an error it can act on (rebuild) rather than a crash.
	defer func() {
		if r := recover(); r != nil {
			results, err = nil, index.Damaged(fmt.Errorf("search: index damaged: %v", r))
		}
	}()
	qu := readQuestion(q.Words)
	words := qu.words
	if len(words) == 0 {
		return nil, nil
	}
	r := ix.Reader()
	defer r.Close()
	p, err := newPlanner(ix, r)
	if err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	p.piped = q.Piped
	p.platform, p.family = q.Host.wants(qu.platforms)
	p.namedSystem = len(qu.platforms) > 0
	if q.Host != nil {
		p.has = q.Host.Has
	}
	if err := p.swapFix(words); err != nil {
		return nil, err
	}
	if err := p.weights(words); err != nil {
		return nil, err
	}
	alts, err := p.plan(words, nil)
	if err != nil {
		return nil, err
	}
	out, err := p.execute(words, alts, limit, 0, q.Explain)
	if err != nil {
		return nil, err
	}
	// A word that matched nothing, not even through a synonym, is most
	// likely misspelt: search again with approximate matches for it. The
	// common case never pays for fuzzy matching.
	var fuzzy []bool
	for i, w := range words {
		// A slip (see slip) is found, in the document or two that
		// made it too.
		if !w.flag && (!out.found[i] || p.unknown[i]) && fuzzyCandidate(w.norm) {
			if fuzzy == nil {
				fuzzy = make([]bool, len(words))
			}
			fuzzy[i] = true
		}
	}
	if fuzzy != nil {
		if alts, err = p.plan(words, fuzzy); err != nil {
			return nil, err
		}
		if out, err = p.execute(words, alts, limit, 0, q.Explain); err != nil {
			return nil, err
		}
	}
	if len(out.docs) > 0 && out.docs[0].covered < minCoverage && !q.AnyCoverage {
		// The best scored is not close enough (see minCoverage). A word
		// every command of a common program has can outscore one rarer
		// word matched alone: in "find my hostname", find's commands
		// match "find" and cover less than hostname's. The results that
		// are close enough, if any, are the answer; otherwise there is
		// none.
		if out, err = p.execute(words, alts, limit, minCoverage, q.Explain); err != nil {
			return nil, err
		}
		if len(out.docs) == 0 {
			return nil, nil
		}
	}
	results = make([]Result, len(out.docs))
	for i, d := range out.docs {
		results[i] = Result{Snippet: out.entries[i].Snippet, Also: out.entries[i].Also, Score: d.score, Pipe: out.entries[i].Pipe, Coverage: d.covered}
		if q.Explain {
			results[i].Explanation = explain(d, words, alts)
		}
	}
	return results, nil
}

// word is one word of the query after filler is removed.
type word struct {
	raw  string // as typed, minus sentence punctuation around it
	norm string // lower-cased, with surrounding punctuation removed
	flag bool   // -f, --since, -xzf: matched against commands only, exactly
	// compounds are this word joined with a neighbour, as tools and long
	// flags spell them: "ansible playbook" -> ansible-playbook, "from
	// file" -> --from-file. A pair belongs to its first word unless that
	// one was dropped as a function word.
	compounds [][2]string
	// weight is what the word counts (1, or contextWeight in a sentence
	// around the question).
	weight float64
	// typed is the word as typed when it was read as another (see
	// swapFix), else "".
	typed string
}

// isFlag reports whether a query word is an option: one or two dashes and
// then a letter or digit.
func isFlag(s string) bool {
	d := 0
	for d < len(s) && d < 2 && s[d] == '-' {
		d++
	}
	if d == 0 || d >= len(s) {
		return false
	}
	c := s[d]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func trimPunct(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// letters counts the letters of s: fuzzy matching is about misspelt words,
// and "8080" or "v1.2" have no spelling.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// fuzzyEdits is one edit, a swap of two letters counting as one: that
// covers most slips of the finger, and the two-edit automaton costs
// milliseconds to build, per field, on every such query.
const fuzzyEdits = 1
