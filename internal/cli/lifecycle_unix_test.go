//go:build unix

package cli_test

// The lifecycle tests that need Unix: SIGKILL, and file permissions (with
// another user to run as when the tests run as root).

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/howcli/how/internal/testfiles"
)

// TestLifecycleKilledRebuild kills rebuilds (started by a query, or by how
// index) with SIGKILL at several points: while the sources are read, as
// the new index directory appears, while its segment is written, and half
// way through by the clock. Each time the previous index is still the
// live one and answers, unchanged, as soon as the sources are back to
// what it was built for; and the next query on the changed sources is
// right, with what the killed builds left removed.
func TestLifecycleKilledRebuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large index several times")
	}
	t.Parallel()
	s := newSandbox(t)
	// About 0.5 s to build here: long enough for every kill point.
	genNotes(t, s.notes, 1000)
	const old = "journalctl -u app0500 -f"
	query := []string{"follow", "app0500", "logs"}
	r := s.expect(old, query...)
	buildTime := r.took
	live := s.live()
	t.Logf("initial build and query: %v", buildTime)

	points := []struct {
		name     string
		reliable bool // a phase long enough that the kill must land in it
		reached  func(fresh []string, since time.Duration) bool
	}{
		{"reading the sources", true, func(fresh []string, _ time.Duration) bool {
			return len(fresh) == 0 && s.lockHeld()
		}},
		{"segment folder created", true, func(fresh []string, _ time.Duration) bool {
			return len(fresh) > 0
		}},
		{"segment written", false, func(fresh []string, _ time.Duration) bool {
			for _, f := range fresh {
				if m, _ := filepath.Glob(filepath.Join(s.indexDir(), f, "*.zap")); len(m) > 0 {
					return true
				}
			}
			return false
		}},
		{"half way by the clock", false, func(_ []string, since time.Duration) bool {
			return since >= buildTime/2
		}},
	}
	for i, p := range points {
		s.write("added.md", note("quokka"))
		var cmd *exec.Cmd
		if i%2 == 0 {
			cmd = s.command("quokka")
		} else {
			cmd = s.command("index")
		}
		known := s.builds()
		start := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		killed := false
	poll:
		for deadline := start.Add(30 * time.Second); time.Now().Before(deadline); {
			select {
			case <-exited:
				break poll
			default:
			}
			var fresh []string
			for _, b := range s.builds() {
				if !slices.Contains(known, b) {
					fresh = append(fresh, b)
				}
			}
			if p.reached(fresh, time.Since(start)) {
				killed = cmd.Process.Signal(syscall.SIGKILL) == nil
				break
			}
			time.Sleep(time.Millisecond)
		}
		<-exited
		ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if !killed || !ok || !ws.Signaled() || s.live() != live {
			if p.reliable {
				t.Fatalf("%s: the build was not killed there (%v; live %s, was %s)", p.name, cmd.ProcessState, s.live(), live)
			}
			// The build won the race (it published before the kill
			// landed): its index is live now, for the changed sources.
			// Go on from there.
			t.Logf("%s: the build published before the kill (after %v)", p.name, time.Since(start))
			s.remove("added.md")
			s.expect(old, query...)
			live = s.live()
			continue
		}
		t.Logf("%s: killed after %v; left %v", p.name, time.Since(start).Round(time.Millisecond), s.builds())
		s.remove("added.md")
		s.expect(old, query...)
		if s.live() != live {
			t.Errorf("%s: the previous index was not reused (now %s)", p.name, s.live())
		}
	}

	s.write("added.md", note("quokka"))
	s.expect(noteCommand("quokka"), "quokka")
	s.expect(old, query...)
	s.onlyBuild()
}

// TestLifecycleReadOnlyCache: an index already built in a cache that is
// now read-only is used as it is, without a warning (it is opened
// read-only anyway); a stale one is replaced, for this query, by an index
// built in memory, with one line saying so; and a cache directory that
// cannot be created is the same.
func TestLifecycleReadOnlyCache(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	s := newSandbox(t)
	if os.Getuid() == 0 {
		// Permissions do not bind root: run how as nobody.
		asNobody(t, s)
	}
	s.write("a.md", note("zebra"))
	s.expect(noteCommand("zebra"), "zebra")
	live := s.live()
	chmod(t, s.indexDir(), 0o500)

	// Up to date: opened read-only, as always, with nothing to say.
	s.expect(noteCommand("zebra"), "zebra")

	// Stale, and no way to save a new build.
	s.write("b.md", note("quokka"))
	r := s.run("-n", "1", "quokka")
	if r.code != 0 || r.stdout != noteCommand("quokka")+"\n" {
		t.Errorf("exit %d, stdout %q", r.code, r.stdout)
	}
	if !regexp.MustCompile(`^how: warning: [^\n]*` + regexp.QuoteMeta(s.indexDir()) + `[^\n]*permission denied; using a temporary in-memory index\n$`).MatchString(r.stderr) {
		t.Errorf("stderr %q; want one line about the cache and memory", r.stderr)
	}
	if s.live() != live {
		t.Errorf("current moved in a read-only cache")
	}

	// A cache directory that cannot even be created.
	chmod(t, s.indexDir(), 0o755)
	parent := filepath.Join(s.root, "ro")
	if err := os.Mkdir(parent, 0o755); err != nil {
		t.Fatal(err)
	}
	if s.sys != nil {
		chown(t, parent, s.sys.Credential)
	}
	chmod(t, parent, 0o500)
	s.setenv("HOW_CACHE_DIR", filepath.Join(parent, "how"))
	r = s.run("-n", "1", "quokka")
	if r.code != 0 || r.stdout != noteCommand("quokka")+"\n" || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "permission denied; using a temporary in-memory index") {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// asNobody makes s run how as the user nobody, with everything it needs
// (a copy of the binary, the sandbox) readable or owned by that user.
func asNobody(t *testing.T, s *sandbox) {
	t.Helper()
	cred := &syscall.Credential{Uid: 65534, Gid: 65534}
	probe := exec.Command("/bin/true")
	probe.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if err := probe.Run(); err != nil {
		t.Skipf("running as root and cannot switch to nobody: %v", err)
	}
	// The sandbox and the binary live in folders only root may enter.
	dir, err := os.MkdirTemp("", "how-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	chmod(t, dir, 0o755)
	src, err := os.Open(s.bin)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	bin := filepath.Join(dir, "how")
	if err := testfiles.WriteExecutable(bin, src); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, "sandbox")
	if err := os.CopyFS(root, os.DirFS(s.root)); err != nil {
		t.Fatal(err)
	}
	for i, kv := range s.env {
		s.env[i] = strings.ReplaceAll(kv, s.root, root)
	}
	s.root, s.notes, s.cache, s.bin = root, filepath.Join(root, "notes"), filepath.Join(root, "cache"), bin
	s.sys = &syscall.SysProcAttr{Credential: cred}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			err = os.Lchown(p, int(cred.Uid), int(cred.Gid))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func chmod(t *testing.T, p string, mode fs.FileMode) {
	t.Helper()
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	// Let the temporary directory be removed afterwards.
	t.Cleanup(func() { os.Chmod(p, 0o755) })
}

func chown(t *testing.T, p string, c *syscall.Credential) {
	t.Helper()
	if err := os.Chown(p, int(c.Uid), int(c.Gid)); err != nil {
		t.Fatal(err)
	}
}
