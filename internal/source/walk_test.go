package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
}

// Symbolic links are followed, to files and to folders, but a link back
// to a folder above (a loop) or to one walked already is not entered
// again, and a dangling link is nothing.
func TestWalkSymlinks(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write(t, filepath.Join(root, "a", "b", "deep.txt"), "restart it:\nsystemctl restart nginx\n")
	write(t, filepath.Join(outside, "shared.md"), tldrPage)
	write(t, filepath.Join(outside, "one.txt"), "list:\nls -la\n")
	symlink(t, "../..", filepath.Join(root, "a", "b", "loop"))                    // back to root
	symlink(t, root, filepath.Join(root, "a", "self"))                            // absolute, to root
	symlink(t, "../a", filepath.Join(root, "a", "b", "again"))                    // to a/a, which does not exist
	symlink(t, outside, filepath.Join(root, "elsewhere"))                         // a folder outside: followed
	symlink(t, filepath.Join(outside, "one.txt"), filepath.Join(root, "one.txt")) // a file
	symlink(t, filepath.Join(root, "nothing"), filepath.Join(root, "dangling"))

	done := make(chan struct{})
	var reports []Report
	var err error
	go func() {
		defer close(done)
		_, reports, err = New(Options{Paths: []string{root}, NoBundled: true}).Load(context.Background())
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("walk did not end: a symlink loop was followed")
	}
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	problems := map[string]error{}
	for _, r := range reports {
		if r.Err != nil {
			problems[filepath.Base(r.Path)] = r.Err
			continue
		}
		seen[filepath.Base(r.Path)]++
	}
	// The links not followed are reported, each once, naming the link.
	for name, want := range map[string]error{"loop": errLinkLoop, "self": errLinkLoop, "dangling": errBrokenLink, "again": errBrokenLink} {
		if !errors.Is(problems[name], want) {
			t.Errorf("%s: problem %v, want %v", name, problems[name], want)
		}
	}
	if len(problems) != 4 {
		t.Errorf("problems: %v", problems)
	}
	for name, n := range map[string]int{"deep.txt": 1, "shared.md": 1, "one.txt": 1} {
		if seen[name] != n {
			t.Errorf("%s read %d times, want %d (reports %v)", name, seen[name], n, seen)
		}
	}
	if len(seen) != 3 {
		t.Errorf("read: %v", seen)
	}

	// The fingerprint walks the same way, and ends too.
	if fp, errs := New(Options{Paths: []string{root}, NoBundled: true}).Fingerprint(); fp == "" || len(errs) != 0 {
		t.Errorf("fingerprint %q %v", fp, errs)
	}
}

// Version control folders are never walked, hidden or not.
func TestWalkSkipsVCS(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{".git", ".hg", ".svn", ".bzr", ".jj", "CVS", "_darcs", "RCS", "SCCS", "node_modules"} {
		write(t, filepath.Join(root, d, "notes.txt"), "list:\nls -la\n")
	}
	write(t, filepath.Join(root, "real.txt"), "list:\nls -la\n")
	_, reports, _ := New(Options{Paths: []string{root}, NoBundled: true}).Load(context.Background())
	if len(reports) != 1 || filepath.Base(reports[0].Path) != "real.txt" {
		for _, r := range reports {
			t.Errorf("read %s", r.Path)
		}
	}
}

// TestWalkCountsSkippedFiles: every file of a folder is read, whatever
// its name; one that is no text (a program, a picture, an empty or huge
// file) is skipped with its reason, while one named as a note (bad.txt)
// or by the user is an error.
func TestWalkCountsSkippedFiles(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a.out"), "\x7fELF\x00\x00binary")
	write(t, filepath.Join(root, "hello"), "\x7fELF\x00\x00binary")
	write(t, filepath.Join(root, "empty"), "")
	big := strings.Repeat("x", MaxFileSize+1)
	write(t, filepath.Join(root, "dump"), big)
	write(t, filepath.Join(root, "bad.txt"), "\x00\x01binary")
	write(t, filepath.Join(root, "README.Debian"), "Build it with:\n\n    dpkg-buildpackage -us -uc\n")
	write(t, filepath.Join(root, "deploy.sh"), "#!/bin/sh\n# ship it\nacmectl release --stage prod\n")
	_, reports, _ := New(Options{Paths: []string{root}, NoBundled: true}).Load(context.Background())
	want := map[string]string{"a.out": SkipBinary, "hello": SkipBinary, "empty": SkipEmpty, "dump": SkipTooLarge,
		"bad.txt": "", "README.Debian": "", "deploy.sh": ""}
	for _, r := range reports {
		name := filepath.Base(r.Path)
		w, ok := want[name]
		if !ok {
			t.Errorf("unexpected report %s: %+v", r.Path, r)
			continue
		}
		delete(want, name)
		if name == "bad.txt" {
			if r.Skipped != "" || !errors.Is(r.Err, ErrBinary) {
				t.Errorf("bad.txt: skipped %q, error %v; want an error", r.Skipped, r.Err)
			}
			continue
		}
		if r.Skipped != w || w == "" && (r.Err != nil || r.Snippets != 1) {
			t.Errorf("%s: skipped %q (%v), %d commands; want skipped %q", name, r.Skipped, r.Err, r.Snippets, w)
		}
	}
	for name := range want {
		t.Errorf("no report for %s", name)
	}
	_, reports, _ = New(Options{Paths: []string{filepath.Join(root, "hello")}, NoBundled: true}).Load(context.Background())
	if len(reports) != 1 || !errors.Is(reports[0].Err, ErrBinary) || reports[0].Skipped != "" {
		t.Errorf("named binary: %+v", reports)
	}
}
