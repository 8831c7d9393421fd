// Package source reads what gets indexed: the bundled sheets, and the
// user's notes and sheet folders (HOW_PATH, --source). It checks each file
// before trusting it, detects its format, turns it into snippets, and
// fingerprints the whole set cheaply so the index is rebuilt only when
// something changed.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxFileSize is the largest file read. Notes and sheets are far smaller;
// anything bigger is a log, a dump or a mistake, and reading it would slow
// every index build.
const MaxFileSize = 10 << 20

// What can be wrong with a file. FileError wraps one of these (or an error
// from the file system, such as fs.ErrNotExist).
var (
	ErrIsDir      = errors.New("is a directory")
	ErrNotRegular = errors.New("is not a regular file")
	ErrTooLarge   = errors.New("is too large")
	ErrEmpty      = errors.New("is empty")
	ErrBinary     = errors.New("looks like a binary file")
	ErrUTF16      = errors.New("is UTF-16 text")
	// ErrPseudoFS is a file or folder on a file system of kernel state
	// (/proc, /sys): never anyone's notes, and a read there can block for
	// ever. Its Detail names the file system.
	ErrPseudoFS = errors.New("is kernel state, not notes; not read")
	// ErrTooMany is a source far larger than notes are: it is read only
	// in part.
	ErrTooMany = errors.New("is too large a source")
	// ErrTimeout is a read that did not return in time (see readDeadline).
	ErrTimeout = errors.New("did not answer a read in time; skipped")
)

// FileError says what is wrong with one file, in one line that names it.
type FileError struct {
	Path   string
	Err    error
	Detail string // optional, said after Err
}

func (e *FileError) Error() string {
	msg := e.Err.Error()
	switch {
	case errors.Is(e.Err, fs.ErrNotExist):
		msg = "no such file or directory"
	case errors.Is(e.Err, fs.ErrPermission):
		msg = "permission denied"
	default:
		var pe *fs.PathError
		if errors.As(e.Err, &pe) {
			msg = pe.Err.Error()
		}
	}
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	return e.Path + ": " + msg
}

func (e *FileError) Unwrap() error { return e.Err }

// Warning is a problem that did not stop a file from being used.
type Warning struct {
	Path string
	Line int // 0 when it is about the whole file
	Msg  string
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.Path, w.Line, w.Msg)
	}
	return w.Path + ": " + w.Msg
}

// short is the warning without the path, for reports that show it already;
// it reads like a sheet.Problem.
func (w Warning) short() string {
	if w.Line > 0 {
		return fmt.Sprintf("line %d: %s", w.Line, w.Msg)
	}
	return w.Msg
}

// ReadFile reads a user's file for indexing or extraction, refusing what
// cannot be text: a directory, something that is not a regular file (a
// FIFO would block forever), a file over MaxFileSize, an empty or binary
// file. The text comes back as Decode leaves it.
func ReadFile(path string) ([]byte, []Warning, error) {
	f, info, err := openFile(path)
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			return nil, nil, err
		}
		return nil, nil, &FileError{Path: path, Err: err}
	}
	defer f.Close()
	// A folder is read whole, pictures and archives too: whether a file
	// is text shows in its first bytes, and readAll stops there for one
	// that is not.
	data, err := readWithin(f, info.Size(), readDeadline)
	if err == nil && len(data) >= binaryHead {
		if why := binary(data[:binaryHead]); why != "" {
			return nil, nil, &FileError{Path: path, Err: ErrBinary, Detail: why}
		}
	}
	if err != nil {
		return nil, nil, &FileError{Path: path, Err: err}
	}
	if len(data) > MaxFileSize {
		return nil, nil, &FileError{Path: path, Err: ErrTooLarge, Detail: "over the " + size(MaxFileSize) + " limit"}
	}
	return Decode(path, data)
}

// readDeadline bounds how long reading one file may block. A note is read
// in microseconds; a file that keeps a load waiting this long is on a
// file system that stopped answering (a FUSE mount whose server hung) or
// is kernel state no check knew of, and is reported rather than waited
// for.
const readDeadline = 3 * time.Second

// readWithin reads f (of the size Stat gave), up to one byte past
// MaxFileSize in case it grew since, and gives up with ErrTimeout when the
// read has not returned after d. The read runs on a goroutine of its own
// because no deadline reaches a read blocked in the kernel on most files
// (a local disk's, FUSE's); when it is abandoned, the caller's Close
// wakes it where the runtime can, and elsewhere it ends with the
// process.
func readWithin(f *os.File, size int64, d time.Duration) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := readAll(io.LimitReader(f, MaxFileSize+1), size)
		done <- result{data, err}
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case r := <-done:
		return r.data, r.err
	case <-t.C:
		return nil, ErrTimeout
	}
}

// readAll is io.ReadAll into a buffer sized from the file's size, so that
// a file is read in one call and one allocation rather than through a
// growing buffer: a collection is thousands of small files. The head is
// read first, and a file it shows to be binary is not read further: a
// folder of programs is megabytes a file, and Decode needs only the head
// to refuse it.
func readAll(r io.Reader, size int64) ([]byte, error) {
	buf := make([]byte, 0, min(size, MaxFileSize)+512)
	checked := false
	for {
		end := cap(buf)
		if !checked {
			end = min(end, binaryHead)
		}
		n, err := r.Read(buf[len(buf):end])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if !checked && len(buf) == end {
			checked = true
			if binary(buf) != "" {
				return buf, nil
			}
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grew since Stat: make room
		}
	}
}

func checkInfo(path string, info fs.FileInfo) error {
	switch {
	case info.IsDir():
		return &FileError{Path: path, Err: ErrIsDir}
	case !info.Mode().IsRegular():
		return &FileError{Path: path, Err: ErrNotRegular}
	case info.Size() > MaxFileSize:
		return &FileError{Path: path, Err: ErrTooLarge, Detail: size(info.Size()) + ", over the " + size(MaxFileSize) + " limit"}
	}
	return nil
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

var (
	utf8BOM    = []byte("\xef\xbb\xbf")
	utf16LEBOM = []byte("\xff\xfe")
	utf16BEBOM = []byte("\xfe\xff")
)

// Decode turns a file's bytes into the text the parsers get: a UTF-8 byte
// order mark dropped, CRLF line ends made LF, and bytes that are not UTF-8
// replaced with U+FFFD (one warning names the first such line). Empty,
// binary and UTF-16 files are errors. path only names the file in messages.
func Decode(path string, data []byte) ([]byte, []Warning, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, &FileError{Path: path, Err: ErrEmpty}
	}
	if bytes.HasPrefix(data, utf16LEBOM) || bytes.HasPrefix(data, utf16BEBOM) {
		return nil, nil, &FileError{Path: path, Err: ErrUTF16, Detail: "save it as UTF-8"}
	}
	if why := binary(data); why != "" {
		return nil, nil, &FileError{Path: path, Err: ErrBinary, Detail: why}
	}
	if bytes.Contains(data, []byte("\r\n")) {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	var warnings []Warning
	// A few stray NUL bytes (a crash while saving, a bad copy) do not make
	// a note binary: they are dropped, and the rest is read.
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line := bytes.Count(data[:i], []byte("\n")) + 1
		n := bytes.Count(data, []byte{0})
		data = bytes.ReplaceAll(data, []byte{0}, nil)
		warnings = append(warnings, Warning{Path: path, Line: line, Msg: fmt.Sprintf("%d NUL byte%s removed", n, plural(n))})
	}
	if !utf8.Valid(data) {
		first, lines := 0, 0
		for i, line := range bytes.Split(data, []byte("\n")) {
			if !utf8.Valid(line) {
				if first == 0 {
					first = i + 1
				}
				lines++
			}
		}
		msg := "invalid UTF-8; bytes replaced with U+FFFD"
		if lines > 1 {
			msg = fmt.Sprintf("invalid UTF-8 (and on %d more lines); bytes replaced with U+FFFD", lines-1)
		}
		warnings = append(warnings, Warning{Path: path, Line: first, Msg: msg})
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	return data, warnings, nil
}

// binaryHead is how much of a file tells whether it is text.
const binaryHead = 8192

// binary says why data does not look like text, or "" when it does. Only
// the start is examined: text files do not turn binary halfway through, and
// a NUL byte is where text tools give up too.
func binary(data []byte) string {
	head := data[:min(len(data), binaryHead)]
	// Text with a stray NUL byte is still text; binary formats are full of
	// them.
	if nul := bytes.Count(head, []byte{0}); nul > 4 && nul*100 > len(head) {
		return "it has NUL bytes"
	}
	control := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1b {
			control++
		}
	}
	if control*10 > len(head) {
		return "it is mostly control bytes"
	}
	return ""
}

// message is err as a short phrase without the file name, for reports that
// already show the path.
func message(err error) string {
	var fe *FileError
	if errors.As(err, &fe) {
		return strings.TrimPrefix(fe.Error(), fe.Path+": ")
	}
	return err.Error()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
