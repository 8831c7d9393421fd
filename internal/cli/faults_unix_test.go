//go:build unix

package cli_test

// Faults the index must survive, with real processes: rebuilds killed at
// random moments, queries racing a rebuild, and a disk that fills up in
// the middle of a build.

import (
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestFaultsRandomKills kills `how index` with SIGKILL at 15 random moments
// of its run; after each, the next query answers from the index that was
// live before, at once.
func TestFaultsRandomKills(t *testing.T) {
	if testing.Short() {
		t.Skip("rebuilds an index many times")
	}
	t.Parallel()
	s := newSandbox(t)
	genNotes(t, s.notes, 600)
	const want = "journalctl -u app0300 -f"
	query := []string{"follow", "app0300", "logs"}
	first := s.expect(want, query...)
	// The rebuild takes about as long as the first build did.
	span := first.took
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	for i := 0; i < 15; i++ {
		cmd := s.command("index")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Int63n(int64(span) + 1))
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		r := s.expect(want, query...)
		if r.took > 5*time.Second {
			t.Errorf("kill %d (after %v): the next query took %v", i, delay, r.took)
		}
	}
	// Whatever the kills left behind, a full rebuild still works and
	// clears it.
	if r := s.run("index"); r.code != 0 {
		t.Fatalf("how index after the kills: exit %d: %s", r.code, r.stderr)
	}
	s.expect(want, query...)
	s.onlyBuild()
}

// TestFaultsQueriesDuringRebuild starts eight queries while another
// process rebuilds for changed notes: none hangs, and each answers
// within seconds, from the new index or the one it replaces.
func TestFaultsQueriesDuringRebuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large index")
	}
	t.Parallel()
	s := newSandbox(t)
	genNotes(t, s.notes, 1500)
	const want = "journalctl -u app0700 -f"
	query := []string{"-n", "1", "follow", "app0700", "logs"}
	s.expect(want, query[2:]...)
	s.write("added.md", note("wombat"))
	rebuild := s.command("index")
	if err := rebuild.Start(); err != nil {
		t.Fatal(err)
	}
	for !s.lockHeld() {
		time.Sleep(5 * time.Millisecond)
	}
	var wg sync.WaitGroup
	results := make([]result, 8)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = s.run(query...)
		}(i)
	}
	wg.Wait()
	if err := rebuild.Wait(); err != nil {
		t.Fatalf("the rebuild failed: %v", err)
	}
	for i, r := range results {
		if r.code != 0 || r.stdout != want+"\n" {
			t.Errorf("query %d: exit %d, stdout %q, stderr %q", i, r.code, r.stdout, r.stderr)
		}
		if r.took > 5*time.Second {
			t.Errorf("query %d took %v", i, r.took)
		}
		if strings.Count(r.stderr, "\n") > 1 {
			t.Errorf("query %d: more than one warning line: %q", i, r.stderr)
		}
	}
	s.expect(noteCommand("wombat"), "mirror", "wombat", "archive")
}

// TestFaultsDiskFull builds into a cache on a tiny tmpfs that fills up
// during the rebuild: the build fails cleanly, the previous index keeps
// answering, and nothing is left behind that breaks the next build.
func TestFaultsDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("mounts a tmpfs")
	}
	t.Parallel()
	s := newSandbox(t)
	mnt := filepath.Join(s.root, "small")
	if err := os.MkdirAll(mnt, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (needs root): %v: %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", "-l", mnt).Run() })
	s.cache = mnt
	s.setenv("HOW_CACHE_DIR", mnt)
	genNotes(t, s.notes, 40)
	const want = "journalctl -u app0020 -f"
	query := []string{"follow", "app0020", "logs"}
	s.expect(want, query...)

	// Enough new notes that the next build cannot fit beside the live one.
	if err := os.MkdirAll(filepath.Join(s.notes, "more"), 0o755); err != nil {
		t.Fatal(err)
	}
	genNotes(t, filepath.Join(s.notes, "more"), 3000)
	r := s.run("index")
	if r.code == 0 {
		t.Skipf("the rebuild fit in the tmpfs after all: %s", r.stdout)
	}
	if !strings.Contains(r.stderr, "space") && !strings.Contains(r.stderr, "memory") {
		t.Logf("how index on a full disk: exit %d, %q", r.code, r.stderr)
	}
	// The notes changed, so a query rebuilds; with no room it answers from
	// memory with a warning. With the new notes gone again, the previous
	// index is current once more and answers as before, silently.
	q := s.run(append([]string{"-n", "1"}, query...)...)
	if q.code != 0 || q.stdout != want+"\n" {
		t.Fatalf("query on a full disk: exit %d, stdout %q, stderr %q", q.code, q.stdout, q.stderr)
	}
	if err := os.RemoveAll(filepath.Join(s.notes, "more")); err != nil {
		t.Fatal(err)
	}
	s.expect(want, query...)
}
