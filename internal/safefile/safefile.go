// Package safefile replaces the user's files so that a crash, a full disk
// or a kill at any moment leaves either the old file or the new one, never
// half of one. how writes the user's files only on an explicit command
// (extract -o, add, sources --discover), and those must never lose what
// was there.
package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Replace writes data to path: into a temporary file beside it, flushed to
// disk with the given mode, then renamed over path. Errors name path.
func Replace(path string, data []byte, mode fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Target is the file to write for path: path itself, or, when path is a
// symbolic link (a file kept in a dotfiles repository), the file it points
// to, which need not exist yet; its folder must, since how does not make
// folders a link names. Writing the target keeps the link a link, where
// replacing path would put a file in its place.
func Target(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err == nil {
		return real, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	info, lerr := os.Lstat(path)
	if lerr != nil || info.Mode()&fs.ModeSymlink == 0 {
		return path, nil // nothing there yet
	}
	// A dangling link: follow it by hand, as far as it goes.
	target := path
	for range 40 {
		t, err := os.Readlink(target)
		if err != nil {
			break
		}
		if !filepath.IsAbs(t) {
			t = filepath.Join(filepath.Dir(target), t)
		}
		target = t
	}
	if info, err := os.Stat(filepath.Dir(target)); err != nil || !info.IsDir() {
		return "", fmt.Errorf("%s: is a link to %s, whose folder is not there; make it, or remove the link", path, target)
	}
	if _, err := os.Lstat(target); err == nil {
		return "", fmt.Errorf("%s: is a link that goes round in a loop (through %s)", path, target)
	}
	return target, nil
}
