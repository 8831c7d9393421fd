//go:build unix

package sheet

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/howcli/how/internal/snippet"
)

// TestWriteRefusesFIFO: a FIFO named like a page Write would replace is
// refused, naming it, at once: reading it would wait for a writer for
// ever.
func TestWriteRefusesFIFO(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "ls.md")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip(err)
	}
	err := Write(dir, []snippet.Snippet{{Command: "ls", Tool: "ls"}})
	if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "is not a regular file") {
		t.Fatalf("Write over a FIFO: %v", err)
	}
}
