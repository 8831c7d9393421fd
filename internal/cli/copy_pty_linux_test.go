//go:build linux

package cli_test

import (
	"encoding/base64"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/howcli/how/internal/ptytest"
)

var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// TestCopyOSC52Terminal runs how -c on a remote session (SSH_TTY set) with
// a real pseudo-terminal as its controlling terminal, and reads what
// reached the terminal from the pty's other end, as a terminal emulator
// would: the OSC 52 sequence carrying the command as typed, once, whether
// stdout is the terminal too or a pipe, wrapped for tmux inside tmux; and
// the message saying it was sent (a terminal answers nothing, so whether
// it reached a clipboard is not known). Inside a tmux that cannot be
// asked (TMUX names no server), the sequence is wrapped for tmux. A
// note's own OSC 52 sequence, in a description, never reaches the
// terminal.
func TestCopyOSC52Terminal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	const cmdText = "ssh -L 8080:localhost:80 web1"
	b64 := base64.StdEncoding.EncodeToString([]byte(cmdText))
	tests := []struct {
		name       string
		stdoutPipe bool
		env        []string
		wantSeq    string
		how        string // what the message says, if not sent to the terminal (OSC 52)
	}{
		{name: "attached", wantSeq: "\x1b]52;c;" + b64 + "\a"},
		{name: "stdout piped", stdoutPipe: true, wantSeq: "\x1b]52;c;" + b64 + "\a"},
		{name: "inside tmux", env: []string{"TMUX=" + filepath.Join(t.TempDir(), "no-server") + ",1,0"},
			wantSeq: "\x1bPtmux;\x1b\x1b]52;c;" + b64 + "\a\x1b\\", how: "sent to the terminal (OSC 52, through tmux)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSandbox(t)
			s.write("ssh.md", "# SSH\n\n```\n"+cmdText+"    # forward a local port \x1b]52;c;ZXZpbA==\x07 through a tunnel\n```\n")
			master, slave, err := ptytest.Open()
			if err != nil {
				t.Skip("no pseudo-terminal:", err)
			}
			defer master.Close()
			if err := ptytest.SetSize(slave, 24, 100); err != nil {
				t.Fatal(err)
			}
			s.setenv("SSH_TTY", slave.Name())
			for _, kv := range tt.env {
				k, v, _ := strings.Cut(kv, "=")
				s.setenv(k, v)
			}
			cmd := s.command("-c", "-n", "1", "forward", "local", "port", "tunnel")
			ptytest.Attach(cmd, slave)
			var piped strings.Builder
			if tt.stdoutPipe {
				cmd.Stdout = &piped
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Only the child may hold the terminal open, so that reading
			// it ends (with EIO) when the child exits.
			slave.Close()
			screen := make(chan string)
			go func() {
				b, _ := io.ReadAll(master)
				screen <- string(b)
			}()
			timer := time.AfterFunc(60*time.Second, func() { _ = cmd.Process.Kill() })
			defer timer.Stop()
			if err := cmd.Wait(); err != nil {
				t.Fatalf("how -c: %v", err)
			}
			got := <-screen

			if strings.Count(got, tt.wantSeq) != 1 {
				t.Errorf("the terminal got %q; want the sequence %q once", got, tt.wantSeq)
			}
			if n := strings.Count(got, "52;c;"); n != 1 {
				t.Errorf("%d OSC 52 sequences reached the terminal, want 1 (ours): %q", n, got)
			}
			text := sgr.ReplaceAllString(got, "")
			how := tt.how
			if how == "" {
				how = "sent to the terminal (OSC 52)"
			}
			if !strings.Contains(text, "how: "+how+": "+cmdText+"\r\n") {
				t.Errorf("no message on the terminal's stderr: %q", got)
			}
			listing := text
			if tt.stdoutPipe {
				listing = piped.String()
				if listing != cmdText+"\n" {
					t.Errorf("piped stdout %q, want the bare command", listing)
				}
			} else if !strings.Contains(listing, cmdText+"\r\n  Forward a local port") {
				t.Errorf("the terminal shows no results: %q", listing)
			}
		})
	}
}
