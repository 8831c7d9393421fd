// Package frontmatter reads the YAML front matter that opens our sheets and
// cheat sheets (a "---" line, YAML, a closing "---"), and the few keys how
// reads of other tools' YAML configuration (cheat's conf.yml, navi's
// config.yaml).
//
// The YAML is parsed by a YAML library, so that all of YAML reads as its
// authors meant (flow maps, comments after quoted values, anchors), and
// read as words: a tag "no" stays the word "no", never false. Problems are
// one line each and name their line.
package frontmatter

import (
	"strconv"
	"strings"
)

// Front is what a front matter block says that how uses.
type Front struct {
	// Tags from "tags: [a, b]", "tags: a" or a block list.
	Tags []string
	// Syntax is cheat's highlighting language, "syntax: bash".
	Syntax string
}

// Problem is something wrong on one line (1-based) of a file.
type Problem struct {
	Line int
	Msg  string
}

func (p *Problem) Error() string { return "line " + strconv.Itoa(p.Line) + ": " + p.Msg }

// Opens reports whether a file whose first line is first has front matter.
func Opens(first string) bool {
	return strings.TrimRight(first, " \t") == "---"
}

// Read reads the front matter that opens lines (lines[0] must satisfy
// Opens) and returns it with the index of the first line after it. A block
// that is not YAML is one problem at the line where it goes wrong, and
// says nothing. A block that is never closed is reported on line 1 and
// body is 1: the rest of the file is read as the body, since losing the
// whole file to a missing "---" would be worse than reading a few "key:
// value" lines as text.
func Read(lines []string) (f Front, body int, problems []Problem) {
	end := -1
	for j := 1; j < len(lines); j++ {
		if t := strings.TrimRight(lines[j], " \t"); t == "---" || t == "..." {
			end = j
			break
		}
	}
	if end < 0 {
		return f, 1, []Problem{{Line: 1, Msg: "front matter is not closed by \"---\""}}
	}
	// A parser that counts a lone "\r" as a line break may count past the
	// block, which ends on the closing line.
	fail := func(err error) (Front, int, []Problem) {
		p, _ := err.(*Problem)
		return Front{}, end + 1, []Problem{{Line: min(p.Line, end+1), Msg: "front matter: " + p.Msg}}
	}
	// An empty line stands for the opening "---", so that the parser's
	// line numbers are the file's.
	doc, err := Decode([]byte("\n" + strings.Join(lines[1:end], "\n")))
	if err != nil {
		return fail(err)
	}
	tags, err := doc.Key("tags")
	if err != nil {
		return fail(err)
	}
	if f.Tags, err = tags.Words(); err != nil {
		return fail(prefix("tags", err))
	}
	syntax, err := doc.Key("syntax")
	if err != nil {
		return fail(err)
	}
	if f.Syntax, err = syntax.Word(); err != nil {
		return fail(prefix("syntax", err))
	}
	return f, end + 1, nil
}

// prefix names the key a value's problem is about.
func prefix(key string, err error) error {
	p := err.(*Problem)
	return &Problem{Line: p.Line, Msg: key + ": " + p.Msg}
}

// quote shortens text quoted in a problem so that it stays on one line.
func quote(s string) string {
	const max = 40
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i] + "…"
	}
	if len(s) > max {
		cut := max
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	return "\"" + s + "\""
}

// oneLine keeps a message on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
