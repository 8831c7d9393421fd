package cmdutil

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/howcli/how/internal/config"
	"github.com/howcli/how/internal/iostreams"
)

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
