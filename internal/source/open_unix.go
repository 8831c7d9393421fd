//go:build unix

package source

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// openFile opens a file for ReadFile and checks it is one to read. The
// file is opened without blocking, then checked through its descriptor:
// opening a FIFO would otherwise wait for a writer forever, and checking
// the open file rather than the path first saves a path lookup per file,
// which shows over a collection of thousands. A regular file on a file
// system of kernel state (/proc/kmsg, linked from a folder of notes) is
// refused too: its reads can block for ever.
func openFile(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if errors.Is(err, syscall.ENXIO) {
		// A socket cannot be opened at all; "no such device or address"
		// would not tell the user why.
		return nil, nil, &FileError{Path: path, Err: ErrNotRegular, Detail: "a socket"}
	}
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err == nil {
		err = checkInfo(path, info)
	}
	if err == nil {
		err = checkFS(path, f)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// checkFS refuses a file on a pseudo file system. It looks through the
// descriptor's raw connection: f.Fd() would make the file blocking, and
// the read deadline needs it as it is.
func checkFS(path string, f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return nil
	}
	name := ""
	if rc.Control(func(fd uintptr) { name = pseudoFSOfFile(fd) }) != nil || name == "" {
		return nil
	}
	return &FileError{Path: path, Err: ErrPseudoFS, Detail: "on the " + name + " file system"}
}
