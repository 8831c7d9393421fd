package cache

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gofrs/flock"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/index/indextest"
	"github.com/howcli/how/internal/snippet"
)

// loader counts how often Ensure asked for the snippets, which is how the
// tests tell a rebuild from a reuse besides the directory name.
type loader struct {
	calls atomic.Int32
	snips []snippet.Snippet
	err   error
}

func (l *loader) load() ([]snippet.Snippet, error) {
	l.calls.Add(1)
	return l.snips, l.err
}

func fixtureLoader() *loader { return &loader{snips: indextest.Fixture()} }

func ensure(t *testing.T, cdir, fp string, l *loader) *Opened {
	t.Helper()
	ix, err := Ensure(context.Background(), cdir, fp, l.load)
	if err != nil {
		t.Fatalf("Ensure(%q): %v", fp, err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// buildDirs lists the build directories in cdir.
func buildDirs(t *testing.T, cdir string) []string {
	t.Helper()
	entries, err := os.ReadDir(cdir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), dirPrefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

func docCount(t *testing.T, ix *Opened) int {
	t.Helper()
	n, err := ix.Len()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestEnsureBuildsThenReuses(t *testing.T) {
	cdir := filepath.Join(t.TempDir(), "cdir")
	l := fixtureLoader()
	first := ensure(t, cdir, "fp1", l)
	if !first.Built || first.Dir == "" || len(first.Warnings) != 0 {
		t.Fatalf("first Ensure: Built=%v Dir=%q Warnings=%q", first.Built, first.Dir, first.Warnings)
	}
	if filepath.Dir(first.Dir) != cdir {
		t.Errorf("index built in %s, not in %s", first.Dir, cdir)
	}
	if cur, err := (&cache{dir: cdir}).readCurrent(); err != nil || cur != filepath.Base(first.Dir) {
		t.Errorf("current = %q, %v; want %s", cur, err, filepath.Base(first.Dir))
	}
	if docCount(t, first) != len(indextest.Fixture()) {
		t.Errorf("DocCount = %d", docCount(t, first))
	}
	first.Close()

	again := ensure(t, cdir, "fp1", l)
	if again.Built || again.Dir != first.Dir || l.calls.Load() != 1 {
		t.Errorf("second Ensure rebuilt: Built=%v Dir=%q (was %q), load called %d times", again.Built, again.Dir, first.Dir, l.calls.Load())
	}
	if got := buildDirs(t, cdir); len(got) != 1 {
		t.Errorf("build directories: %v", got)
	}
}

func TestEnsureRebuildsWhenStale(t *testing.T) {
	cdir := t.TempDir()
	l := fixtureLoader()
	old := ensure(t, cdir, "fp1", l)
	oldDir := old.Dir
	old.Close()

	l.snips = l.snips[:5]
	fresh := ensure(t, cdir, "fp2", l)
	if !fresh.Built || fresh.Dir == oldDir {
		t.Fatalf("changed fingerprint did not rebuild: %+v", fresh)
	}
	if docCount(t, fresh) != 5 {
		t.Errorf("rebuilt index has %d documents, want 5", docCount(t, fresh))
	}
	if _, err := os.Stat(oldDir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("old build %s still there (%v)", oldDir, err)
	}
	if got := buildDirs(t, cdir); len(got) != 1 {
		t.Errorf("build directories: %v", got)
	}
}

func TestEnsureForce(t *testing.T) {
	cdir := t.TempDir()
	l := fixtureLoader()
	a := ensure(t, cdir, "fp", l)
	a.Close()
	b, err := EnsureWith(context.Background(), cdir, "fp", l.load, EnsureOptions{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if !b.Built || b.Dir == a.Dir {
		t.Errorf("Force did not rebuild: %+v", b)
	}
}

func TestEnsureStaleSchema(t *testing.T) {
	cdir := t.TempDir()
	old := filepath.Join(cdir, dirPrefix+"s0-bleve2.4.0-0123456789abcdef-1")
	if err := index.Build(old, indextest.Fixture()[:3]); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Base(old), filepath.Join(cdir, currentName)); err != nil {
		t.Skip("no symlinks:", err)
	}
	ix := ensure(t, cdir, "fp", fixtureLoader())
	if !ix.Built || docCount(t, ix) != len(indextest.Fixture()) {
		t.Errorf("index of another schema was reused: %+v", ix)
	}
	if _, err := os.Stat(old); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("old schema's build still there")
	}
}

// TestEnsureRebuildsDamaged writes garbage over every file of the index,
// or empties them, or only the segment: Ensure notices, says so, and
// answers from a fresh build. A zeroed or emptied segment alone is the
// damage bleve opens without an error, as an index with no documents.
func TestEnsureRebuildsDamaged(t *testing.T) {
	for _, mode := range []string{"garbage", "truncate", "zeroed segment", "emptied segment"} {
		t.Run(mode, func(t *testing.T) {
			cdir := t.TempDir()
			l := fixtureLoader()
			ix := ensure(t, cdir, "fp", l)
			dir := ix.Dir
			ix.Close()
			err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				info, _ := d.Info()
				var data []byte
				switch mode {
				case "garbage":
					data = []byte(strings.Repeat("garbage!", int(info.Size()/8)+1))
				case "zeroed segment", "emptied segment":
					if filepath.Ext(p) != ".zap" {
						return nil
					}
					if mode == "zeroed segment" {
						data = make([]byte, info.Size())
					}
				}
				return os.WriteFile(p, data, 0o644)
			})
			if err != nil {
				t.Fatal(err)
			}
			again := ensure(t, cdir, "fp", l)
			if !again.Built || again.Dir == dir {
				t.Fatalf("damaged index reused: %+v", again)
			}
			if len(again.Warnings) != 1 || !strings.Contains(again.Warnings[0], "damaged") {
				t.Errorf("warnings = %q, want one about the damage", again.Warnings)
			}
			if docCount(t, again) != len(indextest.Fixture()) {
				t.Errorf("rebuilt index has %d documents", docCount(t, again))
			}
		})
	}
}

func TestEnsureGarbagePointer(t *testing.T) {
	cdir := t.TempDir()
	if err := os.WriteFile(filepath.Join(cdir, currentName), []byte(strings.Repeat("\x00junk", 300)), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := ensure(t, cdir, "fp", fixtureLoader())
	if !ix.Built || ix.Dir == "" {
		t.Errorf("Ensure with a garbage pointer: %+v", ix)
	}
}

func TestEnsureUnwritableCache(t *testing.T) {
	base := t.TempDir()
	file := filepath.Join(base, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Even root cannot make a directory under a regular file.
	cdir := filepath.Join(file, "cdir")
	ix := ensure(t, cdir, "fp", fixtureLoader())
	if ix.Dir != "" || !ix.Built {
		t.Errorf("index is at %q; want one in memory", ix.Dir)
	}
	if len(ix.Warnings) != 1 || !strings.Contains(ix.Warnings[0], "in-memory") {
		t.Errorf("warnings = %q", ix.Warnings)
	}
	if docCount(t, ix) != len(indextest.Fixture()) {
		t.Errorf("in-memory index has %d documents", docCount(t, ix))
	}
}

func TestEnsureNoCacheDir(t *testing.T) {
	ix := ensure(t, "", "fp", fixtureLoader())
	if ix.Dir != "" || len(ix.Warnings) != 1 {
		t.Errorf("Ensure without a cdir dir: %+v", ix)
	}
}

// TestEnsureLoadErrorKeepsPrevious: a build that cannot happen leaves the
// live index alone.
func TestEnsureLoadErrorKeepsPrevious(t *testing.T) {
	cdir := t.TempDir()
	l := fixtureLoader()
	ix := ensure(t, cdir, "fp1", l)
	dir := ix.Dir
	ix.Close()

	bad := &loader{err: errors.New("config unreadable")}
	if _, err := Ensure(context.Background(), cdir, "fp2", bad.load); err == nil || !strings.Contains(err.Error(), "config unreadable") {
		t.Fatalf("Ensure with a failing load: %v", err)
	}
	if cur, _ := (&cache{dir: cdir}).readCurrent(); cur != filepath.Base(dir) {
		t.Errorf("current moved to %q", cur)
	}
	again := ensure(t, cdir, "fp1", l)
	if again.Built || again.Dir != dir {
		t.Errorf("previous index lost: %+v", again)
	}
}

// TestEnsureCleansKilledBuild: what a killed build leaves (a half-written
// directory, a pointer never renamed) neither breaks the next query nor
// survives the next build.
func TestEnsureCleansKilledBuild(t *testing.T) {
	cdir := t.TempDir()
	l := fixtureLoader()
	live := ensure(t, cdir, "fp1", l)
	liveDir := live.Dir
	live.Close()
	partial := filepath.Join(cdir, dirPrefix+index.SchemaVersion()+"-"+hashFingerprint("fp2")+"-killed")
	if err := os.MkdirAll(filepath.Join(partial, "store"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(partial, "store", "half.zap"), []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	stray := filepath.Join(cdir, currentName+".tmp-1-2")
	if err := os.WriteFile(stray, []byte(filepath.Base(partial)), 0o644); err != nil {
		t.Fatal(err)
	}

	again := ensure(t, cdir, "fp1", l)
	if again.Built || again.Dir != liveDir {
		t.Errorf("leftovers disturbed the live index: %+v", again)
	}
	again.Close()
	next := ensure(t, cdir, "fp2", l)
	if !next.Built {
		t.Fatal("no rebuild for a new fingerprint")
	}
	for _, p := range []string{partial, stray, liveDir} {
		if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s survived the build", filepath.Base(p))
		}
	}
}

func TestEnsurePointerFile(t *testing.T) {
	cdir := t.TempDir()
	symlink = func(string, string) error { return errors.New("symlinks not supported") }
	t.Cleanup(func() { symlink = os.Symlink })
	l := fixtureLoader()
	first := ensure(t, cdir, "fp", l)
	info, err := os.Lstat(filepath.Join(cdir, currentName))
	if err != nil || !info.Mode().IsRegular() {
		t.Fatalf("current is not a pointer file: %v %v", info, err)
	}
	first.Close()
	again := ensure(t, cdir, "fp", l)
	if again.Built || again.Dir != first.Dir {
		t.Errorf("pointer file not followed: %+v", again)
	}
}

// TestEnsureWaitsBounded: while another process holds the build lock,
// Ensure waits only as long as it was told, then answers from memory.
func TestEnsureWaitsBounded(t *testing.T) {
	cdir := t.TempDir()
	other := flock.New(filepath.Join(cdir, lockName))
	if ok, err := other.TryLock(); !ok || err != nil {
		t.Fatalf("TryLock: %v %v", ok, err)
	}
	defer other.Unlock()
	start := time.Now()
	ix, err := EnsureWith(context.Background(), cdir, "fp", fixtureLoader().load, EnsureOptions{Wait: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Ensure waited %v", d)
	}
	if ix.Dir != "" || len(ix.Warnings) != 1 || !strings.Contains(ix.Warnings[0], "another process") {
		t.Errorf("Ensure under a held lock: Dir=%q Warnings=%q", ix.Dir, ix.Warnings)
	}
}

// TestEnsureLockWaitCancelled: while another process holds the build
// lock, an Ensure whose context ends (Ctrl-C) stops waiting and returns the
// context's error: it neither waits out Options.Wait nor builds an index
// nobody will read.
func TestEnsureLockWaitCancelled(t *testing.T) {
	cdir := t.TempDir()
	other := flock.New(filepath.Join(cdir, lockName))
	if ok, err := other.TryLock(); !ok || err != nil {
		t.Fatalf("TryLock: %v %v", ok, err)
	}
	defer other.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	l := fixtureLoader()
	ix, err := EnsureWith(ctx, cdir, "fp", l.load, EnsureOptions{Wait: time.Second})
	if ix != nil {
		ix.Close()
	}
	if !errors.Is(err, context.Canceled) || ix != nil || l.calls.Load() != 0 {
		t.Errorf("cancelled under a held lock: an index %v, err %v, loads %d; want context.Canceled and no build", ix != nil, err, l.calls.Load())
	}
}

// TestEnsureTakesOverPublished: a waiting Ensure uses the index the lock's
// holder publishes instead of building its own.
func TestEnsureTakesOverPublished(t *testing.T) {
	cdir := t.TempDir()
	other := flock.New(filepath.Join(cdir, lockName))
	if ok, err := other.TryLock(); !ok || err != nil {
		t.Fatalf("TryLock: %v %v", ok, err)
	}
	defer other.Unlock()
	c := &cache{dir: cdir, prefix: dirPrefix + index.SchemaVersion() + "-" + hashFingerprint("fp") + "-"}
	go func() {
		time.Sleep(100 * time.Millisecond)
		name := c.prefix + "other"
		if err := index.Build(filepath.Join(cdir, name), indextest.Fixture()); err != nil {
			t.Error(err)
			return
		}
		if err := c.publish(name); err != nil {
			t.Error(err)
		}
	}()
	l := fixtureLoader()
	ix, err := EnsureWith(context.Background(), cdir, "fp", l.load, EnsureOptions{Wait: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Built || filepath.Base(ix.Dir) != c.prefix+"other" || l.calls.Load() != 0 {
		t.Errorf("waiting Ensure built its own: Built=%v Dir=%q loads=%d", ix.Built, ix.Dir, l.calls.Load())
	}
}

func TestEnsureConcurrentGoroutines(t *testing.T) {
	cdir := filepath.Join(t.TempDir(), "cdir")
	l := fixtureLoader()
	const n = 4
	var wg sync.WaitGroup
	ixs := make([]*Opened, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ixs[i], errs[i] = Ensure(context.Background(), cdir, "fp", l.load)
		}()
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("Ensure %d: %v", i, errs[i])
		}
		defer ixs[i].Close()
		if ixs[i].Dir == "" || ixs[i].Dir != ixs[0].Dir || len(ixs[i].Warnings) != 0 {
			t.Errorf("Ensure %d: Dir=%q Warnings=%q", i, ixs[i].Dir, ixs[i].Warnings)
		}
		if docCount(t, ixs[i]) != len(indextest.Fixture()) {
			t.Errorf("Ensure %d: %d documents", i, docCount(t, ixs[i]))
		}
	}
	if l.calls.Load() != 1 {
		t.Errorf("snippets loaded %d times, want one build", l.calls.Load())
	}
}

const helperEnv = "HOW_INDEX_TEST_HELPER"

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) != "" {
		os.Exit(helperMain())
	}
	os.Exit(m.Run())
}

// helperMain runs in a child process: one Ensure on the cdir named by the
// environment, like a `how` query would.
func helperMain() int {
	ix, err := Ensure(context.Background(), os.Getenv(helperEnv), "fp", func() ([]snippet.Snippet, error) {
		return indextest.Fixture(), nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer ix.Close()
	n, err := ix.Len()
	if err != nil || n != len(indextest.Fixture()) || len(ix.Warnings) > 0 {
		fmt.Fprintln(os.Stderr, n, err, ix.Warnings)
		return 1
	}
	fmt.Println(ix.Dir)
	return 0
}

func TestEnsureConcurrentProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	cdir := filepath.Join(t.TempDir(), "cdir")
	const n = 3
	cmds := make([]*exec.Cmd, n)
	outs := make([]strings.Builder, n)
	errs := make([]strings.Builder, n)
	for i := range n {
		cmds[i] = exec.Command(os.Args[0], "-test.run=^$")
		cmds[i].Env = append(os.Environ(), helperEnv+"="+cdir)
		cmds[i].Stdout, cmds[i].Stderr = &outs[i], &errs[i]
	}
	for _, c := range cmds {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("process %d: %v: %s", i, err, errs[i].String())
		}
	}
	for i := range n {
		if got, want := strings.TrimSpace(outs[i].String()), strings.TrimSpace(outs[0].String()); got != want || got == "" {
			t.Errorf("process %d used %q, process 0 %q", i, got, want)
		}
	}
	if got := buildDirs(t, cdir); len(got) != 1 {
		t.Errorf("build directories: %v", got)
	}
}
