package cache

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/source"
)

// noted is a real cache directory and a source set of one note.
func noted(t *testing.T) (*Cache, func() *source.Set, string) {
	t.Helper()
	dir := t.TempDir()
	note := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(note, []byte("```\ndf -h    # free space per filesystem\n```\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	set := func() *source.Set {
		return source.New(source.Options{Paths: []string{note}, NoBundled: true, StateDir: filepath.Join(dir, "cache", "sources")})
	}
	return &Cache{Dir: filepath.Join(dir, "cache", "index")}, set, note
}

// TestWithRebuildsOnDamage: a use that fails on an index reused from the
// cache because of damage gets a fresh build and a second chance, with a
// warning; one that fails on an index just built does not loop.
func TestWithRebuildsOnDamage(t *testing.T) {
	c, set, note := noted(t)
	ctx := context.Background()
	var first []string
	if _, err := c.With(ctx, set(), func(ix *index.Index) error { first, _ = ix.Parts(); return nil }); err != nil {
		t.Fatal(err)
	}

	var used [][]string
	warnings, err := c.With(ctx, set(), func(ix *index.Index) error {
		p, _ := ix.Parts()
		used = append(used, p)
		if len(used) == 1 {
			return index.Damaged(errors.New("search: index damaged: boom\nsecond line"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) != 2 || !slices.Equal(used[0], first) || len(changed(first, used[1])) != len(first) {
		t.Errorf("used %v; want the cached %v, then a new build", used, first)
	}
	if len(warnings) != 1 || warnings[0] != "the index in "+c.Dir+" is damaged (search: index damaged: boom); rebuilt it" {
		t.Errorf("warnings %q", warnings)
	}
	for _, p := range first {
		if _, err := os.Stat(filepath.Join(c.Dir, p)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the damaged segment %s is still there: %v", p, err)
		}
	}

	// Sources changed, so the index is built for this call: a failure
	// is returned as it is.
	if err := os.WriteFile(note, []byte("```\ndu -sh    # size of a folder\n```\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	calls := 0
	boom := errors.New("boom")
	warnings, err = c.With(ctx, set(), func(*index.Index) error { calls++; return index.Damaged(boom) })
	if !errors.Is(err, boom) || calls != 1 || len(warnings) != 0 {
		t.Errorf("failure on a fresh build: err %v, calls %d, warnings %q", err, calls, warnings)
	}
}

// TestWithKeepsIndexOnOtherFailure: a use that fails for any reason but
// damage (a closed pipe, an editor that fails) is not retried on a new
// index, which would fail the same way after a full rebuild.
func TestWithKeepsIndexOnOtherFailure(t *testing.T) {
	c, set, _ := noted(t)
	ctx := context.Background()
	var first []string
	if _, err := c.With(ctx, set(), func(ix *index.Index) error { first, _ = ix.Parts(); return nil }); err != nil {
		t.Fatal(err)
	}
	var used [][]string
	closed := errors.New("write |1: broken pipe")
	warnings, err := c.With(ctx, set(), func(ix *index.Index) error { p, _ := ix.Parts(); used = append(used, p); return closed })
	if !errors.Is(err, closed) || len(used) != 1 || len(warnings) != 0 {
		t.Errorf("a failure that is not damage: err %v, used %v, warnings %q; want it returned after one use", err, used, warnings)
	}
	for _, p := range first {
		if _, err := os.Stat(filepath.Join(c.Dir, p)); err != nil {
			t.Errorf("the index was replaced: %v", err)
		}
	}
}

// TestOpenProgress: a build reports reading, then indexing, from one
// goroutine at a time; an up-to-date index reports nothing.
func TestOpenProgress(t *testing.T) {
	c, set, _ := noted(t)
	var got []string
	progress := func(stage Stage, done, total int) {
		got = append(got, strings.Repeat("R", int(1-stage))+strings.Repeat("I", int(stage))+string(rune('0'+done))+"/"+string(rune('0'+total)))
	}
	for range 2 {
		opened, err := c.Open(context.Background(), set(), Options{Progress: progress})
		if err != nil {
			t.Fatal(err)
		}
		opened.Index.Close()
	}
	if want := []string{"R1/1", "I0/1", "I1/1"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("progress %q, want %q", got, want)
	}
}
