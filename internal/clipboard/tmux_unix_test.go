//go:build unix

package clipboard

import (
	"bytes"
	"encoding/base64"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// tmuxServer starts a tmux server of the test's own, with settings conf
// (tmux commands, one a line) and a session whose pane waits, and returns
// how a program in that pane sees it (TMUX, TMUX_PANE) and a way to run
// tmux commands on it.
func tmuxServer(t *testing.T, conf string) (getenv func(string) string, run func(args ...string) (string, error)) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	// Short: a socket path must fit in 108 bytes.
	dir, err := os.MkdirTemp("", "howclip")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	sock := filepath.Join(dir, "s")
	confFile := filepath.Join(dir, "tmux.conf")
	if err := os.WriteFile(confFile, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	run = func(args ...string) (string, error) {
		cmd := exec.Command("tmux", append([]string{"-S", sock, "-f", confFile}, args...)...)
		cmd.Env = append(os.Environ(), "TMUX=")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run("new-session", "-d", "-s", "t", "-x", "80", "-y", "20", "cat"); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { run("kill-server") })
	pane, err := run("display-message", "-p", "-t", "t", "#{pane_id}")
	if err != nil {
		t.Fatalf("tmux display-message: %v\n%s", err, pane)
	}
	vars := map[string]string{
		"TMUX":      sock + ",1,0",
		"TMUX_PANE": strings.TrimSpace(pane),
		"PATH":      os.Getenv("PATH"),
	}
	return func(k string) string { return vars[k] }, run
}

// TestCopyTmux copies inside a real tmux server (no display, so no tool)
// and reads tmux's buffer back: tmux's settings decide the way, and the
// message says only what is known.
func TestCopyTmux(t *testing.T) {
	const text = "journalctl -u nginx -f | grep -i 'error: $HOME'"
	wrapped := "\x1bPtmux;\x1b\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)) + "\a\x1b\\"
	tests := []struct {
		name, conf string
		want       string // the delivery, as said
		buffer     bool   // tmux's buffer holds the text
		terminal   string // what reached the terminal
	}{
		// tmux 3.3's defaults: set-clipboard external, allow-passthrough
		// off, which drops the wrapped sequence.
		{name: "defaults", want: "copied into tmux's buffer (and sent to the terminal)", buffer: true},
		{name: "set-clipboard on", conf: "set -g set-clipboard on\n",
			want: "copied into tmux's buffer (and sent to the terminal)", buffer: true},
		{name: "set-clipboard off", conf: "set -g set-clipboard off\n",
			want: "copied into tmux's buffer only (tmux's set-clipboard is off)", buffer: true},
		{name: "passthrough only", conf: "set -g set-clipboard off\nset -g allow-passthrough on\n",
			want: "sent to the terminal (OSC 52, through tmux)", terminal: wrapped},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv, run := tmuxServer(t, tt.conf)
			var term bytes.Buffer
			ran := false
			got, err := Copy(text, Options{Getenv: getenv, Terminal: &term, Tool: func(string) error { ran = true; return errors.New("no display") }})
			if err != nil || got.String() != tt.want {
				t.Fatalf("Copy = %q, %v; want %q", got, err, tt.want)
			}
			buf, berr := run("show-buffer")
			switch {
			case tt.buffer && (berr != nil || buf != text):
				t.Errorf("tmux's buffer holds %q (%v), want %q", buf, berr, text)
			case !tt.buffer && berr == nil:
				t.Errorf("tmux's buffer holds %q, want none", buf)
			}
			if term.String() != tt.terminal {
				t.Errorf("the terminal got %q, want %q", term.String(), tt.terminal)
			}
			if ran {
				t.Error("the clipboard tool ran without a display")
			}
		})
	}
	// Remote, inside tmux: tmux first, never the remote machine's tool.
	getenv, run := tmuxServer(t, "")
	ran := false
	remote := func(k string) string {
		if k == "SSH_TTY" {
			return "/dev/pts/9"
		}
		return getenv(k)
	}
	got, err := Copy(text, Options{Getenv: remote, Terminal: &bytes.Buffer{}, Tool: func(string) error { ran = true; return nil }})
	if buf, _ := run("show-buffer"); err != nil || !got.Copied || ran || buf != text {
		t.Errorf("remote: %q, %v, tool ran %v, buffer %q", got, err, ran, buf)
	}
}

// TestCopyTmuxGone: a TMUX that names no server (a stale variable, a
// server since killed) leaves the wrapped sequence, said to be sent.
func TestCopyTmuxGone(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	var term bytes.Buffer
	getenv := env("TMUX", filepath.Join(t.TempDir(), "gone")+",1,0", "PATH", os.Getenv("PATH"))
	got, err := Copy("ls", Options{Getenv: getenv, Terminal: &term, Tool: func(string) error { return errors.New("no display") }})
	if err != nil || got.String() != "sent to the terminal (OSC 52, through tmux)" || term.String() != Sequence("ls", getenv) {
		t.Errorf("Copy = %q, %v; the terminal got %q", got, err, term.String())
	}
}
