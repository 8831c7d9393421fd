package cheat

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/howcli/how/internal/testfiles"
)

// TestParseGolden parses every sheet in testdata/parse (files without an
// extension, as in a cheatpath) and compares with its .golden.
func TestParseGolden(t *testing.T) {
	ents, err := os.ReadDir(filepath.Join("testdata", "parse"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range ents {
		if filepath.Ext(e.Name()) != "" {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			in := filepath.Join("testdata", "parse", e.Name())
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			sheet, problems := Parse("cheats/"+e.Name(), "", data)
			out := struct {
				Sheet
				Problems []string
			}{Sheet: sheet}
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
	if n == 0 {
		t.Fatal("no inputs")
	}
}

// The conventions each fixture is there for, checked by name so that a
// golden file regenerated carelessly cannot hide a regression.
func TestParseConventions(t *testing.T) {
	parse := func(name string) (Sheet, []Problem) {
		t.Helper()
		data, err := os.ReadFile(filepath.Join("testdata", "parse", name))
		if err != nil {
			t.Fatal(err)
		}
		return Parse(name, "", data)
	}
	find := func(s Sheet, prefix string) (string, string, int) {
		t.Helper()
		for _, sn := range s.Snippets {
			if strings.HasPrefix(sn.Command, prefix) {
				return sn.Command, sn.Description, sn.Line
			}
		}
		t.Fatalf("%s: no command starting %q in %+v", s.Title, prefix, s.Snippets)
		return "", "", 0
	}

	tar, probs := parse("tar")
	if len(probs) > 0 || tar.Syntax != "bash" || strings.Join(tar.Tags, ",") != "compression,archive" {
		t.Errorf("tar front matter: %+v %v", tar, probs)
	}
	// Alternatives under one comment: one snippet each, same description.
	if _, d, _ := find(tar, "tar -xzvf /path/to/foo.tar.gz"); d != "Extract a .tgz or .tar.gz archive" {
		t.Errorf("alternative's description %q", d)
	}
	// Two comment lines are one description.
	if _, d, _ := find(tar, "tar -rf"); d != "Append a new file to an old tar archive" {
		t.Errorf("two-line comment: %q", d)
	}
	if tar.Lines != 4 || tar.Blocks != 3 || len(tar.Snippets) != 4 {
		t.Errorf("tar counts: lines %d blocks %d snippets %d", tar.Lines, tar.Blocks, len(tar.Snippets))
	}

	sh, probs := parse("shell")
	if len(probs) > 0 {
		t.Errorf("shell problems: %v", probs)
	}
	for prefix, lines := range map[string]int{
		"for file in":    4, // a loop the shell parser finishes at "done"
		"cat <<'EOF2'":   4, // a heredoc, "#" line inside it included
		"docker run":     3, // backslash continuations
		"curl -d":        3, // a quote spanning lines
		"for f in *.log": 4, // an indented comment inside the loop
	} {
		if c, _, _ := find(sh, prefix); strings.Count(c, "\n")+1 != lines {
			t.Errorf("%q spans %d lines, want %d:\n%s", prefix, strings.Count(c, "\n")+1, lines, c)
		}
	}
	// "<file>" on one line must not glue the next line to it.
	if c, _, _ := find(sh, "cat <file>"); c != "cat <file>" {
		t.Errorf("docopt placeholder glued lines: %q", c)
	}
	if _, d, _ := find(sh, "ls -la"); d != "List everything, hidden files too" {
		t.Errorf("trailing comment as description: %q", d)
	}
	// A heading comment carries to the blocks below it that have none.
	if _, d, _ := find(sh, "gpg --list-secret-keys"); d != "Show keys" {
		t.Errorf("carried description: %q", d)
	}

	// In a sheet of another language, a quote is no reason to join lines.
	keys, _ := parse("keys")
	if c, _, _ := find(keys, `"ayy`); c != `"ayy` || len(keys.Snippets) != 3 || strings.Join(keys.Tags, ",") != "editor,vim: keys" {
		t.Errorf("vim sheet: %+v", keys)
	}

	// Broken front matter is one problem at its line, says nothing (its
	// syntax: bash is not taken), and the body is still read.
	broken, probs := parse("broken")
	if len(broken.Snippets) != 2 || len(probs) != 1 || probs[0].Line != 3 || broken.Syntax != "" {
		t.Errorf("broken: %+v %v", broken, probs)
	}
	// An unfinished command in a sheet that says it is shell is reported
	// and kept apart.
	if s, probs := Parse("x", "", []byte("---\nsyntax: bash\n---\n# To print an open quote:\necho \"never closed\necho next\n")); len(s.Snippets) != 2 || len(probs) != 1 || probs[0].Line != 5 {
		t.Errorf("unfinished: %+v %v", s.Snippets, probs)
	}
	unclosed, probs := parse("unclosed-front")
	if len(probs) != 1 || probs[0].Line != 1 || len(unclosed.Snippets) != 1 || unclosed.Snippets[0].Command != "ls -la" {
		t.Errorf("unclosed front matter: %+v %v", unclosed.Snippets, probs)
	}

	// Prose and program output are left out, counted; what reads as
	// prose but runs a program, and a key under a "# To" comment, stay.
	pr, _ := parse("prose")
	var cmds []string
	for _, sn := range pr.Snippets {
		cmds = append(cmds, sn.Command)
	}
	want := []string{"nmap -F 192.168.1.10", "nmap --version", "git remote add upstream https://example.org/repo.git",
		"git fetch upstream", "git merge upstream/main", "Ctrl-b d", "gpg --list-keys", "ip route get to 192.0.2.1"}
	if strings.Join(cmds, "\n") != strings.Join(want, "\n") {
		t.Errorf("prose sheet kept:\n%s\nwant:\n%s", strings.Join(cmds, "\n"), strings.Join(want, "\n"))
	}
	// "- Open: ...", "- Closed: ...", "Example output:" and the two lines
	// of output, "To list the keys you have", the rule.
	if pr.Skipped != 7 || pr.SkippedLines != 7 || pr.Lines != 8 {
		t.Errorf("prose sheet counts: lines %d, skipped %d (%d lines)", pr.Lines, pr.Skipped, pr.SkippedLines)
	}
	// Lines with their own comments are described by them; the comment
	// above heads a terse one and is kept as a tag.
	for prefix, desc := range map[string]string{
		"git remote add":  "Add the original repository",
		"git fetch":       "Keep a fork up to date: Get its branches",
		"gpg --list-keys": "List the keys you have", // the sentence above it
	} {
		if _, d, _ := find(pr, prefix); d != desc {
			t.Errorf("%s: description %q, want %q", prefix, d, desc)
		}
	}
	for _, sn := range pr.Snippets {
		if strings.HasPrefix(sn.Command, "git") && !slices.Contains(sn.Tags, "keep a fork up to date") ||
			sn.Command == "gpg --list-keys" && !slices.Contains(sn.Tags, "show keys") {
			t.Errorf("%s: tags %q", sn.Command, sn.Tags)
		}
	}
	// A sheet of editor keys is no shell, and only its sentence is prose;
	// a key and its meaning side by side are the command and what it does,
	// and so are a name and, after its prompt, the command it names.
	ed, _ := parse("editor")
	if len(ed.Snippets) != 6 || ed.Snippets[5].Command != "vi -R notes.txt" || ed.Snippets[5].Description != "Starting it: Read only" || ed.Skipped != 1 || ed.Snippets[0].Command != ":q!" ||
		ed.Snippets[3].Command != "gg" || ed.Snippets[3].Description != "First line of the file" ||
		ed.Snippets[1].Command != "h" || ed.Snippets[1].Description != "Movement: Left" {
		t.Errorf("editor keys: %+v, %d skipped", ed.Snippets, ed.Skipped)
	}

	crlf, _ := parse("crlf")
	if len(crlf.Snippets) != 2 || crlf.Snippets[1].Command != "date -u" || crlf.Snippets[1].Line != 5 {
		t.Errorf("CRLF: %+v", crlf.Snippets)
	}
}

func TestTitleAndTool(t *testing.T) {
	s, _ := Parse("/home/u/cheats/vim-plugins/vim-fzf", "vim-plugins/vim-fzf", []byte("# To find files:\n:Files\n"))
	if s.Title != "vim-plugins/vim-fzf" || s.Snippets[0].Tool != "vim-plugins/vim-fzf" || s.Snippets[0].Section != "vim-plugins/vim-fzf" ||
		s.Snippets[0].Source != "/home/u/cheats/vim-plugins/vim-fzf" {
		t.Errorf("nested sheet: %+v", s)
	}
	s, _ = Parse("/home/u/cheats/tar", "", []byte("tar xf x.tar\n"))
	if s.Title != "tar" {
		t.Errorf("title from the name: %q", s.Title)
	}
}

func TestDescribe(t *testing.T) {
	for in, want := range map[string]string{
		"# To follow the log:":        "Follow the log",
		"# to list files:":            "List files",
		"#Turn Limelight on":          "Turn Limelight on",
		"### Command Line Options:":   "Command Line Options",
		"# To":                        "To",
		"# Retrieve N-th exit status": "Retrieve N-th exit status",
		"#":                           "",
	} {
		if got := describe([]string{in}); got != want {
			t.Errorf("describe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEvidence(t *testing.T) {
	sheet := []byte("# To list files:\nls -la\n\n# To show the date:\ndate -u\n")
	markdownNote := []byte("# Deploy notes\n\nWe deploy on Tuesdays.\n\n## Steps\n\n1. Run the tests\n2. kubectl apply -f deploy.yaml\n")
	prose := []byte("# Meeting\nTalked with Bob about the deploy and the rollback plan.\nWe decided to keep the old cluster for a week.\n\n# Later\nkubectl rollout restart deploy/web\n")
	single := []byte("# copy\nrsync -a src/ dst/\n")
	front := []byte("---\ntags: [net]\n---\n# To ping:\nping -c 3 example.org\n")
	for _, c := range []struct {
		name            string
		data            []byte
		lenient, strict bool
	}{
		{"sheet", sheet, true, true},
		{"markdown note", markdownNote, false, false},
		{"prose note", prose, false, false},
		{"one described command", single, true, false},
		{"front matter", front, true, true},
		{"empty", nil, false, false},
	} {
		e := Examine(c.data)
		if e.Lenient() != c.lenient || e.Strict() != c.strict {
			t.Errorf("%s: %+v lenient %v strict %v, want %v %v", c.name, e, e.Lenient(), e.Strict(), c.lenient, c.strict)
		}
	}
}

// Parse must not depend on a trailing newline or a byte order mark.
func TestParseEdges(t *testing.T) {
	a, _ := Parse("x", "", []byte("# To a:\na\n"))
	b, _ := Parse("x", "", []byte("\ufeff# To a:\na"))
	if len(a.Snippets) != 1 || len(b.Snippets) != 1 || a.Snippets[0].Command != b.Snippets[0].Command {
		t.Errorf("%+v vs %+v", a.Snippets, b.Snippets)
	}
	if s, p := Parse("x", "", nil); len(s.Snippets) != 0 || len(p) != 0 {
		t.Errorf("empty: %+v %v", s, p)
	}
	if s, _ := Parse("x", "", bytes.Repeat([]byte("'\n"), 500)); s.Lines != 500 || len(s.Snippets) != 500 {
		t.Errorf("500 stray quotes: lines %d snippets %d", s.Lines, len(s.Snippets))
	}
}
