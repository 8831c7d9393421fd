// Package iostreams is where commands read and write: stdin, stdout and
// stderr, with what they are connected to (a terminal or not, how wide),
// and whether colour is on. Commands never touch os.Stdout themselves, so
// tests can hand them buffers and pretend to be either a terminal or a
// pipe.
package iostreams

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/mattn/go-isatty"
	"golang.org/x/term"
)

// Color modes, as given to --color.
const (
	ColorAuto   = "auto"
	ColorAlways = "always"
	ColorNever  = "never"
)

// DefaultWidth is assumed when the terminal's width cannot be found out.
const DefaultWidth = 80

// IOStreams holds a command's input and outputs.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	// fds for terminal queries; -1 when the stream is not a file.
	inFd, outFd, errFd int

	stdinTTY, stdoutTTY, stderrTTY *bool
	width                          int // 0 = ask the terminal
	colorMode                      string
	getenv                         func(string) string
}

// System returns the process's real streams. HOW_FORCE_TTY makes stdout
// and stderr count as terminals even when they are not (testscript cannot
// attach one): "1" or "true", or a number, which is then also the width.
func System() *IOStreams {
	s := &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		inFd: int(os.Stdin.Fd()), outFd: int(os.Stdout.Fd()), errFd: int(os.Stderr.Fd()),
		colorMode: ColorAuto,
		getenv:    os.Getenv,
	}
	if v := os.Getenv("HOW_FORCE_TTY"); v != "" && v != "0" && v != "false" {
		s.SetStdoutTTY(true)
		// stderr too: progress and hints go there, and tests check them.
		s.SetStderrTTY(true)
		if n, err := strconv.Atoi(v); err == nil && n > 1 {
			s.width = n
		}
	}
	return s
}

// Test returns streams backed by buffers, none of them a terminal, colour
// decided as for a pipe, and an environment of its own (see SetEnv), so
// tests do not depend on the machine they run on.
func Test() (s *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	s = &IOStreams{
		In: in, Out: out, ErrOut: errOut,
		inFd: -1, outFd: -1, errFd: -1,
		colorMode: ColorAuto,
		getenv:    func(string) string { return "" },
	}
	s.SetStdinTTY(false)
	s.SetStdoutTTY(false)
	s.SetStderrTTY(false)
	return s, in, out, errOut
}

// SetEnv replaces the environment colour decisions read (NO_COLOR and the
// like); tests use it to pin them.
func (s *IOStreams) SetEnv(getenv func(string) string) { s.getenv = getenv }

func isTerminal(fd int) bool {
	return fd >= 0 && (isatty.IsTerminal(uintptr(fd)) || isatty.IsCygwinTerminal(uintptr(fd)))
}

// IsStdinTTY reports whether stdin is a terminal.
func (s *IOStreams) IsStdinTTY() bool {
	if s.stdinTTY != nil {
		return *s.stdinTTY
	}
	return isTerminal(s.inFd)
}

// IsStdoutTTY reports whether stdout is a terminal.
func (s *IOStreams) IsStdoutTTY() bool {
	if s.stdoutTTY != nil {
		return *s.stdoutTTY
	}
	return isTerminal(s.outFd)
}

// IsStderrTTY reports whether stderr is a terminal.
func (s *IOStreams) IsStderrTTY() bool {
	if s.stderrTTY != nil {
		return *s.stderrTTY
	}
	return isTerminal(s.errFd)
}

// SetStdinTTY overrides terminal detection for stdin.
func (s *IOStreams) SetStdinTTY(v bool) { s.stdinTTY = &v }

// SetStdoutTTY overrides terminal detection for stdout.
func (s *IOStreams) SetStdoutTTY(v bool) { s.stdoutTTY = &v }

// SetStderrTTY overrides terminal detection for stderr.
func (s *IOStreams) SetStderrTTY(v bool) { s.stderrTTY = &v }

// SetColorMode sets the --color mode: auto, always or never.
func (s *IOStreams) SetColorMode(mode string) error {
	switch mode {
	case ColorAuto, ColorAlways, ColorNever:
		s.colorMode = mode
		return nil
	}
	return fmt.Errorf("invalid color mode %q: want auto, always or never", mode)
}

// ColorEnabled reports whether output to stdout may be coloured. --color
// always/never wins; otherwise NO_COLOR (any value) turns colour off,
// CLICOLOR_FORCE (not "0") turns it on even for a pipe, CLICOLOR=0 or
// TERM=dumb turn it off, and else colour follows whether stdout is a
// terminal.
func (s *IOStreams) ColorEnabled() bool { return s.colorFor(s.IsStdoutTTY()) }

func (s *IOStreams) colorFor(tty bool) bool {
	switch s.colorMode {
	case ColorAlways:
		return true
	case ColorNever:
		return false
	}
	if s.getenv("NO_COLOR") != "" {
		return false
	}
	if v := s.getenv("CLICOLOR_FORCE"); v != "" && v != "0" {
		return true
	}
	if s.getenv("CLICOLOR") == "0" || s.getenv("TERM") == "dumb" {
		return false
	}
	return tty
}

// TerminalWidth is stdout's width in columns: the terminal's, else
// COLUMNS, else DefaultWidth.
func (s *IOStreams) TerminalWidth() int {
	if s.width > 0 {
		return s.width
	}
	if s.outFd >= 0 && isTerminal(s.outFd) {
		if w, _, err := term.GetSize(s.outFd); err == nil && w > 0 {
			return w
		}
	}
	if n, err := strconv.Atoi(strings.TrimSpace(s.getenv("COLUMNS"))); err == nil && n > 0 {
		return n
	}
	return DefaultWidth
}

// SetTerminalWidth pins the width, for tests.
func (s *IOStreams) SetTerminalWidth(w int) { s.width = w }

// ColorScheme returns the styles for stdout, which do nothing when colour
// is off.
func (s *IOStreams) ColorScheme() *ColorScheme {
	return &ColorScheme{enabled: s.ColorEnabled()}
}

// StderrColorScheme returns the styles for stderr, decided as for stdout
// but by whether stderr is a terminal: `how tar | head` still gets its
// warnings in colour, and `how tar 2>log` does not.
func (s *IOStreams) StderrColorScheme() *ColorScheme {
	return &ColorScheme{enabled: s.colorFor(s.IsStderrTTY())}
}
