package fetch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/gofrs/flock"
)

// workPrefix names the folders Get works in, beside the live one: hidden,
// and named for the collection, so that what a killed Get left behind is
// recognised by the next one.
func workPrefix(name string) string { return "." + name + ".get-" }

// lock makes sure one Get at a time works on a collection: a second one
// would find the first one's work folder and take it for a leftover. It
// does not wait: two downloads of the same pages at once are a mistake
// worth saying, not something to queue.
func lock(parent, name string) (unlock func(), err error) {
	path := filepath.Join(parent, "."+name+".lock")
	l := flock.New(path)
	ok, err := l.TryLock()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if !ok {
		return nil, fmt.Errorf("another how is getting the %s into %s; try again when it has finished", name, parent)
	}
	return func() { l.Unlock() }, nil
}

// swap puts the folder tree in place of dir, moving the old dir (if any)
// to old first. Renames are atomic but two of them are not: between them
// dir is missing, and a process killed there (only SIGKILL or a power cut
// can stop it: Ctrl-C is a cancellation that the swap does not read) has
// left the old pages in old, which recoverSwap puts back.
func swap(dir, tree, old string) error {
	hadOld := true
	if err := os.Rename(dir, old); errors.Is(err, fs.ErrNotExist) {
		hadOld = false
	} else if err != nil {
		return err
	}
	if err := os.Rename(tree, dir); err != nil {
		if hadOld {
			if rerr := os.Rename(old, dir); rerr != nil {
				return fmt.Errorf("%w; the previous pages are in %s (%v)", err, old, rerr)
			}
		}
		return err
	}
	return nil
}

// recoverSwap cleans up after a Get that was killed: its work folders are
// removed, but for the previous pages of one killed between the renames
// of swap, which are put back when dir is missing.
func recoverSwap(parent, dir, name string) {
	ents, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range ents {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), workPrefix(name)) {
			continue
		}
		work := filepath.Join(parent, e.Name())
		if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
			if _, ok, _ := ReadStamp(filepath.Join(work, "old")); ok {
				if os.Rename(filepath.Join(work, "old"), dir) != nil {
					continue // keep them where they are rather than lose them
				}
			}
		}
		os.RemoveAll(work)
	}
}
