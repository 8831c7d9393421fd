//go:build unix

package source

import (
	"errors"
	"path/filepath"
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
