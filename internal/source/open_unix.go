//go:build unix

package source

import (
	"io/fs"
	"os"
	"syscall"
)

// openFile opens a file for ReadFile and checks it is one to read. The
// file is opened without blocking, then checked through its descriptor:
// opening a FIFO would otherwise wait for a writer forever, and checking
// the open file rather than the path first saves a path lookup per file,
// which shows over a collection of thousands.
func openFile(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err == nil {
		err = checkInfo(path, info)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}
