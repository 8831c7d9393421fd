//go:build unix

package source

import (
	"errors"
	"net"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A FIFO would block a reader forever; it must be refused from its mode.
func TestReadFileFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip(err)
	}
	if _, _, err := ReadFile(p); !errors.Is(err, ErrNotRegular) {
		t.Fatalf("ReadFile(fifo) error = %v, want ErrNotRegular", err)
	}
}

// A socket given as a source is refused for what it is, not with the
// "no such device or address" opening one gives.
func TestReadFileSocket(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sock")
	l, err := net.Listen("unix", p)
	if err != nil {
		t.Skip(err)
	}
	defer l.Close()
	if _, _, err := ReadFile(p); !errors.Is(err, ErrNotRegular) || !strings.HasSuffix(err.Error(), "is not a regular file (a socket)") {
		t.Fatalf("ReadFile(socket) error = %v, want ErrNotRegular", err)
	}
}
