//go:build linux

package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/howcli/how/internal/ptytest"
)

// ptyRun starts how with a new pseudo-terminal for its controlling
// terminal and its stdin, stdout and stderr; with pipes, as a shell widget
// runs it, stdin and stdout are not the terminal, which is then only its
// controlling terminal (and stderr).
func ptyRun(t *testing.T, cmd *exec.Cmd, pipes bool) *ptytest.Proc {
	t.Helper()
	var streams func(*os.File)
	if pipes {
		streams = func(tty *os.File) {
			cmd.Stdin = strings.NewReader("")
			cmd.Stdout = &strings.Builder{}
			cmd.Stderr = tty
		}
	}
	return ptytest.Start(t, cmd, streams)
}

// TestAddInteractive: how add on a terminal with no arguments asks for
// the command, its description and tags, and saves them.
func TestAddInteractive(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	s := newSandbox(t)
	data := filepath.Join(s.root, "data")
	s.setenv("HOW_DATA_DIR", data)
	p := ptyRun(t, s.command("add"), false)
	p.WaitFor(t, "Command: ")
	p.Keys(t, "git log --oneline --graph\r")
	p.WaitFor(t, "Description: ")
	// Line editing works: a typo, rubbed out.
	p.Keys(t, "Show the historyy\x7f as a graph\r")
	p.WaitFor(t, "Tags (optional, comma-separated): ")
	p.Keys(t, "git, history\r")
	p.WaitFor(t, "saved to ")
	if code := p.Wait(t); code != 0 {
		t.Fatalf("exit %d; terminal: %q", code, p.Text())
	}
	text, err := os.ReadFile(filepath.Join(data, "personal.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), "- Show the history as a graph:\n\n`git log --oneline --graph`\n<!-- how tags=\"git,history\" tool=\"git\" -->\n") {
		t.Errorf("sheet:\n%s", text)
	}
}

// TestAddFromWidget: the widget's contract. The command is the argument,
// as the line editor holds it; the description and tags are asked on the
// controlling terminal (stdin and stdout are pipes); nothing is printed on
// stdout; exit 0 when saved, 130 when cancelled, with nothing written.
func TestAddFromWidget(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	s := newSandbox(t)
	data := filepath.Join(s.root, "data")
	s.setenv("HOW_DATA_DIR", data)
	sheet := filepath.Join(data, "personal.md")

	cmd := s.command("add", "--from-widget", "--", "ls -la | head -n 3")
	p := ptyRun(t, cmd, true)
	p.WaitFor(t, "Description: ")
	p.Keys(t, "First files\r")
	p.WaitFor(t, "Tags (optional, comma-separated): ")
	p.Keys(t, "\r")
	p.WaitFor(t, "how: saved to "+sheet+":8\r")
	if code := p.Wait(t); code != 0 {
		t.Fatalf("exit %d; terminal: %q", code, p.Text())
	}
	if out := cmd.Stdout.(*strings.Builder).String(); out != "" {
		t.Errorf("stdout %q; the widget reads it, so it must stay empty", out)
	}
	if !strings.HasPrefix(strings.TrimLeft(p.Text(), "\r"), "\n") {
		t.Errorf("the questions do not start below the shell's line: %q", p.Text())
	}
	before, _ := os.ReadFile(sheet)
	if !strings.Contains(string(before), "`ls -la | head -n 3`") {
		t.Fatalf("sheet:\n%s", before)
	}

	// Answers typed ahead in one burst (pasted) each reach their
	// question.
	cmd = s.command("add", "--from-widget", "--", "du -sh *")
	p = ptyRun(t, cmd, true)
	p.WaitFor(t, "Description: ")
	p.Keys(t, "Sizes here\rdisk, du\r")
	p.WaitFor(t, "how: saved to ")
	if code := p.Wait(t); code != 0 {
		t.Fatalf("typed ahead: exit %d; terminal: %q", code, p.Text())
	}
	before, _ = os.ReadFile(sheet)
	if want := "- Sizes here:\n\n`du -sh *`\n<!-- how tags=\"disk,du\" tool=\"du\" -->\n"; !strings.Contains(string(before), want) {
		t.Fatalf("typed ahead: no %q in the sheet:\n%s", want, before)
	}

	// Cancelled: Ctrl-C at the description, Esc, and Esc at the tags
	// typed with the Enter that answered the description: each exits
	// 130 and writes nothing.
	for _, key := range []string{"\x03", "\x1b", "\r\x1b"} {
		cmd = s.command("add", "--from-widget", "--", "rm -rf build/")
		p = ptyRun(t, cmd, true)
		p.WaitFor(t, "Description: ")
		p.Keys(t, key)
		if code := p.Wait(t); code != 130 {
			t.Errorf("key %q: exit %d, want 130; terminal %q", key, code, p.Text())
		}
		after, _ := os.ReadFile(sheet)
		if string(after) != string(before) {
			t.Errorf("key %q: the sheet changed:\n%s", key, after)
		}
	}
}

// TestDiscoverAsksOnTerminal: how sources --discover on a terminal offers
// each collection found on /dev/tty, and appends the accepted ones to
// config.toml, keeping what it held.
func TestDiscoverAsksOnTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	s := newSandbox(t)
	write := func(name, text string) {
		p := filepath.Join(s.root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("home/.cache/tealdeer/tldr-pages/pages/common/tar.md", "# tar\n\n> Archive.\n\n- Extract:\n\n`tar xf {{file}}`\n")
	write("home/.local/share/navi/cheats/me__cheats/git.cheat", "% git\n\n# Status\ngit status\n")
	write("config/config.toml", "# mine\nlimit = 3\n")
	p := ptyRun(t, s.command("sources", "--discover"), false)
	p.WaitFor(t, "tealdeer's tldr pages cache  ~/.cache/tealdeer/tldr-pages\r\n    tldr, 1 file, no tags  new\r\n")
	p.WaitFor(t, "Add tealdeer's tldr pages cache (~/.cache/tealdeer/tldr-pages) to config.toml? [y/N] ")
	p.Keys(t, "y\r")
	p.WaitFor(t, "Add navi's cheats (~/.local/share/navi/cheats) to config.toml? [y/N] ")
	p.Keys(t, "n\r")
	p.WaitFor(t, "how: added 1 source to ")
	if code := p.Wait(t); code != 0 {
		t.Fatalf("exit %d; terminal: %q", code, p.Text())
	}
	got, _ := os.ReadFile(filepath.Join(s.root, "config", "config.toml"))
	if !strings.HasPrefix(string(got), "# mine\nlimit = 3\n\n# Added by how sources --discover on ") ||
		!strings.HasSuffix(string(got), "\n# tealdeer's tldr pages cache\n[[source]]\npath = '~/.cache/tealdeer/tldr-pages'\nformat = 'tldr'\n") {
		t.Errorf("config.toml:\n%s", got)
	}
}
