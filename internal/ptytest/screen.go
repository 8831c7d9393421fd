//go:build linux

package ptytest

import (
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Timeout bounds every wait on a screen: generous for a loaded machine; a
// passing test never waits that long, since each wait ends as soon as
// what it waits for is there.
const Timeout = 30 * time.Second

// Screen is what a terminal emulator would have received from a
// pseudo-terminal: everything written to its slave side, read from the
// master as it comes.
//
// A test waits for what it expects to see, never for a time: WaitFor for
// output that is still coming, All for the output of a program that has
// exited, which is complete only once the terminal has hung up (the
// master reads EIO when the last slave descriptor closes). Reading the
// screen as soon as the program's exit is known loses whatever the reader
// has not reached yet.
type Screen struct {
	mu  sync.Mutex
	raw strings.Builder
	// seenText and seenRaw are where the last match ended in Text and in
	// Raw: a wait looks after the previous one of its kind.
	seenText, seenRaw int
	done              chan struct{}
}

// csi matches the control sequences a program draws with (colours, cursor
// moves, modes), which WaitFor looks through.
var csi = regexp.MustCompile(`\x1b\[[0-9;?]*[ -/]*[@-~]`)

// Read starts reading master. For All to end, only the program under test
// may hold the slave side open: close the test's copy once it has started.
func Read(master *os.File) *Screen {
	s := &Screen{done: make(chan struct{})}
	go func() {
		defer close(s.done)
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			s.mu.Lock()
			s.raw.Write(buf[:n])
			s.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return s
}

// Raw is everything received so far, escape sequences and all.
func (s *Screen) Raw() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.raw.String()
}

// Text is everything received so far without CSI sequences: the words a
// person would read, in the order they were drawn.
func (s *Screen) Text() string { return csi.ReplaceAllString(s.Raw(), "") }

// WaitFor waits until want is drawn after the end of the previous match,
// so that a wait after a key press is met by what the key drew, not by an
// earlier frame. want is looked for in Text, or in Raw when it holds an
// escape sequence. It fails the test at the deadline, showing the screen.
func (s *Screen) WaitFor(t testing.TB, want string) {
	t.Helper()
	deadline := time.NewTimer(Timeout)
	defer deadline.Stop()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		if s.find(want) {
			return
		}
		select {
		case <-deadline.C:
			t.Fatalf("the terminal never showed %q; it shows %q", want, s.Raw())
		case <-s.done:
			if s.find(want) {
				return
			}
			t.Fatalf("the terminal hung up without showing %q; it shows %q", want, s.Raw())
		case <-tick.C:
		}
	}
}

// find looks for want after the last match of its kind and moves past
// it.
func (s *Screen) find(want string) bool {
	text, seen := s.Raw(), &s.seenRaw
	if !strings.Contains(want, "\x1b") {
		text, seen = csi.ReplaceAllString(text, ""), &s.seenText
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := strings.Index(text[min(*seen, len(text)):], want)
	if i < 0 {
		return false
	}
	*seen += i + len(want)
	return true
}

// All waits until the terminal hangs up, which it does once the program
// (and whatever it started that holds the terminal) has exited, and
// returns all it received.
func (s *Screen) All(t testing.TB) string {
	t.Helper()
	select {
	case <-s.done:
	case <-time.After(Timeout):
		t.Fatalf("the terminal never hung up; it shows %q", s.Raw())
	}
	return s.Raw()
}

// Proc is a program running with a pseudo-terminal for its controlling
// terminal, as a person at a terminal emulator would run it.
type Proc struct {
	*Screen
	// Master is the terminal's side the test types into.
	Master *os.File
	cmd    *exec.Cmd
	exited chan struct{}
}

// Rows and Cols are the size of the terminals Start opens.
const (
	Rows = 24
	Cols = 100
)

// Start runs cmd with a new pseudo-terminal of Rows by Cols as its
// controlling terminal, so that /dev/tty in the program is that terminal.
// streams sets the program's standard streams, given the terminal; with
// nil, all three are the terminal. The program is killed when the test
// ends, if it has not exited.
func Start(t testing.TB, cmd *exec.Cmd, streams func(tty *os.File)) *Proc {
	t.Helper()
	master, slave, err := Open()
	if err != nil {
		t.Skip("no pseudo-terminal:", err)
	}
	t.Cleanup(func() { master.Close() })
	if err := SetSize(slave, Rows, Cols); err != nil {
		t.Fatal(err)
	}
	if streams == nil {
		cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	} else {
		streams(slave)
	}
	// The controlling terminal is passed as a descriptor of its own, so
	// that it is one whatever the standard streams are.
	cmd.ExtraFiles = append(cmd.ExtraFiles, slave)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 2 + len(cmd.ExtraFiles)}
	if err := cmd.Start(); err != nil {
		slave.Close()
		t.Fatal(err)
	}
	// Only the program may hold the terminal open, so that the terminal
	// hangs up when it exits.
	slave.Close()
	p := &Proc{Screen: Read(master), Master: master, cmd: cmd, exited: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-p.exited
	})
	return p
}

// Keys types s on the terminal.
func (p *Proc) Keys(t testing.TB, s string) {
	t.Helper()
	if _, err := io.WriteString(p.Master, s); err != nil {
		t.Fatalf("typing %q: %v", s, err)
	}
}

// Wait waits for the program to exit and for the terminal to hang up, so
// that everything the program drew is on the screen, and returns the
// program's exit status.
func (p *Proc) Wait(t testing.TB) int {
	t.Helper()
	select {
	case <-p.exited:
	case <-time.After(Timeout):
		t.Fatalf("the program did not exit; the terminal shows %q", p.Raw())
	}
	p.All(t)
	return p.cmd.ProcessState.ExitCode()
}
