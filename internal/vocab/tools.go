package vocab

import (
	_ "embed"
	"path"
	"strings"
	"sync"
)

//go:embed tools.txt
var toolsTxt string

var toolsOnce = sync.OnceValue(func() map[string]string {
	return parseTools(toolsTxt)
})

// parseTools reads tools.txt: "key[, key...]: words" per line, keys lower
// case with their words separated by single spaces. A key given twice keeps
// both texts.
func parseTools(text string) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		keys, words, ok := strings.Cut(line, ": ")
		words = strings.TrimSpace(words)
		if !ok || words == "" {
			continue
		}
		for _, k := range strings.Split(keys, ",") {
			k = strings.ToLower(strings.Join(strings.Fields(k), " "))
			if k == "" {
				continue
			}
			if old, dup := m[k]; dup {
				words = old + " " + words
			}
			m[k] = words
		}
	}
	return m
}

// maxSubcommandWords bounds how deep a subcommand key goes: "docker compose
// logs", "kubectl rollout undo".
const maxSubcommandWords = 2

// maxSubcommandScan bounds how many words after the program are looked at.
const maxSubcommandScan = 6

// ToolEntries returns the tool list every index is built with: the words
// for what each program, or program and subcommand ("docker logs"), does.
// The map is shared: callers must not modify it.
func ToolEntries() map[string]string { return toolsOnce() }

// Tools is a tool list with the programs it knows subcommands of.
type Tools struct {
	known map[string]string
	sub   map[string]bool
}

// NewTools reads a tool list given as ToolEntries gives it.
func NewTools(known map[string]string) Tools {
	l := Tools{known: known, sub: map[string]bool{}}
	for k := range known {
		if t, _, ok := strings.Cut(k, " "); ok {
			l.sub[t] = true
		}
	}
	return l
}

var defaultTools = sync.OnceValue(func() Tools { return NewTools(toolsOnce()) })

// DefaultTools is NewTools(ToolEntries()), made once.
func DefaultTools() Tools { return defaultTools() }

// About returns what the tool knowledge list says about a command: the
// program's entry and, when the command uses a subcommand the list knows
// ("docker logs", "kubectl rollout undo"), that entry too. head is the
// command's head (see vocab.SplitCommand); tool the program it runs.
func About(tool, head string) string { return defaultTools().About(tool, head) }

// About is the package's About with this list.
func (l Tools) About(tool, head string) string {
	known := l.known
	t := strings.ToLower(strings.TrimSpace(tool))
	if t == "" {
		return ""
	}
	about := known[t]
	if sub := subcommandKey(known, t, head); sub != "" {
		about = strings.TrimSpace(about + " " + known[sub])
	}
	return about
}

// subcommandKey finds the longest "tool word [word]" key the command uses.
// A subcommand is a word after the program that is not a flag; a word that
// follows a flag which may take a value (`kubectl -n prod get pods`,
// `docker compose --profile dev up`) is skipped when it is not one.
func subcommandKey(known map[string]string, tool, head string) string {
	fields := strings.Fields(head)
	start := -1
	for i, f := range fields {
		if strings.ToLower(path.Base(strings.Trim(f, `"'`))) == tool {
			start = i + 1
			break
		}
	}
	if start < 0 {
		return ""
	}
	key, depth, seen := tool, 0, 0
	afterFlag := false
	for _, f := range fields[start:] {
		if depth == maxSubcommandWords || seen == maxSubcommandScan || strings.ContainsAny(f[:1], "|;&<>()`$#") {
			break
		}
		seen++
		if f[0] == '-' {
			afterFlag = !strings.Contains(f, "=")
			continue
		}
		w := strings.ToLower(strings.Trim(f, `"'`))
		if k := key + " " + w; known[k] != "" {
			key, depth = k, depth+1
		} else if !afterFlag {
			break
		}
		afterFlag = false
	}
	if depth == 0 {
		return ""
	}
	return key
}

// Familiar reports whether a command runs a program the tool list knows,
// and, for a program with subcommands in the list (git, docker, kubectl),
// one of those subcommands. Familiar commands are what most people mean:
// `git revert`, not a plugin's `git undo`; `df`, not a rarely installed
// disk utility that happens to share the words.
func (l Tools) Familiar(tool, head string) bool {
	t := strings.ToLower(strings.TrimSpace(tool))
	if _, ok := l.known[t]; !ok {
		return false
	}
	if !l.sub[t] {
		return true
	}
	return subcommandKey(l.known, t, head) != ""
}

// Lists reports whether the list has an entry for program (lower case),
// if not for the subcommand a command of it runs.
func (l Tools) Lists(program string) bool { return l.known[program] != "" }

// hasSubcommands reports whether the list knows subcommands of tool.
func hasSubcommands(_ map[string]string, tool string) bool { return defaultTools().sub[tool] }
