package sheet

import (
	"regexp"
	"strings"
)

// What a tldr command's placeholders and a page's platform folder mean
// for indexing it.

// FirstSpelling writes a tldr command's alternatives ({{[exec|container
// exec]}}, {{[-f|--follow]}}) as their first spelling, so that the
// subcommand it runs is found (docker exec) as in a plain command.
func FirstSpelling(cmd string) string {
	ps := Placeholders(cmd)
	if len(ps) == 0 {
		return cmd
	}
	var b strings.Builder
	last := 0
	for _, p := range ps {
		b.WriteString(cmd[last:p.Start])
		if p.Short != "" {
			b.WriteString(p.Short)
		} else {
			b.WriteString(cmd[p.Start:p.End])
		}
		last = p.End
	}
	b.WriteString(cmd[last:])
	return b.String()
}

// ValuePlaceholdersOut moves the words of a tldr command's value
// placeholders ({{path/to/file}}, {{count}}) from its head to its body. They
// name what the user fills in, not what the command does: indexed as the
// command, "count lines in a file" matched every example taking a count
// and a file. Option placeholders ({{[-f|--follow]}}) are the command's
// real flags and stay, spelled both ways.
func ValuePlaceholdersOut(head, body string) (string, string) {
	ps := Placeholders(head)
	if len(ps) == 0 {
		return head, body
	}
	var h, moved strings.Builder
	last := 0
	for _, p := range ps {
		h.WriteString(head[last:p.Start])
		if p.Short != "" || p.Long != "" {
			h.WriteString(strings.TrimSpace(p.Short + " " + p.Long))
		} else {
			h.WriteByte(' ')
			moved.WriteString(p.Text)
			moved.WriteByte(' ')
		}
		last = p.End
	}
	h.WriteString(head[last:])
	if moved.Len() > 0 {
		body = strings.TrimSpace(body + "\n" + moved.String())
	}
	return h.String(), body
}

// TopicTags are a tldr page's tags but for the platform folder it is filed
// under (linux, common, osx): that says where the command runs (see
// PagePlatform), not what it is about, and a question saying "Linux" must
// not find every page of the linux folder.
func TopicTags(tags []string) []string {
	var out []string
	for _, t := range tags {
		if !IsPlatform(t) {
			out = append(out, t)
		}
	}
	return out
}

// PagePlatform is the platform a tldr page with these tags is filed under
// ("" for common pages).
func PagePlatform(tags []string) string {
	for _, t := range tags {
		if t != "common" && IsPlatform(t) {
			if t == "macos" {
				return "osx"
			}
			return t
		}
	}
	return ""
}

// anglePlaceholder is a cheat sheet's or navi cheat's value to fill in:
// <file>, <branch-name>. navi reads "\<" as a literal bracket.
var anglePlaceholder = regexp.MustCompile(`<\w[\w-]*>`)

// AnglePlaceholdersOut moves the words of a cheat or navi command's
// <placeholders> from its head to its body, as ValuePlaceholdersOut does
// for tldr's: "git push git@github.com:<username>/<repo>.git" is not a
// command about user names. It returns ok false when there are none.
func AnglePlaceholdersOut(head, body string) (string, string, bool) {
	ms := anglePlaceholder.FindAllStringIndex(head, -1)
	var h, moved strings.Builder
	last := 0
	for _, m := range ms {
		if m[0] > 0 && head[m[0]-1] == '\\' {
			continue
		}
		h.WriteString(head[last:m[0]])
		h.WriteByte(' ')
		moved.WriteString(head[m[0]+1 : m[1]-1])
		moved.WriteByte(' ')
		last = m[1]
	}
	if moved.Len() == 0 {
		return head, body, false
	}
	h.WriteString(head[last:])
	return h.String(), strings.TrimSpace(body + "\n" + moved.String()), true
}
