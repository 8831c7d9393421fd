package search

import (
	"bytes"
	"container/heap"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/vocab"
)

// Scoring is BM25F (Robertson and Zaragoza, "The Probabilistic Relevance
// Framework: BM25 and Beyond"): a word's occurrences in every field of a
// command are weighed by the field and normalised by its length, summed,
// and saturated once; the word counts its IDF, the same in every field.
// Scored field by field, each with its own IDF, a common word that
// happens to name a rare program ("file", "script", "safe") outweighed
// every description, and a word matched in two fields counted twice.
//
//	tf(word)    = Σ alternatives weight × occurrences / (1 - b + b × length/average length)
//	word score  = idf(word) × tf × (k1 + 1) / (k1 + tf)
//	coverage    = words answered / words (answered only by the section,
//	              tags, body or, unless it answers every word, the tool
//	              list: half a word)
//	final score = Σ word scores × coverage^coverageExp
//	              × (1 + focus × words answered by one field / words)
//	              × priors (simplicity, familiarity, phrasing, pipe)
//
// A sum of word scores alone lets one rare word matched strongly outrank a
// command that answers the whole question; the coverage factor stops that.
const (
	// k1 is how fast a word's score saturates with its occurrences.
	k1 = 1.2
	// lengthNorm is BM25's b: how much a long field dilutes a match. A
	// command is long for its values as often as for doing more, so its
	// length says less.
	lengthNorm        = 0.75
	commandLengthNorm = 0.3
	// coverageExp makes answering more of the query matter more than
	// answering part of it strongly.
	coverageExp = 2.0
	// aboutAnswer is how much a word counts as answered when only what
	// is true of the command's whole program (the tool list, its manual)
	// says it.
	aboutAnswer = 1.0
	// focus rewards documents where one field alone answers the query:
	// a description that mentions every word is about the question, not
	// just near it; so is a program whose entry in the tool list does.
	// It multiplies by 1 + focus × (best field's share).
	focus = 0.5
)

// cursor walks the postings of one term of one alternative in document
// order.
type cursor struct {
	tfr    bindex.TermFieldReader
	tfd    *bindex.TermFieldDoc
	word   int
	alt    int
	term   string
	kind   altKind
	class  fieldClass
	field  string
	weight float64
	avg    float64 // the field's average length
	b      float64 // the field's length normalisation
	// group is the phrase the term belongs to (an index in groups), or -1.
	group int
	sim   float64 // a related term's similarity to the word
	doc   uint64  // the current document, the heap's key
	tf    float64 // its occurrences there, normalised by the field's length
}

// fieldClass groups fields by what a match there says about a command.
type fieldClass uint8

const (
	inCommand     fieldClass = iota // tool or command: it is this command
	inDescription                   // it does this
	inAbout                         // its program does this
	inContext                       // section, tags or body: it is filed near this
)

func classOf(field string) fieldClass {
	switch field {
	case index.FieldTool, index.FieldCommand, index.FieldOptions:
		return inCommand
	case index.FieldDescription:
		return inDescription
	case index.FieldAbout:
		return inAbout
	}
	return inContext
}

// next advances c; it reports false at the end of its postings.
func (c *cursor) next() (bool, error) {
	var err error
	if c.tfd, err = c.tfr.Next(c.tfd); err != nil || c.tfd == nil {
		return false, err
	}
	id := c.tfd.ID
	if len(id) != 8 {
		return false, fmt.Errorf("search: unexpected document id %x", []byte(id))
	}
	c.doc = binary.BigEndian.Uint64(id)
	length := 1.0
	if n := c.tfd.Norm; n > 0 {
		length = 1 / (n * n)
	}
	c.tf = float64(c.tfd.Freq) / (1 - c.b + c.b*length/c.avg)
	return true, nil
}

// saturate is BM25's term-frequency saturation.
func saturate(tf float64) float64 { return tf * (k1 + 1) / (k1 + tf) }

// cursorHeap is a min-heap of cursors by document. It is written out
// rather than driven through container/heap: it runs once per match of
// every alternative, and the interface calls were most of a broad query's
// time.
type cursorHeap []*cursor

func (h cursorHeap) down(i int) {
	n := len(h)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && h[r].doc < h[l].doc {
			m = r
		}
		if h[i].doc <= h[m].doc {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

func (h cursorHeap) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h[p].doc <= h[i].doc {
			return
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func (h *cursorHeap) init() {
	for i := len(*h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

func (h *cursorHeap) pop() *cursor {
	old := *h
	c := old[0]
	last := len(old) - 1
	old[0] = old[last]
	*h = old[:last]
	h.down(0)
	return c
}

func (h *cursorHeap) push(c *cursor) {
	*h = append(*h, c)
	h.up(len(*h) - 1)
}

// altHit is one term of an alternative that matched a document, and what
// it added to its word's tf.
type altHit struct {
	word, alt int
	term      string
	tf        float64
}

// scored is a candidate document.
type scored struct {
	id     bindex.IndexInternalID
	score  float64
	halves int // words answered, in halves (see coverage)
	// answered is the words answered, by their weight, of words in all.
	answered, of float64
	prior        float64 // the priors' product, applied last
	// simple, familiar, phrase, form, pipe, system and own are the priors
	// (see simplicityPrior, familiarity, phrasing, wordForms, pipeFit,
	// systemFit, ownership), kept apart for explanations.
	simple, familiar, phrase, form, pipe, system, own, first, installed, other, purpose float64
	focused                                                                             int      // words answered by the best single field
	hits                                                                                []altHit // only with explain
	// tf and words are each word's tf and score, kept for explanations.
	tf, words []float64
	// covered is the share of the query's weight it matches (see
	// minCoverage).
	covered float64
	// named is set when a word of the query is the command's program.
	named bool
	// aboutWords is how many words what its program is for answers.
	aboutWords int
}

// topN keeps the best n candidates in a min-heap.
type topN []*scored

func (t topN) Len() int { return len(t) }
func (t topN) Less(i, j int) bool {
	if t[i].score != t[j].score {
		return t[i].score < t[j].score
	}
	// Among equals the later document is worse: earlier ones came first
	// in the sources.
	return bytes.Compare(t[i].id, t[j].id) > 0
}
func (t topN) Swap(i, j int) { t[i], t[j] = t[j], t[i] }
func (t *topN) Push(x any)   { *t = append(*t, x.(*scored)) }
func (t *topN) Pop() any {
	old := *t
	s := old[len(old)-1]
	*t = old[:len(old)-1]
	return s
}

// outcome is what one pass over the index found.
type outcome struct {
	docs    []scored      // best first
	entries []index.Entry // the stored entry of each doc
	// found[i] tells whether word i matched any document at all.
	found []bool
}

// phrase is a multi-word alternative being matched: a document matches
// it when all of its terms are there.
type phrase struct {
	word, alt int
	size      int
	weight    float64
	// per document: terms found and the fewest occurrences among them
	seen int
	tf   float64
}

// execute runs the alternatives against the index and returns the best
// limit documents with their stored entries, of those that cover at
// least minCovered of the query (see Run).
func (p *planner) execute(words []word, alts [][]alt, limit int, minCovered float64, explain bool) (*outcome, error) {
	keep := limit + simplicityMargin(limit)
	minPrior := simplicityMin
	if p.piped {
		// The pipe prior reaches deeper than the others.
		keep = limit + pipedMargin
		minPrior *= pipeUnfit
	}
	asked := p.readAsked(words)
	var cursors []*cursor
	defer func() {
		for _, c := range cursors {
			_ = c.tfr.Close()
		}
	}()
	var phrases []phrase
	// near[i] is how many documents the words close to word i are in: the
	// most any of its approximate alternatives matches.
	near := make([]uint64, len(words))
	ctx := context.Background()
	for wi, as := range alts {
		for ai, a := range as {
			g := -1
			w := a.weight
			switch {
			case a.all:
				g = len(phrases)
				phrases = append(phrases, phrase{word: wi, alt: ai, size: len(a.terms), weight: a.weight})
			case !a.any && len(a.terms) > 1:
				w /= float64(len(a.terms))
			}
			avg := p.avg[a.field]
			if avg <= 0 {
				avg = 1
			}
			b := lengthNorm
			if classOf(a.field) == inCommand {
				b = commandLengthNorm
			}
			var count uint64
			var cs []*cursor
			for _, t := range a.terms {
				tfr, err := p.r.TermFieldReader(ctx, []byte(t), a.field, true, true, false)
				if err != nil {
					return nil, fmt.Errorf("search: %w", err)
				}
				if tfr.Count() == 0 {
					_ = tfr.Close()
					continue
				}
				count += tfr.Count()
				cs = append(cs, &cursor{tfr: tfr, word: wi, alt: ai, term: t, kind: a.kind, class: classOf(a.field),
					field: a.field, weight: w, avg: avg, b: b, group: g, sim: a.sim})
			}
			if a.all && len(cs) < len(a.terms) {
				// A phrase with a word the index lacks matches nowhere.
				for _, c := range cs {
					_ = c.tfr.Close()
				}
				continue
			}
			if a.kind == approx {
				near[wi] = max(near[wi], count)
			}
			cursors = append(cursors, cs...)
		}
	}
	found := make([]bool, len(words))
	if len(cursors) == 0 {
		return &outcome{found: found}, nil
	}

	h := make(cursorHeap, 0, len(cursors))
	for _, c := range cursors {
		ok, err := c.next()
		if err != nil {
			return nil, err
		}
		if ok {
			h = append(h, c)
		}
	}
	h.init()

	n := len(words)
	// Coverage counts words by their weight, and in halves: a word found
	// only in the section or tags is half answered.
	wordWeights := 0.0
	for _, w := range words {
		wordWeights += w.weight
	}
	focusBonus := make([]float64, n+1)
	for k := range focusBonus {
		focusBonus[k] = 1 + focus*float64(k)/float64(n)
	}
	tf := make([]float64, n)
	wordScore := make([]float64, n)
	// where[i] has bit 1<<class set for each class of field word i matched;
	// known[i] the same for its exact and synonym alternatives, approxHit[i]
	// whether an approximate one matched.
	where := make([]uint8, n)
	known := make([]uint8, n)
	approxHit := make([]bool, n)
	relSim := make([]float64, n)
	p.misspelt(words, near)
	totalWeight := 0.0
	approxCredit := make([]float64, n)
	for i, w := range p.weight {
		totalWeight += w
		approxCredit[i] = p.approxCredit(near[i])
	}
	named := make([]bool, n)
	var hits []altHit
	var popped []*cursor
	var touched []int // phrases with a term in the current document
	var top topN
	mark := func(c *cursor) {
		if c.kind == related {
			// A word used for the same thing answers the word only as
			// much as the two are alike, and says nothing of whether the
			// word itself is in the index (see Run's fuzzy pass).
			relSim[c.word] = max(relSim[c.word], c.sim)
			return
		}
		found[c.word] = true
		where[c.word] |= 1 << c.class
		if c.kind == approx {
			approxHit[c.word] = true
		} else {
			known[c.word] |= 1 << c.class
		}
	}
	for len(h) > 0 {
		doc := h[0].doc
		id := h[0].tfd.ID
		for i := range tf {
			tf[i], where[i], named[i], known[i], approxHit[i], relSim[i] = 0, 0, false, 0, false, 0
		}
		hits = hits[:0]
		namesTool := false
		// Take every cursor positioned on this document.
		popped = popped[:0]
		for len(h) > 0 && h[0].doc == doc {
			c := h.pop()
			popped = append(popped, c)
			if c.field == index.FieldTool {
				named[c.word] = true
				if c.kind == approx || c.kind == exact && p.names[c.word] {
					namesTool = true
				}
			}
		}
		touched = touched[:0]
		for _, c := range popped {
			if c.group >= 0 {
				ph := &phrases[c.group]
				if ph.seen == 0 {
					touched = append(touched, c.group)
					ph.tf = c.tf
				}
				ph.seen++
				ph.tf = min(ph.tf, c.tf)
				continue
			}
			mark(c)
			// A word that names the program is in its commands too:
			// their match says nothing more (it only measures how long
			// the command is, which the simplicity prior weighs).
			if named[c.word] && c.field == index.FieldCommand {
				continue
			}
			v := c.weight * c.tf
			tf[c.word] += v
			if explain {
				hits = append(hits, altHit{word: c.word, alt: c.alt, term: c.term, tf: v})
			}
		}
		for _, g := range touched {
			ph := &phrases[g]
			if ph.seen == ph.size {
				v := ph.weight * ph.tf
				tf[ph.word] += v
				found[ph.word] = true
				where[ph.word] |= 1 << inDescription
				known[ph.word] |= 1 << inDescription
				if explain {
					hits = append(hits, altHit{word: ph.word, alt: ph.alt, term: strings.Join(alts[ph.word][ph.alt].terms, " "), tf: v})
				}
			}
			ph.seen, ph.tf = 0, 0
		}
		total, halves, nDesc, nCmd, nAbout := 0.0, 0, 0, 0, 0
		for i := range tf {
			wordScore[i] = 0
			if tf[i] > 0 {
				wordScore[i] = p.idf[i] * saturate(tf[i])
				total += wordScore[i]
			}
			w := where[i]
			if w&(1<<inDescription) != 0 {
				nDesc++
			}
			if w&(1<<inCommand) != 0 {
				nCmd++
			}
			if w&(1<<inAbout) != 0 {
				nAbout++
			}
		}
		// What the tool list says is true of every command of a program:
		// a word it alone answers places the command near the question,
		// like its section does, unless it answers the whole question
		// (the program is what was asked for, in other words).
		full := uint8(1<<inCommand | 1<<inDescription)
		if nAbout == n {
			full |= 1 << inAbout
		}
		answered := 0.0
		for i, w := range where {
			switch {
			case w&full != 0:
				halves += 2
				answered += words[i].weight
			case w&(1<<inAbout) != 0:
				halves++
				answered += words[i].weight * aboutAnswer
			case w != 0:
				// The section and tags say where a command was filed,
				// which its neighbours share: they place it, not single
				// it out.
				halves++
				answered += words[i].weight / 2
			case relSim[i] > 0:
				answered += words[i].weight * relSim[i]
			}
		}
		credit := 0.0
		for i, w := range p.weight {
			switch {
			case known[i]&(1<<inCommand|1<<inDescription|1<<inAbout) != 0:
				credit += w
			case known[i] != 0:
				credit += w / 2
			case approxHit[i]:
				credit += w * approxCredit[i]
			case relSim[i] > 0:
				credit += w * relSim[i]
			}
		}
		focused := max(nDesc, nCmd, nAbout)
		cov := answered / wordWeights
		final := total * math.Pow(cov, coverageExp) * focusBonus[focused]
		covered := 1.0
		if totalWeight > 0 {
			covered = credit / totalWeight
		}
		if covered >= minCovered && (len(top) < keep || final > top[0].score) {
			s := &scored{id: append(bindex.IndexInternalID(nil), id...), score: final, halves: halves, focused: focused,
				covered: covered, answered: answered, of: wordWeights, named: namesTool, aboutWords: nAbout}
			if explain {
				s.hits = append([]altHit(nil), hits...)
				s.tf = append([]float64(nil), tf...)
				s.words = append([]float64(nil), wordScore...)
			}
			if len(top) < keep {
				heap.Push(&top, s)
			} else {
				top[0] = s
				heap.Fix(&top, 0)
			}
		}
		for _, c := range popped {
			ok, err := c.next()
			if err != nil {
				return nil, err
			}
			if ok {
				h.push(c)
			}
		}
	}

	// The prior needs the command, which only the stored entry has: it is
	// applied to the candidates kept, then the list is cut to limit. A
	// candidate scoring less than the limit-th times the smallest prior
	// cannot pass it, and its entry is not loaded.
	sort.Slice(top, func(i, j int) bool { return top[i].score > top[j].score })
	if len(top) > limit {
		floor := top[limit-1].score * minPrior * otherSystem * otherSystem * otherProgram * offPurpose * firstness(index.Entry{Position: 20}) /
			(familiarBoost * ownBoost * installedBoost / otherSystem * (1 + phraseBonus))
		n := limit
		for n < len(top) && top[n].score >= floor {
			n++
		}
		top = top[:n]
	}
	out := make([]scored, len(top))
	entries := make([]index.Entry, len(top))
	for i, s := range top {
		e, err := loadEntry(p.ix, s.id)
		if err != nil {
			return nil, err
		}
		out[i], entries[i] = *s, e
		o := &out[i]
		o.simple, o.familiar, o.phrase, o.form, o.pipe = simplicityPrior(e.Snippet.Command), familiarity(e, o.named), 1, 1, p.pipeFit(e)
		o.system, o.own, o.first, o.installed = p.systemFit(e), ownership(e), firstness(e), p.installed(e)
		o.other = p.otherProgram(o.named)
		o.purpose = p.purpose(e, o)
		o.prior = o.simple * o.familiar * o.pipe * o.system * o.own * o.first * o.installed * o.other * o.purpose
		out[i].score *= out[i].prior
	}
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	byScore := func(a, b int) bool {
		x, y := &out[order[a]], &out[order[b]]
		if x.score != y.score {
			return x.score > y.score
		}
		return bytes.Compare(x.id, y.id) < 0
	}
	sort.Slice(order, byScore)
	// Phrasing re-reads the descriptions, the costliest prior: it is
	// worked out, best first, only for the candidates it could still lift
	// into the first limit.
	var kept []float64 // the best limit final scores so far, ascending
	for _, k := range order {
		o := &out[k]
		if len(kept) == limit && o.score*(1+phraseBonus) < kept[0] {
			break
		}
		o.phrase, o.form = p.reread(asked, entries[k])
		o.prior *= o.phrase * o.form
		o.score *= o.phrase * o.form
		switch {
		case len(kept) < limit:
			kept = append(kept, o.score)
		case o.score > kept[0]:
			kept[0] = o.score
		default:
			continue
		}
		sort.Float64s(kept)
	}
	sort.Slice(order, byScore)
	if len(order) > limit {
		order = order[:limit]
	}
	docs := make([]scored, len(order))
	ents := make([]index.Entry, len(order))
	for i, k := range order {
		docs[i], ents[i] = out[k], entries[k]
	}
	return &outcome{docs: docs, entries: ents, found: found}, nil
}

// Simplicity. When two commands answer a question equally well, the
// simpler one is the better answer: `df -h` rather than `ssh node df -h /`,
// `kubectl get pods` rather than the same with a label selector, a
// namespace and a jsonpath. It is the one a person types and adapts; the
// longer one is a particular case of it. Term statistics do not see this
// (a description is as long for either), so a prior does: a factor that
// shrinks with the number of words in the command's head, on a log scale
// (two words more matter among short commands, not among long ones).
//
// It must stay a tie-breaker: at simplicityPerDoubling per doubling of
// words, a one-word command keeps all of its score, a four-word one 92%,
// a sixteen-word one 84%, while answering one more word of a four-word
// query doubles a score.
const (
	simplicityPerDoubling = 0.04
	simplicityMaxWords    = 32
	// simplicityMin is the smallest prior, that of the longest commands.
	simplicityMin = 1 - simplicityPerDoubling*5 // log2(simplicityMaxWords)
)

// simplicityMargin is how many candidates beyond the limit are kept for
// the priors to choose from: a command just below the cut can rise above
// one just above it, and no further than the priors' range allows. The
// pool is the same for every limit up to DefaultLimit, so that the first
// results do not depend on how many are asked for: `how -n 3` shows the
// first three of `how`, in the same order.
func simplicityMargin(limit int) int { return max(2*limit, 3*DefaultLimit-limit) }

// simplicityPrior is the factor a command's score is multiplied by. Its
// size is the words of its head (continuation backslashes aside) and the
// lines of its body: a heredoc is typed too.
func simplicityPrior(command string) float64 {
	head, body := vocab.SplitCommand(command)
	n := 0
	for _, f := range strings.Fields(head) {
		if f != "\\" {
			n++
		}
	}
	if body != "" {
		n += strings.Count(body, "\n") + 1
	}
	n = min(max(n, 1), simplicityMaxWords)
	return 1 - simplicityPerDoubling*math.Log2(float64(n))
}

func loadEntry(ix *index.Index, id bindex.IndexInternalID) (index.Entry, error) {
	e, err := ix.Entry(id)
	if err != nil {
		return index.Entry{}, fmt.Errorf("search: %w", err)
	}
	return e, nil
}

// Phrasing. A description that says the query's words in the query's order
// ("Undo the last commit" for "git undo last commit") is about exactly that,
// more than one that has the same words scattered or some of them through
// a synonym. Term scores cannot see order (the index keeps no positions),
// so the kept candidates are re-read: each pair of neighbouring query words
// that a description says next to each other, in the same order, once stop
// words are gone, earns a share of phraseBonus.
const phraseBonus = 0.3

// Purpose. What a program is for (the tool list's entry, its page's
// summary) is true of every command of it; a command whose program is for
// none of what the question asks, when the question does not name it,
// matched by the way: asked to "check memory usage", mariadb's
// --debug-check ("Check memory and open file usage at exit") says every
// word, and is not what is asked, where free, a program for memory usage,
// is. Such a command keeps offPurpose of its score. The user's own notes
// are not judged: what they wrote down for a task is how they do it,
// whatever the program is otherwise for (and an in-house tool has no
// description but theirs).
const offPurpose = 0.6

func (p *planner) purpose(e index.Entry, s *scored) float64 {
	if s.aboutWords == 0 && !s.named && ownership(e) == 1 {
		return offPurpose
	}
	return 1
}

// Another program than the one named. Asked to "download a file with
// wget", wget's commands are the answer, not httpie's "Download a file
// wget style": a command whose program the question does not name, when
// it names one, keeps otherProgram of its score. Mild, because a
// program named as the means ("copy files over ssh") leaves other
// programs (scp) right.
const otherProgram = 0.7

func (p *planner) otherProgram(named bool) float64 {
	if p.namesAny && !named {
		return otherProgram
	}
	return 1
}

// asked is the query as the re-reading priors compare it with
// descriptions: its words analyzed as descriptions are (stems, in order,
// for phrasing), and the form each was typed in (for wordForms).
type asked struct {
	stems []string
	forms []typedForm
}

// typedForm is a word of the query as typed, lower-cased, with its stem.
type typedForm struct{ stem, form string }

func (p *planner) readAsked(words []word) asked {
	var a asked
	for _, w := range words {
		if w.flag {
			continue
		}
		toks := p.text.Analyze([]byte(w.norm))
		for _, t := range toks {
			a.stems = append(a.stems, string(t.Term))
		}
		if len(toks) == 1 && isLetters(w.norm) {
			a.forms = append(a.forms, typedForm{stem: string(toks[0].Term), form: strings.ToLower(w.norm)})
		}
	}
	return a
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// reread re-reads an entry's descriptions for the priors that need their
// words in order or as written: phrasing and wordForms.
func (p *planner) reread(q asked, e index.Entry) (phrase, form float64) {
	if len(q.stems) < 2 && len(q.forms) == 0 {
		return 1, 1
	}
	descs := []string{e.Snippet.Description}
	for _, a := range e.Also {
		descs = append(descs, a.Description)
	}
	best := 0
	found := make([]uint8, len(q.forms)) // 1: by stem, 2: as typed too
	for _, d := range descs {
		if d == "" {
			continue
		}
		toks := p.text.Analyze([]byte(d))
		best = max(best, phrasePairs(q.stems, toks))
		for i, f := range q.forms {
			for _, t := range toks {
				if string(t.Term) != f.stem {
					continue
				}
				found[i] |= 1
				if t.Start >= 0 && t.End <= len(d) && t.Start < t.End && sameForm(strings.ToLower(d[t.Start:t.End]), f.form) {
					found[i] |= 2
				}
			}
		}
	}
	phrase = 1
	if best > 0 {
		phrase = 1 + phraseBonus*float64(best)/float64(len(q.stems)-1)
	}
	return phrase, wordForms(found)
}

// phrasePairs counts the query's pairs of neighbours that a description
// says next to each other, in the same order: "from a container to the
// host" says "container host" as asked, "from the host to a container"
// does not.
func phrasePairs(q []string, toks analysis.TokenStream) int {
	pairs := 0
	for j := 0; j+1 < len(q); j++ {
		for i := 0; i+1 < len(toks); i++ {
			if string(toks[i].Term) == q[j] && string(toks[i+1].Term) == q[j+1] {
				pairs++
				break
			}
		}
	}
	return pairs
}

// Word forms. The stemmer makes one term of "stop", "stopped" and
// "stopping", and of "previous" and "previously": asked to remove stopped
// containers, "Stop and remove all containers" matches every word, and so
// does "Remove all stopped containers"; asked for the previous folder,
// "a previously defined directory" matches as well as "the previous
// directory". The form a word is typed in says which: a state (stopped,
// installed, running) or an action (stop, install, run). Of the query's
// words a description matches by their stem, the share it says only in
// another form than typed costs up to formMismatch of the score. A plural
// is the same form ("file", "files").
const formMismatch = 0.2

func wordForms(found []uint8) float64 {
	matched, other := 0, 0
	for _, f := range found {
		if f != 0 {
			matched++
			if f&2 == 0 {
				other++
			}
		}
	}
	if matched == 0 {
		return 1
	}
	return 1 - formMismatch*float64(other)/float64(matched)
}

// sameForm reports whether two lower-cased words are the same form, a
// plural aside.
func sameForm(a, b string) bool {
	return a == b || a+"s" == b || b+"s" == a || a+"es" == b || b+"es" == a
}

// familiarBoost favours commands of programs (and subcommands) in the tool
// list, which are the ones most people mean, over rarer programs whose
// descriptions share the words: asked to "check free disk space", df is
// the answer before a disk-wiping utility that mentions free space.
const familiarBoost = 2.0

// Order. A page of examples (tldr's, a cheat sheet) starts with the common
// use of its program and goes on to particular cases: asked to extract a 7z
// archive, `7z x archive.7z` before `7z x archive.7z -so`. Each example
// keeps 1/(1 + orderPerPlace × its place on the page): a tie-breaker like
// simplicity, from 1 for the first to 0.75 for the tenth.
const orderPerPlace = 0.015

func firstness(e index.Entry) float64 {
	return 1 / (1 + orderPerPlace*float64(min(e.Position, 20)))
}

// ownBoost favours what the user wrote down (notes, the personal sheet)
// over a collection's example for the same task: it is how they do it.
const ownBoost = 1.1

func ownership(e index.Entry) float64 {
	switch e.Snippet.Origin {
	case snippet.OriginNotes, snippet.OriginPersonal:
		return ownBoost
	}
	return 1
}

// A program the question names is the one meant, however rare: it is as
// familiar as any. Of a program the list knows, the question naming it
// says nothing of which subcommand: the list still does (docker system
// prune, not a plugin's docker janitor prune).
func familiarity(e index.Entry, named bool) float64 {
	if e.Familiar || named && !e.Listed {
		return familiarBoost
	}
	return 1
}

// Pipes. Asked for a command that reads the output of another (the widget's
// question after a |), a command that cannot (ps, find, locate) is no
// answer, however well it matches the words: the collections say which can
// (see vocab.Pipe). Such commands keep a tenth of their score: they lose to
// any that reads a pipe and covers as much of the question, even matching
// it less strongly, not to one that covers less of it (answering one more
// word of two multiplies a score by 16).
const (
	pipeUnfit = 0.1
	// pipedMargin is how many candidates beyond the limit a piped query
	// weighs: its prior moves results further than the others do.
	pipedMargin = 100
)

func (p *planner) pipeFit(e index.Entry) float64 {
	if p.piped && !e.Pipe.Fits() {
		return pipeUnfit
	}
	return 1
}
