package cache

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofrs/flock"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/source"
)

// fixture is a real cache directory and real sources: two folders of
// notes and a sheet given on its own, three units, each a segment.
type fixture struct {
	t     *testing.T
	root  string
	c     *Cache
	paths []string
}

func note(cmd, what string) string { return "```\n" + cmd + "    # " + what + "\n```\n" }

func newFixture(t *testing.T) *fixture {
	t.Helper()
	root := t.TempDir()
	f := &fixture{t: t, root: root, c: &Cache{Dir: filepath.Join(root, "cache", "index")}}
	f.write("a/disk.md", note("df -h", "free space per filesystem"))
	f.write("a/size.md", note("du -sh .", "size of a folder"))
	f.write("b/net.md", note("ss -tlnp", "listening ports"))
	f.write("sheet.md", note("uptime", "how long the machine has run"))
	f.paths = []string{filepath.Join(root, "a"), filepath.Join(root, "b"), filepath.Join(root, "sheet.md")}
	return f
}

func (f *fixture) write(rel, text string) {
	f.t.Helper()
	p := filepath.Join(f.root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		f.t.Fatal(err)
	}
	// A second edit within the file system's clock tick would leave the
	// stat unchanged; tests edit faster than any person.
	later := time.Now().Add(time.Duration(len(text)) * time.Second)
	if err := os.Chtimes(p, later, later); err != nil {
		f.t.Fatal(err)
	}
}

// set is the source set of paths (the fixture's three by default).
func (f *fixture) set(paths ...string) *source.Set {
	if len(paths) == 0 {
		paths = f.paths
	}
	return source.New(source.Options{Paths: paths, NoBundled: true, StateDir: filepath.Join(f.root, "cache", "sources")})
}

func (f *fixture) open(set *source.Set, opts Options) *Opened {
	f.t.Helper()
	o, err := f.c.Open(context.Background(), set, opts)
	if err != nil {
		f.t.Fatalf("Open: %v", err)
	}
	f.t.Cleanup(func() { o.Close() })
	return o
}

// names lists the cache's entries whose names start with prefix.
func (f *fixture) names(prefix string) []string {
	f.t.Helper()
	entries, err := os.ReadDir(f.c.Dir)
	if err != nil {
		f.t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

func parts(o *Opened) []string {
	p, _ := o.Parts()
	return p
}

func docCount(t *testing.T, ix *Opened) int {
	t.Helper()
	n, err := ix.Len()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// changed says which of before's segments after replaced, by place.
func changed(before, after []string) []int {
	var out []int
	for i := range after {
		if i >= len(before) || before[i] != after[i] {
			out = append(out, i)
		}
	}
	return out
}

func TestOpenBuildsThenReuses(t *testing.T) {
	f := newFixture(t)
	first := f.open(f.set(), Options{})
	if !first.Built || first.Dir != f.c.Dir || len(first.Warnings) != 0 {
		t.Fatalf("first Open: Built=%v Dir=%q Warnings=%q", first.Built, first.Dir, first.Warnings)
	}
	if len(parts(first)) != 3 || docCount(t, first) != 4 || first.Files != 4 || first.Snippets != 4 {
		t.Errorf("first Open: parts %v, %d documents, %d files, %d snippets", parts(first), docCount(t, first), first.Files, first.Snippets)
	}
	if _, err := os.Stat(first.Manifest); err != nil {
		t.Errorf("no manifest: %v", err)
	}
	again := f.open(f.set(), Options{})
	if again.Built || !slices.Equal(parts(again), parts(first)) {
		t.Errorf("second Open rebuilt: Built=%v parts %v (were %v)", again.Built, parts(again), parts(first))
	}
	if got := f.names(segPrefix); len(got) != 3 {
		t.Errorf("segments: %v", got)
	}
}

// TestOpenRebuildsOnlyWhatChanged: an edit, a new note, a removed one, a
// renamed one rebuild the segment of their folder alone; the segments
// replaced are collected.
func TestOpenRebuildsOnlyWhatChanged(t *testing.T) {
	f := newFixture(t)
	prev := parts(f.open(f.set(), Options{}))
	steps := []struct {
		name   string
		change func()
		unit   int
		docs   int
	}{
		{"edit", func() { f.write("b/net.md", note("ss -tunap", "every socket")) }, 1, 4},
		{"add", func() { f.write("a/mem.md", note("free -h", "memory in use")) }, 0, 5},
		{"remove", func() { os.Remove(filepath.Join(f.root, "a", "mem.md")) }, 0, 4},
		{"rename", func() { os.Rename(filepath.Join(f.root, "a", "size.md"), filepath.Join(f.root, "a", "du.md")) }, 0, 4},
		{"sheet", func() { f.write("sheet.md", note("uptime -p", "how long, in words")) }, 2, 4},
	}
	for _, s := range steps {
		s.change()
		o := f.open(f.set(), Options{})
		now := parts(o)
		if !o.Built || !slices.Equal(changed(prev, now), []int{s.unit}) {
			t.Errorf("%s: Built=%v, segments %v became %v; want only #%d new", s.name, o.Built, prev, now, s.unit)
		}
		if n := docCount(t, o); n != s.docs {
			t.Errorf("%s: %d documents, want %d", s.name, n, s.docs)
		}
		if got := f.names(segPrefix); !slices.Equal(got, slices.Sorted(slices.Values(now))) {
			t.Errorf("%s: segments in the cache %v; want the set's %v", s.name, got, now)
		}
		prev = now
	}
}

// TestOpenSharesSegmentsBetweenSets: a set with a source more builds only
// its segment; a set with one fewer builds none; both sets' manifests are
// kept, and switching back costs no build.
func TestOpenSharesSegmentsBetweenSets(t *testing.T) {
	f := newFixture(t)
	two := parts(f.open(f.set(f.paths[:2]...), Options{}))
	all := f.open(f.set(), Options{})
	if !all.Built || !slices.Equal(parts(all)[:2], two) || len(parts(all)) != 3 {
		t.Errorf("a source more: segments %v, were %v", parts(all), two)
	}
	one := f.open(f.set(f.paths[0], f.paths[2]), Options{})
	if p := parts(one); len(p) != 2 || p[0] != two[0] || p[1] != parts(all)[2] {
		t.Errorf("a source fewer: segments %v; want %s and %s", p, two[0], parts(all)[2])
	}
	if got := f.names(segPrefix); len(got) != 3 {
		t.Errorf("segments in the cache: %v, want 3", got)
	}
	if got := f.names(setPrefix); len(got) != 3 {
		t.Errorf("manifests in the cache: %v, want 3", got)
	}
	if back := f.open(f.set(f.paths[:2]...), Options{}); back.Built {
		t.Errorf("switching back rebuilt")
	}
}

func TestOpenForce(t *testing.T) {
	f := newFixture(t)
	a := parts(f.open(f.set(), Options{}))
	b := f.open(f.set(), Options{Force: true})
	if !b.Built || len(changed(a, parts(b))) != 3 {
		t.Errorf("Force did not rebuild every segment: %v, were %v", parts(b), a)
	}
}

// TestOpenRemovesOldLayout: the index of how before segments (a build
// folder and the pointer to it) is removed by the first build.
func TestOpenRemovesOldLayout(t *testing.T) {
	f := newFixture(t)
	old := filepath.Join(f.c.Dir, "idx-s0-bleve2.4.0-0123456789abcdef-1")
	if err := os.MkdirAll(filepath.Join(old, "store"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Base(old), filepath.Join(f.c.Dir, "current")); err != nil {
		t.Fatal(err)
	}
	f.open(f.set(), Options{})
	for _, p := range []string{old, filepath.Join(f.c.Dir, "current")} {
		if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s survived the build", p)
		}
	}
}

// TestOpenRebuildsDamagedSegment writes garbage over a segment's files,
// or empties them, or only its documents: Open notices, says so once,
// and rebuilds that segment alone. A zeroed or emptied segment is the
// damage bleve opens without an error, as a segment with no documents.
func TestOpenRebuildsDamagedSegment(t *testing.T) {
	for _, mode := range []string{"garbage", "truncate", "zeroed segment", "emptied segment"} {
		t.Run(mode, func(t *testing.T) {
			f := newFixture(t)
			before := parts(f.open(f.set(), Options{}))
			err := filepath.WalkDir(filepath.Join(f.c.Dir, before[1]), func(p string, d fs.DirEntry, err error) error {
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
			again := f.open(f.set(), Options{})
			if !again.Built || !slices.Equal(changed(before, parts(again)), []int{1}) {
				t.Errorf("damaged segment: Built=%v, segments %v, were %v; want #1 alone rebuilt", again.Built, parts(again), before)
			}
			if len(again.Warnings) != 1 || !strings.Contains(again.Warnings[0], "damaged") || !strings.Contains(again.Warnings[0], before[1]) {
				t.Errorf("warnings = %q, want one about the damage, naming %s", again.Warnings, before[1])
			}
			if docCount(t, again) != 4 {
				t.Errorf("rebuilt index has %d documents", docCount(t, again))
			}
		})
	}
}

// TestOpenDamagedManifest: a manifest of garbage, or a FIFO in its place,
// is composed again, with a warning, from the segments as they are.
func TestOpenDamagedManifest(t *testing.T) {
	f := newFixture(t)
	first := f.open(f.set(), Options{})
	before := parts(first)
	if err := os.WriteFile(first.Manifest, []byte(strings.Repeat("\x00junk", 300)), 0o644); err != nil {
		t.Fatal(err)
	}
	again := f.open(f.set(), Options{})
	if !again.Built || !slices.Equal(parts(again), before) || len(again.Warnings) != 1 || !strings.Contains(again.Warnings[0], "damaged") {
		t.Errorf("garbage manifest: Built=%v, segments %v (were %v), warnings %q", again.Built, parts(again), before, again.Warnings)
	}
}

func TestOpenUnwritableCache(t *testing.T) {
	f := newFixture(t)
	file := filepath.Join(f.root, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Even root cannot make a directory under a regular file.
	f.c.Dir = filepath.Join(file, "cdir")
	ix := f.open(f.set(), Options{})
	if ix.Dir != "" || ix.Manifest != "" || !ix.Built {
		t.Errorf("index is at %q; want one in memory", ix.Dir)
	}
	if len(ix.Warnings) != 1 || !strings.Contains(ix.Warnings[0], "in-memory") {
		t.Errorf("warnings = %q", ix.Warnings)
	}
	if docCount(t, ix) != 4 {
		t.Errorf("in-memory index has %d documents", docCount(t, ix))
	}
}

func TestOpenNoCacheDir(t *testing.T) {
	f := newFixture(t)
	f.c.Dir = ""
	ix := f.open(f.set(), Options{})
	if ix.Dir != "" || len(ix.Warnings) != 1 || docCount(t, ix) != 4 {
		t.Errorf("Open without a cache dir: %+v", ix)
	}
}

// TestOpenInterruptedKeepsPrevious: a build interrupted (Ctrl-C) leaves
// the live index as it was, and the next build does what is left.
func TestOpenInterruptedKeepsPrevious(t *testing.T) {
	f := newFixture(t)
	first := f.open(f.set(), Options{})
	before := parts(first)
	f.write("b/net.md", note("ss -s", "socket summary"))
	ctx, cancel := context.WithCancel(context.Background())
	// Cancelled as the build starts reading: planned, locked, then cut.
	_, err := f.c.Open(ctx, f.set(), Options{Progress: func(Stage, int, int) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted Open: %v", err)
	}
	live, err := index.OpenManifest(f.c.Dir, filepath.Base(first.Manifest))
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := live.Parts(); !slices.Equal(p, before) {
		t.Errorf("the live index moved: %v, was %v", p, before)
	}
	live.Close()
	next := f.open(f.set(), Options{})
	if !slices.Equal(changed(before, parts(next)), []int{1}) {
		t.Errorf("after the interrupt: %v, were %v", parts(next), before)
	}
}

// TestOpenCleansKilledBuild: what a killed build leaves (a half-written
// segment, a manifest never renamed) neither breaks the next query nor
// survives the next build.
func TestOpenCleansKilledBuild(t *testing.T) {
	f := newFixture(t)
	first := f.open(f.set(), Options{})
	before := parts(first)
	partial := filepath.Join(f.c.Dir, before[1]+"x"+tmpMark+"1")
	if err := os.MkdirAll(partial, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(partial, "segment.zap"), []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	stray := first.Manifest + tmpMark + "1-2"
	if err := os.WriteFile(stray, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	again := f.open(f.set(), Options{})
	if again.Built || !slices.Equal(parts(again), before) {
		t.Errorf("leftovers disturbed the live index: %+v", again)
	}
	f.write("b/net.md", note("ss -s", "socket summary"))
	if next := f.open(f.set(), Options{}); !next.Built {
		t.Fatal("no rebuild after an edit")
	}
	for _, p := range []string{partial, stray} {
		if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s survived the build", filepath.Base(p))
		}
	}
}

// holdLock takes the build lock as another process would.
func (f *fixture) holdLock() *flock.Flock {
	f.t.Helper()
	if err := os.MkdirAll(f.c.Dir, 0o755); err != nil {
		f.t.Fatal(err)
	}
	other := flock.New(filepath.Join(f.c.Dir, lockName))
	if ok, err := other.TryLock(); !ok || err != nil {
		f.t.Fatalf("TryLock: %v %v", ok, err)
	}
	f.t.Cleanup(func() { other.Unlock() })
	return other
}

// TestOpenWaitsBounded: while another process holds the build lock, and
// there is no previous index, Open waits only as long as it was told,
// then answers from memory.
func TestOpenWaitsBounded(t *testing.T) {
	f := newFixture(t)
	f.holdLock()
	f.c.Wait = 200 * time.Millisecond
	ix := f.open(f.set(), Options{})
	if ix.Dir != "" || len(ix.Warnings) != 1 || !strings.Contains(ix.Warnings[0], "another process") {
		t.Errorf("Open under a held lock: Dir=%q Warnings=%q", ix.Dir, ix.Warnings)
	}
}

// TestOpenAnswersFromPrevious: while another process rebuilds (holds the
// lock), a query on changed sources answers from the previous index after
// half a second, and says so.
func TestOpenAnswersFromPrevious(t *testing.T) {
	f := newFixture(t)
	before := parts(f.open(f.set(), Options{}))
	f.write("b/net.md", note("ss -s", "socket summary"))
	f.holdLock()
	ix := f.open(f.set(), Options{})
	if ix.Built || !slices.Equal(parts(ix), before) || len(ix.Warnings) != 1 || !strings.Contains(ix.Warnings[0], "previous") {
		t.Errorf("Open while another rebuilds: Built=%v, segments %v (were %v), warnings %q", ix.Built, parts(ix), before, ix.Warnings)
	}
}

// TestOpenLockWaitCancelled: while another process holds the build lock,
// an Open whose context ends (Ctrl-C) stops waiting and returns the
// context's error: it neither waits out Wait nor builds an index nobody
// will read.
func TestOpenLockWaitCancelled(t *testing.T) {
	f := newFixture(t)
	f.holdLock()
	ctx, cancel := context.WithCancel(context.Background())
	f.c.Wait = time.Minute
	time.AfterFunc(50*time.Millisecond, cancel)
	ix, err := f.c.Open(ctx, f.set(), Options{})
	if ix != nil {
		ix.Close()
	}
	if !errors.Is(err, context.Canceled) || ix != nil || len(f.names(segPrefix)) != 0 {
		t.Errorf("cancelled under a held lock: an index %v, err %v, segments %v; want context.Canceled and no build", ix != nil, err, f.names(segPrefix))
	}
}

// TestOpenTakesOverPublished: a waiting Open uses the index the lock's
// holder publishes instead of building its own.
func TestOpenTakesOverPublished(t *testing.T) {
	f := newFixture(t)
	first := f.open(f.set(), Options{})
	before := parts(first)
	manifest, err := os.ReadFile(first.Manifest)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(first.Manifest)
	f.holdLock()
	f.c.Wait = time.Minute
	go func() {
		time.Sleep(100 * time.Millisecond)
		if err := index.WriteManifest(first.Manifest, manifest); err != nil {
			t.Error(err)
		}
	}()
	ix := f.open(f.set(), Options{})
	if ix.Built || !slices.Equal(parts(ix), before) || len(ix.Warnings) != 0 {
		t.Errorf("waiting Open built its own: Built=%v parts %v warnings %q", ix.Built, parts(ix), ix.Warnings)
	}
}

func TestOpenConcurrentGoroutines(t *testing.T) {
	f := newFixture(t)
	const n = 4
	var wg sync.WaitGroup
	ixs := make([]*Opened, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ixs[i], errs[i] = f.c.Open(context.Background(), f.set(), Options{})
		}()
	}
	wg.Wait()
	built := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("Open %d: %v", i, errs[i])
		}
		defer ixs[i].Close()
		if ixs[i].Built {
			built++
		}
		if !slices.Equal(parts(ixs[i]), parts(ixs[0])) || len(ixs[i].Warnings) != 0 || docCount(t, ixs[i]) != 4 {
			t.Errorf("Open %d: parts %v, warnings %q", i, parts(ixs[i]), ixs[i].Warnings)
		}
	}
	if built != 1 || len(f.names(segPrefix)) != 3 {
		t.Errorf("%d builds, segments %v; want one build", built, f.names(segPrefix))
	}
}

const helperEnv = "HOW_INDEX_TEST_HELPER"

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) != "" {
		os.Exit(helperMain())
	}
	os.Exit(m.Run())
}

// helperMain runs in a child process: one Open of the fixture whose root
// the environment names, like a `how` query would.
func helperMain() int {
	root := os.Getenv(helperEnv)
	c := &Cache{Dir: filepath.Join(root, "cache", "index")}
	set := source.New(source.Options{Paths: []string{filepath.Join(root, "a"), filepath.Join(root, "b"), filepath.Join(root, "sheet.md")},
		NoBundled: true, StateDir: filepath.Join(root, "cache", "sources")})
	ix, err := c.Open(context.Background(), set, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer ix.Close()
	n, err := ix.Len()
	if err != nil || n != 4 || len(ix.Warnings) > 0 {
		fmt.Fprintln(os.Stderr, n, err, ix.Warnings)
		return 1
	}
	p, _ := ix.Parts()
	fmt.Println(strings.Join(p, " "))
	return 0
}

func TestOpenConcurrentProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	f := newFixture(t)
	const n = 3
	cmds := make([]*exec.Cmd, n)
	outs := make([]strings.Builder, n)
	errs := make([]strings.Builder, n)
	for i := range n {
		cmds[i] = exec.Command(os.Args[0], "-test.run=^$")
		cmds[i].Env = append(os.Environ(), helperEnv+"="+f.root)
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
	if got := f.names(segPrefix); len(got) != 3 {
		t.Errorf("segments: %v", got)
	}
}
