package source

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestKernelStateIsNotRead: a file system of kernel state is never read,
// whatever its files are called or however they are reached: given as a
// source, linked from a folder of notes (a folder or a file), or mounted
// below a source. /proc/self/status is a regular file anyone can read;
// /proc/kmsg, which root can open, blocks a read for ever.
func TestKernelStateIsNotRead(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("pseudo file systems are told apart on Linux")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc here")
	}
	notes := t.TempDir()
	write(t, filepath.Join(notes, "disk.txt"), "df -h   # free disk space\n")
	for link, target := range map[string]string{"status": "/proc/self/status", "kmsg": "/proc/kmsg", "proc": "/proc", "kernel": "/sys/kernel"} {
		if err := os.Symlink(target, filepath.Join(notes, link)); err != nil {
			t.Fatal(err)
		}
	}
	set := New(Options{Paths: []string{notes, "/proc"}, NoBundled: true})
	snips, reports, err := set.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(snips) != 1 || snips[0].Command != "df -h" {
		t.Errorf("snippets %+v", snips)
	}
	refused := map[string]bool{}
	for _, r := range reports {
		if errors.Is(r.Err, ErrPseudoFS) {
			refused[r.Path] = true
			continue
		}
		if r.Err == nil && r.Path != filepath.Join(notes, "disk.txt") {
			t.Errorf("%s was read (%+v)", r.Path, r)
		}
	}
	for _, p := range []string{"/proc", filepath.Join(notes, "status"), filepath.Join(notes, "proc"), filepath.Join(notes, "kernel")} {
		if !refused[p] {
			t.Errorf("%s: not refused as kernel state; reports %+v", p, reports)
		}
	}
	if _, _, err := ReadFile("/proc/self/status"); !errors.Is(err, ErrPseudoFS) || !strings.Contains(err.Error(), "proc file system") {
		t.Errorf("ReadFile(/proc/self/status) = %v", err)
	}
}

// TestReadAbandonedAtDeadline: a read that blocks is given up at its
// deadline, with ErrTimeout, and the reader is not left waiting for ever.
// A pipe with a writer that writes nothing is a real read that blocks.
func TestReadAbandonedAtDeadline(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	done := make(chan error, 1)
	go func() {
		_, err := readWithin(r, 0, 50*time.Millisecond)
		r.Close()
		done <- err
	}()
	// The bound is only against a hang: the deadline is 50 ms.
	select {
	case err := <-done:
		if !errors.Is(err, ErrTimeout) {
			t.Fatalf("blocked read: %v, want ErrTimeout", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("a blocked read was never abandoned")
	}
}

// TestSourceCaps: a source far larger than notes is read only in part,
// with one error that says how to narrow it, whether it is too many files
// or too many bytes; the files it does read are the same every time.
func TestSourceCaps(t *testing.T) {
	root := t.TempDir()
	for i := range 30 {
		write(t, filepath.Join(root, fmt.Sprintf("d%d", i%3), fmt.Sprintf("n%02d.txt", i)), fmt.Sprintf("echo %d   # say %d\n", i, i))
	}
	load := func() (int, []error) {
		set := New(Options{Paths: []string{root}, NoBundled: true})
		snips, reports, err := set.Load(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var errs []error
		for _, r := range reports {
			if r.Err != nil {
				errs = append(errs, r.Err)
			}
		}
		return len(snips), errs
	}
	defer func(e int, b int64) { maxEntries, maxSourceBytes = e, b }(maxEntries, maxSourceBytes)

	maxEntries = 20
	n, errs := load()
	if n == 0 || n >= 30 || len(errs) != 1 || !errors.Is(errs[0], ErrTooMany) ||
		!strings.Contains(errs[0].Error(), "give how the folders that hold your notes instead") {
		t.Errorf("over %d entries: %d snippets, errors %v", maxEntries, n, errs)
	}
	if again, _ := load(); again != n {
		t.Errorf("capped by files: %d snippets, then %d", n, again)
	}

	maxEntries, maxSourceBytes = 100_000, 200
	n, errs = load()
	if n == 0 || n >= 30 || len(errs) != 1 || !errors.Is(errs[0], ErrTooMany) || !strings.Contains(errs[0].Error(), "over 200 bytes to read") {
		t.Errorf("over %d bytes: %d snippets, errors %v", maxSourceBytes, n, errs)
	}
	if again, _ := load(); again != n {
		t.Errorf("capped by bytes: %d snippets, then %d", n, again)
	}
}

// TestPathsGivenTwice: a path given more than once (HOW_PATH of 10,000
// entries naming 2,000 folders) is walked once.
func TestPathsGivenTwice(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "n.txt"), "df -h   # free disk space\n")
	var paths []string
	for range 1000 {
		paths = append(paths, root, root+"/", filepath.Join(root, "."))
	}
	set := New(Options{Paths: paths, NoBundled: true})
	if len(set.opts.Paths) != 1 {
		t.Errorf("%d paths kept of %d", len(set.opts.Paths), len(paths))
	}
}
