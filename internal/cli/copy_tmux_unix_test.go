//go:build unix

package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestCopyInsideTmux runs how -c in a pane of a real tmux server, with no
// display (so no clipboard tool), as a person working in tmux would, and
// reads tmux's buffer and the pane: tmux's own settings decide the way,
// and the message says only what is known.
func TestCopyInsideTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	t.Parallel()
	const cmdText = "ssh -L 8080:localhost:80 web1"
	tests := []struct {
		name, conf string
		say        string
		buffer     bool
	}{
		{name: "defaults", say: "copied into tmux's buffer (and sent to the terminal)", buffer: true},
		{name: "set-clipboard off", conf: "set -g set-clipboard off\n",
			say: "copied into tmux's buffer only (tmux's set-clipboard is off)", buffer: true},
		// tmux 3.3 drops a wrapped sequence unless allow-passthrough is on.
		{name: "passthrough", conf: "set -g set-clipboard off\nset -g allow-passthrough on\n",
			say: "sent to the terminal (OSC 52, through tmux)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newSandbox(t)
			s.write("ssh.md", "# SSH\n\n```\n"+cmdText+"    # forward a local port through a tunnel\n```\n")
			s.setenv("TERM", "xterm-256color")
			// Short: a socket path must fit in 108 bytes.
			dir, err := os.MkdirTemp("", "howtmux")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.RemoveAll(dir) })
			sock, conf := filepath.Join(dir, "s"), filepath.Join(dir, "tmux.conf")
			// The pane stays when its command exits, so that it can be
			// read.
			if err := os.WriteFile(conf, []byte("set -g remain-on-exit on\n"+tt.conf), 0o644); err != nil {
				t.Fatal(err)
			}
			tmux := func(args ...string) (string, error) {
				cmd := exec.Command("tmux", append([]string{"-S", sock, "-f", conf}, args...)...)
				cmd.Env = s.env
				out, err := cmd.CombinedOutput()
				return string(out), err
			}
			t.Cleanup(func() { tmux("kill-server") })
			// The exit status is said on the pane: the test waits for
			// what it expects to see, not for tmux to notice the exit.
			if out, err := tmux("new-session", "-d", "-s", "t", "-x", "100", "-y", "24", "--", "sh", "-c",
				`"$0" -c -n 1 forward local port tunnel; echo "how exited $?"`, s.bin); err != nil {
				t.Fatalf("tmux new-session: %v\n%s", err, out)
			}
			exited := regexp.MustCompile(`(?m)^how exited (\d+)$`)
			var pane string
			for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(20 * time.Millisecond) {
				var err error
				if pane, err = tmux("capture-pane", "-p", "-J", "-t", "t"); err != nil {
					t.Fatalf("tmux capture-pane: %v\n%s", err, pane)
				}
				if m := exited.FindStringSubmatch(pane); m != nil {
					if m[1] != "0" {
						t.Fatalf("how -c exited %s:\n%s", m[1], pane)
					}
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("how -c never exited; the pane:\n%s", pane)
				}
			}
			if !strings.Contains(pane, "how: "+tt.say+": "+cmdText+"\n") {
				t.Errorf("the pane does not say %q:\n%s", tt.say, pane)
			}
			buf, err := tmux("show-buffer")
			switch {
			case tt.buffer && (err != nil || buf != cmdText):
				t.Errorf("tmux's buffer holds %q (%v), want %q", buf, err, cmdText)
			case !tt.buffer && err == nil:
				t.Errorf("tmux's buffer holds %q, want none", buf)
			}
		})
	}
}
