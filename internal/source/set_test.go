package source

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/sheets"
)

const tldrPage = "# tar\n\n> Archiver.\n\n- Create an archive:\n\n`tar cf {{a.tar}} {{file}}`\n"

const ourSheet = "# ls\n\n> 1 command from notes.\n\n- list everything:\n\n`ls -la`\n<!-- how section=\"Files\" source=\"notes.txt\" line=7 -->\n"

// tree makes a folder of sources with everything a walk must handle.
func tree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	write(t, filepath.Join(root, "pages", "common", "tar.md"), tldrPage)
	write(t, filepath.Join(root, "mine", "ls.md"), ourSheet)
	write(t, filepath.Join(root, "notes.txt"), "restart it:\nsystemctl restart nginx\n")
	write(t, filepath.Join(root, "cheats", "rsync"), "# copy\nrsync -a src/ dst/\n")
	write(t, filepath.Join(root, ".git", "HEAD"), "ref: refs/heads/main\n")
	write(t, filepath.Join(root, "node_modules", "x", "README.md"), tldrPage)
	write(t, filepath.Join(root, ".hidden.md"), tldrPage)
	write(t, filepath.Join(root, "picture.png"), "\x89PNG\x00\x00")
	write(t, filepath.Join(root, "bad.txt"), "\x00\x01binary")
	return root
}

var bundled = fstest.MapFS{
	"README.md":     {Data: []byte("# Bundled sheets\n\nnot a sheet\n")},
	"journalctl.md": {Data: []byte("# journalctl\n\n> 1 command from notes.\n\n- follow logs:\n\n`journalctl -u nginx -f`\n<!-- how section=\"Process Management\" source=\"001.txt\" line=230 -->\n")},
}

func TestLoad(t *testing.T) {
	root := tree(t)
	missing := filepath.Join(root, "missing")
	set := New(Options{Paths: []string{root, missing, filepath.Join(root, "notes.txt")}, Bundled: bundled})
	snips, reports, err := set.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	byPath := map[string]Report{}
	for _, r := range reports {
		byPath[r.Path] = r
	}
	want := map[string]struct {
		format   Format
		origin   string
		snippets int
		err      error
	}{
		"bundled:journalctl.md":                          {FormatSheet, snippet.OriginBundled, 1, nil},
		filepath.Join(root, "pages", "common", "tar.md"): {FormatTldr, snippet.OriginTldr, 1, nil},
		filepath.Join(root, "mine", "ls.md"):             {FormatSheet, snippet.OriginNotes, 1, nil},
		filepath.Join(root, "notes.txt"):                 {FormatNotes, snippet.OriginNotes, -1, nil},
		filepath.Join(root, "cheats", "rsync"):           {FormatNotes, snippet.OriginNotes, -1, nil},
		filepath.Join(root, "bad.txt"):                   {"", "", 0, ErrBinary},
		filepath.Join(root, "picture.png"):               {"", "", 0, ErrBinary},
		missing:                                          {"", "", 0, fs.ErrNotExist},
	}
	for p, w := range want {
		r, ok := byPath[p]
		if !ok {
			t.Errorf("no report for %s", p)
			continue
		}
		if w.err != nil {
			// Files found by walking that cannot be read are counted as
			// skipped, by why, but for those named as notes (bad.txt),
			// whose problem is an error, as is a missing path.
			if !errors.Is(r.Err, w.err) || (r.Skipped == SkipBinary) != (filepath.Ext(p) == ".png") {
				t.Errorf("%s: error %v (skipped %q), want %v", p, r.Err, r.Skipped, w.err)
			}
			continue
		}
		if r.Err != nil || r.Format != w.format || r.Origin != w.origin || (w.snippets >= 0 && r.Snippets != w.snippets) {
			t.Errorf("%s: got %+v, want %+v", p, r, w)
		}
	}
	if len(byPath) != len(want) {
		var extra []string
		for p := range byPath {
			if _, ok := want[p]; !ok {
				extra = append(extra, p)
			}
		}
		t.Errorf("files that should not have been read: %v", extra)
	}
	// notes.txt was named twice (in the folder and on its own): read once.
	n := 0
	for _, r := range reports {
		if r.Path == filepath.Join(root, "notes.txt") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("notes.txt reported %d times", n)
	}

	var tar, journal *snippet.Snippet
	for i, s := range snips {
		switch s.Tool {
		case "tar":
			tar = &snips[i]
		case "journalctl":
			journal = &snips[i]
		}
	}
	if tar == nil || tar.Origin != snippet.OriginTldr || !slices.Equal(tar.Tags, []string{"common"}) || tar.Source != filepath.Join(root, "pages", "common", "tar.md") {
		t.Errorf("tar snippet: %+v", tar)
	}
	// A bundled command is cited where its reader can find it, in the
	// sheet built into how, not in the note it was extracted from; a
	// sheet of the user's keeps citing the user's note.
	if journal == nil || journal.Origin != snippet.OriginBundled || journal.Source != "bundled:journalctl.md" || journal.Line != 7 ||
		journal.Section != "Process Management" {
		t.Errorf("bundled snippet: %+v", journal)
	}
	for _, s := range snips {
		if s.Tool == "ls" && (s.Source != filepath.Join(root, "notes.txt") || s.Line != 7) {
			t.Errorf("a user's sheet: %+v", s)
		}
	}
}

// TestBundledCitesItsSheet: every command of the sheets built into how is
// cited as bundled:NAME.md and the line of that sheet that holds it.
func TestBundledCitesItsSheet(t *testing.T) {
	snips, _, err := New(Options{}).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range snips {
		if s.Origin != snippet.OriginBundled {
			continue
		}
		n++
		name, ok := strings.CutPrefix(s.Source, "bundled:")
		data, err := fs.ReadFile(sheets.FS, name)
		if !ok || err != nil {
			t.Errorf("%q cites %q: %v", s.Command, s.Source, err)
			continue
		}
		lines := strings.Split(string(data), "\n")
		first, _, _ := strings.Cut(s.Command, "\n")
		if s.Line < 1 || s.Line > len(lines) || !strings.Contains(lines[s.Line-1], first) {
			t.Errorf("%q cites %s:%d, which does not hold it", s.Command, s.Source, s.Line)
		}
	}
	if n == 0 {
		t.Fatal("no bundled commands")
	}
}

func TestLoadNoBundled(t *testing.T) {
	snips, reports, err := New(Options{NoBundled: true, Bundled: bundled}).Load(context.Background())
	if err != nil || len(snips) != 0 || len(reports) != 0 {
		t.Errorf("Load with nothing = %v, %v, %v", snips, reports, err)
	}
}

// TestLoadEmptyFolder: a folder given with nothing to read in it (a
// picture is no text) is reported (so `how sources` lists it), once, and
// with no error.
func TestLoadEmptyFolder(t *testing.T) {
	empty := t.TempDir()
	write(t, filepath.Join(empty, "picture.png"), "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00")
	full := tree(t)
	_, reports, err := New(Options{Paths: []string{empty, full, full}, NoBundled: true}).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var folders []Report
	for _, r := range reports {
		if r.Format == FormatFolder {
			folders = append(folders, r)
		}
	}
	if len(folders) != 1 || folders[0].Path != empty || folders[0].Err != nil || folders[0].Snippets != 0 {
		t.Errorf("folder reports: %+v", folders)
	}
}

func TestLoadProgress(t *testing.T) {
	root := tree(t)
	var calls [][2]int
	_, reports, err := New(Options{Paths: []string{root}, NoBundled: true}).LoadProgress(context.Background(), func(done, total int) {
		calls = append(calls, [2]int{done, total})
	})
	if err != nil {
		t.Fatal(err)
	}
	n := len(reports)
	if len(calls) != n || calls[n-1] != [2]int{n, n} {
		t.Fatalf("progress calls %v for %d files", calls, n)
	}
	for i, c := range calls {
		if c[0] != i+1 {
			t.Errorf("call %d reported %v", i, c)
		}
	}
}

func TestLoadInvalidUTF8IsAProblemNotAnError(t *testing.T) {
	p := write(t, filepath.Join(t.TempDir(), "note.txt"), "fine\n\xff\xfe\n")
	_, reports, _ := New(Options{Paths: []string{p}, NoBundled: true}).Load(context.Background())
	if len(reports) != 1 || reports[0].Err != nil || len(reports[0].Problems) != 1 || !strings.HasPrefix(reports[0].Problems[0], "line 2: invalid UTF-8") {
		t.Errorf("reports: %+v", reports)
	}
}

func TestLoadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := New(Options{Paths: []string{tree(t)}}).Load(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Load after cancel: err = %v", err)
	}
}

func TestFingerprint(t *testing.T) {
	root := tree(t)
	fp := func(opts Options) string {
		t.Helper()
		if opts.Bundled == nil {
			opts.Bundled = bundled
		}
		s, _ := New(opts).Fingerprint()
		return s
	}
	opts := Options{Paths: []string{root}}
	base := fp(opts)
	if base != fp(opts) {
		t.Fatal("fingerprint is not stable")
	}

	steps := []struct {
		name   string
		change func()
	}{
		{"a file changes", func() {
			p := filepath.Join(root, "notes.txt")
			write(t, p, "different content, same name\n")
			future := time.Now().Add(time.Hour)
			os.Chtimes(p, future, future)
		}},
		{"a file appears", func() { write(t, filepath.Join(root, "new.md"), tldrPage) }},
		{"a file appears deep down", func() { write(t, filepath.Join(root, "a", "b", "c.txt"), "x\n") }},
		{"a file vanishes", func() { os.Remove(filepath.Join(root, "mine", "ls.md")) }},
	}
	prev := base
	for _, st := range steps {
		st.change()
		now := fp(opts)
		if now == prev {
			t.Errorf("%s: fingerprint did not change", st.name)
		}
		prev = now
	}

	// Files a walk skips do not matter: hidden ones, and those in
	// hidden folders.
	write(t, filepath.Join(root, ".git", "index"), "x")
	write(t, filepath.Join(root, ".image.jpg.swp"), "x")
	if fp(opts) != prev {
		t.Error("a skipped file changed the fingerprint")
	}

	if fp(Options{Paths: []string{root}, NoBundled: true}) == prev {
		t.Error("leaving out the bundled sheets did not change the fingerprint")
	}
	other := fstest.MapFS{"journalctl.md": {Data: []byte("# journalctl\n\n- x:\n\n`journalctl -f`\n")}}
	if fp(Options{Paths: []string{root}, Bundled: other}) == prev {
		t.Error("other bundled sheets did not change the fingerprint")
	}

	_, errs := New(Options{Paths: []string{filepath.Join(root, "gone")}, Bundled: bundled}).Fingerprint()
	if len(errs) != 1 || !errors.Is(errs[0], fs.ErrNotExist) {
		t.Errorf("missing path: errs = %v", errs)
	}
}

func TestSplitList(t *testing.T) {
	got := SplitList(strings.Join([]string{"a", "", "b/c"}, string(os.PathListSeparator)))
	if !slices.Equal(got, []string{"a", "b/c"}) {
		t.Errorf("SplitList = %q", got)
	}
	if SplitList("") != nil && len(SplitList("")) != 0 {
		t.Error("SplitList of empty is not empty")
	}
}

func TestEmpty(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		opts Options
		want bool
	}{
		{"bundled", Options{Bundled: bundled}, false},
		{"nothing", Options{NoBundled: true}, true},
		{"missing only", Options{NoBundled: true, Paths: []string{filepath.Join(dir, "nope")}}, true},
		// The user named a folder: search it, even with nothing in it.
		{"empty folder", Options{NoBundled: true, Paths: []string{dir}}, false},
		{"missing and empty folder", Options{NoBundled: true, Paths: []string{filepath.Join(dir, "nope"), dir}}, false},
		{"a file", Options{NoBundled: true, Paths: []string{write(t, filepath.Join(t.TempDir(), "n.txt"), "ls\n")}}, false},
	}
	for _, tt := range tests {
		if got := New(tt.opts).Empty(); got != tt.want {
			t.Errorf("%s: Empty() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// Relative roots, "." included, must give the same files and the same keys
// as absolute ones (the key decides what counts as one file).
func TestWalkRelativeRoots(t *testing.T) {
	root := tree(t)
	t.Chdir(root)
	want := map[string]bool{}
	abs, _ := New(Options{Paths: []string{root}}).walk(context.Background())
	for _, f := range abs {
		want[f.key] = true
	}
	for _, r := range []string{".", "./", "./pages/..", root} {
		files, errs := New(Options{Paths: []string{r}}).walk(context.Background())
		if len(errs) > 0 {
			t.Errorf("%s: %v", r, errs)
		}
		got := map[string]bool{}
		for _, f := range files {
			got[f.key] = true
			if _, err := os.Stat(f.path); err != nil {
				t.Errorf("%s: walked path %s does not exist", r, f.path)
			}
		}
		if len(got) != len(want) {
			t.Errorf("root %q: %d files, want %d", r, len(got), len(want))
		}
		for k := range got {
			if !want[k] {
				t.Errorf("root %q: unexpected key %s", r, k)
			}
		}
	}
	// The same file named twice, relatively and absolutely, is read once.
	files, _ := New(Options{Paths: []string{"notes.txt", filepath.Join(root, "notes.txt")}}).walk(context.Background())
	if len(files) != 1 {
		t.Errorf("notes.txt twice: %d files", len(files))
	}
}

// TestLoadFileDeletedMidWalk removes files after the walk has listed them
// and before they are read, as an editor's save or a sync tool might: each
// gets one report naming it and the rest of the folder loads.
func TestLoadFileDeletedMidWalk(t *testing.T) {
	root := tree(t)
	gone := []string{filepath.Join(root, "notes.txt"), filepath.Join(root, "pages", "common", "tar.md")}
	afterWalk = func() {
		for _, p := range gone {
			if err := os.Remove(p); err != nil {
				t.Error(err)
			}
		}
	}
	t.Cleanup(func() { afterWalk = nil })

	snips, reports, err := New(Options{Paths: []string{root}, NoBundled: true}).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range gone {
		var found []Report
		for _, r := range reports {
			if r.Path == p {
				found = append(found, r)
			}
		}
		if len(found) != 1 || !errors.Is(found[0].Err, fs.ErrNotExist) {
			t.Errorf("%s: reports %+v, want one saying it no longer exists", p, found)
			continue
		}
		if msg := found[0].Message(); strings.Contains(msg, "\n") || !strings.Contains(msg, "no such file") {
			t.Errorf("%s: report %q is not one line saying the file is gone", p, msg)
		}
	}
	var cmds []string
	for _, s := range snips {
		cmds = append(cmds, s.Command)
	}
	for _, want := range []string{"ls -la", "rsync -a src/ dst/"} {
		if !slices.Contains(cmds, want) {
			t.Errorf("%q missing after files vanished mid-walk; have %q", want, cmds)
		}
	}
}

// TestFolderVocabulary: a name one note of a folder runs as a program is
// one in the other notes of that folder, and only there.
func TestFolderVocabulary(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "ops", "README.md"), "```bash\nflagctl set billing.pdf --percent 25\n```\n")
	write(t, filepath.Join(root, "ops", "runbook.txt"), "turning a flag off: flagctl kill billing.pdf\n")
	write(t, filepath.Join(root, "other", "notes.txt"), "turning a flag off: flagctl kill billing.pdf\n")
	snips, _, err := New(Options{Paths: []string{root}, NoBundled: true}).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range snips {
		got = append(got, filepath.Base(filepath.Dir(s.Source))+"/"+filepath.Base(s.Source)+": "+s.Command)
	}
	slices.Sort(got)
	want := []string{"ops/README.md: flagctl set billing.pdf --percent 25", "ops/runbook.txt: flagctl kill billing.pdf"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
