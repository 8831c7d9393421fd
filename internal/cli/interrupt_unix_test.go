//go:build unix

package cli_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKernelStateLinkDoesNotHang: a link in a folder of notes to
// /proc/kmsg, whose read blocks for ever (for root, who can open it), once
// hung every query, and a Ctrl-C with it. It is kernel state, never read:
// the query answers, naming the link once (it is named as a note would be;
// a file of a folder named otherwise is only counted among the skipped).
func TestKernelStateLinkDoesNotHang(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	if os.Getuid() != 0 {
		t.Skip("only root can open /proc/kmsg, and only its read blocks")
	}
	if _, err := os.Stat("/proc/kmsg"); err != nil {
		t.Skip("no /proc/kmsg here")
	}
	t.Parallel()
	s := newSandbox(t)
	s.write("disk.txt", "df -h   # free disk space\n")
	if err := os.Symlink("/proc/kmsg", filepath.Join(s.notes, "kmsg.txt")); err != nil {
		t.Fatal(err)
	}
	r := s.run("-n", "1", "free", "disk", "space")
	if r.code != 0 || r.stdout != "df -h\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if want := "how: warning: " + filepath.Join(s.notes, "kmsg.txt") + ": is kernel state, not notes; not read (on the proc file system)\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
}

// TestInterruptAbandonsLoad: the first Ctrl-C abandons a load at once,
// even while a worker is in the middle of one long file, rather than when
// the workers finish (a worker in a read that blocks never does). Time is
// measured without a clock that the machine's load moves: the CPU the
// interrupted process spent, against what reading the note costs.
func TestInterruptAbandonsLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	s := newSandbox(t)
	var b strings.Builder
	for i := range 60000 {
		fmt.Fprintf(&b, "ls -la /srv/d%d   # list folder %d\n", i, i)
	}
	s.write("long.txt", b.String())
	cmd := s.command("list", "folder", "1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The build lock is taken just before the sources are read.
	deadline := time.Now().Add(time.Minute)
	for !s.lockHeld() {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the build never started")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Fatalf("interrupted: %v; want exit status 130", err)
	}
	interrupted := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()

	// What reading the note costs: extracting it, alone.
	read := s.command("extract", "--json", filepath.Join(s.notes, "long.txt"))
	if err := read.Run(); err != nil {
		t.Fatal(err)
	}
	whole := read.ProcessState.UserTime() + read.ProcessState.SystemTime()
	t.Logf("interrupted: %v of CPU; reading the note: %v", interrupted, whole)
	if interrupted > whole/2 {
		t.Errorf("interrupted, how spent %v of CPU, reading the note %v: the load went on after the Ctrl-C", interrupted, whole)
	}
}
