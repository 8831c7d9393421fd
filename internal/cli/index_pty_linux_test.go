//go:build linux

package cli_test

import (
	"io"
	"strings"
	"testing"

	"github.com/howcli/how/internal/ptytest"
)

// TestIndexCommandTerminal runs how index with stderr on a real
// pseudo-terminal and stdout on a pipe: progress is drawn on the terminal
// and erased, and the summary alone goes down the pipe.
func TestIndexCommandTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	s := newSandbox(t)
	genNotes(t, s.notes, 40)
	master, slave, err := ptytest.Open()
	if err != nil {
		t.Skip("no pseudo-terminal:", err)
	}
	defer master.Close()
	cmd := s.command("index")
	var stdout strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, slave
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Only the child may hold the terminal open, so that reading it ends
	// (with EIO) when the child does.
	slave.Close()
	screen := make(chan string)
	go func() {
		b, _ := io.ReadAll(master)
		screen <- string(b)
	}()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	got := <-screen
	if !strings.HasPrefix(stdout.String(), "indexed 200 commands (200 distinct) from 40 files in ") {
		t.Errorf("stdout %q", stdout.String())
	}
	for _, want := range []string{"\rreading  [", "40/40 files", "\rindexing [", " 200 commands "} {
		if !strings.Contains(got, want) {
			t.Errorf("terminal shows %q; want %q in it", got, want)
		}
	}
	if !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("the progress line was not erased: %q", got)
	}
}
