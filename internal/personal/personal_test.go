package personal

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/howcli/how/internal/sheet"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
)

func snip(cmd, desc string, tags ...string) snippet.Snippet {
	return snippet.Snippet{Command: cmd, Description: desc, Tool: snippet.ToolOf(cmd), Tags: tags}
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestAppendNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "how", "personal.md")
	got, err := Append(context.Background(), path, snip("tar xzf a.tar.gz", "Extract a gzipped archive", "archive"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Already || got.Backup != "" || got.Line != 8 {
		t.Errorf("saved %+v", got)
	}
	text := read(t, path)
	if !strings.HasPrefix(text, "# personal\n") || !strings.Contains(text, "\n- Extract a gzipped archive:\n\n`tar xzf a.tar.gz`\n<!-- how tags=\"archive\" tool=\"tar\" -->\n") {
		t.Errorf("sheet:\n%s", text)
	}
	if line := strings.Split(text, "\n")[got.Line-1]; line != "`tar xzf a.tar.gz`" {
		t.Errorf("line %d is %q", got.Line, line)
	}
	if runtime.GOOS != "windows" {
		if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
			t.Errorf("a new sheet is %v; want it private", info.Mode().Perm())
		}
	}
}

// Appending keeps every byte already there (hand edits, comments, odd
// spacing, no final newline), keeps the previous version as .bak, keeps
// the file's mode, and does not add the same command twice.
func TestAppendKeepsWhatIsThere(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "personal.md")
	hand := "# personal\n\n> Mine.\n\n<!-- my own comment -->\n\n- Mirror a folder:\n\n`rsync -a --delete src/ dst/`\n\n- Count lines:\n\n`wc -l *.go`"
	if err := os.WriteFile(path, []byte(hand), 0o640); err != nil {
		t.Fatal(err)
	}
	got, err := Append(context.Background(), path, snip("docker image prune", "Remove dangling images", "docker", "cleanup"))
	if err != nil {
		t.Fatal(err)
	}
	text := read(t, path)
	if !strings.HasPrefix(text, hand+"\n") || got.Backup != path+".bak" || read(t, got.Backup) != hand {
		t.Errorf("saved %+v:\n%s", got, text)
	}
	if runtime.GOOS != "windows" {
		if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
			t.Errorf("mode %v, want the file's own 0640", info.Mode().Perm())
		}
	}
	page, problems := sheet.ParsePage(path, []byte(text))
	if len(problems) > 0 || len(page.Snippets) != 3 || page.Snippets[2].Line != got.Line || page.Snippets[2].Tool != "docker" {
		t.Errorf("reads back as %+v, %v", page.Snippets, problems)
	}

	again, err := Append(context.Background(), path, snip("docker  image   prune", "Another description"))
	if err != nil || !again.Already || again.Line != got.Line || read(t, path) != text {
		t.Errorf("the same command again: %+v, %v", again, err)
	}
	hand2, err := Append(context.Background(), path, snip("rsync -a --delete src/ dst/", "x"))
	if err != nil || !hand2.Already || hand2.Line != 9 {
		t.Errorf("a hand-written command again: %+v, %v", hand2, err)
	}
}

// A sheet that ends inside an open code block would swallow the new
// command: Append refuses, says where, and writes nothing.
func TestAppendRefusesWhatWouldBeLost(t *testing.T) {
	path := filepath.Join(t.TempDir(), "personal.md")
	broken := "# personal\n\n> Mine.\n\n- A loop:\n\n```sh\nfor f in *; do\n  echo \"$f\"\ndone\n"
	os.WriteFile(path, []byte(broken), 0o644)
	_, err := Append(context.Background(), path, snip("ls -la", "List everything"))
	if err == nil || !strings.Contains(err.Error(), path+": cannot add to it safely") || !strings.Contains(err.Error(), "line 7: code block is not closed") {
		t.Errorf("err = %v", err)
	}
	if read(t, path) != broken {
		t.Error("the sheet was changed")
	}
	if _, err := os.Stat(path + ".bak"); err == nil {
		t.Error("a backup was written for a save that did not happen")
	}
}

// A sheet saved with Windows line ends gets Windows line ends.
func TestAppendCRLF(t *testing.T) {
	path := filepath.Join(t.TempDir(), "personal.md")
	os.WriteFile(path, []byte("# personal\r\n\r\n> Mine.\r\n\r\n- List:\r\n\r\n`ls`\r\n"), 0o644)
	if _, err := Append(context.Background(), path, snip("ls -la", "List everything")); err != nil {
		t.Fatal(err)
	}
	text := read(t, path)
	if strings.Count(text, "\n") != strings.Count(text, "\r\n") {
		t.Errorf("mixed line ends: %q", text)
	}
}

// A sheet that is a symbolic link (into a dotfiles repository) stays one.
func TestAppendThroughSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "dotfiles", "how.md")
	os.MkdirAll(filepath.Dir(target), 0o755)
	os.WriteFile(target, []byte("# personal\n\n> Mine.\n\n- List:\n\n`ls`\n"), 0o644)
	link := filepath.Join(dir, "data", "personal.md")
	os.MkdirAll(filepath.Dir(link), 0o755)
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if _, err := Append(context.Background(), link, snip("ls -la", "List everything")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi, err)
	}
	if !strings.Contains(read(t, target), "`ls -la`") {
		t.Error("the target was not written")
	}
}

// Two hows saving at once both get their command in.
func TestAppendConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "personal.md")
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := Append(context.Background(), path, snip("echo "+strings.Repeat("x", i+1), "Say x"))
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	page, _ := sheet.ParsePage(path, []byte(read(t, path)))
	if len(page.Snippets) != 8 {
		t.Errorf("%d commands saved, want 8", len(page.Snippets))
	}
}

// TestAppendDanglingSymlink: a personal sheet that is a link to a file not
// there yet (a dotfiles repository, before the first add) stays a link:
// the file it names is written. A link into a folder that is not there is
// refused, naming it, and left alone.
func TestAppendDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "dotfiles", "how.md")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "data", "personal.md")
	os.MkdirAll(filepath.Dir(link), 0o755)
	if err := os.Symlink("../dotfiles/how.md", link); err != nil {
		t.Skip(err)
	}
	if _, err := Append(context.Background(), link, snip("ls -la", "list everything")); err != nil {
		t.Fatal(err)
	}
	if got, err := os.Readlink(link); err != nil || got != "../dotfiles/how.md" {
		t.Errorf("the link became %q, %v", got, err)
	}
	if !strings.Contains(read(t, target), "`ls -la`") {
		t.Errorf("the link's file:\n%s", read(t, target))
	}

	nowhere := filepath.Join(dir, "data", "nowhere.md")
	if err := os.Symlink(filepath.Join(dir, "gone", "how.md"), nowhere); err != nil {
		t.Fatal(err)
	}
	_, err := Append(context.Background(), nowhere, snip("ls -la", "list everything"))
	if err == nil || !strings.Contains(err.Error(), "is a link to "+filepath.Join(dir, "gone", "how.md")+", whose folder is not there") {
		t.Errorf("a link into no folder: %v", err)
	}
	if info, err := os.Lstat(nowhere); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
}

// TestAppendOverTheSourceLimit: a sheet that an add would take over the
// size how reads of a file would drop out of search; how add refuses it
// rather than say it saved the command, and leaves the sheet as it was.
func TestAppendOverTheSourceLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "personal.md")
	// Just under the limit: it is read, and the add takes it over.
	head := string(sheet.PersonalHeader()) + "\n<!-- "
	big := head + strings.Repeat("x", source.MaxFileSize-len(head)-len(" -->\n")-20) + " -->\n"
	if err := os.WriteFile(path, []byte(big), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Append(context.Background(), path, snip("ls -la", "list everything"))
	if err == nil || !strings.Contains(err.Error(), "would be over the 10 MiB how reads of a file") {
		t.Errorf("over the limit: %v", err)
	}
	if read(t, path) != big {
		t.Error("the sheet changed")
	}
}
