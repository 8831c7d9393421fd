// Package frontmatter reads the YAML front matter that opens our sheets and
// cheat sheets: a "---" line, "key: value" lines, and a closing "---".
//
// It is read by hand rather than with a YAML library: only tags (a list of
// strings) and syntax (one string) are ever used, and a hand-written reader
// keeps a dependency, and its surprises (a tag "no" read as false), out.
// Anything else in the block is skipped, but a line that is not YAML at all
// is reported, as cheat itself refuses such a sheet.
package frontmatter

import (
	"strings"
)

// Front is what a front matter block says that how uses.
type Front struct {
	// Tags from "tags: [a, b]", "tags: a" or a block list.
	Tags []string
	// Syntax is cheat's highlighting language, "syntax: bash".
	Syntax string
}

// Problem is something wrong on one line (1-based) of the block.
type Problem struct {
	Line int
	Msg  string
}

// Opens reports whether a file whose first line is first has front matter.
func Opens(first string) bool {
	return strings.TrimRight(first, " \t") == "---"
}

// Read reads the front matter that opens lines (lines[0] must satisfy
// Opens) and returns it with the index of the first line after it. A block
// that is never closed is reported on line 1 and body is 1: the rest of the
// file is read as the body, since losing the whole file to a missing "---"
// would be worse than reading a few "key: value" lines as text.
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
	problem := func(j int, msg string) {
		problems = append(problems, Problem{Line: j + 1, Msg: msg})
	}
	for j := 1; j < end; j++ {
		line := lines[j]
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		indented := line[0] == ' ' || line[0] == '\t'
		key, val, ok := strings.Cut(line, ":")
		if indented || strings.HasPrefix(t, "- ") || t == "-" {
			// Part of a value above that is not ours (a nested map, a
			// list): skipped like the key it belongs to.
			continue
		}
		if !ok || strings.ContainsAny(strings.TrimSpace(key), " \t") && !isQuoted(key) {
			problem(j, "front matter: expected \"key: value\", got "+quote(t))
			continue
		}
		val = strings.TrimSpace(val)
		switch strings.TrimSpace(key) {
		case "tags":
			switch {
			case strings.HasPrefix(val, "["):
				tags, err := List(val)
				if err != nil {
					problem(j, "tags: "+err.Error())
				}
				f.Tags = append(f.Tags, tags...)
			case val == "" || strings.HasPrefix(val, "#"):
				for j+1 < end {
					item := strings.TrimSpace(lines[j+1])
					rest, ok := strings.CutPrefix(item, "-")
					if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
						break
					}
					j++
					if tag, err := Scalar(rest); err != nil {
						problem(j, "tags: "+err.Error())
					} else if tag != "" {
						f.Tags = append(f.Tags, tag)
					}
				}
			default:
				if tag, err := Scalar(val); err != nil {
					problem(j, "tags: "+err.Error())
				} else if tag != "" {
					f.Tags = append(f.Tags, tag)
				}
			}
		case "syntax":
			s, err := Scalar(val)
			if err != nil {
				problem(j, "syntax: "+err.Error())
			}
			f.Syntax = s
		}
	}
	return f, end + 1, problems
}

func isQuoted(key string) bool {
	k := strings.TrimSpace(key)
	return len(k) >= 2 && (k[0] == '"' || k[0] == '\'') && k[len(k)-1] == k[0]
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
