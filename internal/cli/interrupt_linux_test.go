//go:build linux

package cli_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/gofrs/flock"
	"golang.org/x/sys/unix"

	"github.com/howcli/how/internal/cache"
)

// TestInterruptExits130: Ctrl-C (SIGINT) during a search that has to
// build its index first exits 130, like fzf and the shells, with nothing
// on stdout. The signal comes once the build holds its lock; if this
// machine finishes the build before the signal lands, the test says so
// and skips.
func TestInterruptExits130(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	s := newSandbox(t)
	genNotes(t, s.notes, 3000)
	r := interruptAtLock(t, s, time.Minute)
	var ee *exec.ExitError
	switch {
	case r.early || r.err == nil:
		t.Skip("the search finished before the interrupt")
	case !errors.As(r.err, &ee) || ee.ExitCode() != 130:
		t.Fatalf("interrupted: %v (stderr %q); want exit status 130", r.err, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout %q after an interrupt", r.stdout)
	}
}

// TestInterruptLockWait: Ctrl-C while how waits for another process's
// build (a real lock, held here) exits 130 at once, with nothing on
// stdout, rather than wait out the time it gives the other process
// (cache.DefaultWait).
func TestInterruptLockWait(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	s := newSandbox(t)
	genNotes(t, s.notes, 5)
	lockPath := filepath.Join(s.cache, "index", "build.lock")
	if err := os.MkdirAll(filepath.Dir(lockPath), 0o755); err != nil {
		t.Fatal(err)
	}
	held := flock.New(lockPath)
	if ok, err := held.TryLock(); !ok || err != nil {
		t.Fatalf("lock %s: %v %v", lockPath, ok, err)
	}
	defer held.Unlock()
	r := interruptAtLock(t, s, cache.DefaultWait/2)
	var ee *exec.ExitError
	switch {
	case r.early:
		t.Fatalf("how exited without waiting for the lock (%v); stdout %q, stderr %q", r.err, r.stdout, r.stderr)
	case !errors.As(r.err, &ee) || ee.ExitCode() != 130:
		t.Fatalf("interrupted while waiting for the lock: %v (stdout %q, stderr %q); want exit status 130", r.err, r.stdout, r.stderr)
	case r.stdout != "":
		t.Errorf("stdout %q after an interrupt", r.stdout)
	}
}

// interrupted is how a search interrupted at its build lock ended.
type interrupted struct {
	// early is set when the search exited before it tried the lock.
	early          bool
	err            error
	stdout, stderr string
}

// interruptAtLock starts a search in s and sends it SIGINT (Ctrl-C) once
// it has tried its build lock, the moment it builds or waits for another
// process's build. A search that has not exited within the time given
// after the signal has ignored it: the test fails.
func interruptAtLock(t *testing.T, s *sandbox, within time.Duration) interrupted {
	t.Helper()
	dir := filepath.Join(s.cache, "index")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	opened := watchOpens(t, dir, "build.lock")
	cmd := s.command("journalctl", "follow")
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case <-opened:
	case err := <-exited:
		return interrupted{early: true, err: err, stdout: stdout.String(), stderr: stderr.String()}
	case <-time.After(time.Minute):
		t.Fatal("how never tried the build lock")
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		return interrupted{err: err, stdout: stdout.String(), stderr: stderr.String()}
	case <-time.After(within):
		t.Fatalf("how ignored the interrupt for %v; stderr %q", within, stderr.String())
		return interrupted{}
	}
}

// watchOpens reports, on the channel it returns, each time a process
// opens the file dir/name, which is how a test sees how reach its build
// lock (opened at each try). dir must exist; the watch ends with the test.
func watchOpens(t *testing.T, dir, name string) <-chan struct{} {
	t.Helper()
	fd, err := unix.InotifyInit1(unix.IN_CLOEXEC)
	if err != nil {
		t.Skip("no inotify:", err)
	}
	if _, err := unix.InotifyAddWatch(fd, dir, unix.IN_OPEN); err != nil {
		unix.Close(fd)
		t.Fatal(err)
	}
	opened := make(chan struct{}, 1)
	stop := make(chan struct{})
	finished := make(chan struct{})
	t.Cleanup(func() { close(stop); <-finished; unix.Close(fd) })
	go func() {
		defer close(finished)
		buf := make([]byte, 4096)
		for {
			// Polled, so that the watch ends when the test does.
			n, err := unix.Poll([]unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}, 50)
			select {
			case <-stop:
				return
			default:
			}
			if err != nil || n == 0 {
				continue
			}
			n, err = unix.Read(fd, buf)
			if err != nil {
				return
			}
			for off := 0; off+unix.SizeofInotifyEvent <= n; {
				ev := (*unix.InotifyEvent)(unsafe.Pointer(&buf[off]))
				end := off + unix.SizeofInotifyEvent + int(ev.Len)
				got := strings.TrimRight(string(buf[off+unix.SizeofInotifyEvent:end]), "\x00")
				off = end
				if got == name {
					select {
					case opened <- struct{}{}:
					default:
					}
				}
			}
		}
	}()
	return opened
}
