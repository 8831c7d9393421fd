package extract

import (
	"strings"
)

// Notes often explain the flags of the commands they show, in prose next
// to them: "The flags: -t = TCP, -u = UDP, -l = listening" or a bullet
// "`-o` - mount options". Those meanings are what a user searches for
// ("tcp connections with process"), so they travel with every command of
// the same section that uses the flag, as tags.

var (
	flagDefRe = lazy("(?:^|[\\s,;(•*])`?(--?[A-Za-z][A-Za-z0-9-]*)`?\\s*(?:=|:|—|–|\\s-)\\s+`?([A-Za-z][^,;=`]*)")
	flagUseRe = lazy(`(?:^|\s)(--?[A-Za-z][A-Za-z0-9-]*)`)
)

// glossary maps a flag to what the text says it means.
type glossary map[string]string

// flagMeanings reads the flag definitions in one line of prose.
func flagMeanings(line string, g glossary) {
	if !mayDefineFlag(line) {
		return
	}
	for _, m := range flagDefRe.FindAllStringSubmatchIndex(line, -1) {
		flag := line[m[2]:m[3]]
		meaning := line[m[4]:m[5]]
		// The meaning runs until the next definition or the end of the clause.
		if loc := flagDefRe.FindStringIndex(meaning); loc != nil && loc[0] > 0 {
			meaning = meaning[:loc[0]]
		}
		if i := strings.IndexAny(meaning, ".("); i > 0 {
			meaning = meaning[:i]
		}
		meaning = strings.ToLower(strings.TrimSpace(meaning))
		words := strings.Fields(meaning)
		if len(words) == 0 || len(words) > 5 || !informative(meaning) {
			continue
		}
		if _, seen := g[flag]; !seen {
			g[flag] = strings.Join(words, " ")
		}
	}
}

// mayDefineFlag reports whether line has a flag where flagDefRe looks
// for one: a dash and a letter at the start of a word. Most lines have
// none, and need no regexp.
func mayDefineFlag(line string) bool {
	for i := 0; i+1 < len(line); i++ {
		if line[i] != '-' || i > 0 && strings.IndexByte(" \t,;(*`-", line[i-1]) < 0 && line[i-1] < 0x80 {
			continue
		}
		if c := line[i+1]; isLetter(c) || c == '-' {
			return true
		}
	}
	return false
}

// flagTags returns the meanings of the flags a command uses, expanding
// short clusters (-tlnp is -t -l -n -p).
func flagTags(command string, g glossary) []string {
	if len(g) == 0 {
		return nil
	}
	first, _, _ := strings.Cut(command, "\n")
	var out []string
	add := func(flag string) {
		if m, ok := g[flag]; ok && !contains(out, m) {
			out = append(out, m)
		}
	}
	for _, m := range flagUseRe.FindAllStringSubmatch(first, -1) {
		flag := m[1]
		add(flag)
		if !strings.HasPrefix(flag, "--") && len(flag) > 2 && len(flag) <= 7 && isWord(flag[1:]) {
			for _, c := range flag[1:] {
				add("-" + string(c))
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
