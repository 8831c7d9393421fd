package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is a FIFO, a socket or a device where a small regular file
// is expected: reading one would block (a FIFO waits for a writer) or
// never end (/dev/zero).
var ErrNotRegular = errors.New("is not a regular file")

// TooLargeError is a file larger than what it is expected to hold.
type TooLargeError struct {
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("is larger than the %d bytes such a file holds (%d bytes)", e.Limit, e.Size)
}

// Read reads a small file of how's or the user's (config.toml, the
// personal sheet, a cache pointer) that must be a regular file of at most
// limit bytes. It opens without blocking and checks the open file, so a
// FIFO put in its place fails at once rather than hanging how, and it
// never reads more than limit+1 bytes, so a link to /dev/zero or a sparse
// file of gigabytes costs nothing. Errors are *fs.PathError naming path;
// ErrNotRegular and *TooLargeError say what is wrong.
func Read(path string, limit int64) ([]byte, error) {
	f, err := openNonblock(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: ErrNotRegular}
	}
	if info.Size() > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &TooLargeError{Size: info.Size(), Limit: limit}}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	if int64(len(data)) > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &TooLargeError{Size: int64(len(data)), Limit: limit}}
	}
	return data, nil
}

// Regular checks that path is a regular file without opening it for
// long: a library that opens it itself (and would wait for ever on a FIFO
// put in its place) can be given it then.
func Regular(path string) error {
	f, err := openNonblock(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return &fs.PathError{Op: "open", Path: path, Err: ErrNotRegular}
	}
	return nil
}

// openNonblock opens path for reading without waiting for a FIFO's writer.
func openNonblock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|nonblock, 0)
}
