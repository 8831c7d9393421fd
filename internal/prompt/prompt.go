// Package prompt asks the person at the terminal: a line of text, or yes
// or no. It talks to the terminal itself (/dev/tty, the console on
// Windows), not to stdin and stdout, so that it works where those are
// taken: in a shell widget, whose stdout the shell reads, and in a
// pipeline. On a terminal a line is edited as in a shell (arrows,
// backspace, Ctrl-U); Ctrl-C, Ctrl-D on an empty line and Esc cancel.
package prompt

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// ErrCancelled is returned when the person cancels a prompt.
var ErrCancelled = errors.New("cancelled")

// ErrNoTerminal is returned by Open when there is no terminal to ask on.
var ErrNoTerminal = errors.New("no terminal to ask on")

// TTY asks questions on a terminal, or on any reader and writer (tests,
// and answers piped in).
type TTY struct {
	in  io.Reader
	out io.Writer
	// fd is the terminal's, -1 when in is not one: lines are then read as
	// they come, without editing.
	fd     int
	closer io.Closer
	lines  *bufio.Reader
}

// Open opens the controlling terminal.
func Open() (*TTY, error) {
	in, out, err := openTerminal()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoTerminal, err)
	}
	fd := int(in.Fd())
	if !term.IsTerminal(fd) {
		in.Close()
		if out != in {
			out.Close()
		}
		return nil, ErrNoTerminal
	}
	t := &TTY{in: in, out: out, fd: fd}
	t.closer = closers{in, out}
	return t, nil
}

type closers []*os.File

func (c closers) Close() error {
	var err error
	for i, f := range c {
		if i > 0 && f == c[0] {
			continue
		}
		if e := f.Close(); e != nil && err == nil {
			err = e
		}
	}
	return err
}

// New asks on r and w, which are not a terminal: each answer is a line
// of r, with no editing.
func New(r io.Reader, w io.Writer) *TTY {
	return &TTY{in: r, out: w, fd: -1}
}

// Close closes the terminal Open opened.
func (t *TTY) Close() error {
	if t.closer == nil {
		return nil
	}
	return t.closer.Close()
}

// Writer is where questions go: the terminal, for messages that belong
// with them.
func (t *TTY) Writer() io.Writer { return t.out }

// Line asks for a line of text after prompt and returns it without its
// line end. ctx cancels the wait (the read itself is left to finish when
// the process exits).
func (t *TTY) Line(ctx context.Context, prompt string) (string, error) {
	type result struct {
		line string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		line, err := t.readLine(prompt)
		done <- result{line, err}
	}()
	select {
	case r := <-done:
		return r.line, r.err
	case <-ctx.Done():
		return "", ErrCancelled
	}
}

func (t *TTY) readLine(prompt string) (string, error) {
	if t.fd < 0 {
		if t.lines == nil {
			t.lines = bufio.NewReader(t.in)
		}
		io.WriteString(t.out, prompt)
		line, err := t.lines.ReadString('\n')
		if err != nil && (line == "" || !errors.Is(err, io.EOF)) {
			if errors.Is(err, io.EOF) {
				return "", ErrCancelled
			}
			return "", err
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	// Raw mode, whatever mode the terminal was left in (a shell's line
	// editor keeps it raw while a widget runs): the line editor below
	// echoes and edits itself.
	state, err := term.MakeRaw(t.fd)
	if err != nil {
		return "", err
	}
	defer term.Restore(t.fd, state)
	rw := struct {
		io.Reader
		io.Writer
	}{escCancels{t.in}, t.out}
	ed := term.NewTerminal(rw, prompt)
	if w, h, err := term.GetSize(t.fd); err == nil {
		ed.SetSize(w, h)
	}
	line, err := ed.ReadLine()
	if errors.Is(err, io.EOF) || errors.Is(err, errEsc) {
		// Ctrl-C and Ctrl-D come back as EOF; the line they leave is not
		// ended, so end it.
		io.WriteString(t.out, "\r\n")
		return "", ErrCancelled
	}
	return line, err
}

var errEsc = errors.New("escape")

// escCancels makes a lone Esc key end the read: to term.Terminal it is the
// start of an escape sequence, so arrows still work, but an Esc read on
// its own (a key press, not a sequence) means "cancel" to a person.
type escCancels struct{ r io.Reader }

func (e escCancels) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if n == 1 && p[0] == 0x1b {
		return 0, errEsc
	}
	return n, err
}

// Confirm asks a yes-or-no question, "no" unless the answer starts with y.
func (t *TTY) Confirm(ctx context.Context, question string) (bool, error) {
	answer, err := t.Line(ctx, question+" [y/N] ")
	if err != nil {
		return false, err
	}
	a := strings.ToLower(strings.TrimSpace(answer))
	return a == "y" || a == "yes", nil
}
