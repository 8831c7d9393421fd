//go:build unix

package picker

import (
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"
)

// DefaultTTY is the terminal the picker opens: the process's controlling
// terminal, whatever its standard streams are (a shell widget's stdout is
// a pipe and zsh's stdin is /dev/null).
const DefaultTTY = "/dev/tty"

type fileTerminal struct {
	*os.File
	resized chan os.Signal
}

// OpenTerminal opens the terminal at path (DefaultTTY when empty) for
// reading keys and drawing.
func OpenTerminal(path string) (Terminal, error) {
	if path == "" {
		path = DefaultTTY
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	if !term.IsTerminal(int(f.Fd())) {
		f.Close()
		return nil, &os.PathError{Op: "open", Path: path, Err: syscall.ENOTTY}
	}
	t := &fileTerminal{File: f, resized: make(chan os.Signal, 1)}
	signal.Notify(t.resized, syscall.SIGWINCH)
	return t, nil
}

func (t *fileTerminal) Size() (int, int, error) { return term.GetSize(int(t.Fd())) }

func (t *fileTerminal) Raw() (func() error, error) {
	st, err := term.MakeRaw(int(t.Fd()))
	if err != nil {
		return nil, err
	}
	return func() error { return term.Restore(int(t.Fd()), st) }, nil
}

func (t *fileTerminal) Resized() <-chan os.Signal { return t.resized }

func (t *fileTerminal) Close() error {
	signal.Stop(t.resized)
	return t.File.Close()
}
