package clipboard

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/howcli/how/internal/ptytest"
)

// TestCopyOSC52Pty writes the OSC 52 sequence to a real pseudo-terminal and
// reads the bytes back from its other end, as a terminal emulator would.
func TestCopyOSC52Pty(t *testing.T) {
	master, slave, err := ptytest.Open()
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	defer master.Close()
	defer slave.Close()
	text := "ssh -L 8080:localhost:80 web1"
	got, err := Copy(text, Options{Getenv: env("SSH_TTY", slave.Name()), Terminal: slave})
	if err != nil || got.String() != "sent to the terminal (OSC 52)" {
		t.Fatalf("got %q, %v", got, err)
	}
	want := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)) + "\a"
	buf := make([]byte, 0, 256)
	master.SetReadDeadline(time.Now().Add(5 * time.Second))
	for !strings.Contains(string(buf), want) {
		b := make([]byte, 256)
		n, err := master.Read(b)
		if err != nil {
			t.Fatalf("read pty: %v (got %q so far)", err, buf)
		}
		buf = append(buf, b[:n]...)
	}
}
