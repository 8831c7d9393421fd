//go:build linux

package picker

import (
	"context"
	"io"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/howcli/how/internal/ptytest"
)

// TestRunOnPTY runs the picker on a real pseudo-terminal opened by name,
// as /dev/tty is: keys in at the master, the screen out of it. The
// terminal starts in the mode bash and fish leave it in for a widget
// (no echo, no canonical mode) and must be left exactly as it was found.
func TestRunOnPTY(t *testing.T) {
	master, slave, err := ptytest.Open()
	if err != nil {
		t.Skip("no pseudo-terminal:", err)
	}
	defer master.Close()
	defer slave.Close()
	if err := ptytest.SetSize(slave, 20, 70); err != nil {
		t.Fatal(err)
	}
	before, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	before.Lflag &^= unix.ECHO | unix.ICANON
	before.Iflag &^= unix.ICRNL
	if err := unix.IoctlSetTermios(int(slave.Fd()), unix.TCSETS, before); err != nil {
		t.Fatal(err)
	}

	screen := ptytest.Read(master)
	waitScreen := func(want string) {
		t.Helper()
		screen.WaitFor(t, want)
	}

	term, err := OpenTerminal(slave.Name())
	if err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	type outcome struct {
		res Result
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := Run(context.Background(), Options{Terminal: term, Query: "journalctl",
			Search: fakeSearch(items("journalctl -f", "journalctl -k -f", "tar xf a.tar")), Enter: "insert"})
		done <- outcome{res, err}
	}()
	waitScreen("how> journalctl")
	waitScreen("does journalctl")
	// Keypad-mode Down, then the query refined, then Enter as CR.
	io.WriteString(master, "\x1bOB")
	waitScreen("2/2")
	io.WriteString(master, " k")
	waitScreen("1/1")
	io.WriteString(master, "\r")
	var o outcome
	select {
	case o = <-done:
	case <-time.After(ptytest.Timeout):
		t.Fatal("the picker did not end")
	}
	if o.err != nil || o.res.Action != Chosen || o.res.Item.Value != "journalctl -k -f" {
		t.Errorf("got %+v, %v", o.res, o.err)
	}
	waitScreen("\x1b[?1049l")
	after, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if after.Lflag != before.Lflag || after.Iflag != before.Iflag || after.Oflag != before.Oflag {
		t.Errorf("terminal mode not restored: lflag %#x→%#x iflag %#x→%#x oflag %#x→%#x",
			before.Lflag, after.Lflag, before.Iflag, after.Iflag, before.Oflag, after.Oflag)
	}
}
