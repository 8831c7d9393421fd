//go:build unix

package cli_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// runRSS runs how to the end, as run does, and returns also the most
// memory the process held, in kilobytes.
//
// A child's peak as wait4 reports it starts from its parent's: Go starts
// a process with vfork, sharing the parent's memory until the exec, and
// Linux carries that memory's high-water mark over the exec. The test
// process, with other tests' indexes in it, would lend how its hundreds
// of megabytes. So how is started by how-peak, a fresh small process,
// which reports the peak of its own child.
func (s *sandbox) runRSS(args ...string) (result, int64) {
	s.t.Helper()
	peak := filepath.Join(s.t.TempDir(), "peak")
	cmd := s.command(args...)
	cmd.Path, cmd.Args = "", append([]string{"how-peak", peak, s.bin}, args...)
	if p, err := exec.LookPath("how-peak"); err == nil {
		cmd.Path = p
	} else {
		s.t.Fatal(err)
	}
	r := s.finish(cmd, "how "+strings.Join(args, " "))
	data, err := os.ReadFile(peak)
	if err != nil {
		s.t.Fatalf("how-peak wrote no peak: %v", err)
	}
	kb, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
	if err != nil {
		s.t.Fatal(err)
	}
	return r, kb
}

func init() { extraCommands["how-peak"] = peakMain }

// peakMain is how-peak FILE PROGRAM ARGS...: it runs PROGRAM with its
// standard streams, writes the most memory it held (kilobytes) to FILE
// and exits as it did.
func peakMain() {
	if len(os.Args) < 3 {
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[2], os.Args[3:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "how-peak:", err)
		os.Exit(2)
	}
	var kb int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		kb = int64(ru.Maxrss)
	}
	if err := os.WriteFile(os.Args[1], []byte(strconv.FormatInt(kb, 10)), 0o644); err != nil {
		os.Exit(2)
	}
	os.Exit(cmd.ProcessState.ExitCode())
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip(err)
	}
}

// TestSpecialFilesWhereSmallOnesAreExpected: a FIFO, a link to /dev/zero
// or a sparse file of gigabytes where how expects a small regular file of
// its own or the user's (the personal sheet, config.toml, the cache's
// pointer, values and segment) never hangs how, never grows it, and never
// loses the user's file: each is an error naming it, or, in the cache,
// which how can rebuild, a rebuild.
func TestSpecialFilesWhereSmallOnesAreExpected(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	s := newSandbox(t)
	data := filepath.Join(s.root, "data")
	s.setenv("HOW_DATA_DIR", data)
	s.write("disk.txt", "df -h   # free disk space\n")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	personal := filepath.Join(data, "personal.md")

	// The personal sheet as a FIFO, then linked to /dev/zero.
	mkfifo(t, personal)
	r := s.run("add", "-d", "list files", "--", "ls", "-la")
	if r.code != 2 || r.stderr != "how: "+personal+": is not a regular file\n" {
		t.Errorf("add to a FIFO: exit %d, stderr %q", r.code, r.stderr)
	}
	if r = s.run("edit"); r.code != 2 || !strings.Contains(r.stderr, "is not a regular file") {
		t.Errorf("edit a FIFO: exit %d, stderr %q", r.code, r.stderr)
	}
	os.Remove(personal)
	if err := os.Symlink("/dev/zero", personal); err != nil {
		t.Fatal(err)
	}
	r, rss := s.runRSS("add", "-d", "list files", "--", "ls", "-la")
	if r.code != 2 || r.stderr != "how: "+personal+": is not a regular file\n" || rss > 200<<10 {
		t.Errorf("add to /dev/zero: exit %d, stderr %q, %d MB", r.code, r.stderr, rss>>10)
	}
	if target, err := os.Readlink(personal); err != nil || target != "/dev/zero" {
		t.Errorf("the link was replaced: %q %v", target, err)
	}
	os.Remove(personal)

	// config.toml as a FIFO: every query, and how init, say so at once.
	cfg := filepath.Join(s.root, "config", "config.toml")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o755); err != nil {
		t.Fatal(err)
	}
	mkfifo(t, cfg)
	if r := s.run("free", "disk"); r.code != 2 || r.stderr != "how: "+cfg+": is not a regular file\n" {
		t.Errorf("a query with a FIFO config: exit %d, stderr %q", r.code, r.stderr)
	}
	// how init prints its script whatever the config's state, so that a
	// shell still starts.
	if r := s.run("init", "bash"); r.code != 0 || !strings.Contains(r.stderr, cfg+": is not a regular file") {
		t.Errorf("how init with a FIFO config: exit %d, stderr %q", r.code, r.stderr)
	}
	os.Remove(cfg)

	// The cache's files: each as a FIFO, and the pointer as a sparse file
	// of 2 GB. The query answers from a rebuilt index.
	s.expect("df -h", "free", "disk")
	for _, name := range []string{"manifest", "segment.zap", "values"} {
		f := filepath.Join(s.liveSeg(), name)
		if name == "manifest" {
			f = s.manifest()
		}
		if _, err := os.Stat(f); err != nil {
			t.Fatalf("no %s in the cache: %v", f, err)
		}
		os.Remove(f)
		mkfifo(t, f)
		r := s.run("-n", "1", "free", "disk")
		if r.code != 0 || r.stdout != "df -h\n" {
			t.Errorf("%s a FIFO: exit %d, stdout %q, stderr %q", name, r.code, r.stdout, r.stderr)
		}
		t.Logf("%s a FIFO: %s", name, r.stderr)
	}
	// The manifest as a sparse file of 2 GB: not read.
	manifest := s.manifest()
	os.Remove(manifest)
	sparse, err := os.Create(manifest)
	if err != nil {
		t.Fatal(err)
	}
	if err := sparse.Truncate(2 << 30); err != nil {
		t.Fatal(err)
	}
	sparse.Close()
	if r, rss := s.runRSS("-n", "1", "free", "disk"); r.code != 0 || r.stdout != "df -h\n" || rss > 200<<10 {
		t.Errorf("manifest sparse: exit %d, stdout %q, stderr %q, %d MB", r.code, r.stdout, r.stderr, rss>>10)
	}

	// What the freshness check learnt about a folder, as a FIFO: a sweep.
	states, _ := filepath.Glob(filepath.Join(s.cache, "sources", "sources-*"))
	if len(states) == 0 {
		t.Fatal("no freshness state in the cache")
	}
	for _, st := range states {
		os.Remove(st)
		mkfifo(t, st)
	}
	if r := s.run("-n", "1", "free", "disk"); r.code != 0 || r.stdout != "df -h\n" {
		t.Errorf("state a FIFO: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}

	// Another tool's configuration, which sources --discover and edit
	// read, as a FIFO: a warning naming it.
	tealdeer := filepath.Join(s.root, "tealdeer")
	if err := os.MkdirAll(tealdeer, 0o755); err != nil {
		t.Fatal(err)
	}
	mkfifo(t, filepath.Join(tealdeer, "config.toml"))
	s.setenv("TEALDEER_CONFIG_DIR", tealdeer)
	if r := s.run("sources", "--discover"); !strings.Contains(r.stderr, filepath.Join(tealdeer, "config.toml")+": ") || !strings.Contains(r.stderr, "is not a regular file") {
		t.Errorf("discover with a FIFO config: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestCacheOfAnotherUser: an index another user built in the cache (how
// run with sudo once) is whole, only not this user's to read: how says
// so, not that it is damaged, and answers from an index built in memory.
// Its two files are private alike, so it is never half readable.
func TestCacheOfAnotherUser(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	if os.Getuid() != 0 {
		t.Skip("needs root, to build as one user and read as another")
	}
	t.Parallel()
	s := newSandbox(t)
	s.write("disk.txt", "df -h   # free disk space\n")
	asNobody(t, s)
	nobody := s.sys
	s.sys = nil // root builds the index
	s.expect("df -h", "free", "disk")
	build := s.manifest()
	for _, f := range []string{build, filepath.Join(s.liveSeg(), "values"), filepath.Join(s.liveSeg(), "segment.zap")} {
		info, err := os.Stat(f)
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v; want private (0600)", f, err)
			continue
		}
	}
	s.sys = nobody
	r := s.run("-n", "1", "free", "disk")
	if r.code != 0 || r.stdout != "df -h\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "how: warning: cannot read the index in "+build+" (permission denied)\n") || strings.Contains(r.stderr, "damaged") {
		t.Errorf("stderr %q", r.stderr)
	}
}
