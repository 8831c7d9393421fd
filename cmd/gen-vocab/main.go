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
	"github.com/howcli/how/internal/vocab"
)

var start = time.Now()

// aptLists is where apt's package lists are read from (-lists).
var aptLists = "/var/lib/apt/lists"

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
	flag.Float64Var(&sel.minPara, "min-para", 0.03, "least paraphrase figure kept, p(e2|e1)/(1-p(e1|e1))")
	flag.Float64Var(&sel.minBack, "min-back", 0.002, "least p(e1|e2) that confirms a paraphrase e1 -> e2")
	model := flag.String("model", "paraphrases", "what the table is made of: paraphrases (through translations), vectors (skip-gram neighbours), or both")
	ppOut := flag.String("paraphrases", "", "also write the paraphrases learned through translations here, for inspection")
	ppIn := flag.String("from-paraphrases", "", "skip learning paraphrases: read a table a run wrote with -paraphrases")
	foreignStem := flag.Bool("foreign-stem", false, "stem the translations' words (merges words English keeps apart)")
	flag.Float64Var(&sel.maxTogether, "max-together", 0.15, "most share of sentences holding both words of a paraphrase (the parts of a phrase are not paraphrases)")
	flag.IntVar(&sel.minLangs, "min-langs", 2, "least number of languages a paraphrase is found in")
	flag.StringVar(&aptLists, "lists", aptLists, "apt's lists folder: package descriptions and their translations (make vocab fetches its own)")
	eval := flag.String("eval", "", "judge the table written on these word pairs (internal/vocab/testdata/pairs.tsv) and print the figures")
	flag.Parse()
	o := options{out: *out, collections: *collections, vectors: *vectors, fromVectors: *reuse,
		paraphrases: *ppOut, fromParaphrases: *ppIn, model: *model, eval: *eval, foreignStem: *foreignStem, cfg: cfg, sel: sel}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "gen-vocab:", err)
		os.Exit(1)
	}
}

type options struct {
	out, collections, vectors, fromVectors, paraphrases, fromParaphrases, model, eval string
	foreignStem                                                                       bool

	cfg sgnsConfig
	sel selection
}

func run(o options) error {
	an, err := registry.NewCache().AnalyzerNamed(index.AnalyzerText)
	if err != nil {
		return err
	}
	if _, err := os.Stat(o.collections); err != nil {
		return fmt.Errorf("the collections: %w", err)
	}
	describes, contrast, err := collectionStats(o.collections, an)
	if err != nil {
		return err
	}
	var (
		cands  = map[string][]neighbour{}
		stats  selectionStats
		header []string
	)
	en, err := readTranslations("en")
	if err != nil {
		return err
	}
	if len(en) == 0 && o.fromParaphrases == "" {
		return fmt.Errorf("no English package descriptions in %s (make vocab fetches them; see docs/vocabulary.md)", aptLists)
	}
	if o.model == "paraphrases" || o.model == "both" {
		var pp *paraphrases
		if o.fromParaphrases != "" {
			pp, err = readParaphrases(o.fromParaphrases)
		} else {
			pp, err = pivotParaphrases(an, en, 5, 0.001, o.foreignStem)
		}
		if err != nil {
			return err
		}
		if o.paraphrases != "" {
			if err := pp.write(o.paraphrases); err != nil {
				return err
			}
		}
		cands, stats = o.sel.paraphrases(pp, describes, contrast)
		o.sel.apart(cands, pp.together, &stats)
		header = paraphraseHeader(pp, o.sel)
	}
	if o.model == "vectors" || o.model == "both" {
		words, counts, vecs, summary, err := o.trainOrRead(an)
		if err != nil {
			return err
		}
		near, vstats := o.sel.neighbours(words, counts, vecs, describes, contrast)
		partners := map[string][]string{}
		for w, ns := range near {
			for _, n := range ns {
				partners[w] = append(partners[w], n.word)
			}
		}
		o.sel.apart(near, together(en, englishWords(an), partners), &vstats)
		// A word's paraphrases come first; its vector neighbours follow.
		for w, ns := range near {
			have := map[string]bool{}
			for _, n := range cands[w] {
				have[n.word] = true
			}
			for _, n := range ns {
				if !have[n.word] {
					cands[w] = append(cands[w], n)
				}
			}
		}
		stats.opposites += vstats.opposites
		stats.together += vstats.together
		header = append(header, vectorHeader(summary, o.cfg, o.sel)...)
	}
	if header == nil {
		return fmt.Errorf("-model %q: want paraphrases, vectors or both", o.model)
	}
	rows, kstats := o.sel.keep(cands, stats)
	stats = kstats
	logf("%d words with neighbours, %d pairs; dropped: %d opposites, %d written together, %d hubs",
		len(rows), stats.pairs, stats.opposites, stats.together, stats.hubs)
	if err := writeTable(o.out, rows, header); err != nil {
		return err
	}
	if o.eval != "" {
		return judge(o.out, o.eval, an)
	}
	return nil
}

// trainOrRead trains word vectors on every part of the corpus, or reads
// the ones an earlier run wrote.
func (o options) trainOrRead(an analysis.Analyzer) ([]string, []int64, [][]float32, []string, error) {
	if o.fromVectors != "" {
		return readVectors(o.fromVectors)
	}
	c := newCorpus(an)
	var summary []string
	for _, p := range parts(o.collections) {
		before := c.tokens
		for i := 0; i < p.weight; i++ {
			if err := p.read(c.add); err != nil {
				return nil, nil, nil, nil, fmt.Errorf("%s: %w", p.name, err)
			}
		}
		line := fmt.Sprintf("%-36s %11d tokens", p.name, c.tokens-before)
		if p.weight > 1 {
			line += fmt.Sprintf(" (read %d times)", p.weight)
		}
		summary = append(summary, line)
		logf("%s", line)
	}
	sents, words, counts := c.prune(o.sel.minCount)
	logf("corpus: %d tokens, %d words with vectors", c.tokens, len(words))
	vecs := train(sents, counts, o.cfg)
	if o.vectors != "" {
		if err := writeVectors(o.vectors, words, counts, vecs, summary); err != nil {
			return nil, nil, nil, nil, err
		}
	}
	return words, counts, vecs, summary, nil
}

// corpus turns paragraphs into sequences of word ids, analyzed as the
// index analyzes descriptions (stems, stop words out), so the table speaks
// the index's language.
type corpus struct {
	an     analysis.Analyzer
	vocab  vocabulary
	sents  [][]int32
	tokens int64
}

func newCorpus(an analysis.Analyzer) *corpus {
	return &corpus{an: an, vocab: vocabulary{ids: map[string]int32{}}}
}

func (c *corpus) add(text string) {
	var s []int32
	for _, t := range c.an.Analyze([]byte(text)) {
		w := string(t.Term)
		if !plainWord(w) {
			continue
		}
		s = append(s, c.vocab.id(w))
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
	order := make([]int, 0, len(c.vocab.words))
	for i, n := range c.vocab.count {
		if n >= int64(min) {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		if c.vocab.count[order[a]] != c.vocab.count[order[b]] {
			return c.vocab.count[order[a]] > c.vocab.count[order[b]]
		}
		return c.vocab.words[order[a]] < c.vocab.words[order[b]]
	})
	remap := make([]int32, len(c.vocab.words))
	for i := range remap {
		remap[i] = -1
	}
	words := make([]string, len(order))
	counts := make([]int64, len(order))
	for n, i := range order {
		remap[i] = int32(n)
		words[n] = c.vocab.words[i]
		counts[n] = c.vocab.count[i]
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

func vectorHeader(summary []string, cfg sgnsConfig, sel selection) []string {
	h := []string{
		"Each line: a word, as the index's description analyzer makes it, then the",
		"words used for the same thing, each with its cosine similarity (x100).",
		fmt.Sprintf("Model: skip-gram, %d dimensions, window %d, %d negatives, %d epochs, seed %d.",
			cfg.dim, cfg.window, cfg.negative, cfg.epochs, cfg.seed),
		fmt.Sprintf("Kept: up to %d neighbours with similarity >= %.2f, seen >= %d times, used in the", sel.k, sel.minSim, sel.targetCount),
		fmt.Sprintf("collections' descriptions; not opposites; not hubs (> %d lists).", sel.maxHub),
		"Learned from:",
	}
	for _, s := range summary {
		h = append(h, "  "+s)
	}
	return h
}

func paraphraseHeader(pp *paraphrases, sel selection) []string {
	h := []string{
		"Each line: a word, as the index's description analyzer makes it, then the",
		"words used for the same thing, each with the share (x100) of the word's",
		"translations, other than back to itself, that come back as that word:",
		"p(e2|e1) / (1 - p(e1|e1)), p(e2|e1) = sum over f of p(e2|f) p(f|e1),",
		"IBM Model 1 both ways on Debian's package descriptions and their translations.",
		fmt.Sprintf("Kept: up to %d neighbours with a share >= %.2f, confirmed by p(e1|e2) >= %.3f and", sel.k, sel.minPara, sel.minBack),
		fmt.Sprintf("by %d languages; words seen >= %d times, used in the collections' descriptions;", sel.minLangs, sel.queryCount),
		fmt.Sprintf("not opposites; not written side by side (> %.2f of sentences); not hubs (> %d lists).", sel.maxTogether, sel.maxHub),
		"Learned from the translations into:",
	}
	for _, l := range pp.langs {
		h = append(h, "  "+l)
	}
	return h
}

func writeTable(path string, rows []row, header []string) error {
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
	for _, s := range header {
		fmt.Fprintf(w, "# %s\n", s)
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

// judge prints how the table at path does on the judged word pairs.
func judge(path, pairsPath string, an analysis.Analyzer) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	f, err := os.Open(pairsPath)
	if err != nil {
		return err
	}
	defer f.Close()
	pairs, err := vocab.ReadPairs(f)
	if err != nil {
		return fmt.Errorf("%s: %w", pairsPath, err)
	}
	analyze := func(w string) string {
		toks := an.Analyze([]byte(w))
		if len(toks) == 0 {
			return ""
		}
		return string(toks[0].Term)
	}
	t := vocab.Parse(string(data))
	for _, split := range []string{"dev", "test"} {
		fig := t.Judge(pairs, split, 8, analyze)
		fmt.Printf("%-4s %s\n", split, fig)
		// The test split's pairs are for the report, not for tuning.
		if split == "dev" {
			fmt.Printf("dev  missed: %s\ndev  linked: %s\n", strings.Join(fig.Missed, " "), strings.Join(fig.Wrong, " "))
		}
	}
	return nil
}
