package source

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// clock is a settable Options.Now.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// TestFreshness: with a state directory, a collection costs a stat per
// folder on each call, and every change that touches a folder is seen at
// once; an edit in place is seen at the next sweep; notes are stat'ed file
// by file, so their edits are seen at once.
func TestFreshness(t *testing.T) {
	root := home(t)
	state := t.TempDir()
	// The clock runs a minute ahead, so that the folders just written are
	// not "racy" (modified too recently to be trusted).
	clk := &clock{time.Now().Add(time.Minute)}
	set := New(Options{Paths: []string{root}, NoBundled: true, StateDir: state, SweepEvery: time.Hour, Now: clk.now})
	plain := func() string {
		t.Helper()
		fp, _ := New(Options{Paths: []string{root}, NoBundled: true}).Fingerprint()
		return fp
	}
	fp := func() (string, int) {
		t.Helper()
		before := set.sweeps
		f, errs := set.Fingerprint()
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return f, set.sweeps - before
	}

	first, swept := fp()
	if swept != 1 {
		t.Fatalf("first call swept %d times", swept)
	}
	if first != plain() {
		t.Error("the fingerprint depends on the state directory")
	}
	if again, swept := fp(); again != first || swept != 0 {
		t.Fatalf("second call: same %v, swept %d; want the quick path", again == first, swept)
	}

	prev := first
	step := func(name string, change func(), wantChange bool, wantSweep int) {
		t.Helper()
		change()
		now, swept := fp()
		if (now != prev) != wantChange || swept != wantSweep {
			t.Errorf("%s: changed %v (want %v), swept %d (want %d)", name, now != prev, wantChange, swept, wantSweep)
		}
		// Whatever path it took, it agrees with a walk of every file...
		// unless the change is one only a sweep can see.
		if wantChange && now != plain() {
			t.Errorf("%s: the fingerprint differs from a full walk's", name)
		}
		prev = now
	}
	pages := filepath.Join(root, "tldr", "pages", "common")
	touchDir := func(dir string) {
		// Folder times in the past of the clock: not racy.
		past := clk.t.Add(-time.Hour)
		os.Chtimes(dir, past, past)
	}
	step("a page appears", func() {
		write(t, filepath.Join(pages, "ls.md"), page("ls", "ls -la"))
		touchDir(pages)
	}, true, 1)
	step("nothing happens", func() {}, false, 0)
	step("a page is renamed", func() {
		os.Rename(filepath.Join(pages, "ls.md"), filepath.Join(pages, "dir.md"))
		clk.t = clk.t.Add(time.Second)
		touchDir(pages)
	}, true, 1)
	step("a nested sheet is removed", func() {
		dir := filepath.Join(root, "cheats", "vim-plugins")
		os.Remove(filepath.Join(dir, "vim-fzf"))
		touchDir(dir)
	}, true, 1)
	step("a note is edited", func() {
		p := filepath.Join(root, "notes", "deploy.md")
		write(t, p, markdownDoc+"\nmore\n")
		future := clk.t.Add(time.Minute)
		os.Chtimes(p, future, future)
	}, true, 0)
	step("a notes folder appears", func() {
		write(t, filepath.Join(root, "notes", "new", "x.txt"), "list:\nls -la\n")
	}, true, 1)

	// An edit in place changes no folder: unseen until the next sweep.
	p := filepath.Join(pages, "tar.md")
	write(t, p, page("tar", "tar xf {{file.tar}}", "tar tf {{file.tar}}", "tar cf {{a}} {{b}}"))
	step("a page is edited in place", func() {}, false, 0)
	clk.t = clk.t.Add(2 * time.Hour)
	step("the sweep is due", func() {}, true, 1)

	// A folder modified just before a sweep cannot be trusted: the next
	// call sweeps again, until it is old enough.
	step("a page appears, just now", func() {
		write(t, filepath.Join(pages, "cp.md"), page("cp", "cp a b"))
		os.Chtimes(pages, clk.t, clk.t)
	}, true, 1)
	step("racy: swept again", func() {}, false, 1)
	clk.t = clk.t.Add(time.Minute)
	step("racy no more after a sweep", func() {}, false, 1)
	step("quick again", func() {}, false, 0)

	// A broken state file costs a sweep, nothing else.
	ents, _ := os.ReadDir(state)
	for _, e := range ents {
		os.WriteFile(filepath.Join(state, e.Name()), []byte("{not json"), 0o644)
	}
	step("broken state", func() {}, false, 1)

	// Other options, other state.
	other := New(Options{Paths: []string{root}, NoBundled: true, StateDir: state, Now: clk.now, Platform: "osx"})
	if fp, _ := other.Fingerprint(); fp == prev || other.sweeps != 1 {
		t.Errorf("another platform: same fingerprint %v, sweeps %d", fp == prev, other.sweeps)
	}
}

// A collection named directly as a source (the root is the collection)
// takes the quick path too, with no folder of it walked.
func TestFreshnessCollectionRoot(t *testing.T) {
	root := home(t)
	clk := &clock{time.Now().Add(time.Minute)}
	set := New(Options{Paths: []string{filepath.Join(root, "tldr"), filepath.Join(root, "cheats")}, NoBundled: true, StateDir: t.TempDir(), Now: clk.now})
	a, _ := set.Fingerprint()
	b, _ := set.Fingerprint()
	if a != b || set.sweeps != 2 {
		t.Errorf("same %v, sweeps %d (want 2: one per root, once)", a == b, set.sweeps)
	}
}
