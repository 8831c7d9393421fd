package cmdutil

import (
	"errors"
	"fmt"
)

// ErrNoMatch means the query (or name) matched nothing: exit 1, nothing on
// stdout.
var ErrNoMatch = errors.New("no match")

// ErrSilent means an error whose message was already printed: exit 2.
var ErrSilent = errors.New("silent error")

// ErrCancelled means the user cancelled (Ctrl-C, Esc in a picker): exit
// 130.
var ErrCancelled = errors.New("cancelled")

// NoMatchError is ErrNoMatch with a hint for a person at a terminal.
type NoMatchError struct {
	Hint string
	// Always prints the hint even when stdout is not a terminal: a lookup
	// by name (how show NAME) that finds nothing is worth saying, unlike a
	// search that a script runs to see whether anything matches.
	Always bool
}

func (e *NoMatchError) Error() string { return e.Hint }

// Is makes errors.Is(err, ErrNoMatch) true.
func (e *NoMatchError) Is(target error) bool { return target == ErrNoMatch }

// FlagError is a usage mistake: a bad flag, a missing argument. Exit 2, and
// the message points to --help.
type FlagError struct {
	Err error
}

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// FlagErrorf makes a FlagError.
func FlagErrorf(format string, args ...any) error {
	return &FlagError{Err: fmt.Errorf(format, args...)}
}

// AnnotationNoConfig, set on a command, lets it run without reading the
// config file: version and help must work while config.toml is broken.
const AnnotationNoConfig = "how:noconfig"
