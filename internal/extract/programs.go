package extract

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed programs.txt
var programsTxt string

// programs holds every program name we know of; the value says whether the
// name is also an everyday English word. It is built on first use: most
// runs of how only query the index and never extract.
var programs = knownPrograms{}

type knownPrograms struct {
	once sync.Once
	m    map[string]bool
}

// lookup returns whether name is a known program and whether it is also an
// English word.
func (k *knownPrograms) lookup(name string) (english, known bool) {
	k.once.Do(func() { k.m = loadPrograms() })
	english, known = k.m[name]
	return english, known
}

func loadPrograms() map[string]bool {
	m := make(map[string]bool, 7200)
	for _, l := range strings.Split(programsTxt, "\n") {
		if l == "" || l[0] == '#' {
			continue
		}
		name, english := strings.CutSuffix(l, " ~")
		m[name] = english
	}
	for _, b := range builtins {
		if _, ok := m[b]; !ok {
			m[b] = true
		}
	}
	return m
}

// builtins are shell builtins a note may show on their own line.
var builtins = []string{
	"alias", "bg", "bind", "builtin", "cd", "command", "declare", "dirs", "disown", "echo",
	"eval", "exec", "export", "fg", "hash", "history", "jobs", "kill", "popd", "printf",
	"pushd", "pwd", "read", "readonly", "set", "shopt", "source", "trap", "type", "typeset",
	"ulimit", "umask", "unalias", "unset", "wait",
}

// weakPrograms are real programs whose names also begin lines of code in other
// languages or of prose ("import os", "from x import y", "time is short"). A
// line starting with one needs flags or technical arguments to count.
var weakPrograms = set(
	"as", "at", "case", "do", "done", "else", "fi", "for", "from", "function", "if", "import",
	"in", "kind", "let", "local", "more", "note", "open", "print", "read", "return", "say",
	"see", "select", "set", "step", "test", "then", "time", "type", "until", "use", "view",
	"wait", "while", "write", "yes", "true", "false", "look", "link",
)

// controlBuiltins change a script's flow; on their own they are never worth
// finding again.
var controlBuiltins = set("exit", "return", "break", "continue", "shift", "true", "false", ":", "local", "then", "else", "fi", "do", "done", "esac")

// binDirs are the folders a project keeps its own programs in: a path
// starting with one runs a program (bin/import-users).
var binDirs = set("bin", "sbin", "scripts", "script", "tools", "tool", "hack", "ci", ".bin", "util", "utils",
	"dev", "contrib", "build", "target", "node_modules", "vendor", "out", "dist", "libexec", "devtools")

// scriptSettings set up the shell a script runs in ("set -euo pipefail",
// "trap cleanup EXIT"): part of the script, not commands of their own.
var scriptSettings = set("set", "trap", "shopt", "setopt", "emulate")

// feeders only feed the next command of a pipeline; the tool of
// "cat access.log | grep 404" is grep.
var feeders = set("cat", "echo", "printf", "zcat", "gunzip", "yes", "tac", "head")

// setup commands prepare for the one after "&&", which names the tool.
var setup = set("cd", "pushd", "source", ".", "export", "sleep")

// stopwords are English function words: several of them in a line's bare
// words mean prose, not a command.
var stopwords = set(
	"a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "to", "of", "in",
	"on", "for", "by", "with", "and", "or", "but", "not", "that", "this", "these", "those",
	"it", "its", "we", "our", "you", "your", "they", "their", "them", "us", "from", "as",
	"at", "if", "then", "so", "can", "will", "would", "should", "could", "may", "might",
	"has", "have", "had", "does", "did", "just", "also", "than", "very", "most", "any",
	"each", "every", "some", "there", "here", "what", "when", "which", "who", "how", "why",
	"about", "into", "like", "only", "such", "because", "while", "both", "i", "my", "me",
	"he", "she", "his", "her", "let's", "don't", "isn't", "it's", "via", "without", "whether",
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
