package config

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// manyKeys is a config file of n unknown settings.
func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "k%d = 1\n", i)
	}
	return b.String()
}

// TestLoadHostile: config.toml is read by every query and every shell
// start, so no file can make it cost more than a small file does: one of
// 50,000 keys is refused before it is parsed, one nested 8,000 deep too,
// and one of a few thousand unknown keys (under the size limit) is read
// in one pass, naming the first few and counting the rest.
func TestLoadHostile(t *testing.T) {
	dir := write(t, manyKeys(50000))
	if _, _, err := Load(dir, "/h"); err == nil || !strings.Contains(err.Error(), "config.toml: is larger than the 65536 bytes such a file holds") {
		t.Errorf("50,000 keys: %v", err)
	}
	dir = write(t, "limit = 3\na = "+strings.Repeat("{b = ", 8000)+"1"+strings.Repeat("}", 8000)+"\n")
	if _, _, err := Load(dir, "/h"); err == nil || !strings.HasSuffix(err.Error(), "config.toml:2: tables or arrays nested more than 16 deep; not read") {
		t.Errorf("8,000 deep: %v", err)
	}
	// Nesting inside strings and comments is text, not tables.
	dir = write(t, "sources = [\"{{{{{{{{{{{{{{{{{{{{[[[[[[[[[[\"] # {{{{{{{{{{{{{{{{{{{{{{{{\n")
	if _, _, err := Load(dir, "/h"); err != nil {
		t.Errorf("braces in a string: %v", err)
	}

	n := 6500
	dir = write(t, manyKeys(n))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, warns, err := Load(dir, "/h")
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != listedUnknown+1 || !strings.HasSuffix(warns[0], `config.toml:1: unknown setting "k0" (ignored)`) ||
		!strings.HasSuffix(warns[listedUnknown], fmt.Sprintf("config.toml: %d more unknown settings (ignored)", n-listedUnknown)) {
		t.Errorf("warnings %q", warns)
	}
	// Allocation stands for time without a clock: finding each key's line
	// by reading the file again allocated the square of its size.
	if got := after.TotalAlloc - before.TotalAlloc; got > 200*uint64(len(manyKeys(n))) {
		t.Errorf("%d unknown keys allocated %d MB", n, got>>20)
	}
}

// TestLoadSpecialFiles: config.toml as a FIFO (nobody writing), or linked
// to /dev/zero, is an error naming it, at once.
func TestLoadSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs or /dev/zero")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, FileName)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip(err)
	}
	if _, _, err := Load(dir, "/h"); err == nil || err.Error() != p+": is not a regular file" {
		t.Errorf("FIFO: %v", err)
	}
	os.Remove(p)
	if err := os.Symlink("/dev/zero", p); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Load(dir, "/h"); err == nil || err.Error() != p+": is not a regular file" {
		t.Errorf("/dev/zero: %v", err)
	}
}

// BenchmarkLoadHostile: a 50,000-key config is refused, and the largest
// one read (64 KiB of unknown keys) is read, in well under 100 ms.
func BenchmarkLoadHostile(b *testing.B) {
	for _, n := range []int{50000, 6500} {
		dir := b.TempDir()
		if err := os.WriteFile(filepath.Join(dir, FileName), []byte(manyKeys(n)), 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				_, _, _ = Load(dir, "/h")
			}
		})
	}
}

// TestAppendSourcesThroughLinks: a config.toml that is a link to a file
// not there yet (a dotfiles repository) stays a link when sources are
// added, and one that is a FIFO is refused at once.
func TestAppendSourcesThroughLinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs")
	}
	dir := t.TempDir()
	dotfiles := filepath.Join(dir, "dotfiles")
	cfg := filepath.Join(dir, "config")
	for _, d := range []string{dotfiles, cfg} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(cfg, FileName)
	if err := os.Symlink(filepath.Join(dotfiles, "how.toml"), link); err != nil {
		t.Fatal(err)
	}
	if _, err := AppendSources(cfg, "/h", []Source{{Path: "/notes"}}, "added"); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if data, err := os.ReadFile(filepath.Join(dotfiles, "how.toml")); err != nil || !strings.Contains(string(data), "path = '/notes'") {
		t.Errorf("the link's file: %q %v", data, err)
	}
	os.Remove(link)
	if err := syscall.Mkfifo(link, 0o644); err != nil {
		t.Skip(err)
	}
	if _, err := AppendSources(cfg, "/h", []Source{{Path: "/notes"}}, "added"); err == nil || !strings.Contains(err.Error(), "is not a regular file") {
		t.Errorf("FIFO: %v", err)
	}
}
