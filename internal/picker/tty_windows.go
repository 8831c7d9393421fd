//go:build windows

package picker

import (
	"os"

	"golang.org/x/sys/windows"
	"golang.org/x/term"
)

// DefaultTTY names the console; the picker reads CONIN$ and draws on
// CONOUT$, whatever its standard streams are.
const DefaultTTY = "CONIN$"

type consoleTerminal struct {
	in, out *os.File
}

// OpenTerminal opens the console (path is ignored unless it names another
// input device) for reading keys and drawing. Untested: how's picker is
// tested on Linux only.
func OpenTerminal(path string) (Terminal, error) {
	if path == "" {
		path = DefaultTTY
	}
	in, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	out, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		in.Close()
		return nil, err
	}
	return &consoleTerminal{in: in, out: out}, nil
}

func (t *consoleTerminal) Read(p []byte) (int, error)  { return t.in.Read(p) }
func (t *consoleTerminal) Write(p []byte) (int, error) { return t.out.Write(p) }
func (t *consoleTerminal) Size() (int, int, error)     { return term.GetSize(int(t.out.Fd())) }

func (t *consoleTerminal) Raw() (func() error, error) {
	st, err := term.MakeRaw(int(t.in.Fd()))
	if err != nil {
		return nil, err
	}
	// Escape sequences must be interpreted, not printed.
	h := windows.Handle(t.out.Fd())
	var mode uint32
	restoreOut := func() error { return nil }
	if windows.GetConsoleMode(h, &mode) == nil {
		if windows.SetConsoleMode(h, mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING) == nil {
			restoreOut = func() error { return windows.SetConsoleMode(h, mode) }
		}
	}
	return func() error {
		restoreOut()
		return term.Restore(int(t.in.Fd()), st)
	}, nil
}

func (t *consoleTerminal) Resized() <-chan os.Signal { return nil }

func (t *consoleTerminal) Close() error {
	t.out.Close()
	return t.in.Close()
}
