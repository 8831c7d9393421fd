package sheets_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/howcli/how/internal/cli"
	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/sheets"
)

// The bundled sheets are generated from ../shared/notes by `make sheets`
// and never edited by hand. This regenerates them the same way (the real
// `how extract -o`, run from the notes folder so each source is the note's
// base name) and fails when the committed ones differ.
func TestSheetsUpToDate(t *testing.T) {
	here, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(here, "..", "..", "shared", "notes")
	if _, err := os.Stat(notes); err != nil {
		t.Skip("no ../shared/notes beside the repo")
	}
	out := t.TempDir()
	t.Chdir(notes)
	files, err := filepath.Glob("*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no notes in %s: %v", notes, err)
	}
	ios, _, _, stderr := iostreams.Test()
	f := &cmdutil.Factory{IO: ios, Getenv: func(string) string { return "" }}
	if code := cli.Run(context.Background(), f, append([]string{"extract", "-o", out}, files...)); code != 0 {
		t.Fatalf("how extract -o exited %d: %s", code, stderr)
	}

	want := pages(t, os.DirFS(out))
	got := pages(t, sheets.FS)
	var stale []string
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			stale = append(stale, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			stale = append(stale, name+" (should not exist)")
		}
	}
	slices.Sort(stale)
	if len(stale) > 0 {
		t.Errorf("sheets/ is out of date with the extractor; run make sheets. Differing pages: %v", stale)
	}
}

func pages(t *testing.T, fsys fs.FS) map[string][]byte {
	t.Helper()
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, n := range names {
		if n == sheets.README {
			continue
		}
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			t.Fatal(err)
		}
		m[n] = data
	}
	return m
}
