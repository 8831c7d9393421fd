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

// TestSourcesPrecedence: paths add up (config, HOW_PATH, --source); for
// the bundled sheets --no-bundled beats HOW_NO_BUNDLED, which beats the
// config file.
func TestSourcesPrecedence(t *testing.T) {
	no, yes := false, true
	tests := []struct {
		name        string
		cfg         config.File
		env         map[string]string
		flags       SourceFlags
		wantPaths   []string
		wantBundled bool
	}{
		{"defaults", config.File{}, nil, SourceFlags{}, nil, true},
		{"paths add up in order", config.File{Sources: []string{"/c"}}, map[string]string{"HOW_PATH": "/e1" + string(os.PathListSeparator) + "/e2"},
			SourceFlags{Paths: []string{"/f"}}, []string{"/c", "/e1", "/e2", "/f"}, true},
		{"config leaves bundled out", config.File{Bundled: &no}, nil, SourceFlags{}, nil, false},
		{"config keeps them", config.File{Bundled: &yes}, nil, SourceFlags{}, nil, true},
		{"HOW_NO_BUNDLED=0 puts them back", config.File{Bundled: &no}, map[string]string{"HOW_NO_BUNDLED": "0"}, SourceFlags{}, nil, true},
		{"HOW_NO_BUNDLED=1 leaves them out", config.File{Bundled: &yes}, map[string]string{"HOW_NO_BUNDLED": "1"}, SourceFlags{}, nil, false},
		{"--no-bundled beats HOW_NO_BUNDLED=0", config.File{}, map[string]string{"HOW_NO_BUNDLED": "false"}, SourceFlags{NoBundled: true}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			f := &Factory{IO: ios, Getenv: func(k string) string { return tt.env[k] },
				Config: func() (config.File, []string, error) { return tt.cfg, nil, nil }}
			o := f.SourceOptions(tt.flags)
			paths, bundled := o.Paths, !o.NoBundled
			if strings.Join(paths, ",") != strings.Join(tt.wantPaths, ",") || bundled != tt.wantBundled {
				t.Errorf("paths %q, bundled %v; want %q, %v", paths, bundled, tt.wantPaths, tt.wantBundled)
			}
		})
	}
}

// TestLoadConfigOnce: the file is read once per process, and a broken
// file is reported, not taken for the defaults.
func TestLoadConfigOnce(t *testing.T) {
	dir := t.TempDir()
	ios, _, _, _ := iostreams.Test()
	f := &Factory{IO: ios, Dirs: func() (config.Dirs, error) { return config.Dirs{Config: dir, Cache: dir}, nil }}
	f.Config = LoadConfig(f)
	write := func(body string) {
		if err := os.WriteFile(filepath.Join(dir, config.FileName), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("limit = 3\nlimt = 4\n")
	file, warnings, err := f.Config()
	if err != nil || file.Limit != 3 || len(warnings) != 1 {
		t.Fatalf("got %+v, %q, %v", file, warnings, err)
	}
	write("limit = = 3\n")
	if file, _, err := f.Config(); err != nil || file.Limit != 3 {
		t.Errorf("read again: %+v, %v; want the first read", file, err)
	}

	f.Config = LoadConfig(f)
	if _, _, err := f.Config(); err == nil || !strings.Contains(err.Error(), "config.toml:1:") {
		t.Errorf("broken file: err = %v", err)
	}
	if got := f.ConfigFile(); got.Limit != 0 {
		t.Errorf("ConfigFile of a broken file = %+v, want the defaults", got)
	}
}
