package main

import (
	"bufio"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/da"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/de"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/es"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fr"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/it"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/nl"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/pt"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ru"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// Paraphrases through translation (Bannard and Callison-Burch, 2005).
//
// Debian's package descriptions are translated by volunteers into many
// languages, each translation keyed by the MD5 of the English text it
// renders. Two English words that the translators render by the same
// foreign word are used for the same thing: a German translator writes
// "Verzeichnis" for folder and for directory, "beenden" for terminate and
// for quit. Opposites and siblings do not share translations (start and
// stop, tcp and udp), which is what word vectors cannot tell. So for each
// language, word translation probabilities are learned from the aligned
// descriptions with IBM Model 1 in both directions, and an English word
// e1 leads to e2 with
//
//	p(e2 | e1) = Σ_f p(e2 | f) · p(f | e1)
//
// summed over the foreign words f, then averaged over the languages,
// weighted by how often each saw e1.

// translationLangs are the languages read, with the bleve analyzer that
// stems and drops stop words for each (pt_BR is read as Portuguese).
var translationLangs = []struct{ file, analyzer string }{
	{"it", "it"}, {"da", "da"}, {"fr", "fr"}, {"de", "de"}, {"pt%5fBR", "pt"}, {"pt", "pt"},
	{"ru", "ru"}, {"es", "es"}, {"nl", "nl"}, {"sv", "sv"},
}

// description is one package description: its short line and the
// paragraphs of its long text.
type description struct {
	short string
	paras []string
}

// readTranslations reads apt's Translation files for one language (en for
// the originals), keyed by the MD5 of the English description.
func readTranslations(lang string) (map[string]description, error) {
	files, _ := filepath.Glob(filepath.Join(aptLists, "*_i18n_Translation-"+lang+".*"))
	plain, _ := filepath.Glob(filepath.Join(aptLists, "*_i18n_Translation-"+lang))
	files = append(files, plain...)
	sort.Strings(files)
	out := map[string]description{}
	for _, p := range files {
		r, err := open(p)
		if err != nil {
			continue
		}
		var (
			md5  string
			cur  *description
			para []string
		)
		flush := func() {
			if cur != nil && len(para) > 0 {
				cur.paras = append(cur.paras, strings.Join(para, " "))
			}
			para = para[:0]
		}
		done := func() {
			flush()
			if cur != nil && md5 != "" {
				out[md5] = *cur
			}
			cur, md5 = nil, ""
		}
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "Package: "):
				done()
			case strings.HasPrefix(line, "Description-md5: "):
				md5 = strings.TrimPrefix(line, "Description-md5: ")
			case strings.HasPrefix(line, "Description-"):
				_, d, _ := strings.Cut(line, ": ")
				cur = &description{short: d}
			case cur != nil && line == " .":
				flush()
			case cur != nil && strings.HasPrefix(line, " "):
				para = append(para, strings.TrimSpace(line))
			}
		}
		done()
		r.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	return out, nil
}

// sentenceEnd splits a paragraph after a full stop, question or
// exclamation mark that a capital follows.
var sentenceEnd = regexp.MustCompile(`[.!?]\s+\p{Lu}`)

func sentences(p string) []string {
	var out []string
	for {
		loc := sentenceEnd.FindStringIndex(p)
		if loc == nil {
			break
		}
		_, capital := utf8.DecodeLastRuneInString(p[:loc[1]])
		out = append(out, p[:loc[0]+1])
		p = p[loc[1]-capital:]
	}
	return append(out, p)
}

// alignedSegments pairs an English description with its translation:
// the short lines, and the long texts paragraph by paragraph (sentence by
// sentence where both have as many), when both have as many paragraphs.
func alignedSegments(en, tr description, emit func(en, tr string)) {
	emit(en.short, tr.short)
	if len(en.paras) != len(tr.paras) {
		return
	}
	for i := range en.paras {
		es, ts := sentences(en.paras[i]), sentences(tr.paras[i])
		if len(es) != len(ts) {
			emit(en.paras[i], tr.paras[i])
			continue
		}
		for j := range es {
			emit(es[j], ts[j])
		}
	}
}

// foreignWords analyzes a translation with its language's analyzer,
// keeping words of letters only.
func foreignWords(an analysis.Analyzer, text string) []string {
	var out []string
	for _, t := range an.Analyze([]byte(text)) {
		w := string(t.Term)
		// French and Italian elide articles into the word: l'archive.
		if i := strings.LastIndexAny(w, "'’"); i >= 0 {
			w = w[i+len(string([]rune(w[i:])[0])):]
		}
		ok := len(w) >= 2
		for _, r := range w {
			if !unicode.IsLetter(r) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, w)
		}
	}
	return out
}

// englishWords analyzes English text as the index analyzes descriptions,
// keeping plain words.
func englishWords(an analysis.Analyzer) func(string) []string {
	return func(text string) []string {
		var out []string
		for _, t := range an.Analyze([]byte(text)) {
			if w := string(t.Term); plainWord(w) {
				out = append(out, w)
			}
		}
		return out
	}
}

// vocabulary numbers words and counts how often each is seen.
type vocabulary struct {
	ids   map[string]int32
	words []string
	count []int64
}

// newVocabulary returns a vocabulary whose id 0 is the empty word Model 1
// lets any word be generated by.
func newVocabulary() *vocabulary {
	return &vocabulary{ids: map[string]int32{"": 0}, words: []string{""}, count: []int64{0}}
}

func (v *vocabulary) id(w string) int32 {
	id, ok := v.ids[w]
	if !ok {
		id = int32(len(v.words))
		v.ids[w] = id
		v.words = append(v.words, w)
		v.count = append(v.count, 0)
	}
	v.count[id]++
	return id
}

// model1 holds the sentence pairs of one language as word ids.
type model1 struct {
	en, tr *vocabulary
	pairs  [][2][]int32
	// seen holds the pairs added: thousands of packages share sentences
	// ("This package contains the development files"), and a sentence
	// counted once per package would teach its own word pairs a
	// thousand times over.
	seen map[string]bool
}

// maxSegment leaves out long paragraphs whose word pairs are mostly noise
// and cost the square of their length.
const maxSegment = 50

func (m *model1) add(en, tr []string) {
	if len(en) == 0 || len(tr) == 0 || len(en) > maxSegment || len(tr) > maxSegment {
		return
	}
	if len(en) > 3*len(tr)+3 || len(tr) > 3*len(en)+3 {
		return // not a translation of it
	}
	k := strings.Join(en, " ") + "\x00" + strings.Join(tr, " ")
	if m.seen[k] {
		return
	}
	m.seen[k] = true
	var p [2][]int32
	for _, w := range en {
		p[0] = append(p[0], m.en.id(w))
	}
	for _, w := range tr {
		p[1] = append(p[1], m.tr.id(w))
	}
	m.pairs = append(m.pairs, p)
}

// translate runs IBM Model 1's EM for p(target | source), source side s
// (0 English, 1 the translation), and returns the probabilities of at
// least minProb by source word.
func (m *model1) translate(s int, iterations int, minProb float64) []map[int32]float64 {
	t := 1 - s
	key := func(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }
	// Every co-occurring (source, target) pair gets an index into prob,
	// computed once: the EM passes then touch slices only.
	index := map[uint64]int32{}
	cells := make([][]int32, len(m.pairs))
	for n, p := range m.pairs {
		src := append([]int32{0}, p[s]...)
		c := make([]int32, 0, len(src)*len(p[t]))
		for _, f := range p[t] {
			for _, e := range src {
				k := key(e, f)
				id, ok := index[k]
				if !ok {
					id = int32(len(index))
					index[k] = id
				}
				c = append(c, id)
			}
		}
		cells[n] = c
	}
	srcOf := make([]int32, len(index))
	tgtOf := make([]int32, len(index))
	for k, id := range index {
		srcOf[id], tgtOf[id] = int32(k>>32), int32(uint32(k))
	}
	index = nil
	nsrc := len(m.en.words)
	if s == 1 {
		nsrc = len(m.tr.words)
	}
	prob := make([]float64, len(srcOf))
	for i := range prob {
		prob[i] = 1
	}
	counts := make([]float64, len(prob))
	total := make([]float64, nsrc)
	for it := 0; it < iterations; it++ {
		clear(counts)
		clear(total)
		for n, p := range m.pairs {
			width := len(p[s]) + 1
			c := cells[n]
			for j := range p[t] {
				row := c[j*width : (j+1)*width]
				z := 0.0
				for _, id := range row {
					z += prob[id]
				}
				for _, id := range row {
					x := prob[id] / z
					counts[id] += x
					total[srcOf[id]] += x
				}
			}
		}
		for id := range prob {
			prob[id] = counts[id] / total[srcOf[id]]
		}
	}
	out := make([]map[int32]float64, nsrc)
	for id, p := range prob {
		if p < minProb {
			continue
		}
		e := srcOf[id]
		if out[e] == nil {
			out[e] = map[int32]float64{}
		}
		out[e][tgtOf[id]] = p
	}
	return out
}

// paraphrases is p(e2 | e1) for English words, pooled over languages.
type paraphrases struct {
	// sum[e1][e2] adds count_L(e1) · p_L(e2 | e1); weight[e1] adds
	// count_L(e1).
	sum    map[string]map[string]float64
	weight map[string]float64
	// support[e1][e2] counts the languages in which p_L(e2 | e1) is at
	// least supportProb: a pair one language alone makes is most often
	// that language's accident (Danish "bruger" is both user and uses, a
	// Danish compound translates two English words at once).
	support map[string]map[string]int
	// together[e1][e2] is the share of the sentences holding the rarer
	// of the two English words that hold both. Words used for the same
	// thing replace each other and are seldom written side by side;
	// the parts of a phrase that one foreign word translates whole are
	// (development files: Danish "udviklingsfiler"; desktop environment;
	// user interface), and would otherwise pass for paraphrases.
	together map[string]map[string]float64
	langs    []string
}

const supportProb = 0.005

// pivotParaphrases learns p(e2 | e1) from every language's translations
// on this machine; english analyzes the English side as the index does.
func newParaphrases() *paraphrases {
	return &paraphrases{sum: map[string]map[string]float64{}, weight: map[string]float64{},
		support: map[string]map[string]int{}, together: map[string]map[string]float64{}}
}

// foreignAnalyzer lower-cases a language's words and drops its stop
// words, or with stem also stems them (bleve's analyzer for the language).
// Stemming merges words English keeps apart (German "Benutzer" and
// "benutzt", user and used), so it is off by default.
func foreignAnalyzer(cache *registry.Cache, lang string, stem bool) (analysis.Analyzer, error) {
	if stem {
		return cache.AnalyzerNamed(lang)
	}
	name := "pivot_" + lang
	if an, err := cache.AnalyzerNamed(name); err == nil {
		return an, nil
	}
	return cache.DefineAnalyzer(name, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicodetok.Name,
		"token_filters": []any{lowercase.Name, "stop_" + lang},
	})
}

func pivotParaphrases(english analysis.Analyzer, en map[string]description, iterations int, minProb float64, stem bool) (*paraphrases, error) {
	pp := newParaphrases()
	cache := registry.NewCache()
	enWords := englishWords(english)
	for _, l := range translationLangs {
		tr, err := readTranslations(l.file)
		if err != nil {
			return nil, err
		}
		if len(tr) == 0 {
			continue
		}
		an, err := foreignAnalyzer(cache, l.analyzer, stem)
		if err != nil {
			return nil, fmt.Errorf("analyzer %s: %w", l.analyzer, err)
		}
		m := &model1{en: newVocabulary(), tr: newVocabulary(), seen: map[string]bool{}}
		keys := make([]string, 0, len(tr))
		for md5 := range tr {
			keys = append(keys, md5)
		}
		sort.Strings(keys)
		for _, md5 := range keys {
			e, ok := en[md5]
			if !ok {
				continue
			}
			d := tr[md5]
			alignedSegments(e, d, func(a, b string) {
				m.add(enWords(a), foreignWords(an, b))
			})
		}
		if len(m.pairs) == 0 {
			continue
		}
		fwd := m.translate(0, iterations, minProb)  // p(f | e)
		back := m.translate(1, iterations, minProb) // p(e | f)
		for e1, fs := range fwd {
			if e1 == 0 {
				continue
			}
			n := float64(m.en.count[e1])
			w1 := m.en.words[e1]
			// Summed in a fixed order, so that a run is reproducible to
			// the last bit.
			here := map[int32]float64{}
			for _, f := range sortedKeys(fs) {
				if f == 0 {
					continue
				}
				for _, e2 := range sortedKeys(back[f]) {
					if e2 != 0 {
						here[e2] += fs[f] * back[f][e2]
					}
				}
			}
			pp.addLanguage(w1, n, func(yield func(string, float64)) {
				for e2, p := range here {
					yield(m.en.words[e2], p)
				}
			})
		}
		name, _ := url.PathUnescape(l.file) // apt escapes pt_BR as pt%5fBR
		pp.langs = append(pp.langs, fmt.Sprintf("%s: %d descriptions, %d sentence pairs", name, len(tr), len(m.pairs)))
		logf("paraphrases through %s: %d descriptions, %d sentence pairs", name, len(tr), len(m.pairs))
	}
	pp.countTogether(en, enWords)
	return pp, nil
}

// countTogether fills together for the pairs worth writing.
func (pp *paraphrases) countTogether(en map[string]description, words func(string) []string) {
	partners := map[string][]string{}
	for e1, row := range pp.sum {
		for e2 := range row {
			if e2 != e1 && pp.prob(e1, e2) >= writeProb {
				partners[e1] = append(partners[e1], e2)
			}
		}
	}
	pp.together = together(en, words, partners)
}

// together measures, for each word and each of its partners, the share of
// the sentences holding the rarer of the two that hold both, over the
// English package descriptions, each distinct sentence once. Words
// written side by side are seldom used for the same thing: they are the
// parts of a phrase (desktop environment) or are set side by side as
// siblings and opposites are (start and stop, tcp and udp, vim or emacs).
func together(en map[string]description, words func(string) []string, partners map[string][]string) map[string]map[string]float64 {
	df := map[string]int{}
	both := map[[2]string]int{}
	seen := map[string]bool{}
	count := func(text string) {
		ws := words(text)
		key := strings.Join(ws, " ")
		if seen[key] {
			return
		}
		seen[key] = true
		set := make(map[string]bool, len(ws))
		for _, w := range ws {
			set[w] = true
		}
		for w := range set {
			df[w]++
			for _, p := range partners[w] {
				if set[p] {
					both[[2]string{w, p}]++
				}
			}
		}
	}
	keys := make([]string, 0, len(en))
	for k := range en {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		d := en[k]
		count(d.short)
		for _, p := range d.paras {
			for _, s := range sentences(p) {
				count(s)
			}
		}
	}
	out := map[string]map[string]float64{}
	for e1, ps := range partners {
		row := map[string]float64{}
		for _, e2 := range ps {
			if n := both[[2]string{e1, e2}]; n > 0 {
				row[e2] = float64(n) / float64(max(min(df[e1], df[e2]), 1))
			}
		}
		out[e1] = row
	}
	return out
}

// writeProb is the least pooled probability a paraphrase file keeps.
const writeProb = 0.001

// addLanguage pools one language's p(e2 | e1), weighted by how often it
// saw e1 (n).
func (pp *paraphrases) addLanguage(e1 string, n float64, probs func(func(string, float64))) {
	row, sup := pp.sum[e1], pp.support[e1]
	if row == nil {
		row, sup = map[string]float64{}, map[string]int{}
		pp.sum[e1], pp.support[e1] = row, sup
	}
	probs(func(e2 string, p float64) {
		row[e2] += n * p
		if p >= supportProb {
			sup[e2]++
		}
	})
	pp.weight[e1] += n
}

// prob is the pooled p(e2 | e1).
func (pp *paraphrases) prob(e1, e2 string) float64 {
	w := pp.weight[e1]
	if w == 0 {
		return 0
	}
	return pp.sum[e1][e2] / w
}

// writeParaphrases writes the pooled table, a word a line: the word, its
// weight (how often the languages saw it) and its paraphrases as
// word:probability, for inspection and for -from-paraphrases.
func (pp *paraphrases) write(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, l := range pp.langs {
		fmt.Fprintf(w, "# %s\n", l)
	}
	words := make([]string, 0, len(pp.sum))
	for e1 := range pp.sum {
		words = append(words, e1)
	}
	sort.Strings(words)
	for _, e1 := range words {
		type pr struct {
			w string
			p float64
		}
		var row []pr
		for e2 := range pp.sum[e1] {
			if p := pp.prob(e1, e2); p >= writeProb {
				row = append(row, pr{e2, p})
			}
		}
		sort.Slice(row, func(i, j int) bool {
			if row[i].p != row[j].p {
				return row[i].p > row[j].p
			}
			return row[i].w < row[j].w
		})
		fmt.Fprintf(w, "%s\t%g", e1, pp.weight[e1])
		for _, r := range row {
			fmt.Fprintf(w, " %s:%.6g:%d:%.6g", r.w, r.p, pp.support[e1][r.w], pp.together[e1][r.w])
		}
		fmt.Fprintln(w)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readParaphrases reads what write wrote.
func readParaphrases(path string) (*paraphrases, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pp := newParaphrases()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if l, ok := strings.CutPrefix(line, "# "); ok {
			pp.langs = append(pp.langs, l)
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			return nil, fmt.Errorf("%s: a short line: %q", path, line)
		}
		wt, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		row, sup, tog := map[string]float64{}, map[string]int{}, map[string]float64{}
		for _, x := range f[2:] {
			parts := strings.Split(x, ":")
			if len(parts) != 4 {
				return nil, fmt.Errorf("%s: want word:probability:languages:together, not %q", path, x)
			}
			tg, err := strconv.ParseFloat(parts[3], 64)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			tog[parts[0]] = tg
			v, err := strconv.ParseFloat(parts[1], 64)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			n, err := strconv.Atoi(parts[2])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			row[parts[0]], sup[parts[0]] = v*wt, n
		}
		pp.sum[f[0]], pp.support[f[0]], pp.together[f[0]], pp.weight[f[0]] = row, sup, tog, wt
	}
	return pp, sc.Err()
}

func sortedKeys(m map[int32]float64) []int32 {
	keys := make([]int32, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
