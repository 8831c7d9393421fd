package cli_test

// End-to-end tests of the index's life: real notes in a real HOW_PATH
// folder, real index directories in a real cache, and real how processes
// (this test binary, which TestMain puts on PATH as "how"), started,
// raced, locked out and killed.

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gofrs/flock"

	"github.com/howcli/how/internal/index"
)

// sandbox is one user's world: notes, a cache and a config directory, and
// an environment that points how at them and at nothing else.
type sandbox struct {
	t     *testing.T
	root  string
	notes string // HOW_PATH
	cache string // HOW_CACHE_DIR
	bin   string
	env   []string
	// sys, when set, is given to every process (to run how as another
	// user, for one).
	sys *syscall.SysProcAttr
}

func newSandbox(t *testing.T) *sandbox {
	t.Helper()
	bin, err := exec.LookPath("how")
	if err != nil {
		t.Fatalf("how is not on PATH (TestMain puts it there): %v", err)
	}
	root := t.TempDir()
	s := &sandbox{
		t:     t,
		root:  root,
		notes: filepath.Join(root, "notes"),
		cache: filepath.Join(root, "cache"),
		bin:   bin,
	}
	if err := os.MkdirAll(s.notes, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		// how's settings stay out, and so does the session the tests run
		// in: inside tmux or over SSH, how -c would copy into the
		// developer's own tmux buffer or terminal.
		if strings.HasPrefix(k, "HOW_") || strings.HasPrefix(k, "XDG_") || strings.HasPrefix(k, "CLICOLOR") ||
			strings.HasPrefix(k, "SSH_") || strings.HasPrefix(k, "TMUX") ||
			k == "NO_COLOR" || k == "COLUMNS" || k == "HOME" || k == "STY" || k == "DISPLAY" || k == "WAYLAND_DISPLAY" {
			continue
		}
		s.env = append(s.env, kv)
	}
	s.env = append(s.env,
		"HOME="+filepath.Join(root, "home"),
		"HOW_CONFIG_DIR="+filepath.Join(root, "config"),
		"HOW_NO_BUNDLED=1",
	)
	s.setenv("HOW_CACHE_DIR", s.cache)
	s.setenv("HOW_PATH", s.notes)
	return s
}

// setenv sets (or with "" clears) a variable for the processes to come.
func (s *sandbox) setenv(k, v string) {
	s.env = slices.DeleteFunc(s.env, func(kv string) bool { return strings.HasPrefix(kv, k+"=") })
	if v != "" {
		s.env = append(s.env, k+"="+v)
	}
}

func (s *sandbox) command(args ...string) *exec.Cmd {
	cmd := exec.Command(s.bin, args...)
	cmd.Env = s.env
	cmd.Dir = s.root
	cmd.SysProcAttr = s.sys
	return cmd
}

type result struct {
	code           int
	stdout, stderr string
	took           time.Duration
}

// run runs how to the end. A how that outlives runTimeout is a hang: it
// is killed and the test fails.
func (s *sandbox) run(args ...string) result {
	s.t.Helper()
	return s.finish(s.command(args...), "how "+strings.Join(args, " "))
}

// finish runs cmd, what the messages call what, as run runs how.
func (s *sandbox) finish(cmd *exec.Cmd, what string) result {
	s.t.Helper()
	// A hang detector, not a budget: the slowest run (TestBadInput's
	// first build, under -race on two busy cores) takes over half a
	// minute, and a hang is caught as well after five.
	const runTimeout = 5 * time.Minute
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	timer := time.AfterFunc(runTimeout, func() { _ = cmd.Process.Kill() })
	err := cmd.Wait()
	timer.Stop()
	r := result{stdout: stdout.String(), stderr: stderr.String(), took: time.Since(start)}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee) && ee.Exited():
		r.code = ee.ExitCode()
	case err != nil:
		s.t.Fatalf("%s: %v (after %v; stderr %q)", what, err, r.took, r.stderr)
	}
	return r
}

// expect runs a query and checks its answer: the first command printed,
// or with want "" an exit status of 1 and nothing printed. Stderr must
// be empty: a fresh or reused index is nothing to warn about.
func (s *sandbox) expect(want string, args ...string) result {
	s.t.Helper()
	r := s.run(append([]string{"-n", "1"}, args...)...)
	switch {
	case want == "" && (r.code != 1 || r.stdout != ""):
		s.t.Errorf("how %s: exit %d, stdout %q; want no match", strings.Join(args, " "), r.code, r.stdout)
	case want != "" && (r.code != 0 || r.stdout != want+"\n"):
		s.t.Errorf("how %s: exit %d, stdout %q; want %q", strings.Join(args, " "), r.code, r.stdout, want)
	}
	if r.stderr != "" {
		s.t.Errorf("how %s: stderr %q", strings.Join(args, " "), r.stderr)
	}
	return r
}

func (s *sandbox) write(name, text string) {
	s.t.Helper()
	p := filepath.Join(s.notes, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *sandbox) remove(name string) {
	s.t.Helper()
	if err := os.Remove(filepath.Join(s.notes, name)); err != nil {
		s.t.Fatal(err)
	}
}

func (s *sandbox) indexDir() string { return filepath.Join(s.cache, "index") }

// manifest is the path of the manifest of the set the last build was
// for (the newest), "" if none.
func (s *sandbox) manifest() string {
	found, _ := filepath.Glob(filepath.Join(s.indexDir(), "set-*"))
	newest, at := "", time.Time{}
	for _, f := range found {
		info, err := os.Stat(f)
		if err != nil || strings.Contains(filepath.Base(f), ".tmp-") {
			continue
		}
		if newest == "" || info.ModTime().After(at) {
			newest, at = f, info.ModTime()
		}
	}
	return newest
}

// liveParts are the segment folders the manifest names.
func (s *sandbox) liveParts() []string {
	m := s.manifest()
	if m == "" {
		return nil
	}
	parts, _, err := index.ManifestParts(m)
	if err != nil {
		return nil
	}
	return parts
}

// live names the live segments, "" if none: it changes whenever one is
// rebuilt.
func (s *sandbox) live() string { return strings.Join(s.liveParts(), " ") }

// liveSeg is the folder of the first live segment: in a sandbox (no
// bundled sheets, a folder of fewer than 400 notes), the only one.
func (s *sandbox) liveSeg() string {
	s.t.Helper()
	parts := s.liveParts()
	if len(parts) == 0 {
		s.t.Fatal("no live segment")
	}
	return filepath.Join(s.indexDir(), parts[0])
}

// builds lists the segment folders in the cache, whole or being written.
func (s *sandbox) builds() []string {
	s.t.Helper()
	entries, err := os.ReadDir(s.indexDir())
	if err != nil {
		s.t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), "seg-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// onlyBuild checks that the cache holds the live segments alone, and
// nothing left over from an interrupted build.
func (s *sandbox) onlyBuild() {
	s.t.Helper()
	if b, live := s.builds(), slices.Sorted(slices.Values(s.liveParts())); !slices.Equal(b, live) {
		s.t.Errorf("segments %v, live %v; want the live ones alone", b, live)
	}
	if m, _ := filepath.Glob(filepath.Join(s.indexDir(), "*.tmp-*")); len(m) > 0 {
		s.t.Errorf("leftovers: %v", m)
	}
}

// lockHeld reports whether some process holds the build lock.
func (s *sandbox) lockHeld() bool {
	fl := flock.New(filepath.Join(s.indexDir(), "build.lock"))
	defer fl.Close()
	ok, err := fl.TryLock()
	return err == nil && !ok
}

// note is a note with one command that the word alone finds.
func note(word string) string {
	return fmt.Sprintf("# %s\n\n```\nrsync -a /srv/%s/ backup:/%s/   # mirror the %s archive\n```\n", word, word, word, word)
}

func noteCommand(word string) string { return fmt.Sprintf("rsync -a /srv/%s/ backup:/%s/", word, word) }

// genNotes writes n notes of five commands each into dir, every command
// unique, so that building their index takes a while.
func genNotes(t *testing.T, dir string, n int) {
	t.Helper()
	for i := range n {
		text := fmt.Sprintf("# Service app%04d\n\nRestart the service:\n\n    systemctl restart app%04d.service\n\n```\n"+
			"journalctl -u app%04d -f        # follow app%04d logs\n"+
			"grep -rn \"ERR%04d\" /var/log/app%04d/   # find errors of app%04d\n"+
			"curl -sS http://host%04d:8080/health   # check health of app%04d\n"+
			"tar -czf /backup/app%04d.tgz /srv/app%04d   # back up app%04d\n```\n",
			i, i, i, i, i, i, i, i, i, i, i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("gen%04d.md", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLifecycleFreshness: every change to the notes (a note added, edited
// without changing its size, moved, put in a new folder, deleted) is
// answered by the very next query, with no `how index` and no warning; a
// query on unchanged notes reuses the index; and every rebuild leaves one
// build directory behind.
func TestLifecycleFreshness(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	s := newSandbox(t)
	s.write("a.md", note("zebra"))
	s.expect(noteCommand("zebra"), "zebra")
	first := s.live()
	if first == "" {
		t.Fatal("no index after the first query")
	}
	s.expect(noteCommand("zebra"), "zebra")
	if s.live() != first {
		t.Errorf("unchanged notes were indexed again: %s, then %s", first, s.live())
	}

	s.write("b.md", note("quokka"))
	s.expect(noteCommand("quokka"), "quokka")
	s.expect(noteCommand("zebra"), "zebra")
	s.onlyBuild()

	// Same length, so the same size: only the modification time tells.
	before, _ := os.Stat(filepath.Join(s.notes, "a.md"))
	s.write("a.md", note("okapi"))
	after, _ := os.Stat(filepath.Join(s.notes, "a.md"))
	if after.Size() != before.Size() {
		t.Fatalf("edit changed the size: %d, %d", before.Size(), after.Size())
	}
	if after.ModTime().Equal(before.ModTime()) {
		t.Skip("this file system's timestamps are too coarse to see an edit")
	}
	s.expect(noteCommand("okapi"), "okapi")
	s.expect("", "zebra")

	s.write(filepath.Join("new", "folder", "c.md"), note("wombat"))
	s.expect(noteCommand("wombat"), "wombat")

	if err := os.Rename(filepath.Join(s.notes, "a.md"), filepath.Join(s.notes, "renamed.md")); err != nil {
		t.Fatal(err)
	}
	r := s.run("--json", "-n", "1", "okapi")
	var got []struct{ Command, Source string }
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || len(got) != 1 || filepath.Base(got[0].Source) != "renamed.md" {
		t.Errorf("after a rename: %s (%v)", r.stdout, err)
	}

	s.remove("b.md")
	s.expect("", "quokka")
	s.expect(noteCommand("wombat"), "wombat")
	s.onlyBuild()

	// Every note gone: the folder is still a source, with nothing in it.
	s.remove("renamed.md")
	s.remove(filepath.Join("new", "folder", "c.md"))
	s.expect("", "okapi")
	s.expect("", "wombat")
}

// TestLifecycleConcurrentStart: processes started together on an empty
// cache all answer, none falls back to memory or warns, and one build is
// left. A `how index` started with them is served by the same lock.
func TestLifecycleConcurrentStart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	s := newSandbox(t)
	// Enough notes that the builds overlap rather than run one by one.
	genNotes(t, s.notes, 200)
	const want = "journalctl -u app0150 -f\n"
	for round, withIndex := range []bool{false, false, true} {
		s.setenv("HOW_CACHE_DIR", filepath.Join(s.root, fmt.Sprintf("cache%d", round)))
		s.cache = filepath.Join(s.root, fmt.Sprintf("cache%d", round))
		const n = 4
		cmds := make([]*exec.Cmd, n)
		outs, errs := make([]strings.Builder, n), make([]strings.Builder, n)
		for i := range n {
			if withIndex && i == 0 {
				cmds[i] = s.command("index")
			} else {
				cmds[i] = s.command("-n", "1", "follow", "app0150", "logs")
			}
			cmds[i].Stdout, cmds[i].Stderr = &outs[i], &errs[i]
		}
		for _, c := range cmds {
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
		}
		for i, c := range cmds {
			if err := c.Wait(); err != nil {
				t.Errorf("round %d, process %d (%v): %v; stderr %q", round, i, c.Args[1:], err, errs[i].String())
			}
			if errs[i].Len() > 0 {
				t.Errorf("round %d, process %d (%v) warned: %q", round, i, c.Args[1:], errs[i].String())
			}
			if c.Args[1] == "index" {
				if !strings.HasPrefix(outs[i].String(), "indexed 1000 commands (1000 distinct) from 200 files") {
					t.Errorf("round %d: how index printed %q", round, outs[i].String())
				}
			} else if outs[i].String() != want {
				t.Errorf("round %d, process %d answered %q, want %q", round, i, outs[i].String(), want)
			}
		}
		s.onlyBuild()
	}
}

// TestLifecycleDamagedIndex damages the live index in place: garbage over
// every file, every file truncated, the segment alone zeroed or emptied,
// garbage inside the segment with its footer intact, and the values file
// beside it emptied or overwritten. The next query says so in one line,
// rebuilds, and answers right; the one after says nothing.
func TestLifecycleDamagedIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	garbage := func(n int64) []byte { return []byte(strings.Repeat("garbage!", int(n/8)+1)[:n]) }
	tests := []struct {
		name   string
		files  string // glob in the live segment's folder, or "manifest"
		damage func(size int64) (data []byte, keepTail int64)
	}{
		{"garbage over every file", "*", func(n int64) ([]byte, int64) { return garbage(n), 0 }},
		{"every file truncated to half", "*", func(n int64) ([]byte, int64) { return nil, n / 2 }},
		{"every file emptied", "*", func(int64) ([]byte, int64) { return nil, 0 }},
		{"segment zeroed", "*.zap", func(n int64) ([]byte, int64) { return make([]byte, n), 0 }},
		{"segment emptied", "*.zap", func(int64) ([]byte, int64) { return nil, 0 }},
		{"segment garbage, footer intact", "*.zap", func(n int64) ([]byte, int64) { return garbage(n - 64), -64 }},
		{"manifest emptied", "manifest", func(int64) ([]byte, int64) { return nil, 0 }},
		{"manifest garbage", "manifest", func(n int64) ([]byte, int64) { return garbage(n), 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newSandbox(t)
			s.write("a.md", note("zebra"))
			genNotes(t, s.notes, 20)
			s.expect(noteCommand("zebra"), "zebra")
			// A damaged segment is rebuilt alone; a damaged manifest is
			// written again from the segments as they are.
			damaged := s.liveSeg()
			files := []string{}
			if tt.files == "manifest" {
				damaged = s.manifest()
				files = append(files, damaged)
			} else {
				found, err := filepath.Glob(filepath.Join(damaged, tt.files))
				if err != nil {
					t.Fatal(err)
				}
				files = found
			}
			if len(files) == 0 {
				t.Fatalf("no files to damage in %s", damaged)
			}
			for _, f := range files {
				damage(t, f, tt.damage)
			}

			r := s.run("-n", "1", "zebra")
			if r.code != 0 || r.stdout != noteCommand("zebra")+"\n" {
				t.Errorf("damaged (%v): exit %d, stdout %q, stderr %q", files, r.code, r.stdout, r.stderr)
			}
			warn := regexp.MustCompile(`^how: warning: the index in ` + regexp.QuoteMeta(damaged) + ` is damaged \([^\n]+\); rebuilt it\n$`)
			if !warn.MatchString(r.stderr) {
				t.Errorf("stderr %q; want one line saying the index was damaged", r.stderr)
			}
			if tt.files != "manifest" && slices.Contains(s.liveParts(), filepath.Base(damaged)) {
				t.Error("the manifest still names the damaged segment")
			}
			s.onlyBuild()
			s.expect(noteCommand("zebra"), "zebra")
			s.expect("journalctl -u app0007 -f", "follow", "app0007", "logs")
		})
	}
}

// damage rewrites the file at p: data from the start, then the last
// keepTail bytes if keepTail < 0, or the first keepTail bytes of the
// original if data is nil.
func damage(t *testing.T, p string, fn func(size int64) ([]byte, int64)) {
	t.Helper()
	orig, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	data, keep := fn(int64(len(orig)))
	switch {
	case data == nil:
		data = orig[:keep]
	case keep < 0:
		data = append(data, orig[int64(len(orig))+keep:]...)
	}
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestLifecycleUnwritableCache: with a cache directory that cannot be
// created, a query still answers, from an index built in memory, with one
// line saying so, and how index fails. (TestLifecycleReadOnlyCache is the
// same with permissions.)
func TestLifecycleUnwritableCache(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	s := newSandbox(t)
	s.write("a.md", note("zebra"))
	file := filepath.Join(s.root, "file")
	if err := os.WriteFile(file, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.setenv("HOW_CACHE_DIR", filepath.Join(file, "how"))
	for range 2 {
		r := s.run("-n", "1", "zebra")
		if r.code != 0 || r.stdout != noteCommand("zebra")+"\n" {
			t.Errorf("exit %d, stdout %q", r.code, r.stdout)
		}
		want := `^how: warning: cannot create cache directory ` + regexp.QuoteMeta(filepath.Join(file, "how", "index")) + `: not a directory; using a temporary in-memory index\n$`
		if !regexp.MustCompile(want).MatchString(r.stderr) {
			t.Errorf("stderr %q, want %s", r.stderr, want)
		}
	}
	// how index cannot do its job, and says so with its exit status.
	r := s.run("index")
	if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "in-memory") || !strings.HasSuffix(r.stderr, "how: the index was built in memory only and not saved\n") {
		t.Errorf("how index: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// TestLifecycleLockBounded: a query never waits long on another
// process's locks. With the build lock held, an up-to-date index answers
// at once; a lock on the live index's files is no concern of a reader's;
// and a stale index with the build lock held past the wait answers from
// memory with a warning.
func TestLifecycleLockBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes, and waits out a lock")
	}
	t.Parallel()
	hold := func(t *testing.T, p string) {
		t.Helper()
		fl := flock.New(p)
		if ok, err := fl.TryLock(); !ok || err != nil {
			t.Fatalf("lock %s: %v %v", p, ok, err)
		}
		t.Cleanup(func() { fl.Close() })
	}
	t.Run("build lock, index up to date", func(t *testing.T) {
		t.Parallel()
		s := newSandbox(t)
		s.write("a.md", note("zebra"))
		s.expect(noteCommand("zebra"), "zebra")
		hold(t, filepath.Join(s.indexDir(), "build.lock"))
		r := s.expect(noteCommand("zebra"), "zebra")
		// Readers never take the build lock, so there is nothing to
		// wait for; a second would already be a wait.
		if r.took > 2*time.Second {
			t.Errorf("query took %v with the build lock held", r.took)
		}
	})
	t.Run("lock on the live index's segment", func(t *testing.T) {
		// Readers take no lock on a published index (it never changes),
		// so another process locking its files changes nothing.
		t.Parallel()
		s := newSandbox(t)
		s.write("a.md", note("zebra"))
		s.expect(noteCommand("zebra"), "zebra")
		locked := s.live()
		hold(t, filepath.Join(s.liveSeg(), "segment.zap"))
		r := s.run("-n", "1", "zebra")
		if r.code != 0 || r.stdout != noteCommand("zebra")+"\n" || r.stderr != "" {
			t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
		}
		if r.took > 2*time.Second || s.live() != locked {
			t.Errorf("query took %v; live %s (locked %s)", r.took, s.live(), locked)
		}
	})
	t.Run("build lock, index stale", func(t *testing.T) {
		t.Parallel()
		s := newSandbox(t)
		s.write("a.md", note("zebra"))
		s.expect(noteCommand("zebra"), "zebra")
		live := s.live()
		hold(t, filepath.Join(s.indexDir(), "build.lock"))
		s.write("b.md", note("quokka"))
		// Another process is rebuilding (it holds the lock): rather than
		// wait for it, the query answers at once from the previous index,
		// which knows zebra but not the new quokka yet, and says so.
		for _, q := range []struct{ word, want string }{{"zebra", noteCommand("zebra")}, {"quokka", ""}} {
			r := s.run("-n", "1", q.word)
			if q.want != "" && (r.code != 0 || r.stdout != q.want+"\n") || q.want == "" && (r.code != 1 || r.stdout != "") {
				t.Errorf("%s: exit %d, stdout %q", q.word, r.code, r.stdout)
			}
			if r.stderr != "how: warning: another process is rebuilding the index; answered from the previous one\n" {
				t.Errorf("%s: stderr %q", q.word, r.stderr)
			}
			if r.took > 3*time.Second {
				t.Errorf("%s: query took %v", q.word, r.took)
			}
		}
		if s.live() != live {
			t.Error("a build was published while another process held the lock")
		}
	})
}

// TestIndexCommand: how index rebuilds even when nothing changed, prints
// one summary line on stdout, draws progress on stderr only when stderr
// is a terminal, and leaves one build directory.
func TestIndexCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	s := newSandbox(t)
	genNotes(t, s.notes, 40)
	s.write("a.md", note("zebra"))
	// Leftovers of a killed build, for how index to clear.
	if err := os.MkdirAll(filepath.Join(s.indexDir(), "seg-killed.tmp-1"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.indexDir(), "set-killed.tmp-1-2"), []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	summary := regexp.MustCompile(`^indexed 201 commands \(201 distinct\) from 41 files in [0-9.]+m?s: ` + regexp.QuoteMeta(s.indexDir()) + `/(set-\S+)\n$`)

	var lives []string
	check := func(mode string, r result) {
		t.Helper()
		m := summary.FindStringSubmatch(r.stdout)
		if r.code != 0 || m == nil {
			t.Fatalf("%s: exit %d, stdout %q, stderr %q", mode, r.code, r.stdout, r.stderr)
		}
		if m[1] != filepath.Base(s.manifest()) || slices.Contains(lives, s.live()) {
			t.Errorf("%s: built %s (segments %s); live %s; earlier builds %v", mode, m[1], s.live(), s.manifest(), lives)
		}
		lives = append(lives, s.live())
		s.onlyBuild()
	}

	r := s.run("index")
	check("piped", r)
	if r.stderr != "" {
		t.Errorf("piped: exit %d, stderr %q", r.code, r.stderr)
	}

	s.setenv("HOW_FORCE_TTY", "1")
	r = s.run("index")
	s.setenv("HOW_FORCE_TTY", "")
	check("HOW_FORCE_TTY", r)
	progress := regexp.MustCompile(`^(\r(reading  \[[#.]{24}\] \d+/41 files|indexing \[[#.]{24}\] 201 commands) \d+\.\ds\x1b\[K)+\r\x1b\[K$`)
	if !progress.MatchString(r.stderr) || !strings.Contains(r.stderr, "41/41 files") || !strings.Contains(r.stderr, "indexing") {
		t.Errorf("HOW_FORCE_TTY: stderr %q", r.stderr)
	}

	s.expect(noteCommand("zebra"), "zebra")
	if got := s.live(); got != lives[len(lives)-1] {
		t.Errorf("the query after how index rebuilt again: %s", got)
	}
}

// TestLifecycleSlowBuildSaysSo: a query that waits on a build of over
// half a second says so on a terminal, with progress, on one line that
// is erased before the answer; piped, and on an index up to date, stderr
// stays empty.
func TestLifecycleSlowBuildSaysSo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large index")
	}
	t.Parallel()
	s := newSandbox(t)
	genNotes(t, s.notes, 3000)
	s.setenv("HOW_FORCE_TTY", "1")
	s.setenv("NO_COLOR", "1")
	r := s.run("-n", "1", "follow", "app2500", "logs")
	if r.code != 0 || !strings.Contains(r.stdout, "journalctl -u app2500 -f") {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	// Only a build that outlasts the half second is shown: on a machine
	// that builds faster, there is nothing to see.
	if r.took > time.Second {
		line := regexp.MustCompile(`^(\rbuilding the index: (reading  \[[#.]{24}\] \d+/3000 files|indexing \[[#.]{24}\] \d+ commands) \d+\.\ds\x1b\[K)+\r\x1b\[K$`)
		if !line.MatchString(r.stderr) {
			t.Errorf("a build of %v: stderr %q", r.took, r.stderr)
		}
	}
	if r := s.run("-n", "1", "follow", "app2500", "logs"); r.stderr != "" {
		t.Errorf("up to date: stderr %q", r.stderr)
	}
	s.setenv("HOW_FORCE_TTY", "")
	s.write("extra.md", note("zebra"))
	if r := s.run("index"); r.code != 0 || r.stderr != "" {
		t.Errorf("piped: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestLifecycleOneSegmentRebuilt: a folder of 900 notes is indexed in
// shares (segments) of about 400; an edited note rebuilds its share's
// segment alone, and so does a command saved with how add (the personal
// sheet's); the others are reused as they are.
func TestLifecycleOneSegmentRebuilt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large index")
	}
	t.Parallel()
	s := newSandbox(t)
	s.setenv("HOW_DATA_DIR", filepath.Join(s.root, "data"))
	genNotes(t, s.notes, 900)
	if r := s.run("add", "-d", "list the zebras", "--", "ls /zoo/zebras"); r.code != 0 {
		t.Fatalf("how add: exit %d, stderr %q", r.code, r.stderr)
	}
	s.expect("ls /zoo/zebras", "list", "zebras")
	before := s.liveParts()
	if len(before) < 3 {
		t.Fatalf("segments %v: want the personal sheet's and the notes' shares", before)
	}
	rebuilt := func(what string) {
		t.Helper()
		now := s.liveParts()
		changed := 0
		for i := range now {
			if i >= len(before) || now[i] != before[i] {
				changed++
			}
		}
		if len(now) != len(before) || changed != 1 {
			t.Errorf("%s: segments %v became %v; want one rebuilt", what, before, now)
		}
		s.onlyBuild()
		before = now
	}
	s.write("gen0450.md", note("okapi"))
	s.expect(noteCommand("okapi"), "okapi")
	rebuilt("an edited note")
	if r := s.run("add", "-d", "count the okapis", "--", "wc -l /zoo/okapis"); r.code != 0 {
		t.Fatalf("how add: exit %d, stderr %q", r.code, r.stderr)
	}
	s.expect("wc -l /zoo/okapis", "count", "okapis")
	rebuilt("how add")
}
