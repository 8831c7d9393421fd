// Package prompt asks the person at the terminal: a line of text, or yes
// or no. It talks to the terminal itself (/dev/tty, the console on
// Windows), not to stdin and stdout, so that it works where those are
// taken: in a shell widget, whose stdout the shell reads, and in a
// pipeline. On a terminal a line is edited as in a shell (arrows,
// backspace, Ctrl-U); Ctrl-C, Ctrl-D on an empty line and Esc cancel.
//
// A TTY reads its input through one reader for all its questions: what a
// person types ahead (Enter then Esc, quickly) or pastes (several answers
// at once) is kept for the questions that follow, never dropped with the
// question it arrived during.
package prompt

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

// ErrCancelled is returned when the person cancels a prompt, or its
// context ends.
var ErrCancelled = errors.New("cancelled")

// ErrNoTerminal is returned by Open when there is no terminal to ask on.
var ErrNoTerminal = errors.New("no terminal to ask on")

// EscWait is how long an Esc waits for the rest of an escape sequence
// (an arrow key's ESC [ A) before it counts as the Esc key: long enough
// for a sequence split over a slow ssh link, short enough not to feel
// slow. The picker waits as long.
const EscWait = 100 * time.Millisecond

// TTY asks questions on a terminal, or on any reader and writer (tests,
// and answers piped in).
type TTY struct {
	out io.Writer
	in  *input
	// fd is the terminal's, -1 when the input is not one: lines are then
	// read as they come, without editing.
	fd     int
	closer io.Closer
	// keys feeds the line editor, which is made at the first question and
	// kept for the next, with whatever it has read ahead.
	keys   keyReader
	editor *term.Terminal
	// rest is what was read past the last line, off a terminal.
	rest []byte
}

// Open opens the controlling terminal.
func Open() (*TTY, error) {
	in, out, err := openTerminal()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoTerminal, err)
	}
	if !term.IsTerminal(fdOf(in)) {
		in.Close()
		if out != in {
			out.Close()
		}
		return nil, ErrNoTerminal
	}
	t := onTerminal(in, out)
	t.closer = closers{in, out}
	return t, nil
}

// onTerminal asks on the terminal in (its input) and out.
func onTerminal(in, out *os.File) *TTY {
	t := &TTY{in: newInput(in), out: out, fd: fdOf(in)}
	t.keys.in = t.in
	return t
}

// fdOf is f's descriptor. Unlike f.Fd, it leaves f in non-blocking mode,
// which read deadlines need.
func fdOf(f *os.File) int {
	fd := -1
	if rc, err := f.SyscallConn(); err == nil {
		rc.Control(func(d uintptr) { fd = int(d) })
	} else {
		fd = int(f.Fd())
	}
	return fd
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
	return &TTY{in: newInput(r), out: w, fd: -1}
}

// Close closes the terminal Open opened.
func (t *TTY) Close() error {
	t.in.close()
	if t.closer == nil {
		return nil
	}
	return t.closer.Close()
}

// Writer is where questions go: the terminal, for messages that belong
// with them.
func (t *TTY) Writer() io.Writer { return t.out }

// Line asks for a line of text after prompt and returns it without its
// line end. When ctx ends, the question is abandoned at once (the read
// stops, the terminal is back in the mode it was in) and Line returns
// ErrCancelled.
func (t *TTY) Line(ctx context.Context, prompt string) (string, error) {
	line, err := t.line(ctx, prompt)
	if err != nil && ctx.Err() != nil {
		return "", ErrCancelled
	}
	return line, err
}

func (t *TTY) line(ctx context.Context, prompt string) (string, error) {
	if t.fd < 0 {
		io.WriteString(t.out, prompt)
		return t.plainLine(ctx)
	}
	// Raw mode, whatever mode the terminal was left in (a shell's line
	// editor keeps it raw while a widget runs): the line editor echoes
	// and edits itself.
	state, err := term.MakeRaw(t.fd)
	if err != nil {
		return "", err
	}
	defer term.Restore(t.fd, state)
	if t.editor == nil {
		t.editor = term.NewTerminal(struct {
			io.Reader
			io.Writer
		}{&t.keys, t.out}, prompt)
	} else {
		t.editor.SetPrompt(prompt)
	}
	if w, h, err := term.GetSize(t.fd); err == nil {
		t.editor.SetSize(w, h)
	}
	t.keys.ctx = ctx
	line, err := t.editor.ReadLine()
	switch {
	case err == nil || errors.Is(err, term.ErrPasteIndicator):
		// A pasted line is a line like any other.
		return line, nil
	case errors.Is(err, io.EOF) || errors.Is(err, errEsc) || ctx.Err() != nil:
		// Ctrl-C and Ctrl-D come back as EOF. The line they leave is not
		// ended, so end it; the next question starts a line of its own,
		// in an editor of its own.
		io.WriteString(t.out, "\r\n")
		t.editor = nil
		return "", ErrCancelled
	}
	t.editor = nil
	return "", err
}

// plainLine reads a line off a terminal: the input's end cancels, unless
// it ends a last line that has no line end.
func (t *TTY) plainLine(ctx context.Context) (string, error) {
	for {
		if i := bytes.IndexByte(t.rest, '\n'); i >= 0 {
			line := string(t.rest[:i])
			t.rest = t.rest[i+1:]
			return strings.TrimSuffix(line, "\r"), nil
		}
		b, err := t.in.read(ctx, 0)
		t.rest = append(t.rest, b...)
		switch {
		case errors.Is(err, io.EOF) && len(t.rest) > 0:
			line := string(t.rest)
			t.rest = nil
			return strings.TrimSuffix(line, "\r"), nil
		case errors.Is(err, io.EOF):
			return "", ErrCancelled
		case err != nil:
			return "", err
		}
	}
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

var errEsc = errors.New("escape")

// keyReader is what the line editor reads: the terminal's bytes, with the
// Esc key taken out. To term.Terminal an ESC starts an escape sequence
// whatever follows it, so arrows work but the Esc key does nothing; here
// an ESC that starts no sequence (nothing follows it within EscWait, or
// what follows is not [ or O) ends the read with errEsc, whatever arrived
// with it. The bytes before it reach the editor first, and those after it
// are kept. Arrows in the keypad form (ESC O A, sent by terminals a shell
// has put in keypad mode) reach the editor in the form it knows, ESC [ A.
type keyReader struct {
	in *input
	// ctx is the current question's.
	ctx     context.Context
	pending []byte
}

func (k *keyReader) Read(p []byte) (int, error) {
	for {
		if len(k.pending) == 0 {
			b, err := k.in.read(k.ctx, 0)
			if err != nil {
				return 0, err
			}
			k.pending = b
		}
		i, complete := escape(k.pending)
		switch {
		case i < 0:
			n := copy(p, k.pending)
			k.pending = k.pending[n:]
			return n, nil
		case i > 0:
			n := copy(p, k.pending[:i])
			k.pending = k.pending[n:]
			return n, nil
		case complete:
			k.pending = k.pending[1:]
			return 0, errEsc
		}
		// An ESC, or ESC O, with nothing after it yet: the start of a
		// sequence still in transit, or the Esc key.
		b, err := k.in.read(k.ctx, EscWait)
		if errors.Is(err, errNoInput) {
			k.pending = k.pending[1:]
			return 0, errEsc
		}
		if err != nil {
			return 0, err
		}
		k.pending = append(k.pending, b...)
	}
}

// escape finds the first ESC in b that is not the start of an escape
// sequence the editor reads (CSI, ESC [): a lone ESC, the Esc key, with
// complete set; or one whose sequence cannot be told yet (ESC or ESC O at
// the end of b), with complete unset. It is -1 when there is none. On the
// way it turns keypad sequences (SS3, ESC O x) into CSI ones.
func escape(b []byte) (i int, complete bool) {
	for i, c := range b {
		if c != 0x1b {
			continue
		}
		switch {
		case i+1 == len(b) || b[i+1] == 'O' && i+2 == len(b):
			return i, false
		case b[i+1] == 'O':
			b[i+1] = '['
		case b[i+1] != '[':
			return i, true
		}
	}
	return -1, false
}
