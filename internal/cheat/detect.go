package cheat

import (
	"strings"
	"unicode"

	"github.com/howcli/how/internal/frontmatter"
	"github.com/howcli/how/internal/sheet"
)

// Evidence is what a file's text says about whether it is a cheat sheet.
// A cheat sheet has no extension, and neither do many notes (README, TODO,
// a file saved without one), so the name alone decides nothing: the
// deciding is done by the caller (source.Parse), which also knows whether
// the file's folder looks like a cheatpath.
type Evidence struct {
	// FrontMatter is set when the file opens with front matter that has
	// tags or a syntax, which cheat sheets have and notes rarely do.
	FrontMatter bool
	// Blocks counts the runs of non-comment lines, Described those with a
	// "#" comment line right above them: in a cheat sheet nearly all are.
	Blocks, Described int
	// Lines counts the non-blank, non-comment lines; Prose those that read
	// like sentences rather than commands; Markdown the markdown
	// constructs (fences, bullets, numbered steps, links, "##" headings,
	// emphasis), which cheat sheets do not use and notes do.
	Lines, Prose, Markdown int
}

// Examine gathers the evidence in data. It reads each line once and runs no
// parser, so it is cheap enough to sample a folder with.
func Examine(data []byte) Evidence {
	var e Evidence
	lines := sheet.SplitLines(data)
	i := 0
	if len(lines) > 0 && frontmatter.Opens(lines[0]) {
		front, body, problems := frontmatter.Read(lines)
		e.FrontMatter = len(problems) == 0 && (len(front.Tags) > 0 || front.Syntax != "")
		i = body
	}
	prev := "" // "", "comment" or "line": what the line above was
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		switch {
		case t == "":
			prev = ""
		case strings.HasPrefix(t, "##") || strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			e.Markdown++
			prev = "line"
		case strings.HasPrefix(t, "#"):
			prev = "comment"
		default:
			e.Lines++
			if prev != "line" {
				e.Blocks++
				if prev == "comment" {
					e.Described++
				}
			}
			if markdownLine(t) {
				e.Markdown++
			}
			if proseLine(t) {
				e.Prose++
			}
			prev = "line"
		}
	}
	return e
}

// markdownLine reports a bullet, a numbered step, a link or emphasis.
func markdownLine(t string) bool {
	if strings.Contains(t, "](") || strings.Contains(t, "**") {
		return true
	}
	for _, bullet := range []string{"- ", "* ", "+ "} {
		if rest, ok := strings.CutPrefix(t, bullet); ok && startsWord(rest) {
			return true
		}
	}
	n := 0
	for n < len(t) && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	return n > 0 && n < 3 && strings.HasPrefix(t[n:], ". ") && startsWord(t[n+2:])
}

func startsWord(s string) bool {
	for _, r := range s {
		return unicode.IsLetter(r)
	}
	return false
}

// proseLine reports a line that reads like a sentence: four or more words,
// nearly all of them plain words, and the shape of a sentence (a capital
// first letter, closing punctuation, or length). "apt install vim git
// curl" has plain words too, but not that shape.
func proseLine(t string) bool {
	words := strings.Fields(t)
	if len(words) < 4 {
		return false
	}
	plain := 0
	for _, w := range words {
		w = strings.TrimRight(w, ",.;:!?)")
		w = strings.TrimLeft(w, "(")
		ok := w != ""
		for _, r := range w {
			if !unicode.IsLetter(r) && r != '\'' && r != '-' {
				ok = false
				break
			}
		}
		if ok {
			plain++
		}
	}
	if plain*5 < len(words)*4 {
		return false
	}
	first := []rune(words[0])[0]
	last := t[len(t)-1]
	return unicode.IsUpper(first) || strings.IndexByte(".:!?", last) >= 0 || len(words) >= 8
}

// Lenient reports whether a file of a folder that may be a cheatpath looks
// like a sheet: front matter of its own, or mostly commands under comments
// and little prose. Used to sample a folder, where the folder as a whole
// decides.
func (e Evidence) Lenient() bool {
	return e.FrontMatter || e.Described > 0 && e.Described*2 >= e.Blocks && e.Prose*3 <= e.Lines
}

// Strict reports whether a file with no folder to vouch for it (a file
// named on its own, or one in a folder of notes) is a cheat sheet: every
// sign must agree, because a note read as a cheat sheet turns its prose
// into commands, while a cheat sheet read as a note still has its commands
// found by the extractor.
func (e Evidence) Strict() bool {
	if e.Markdown > 0 || e.Blocks == 0 || e.Prose*5 > e.Lines {
		return false
	}
	if e.Described*10 < e.Blocks*7 {
		return false
	}
	return e.Described >= 2 || e.FrontMatter && e.Described >= 1
}
