// Package personal keeps the personal sheet: the one file of commands the
// user saved with `how add`, in the data directory. It only ever appends:
// what is in the file already, hand edits included, is kept byte for
// byte, the previous version is kept as FILE.bak, and the new one replaces
// it in one rename, so that a crash or a full disk leaves the old file or
// the new one, never half of one.
package personal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"

	"github.com/howcli/how/internal/safefile"
	"github.com/howcli/how/internal/sheet"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
)

// Saved says what Append did.
type Saved struct {
	// Path is the sheet as given; Line is where the command is in it.
	Path string
	Line int
	// Already is set when the same command was in the sheet already (at
	// Line): nothing was written.
	Already bool
	// Backup is the copy of the previous version, "" for a new sheet.
	Backup string
}

// LockWait bounds how long Append waits for another how that is saving
// to the same sheet: saving takes milliseconds, so a longer wait means a
// process that hangs, and how never hangs on a lock.
var LockWait = 3 * time.Second

// Append adds s to the personal sheet at path, creating the sheet (and its
// folder) when there is none. A command the sheet has already (the same
// words, however spaced) is not added twice. The sheet is only ever
// appended to, and Append checks, before writing, that the new sheet reads
// back as the old one plus s: a sheet whose end swallows what is appended
// (a code block left open) is refused with the line to fix.
func Append(ctx context.Context, path string, s snippet.Snippet) (Saved, error) {
	out := Saved{Path: path}
	// A sheet kept in a dotfiles repository is often a symbolic link to
	// it: the link is kept, and the file it points to is written, even
	// when it is not there yet (a link made before the first how add).
	real, err := safefile.Target(path)
	if err != nil {
		return out, err
	}
	dir := filepath.Dir(real)
	if real == path {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return out, err
		}
	}
	lock := flock.New(filepath.Join(dir, "."+filepath.Base(real)+".lock"))
	lctx, cancel := context.WithTimeout(ctx, LockWait)
	defer cancel()
	locked, err := lock.TryLockContext(lctx, 20*time.Millisecond)
	if err != nil || !locked {
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
		return out, fmt.Errorf("%s: another how has been saving to it for %v; try again", path, LockWait)
	}
	defer lock.Unlock()

	mode := fs.FileMode(0o600) // a new sheet is private: commands name hosts and users
	// Read without blocking and through a limit: a FIFO in the sheet's
	// place would hang how add with the lock held, and a link to /dev/zero
	// fill the memory.
	old, err := safefile.Read(real, source.MaxFileSize)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		old = nil
	case err != nil:
		return out, fmt.Errorf("%s: %w", path, unwrap(err))
	default:
		info, err := os.Stat(real)
		if err != nil {
			return out, err
		}
		mode = info.Mode().Perm()
	}

	before, _ := sheet.ParsePage(path, old)
	for _, e := range before.Snippets {
		if e.Key() == s.Key() {
			out.Already, out.Line = true, e.Line
			return out, nil
		}
	}

	entry := sheet.PersonalEntry(s)
	var data []byte
	if len(bytes.TrimSpace(bytes.TrimPrefix(old, []byte("\ufeff")))) == 0 {
		data = append(sheet.PersonalHeader(), entry...)
	} else {
		data = append(data, old...)
		if !bytes.HasSuffix(data, []byte("\n")) {
			data = append(data, '\n')
		}
		// A sheet saved by a Windows editor gets Windows line ends.
		if bytes.Contains(old, []byte("\r\n")) {
			entry = bytes.ReplaceAll(entry, []byte("\n"), []byte("\r\n"))
			if !bytes.HasSuffix(data, []byte("\r\n")) {
				data = append(data[:len(data)-1], '\r', '\n')
			}
		}
		data = append(data, entry...)
	}

	after, problems := sheet.ParsePage(path, data)
	if err := check(before, after, s); err != nil {
		msg := err.Error()
		if len(problems) > 0 {
			msg += " (" + problems[len(problems)-1].String() + ")"
		}
		return out, fmt.Errorf("%s: cannot add to it safely: %s; fix it with how edit", path, msg)
	}
	out.Line = after.Snippets[len(after.Snippets)-1].Line
	// A sheet how would not read is one how add must not say it saved to.
	if len(data) > source.MaxFileSize {
		return out, fmt.Errorf("%s: would be over the %d MiB how reads of a file, and drop out of search; move some of its commands to a note in a source", path, source.MaxFileSize>>20)
	}

	if old != nil {
		out.Backup = path + ".bak"
		if err := safefile.Replace(real+".bak", old, mode); err != nil {
			return out, err
		}
	}
	if err := safefile.Replace(real, data, mode); err != nil {
		return out, err
	}
	return out, nil
}

// unwrap drops the path an fs.PathError repeats.
func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// check reports whether after is before plus s at the end, every command
// the sheet had still there as it was.
func check(before, after sheet.Page, s snippet.Snippet) error {
	if len(after.Snippets) != len(before.Snippets)+1 {
		return fmt.Errorf("it would read back as %d commands, not %d", len(after.Snippets), len(before.Snippets)+1)
	}
	for i, b := range before.Snippets {
		a := after.Snippets[i]
		if a.Command != b.Command || a.Description != b.Description || a.Line != b.Line {
			return fmt.Errorf("the command on line %d would change", b.Line)
		}
	}
	got := after.Snippets[len(after.Snippets)-1]
	if got.Command != s.Command || got.Description != s.Description || got.Tool != s.Tool {
		return errors.New("the new command would not read back as given")
	}
	return nil
}
