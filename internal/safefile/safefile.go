// Package safefile replaces the user's files so that a crash, a full disk
// or a kill at any moment leaves either the old file or the new one, never
// half of one. how writes the user's files only on an explicit command
// (extract -o, add, sources --discover), and those must never lose what
// was there.
package safefile

import (
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
