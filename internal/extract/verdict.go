package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Verdict is the extractor's judgement of text that a format presents as a
// command: a line of a cheat sheet under its "# To ..." comment, a navi
// item's command. Importers ask it rather than judging lines their own way,
// so that prose and program output are told from commands by one judge,
// whatever format they were found in.
type Verdict struct {
	// Command reports a shell command someone would want to find again,
	// judged as the extractor judges a line behind a prompt: prose,
	// program output, other languages, lone assignments and bare keywords
	// are not.
	Command bool
	// Prose reports text that is no code of any kind: a sentence, a
	// caption, a line of a program's output, a rule of dashes. Text that
	// is neither Command nor Prose may still be code for another program
	// (an editor's keys, a SQL statement), which the shell judge cannot
	// tell.
	Prose bool
	// Incomplete reports text the shell wants more lines for (an open
	// quote or heredoc, a loop without its end).
	Incomplete bool
	// Text is what was judged without a prompt before it and, for a
	// Command, without the comments trailing its first and last lines;
	// Comment is the first of those comments, without its "#". For one
	// line, Text is a substring of what was judged.
	Text, Comment string
}

// Judge judges text, one line or the lines of one command. A prompt
// before it ("$ ", "→ ") is no part of the command, and says that what
// follows is one, as in a note. program, when not
// empty, is the program the text around is about (a cheat sheet's name):
// known, as a note's own vocabulary makes its tools known.
func Judge(text, program string) Verdict {
	bare, prompted := stripPrompt(text)
	v := judge(bare, judgeOpts{program: program, prompt: prompted})
	switch {
	case v.incomplete:
		return Verdict{Incomplete: true, Text: bare}
	case v.strength != notCommand && !v.control && !v.assignOnly:
		return Verdict{Command: true, Text: v.command, Comment: v.comment}
	case v.compound && v.control:
		// A loop the shell parses is code, though not one the extractor
		// keeps for want of a program in it ("for f in *; do echo $f;
		// done").
		return Verdict{Text: bare}
	}
	return Verdict{Prose: reads(bare, program), Text: bare}
}

// reads reports whether text that is no shell command is there to be read
// rather than typed. It is when it has no word at all and is long enough
// to be a rule ("-----"), or when it is mostly words with the marks of a
// sentence (closing punctuation, function words, Capitalised Names, a word
// of some length) and does not start with a program: the judge turns "ip route get to
// 8.8.8.8" down for its English, yet a person would still type it, and
// "SHOW GRANTS;" or "set pretty print on" are some other program's
// commands, made of words but no sentence.
func reads(text, program string) bool {
	t := strings.TrimSpace(text)
	if !strings.ContainsFunc(t, isWordRune) {
		return utf8.RuneCountInString(t) >= 4
	}
	// The cheap tests first: most lines never get to the sentence, and
	// prose needs three words.
	words := strings.Fields(t)
	if len(words) < 3 || words[0] == program || isProgramWord(words[0]) || !prose(t) {
		return false
	}
	stop, titles, long := 0, 0, false
	for _, w := range words {
		w = strings.Trim(w, ",.;:!?()\"'`*_")
		if isStopword(w) {
			stop++
		}
		if isTitle(w) {
			titles++
		}
		long = long || len(w) >= 4 && isWord(w)
	}
	// A sentence has a word of four letters or more; "C-x a, C-x A" has
	// English articles but is keys.
	return long && (strings.ContainsAny(t[len(t)-1:], ".!?:") || stop >= 2 || titles >= 2)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
