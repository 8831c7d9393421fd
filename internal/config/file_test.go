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
	if f.Limit != 5 || f.Color != "auto" || f.Widget.Key != "ctrl-g" || f.Widget.AddKey != "alt-i" || !f.IncludeBundled() || f.Platform != "linux" {
		t.Errorf("got %+v", f)
	}
	if len(f.Source) != 1 || f.Source[0].Path != "/home/ann/.config/cheat/cheatsheets/personal" || f.Source[0].Format != "cheat" ||
		strings.Join(f.Source[0].Tags, ",") != "personal" || f.Source[0].Line != 13 {
		t.Errorf("[[source]] = %+v", f.Source)
	}
	if got := strings.Join(f.Paths(), ","); got != "/home/ann/notes,/home/ann/work/runbooks,/home/ann/.config/cheat/cheatsheets/personal" {
		t.Errorf("Paths = %s", got)
	}
}

// Both ways of naming sources work together: the simple list, and
// [[source]] tables with a format and tags, wherever they are in the file.
func TestLoadSourceTables(t *testing.T) {
	body := `sources = ["~/notes"]

[[source]]
path = "$TLDR"
format = "tldr"

[widget]
key = "ctrl-k"

[[source]]
# cheat's community sheets, tagged as cheat does
path = "~/cheat/community"
tags = ["community", "cheat"]
`
	t.Setenv("TLDR", "/srv/tldr")
	f, warns, err := Load(write(t, body), "/home/ann")
	if err != nil || len(warns) > 0 {
		t.Fatalf("Load = %v, %v", warns, err)
	}
	want := []Source{
		{Path: "/srv/tldr", Format: "tldr", Line: 3},
		{Path: "/home/ann/cheat/community", Tags: []string{"community", "cheat"}, Line: 10},
	}
	if len(f.Source) != 2 {
		t.Fatalf("source = %+v", f.Source)
	}
	for i, w := range want {
		g := f.Source[i]
		if g.Path != w.Path || g.Format != w.Format || strings.Join(g.Tags, ",") != strings.Join(w.Tags, ",") || g.Line != w.Line {
			t.Errorf("source %d = %+v, want %+v", i, g, w)
		}
	}
	if f.Widget.Key != "ctrl-k" || strings.Join(f.Paths(), ",") != "/home/ann/notes,/srv/tldr,/home/ann/cheat/community" {
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
		// Types are said in the file's terms, not the TOML library's.
		{"word for a number", "limit = \"five\"\n", "config.toml:1: limit must be a whole number, not \"five\""},
		{"fraction", "\nlimit = 3.5\n", "config.toml:2: limit must be a whole number, not 3.5"},
		{"zero limit", "limit = 0\n", "config.toml:1: limit must be at least 1, not 0"},
		{"string for a list", "sources = \"~/notes\"\n", "config.toml:1: sources must be a list of strings, [\"...\"], not \"~/notes\""},
		{"number in a list", "sources = [\n  \"a\",\n  3,\n]\n", "config.toml:1: sources must be a list of strings, not a list holding 3"},
		{"word for a boolean", "bundled = \"yes\"\n", "config.toml:1: bundled must be true or false, not \"yes\""},
		{"number for a key", "[widget]\nkey = 3\n", "config.toml:2: widget.key must be a string in quotes, not 3"},
		{"value for a table", "limit = 2\nwidget = 3\n", "config.toml:2: widget must be a table ([widget]), not 3"},
		{"second source's path", "[[source]]\npath = \"a\"\n\n[[source]]\npath = 3\n", "config.toml:5: source.path must be a string in quotes, not 3"},
		{"list for tables", "source = [\"~/notes\"]\n", "config.toml:1: source must be tables ([[source]]), not a list"},
		{"colour value", "\n\ncolor = \"sometimes\"\n", "config.toml:3: color must be auto, always or never"},
		{"negative limit", "limit = -2\n", "config.toml:1: limit must be at least 1"},
		{"platform", "limit = 2\nplatform = \"plan9\"\n", "config.toml:2: platform must be one of linux, osx"},
		{"source without path", "[[source]]\nformat = \"tldr\"\n\n[[source]]\ntags = [\"x\"]\n", "config.toml:1: [[source]] needs a path"},
		{"second source without path", "[[source]]\npath = \"a\"\n\n[[source]]\ntags = [\"x\"]\n", "config.toml:4: [[source]] needs a path"},
		{"source format", "[[source]]\npath = \"a\"\n\n[[source]]\npath = \"b\"\nformat = \"pet\"\n", "config.toml:6: format must be tldr, cheat, navi, notes, not \"pet\""},
		{"source tags", "[[source]]\npath = \"a\"\ntags = [\"a,b\"]\n", "config.toml:3: tags must be words"},
		{"source type", "[[source]]\npath = 3\n", "config.toml:2:"},
		{"sources mixed up", "source = [\"~/notes\"]\n", "config.toml:1:"},
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
	// add_key is known; add-key, as the flag is spelt, is not.
	f, warns, err := Load(write(t, "[widget]\nkey = \"ctrl-k\"\nadd_key = \"alt-k\"\nadd-key = \"alt-j\"\n"), "/h")
	if err != nil || len(warns) != 1 || !strings.Contains(warns[0], `config.toml:4: unknown setting "widget.add-key"`) || f.Widget.AddKey != "alt-k" {
		t.Fatalf("add_key: %+v, warns = %q, err = %v", f.Widget, warns, err)
	}
	_, warns, err = Load(write(t, "[[source]]\npath = \"a\"\nfromat = \"tldr\"\n"), "/h")
	if err != nil || len(warns) != 1 || !strings.Contains(warns[0], `config.toml:3: unknown setting "source.fromat"`) {
		t.Fatalf("warns = %q, err = %v", warns, err)
	}
	// A table how does not know is one warning, on its header's line; the
	// same unknown key in two tables, two, each on its line.
	for body, want := range map[string][]string{
		"limit = 2\n\n[widgett]\nkey = \"ctrl-g\"\nadd_key = \"alt-i\"\n": {`config.toml:3: unknown setting "widgett" (ignored)`},
		"widgett.key = \"ctrl-g\"\n":                                      {`config.toml:1: unknown setting "widgett.key" (ignored)`},
		"sources = [\n  \"a = b\",\n]\n[[source]]\npath = \"a\"\ntag = \"x\"\n[[source]]\npath = \"b\"\ntag = \"y\"\n": {
			`config.toml:6: unknown setting "source.tag" (ignored)`, `config.toml:9: unknown setting "source.tag" (ignored)`},
	} {
		_, warns, err := Load(write(t, body), "/h")
		if err != nil || len(warns) != len(want) {
			t.Errorf("%q: warns = %q, err = %v; want %q", body, warns, err, want)
			continue
		}
		for i, w := range want {
			if !strings.HasSuffix(warns[i], w) {
				t.Errorf("%q: warning %q, want %q", body, warns[i], w)
			}
		}
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
