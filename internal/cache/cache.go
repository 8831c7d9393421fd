// Package cache keeps the index of a source set under the user's cache
// directory: it decides when the index must be built (the sources changed,
// the index is damaged) and builds it, lets one process build at a time
// while the others answer from what is there, publishes builds atomically
// and removes the ones no longer used.
package cache

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/safefile"
	"github.com/howcli/how/internal/snippet"
)

// Layout, under the directory given to Ensure:
//
//	idx-<schema>-<fingerprint hash>-<build time>/   one directory per build
//	current                                         names the live build: a
//	                                                symlink, or a small file
//	                                                where symlinks fail
//	build.lock                                      held by the one builder
//
// A build is written into its own new directory and published by renaming a
// new pointer over current, so readers see the old index or the new one,
// never half of one, and a failed or killed build leaves the old one live.
// The fingerprint hash and schema are in the directory's name, so checking
// freshness costs one readlink.
const (
	currentName = "current"
	lockName    = "build.lock"
	dirPrefix   = "idx-"
)

// DefaultWait is how long Ensure waits for another process's build before
// giving up on the cache and building in memory.
const DefaultWait = 10 * time.Second

// pollInterval is how often a waiting Ensure looks for the lock or for the
// other process's published index.
const pollInterval = 20 * time.Millisecond

// EnsureOptions tune EnsureWith.
type EnsureOptions struct {
	// Force rebuilds even when the current index is up to date (how index).
	Force bool
	// Wait bounds the wait for another process's build; DefaultWait if 0.
	Wait time.Duration
	// Progress, if set, is called as documents are written.
	Progress func(done, total int)
	// Manuals, if set, says what installed programs are (see
	// index.Knowledge): the cli reads the machine's man pages.
	Manuals func(program string) string
}

// Ensure returns an index for the given fingerprint from cacheDir, building
// it with load when there is none or it is stale.
//
// The fingerprint is opaque: any string that changes whenever the sources
// do. An index built for another fingerprint, another schema or another
// bleve version is rebuilt before answering. Ensure never blocks for long:
// when another process is building, it answers from the index being
// replaced after half a second (or, with none, waits up to DefaultWait for
// the new one), and when the cache cannot be used at all it builds the
// index in memory. Either way it
// returns a working index and puts a one-line explanation in
// Opened.Warnings. Only load's own error, or a failure to build even in
// memory, is returned as an error.
func Ensure(ctx context.Context, cacheDir, fingerprint string, load func() ([]snippet.Snippet, error)) (*Opened, error) {
	return EnsureWith(ctx, cacheDir, fingerprint, load, EnsureOptions{})
}

// EnsureWith is Ensure with options.
func EnsureWith(ctx context.Context, cacheDir, fingerprint string, load func() ([]snippet.Snippet, error), opts EnsureOptions) (*Opened, error) {
	c := cache{dir: cacheDir, prefix: dirPrefix + index.SchemaVersion() + "-" + hashFingerprint(fingerprint) + "-"}
	var warns []string
	if !opts.Force {
		ix, warn := c.openCurrent()
		if ix != nil {
			return ix, nil
		}
		if warn != "" {
			warns = append(warns, warn)
		}
	}

	k := index.DefaultKnowledge()
	k.Manuals = opts.Manuals
	b := &builder{load: load, progress: opts.Progress, warns: warns, knowledge: k}
	if cacheDir == "" {
		return b.inMemory("no cache directory")
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return b.inMemory(fmt.Sprintf("cannot create cache directory %s: %v", cacheDir, errCause(err)))
	}

	unlock, err := c.lock(ctx, opts.Wait, func(waited time.Duration) *Opened {
		if opts.Force {
			return nil
		}
		if ix, _ := c.openCurrent(); ix != nil {
			return ix
		}
		// Another process is rebuilding. Rather than keep a query (or a key
		// press) waiting for it, answer from the index it is replacing,
		// which is complete, only older.
		if waited >= staleAfter {
			if ix := c.openPrevious(); ix != nil {
				ix.Warnings = append(ix.Warnings, "another process is rebuilding the index; answered from the previous one")
				return ix
			}
		}
		return nil
	})
	switch {
	case errors.Is(err, errPublished):
		// Another process built what we need while we waited, or is still
		// building it and the previous index answers meanwhile.
		c.found.Warnings = append(b.warns, c.found.Warnings...)
		return c.found, nil
	case errors.Is(err, errLockTimeout):
		return b.inMemory("another process is still building the index in " + cacheDir)
	case err != nil && ctx.Err() != nil:
		// Interrupted while waiting for another process's build: stop
		// here, rather than build an index nobody will read.
		return nil, ctx.Err()
	case err != nil:
		return b.inMemory(fmt.Sprintf("cannot lock cache directory %s: %v", cacheDir, errCause(err)))
	}
	defer unlock()
	if !opts.Force {
		// The previous holder of the lock may have just published it.
		if ix, _ := c.openCurrent(); ix != nil {
			return ix, nil
		}
	}

	snips, err := b.snippets()
	if err != nil {
		return nil, err
	}
	name := c.prefix + strconv.FormatInt(time.Now().UnixNano(), 36)
	dir := filepath.Join(cacheDir, name)
	if err := index.BuildProgress(dir, snips, k, opts.Progress); err != nil {
		return b.inMemory(fmt.Sprintf("cannot write index in %s: %v", cacheDir, errCause(err)))
	}
	if err := c.publish(name); err != nil {
		_ = os.RemoveAll(dir)
		return b.inMemory(fmt.Sprintf("cannot update %s: %v", filepath.Join(cacheDir, currentName), errCause(err)))
	}
	c.removeOld(name)
	ix, err := index.Open(dir)
	if err != nil {
		return b.inMemory(fmt.Sprintf("cannot open the index just built: %v", errCause(err)))
	}
	return &Opened{Index: ix, Built: true, Warnings: b.warns}, nil
}

// hashFingerprint shortens the caller's fingerprint to a name-safe string.
// It only has to tell one state of the sources from the next.
func hashFingerprint(fp string) string {
	h := fnv.New64a()
	h.Write([]byte(fp))
	return strconv.FormatUint(h.Sum64(), 36)
}

// errCause drops the path that os errors repeat, for one-line warnings.
func errCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// builder loads snippets at most once and builds in memory when the cache
// fails us.
type builder struct {
	load      func() ([]snippet.Snippet, error)
	progress  func(done, total int)
	knowledge index.Knowledge
	warns     []string
	snips     []snippet.Snippet
	loaded    bool
}

func (b *builder) snippets() ([]snippet.Snippet, error) {
	if !b.loaded {
		s, err := b.load()
		if err != nil {
			return nil, err
		}
		b.snips, b.loaded = s, true
	}
	return b.snips, nil
}

func (b *builder) inMemory(why string) (*Opened, error) {
	snips, err := b.snippets()
	if err != nil {
		return nil, err
	}
	ix, err := index.BuildMemory(snips, b.knowledge, b.progress)
	if err != nil {
		return nil, err
	}
	return &Opened{Index: ix, Built: true, Warnings: append(b.warns, why+"; using a temporary in-memory index")}, nil
}

type cache struct {
	dir    string
	prefix string  // what the live directory's name must start with
	found  *Opened // set by lock when the index appeared while waiting
}

// readCurrent returns the name of the live build directory.
func (c *cache) readCurrent() (string, error) {
	p := filepath.Join(c.dir, currentName)
	name, err := os.Readlink(p)
	if err != nil {
		// Not a symlink: the pointer-file form. It is tiny; anything big
		// (a sparse file of gigabytes), or not a file (a FIFO), is not
		// ours, and is not read.
		var b []byte
		b, err = safefile.Read(p, 512)
		if err != nil {
			return "", err
		}
		name = strings.TrimSpace(string(b))
	}
	if !strings.HasPrefix(name, dirPrefix) || strings.ContainsAny(name, `/\`) || name != filepath.Base(name) {
		return "", fmt.Errorf("%s does not name an index directory", p)
	}
	return name, nil
}

// openCurrent opens the live index if it matches c.prefix. A missing or
// stale index is reported by a nil result alone; a damaged one also by a
// warning, since the user may want to know why the query was slow.
func (c *cache) openCurrent() (*Opened, string) {
	name, err := c.readCurrent()
	if err != nil || !strings.HasPrefix(name, c.prefix) {
		return nil, ""
	}
	dir := filepath.Join(c.dir, name)
	ix, err := openChecked(dir)
	if err == nil {
		return ix, ""
	}
	// A concurrent rebuild may have replaced and removed the directory
	// between the readlink and the open: follow the pointer once more.
	if again, err2 := c.readCurrent(); err2 == nil && again != name {
		if !strings.HasPrefix(again, c.prefix) {
			return nil, ""
		}
		if ix, err2 := openChecked(filepath.Join(c.dir, again)); err2 == nil {
			return ix, ""
		}
	}
	if _, serr := os.Stat(dir); errors.Is(serr, fs.ErrNotExist) {
		return nil, ""
	}
	// An index another user built (how run with sudo, a shared cache) is
	// whole, only not ours to read: saying it is damaged would be false.
	if errors.Is(err, fs.ErrPermission) {
		return nil, fmt.Sprintf("cannot read the index in %s (permission denied)", dir)
	}
	// The error names dir again; once is enough. bleve's can run on over
	// several lines (a mapping error quotes the mapping): the first says
	// what went wrong.
	why := strings.TrimPrefix(errCause(err).Error(), "index: open "+dir+": ")
	why, _, _ = strings.Cut(why, "\n")
	return nil, fmt.Sprintf("the index in %s is damaged (%s); rebuilt it", dir, why)
}

// staleAfter is how long a reader waits for another process's build before
// answering from the previous index: long enough that two processes
// started together on small notes both get the new one, short enough for a
// key binding.
const staleAfter = 500 * time.Millisecond

// openPrevious opens the live index whatever sources it was built from, as
// long as this binary can read it (same schema, same bleve).
func (c *cache) openPrevious() *Opened {
	name, err := c.readCurrent()
	if err != nil || !strings.HasPrefix(name, dirPrefix+index.SchemaVersion()+"-") {
		return nil
	}
	ix, err := openChecked(filepath.Join(c.dir, name))
	if err != nil {
		return nil
	}
	return ix
}

// openChecked opens the index at dir and checks that it holds what its
// build put in it: as many documents as the entry count stored beside the
// segment. A segment zeroed, emptied or cut short fails to open; one
// replaced by another build's would hold another count.
func openChecked(dir string) (*Opened, error) {
	ix, err := index.Open(dir)
	if err != nil {
		return nil, err
	}
	entries, err := ix.Len()
	if err != nil {
		ix.Close()
		return nil, errors.New("its entry count could not be read")
	}
	if docs := ix.DocCount(); docs != uint64(entries) {
		ix.Close()
		return nil, fmt.Errorf("%d documents for %d commands", docs, entries)
	}
	return &Opened{Index: ix}, nil
}

// symlink is os.Symlink, replaceable by tests of the pointer-file
// fallback.
var symlink = os.Symlink

var (
	errLockTimeout = errors.New("timed out waiting for the build lock")
	errPublished   = errors.New("index published while waiting")
)

// inProcess serializes builders within one process as well: on systems
// where flock falls back to fcntl, two locks from one process do not
// exclude each other.
var inProcess sync.Map // cache dir -> *sync.Mutex

// lock takes the build lock, waiting at most wait, or until ctx ends (then
// it returns ctx's error). While it waits it calls ready; if that returns
// an index, lock gives up the wait, stores it in c.found and returns
// errPublished.
func (c *cache) lock(ctx context.Context, wait time.Duration, ready func(waited time.Duration) *Opened) (unlock func(), err error) {
	if wait <= 0 {
		wait = DefaultWait
	}
	muAny, _ := inProcess.LoadOrStore(filepath.Clean(c.dir), new(sync.Mutex))
	mu := muAny.(*sync.Mutex)
	fl := flock.New(filepath.Join(c.dir, lockName))
	start := time.Now()
	deadline := start.Add(wait)
	poll := time.NewTicker(pollInterval)
	defer poll.Stop()
	for {
		if mu.TryLock() {
			ok, err := fl.TryLock()
			if err != nil {
				mu.Unlock()
				return nil, err
			}
			if ok {
				return func() {
					_ = fl.Unlock()
					mu.Unlock()
				}, nil
			}
			mu.Unlock()
		}
		if ix := ready(time.Since(start)); ix != nil {
			c.found = ix
			return nil, errPublished
		}
		if time.Now().After(deadline) {
			return nil, errLockTimeout
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-poll.C:
		}
	}
}

// publish points current at the build directory name, atomically: a new
// pointer is made beside it and renamed over it.
func (c *cache) publish(name string) error {
	cur := filepath.Join(c.dir, currentName)
	tmp := filepath.Join(c.dir, fmt.Sprintf("%s.tmp-%d-%d", currentName, os.Getpid(), time.Now().UnixNano()))
	// A relative target keeps the cache valid if its directory is moved.
	if err := symlink(name, tmp); err == nil {
		if err = os.Rename(tmp, cur); err == nil {
			return nil
		}
		_ = os.Remove(tmp)
	}
	// Symlinks can be unavailable (Windows without the privilege, some
	// network or FAT file systems): fall back to a pointer file.
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.WriteString(name + "\n")
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, cur); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return nil
}

// removeOld deletes every build directory but keep, and pointers left by
// killed builds. It runs under the build lock, so nothing it removes is
// being written. A reader still using an old directory keeps working on
// Unix (open files outlive their names); where removal fails (Windows), the
// next build tries again.
func (c *cache) removeOld(keep string) {
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		switch {
		case n == keep:
		case strings.HasPrefix(n, dirPrefix) && e.IsDir():
			_ = os.RemoveAll(filepath.Join(c.dir, n))
		case strings.HasPrefix(n, currentName+".tmp-"):
			_ = os.Remove(filepath.Join(c.dir, n))
		}
	}
}
