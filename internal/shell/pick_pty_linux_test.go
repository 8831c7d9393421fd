//go:build linux

package shell_test

import (
	"bytes"
	"encoding/base64"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"

	"github.com/howcli/how/internal/ptytest"
)

// ptyRun is a how process whose controlling terminal is a pty the test
// types into and reads the screen of; its standard streams are what the
// test says (pipes, /dev/null), as a shell widget would have them.
type ptyRun struct {
	*ptytest.Proc
	t              *testing.T
	stdout, stderr bytes.Buffer
}

// startPTY starts how with args; with nullStdin its stdin is /dev/null
// (zsh's widgets), else the terminal (bash's and fish's). Its stdout and
// stderr are the test's.
func startPTY(t *testing.T, nullStdin bool, args ...string) *ptyRun {
	t.Helper()
	needWorld(t)
	r := &ptyRun{t: t}
	cmd := exec.Command(world.bin, args...)
	cmd.Env = append(howEnv(t.TempDir()), "TERM=xterm")
	r.Proc = ptytest.Start(t, cmd, func(tty *os.File) {
		cmd.Stdout, cmd.Stderr = &r.stdout, &r.stderr
		if !nullStdin {
			cmd.Stdin = tty
		}
	})
	return r
}

// waitScreen waits for want on the screen, colours aside, after what the
// previous wait saw.
func (r *ptyRun) waitScreen(want string) {
	r.t.Helper()
	r.WaitFor(r.t, want)
}

func (r *ptyRun) keys(s string) { r.Keys(r.t, s) }

// wait waits for how to exit, and for all it drew to reach the screen, and
// returns its exit status.
func (r *ptyRun) wait() int {
	r.t.Helper()
	return r.Wait(r.t)
}

// TestPickPTY: how -i draws on the terminal and prints the choice on
// stdout; Esc cancels with 130 and prints nothing; Ctrl-Y copies (here
// through the terminal, OSC 52: no display) and prints nothing.
func TestPickPTY(t *testing.T) {
	needWorld(t)
	t.Parallel()
	t.Run("Down, Enter", func(t *testing.T) {
		t.Parallel()
		r := startPTY(t, false, "-i", "follow", "logs")
		r.waitScreen("how> follow logs")
		r.waitScreen("> journalctl -u <service> -f")
		r.keys("\x1b[B")
		r.waitScreen("2/")
		r.keys("\r")
		if code := r.wait(); code != 0 {
			t.Fatalf("exit %d; stderr %q", code, r.stderr.String())
		}
		out := r.stdout.String()
		if out == "" || strings.Contains(out, "\x1b") || strings.Count(out, "\n") < 1 || strings.HasPrefix(out, "journalctl -u <service> -f") {
			t.Errorf("stdout %q: want the second command alone", out)
		}
		screen := r.Raw()
		if !strings.Contains(screen, "\x1b[?1049h") || !strings.Contains(screen, "\x1b[?1049l") {
			t.Errorf("not drawn on the alternate screen: %q", screen)
		}
	})
	t.Run("Esc", func(t *testing.T) {
		t.Parallel()
		r := startPTY(t, false, "-i", "follow", "logs")
		r.waitScreen("> journalctl")
		r.keys("\x1b")
		if code := r.wait(); code != 130 {
			t.Errorf("exit %d, want 130", code)
		}
		if r.stdout.Len() != 0 {
			t.Errorf("stdout %q, want nothing", r.stdout.String())
		}
	})
	t.Run("Ctrl-Y copies", func(t *testing.T) {
		t.Parallel()
		r := startPTY(t, false, "-i", "--", "extract", "archive")
		r.waitScreen("> tar {{[-x|--extract]}}")
		r.keys("\x19")
		if code := r.wait(); code != 0 {
			t.Fatalf("exit %d; stderr %q", code, r.stderr.String())
		}
		if r.stdout.Len() != 0 {
			t.Errorf("stdout %q, want nothing", r.stdout.String())
		}
		want := base64.StdEncoding.EncodeToString([]byte("tar --extract --file {{path/to/file.tar}}"))
		if !strings.Contains(r.Raw(), "\x1b]52;c;"+want) {
			t.Errorf("no OSC 52 copy of the command as typed on the terminal: %q", r.Raw())
		}
		if !strings.Contains(r.stderr.String(), "sent to the terminal (OSC 52)") {
			t.Errorf("stderr %q", r.stderr.String())
		}
	})
}

// TestWidgetPickPTY: the widget's picker works with /dev/null for stdin,
// as zsh runs widgets, answering in the protocol; Esc exits 1 with
// nothing on stdout; and without a terminal the picker is an error (2),
// said on stderr.
func TestWidgetPickPTY(t *testing.T) {
	needWorld(t)
	t.Parallel()
	t.Run("stdin /dev/null, Enter", func(t *testing.T) {
		t.Parallel()
		r := startPTY(t, true, "--widget", "--pick", "--", "kubectl get pods | count lines")
		r.waitScreen("how> count lines")
		r.waitScreen("> wc -l")
		r.keys("\r")
		if code := r.wait(); code != 0 {
			t.Fatalf("exit %d; stderr %q", code, r.stderr.String())
		}
		if got := r.stdout.String(); got != "-1\nkubectl get pods | wc -l" {
			t.Errorf("stdout %q", got)
		}
	})
	t.Run("empty line, typed query, Enter", func(t *testing.T) {
		t.Parallel()
		r := startPTY(t, true, "--widget", "--", "")
		r.waitScreen("0/0")
		r.keys("forward local port")
		r.waitScreen("> ssh -L")
		r.keys("\r")
		if code := r.wait(); code != 0 {
			t.Fatalf("exit %d; stderr %q", code, r.stderr.String())
		}
		if got := r.stdout.String(); got != "7\nssh -L <lport>:localhost:<rport> <user>@<host>" {
			t.Errorf("stdout %q", got)
		}
	})
	t.Run("Esc", func(t *testing.T) {
		t.Parallel()
		r := startPTY(t, true, "--widget", "--pick", "--", "follow logs")
		r.waitScreen("> journalctl")
		r.keys("\x1b")
		if code := r.wait(); code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		if r.stdout.Len() != 0 || r.stderr.Len() != 0 {
			t.Errorf("stdout %q, stderr %q: want nothing", r.stdout.String(), r.stderr.String())
		}
	})
	t.Run("no terminal", func(t *testing.T) {
		t.Parallel()
		cmd := exec.Command(world.bin, "--widget", "--", "")
		cmd.Env = howEnv(t.TempDir())
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // no controlling terminal
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if code := cmd.ProcessState.ExitCode(); code != 2 {
			t.Errorf("exit %d (%v), want 2", code, err)
		}
		if stdout.Len() != 0 || !strings.Contains(stderr.String(), "no terminal") {
			t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
		}
	})
}
