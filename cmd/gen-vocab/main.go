// Command gen-vocab learns which words people use for the same thing when
// they ask for a command (folder and directory, launch and start, wipe and
// erase), from the text this machine carries, and writes the table that
// internal/vocab embeds: `make vocab`.
//
// It reads the man pages, the Debian package descriptions and AppStream
// data apt keeps, /usr/share/doc and the info manuals, and the
// descriptions in the tldr, cheat and navi collections; trains word
// vectors on them (skip-gram with negative sampling); and keeps, for every
// word, its nearest neighbours among the words the collections describe
// commands with, minus the pairs the collections show to be opposites.
// docs/vocabulary.md says more, with the licences of what it reads.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/howcli/how/internal/index"
)

var start = time.Now()

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "gen-vocab %6.1fs  %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
}

func main() {
	var (
		out         = flag.String("out", "internal/vocab/related.txt", "the table to write")
		collections = flag.String("collections", "../shared/corpora", "the tldr, cheat and navi collections")
		cfg         = sgnsConfig{}
		sel         = selection{}
	)
	flag.IntVar(&cfg.dim, "dim", 100, "vector dimensions")
	flag.IntVar(&cfg.window, "window", 3, "context window (words each side)")
	flag.IntVar(&cfg.negative, "negative", 5, "negative samples per context word")
	flag.IntVar(&cfg.epochs, "epochs", 5, "passes over the corpus")
	flag.IntVar(&cfg.workers, "workers", 2, "training goroutines (only 1 reproduces a table exactly)")
	flag.Float64Var(&cfg.subsample, "subsample", 1e-4, "frequent-word subsampling threshold")
	flag.Float64Var(&cfg.alpha, "alpha", 0.025, "initial learning rate")
	flag.Int64Var(&cfg.seed, "seed", 1, "random seed")
	flag.IntVar(&sel.minCount, "min-count", 5, "words seen fewer times get no vector")
	flag.IntVar(&sel.queryCount, "query-count", 20, "words seen fewer times get no entry")
	flag.IntVar(&sel.targetCount, "target-count", 50, "neighbours seen fewer times are not kept")
	flag.IntVar(&sel.k, "k", 8, "neighbours kept per word, at most")
	flag.Float64Var(&sel.minSim, "min-sim", 0.55, "least cosine similarity kept")
	flag.Float64Var(&sel.minCSLS, "min-csls", 0.0, "least hubness-corrected similarity kept (2cos - r(a) - r(b))")
	flag.IntVar(&sel.maxHub, "max-hub", 40, "a word that is a neighbour of more words than this is dropped as a hub")
	vectors := flag.String("vectors", "", "also write the vectors here (word2vec text format), for inspection")
	reuse := flag.String("from-vectors", "", "skip training: read vectors a run wrote with -vectors (to try selection settings)")
	flag.Parse()
	if err := run(*out, *collections, *vectors, *reuse, cfg, sel); err != nil {
		fmt.Fprintln(os.Stderr, "gen-vocab:", err)
		os.Exit(1)
	}
}

func run(out, collections, vectors, reuse string, cfg sgnsConfig, sel selection) error {
	an, err := registry.NewCache().AnalyzerNamed(index.AnalyzerText)
	if err != nil {
		return err
	}
	if _, err := os.Stat(collections); err != nil {
		return fmt.Errorf("the collections: %w", err)
	}
	if reuse != "" {
		words, counts, vecs, summary, err := readVectors(reuse)
		if err != nil {
			return err
		}
		return selectAndWrite(out, collections, an, words, counts, vecs, summary, cfg, sel)
	}
	c := newCorpus(an)
	var summary []string
	for _, p := range parts(collections) {
		before := c.tokens
		for i := 0; i < p.weight; i++ {
			if err := p.read(c.add); err != nil {
				return fmt.Errorf("%s: %w", p.name, err)
			}
		}
		line := fmt.Sprintf("%-36s %11d tokens", p.name, c.tokens-before)
		if p.weight > 1 {
			line += fmt.Sprintf(" (read %d times)", p.weight)
		}
		summary = append(summary, line)
		logf("%s", line)
	}
	sents, words, counts := c.prune(sel.minCount)
	logf("corpus: %d tokens, %d words with vectors", c.tokens, len(words))

	vecs := train(sents, counts, cfg)
	if vectors != "" {
		if err := writeVectors(vectors, words, counts, vecs, summary); err != nil {
			return err
		}
	}
	return selectAndWrite(out, collections, an, words, counts, vecs, summary, cfg, sel)
}

func selectAndWrite(out, collections string, an analysis.Analyzer, words []string, counts []int64, vecs [][]float32, summary []string, cfg sgnsConfig, sel selection) error {
	describes, contrast, err := collectionStats(collections, an)
	if err != nil {
		return err
	}
	rows, stats := sel.neighbours(words, counts, vecs, describes, contrast)
	logf("%d words with neighbours, %d pairs; dropped: %d opposites, %d hubs", len(rows), stats.pairs, stats.opposites, stats.hubs)
	return writeTable(out, rows, summary, cfg, sel)
}

// corpus turns paragraphs into sequences of word ids, analyzed as the
// index analyzes descriptions (stems, stop words out), so the table speaks
// the index's language.
type corpus struct {
	an     analysis.Analyzer
	ids    map[string]int32
	words  []string
	counts []int64
	sents  [][]int32
	tokens int64
}

func newCorpus(an analysis.Analyzer) *corpus {
	return &corpus{an: an, ids: map[string]int32{}}
}

func (c *corpus) add(text string) {
	var s []int32
	for _, t := range c.an.Analyze([]byte(text)) {
		w := string(t.Term)
		if !plainWord(w) {
			continue
		}
		id, ok := c.ids[w]
		if !ok {
			id = int32(len(c.words))
			c.ids[w] = id
			c.words = append(c.words, w)
			c.counts = append(c.counts, 0)
		}
		c.counts[id]++
		s = append(s, id)
	}
	if len(s) >= 2 {
		c.sents = append(c.sents, s)
		c.tokens += int64(len(s))
	}
}

// plainWord keeps lower-case ASCII words of 2 to 24 letters: numbers,
// identifiers and other scripts are not what a question is made of.
func plainWord(w string) bool {
	if len(w) < 2 || len(w) > 24 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// prune renumbers the words seen at least min times, most frequent first,
// and drops the others from the sentences.
func (c *corpus) prune(min int) ([][]int32, []string, []int64) {
	order := make([]int, 0, len(c.words))
	for i, n := range c.counts {
		if n >= int64(min) {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		if c.counts[order[a]] != c.counts[order[b]] {
			return c.counts[order[a]] > c.counts[order[b]]
		}
		return c.words[order[a]] < c.words[order[b]]
	})
	remap := make([]int32, len(c.words))
	for i := range remap {
		remap[i] = -1
	}
	words := make([]string, len(order))
	counts := make([]int64, len(order))
	for n, i := range order {
		remap[i] = int32(n)
		words[n] = c.words[i]
		counts[n] = c.counts[i]
	}
	sents := c.sents
	for si, s := range sents {
		o := s[:0]
		for _, id := range s {
			if r := remap[id]; r >= 0 {
				o = append(o, r)
			}
		}
		sents[si] = o
	}
	return sents, words, counts
}

// writeVectors writes the vectors in word2vec's text format, with a word's
// count after it and the corpus summary in "#" lines first.
func writeVectors(path string, words []string, counts []int64, vecs [][]float32, summary []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, s := range summary {
		fmt.Fprintf(w, "# %s\n", s)
	}
	fmt.Fprintf(w, "%d %d\n", len(words), len(vecs[0]))
	for i, word := range words {
		fmt.Fprintf(w, "%s %d", word, counts[i])
		for _, x := range vecs[i] {
			fmt.Fprintf(w, " %.5f", x)
		}
		fmt.Fprintln(w)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func writeTable(path string, rows []row, summary []string, cfg sgnsConfig, sel selection) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# Generated by cmd/gen-vocab (make vocab); do not edit. See docs/vocabulary.md.")
	fmt.Fprintln(w, "# Each line: a word, as the index's description analyzer makes it, then the")
	fmt.Fprintln(w, "# words used for the same thing, each with its cosine similarity (x100).")
	fmt.Fprintf(w, "# Model: skip-gram, %d dimensions, window %d, %d negatives, %d epochs, seed %d.\n",
		cfg.dim, cfg.window, cfg.negative, cfg.epochs, cfg.seed)
	fmt.Fprintf(w, "# Kept: up to %d neighbours with similarity >= %.2f, seen >= %d times, used in the\n", sel.k, sel.minSim, sel.targetCount)
	fmt.Fprintf(w, "# collections' descriptions; not opposites; not hubs (> %d lists).\n", sel.maxHub)
	fmt.Fprintln(w, "# Learned from:")
	for _, s := range summary {
		fmt.Fprintf(w, "#   %s\n", s)
	}
	for _, r := range rows {
		fmt.Fprint(w, r.word)
		for i, n := range r.near {
			sep := " "
			if i == 0 {
				sep = "\t"
			}
			fmt.Fprintf(w, "%s%s:%d", sep, n.word, int(n.sim*100+0.5))
		}
		fmt.Fprintln(w)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func readVectors(path string) ([]string, []int64, [][]float32, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	defer f.Close()
	var (
		words   []string
		counts  []int64
		vecs    [][]float32
		summary []string
	)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	header := false
	for sc.Scan() {
		line := sc.Text()
		if s, ok := strings.CutPrefix(line, "# "); ok {
			summary = append(summary, s)
			continue
		}
		if !header {
			header = true
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 3 {
			return nil, nil, nil, nil, fmt.Errorf("%s: a short line", path)
		}
		n, err := strconv.ParseInt(fields[1], 10, 64)
		if err != nil {
			return nil, nil, nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		v := make([]float32, len(fields)-2)
		for i, x := range fields[2:] {
			y, err := strconv.ParseFloat(x, 32)
			if err != nil {
				return nil, nil, nil, nil, fmt.Errorf("%s: %w", path, err)
			}
			v[i] = float32(y)
		}
		words = append(words, fields[0])
		counts = append(counts, n)
		vecs = append(vecs, v)
	}
	return words, counts, vecs, summary, sc.Err()
}
