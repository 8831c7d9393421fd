package search

import (
	"strings"

	"github.com/howcli/how/internal/vocab"
)

// Reading a question. People ask `how` the way they ask a colleague or a
// search engine: "How do I see all the processes running on my Linux
// box?". Its words are of two kinds: those that say what is wanted (an
// action, its object, a program, qualifiers: see, processes, running) and
// those that frame the question (how do I, on my Linux box, ?). Framing
// words describe no command; searched for, they find the rare command
// that happens to say "box" or "terminal" and, being rare, they weigh
// most in deciding whether anything is close enough. So the reader takes
// them out before anything is searched.
//
// Framing is recognised by its shape, not by a list of whole questions:
//
//   - openers, at the start of each clause: a question word with its
//     auxiliary and subject (how do I, how can we, how to), a request (I
//     want to, tell me how to, is there a way to, what is the best
//     command for);
//   - the setting, anywhere: a preposition, a determiner, and words that
//     name where every command runs (in Linux, from the command line, on
//     my Ubuntu box, using bash, in a shell script). A distribution named
//     there is kept as the question's platform (see Query.Platform);
//   - in a query of several sentences, one of which asks and others that
//     tell the story around it ("Trying to debug why my app won't
//     start"), the story weighs less (contextWeight).
//
// A query that is nothing but framing ("how do I") asks nothing, and
// finds nothing.

// question is a query read.
type question struct {
	words []word
	// platforms are the systems the question names in its setting ("on
	// Fedora": linux:fedora, "on a Mac": osx; see system), which override
	// the host's.
	platforms []string
	// framed is set when framing was taken out.
	framed bool
}

// contextWeight is what the words of a sentence that tells the story
// around the question count, in scores and in coverage.
const contextWeight = 0.5

// token is one word of the query on its way to becoming a word.
type token struct {
	raw, norm string
	flag      bool
	// clauseEnd and sentenceEnd say that punctuation ended a clause or a
	// sentence after the token; ask that the sentence ended with "?".
	clauseEnd, sentenceEnd, ask bool
}

// contractions spell out what an apostrophe joins: "what's" is "what
// is", "won't" is "will not". A possessive ("file's") is the word.
var contractionBases = map[string]string{"wo": "will", "ca": "can", "sha": "shall"}

var isContraction = map[string]bool{
	"what": true, "that": true, "it": true, "there": true, "here": true, "who": true,
	"where": true, "how": true, "let": true, "he": true, "she": true, "when": true, "why": true,
}

func expand(norm string) []string {
	norm = strings.ReplaceAll(norm, "’", "'")
	i := strings.LastIndexByte(norm, '\'')
	if i <= 0 {
		return []string{norm}
	}
	base, suffix := norm[:i], norm[i+1:]
	switch suffix {
	case "t":
		if b, ok := strings.CutSuffix(base, "n"); ok {
			if full, ok := contractionBases[b]; ok {
				b = full
			}
			return []string{b, "not"}
		}
	case "s":
		if isContraction[base] {
			return []string{base, "is"}
		}
		return []string{base}
	case "re":
		return []string{base, "are"}
	case "ve":
		return []string{base, "have"}
	case "ll":
		return []string{base, "will"}
	case "d":
		return []string{base, "would"}
	case "m":
		return []string{base, "am"}
	}
	return []string{norm}
}

// tokenize splits the user's words and notes the punctuation between
// them. Flags stay as typed.
func tokenize(in []string) []token {
	var out []token
	// Only the first MaxWords words are read: a line of 40,000 would cost
	// seconds in plans no answer needs.
	for _, t := range Words(in) {
		if isFlag(t) {
			out = append(out, token{raw: t, norm: t, flag: true})
			continue
		}
		raw := strings.TrimRight(t, "?!.,;:")
		tail := t[len(raw):]
		raw = strings.Trim(raw, "\"'`“”‘’()[]")
		norm := strings.ToLower(trimPunct(raw))
		if norm == "" {
			// "/" in "rm -rf /" or a stray quote: nothing to look for.
			if len(out) > 0 {
				markEnd(&out[len(out)-1], tail)
			}
			continue
		}
		parts := expand(strings.ToLower(raw))
		switch {
		case len(parts) == 1 && parts[0] == strings.ToLower(raw):
			out = append(out, token{raw: raw, norm: norm})
		case len(parts) == 1:
			// A possessive: the word itself.
			out = append(out, token{raw: parts[0], norm: trimPunct(parts[0])})
		default:
			for _, p := range parts {
				if p = trimPunct(p); p != "" {
					out = append(out, token{raw: p, norm: p})
				}
			}
		}
		markEnd(&out[len(out)-1], tail)
	}
	return out
}

func markEnd(t *token, tail string) {
	if tail == "" {
		return
	}
	t.clauseEnd = true
	if strings.ContainsAny(tail, "?!.") {
		t.sentenceEnd = true
	}
	if strings.Contains(tail, "?") {
		t.ask = true
	}
}

// The vocabulary of framing. Each set is small and closed: question words
// and auxiliaries, the nouns a request names the command by, and the
// words for where every command runs.
var (
	framingSets = map[string][]string{
		"AUX":  {"do", "does", "did", "can", "could", "would", "should", "might", "may", "will", "shall"},
		"SUBJ": {"i", "you", "we", "one", "someone", "anyone", "somebody", "anybody"},
		"ADJ": {"best", "easiest", "simplest", "quickest", "fastest", "right", "correct", "proper", "standard",
			"recommended", "good", "quick", "simple", "easy", "easier", "better", "preferred", "safest", "cleanest",
			"usual", "common", "linux", "unix", "bash", "shell", "terminal", "single", "built-in", "builtin"},
		"NOUN": {"command", "commands", "tool", "tools", "way", "ways", "program", "programs", "utility",
			"utilities", "syntax", "method", "cmd", "one-liner", "oneliner", "trick", "app"},
		"PREP": {"in", "on", "from", "using", "with", "via", "under", "inside", "within", "through", "at", "for"},
		"DET":  {"a", "an", "the", "my", "our", "your", "this", "their", "his", "her"},
		// ENV names where every command runs; "command line" is two words.
		"ENV": {"linux", "unix", "gnu", "gnu/linux", "terminal", "command line", "command-line", "commandline",
			"cli", "shell", "bash", "console", "cmd", "prompt"},
		// OWNNOUN names the machine itself.
		"OWNNOUN": {"box", "machine", "computer", "server", "system", "laptop", "desktop", "pc", "vm", "host"},
		"ENVNOUN": {"box", "machine", "system", "server", "computer", "script", "session", "prompt", "window",
			"environment", "terminal", "shell", "os", "distro", "distribution", "vm", "host", "instance", "laptop",
			"desktop", "pc"},
	}
)

// openers are the shapes a request opens with. A slot is one word or
// alternatives (a|b), a set ($ADJ), optional with "?" or repeatable with
// "*" (zero or more).
var openers = compilePatterns(
	"please",
	"how $AUX $SUBJ",
	// "How do I use tar", "how to use sed to": the program is what is
	// asked about, and "use" is in no description of what it does.
	"how $AUX $SUBJ use",
	"how to use",
	"how $AUX $SUBJ go about",
	"how to",
	"what|which is|are|was the|a|an? $ADJ* $NOUN to|for|that|which?",
	"what|which $NOUN $AUX $SUBJ use? to|for?",
	"what|which $NOUN to|for",
	"is|are there a|an|any? $ADJ* $NOUN to|for|that|which?",
	"any $ADJ* $NOUN to|for|that|which?",
	"is it possible to",
	"i|we want|need|have to",
	"i|we would like to",
	"i|we am|are trying to",
	"trying to",
	"can|could|would|will you please? tell|show|help|give me how? to?",
	"tell|show|help|give me how? to?",
	"explain how to use?",
	"does|do anyone|anybody know how? to?",
	"can|could|may $SUBJ",
	"$NOUN to|for",
	"what|which is|are",
)

// questionWords open a clause that asks.
var questionWords = map[string]bool{
	"how": true, "what": true, "which": true, "is": true, "are": true, "can": true, "could": true,
	"would": true, "will": true, "may": true, "does": true, "do": true, "tell": true, "show": true,
}

// settings are where the question is asked from: in Linux, on my Ubuntu
// box, from the command line.
var settings = compilePatterns(
	"$PREP $DET? $ENV+ $ENVNOUN?",
	// "the uptime of a Linux server": the system named with the machine
	// it runs, which every command runs on; "the size of the terminal
	// window" keeps its window.
	"of $DET? linux|unix|gnu|gnu/linux $ENVNOUN",
	// "on my machine", "on this server": the asker's own, where every
	// command runs. Only with a determiner: "copy a file to a remote
	// server" keeps its server.
	"$PREP my|this|our|your $OWNNOUN",
	// "the kernel version I'm running": what the asker has, which is
	// what every command reads.
	"$SUBJ am|are|is running|using",
	"am|are $SUBJ running|using",
)

// indirect questions ask through a verb of knowing: "see which process",
// "find out what", "know if". The verb says that something is to be known,
// not which command: the clause after it does. Only the verb goes (the
// question word is a function word already). Verbs that commands do
// ("check if a port is open", "verify whether") stay.
var indirect = compilePatterns(
	"see|know|tell|find|figure out? which|what|whether|if|how|who|where|when|why",
)

// learning is a verb of learning whatever follows: "find out my public
// IP".
var learning = compilePatterns("find|figure out")

// learnVerbs, before "the NOUN of", ask to learn a property, not to search
// for files: "find the size of a directory" asks for du, "find the PID of
// a process" for pgrep.
var learnVerbs = map[string]bool{"find": true, "determine": true}

// learnsProperty reports whether ts[i] is a verb of learning a property:
// "find the size of", "find the IP address of".
func learnsProperty(ts []token, i int) bool {
	if !learnVerbs[ts[i].norm] || i+1 >= len(ts) || ts[i].clauseEnd || ts[i+1].norm != "the" {
		return false
	}
	for j := i + 2; j < len(ts) && j <= i+4; j++ {
		if ts[j].norm == "of" {
			return j > i+2
		}
		if ts[j].clauseEnd || ts[j].flag {
			return false
		}
	}
	return false
}

// distroSettings name a system: on Fedora, in Arch Linux, on a Mac.
var distroSettings = compilePatterns(
	"$PREP $DET? $DISTRO linux? $ENVNOUN?",
)

// slot is one position of a pattern.
type slot struct {
	alts     [][]string // each alternative is one or more words
	optional bool
	repeat   bool // one or more (with optional: zero or more)
	distro   bool // any name in distributions
}

type pattern []slot

func compilePatterns(ps ...string) []pattern {
	var out []pattern
	for _, p := range ps {
		var pat pattern
		for _, f := range strings.Fields(p) {
			var s slot
			switch {
			case strings.HasSuffix(f, "?"):
				s.optional, f = true, strings.TrimSuffix(f, "?")
			case strings.HasSuffix(f, "*"):
				s.optional, s.repeat, f = true, true, strings.TrimSuffix(f, "*")
			case strings.HasSuffix(f, "+"):
				s.repeat, f = true, strings.TrimSuffix(f, "+")
			}
			switch {
			case f == "$DISTRO":
				s.distro = true
			case strings.HasPrefix(f, "$"):
				for _, a := range framingSets[f[1:]] {
					s.alts = append(s.alts, strings.Fields(a))
				}
			default:
				for _, a := range strings.Split(f, "|") {
					s.alts = append(s.alts, []string{a})
				}
			}
			pat = append(pat, s)
		}
		out = append(out, pat)
	}
	return out
}

// match returns how many tokens from ts[at] the pattern covers, or -1.
// It takes the longest match; an optional slot that does not match is
// skipped. The match stops at the end of a clause.
func (p pattern) match(ts []token, at int) int {
	var try func(si, pos int) int
	try = func(si, pos int) int {
		if si == len(p) {
			return pos - at
		}
		s := p[si]
		best := -1
		for _, n := range s.lengths(ts, pos, at) {
			end := pos + n
			if s.repeat {
				if r := try(si, end); r > best {
					best = r
				}
			}
			if r := try(si+1, end); r > best {
				best = r
			}
		}
		if s.optional {
			if r := try(si+1, pos); r > best {
				best = r
			}
		}
		return best
	}
	return try(0, at)
}

// lengths lists how many tokens each alternative of s covers at pos.
func (s slot) lengths(ts []token, pos, start int) []int {
	var out []int
	if pos >= len(ts) || pos > start && ts[pos-1].clauseEnd || ts[pos].flag {
		return nil
	}
	if s.distro {
		if system(ts[pos].norm, nextNorm(ts, pos)) != "" {
			out = append(out, 1)
		}
		return out
	}
outer:
	for _, a := range s.alts {
		for k, w := range a {
			i := pos + k
			if i >= len(ts) || ts[i].flag || ts[i].norm != w || k > 0 && ts[i-1].clauseEnd {
				continue outer
			}
		}
		out = append(out, len(a))
	}
	return out
}

// readQuestion separates what a query asks from how it is asked.
func readQuestion(in []string) question {
	ts := tokenize(in)
	var q question
	drop := make([]bool, len(ts))
	// The setting, anywhere; a distribution named there is the question's
	// platform.
	for i := 0; i < len(ts); i++ {
		if n := bestMatch(distroSettings, ts, i); n > 0 {
			for k := i; k < i+n; k++ {
				if sys := system(ts[k].norm, nextNorm(ts, k)); sys != "" {
					q.platforms = append(q.platforms, sys)
				}
				drop[k] = true
			}
			i += n - 1
			continue
		}
		if n := bestMatch(settings, ts, i); n > 0 {
			for k := i; k < i+n; k++ {
				drop[k] = true
			}
			i += n - 1
			continue
		}
		if learnsProperty(ts, i) {
			drop[i] = true
			continue
		}
		if n := bestMatch(learning, ts, i); n > 0 {
			drop[i], drop[i+1] = true, true
			i++
			continue
		}
		if n := bestMatch(indirect, ts, i); n > 0 {
			// The verb (and its "out"), not the question word.
			for k := i; k < i+n-1; k++ {
				drop[k] = true
			}
		}
	}
	// Openers, at the start of each clause, once the setting is out ("is
	// there a command in Linux to").
	kept := make([]int, 0, len(ts))
	for i := range ts {
		if !drop[i] {
			kept = append(kept, i)
		}
	}
	sub := make([]token, len(kept))
	for k, i := range kept {
		sub[k] = ts[i]
		// A dropped setting can end a clause ("Using bash, how ...").
		for j := i + 1; j < len(ts) && drop[j]; j++ {
			if ts[j].clauseEnd {
				sub[k].clauseEnd = true
			}
			sub[k].sentenceEnd = sub[k].sentenceEnd || ts[j].sentenceEnd
			sub[k].ask = sub[k].ask || ts[j].ask
		}
	}
	opened := make([]bool, len(sub)) // the clause starting here had an opener
	dropSub := make([]bool, len(sub))
	clauseStart := true
	for i := 0; i < len(sub); i++ {
		if clauseStart {
			start := i
			for {
				n := bestMatch(openers, sub, i)
				if n <= 0 || clauseEndsWithin(sub, i, i+n-1) {
					break
				}
				for k := i; k < i+n; k++ {
					dropSub[k] = true
				}
				// A request ("trying to", "I want to") tells what the
				// asker is doing; a question word asks.
				if questionWords[sub[i].norm] {
					opened[start] = true
				}
				i += n
			}
			clauseStart = false
			if i >= len(sub) {
				break
			}
		}
		if sub[i].clauseEnd {
			clauseStart = true
		}
	}
	q.framed = len(sub) < len(ts)
	for _, d := range dropSub {
		q.framed = q.framed || d
	}
	// Sentences: which ask, which tell.
	weights := sentenceWeights(sub, opened)
	var ws []word
	var wts []float64
	for i, t := range sub {
		if dropSub[i] {
			continue
		}
		ws = append(ws, word{raw: t.raw, norm: t.norm, flag: t.flag})
		wts = append(wts, weights[i])
	}
	q.words = contentWords(ws, wts, q.framed)
	return q
}

// clauseEndsWithin reports whether a clause ends inside ts[from:to]
// (to included) before its last token: an opener is one clause's.
func clauseEndsWithin(ts []token, from, to int) bool {
	for k := from; k < to; k++ {
		if ts[k].clauseEnd {
			return true
		}
	}
	return false
}

func nextNorm(ts []token, i int) string {
	if i+1 < len(ts) {
		return ts[i+1].norm
	}
	return ""
}

func bestMatch(ps []pattern, ts []token, at int) int {
	best := 0
	for _, p := range ps {
		if n := p.match(ts, at); n > best {
			best = n
		}
	}
	return best
}

// sentenceWeights gives each token its sentence's weight: in a query of
// several sentences some of which ask (a "?" ends them or an opener
// starts them), the others tell the story around the question.
func sentenceWeights(ts []token, opened []bool) []float64 {
	type sentence struct {
		from, to int
		asks     bool
	}
	var ss []sentence
	from := 0
	for i, t := range ts {
		if t.sentenceEnd || i == len(ts)-1 {
			s := sentence{from: from, to: i + 1}
			for k := from; k <= i; k++ {
				s.asks = s.asks || opened[k] || ts[k].ask
			}
			ss = append(ss, s)
			from = i + 1
		}
	}
	out := make([]float64, len(ts))
	asking := 0
	for _, s := range ss {
		if s.asks {
			asking++
		}
	}
	for _, s := range ss {
		w := 1.0
		if len(ss) > 1 && asking > 0 && !s.asks {
			w = contextWeight
		}
		for k := s.from; k < s.to; k++ {
			out[k] = w
		}
	}
	return out
}

// queryFunctionWords are function words of questions that descriptions,
// written in the imperative, do without: "replace a word using sed" asks
// for sed, and no command is about "using". "How much" asks for an
// amount, which "free" and "usage" say: "much" is as rare in descriptions
// as a program's name, and what it matches ("Change how much information
// is collected") is the framing of another question.
var queryFunctionWords = map[string]bool{"using": true, "via": true, "much": true}

// articles are skipped when pairing words into compounds.
var articles = map[string]bool{"a": true, "an": true, "the": true}

// minNaturalWords is the length from which a query is read as a sentence,
// so its English function words (which, the, on, ...) are dropped instead
// of being searched for as tool names or command words.
const minNaturalWords = 3

// contentWords drops, in sentences, the function words, and pairs
// neighbours into compounds. A framed query left with function words only
// asked nothing.
func contentWords(ws []word, weights []float64, framed bool) []word {
	nonFlags := 0
	for _, w := range ws {
		if !w.flag {
			nonFlags++
		}
	}
	drop := make([]bool, len(ws))
	all := true
	for i, w := range ws {
		drop[i] = !w.flag && (vocab.IsStopWord(w.norm) || queryFunctionWords[w.norm])
		all = all && drop[i]
	}
	switch {
	case all && framed:
		return nil
	case all || nonFlags < minNaturalWords && !framed:
		clear(drop)
	}
	// Pairs for compounds skip articles, which no compound contains:
	// "from a file" still means --from-file.
	prev := -1
	for i := range ws {
		if !ws[i].flag && articles[ws[i].norm] && nonFlags >= minNaturalWords {
			continue
		}
		if prev >= 0 && !ws[prev].flag && !ws[i].flag {
			pair := [2]string{ws[prev].norm, ws[i].norm}
			switch {
			case !drop[prev]:
				ws[prev].compounds = append(ws[prev].compounds, pair)
			case !drop[i]:
				ws[i].compounds = append(ws[i].compounds, pair)
			}
		}
		prev = i
	}
	kept := ws[:0:0]
	for i, w := range ws {
		if !drop[i] {
			w.weight = weights[i]
			kept = append(kept, w)
		}
	}
	return kept
}

// parseWords reads a query's words (see readQuestion).
func parseWords(in []string) []word { return readQuestion(in).words }
