package vocab

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// CmdlineTokenizerName is the registry name of the tokenizer for commands,
// OptionWordsTokenizerName that of the words of their options. They are
// stored inside every index's mapping, so renaming one is a schema change.
const (
	CmdlineTokenizerName     = "how_cmdline"
	OptionWordsTokenizerName = "how_option_words"
)

// maxTokenLen keeps pasted blobs (base64, long URLs) from turning into huge
// terms; the parts of such a word are still indexed.
const maxTokenLen = 128

func init() {
	if err := registry.RegisterTokenizer(CmdlineTokenizerName,
		func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
			return CmdlineTokenizer{}, nil
		}); err != nil {
		panic(err)
	}
	if err := registry.RegisterTokenizer(OptionWordsTokenizerName,
		func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
			return CmdlineTokenizer{OptionWords: true}, nil
		}); err != nil {
		panic(err)
	}
}

// CmdlineTokenizer splits a shell command into the terms people search
// commands by. Flags are kept as written, case included, because -f and -F
// mean different things; everything else is lower-cased and split into
// words, keeping compounds (nginx.service, docker-compose, host:port) whole as
// well so an exact paste scores above a loose match. The operators people
// call by a name are found by it: << is a heredoc and <<< a herestring
// ("how heredoc" asks for commands that carry one).
//
// The words of an option's name (--directory: directory; --dry-run: dry,
// run, dry-run) are not the command's words: "tar compress directory" asks
// for tar creating an archive of a directory, not for every tar command
// that takes -C/--directory. With OptionWords set the tokenizer emits
// those words alone, for a field of their own that weighs less; without
// it, everything but them.
type CmdlineTokenizer struct {
	OptionWords bool
}

// namedOperators are the shell operators people search by name, by their
// run of '<'.
var namedOperators = map[int][]byte{2: []byte("heredoc"), 3: []byte("herestring")}

// Tokenize implements analysis.Tokenizer.
func (ct CmdlineTokenizer) Tokenize(input []byte) analysis.TokenStream {
	t := cmdTok{in: input, options: ct.OptionWords}
	i := 0
	for i < len(input) {
		r, n := utf8.DecodeRune(input[i:])
		if r == '<' {
			run := 1
			for i+run < len(input) && input[i+run] == '<' {
				run++
			}
			if name := namedOperators[run]; name != nil {
				t.emit(i, i+run, name, true)
			}
			i += run
			continue
		}
		if isShellSep(r) {
			i += n
			continue
		}
		start := i
		for i < len(input) {
			r, n = utf8.DecodeRune(input[i:])
			if isShellSep(r) {
				break
			}
			i += n
		}
		t.shellWord(start, i)
	}
	return t.out
}

// cmdTok accumulates the tokens of one input.
type cmdTok struct {
	in  []byte
	out analysis.TokenStream
	pos int
	// options: emit the words of option names only (see
	// CmdlineTokenizer.OptionWords); optionWord is set while flagWords
	// emits them.
	options, optionWord bool
}

// isShellSep reports whether r ends a shell word. Quotes, substitutions,
// redirections and the braces of tldr's {{placeholders}} are all just
// punctuation for search purposes.
func isShellSep(r rune) bool {
	switch r {
	case '|', ';', '&', '(', ')', '<', '>', '\'', '"', '`', '$', ',',
		'{', '}', '[', ']', '!', '*', '\\', '#':
		return true
	}
	return unicode.IsSpace(r)
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// emit appends a token; newPos starts a new position, otherwise the token
// shares the previous one (as compounds and expansions do).
func (t *cmdTok) emit(start, end int, term []byte, newPos bool) {
	if len(term) == 0 || len(term) > maxTokenLen || t.optionWord != t.options {
		return
	}
	if newPos || t.pos == 0 {
		t.pos++
	}
	t.out = append(t.out, &analysis.Token{
		Start:    start,
		End:      end,
		Term:     term,
		Position: t.pos,
		Type:     analysis.AlphaNumeric,
	})
}

// flagNameLen returns the length of the flag at the start of w (dashes
// included), or 0 when w is not a flag. A flag is one or two dashes followed
// by an ASCII letter or digit, then letters, digits, '-' and '_'.
func flagNameLen(w []byte) int {
	d := 0
	for d < len(w) && d < 2 && w[d] == '-' {
		d++
	}
	if d == 0 || d >= len(w) || !isASCIIAlnum(w[d]) {
		return 0
	}
	n := d + 1
	for n < len(w) && (isASCIIAlnum(w[n]) || w[n] == '-' || w[n] == '_') {
		n++
	}
	return n
}

func (t *cmdTok) shellWord(start, end int) {
	w := t.in[start:end]
	n := flagNameLen(w)
	if n == 0 {
		t.word(start, end)
		return
	}
	t.flag(start, start+n)
	rest := start + n
	if rest < end && t.in[rest] == '=' {
		rest++
	}
	if rest < end {
		t.word(rest, end)
	}
}

// flag emits a flag as written plus what makes it findable by its parts: the
// letters of a short cluster (-xzf: -x -z -f) and the words of a long name
// (--dry-run: dry run dry-run; -name: name).
func (t *cmdTok) flag(start, end int) {
	f := t.in[start:end]
	t.emit(start, end, f, true)
	if len(f) >= 2 && f[1] == '-' {
		t.flagWords(start+2, end)
		return
	}
	name := f[1:]
	if len(name) <= 1 {
		return
	}
	letters := true
	for _, c := range name {
		if !isASCIILetter(c) {
			letters = false
			break
		}
	}
	if len(name) <= 3 && letters {
		var seen [128]bool
		for _, c := range name {
			if seen[c] {
				continue
			}
			seen[c] = true
			t.emit(start, end, []byte{'-', c}, false)
		}
		return
	}
	if len(name) > 3 {
		t.flagWords(start+1, end)
	}
}

// flagWords emits the lower-cased words of a flag name split on '-' and '_',
// and the whole name when it has several words: the option words, which go
// to a field of their own (see CmdlineTokenizer).
func (t *cmdTok) flagWords(start, end int) {
	t.optionWord = true
	defer func() { t.optionWord = false }()
	parts := 0
	i := start
	for i < end {
		for i < end && (t.in[i] == '-' || t.in[i] == '_') {
			i++
		}
		s := i
		for i < end && t.in[i] != '-' && t.in[i] != '_' {
			i++
		}
		if s < i {
			t.emit(s, i, bytes.ToLower(t.in[s:i]), false)
			parts++
		}
	}
	if parts > 1 {
		s, e := trimNonAlnum(t.in, start, end)
		t.emit(s, e, bytes.ToLower(t.in[s:e]), false)
	}
}

// trimNonAlnum narrows [start,end) of b to its first and last letter or
// digit.
func trimNonAlnum(b []byte, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRune(b[start:end])
		if isAlnum(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRune(b[start:end])
		if isAlnum(r) {
			break
		}
		end -= n
	}
	return start, end
}

// word emits the lower-cased letter/digit runs of a non-flag word, each
// compound joined only by '-', '.' or '_' (nginx.service, pg_dump), and the
// whole word when other punctuation joins its parts (deployment/api,
// host:8080, app=api).
func (t *cmdTok) word(start, end int) {
	start, end = trimNonAlnum(t.in, start, end)
	if start >= end {
		return
	}
	parts := 0
	compStart, compEnd, compParts := -1, -1, 0
	flushCompound := func() {
		if compParts > 1 {
			t.emit(compStart, compEnd, bytes.ToLower(t.in[compStart:compEnd]), false)
		}
		compStart, compEnd, compParts = -1, -1, 0
	}
	i := start
	for i < end {
		r, n := utf8.DecodeRune(t.in[i:end])
		if !isAlnum(r) {
			i += n
			continue
		}
		s := i
		for i < end {
			r, n = utf8.DecodeRune(t.in[i:end])
			if !isAlnum(r) {
				break
			}
			i += n
		}
		// A compound continues when exactly one joiner separates this run
		// from the previous one.
		if compParts > 0 && s == compEnd+1 && isJoiner(t.in[compEnd]) {
			compEnd = i
			compParts++
		} else {
			flushCompound()
			compStart, compEnd, compParts = s, i, 1
		}
		t.emit(s, i, bytes.ToLower(t.in[s:i]), true)
		parts++
	}
	whole := compStart == start && compEnd == end
	flushCompound()
	if parts > 1 && !whole {
		t.emit(start, end, bytes.ToLower(t.in[start:end]), false)
	}
}

func isJoiner(c byte) bool { return c == '-' || c == '.' || c == '_' }
