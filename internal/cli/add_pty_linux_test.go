//go:build linux

package cli_test

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/howcli/how/internal/ptytest"
)

// screen is what a terminal emulator shows of a pseudo-terminal: all the
// program wrote to it, read as it comes.
type screen struct {
	mu   sync.Mutex
	text strings.Builder
	done chan struct{}
}

func readScreen(master *os.File) *screen {
	sc := &screen{done: make(chan struct{})}
	go func() {
		defer close(sc.done)
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			sc.mu.Lock()
			sc.text.Write(buf[:n])
			sc.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return sc
}

// String is what the terminal shows, colours left out.
func (sc *screen) String() string {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return sgr.ReplaceAllString(sc.text.String(), "")
}

// waitFor waits until the terminal shows want (after what it showed
// before from), and returns where it ends.
func (sc *screen) waitFor(t *testing.T, want string, from int) int {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		s := sc.String()
		if i := strings.Index(s[min(from, len(s)):], want); i >= 0 {
			return from + i + len(want)
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the terminal never showed %q; it shows %q", want, sc.String())
	return 0
}

// ptyRun starts how on a new pseudo-terminal (its controlling terminal,
// and its stdin, stdout and stderr unless the caller set them) and
// returns the terminal's master side, what it shows, and a wait function
// that returns the exit status.
func ptyRun(t *testing.T, cmd *exec.Cmd, pipes bool) (*os.File, *screen, func() int) {
	t.Helper()
	master, slave, err := ptytest.Open()
	if err != nil {
		t.Skip("no pseudo-terminal:", err)
	}
	t.Cleanup(func() { master.Close() })
	ptytest.SetSize(slave, 24, 100)
	ptytest.Attach(cmd, slave)
	if pipes {
		// As a shell widget runs it: stdin and stdout are not the
		// terminal, which is only its controlling terminal (and stderr).
		cmd.Stdin = strings.NewReader("")
		cmd.Stdout = &strings.Builder{}
		cmd.ExtraFiles = []*os.File{slave}
		cmd.SysProcAttr.Ctty = 3
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	sc := readScreen(master)
	timer := time.AfterFunc(60*time.Second, func() { _ = cmd.Process.Kill() })
	return master, sc, func() int {
		defer timer.Stop()
		err := cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	}
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
	master, sc, wait := ptyRun(t, s.command("add"), false)
	at := sc.waitFor(t, "Command: ", 0)
	io.WriteString(master, "git log --oneline --graph\r")
	at = sc.waitFor(t, "Description: ", at)
	// Line editing works: a typo, rubbed out.
	io.WriteString(master, "Show the historyy\x7f as a graph\r")
	at = sc.waitFor(t, "Tags (optional, comma-separated): ", at)
	io.WriteString(master, "git, history\r")
	sc.waitFor(t, "saved to ", at)
	if code := wait(); code != 0 {
		t.Fatalf("exit %d; terminal: %q", code, sc.String())
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
	master, sc, wait := ptyRun(t, cmd, true)
	at := sc.waitFor(t, "Description: ", 0)
	io.WriteString(master, "First files\r")
	at = sc.waitFor(t, "Tags (optional, comma-separated): ", at)
	io.WriteString(master, "\r")
	sc.waitFor(t, "how: saved to "+sheet+":8\r", at)
	if code := wait(); code != 0 {
		t.Fatalf("exit %d; terminal: %q", code, sc.String())
	}
	if out := cmd.Stdout.(*strings.Builder).String(); out != "" {
		t.Errorf("stdout %q; the widget reads it, so it must stay empty", out)
	}
	if !strings.HasPrefix(strings.TrimLeft(sc.String(), "\r"), "\n") {
		t.Errorf("the questions do not start below the shell's line: %q", sc.String())
	}
	before, _ := os.ReadFile(sheet)
	if !strings.Contains(string(before), "`ls -la | head -n 3`") {
		t.Fatalf("sheet:\n%s", before)
	}

	// Cancelled: Ctrl-C at the description, and Esc, each exit 130 and
	// write nothing.
	for _, key := range []string{"\x03", "\x1b"} {
		cmd = s.command("add", "--from-widget", "--", "rm -rf build/")
		master, sc, wait = ptyRun(t, cmd, true)
		sc.waitFor(t, "Description: ", 0)
		io.WriteString(master, key)
		if code := wait(); code != 130 {
			t.Errorf("key %q: exit %d, want 130; terminal %q", key, code, sc.String())
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
	master, sc, wait := ptyRun(t, s.command("sources", "--discover"), false)
	at := sc.waitFor(t, "tealdeer's tldr pages cache  ~/.cache/tealdeer/tldr-pages\r\n    tldr, 1 file, no tags  new\r\n", 0)
	at = sc.waitFor(t, "Add tealdeer's tldr pages cache (~/.cache/tealdeer/tldr-pages) to config.toml? [y/N] ", at)
	io.WriteString(master, "y\r")
	at = sc.waitFor(t, "Add navi's cheats (~/.local/share/navi/cheats) to config.toml? [y/N] ", at)
	io.WriteString(master, "n\r")
	sc.waitFor(t, "how: added 1 source to ", at)
	if code := wait(); code != 0 {
		t.Fatalf("exit %d; terminal: %q", code, sc.String())
	}
	got, _ := os.ReadFile(filepath.Join(s.root, "config", "config.toml"))
	if !strings.HasPrefix(string(got), "# mine\nlimit = 3\n\n# Added by how sources --discover on ") ||
		!strings.HasSuffix(string(got), "\n# tealdeer's tldr pages cache\n[[source]]\npath = '~/.cache/tealdeer/tldr-pages'\nformat = 'tldr'\n") {
		t.Errorf("config.toml:\n%s", got)
	}
}
