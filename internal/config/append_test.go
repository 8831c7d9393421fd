package config

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Appending keeps every byte of the file (comments, layout, a missing
// final newline) and adds tables that read back as given.
func TestAppendSources(t *testing.T) {
	body := "# my settings\nsources = [\"~/notes\"]  # mine\nlimit = 3\n\n[widget]\nkey = \"ctrl-k\""
	dir := write(t, body)
	add := []Source{
		{Path: "/home/ann/.cache/tealdeer/tldr-pages", Format: "tldr", Comment: "tealdeer's tldr pages\ncache"},
		{Path: "/srv/it's cheat", Format: "cheat", Tags: []string{"community", "it's"}},
	}
	path, err := AppendSources(dir, "/home/ann", add, "Added by how sources --discover on 2026-08-30.")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	want := body + "\n\n# Added by how sources --discover on 2026-08-30.\n" +
		"# tealdeer's tldr pages cache\n[[source]]\npath = '~/.cache/tealdeer/tldr-pages'\nformat = 'tldr'\n\n" +
		"[[source]]\npath = \"/srv/it's cheat\"\nformat = 'cheat'\ntags = ['community', \"it's\"]\n"
	if string(data) != want {
		t.Errorf("file:\n%s\nwant:\n%s", data, want)
	}
	f, warns, err := Load(dir, "/home/ann")
	if err != nil || len(warns) > 0 {
		t.Fatal(warns, err)
	}
	if f.Widget.Key != "ctrl-k" || f.Limit != 3 || len(f.Source) != 2 || f.Source[0].Path != add[0].Path || f.Source[1].Path != add[1].Path ||
		strings.Join(f.Source[1].Tags, "|") != "community|it's" {
		t.Errorf("reads back as %+v", f)
	}
}

func TestAppendSourcesNewFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "how")
	path, err := AppendSources(dir, "/h", []Source{{Path: "/x/navi", Format: "navi"}}, "found")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(data), "# how's configuration") || !strings.HasSuffix(string(data), "# found\n[[source]]\npath = '/x/navi'\nformat = 'navi'\n") {
		t.Errorf("file:\n%s", data)
	}
}

// A file how cannot read is left alone, with the error Load would give.
func TestAppendSourcesBroken(t *testing.T) {
	body := "limit = = 3\n"
	dir := write(t, body)
	_, err := AppendSources(dir, "/h", []Source{{Path: "/x"}}, "found")
	if err == nil || !strings.Contains(err.Error(), "config.toml:1:") {
		t.Errorf("err = %v", err)
	}
	// A file whose last line opens a multi-line string would swallow the
	// tables: refused too.
	body2 := "sources = [\"a\"]\n# note\nx = \"\"\"\n"
	dir2 := write(t, body2)
	if _, err := AppendSources(dir2, "/h", []Source{{Path: "/x"}}, "found"); err == nil {
		t.Error("appended to a file ending in an open string")
	}
	for _, d := range []string{dir, dir2} {
		data, _ := os.ReadFile(filepath.Join(d, FileName))
		if string(data) != body && string(data) != body2 {
			t.Errorf("the file was changed: %q", data)
		}
	}
	if _, err := AppendSources(t.TempDir(), "/h", []Source{{Path: "/x/$HOME"}}, "found"); err == nil {
		t.Error("a path with $ was written")
	}
}

func TestAppendSourcesKeepsLinkAndLineEnds(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	root := t.TempDir()
	target := filepath.Join(root, "dotfiles", "how.toml")
	os.MkdirAll(filepath.Dir(target), 0o755)
	os.WriteFile(target, []byte("limit = 2\r\n"), 0o600)
	dir := filepath.Join(root, "config")
	os.MkdirAll(dir, 0o755)
	link := filepath.Join(dir, FileName)
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if _, err := AppendSources(dir, "/h", []Source{{Path: "/x", Format: "tldr"}}, "found"); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	data, _ := os.ReadFile(target)
	if strings.Count(string(data), "\n") != strings.Count(string(data), "\r\n") || !strings.Contains(string(data), "[[source]]") {
		t.Errorf("file: %q", data)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
}
