package navi

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/testfiles"
)

func TestParseGolden(t *testing.T) {
	inputs, _ := filepath.Glob(filepath.Join("testdata", "parse", "*.cheat*"))
	inputs = slices.DeleteFunc(inputs, func(s string) bool { return strings.HasSuffix(s, ".golden") })
	if len(inputs) == 0 {
		t.Fatal("no inputs")
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			f, problems := Parse(filepath.Base(in), data)
			out := struct {
				File
				Problems []string
			}{File: f}
			for _, p := range problems {
				out.Problems = append(out.Problems, p.String())
			}
			js, err := json.MarshalIndent(out, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			testfiles.Golden(t, in+".golden", string(js)+"\n")
		})
	}
}

func parse(t *testing.T, name string) (File, []Problem) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "parse", name))
	if err != nil {
		t.Fatal(err)
	}
	return Parse(name, data)
}

func find(t *testing.T, f File, desc string) snippet.Snippet {
	t.Helper()
	for _, s := range f.Snippets {
		if s.Description == desc {
			return s
		}
	}
	t.Fatalf("no item %q in %+v", desc, f.Snippets)
	return snippet.Snippet{}
}

func TestGrammar(t *testing.T) {
	f, problems := parse(t, "git.cheat")
	if len(problems) != 0 {
		t.Errorf("problems: %v", problems)
	}
	// Tags, tool, section.
	s := find(t, f, "Create a branch")
	if !slices.Equal(s.Tags, []string{"git", "code"}) || s.Tool != "git" || s.Section != "git, code" || s.Line != 6 {
		t.Errorf("item: %+v", s)
	}
	// Consecutive lines are one command; a blank line inside is kept and
	// trailing ones are not.
	if s := find(t, f, "Rebase on upstream (several lines are one command)"); s.Command != "git fetch <remote_name>\ngit rebase <remote_name>/<branch>" {
		t.Errorf("multi-line: %q", s.Command)
	}
	if s := find(t, f, "Show a commit, blank line kept inside"); s.Command != "git show <commit> \\\n  --stat\n\ngit log -1 <commit>" {
		t.Errorf("blank inside: %q", s.Command)
	}
	// The same item twice is shown once.
	n := 0
	for _, s := range f.Snippets {
		if s.Description == "Create a branch" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("duplicate item kept %d times", n)
	}
	// "$" lines, with options and a continued line, stored per snippet.
	vars := f.Vars[find(t, f, "Show a commit, blank line kept inside").Line]
	if len(vars) != 1 || vars[0].Name != "commit" || vars[0].Command != "git log --oneline     --max-count 50" ||
		vars[0].Options != "--column 1 --delimiter '\\s+'" {
		t.Errorf("commit var: %+v", vars)
	}
	if vars := f.Vars[find(t, f, "Rebase on upstream (several lines are one command)").Line]; len(vars) != 2 ||
		vars[0].Name != "remote_name" || vars[1].Name != "branch" {
		t.Errorf("rebase vars: %+v", vars)
	}
	// A later group with the same tags shares them; "@" reaches another
	// group's.
	if vars := f.Vars[find(t, f, "Push the current branch (same tags: shares the $ lines above)").Line]; len(vars) != 1 || vars[0].Name != "remote_name" {
		t.Errorf("shared vars: %+v", vars)
	}
	docker := find(t, f, "Build an image of the current commit (uses git's $ lines through @)")
	if docker.Tool != "docker" || !slices.Equal(docker.Tags, []string{"docker"}) {
		t.Errorf("docker: %+v", docker)
	}
	if vars := f.Vars[docker.Line]; len(vars) != 1 || vars[0].Name != "commit" {
		t.Errorf("extended vars: %+v", vars)
	}
	// A "$" line without a colon is a command line.
	if s := find(t, f, "Run a script from $HOME, a \"$\" line without a colon"); s.Command != "$HOME/bin/deploy <env-name> \\<not-a-var>" || s.Tool != "" && s.Tool != "docker" {
		t.Errorf("$HOME line: %+v", s)
	}
	if f.Lines != 11 {
		t.Errorf("lines = %d", f.Lines)
	}
	var groups []string
	for _, g := range f.Groups {
		groups = append(groups, g.TagLine+"@"+strings.Join(g.Extends, "|"))
	}
	if !slices.Equal(groups, []string{"git, code@", "git, code@", "docker@git, code"}) {
		t.Errorf("groups: %q", groups)
	}
}

func TestMalformed(t *testing.T) {
	f, problems := parse(t, "broken.cheat")
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.String())
		if strings.ContainsAny(p.Msg, "\n\r") {
			t.Errorf("problem spans lines: %q", p.Msg)
		}
	}
	want := []string{
		`line 1: command has no "#" description above it; navi skips it`,
		`line 4: "@" names no tags to extend`,
		`line 5: empty "#" description; navi skips its command`,
		`line 9: "bad name" is not a variable name`,
		`line 10: variable "empty" has no command`,
		`line 11: options after "---" have an unclosed quote`,
		`line 12: "true" after "---" is not an option; navi rejects this line`,
	}
	if !slices.Equal(msgs, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	// The rest is read: "#Described" (no space) is a description too.
	if len(f.Snippets) != 1 || f.Snippets[0].Command != "uname -a" || f.Snippets[0].Description != "Described without a space" {
		t.Errorf("snippets: %+v", f.Snippets)
	}
}

func TestFences(t *testing.T) {
	f, problems := parse(t, "fenced.cheat.md")
	if len(problems) != 1 || problems[0].Msg != "code fence is not closed" {
		t.Errorf("problems: %v", problems)
	}
	// Inside a fence a "$" line is command text.
	if s := find(t, f, "Print a variable"); s.Command != "$ echo \"$HOME\"\necho <greeting>" {
		t.Errorf("fenced: %q", s.Command)
	}
	if vars := f.Vars[find(t, f, "Print a variable").Line]; len(vars) != 1 || vars[0].Name != "greeting" {
		t.Errorf("vars: %+v", vars)
	}
	// But "#" still starts an item, as in navi.
	find(t, f, "List hidden files too")
	if s := find(t, f, "Inside a fence, a \"#\" line still starts an item"); s.Command != "ls" {
		t.Errorf("before the #: %q", s.Command)
	}
	find(t, f, "Unclosed fence")
}

func TestPlaceholders(t *testing.T) {
	got := Placeholders(`git push <remote> <branch>:<branch> \<literal> <a-b_c> < spaced > <>`)
	if !slices.Equal(got, []string{"remote", "branch", "a-b_c"}) {
		t.Errorf("Placeholders = %q", got)
	}
}

func TestToolOf(t *testing.T) {
	for in, want := range map[string]string{
		"sudo -u root systemctl restart x": "systemctl",
		"env A=1 B=2 make":                 "make",
		"FOO=bar ./bin/run":                "run",
		"<cmd> --help":                     "",
		"for f in *; do":                   "",
		"(cd x && make)":                   "cd",
		"":                                 "",
	} {
		if got := toolOf(in); got != want {
			t.Errorf("toolOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNames(t *testing.T) {
	for name, want := range map[string]bool{"git.cheat": true, "x.cheat.md": true, "X.CHEAT": true, "cheat": false, "notes.md": false} {
		if IsCheat(name) != want {
			t.Errorf("IsCheat(%q) = %v", name, !want)
		}
	}
	if Title("a/b/git.cheat.md") != "git" || Title("docker.cheat") != "docker" {
		t.Error("Title")
	}
}

// An item whose "command" is a sentence is the author's note: left out and
// counted, as the extractor would leave it out of a note. A command the
// shell cannot read (another program's, a key) is still an item.
func TestProseItem(t *testing.T) {
	f, _ := Parse("notes.cheat", []byte(`% ssh

# Copy a key to a host
ssh-copy-id <user>@<host>

# Remember
This only works when password logins are still allowed on the host.

# Close a stuck session
~.
`))
	var cmds []string
	for _, s := range f.Snippets {
		cmds = append(cmds, s.Command)
	}
	if !slices.Equal(cmds, []string{"ssh-copy-id <user>@<host>", "~."}) || f.Skipped != 1 || f.SkippedLines != 1 || f.Lines != 2 {
		t.Errorf("items %q, lines %d, skipped %d (%d lines)", cmds, f.Lines, f.Skipped, f.SkippedLines)
	}
}

// TestPlaceholdersLinear: a line a source makes long (200,000 distinct
// placeholders) is read in linear time. Looking each name up in the list
// of those seen took a minute; linear takes a fraction of a second. The
// bound is a hang detector far above that, not a budget.
func TestPlaceholdersLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString("cmd")
	for i := range 200000 {
		fmt.Fprintf(&b, " <p%d>", i)
	}
	done := make(chan int, 1)
	go func() { done <- len(Placeholders(b.String())) }()
	select {
	case n := <-done:
		if n != 200000 {
			t.Errorf("%d placeholders", n)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("200,000 placeholders: not read in 20 s; quadratic?")
	}
}
