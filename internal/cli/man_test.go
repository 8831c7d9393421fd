package cli_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/howcli/how/internal/cli"
)

// TestManPagesUpToDate: docs/man holds exactly what the command tree
// generates, so a help text changed without `make man` fails here.
func TestManPagesUpToDate(t *testing.T) {
	dir := filepath.Join("..", "..", "docs", "man")
	have, err := filepath.Glob(filepath.Join(dir, "how*.1"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, p := range cli.ManPages() {
		want[p.Name+".1"] = p.Content
	}
	var stale []string
	for _, path := range have {
		name := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		content, ok := want[name]
		delete(want, name)
		if !ok || string(data) != content {
			stale = append(stale, name)
		}
	}
	for name := range want {
		stale = append(stale, name+" (missing)")
	}
	sort.Strings(stale)
	if len(stale) > 0 {
		t.Errorf("docs/man is out of date (run make man): %s", strings.Join(stale, ", "))
	}
}

// TestManPagesRoff: every page is well-formed enough for man: it starts
// with .TH, has the sections a reader looks for, and no line of text
// starts with a dot or quote that roff would take for a request.
func TestManPagesRoff(t *testing.T) {
	for _, p := range cli.ManPages() {
		if !strings.HasPrefix(p.Content, ".TH \""+strings.ToUpper(strings.ReplaceAll(p.Name, "-", `\-`))+"\" \"1\"") {
			t.Errorf("%s: no .TH header: %.60q", p.Name, p.Content)
		}
		for _, sec := range []string{".SH NAME\n", ".SH SYNOPSIS\n", ".SH DESCRIPTION\n"} {
			if !strings.Contains(p.Content, sec) {
				t.Errorf("%s: no %q", p.Name, sec)
			}
		}
		known := map[string]bool{"TH": true, "SH": true, "PP": true, "TP": true, "B": true, "RS": true, "RE": true, "nf": true, "fi": true}
		for i, line := range strings.Split(p.Content, "\n") {
			if strings.HasPrefix(line, ".") || strings.HasPrefix(line, "'") {
				req, _, _ := strings.Cut(line[1:], " ")
				if !known[req] {
					t.Errorf("%s:%d: unexpected request %q", p.Name, i+1, line)
				}
			}
		}
	}
	var how string
	for _, p := range cli.ManPages() {
		if p.Name == "how" {
			how = p.Content
		}
	}
	for _, want := range []string{`.SH "EXIT STATUS"`, `.SH "ENVIRONMENT"`, `.SH "FILES"`, ".SH EXAMPLES", ".B HOW_PATH", "config.toml"} {
		if !strings.Contains(how, want) {
			t.Errorf("how.1 lacks %s", want)
		}
	}
}
