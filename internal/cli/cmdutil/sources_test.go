package cmdutil

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/howcli/how/internal/config"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/source"
)

// SourceOptions wires everything the source set needs: the config's
// sources (list and tables, with their formats and tags, in order), then
// HOW_PATH, then --source; the tldr platform and languages; the state
// directory that keeps freshness checks cheap; the personal sheet.
func TestSourceOptions(t *testing.T) {
	dir := t.TempDir()
	cfgDir := filepath.Join(dir, "config")
	os.MkdirAll(cfgDir, 0o755)
	os.WriteFile(filepath.Join(cfgDir, config.FileName), []byte(`sources = ["/notes"]
platform = "macos"

[[source]]
path = "/srv/cheat"
format = "cheat"
tags = ["community"]

[[source]]
path = "/srv/mixed"
`), 0o644)
	ios, _, _, _ := iostreams.Test()
	env := map[string]string{"HOW_PATH": "/a:/b", "LANG": "de_DE.UTF-8"}
	f := &Factory{
		IO:     ios,
		Getenv: func(k string) string { return env[k] },
		Dirs: func() (config.Dirs, error) {
			return config.Dirs{Config: cfgDir, Cache: filepath.Join(dir, "cache"), Data: filepath.Join(dir, "data")}, nil
		},
	}
	f.Config = LoadConfig(f)
	got := f.SourceOptions(SourceFlags{Paths: []string{"/c"}})
	if want := []string{"/notes", "/srv/cheat", "/srv/mixed", "/a", "/b", "/c"}; !slices.Equal(got.Paths, want) {
		t.Errorf("paths %q, want %q", got.Paths, want)
	}
	if got.Formats["/srv/cheat"] != source.FormatCheat || len(got.Formats) != 1 {
		t.Errorf("formats %v", got.Formats)
	}
	if !slices.Equal(got.Tags["/srv/cheat"], []string{"community"}) || len(got.Tags) != 1 {
		t.Errorf("tags %v", got.Tags)
	}
	if got.Platform != "osx" {
		t.Errorf("platform %q: macos is tldr's osx folder", got.Platform)
	}
	if !slices.Equal(got.Languages, []string{"de_DE", "de", "en"}) {
		t.Errorf("languages %q", got.Languages)
	}
	if got.StateDir != filepath.Join(dir, "cache", "sources") {
		t.Errorf("state dir %q", got.StateDir)
	}
	if got.Personal != filepath.Join(dir, "data", "personal.md") {
		t.Errorf("personal %q", got.Personal)
	}

	// Without a data directory there is no personal sheet, and nothing
	// fails.
	f.Dirs = func() (config.Dirs, error) { return config.Dirs{Config: cfgDir, Cache: dir}, nil }
	if got := f.SourceOptions(SourceFlags{}); got.Personal != "" {
		t.Errorf("personal %q without a data directory", got.Personal)
	}
}
