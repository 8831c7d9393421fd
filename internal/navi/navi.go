// Package navi reads navi cheats: ".cheat" (and ".cheat.md") files whose
// lines are told apart by their first character.
//
//	% git, code                      tags of the items below
//	# Create a branch                an item's description
//	git checkout -b <branch>         its command (consecutive lines: one command)
//	$ branch: git branch --format…   where <branch>'s suggestions come from
//	@ git, common                    reuse the $ lines of the items tagged so
//	; a comment for the author       ignored
//
// Items are read as navi reads them: an item is a description with a
// command under it, and a command with no description is dropped (navi
// shows nothing for it); blank lines inside a command are kept, as navi
// keeps them; a fence line ("```") makes "$" lines inside it command text.
// The "$" lines are stored, never run: they are shell commands that only
// the user may choose to run.
package navi

import (
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/howcli/how/internal/extract"
	"github.com/howcli/how/internal/sheet"
	"github.com/howcli/how/internal/snippet"
)

// Var is a "$ name: command --- options" line: where a placeholder's
// suggestions come from.
type Var struct {
	Name string
	// Command is the shell command that lists the suggestions, as written.
	// how never runs it.
	Command string
	// Options are the finder options after "---" (--column 1, --multi, ...),
	// as written; empty when there are none.
	Options string
	Line    int
}

// Group is the items under one "%" line, with what they share.
type Group struct {
	// Tags are the "%" line's comma-separated tags; TagLine is the line
	// as written after "%", which is how navi matches "@" lines to groups.
	Tags    []string
	TagLine string
	Line    int
	Vars    []Var
	// Extends are the tag lines of the "@" lines: the groups whose "$"
	// lines this group also uses, possibly from other files.
	Extends []string

	items int
}

// File is one navi cheat as read.
type File struct {
	Groups []*Group
	// Snippets are the items in file order. Origin is left for the caller.
	Snippets []snippet.Snippet
	// Vars holds, for each snippet (by its Line), the suggestion sources of
	// its placeholders that this file defines: in its own group, or in a
	// group of this file that its group extends. Placeholders with none
	// here are free text, or get theirs from another file through "@".
	Vars map[int][]Var
	// Lines counts command lines: lines that are neither blank nor one of
	// the prefixed kinds, outside fences as inside. Skipped counts the
	// items whose command is prose rather than a command (see flush),
	// left out, and SkippedLines their lines, which Lines does not count.
	Lines                 int
	Skipped, SkippedLines int
}

// Problem is something wrong at one line of a cheat (1-based). It never
// stops a parse.
type Problem = sheet.Problem

// IsCheat reports whether a file name is a navi cheat's.
func IsCheat(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".cheat") || strings.HasSuffix(n, ".cheat.md")
}

// Title is the cheat's name without its extension: "git" for git.cheat.
func Title(name string) string {
	base := path.Base(filepath.ToSlash(name))
	for _, ext := range []string{".cheat.md", ".cheat"} {
		if len(base) > len(ext) && strings.EqualFold(base[len(base)-len(ext):], ext) {
			return base[:len(base)-len(ext)]
		}
	}
	return base
}

type item struct {
	desc     string
	descLine int
	lines    []string
	first    int // line of the first command line
}

type parser struct {
	name     string
	file     File
	problems []Problem
	group    *Group
	item     item
	seen     map[string]bool
}

// Parse reads a navi cheat. name is the file's path as the caller knows
// it; it becomes each snippet's Source. Parse never panics.
func Parse(name string, data []byte) (File, []Problem) {
	p := &parser{name: name, seen: map[string]bool{}}
	p.group = &Group{}
	p.file.Groups = append(p.file.Groups, p.group)
	lines := strings.Split(strings.TrimPrefix(string(data), "\ufeff"), "\n")
	fence := 0 // line of the open fence, 0 when none
	for i := 0; i < len(lines); i++ {
		ln := i + 1
		l := strings.TrimSuffix(lines[i], "\r")
		switch {
		case strings.TrimSpace(l) == "":
			if len(p.item.lines) > 0 {
				p.item.lines = append(p.item.lines, "")
			}
		case l[0] == '%':
			p.flush()
			tagLine := strings.TrimSpace(l[1:])
			p.group = &Group{TagLine: tagLine, Tags: splitTags(tagLine), Line: ln}
			p.file.Groups = append(p.file.Groups, p.group)
			// A description does not carry over into another group.
			p.item = item{}
		case l[0] == '@':
			ext := strings.TrimSpace(l[1:])
			if ext == "" {
				p.problem(ln, "\"@\" names no tags to extend")
				continue
			}
			p.group.Extends = append(p.group.Extends, ext)
		case l[0] == ';':
		case l[0] == '#':
			p.flush()
			p.item = item{desc: strings.TrimSpace(l[1:]), descLine: ln}
		case l[0] == '$' && strings.Contains(l, ":") && fence == 0:
			p.flush()
			p.item = item{desc: p.item.desc, descLine: p.item.descLine}
			start := ln
			full := l
			// A "$" line continues on the next while it ends in a
			// backslash.
			for strings.HasSuffix(full, "\\") && i+1 < len(lines) {
				i++
				full = strings.TrimSuffix(full, "\\") + strings.TrimSuffix(lines[i], "\r")
			}
			p.variable(start, strings.TrimSuffix(full, "\\"))
		case strings.HasPrefix(l, "```"):
			if fence == 0 {
				fence = ln
			} else {
				fence = 0
			}
		default:
			p.file.Lines++
			if len(p.item.lines) == 0 {
				p.item.first = ln
			}
			p.item.lines = append(p.item.lines, l)
		}
	}
	p.flush()
	if fence != 0 {
		p.problem(fence, "code fence is not closed")
	}
	// The group before any "%" line is kept only if something is in it.
	if g := p.file.Groups[0]; g.items == 0 && len(g.Vars) == 0 && len(g.Extends) == 0 {
		p.file.Groups = p.file.Groups[1:]
	}
	p.resolve()
	return p.file, p.problems
}

func (p *parser) problem(line int, msg string) {
	p.problems = append(p.problems, Problem{Line: line, Msg: msg})
}

// flush emits the item being read, if it is one: a description and a
// command. Trailing blank lines are not part of the command.
func (p *parser) flush() {
	it := p.item
	p.item.lines = nil
	for len(it.lines) > 0 && strings.TrimSpace(it.lines[len(it.lines)-1]) == "" {
		it.lines = it.lines[:len(it.lines)-1]
	}
	if len(it.lines) == 0 {
		return
	}
	if it.desc == "" {
		if it.descLine == 0 {
			p.problem(it.first, "command has no \"#\" description above it; navi skips it")
		} else {
			p.problem(it.descLine, "empty \"#\" description; navi skips its command")
		}
		return
	}
	cmd := strings.Join(it.lines, "\n")
	key := p.group.TagLine + "\x00" + it.desc + "\x00" + cmd
	if p.seen[key] {
		return // navi shows an item once
	}
	p.seen[key] = true
	tool := toolOf(it.lines[0])
	if tool == "" && len(p.group.Tags) > 0 {
		tool = p.group.Tags[0]
	}
	// A sentence where the command should be is the author's note, not
	// something to run: judged as the extractor judges a note's line,
	// the program the group is tagged with known.
	subject := Title(p.name)
	if len(p.group.Tags) > 0 {
		subject = p.group.Tags[0]
	}
	if extract.Judge(cmd, subject).Prose {
		n := 0
		for _, l := range it.lines {
			if strings.TrimSpace(l) != "" {
				n++
			}
		}
		p.file.Lines -= n
		p.file.Skipped++
		p.file.SkippedLines += n
		return
	}
	p.group.items++
	var tags []string
	if len(p.group.Tags) > 0 {
		tags = slices.Clone(p.group.Tags)
	}
	p.file.Snippets = append(p.file.Snippets, snippet.Snippet{
		Command:     cmd,
		Description: it.desc,
		Tool:        tool,
		Tags:        tags,
		Section:     sectionOf(p.group, p.name),
		Source:      p.name,
		Line:        it.first,
	})
}

// sectionOf is what a result shows as its section: the group's tags as
// written, or, before any "%" line, the cheat's name.
func sectionOf(g *Group, name string) string {
	if g.TagLine != "" {
		return g.TagLine
	}
	return Title(name)
}

// varLine is navi's own reading of a "$" line: a name up to the first
// colon, then the command.
var varLine = regexp.MustCompile(`^\$\s*([^:]+):(.*)$`)

func (p *parser) variable(ln int, l string) {
	m := varLine.FindStringSubmatch(l)
	if m == nil {
		p.problem(ln, "\"$\" line is not \"$ name: command\"")
		return
	}
	name := strings.TrimSpace(m[1])
	if !placeholderName.MatchString(name) {
		p.problem(ln, fmt.Sprintf("%q is not a variable name", sheet.Clip(name)))
		return
	}
	cmd, opts, _ := strings.Cut(m[2], "---")
	v := Var{Name: name, Command: strings.TrimSpace(cmd), Options: strings.TrimSpace(opts), Line: ln}
	if v.Command == "" {
		p.problem(ln, fmt.Sprintf("variable %q has no command", name))
	}
	if msg := checkOptions(v.Options); msg != "" {
		p.problem(ln, msg)
	}
	p.group.Vars = append(p.group.Vars, v)
}

// checkOptions reports what navi would refuse in a "$" line's options: an
// unclosed quote, or a flag that needs a value and has none.
func checkOptions(opts string) string {
	if opts == "" {
		return ""
	}
	words, ok := shellWords(opts)
	if !ok {
		return "options after \"---\" have an unclosed quote"
	}
	for i := 0; i < len(words); i++ {
		switch words[i] {
		case "--multi", "--prevent-extra", "--expand":
		default:
			if !strings.HasPrefix(words[i], "--") {
				return fmt.Sprintf("%q after \"---\" is not an option; navi rejects this line", sheet.Clip(words[i]))
			}
			if i+1 >= len(words) {
				return fmt.Sprintf("option %s after \"---\" has no value", sheet.Clip(words[i]))
			}
			i++
		}
	}
	return ""
}

// shellWords splits s into words as a shell would, quotes removed, and
// reports whether every quote was closed.
func shellWords(s string) ([]string, bool) {
	var words []string
	var cur strings.Builder
	in := false
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' && i+1 < len(s) {
				i++
				cur.WriteByte(s[i])
			} else {
				cur.WriteByte(c)
			}
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			in = true
		case c == ' ' || c == '\t':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words, quote == 0
}

// resolve works out, for each snippet, which of its placeholders this file
// gives suggestions for: the "$" lines of its group (groups with the same
// tags share them, as in navi), then those of the groups it extends, in
// the order of the "@" lines.
func (p *parser) resolve() {
	byTags := map[string][]*Group{}
	for _, g := range p.file.Groups {
		key := sectionOf(g, p.name)
		byTags[key] = append(byTags[key], g)
	}
	// find returns the last "$" line for name in the groups tagged key:
	// in navi each one replaces the one before.
	find := func(key, name string) (Var, bool) {
		var v Var
		found := false
		for _, g := range byTags[key] {
			for _, gv := range g.Vars {
				if gv.Name == name {
					v, found = gv, true
				}
			}
		}
		return v, found
	}
	for _, s := range p.file.Snippets {
		var extends []string
		for _, g := range byTags[s.Section] {
			extends = append(extends, g.Extends...)
		}
		var vars []Var
		for _, name := range Placeholders(s.Command) {
			v, ok := find(s.Section, name)
			for _, ext := range extends {
				if ok {
					break
				}
				v, ok = find(ext, name)
			}
			if ok {
				vars = append(vars, v)
			}
		}
		if len(vars) > 0 {
			if p.file.Vars == nil {
				p.file.Vars = map[int][]Var{}
			}
			p.file.Vars[s.Line] = vars
		}
	}
}

func splitTags(line string) []string {
	var tags []string
	for _, t := range strings.Split(line, ",") {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	return tags
}

// placeholderName is navi's variable name: a word character, then word
// characters and dashes.
var placeholderName = regexp.MustCompile(`^\w[\w-]*$`)

var placeholder = regexp.MustCompile(`<(\w[\w-]*)>`)

// Placeholders returns the names of a command's <placeholders>, each once,
// in order of first use. An escaped "\<" is not one, as in navi.
func Placeholders(cmd string) []string {
	var names []string
	// A set beside the list: a line a source makes long (100,000
	// placeholders) must cost linear time, not a search of the list for
	// each.
	seen := map[string]bool{}
	for _, m := range placeholder.FindAllStringSubmatchIndex(cmd, -1) {
		if m[0] > 0 && cmd[m[0]-1] == '\\' {
			continue
		}
		name := cmd[m[2]:m[3]]
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	return names
}

// toolOf is the program a command line runs (see snippet.ToolOf).
func toolOf(line string) string { return snippet.ToolOf(line) }
