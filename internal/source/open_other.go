//go:build !unix

package source

import (
	"io/fs"
	"os"
)

// openFile opens a file for ReadFile and checks it is one to read. Without
// a way to open without blocking, the path is checked first: opening a
// pipe would wait for a writer forever.
func openFile(path string) (*os.File, fs.FileInfo, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if err := checkInfo(path, info); err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	return f, info, nil
}
