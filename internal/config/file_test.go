package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLoad(t *testing.T) {
	dir := write(t, Example)
	f, warns, err := Load(dir, "/home/ann")
	if err != nil || len(warns) > 0 {
		t.Fatalf("Load(Example) = %v, %v", warns, err)
	}
	if got := strings.Join(f.Sources, ","); got != "/home/ann/notes,/home/ann/work/runbooks" {
		t.Errorf("sources = %s", got)
	}
	if f.Limit != 5 || f.Color != "auto" || f.Widget.Key != "ctrl-g" || !f.IncludeBundled() {
		t.Errorf("got %+v", f)
	}
}

func TestLoadMissingIsDefaults(t *testing.T) {
	f, warns, err := Load(t.TempDir(), "/home/ann")
	if err != nil || warns != nil || f.Path != "" || !f.IncludeBundled() {
		t.Fatalf("got %+v, %v, %v", f, warns, err)
	}
}

// A broken file is an error naming the file and the line; a setting how
// does not know is a warning with its line.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"syntax", "limit = 5\nsources = [\"~/notes\"\ncolor = \"auto\"\n", "config.toml:3:"},
		{"type", "limit = \"five\"\n", "config.toml:1:"},
		{"colour value", "\n\ncolor = \"sometimes\"\n", "config.toml:3: color must be auto, always or never"},
		{"negative limit", "limit = -2\n", "config.toml:1: limit must be at least 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Load(write(t, tt.body), "/h")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
	_, warns, err := Load(write(t, "limit = 3\n[widget]\nkye = \"ctrl-k\"\n"), "/h")
	if err != nil || len(warns) != 1 || !strings.Contains(warns[0], `config.toml:3: unknown setting "widget.kye"`) {
		t.Fatalf("warns = %q, err = %v", warns, err)
	}
}

func TestLoadUnreadable(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Load(dir, "/h"); err == nil || !strings.Contains(err.Error(), FileName) {
		t.Fatalf("a directory named config.toml: err = %v", err)
	}
}
