package edit

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/search"
	"github.com/howcli/how/internal/snippet"
)

func TestFindEditor(t *testing.T) {
	for _, c := range []struct {
		visual, editor string
		line           int
		want           []string
		atLine         bool
	}{
		{"", "vim", 12, []string{"vim", "+12", "--", "/n/f.md"}, true},
		{"nvim", "code", 3, []string{"nvim", "+3", "--", "/n/f.md"}, true},
		{"", "/usr/bin/nano", 3, []string{"/usr/bin/nano", "+3", "--", "/n/f.md"}, true},
		{"", "emacsclient -t", 3, []string{"emacsclient", "-t", "+3", "/n/f.md"}, true},
		{"", "micro", 3, []string{"micro", "+3", "/n/f.md"}, true},
		{"", "hx", 3, []string{"hx", "/n/f.md:3"}, true},
		{"", "code --wait", 3, []string{"code", "--wait", "-g", "--", "/n/f.md:3"}, true},
		{"", "subl -w", 3, []string{"subl", "-w", "/n/f.md:3"}, true},
		{"", "kate", 3, []string{"kate", "-l", "3", "/n/f.md"}, true},
		{"", "'/opt/my editor/ed' --flag", 3, []string{"/opt/my editor/ed", "--flag", "/n/f.md"}, false},
		{"", "vim", 0, []string{"vim", "--", "/n/f.md"}, false},
	} {
		env := map[string]string{"VISUAL": c.visual, "EDITOR": c.editor}
		ed, err := FindEditor(func(k string) string { return env[k] }, "/n/f.md", c.line)
		if err != nil {
			t.Errorf("%q/%q: %v", c.visual, c.editor, err)
			continue
		}
		if got := append([]string{ed.Name}, ed.Args...); !slices.Equal(got, c.want) || ed.AtLine != c.atLine {
			t.Errorf("%q/%q line %d: %q (at line %v), want %q (%v)", c.visual, c.editor, c.line, got, ed.AtLine, c.want, c.atLine)
		}
	}
	// A file named like an option goes to the editor absolute, after --
	// where the editor takes it: vi would run "-c!cmd" and "+!cmd".
	wd, _ := os.Getwd()
	for _, name := range []string{"-c!touch PWNED", "+!touch PWNED"} {
		ed, err := FindEditor(func(k string) string { return map[string]string{"EDITOR": "vim"}[k] }, name, 2)
		if want := []string{"+2", "--", filepath.Join(wd, name)}; err != nil || !slices.Equal(ed.Args, want) {
			t.Errorf("%q: %q %v, want %q", name, ed.Args, err, want)
		}
	}
	// Windows paths keep their backslashes, and quotes group words.
	windows = true
	for value, want := range map[string][]string{
		`C:\Tools\Code.exe --wait`:                 {`C:\Tools\Code.exe`, "--wait", "-g", "--", "/n/f.md:3"},
		`"C:\Program Files\Vim\vim91\gvim.exe" -f`: {`C:\Program Files\Vim\vim91\gvim.exe`, "-f", "+3", "--", "/n/f.md"},
		`notepad`: {"notepad", "/n/f.md"},
	} {
		ed, err := FindEditor(func(k string) string { return map[string]string{"EDITOR": value}[k] }, "/n/f.md", 3)
		if got := append([]string{ed.Name}, ed.Args...); err != nil || !slices.Equal(got, want) {
			t.Errorf("Windows %s: %q %v, want %q", value, got, err, want)
		}
	}
	windows = false
	if _, err := FindEditor(func(string) string { return " " }, "f", 1); !errors.Is(err, ErrNoEditor) {
		t.Errorf("no editor: %v", err)
	}
	if _, err := FindEditor(func(k string) string { return map[string]string{"EDITOR": "vim 'unclosed"}[k] }, "f", 1); err == nil || !strings.Contains(err.Error(), "EDITOR is not a command") {
		t.Errorf("bad EDITOR: %v", err)
	}
}

func TestEditRun(t *testing.T) {
	dir := t.TempDir()
	note := filepath.Join(dir, "notes.md")
	os.WriteFile(note, []byte("# x\n\n```\ndf -h\n```\n"), 0o644)
	results := []search.Result{
		{Snippet: snippet.Snippet{Command: "df -h", Source: note, Line: 4, Origin: snippet.OriginNotes}},
		{Snippet: snippet.Snippet{Command: "journalctl -f", Description: "Follow it's log", Tool: "journalctl", Source: "bundled:journalctl.md", Line: 9, Origin: snippet.OriginBundled}},
		{Snippet: snippet.Snippet{Command: "gone", Source: filepath.Join(dir, "gone.md"), Line: 1, Origin: snippet.OriginNotes}},
		// A bundled command the user saved a copy of, as how edit
		// advises: the copy is opened.
		{Snippet: snippet.Snippet{Command: "df -h", Source: "bundled:df.md", Line: 7, Origin: snippet.OriginBundled},
			Also: []snippet.Snippet{{Command: "df -h", Source: "/x/tldr/df.md", Line: 3, Origin: snippet.OriginTldr}, {Command: "df -h", Source: note, Line: 4, Origin: snippet.OriginPersonal}}},
	}
	run := func(words []string, nth int) (Editor, bool, error) {
		ios, _, _, _ := iostreams.Test()
		var ran Editor
		changed := false
		err := editRun(context.Background(), &Options{IO: ios, Words: words, Nth: nth,
			Search: func(_ context.Context, q search.Query) ([]search.Result, []string, error) {
				return results[:min(q.Limit, len(results))], nil, nil
			},
			Personal: func() (string, error) { return filepath.Join(dir, "data", "personal.md"), nil },
			Getenv:   func(k string) string { return map[string]string{"EDITOR": "vim"}[k] },
			Run:      func(ed Editor) error { ran = ed; return nil },
			Changed:  func() { changed = true },
		})
		return ran, changed, err
	}
	ed, changed, err := run([]string{"disk"}, 1)
	if err != nil || !slices.Equal(ed.Args, []string{"+4", "--", note}) || !changed {
		t.Errorf("best: %+v changed %v err %v", ed, changed, err)
	}
	_, _, err = run([]string{"journal"}, 2)
	if err == nil || !strings.Contains(err.Error(), "`journalctl -f` is in bundled:journalctl.md, a sheet built into how: there is no file to open (how show journalctl prints it); ") ||
		!strings.Contains(err.Error(), `how add -d "Follow it's log" -- 'journalctl -f'`) {
		t.Errorf("bundled: %v", err)
	}
	if _, _, err = run([]string{"gone"}, 3); err == nil || !strings.Contains(err.Error(), "gone.md: no such file") {
		t.Errorf("gone: %v", err)
	}
	if ed, _, err = run([]string{"df"}, 4); err != nil || !slices.Equal(ed.Args, []string{"+4", "--", note}) {
		t.Errorf("a bundled command with a copy of the user's: %+v %v", ed, err)
	}
	var nm *cmdutil.NoMatchError
	if _, _, err = run([]string{"x"}, 9); !errors.As(err, &nm) || !strings.Contains(nm.Hint, "only 4 results") || !strings.Contains(nm.Hint, "no 9th") {
		t.Errorf("beyond: %v", err)
	}
	// No query: the personal sheet, created with its header when missing.
	ed, _, err = run(nil, 1)
	personal := filepath.Join(dir, "data", "personal.md")
	if data, rerr := os.ReadFile(personal); err != nil || rerr != nil || !strings.HasPrefix(string(data), "# personal\n") ||
		!slices.Equal(ed.Args, []string{"+4", "--", personal}) {
		t.Errorf("personal: %+v %v %v", ed, err, rerr)
	}
}
