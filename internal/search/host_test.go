package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/howcli/how/internal/snippet"
)

// TestOnPath: a program is had when an executable file of its name is in a
// PATH folder, or when the shell has it built in (export has no file).
func TestOnPath(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "frobctl"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notexec"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "adir"), 0o755); err != nil {
		t.Fatal(err)
	}
	has := onPath(dir + string(filepath.ListSeparator) + filepath.Join(dir, "missing"))
	for program, want := range map[string]bool{
		"frobctl": true, "export": true, "cd": true,
		"notexec": false, "adir": false, "absent": false, "": false, "../frobctl": false,
	} {
		if got := has(program); got != want {
			t.Errorf("has(%q) = %v, want %v", program, got, want)
		}
	}
}

// TestInstalledFirst: of two programs that answer alike, the machine's
// comes first; a program the question names comes first installed or not.
func TestInstalledFirst(t *testing.T) {
	n := func(cmd, desc string) snippet.Snippet {
		return snippet.Snippet{Command: cmd, Description: desc, Tool: snippet.ToolOf(cmd), Source: "p.md", Origin: snippet.OriginTldr}
	}
	ix := buildIndex(t, []snippet.Snippet{
		n("pwmake 16", "Generate a random password"),
		n("pwgen 16", "Generate a random password"),
	})
	host := &Host{Platform: "linux", Has: func(p string) bool { return p == "pwgen" }}
	res, err := Run(ix, Query{Words: strings.Fields("generate a random password"), Limit: 2, Host: host, AnyCoverage: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 || res[0].Command != "pwgen 16" {
		t.Errorf("installed pwgen not first: %q", commands(res))
	}
	res, _ = Run(ix, Query{Words: strings.Fields("pwmake random password"), Limit: 2, Host: host, AnyCoverage: true})
	if len(res) == 0 || res[0].Command != "pwmake 16" {
		t.Errorf("pwmake named, yet %q", commands(res))
	}
}
