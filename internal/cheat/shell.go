package cheat

import (
	"io"
	"regexp"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// judge asks the shell parser whether lines make a finished command. It
// works within a budget of bytes per sheet: a sheet of thousands of lines
// that never finish ("for x in y; do" over and over) would otherwise be
// parsed over and over, and past the budget lines simply stay apart.
type judge struct {
	budget int
}

// newJudge returns the judge for a sheet of size bytes. The budget is
// several times what the most demanding sheet of cheat/cheatsheets needs
// (quickemu: 27 KB parsed for 3 KB of sheet).
func newJudge(size int) *judge {
	return &judge{budget: 32<<10 + 4*size}
}

// parsers are reused: a parser is cheap to reset, not to allocate.
var parsers = sync.Pool{New: func() any { return syntax.NewParser(syntax.Variant(syntax.LangBash)) }}

// states returns, for each prefix of lines (the first line, the first two,
// ...), whether the shell is still waiting for more: an open quote,
// heredoc, loop or if, a trailing pipe or "&&", a backslash at the end. It
// reads the lines once, in the parser's interactive mode, which says after
// each line whether the statement is finished. At the first line the
// parser refuses (not shell at all), the states stop: beyond it nothing is
// unfinished. nil means not judged (no budget left).
func (j *judge) states(lines []string) []bool {
	cost := 0
	for _, l := range lines {
		cost += len(l) + 1
	}
	if cost > j.budget {
		return nil
	}
	j.budget -= cost
	r := &lineReader{lines: lines}
	p := parsers.Get().(*syntax.Parser)
	defer parsers.Put(p)
	st := make([]bool, 0, len(lines))
	_ = p.Interactive(r, func([]*syntax.Stmt) bool {
		st = append(st, p.Incomplete())
		return len(st) < len(lines)
	})
	for len(st) < len(lines) {
		st = append(st, false)
	}
	return st
}

// incomplete reports whether the lines, as one text, are an unfinished
// command.
func (j *judge) incomplete(lines []string) bool {
	if !mayContinue(lines) {
		return false
	}
	st := j.states(lines)
	return len(st) > 0 && st[len(st)-1]
}

// lineReader gives the parser one line per Read, so that the interactive
// parser reports on every line rather than on what one buffer held.
// Placeholders are neutralised on the way (see docopt).
type lineReader struct {
	lines []string
	n     int
	rest  string
}

func (r *lineReader) Read(b []byte) (int, error) {
	if r.rest == "" {
		if r.n >= len(r.lines) {
			return 0, io.EOF
		}
		l := r.lines[r.n]
		if strings.IndexByte(l, '<') >= 0 {
			l = docopt.ReplaceAllString(l, "_")
		}
		r.rest = l + "\n"
		r.n++
	}
	k := copy(b, r.rest)
	r.rest = r.rest[k:]
	return k, nil
}

// docopt matches the placeholders cheat sheets write as "<file>" or
// "<key ID>". To the shell they are redirections with their target on the
// next line ("<file>" then a newline reads as "< file >" with nothing to
// write to), which would glue two alternative lines into one command; they
// are read as plain words instead. Heredocs ("<<EOF"), process
// substitution ("<(cmd)") and spaced redirections ("< in.txt") do not
// match.
var docopt = regexp.MustCompile(`<[A-Za-z][^<>\n]*>`)

// mayContinue is a cheap test that spares the parser most lines: without
// one of these characters or an opening keyword, no shell line is left
// unfinished.
func mayContinue(lines []string) bool {
	for _, l := range lines {
		if strings.ContainsAny(l, "'\"`\\|&({<") {
			return true
		}
		for _, w := range strings.Fields(l) {
			switch w {
			case "if", "for", "while", "until", "case", "select", "function", "do", "then", "else", "elif", "in", "{", "[[":
				return true
			}
		}
	}
	return false
}
