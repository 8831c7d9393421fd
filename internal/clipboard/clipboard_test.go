package clipboard

import (
	"bytes"
	"encoding/base64"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/howcli/how/internal/xvfbtest"
)

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestSequence(t *testing.T) {
	b64 := base64.StdEncoding.EncodeToString([]byte("ls -la"))
	tests := []struct {
		name string
		env  func(string) string
		want string
	}{
		{"plain", env(), "\x1b]52;c;" + b64 + "\a"},
		{"tmux", env("TMUX", "/tmp/tmux-0/default,1,0"), "\x1bPtmux;\x1b\x1b]52;c;" + b64 + "\a\x1b\\"},
		{"screen", env("TERM", "screen-256color", "STY", "1.pts-0"), "\x1bP\x1b]52;c;" + b64 + "\a\x1b\\"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sequence("ls -la", tt.env); got != tt.want {
				t.Errorf("Sequence = %q, want %q", got, tt.want)
			}
		})
	}
}

// A failing tool on a local session falls back to OSC 52; a remote session
// goes to OSC 52 first and never runs the local tool.
func TestCopyFallbacks(t *testing.T) {
	var term bytes.Buffer
	ran := false
	broken := func(string) error { ran = true; return errors.New("Error: Can't open display") }
	got, err := Copy("df -h", Options{Getenv: env("PATH", os.Getenv("PATH")), Terminal: &term, Tool: broken})
	if err != nil || got != (Delivery{How: "to the terminal (OSC 52)"}) {
		t.Fatalf("local, broken tool: got %+v, %v; want OSC 52, sent", got, err)
	}
	if !strings.Contains(term.String(), base64.StdEncoding.EncodeToString([]byte("df -h"))) {
		t.Errorf("terminal got %q", term.String())
	}

	term.Reset()
	ran = false
	got, err = Copy("df -h", Options{Getenv: env("SSH_TTY", "/dev/pts/3"), Terminal: &term, Tool: broken})
	if err != nil || got != (Delivery{How: "to the terminal (OSC 52)"}) || ran {
		t.Fatalf("remote: got %+v, %v, tool ran=%v; want OSC 52 without the tool", got, err, ran)
	}

	if _, err := Copy(strings.Repeat("x", MaxOSC52+1), Options{Getenv: env("SSH_TTY", "x"), Terminal: &term, Tool: broken}); err == nil {
		t.Error("an oversized copy with no working tool must fail, not pretend")
	}
}

// TestCopyXclip copies through the real xclip into a real X server (Xvfb)
// and reads the clipboard back.
func TestCopyXclip(t *testing.T) {
	for _, bin := range []string{"xclip", "Xvfb"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Skipf("%s not installed", bin)
		}
	}
	display := startXvfb(t)
	t.Setenv("DISPLAY", display)
	t.Setenv("WAYLAND_DISPLAY", "")
	text := "kubectl logs -f deploy/api | grep -i 'error: $HOME'\nsecond line"
	got, err := Copy(text, Options{Getenv: env("DISPLAY", display, "PATH", os.Getenv("PATH"))})
	if err != nil {
		t.Fatal(err)
	}
	if got != With("xclip") {
		t.Fatalf("%s, want copied with xclip", got)
	}
	// xclip serves the selection from a process of its own, which may
	// still be taking ownership when Copy returns: read until it answers.
	var out []byte
	for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		out, err = exec.Command("xclip", "-o", "-selection", "clipboard").Output()
		if err == nil && string(out) == text || time.Now().After(deadline) {
			break
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != text {
		t.Errorf("clipboard holds %q, want %q", out, text)
	}
}

// startXvfb runs a private X server for the test and returns its display.
func startXvfb(t *testing.T) string {
	t.Helper()
	display, stop, err := xvfbtest.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return display
}

type brokenTerminal struct{}

func (brokenTerminal) Write([]byte) (int, error) { return 0, errors.New("input/output error") }

// TestCopyNoWay: with no display for a tool and a terminal that cannot be
// written, the error says why each way failed, on one line, and the tool
// (which could only fail) is not run.
func TestCopyNoWay(t *testing.T) {
	ran := false
	_, err := Copy("df -h", Options{Getenv: env("PATH", os.Getenv("PATH")), Terminal: brokenTerminal{},
		Tool: func(string) error { ran = true; return errors.New("exit status 1") }})
	if err == nil {
		t.Fatal("copy succeeded with no way to copy")
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.Contains(msg, "OSC 52: input/output error") {
		t.Errorf("error %q: want one line naming each failure", msg)
	}
	if _, xerr := exec.LookPath("xclip"); xerr == nil && (ran || !strings.Contains(msg, "need DISPLAY")) {
		t.Errorf("xclip without DISPLAY: ran %v, error %q", ran, msg)
	}
}
