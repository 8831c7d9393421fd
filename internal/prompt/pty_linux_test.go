//go:build linux

package prompt

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/howcli/how/internal/ptytest"
)

// answerWait bounds a question the test expects an answer to: an answer
// comes at once, so only a broken prompt ever waits that long.
const answerWait = 10 * time.Second

// onPTY is a TTY on a new pseudo-terminal, as Open makes one on /dev/tty,
// and the terminal's other side: keys in, the screen out.
func onPTY(t *testing.T) (*TTY, *os.File, *ptytest.Screen, *os.File) {
	t.Helper()
	master, slave, err := ptytest.Open()
	if err != nil {
		t.Skip("no pseudo-terminal:", err)
	}
	t.Cleanup(func() { master.Close(); slave.Close() })
	if err := ptytest.SetSize(slave, 24, 80); err != nil {
		t.Fatal(err)
	}
	return onTerminal(slave, slave), master, ptytest.Read(master), slave
}

func ask(t *testing.T, tty *TTY, question string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), answerWait)
	defer cancel()
	line, err := tty.Line(ctx, question)
	if ctx.Err() != nil {
		t.Errorf("%q was never answered (%q, %v)", question, line, err)
	}
	return line, err
}

func typeKeys(t *testing.T, master *os.File, keys string) {
	t.Helper()
	if _, err := master.WriteString(keys); err != nil {
		t.Fatal(err)
	}
}

// TestTypeAhead: answers typed or pasted ahead of their questions, in one
// burst, each reach their own question; Esc, whatever arrives with it,
// cancels the question it is typed at, and what follows it is kept.
func TestTypeAhead(t *testing.T) {
	tests := []struct {
		name  string
		keys  string
		wants []string // "" for an empty answer, "ESC" for a cancel
	}{
		{"pasted answers", "Show the log\rgit, log\r", []string{"Show the log", "git, log"}},
		{"bracketed paste", "\x1b[200~Show the log\rgit, log\r\x1b[201~", []string{"Show the log", "git, log"}},
		{"Enter then Esc", "\r\x1b", []string{"", "ESC"}},
		{"Esc amid keys", "abc\x1bdef\r", []string{"ESC", "def"}},
		{"Esc Esc", "\x1b\x1b", []string{"ESC", "ESC"}},
		{"arrows edit", "ab\x1b[DX\x1bOC!\r", []string{"aXb!"}},
		{"CRLF", "one\r\ntwo\r\n", []string{"one", "two"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tty, master, screen, _ := onPTY(t)
			type answer struct {
				line string
				err  error
			}
			answers := make(chan answer, len(tt.wants))
			go func() {
				for range tt.wants {
					line, err := ask(t, tty, "Question: ")
					answers <- answer{line, err}
				}
			}()
			// Typed once the first question is up, as a person would: the
			// terminal is then in the line editor's hands.
			screen.WaitFor(t, "Question: ")
			typeKeys(t, master, tt.keys)
			for i, want := range tt.wants {
				a := <-answers
				got, err := a.line, a.err
				switch {
				case want == "ESC" && !errors.Is(err, ErrCancelled):
					t.Errorf("question %d: %q, %v; want it cancelled", i, got, err)
				case want != "ESC" && (err != nil || got != want):
					t.Errorf("question %d: %q, %v; want %q", i, got, err, want)
				}
			}
		})
	}
}

// TestLineCancelledOnTerminal: when its context ends, a question stops
// reading at once and leaves the terminal in the mode it found it in; the
// keys typed next are the next question's, not swallowed by a read left
// running.
func TestLineCancelledOnTerminal(t *testing.T) {
	tty, master, screen, slave := onPTY(t)
	before, err := unix.IoctlGetTermios(fdOf(slave), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := tty.Line(ctx, "First: ")
		done <- err
	}()
	screen.WaitFor(t, "First: ")
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, ErrCancelled) {
			t.Fatalf("cancelled question: %v", err)
		}
	case <-time.After(answerWait):
		t.Fatal("the question did not end with its context")
	}
	after, err := unix.IoctlGetTermios(fdOf(slave), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if after.Lflag != before.Lflag || after.Iflag != before.Iflag || after.Oflag != before.Oflag {
		t.Errorf("terminal mode not restored: lflag %#x→%#x iflag %#x→%#x oflag %#x→%#x",
			before.Lflag, after.Lflag, before.Iflag, after.Iflag, before.Oflag, after.Oflag)
	}
	typeKeys(t, master, "next\r")
	if got, err := ask(t, tty, "Second: "); got != "next" || err != nil {
		t.Errorf("second question: %q, %v; want the keys typed after the first was cancelled", got, err)
	}
}
