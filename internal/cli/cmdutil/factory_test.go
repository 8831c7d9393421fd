package cmdutil

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/howcli/how/internal/config"
	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/iostreams"
)

// factory is a Factory over a real cache directory and one note.
func factory(t *testing.T) (*Factory, SourceFlags) {
	t.Helper()
	dir := t.TempDir()
	note := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(note, []byte("```\ndf -h    # free space per filesystem\n```\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ios, _, _, _ := iostreams.Test()
	f := &Factory{
		IO:     ios,
		Getenv: func(string) string { return "" },
		Dirs:   func() (config.Dirs, error) { return config.Dirs{Config: dir, Cache: filepath.Join(dir, "cache")}, nil },
	}
	return f, SourceFlags{Paths: []string{note}, NoBundled: true}
}

// TestWithIndexRebuildsOnFailure: a use that fails on an index reused
// from the cache gets a fresh build and a second chance, with a warning;
// one that fails on an index just built does not loop.
func TestWithIndexRebuildsOnFailure(t *testing.T) {
	f, sf := factory(t)
	ctx := context.Background()
	var first string
	if _, err := f.WithIndex(ctx, f.Sources(sf), func(ix *index.Index) error { first = ix.Dir; return nil }); err != nil {
		t.Fatal(err)
	}

	var dirs []string
	warnings, err := f.WithIndex(ctx, f.Sources(sf), func(ix *index.Index) error {
		dirs = append(dirs, ix.Dir)
		if len(dirs) == 1 {
			return errors.New("search: index damaged: boom\nsecond line")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) != 2 || dirs[0] != first || dirs[1] == first {
		t.Errorf("used %v; want the cached %s, then a new build", dirs, first)
	}
	if len(warnings) != 1 || warnings[0] != "the index in "+first+" is damaged (search: index damaged: boom); rebuilt it" {
		t.Errorf("warnings %q", warnings)
	}
	if _, err := os.Stat(first); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the damaged build is still there: %v", err)
	}

	// Sources changed, so the index is built for this call: a failure
	// is returned as it is.
	if err := os.WriteFile(sf.Paths[0], []byte("```\ndu -sh    # size of a folder\n```\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	calls := 0
	boom := errors.New("boom")
	warnings, err = f.WithIndex(ctx, f.Sources(sf), func(*index.Index) error { calls++; return boom })
	if !errors.Is(err, boom) || calls != 1 || len(warnings) != 0 {
		t.Errorf("failure on a fresh build: err %v, calls %d, warnings %q", err, calls, warnings)
	}
}

// TestOpenIndexProgress: a build reports reading, then indexing, from
// one goroutine at a time; an up-to-date index reports nothing.
func TestOpenIndexProgress(t *testing.T) {
	f, sf := factory(t)
	var got []string
	progress := func(stage Stage, done, total int) {
		got = append(got, strings.Repeat("R", int(1-stage))+strings.Repeat("I", int(stage))+string(rune('0'+done))+"/"+string(rune('0'+total)))
	}
	for range 2 {
		opened, err := f.OpenIndex(context.Background(), f.Sources(sf), IndexOptions{Progress: progress})
		if err != nil {
			t.Fatal(err)
		}
		opened.Index.Close()
	}
	if want := []string{"R1/1", "I0/1", "I1/1"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("progress %q, want %q", got, want)
	}
}
