// Package cache keeps the indexes of source sets under the user's cache
// directory: it works out what a set holds now (source.Plan), builds the
// segments of the parts that changed (and only those), puts them together
// in the set's manifest (index.Compose), lets one process build at a time
// while the others answer from what is there, publishes atomically, and
// removes what no set uses any more.
package cache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/source"
)

// Layout, under Cache.Dir:
//
//	seg-<unit>-<time>/   one segment per unit of the sources (source.Unit),
//	                     named for what it holds, so that every set with
//	                     the unit shares it
//	merged-<hash>/       the commands found in several segments of a set,
//	                     merged (index.Compose)
//	set-<id>             a set's manifest: its segments in order, and what
//	                     the index as a whole says
//	build.lock           held by the one builder
//	*.tmp-*              being written; a killed build's are removed by the
//	                     next
//
// A build writes new segments beside the old and publishes by renaming a
// new manifest over the set's, so readers see the old index or the new,
// never part of one, and a failed or killed build leaves the old one live.
// Checking freshness costs a plan of the sources (stats) and reading the
// manifest.
const (
	segPrefix = "seg-"
	setPrefix = "set-"
	lockName  = "build.lock"
	tmpMark   = ".tmp-"
)

// DefaultWait is how long Open waits for another process's build before
// giving up on the cache and building in memory.
const DefaultWait = 10 * time.Second

// pollInterval is how often a waiting Open looks for the lock or for the
// other process's published index.
const pollInterval = 20 * time.Millisecond

// staleAfter is how long a reader waits for another process's build before
// answering from the previous index: long enough that two processes
// started together on small notes both get the new one, short enough for a
// key binding.
const staleAfter = 500 * time.Millisecond

// keptSets is how many sets' manifests the cache keeps (the most recently
// built); the segments no kept manifest names are removed.
const keptSets = 16

// Cache is where the indexes of source sets are kept, and what they are
// built with.
type Cache struct {
	// Dir is the folder the indexes live in; "" builds in memory.
	Dir string
	// Manuals, if set, says what installed programs are (see
	// index.Knowledge); nil: nothing is known beyond the tool list, as in
	// tests, whose rankings must not depend on the machine.
	Manuals func(program string) string
	// Wait bounds the wait for another process's build; DefaultWait if 0.
	Wait time.Duration
	// Feedback, if set, is called when Open starts, without
	// Options.Progress: what it returns is told how a build advances (if
	// there is one: an index up to date tells it nothing), and finished
	// when Open returns. The cli draws a line on a terminal with it.
	Feedback func() Reporter
}

// Reporter is told how a build advances, and when it is over.
type Reporter interface {
	Update(stage Stage, done, total int)
	Finish()
}

// Stage is a step of building the index, as reported to
// Options.Progress.
type Stage int

const (
	// StageRead is reading the sources: done and total count the files of
	// the parts being built.
	StageRead Stage = iota
	// StageIndex is writing the index: total counts the commands of the
	// parts being built, done those written.
	StageIndex
)

// Options tune Open.
type Options struct {
	// Force rebuilds every segment of the set, even when up to date.
	Force bool
	// Progress, if set, is told how a build advances. It is not called
	// when the index is up to date, and never by two goroutines at once.
	Progress func(stage Stage, done, total int)
}

// Opened is an index and what the user should hear about how it was got.
type Opened struct {
	*index.Index
	// Built is set when the index was built, or put together, for this
	// call.
	Built bool
	// Warnings are one-line messages for stderr: sources that could not be
	// read, cache trouble. Library code never prints; the caller decides
	// where they go.
	Warnings []string
	// Snippets and Files count what was read, when parts were built.
	Snippets, Files int
	// Manifest is the file that names the set's segments; "" for an
	// index built in memory.
	Manifest string
}

// knowledge is what the cache's indexes are built with.
func (c *Cache) knowledge() index.Knowledge {
	k := index.DefaultKnowledge()
	k.Manuals = c.Manuals
	return k
}

// segName is the folder of a unit's segment, less its time: the unit's
// key, the schema and the knowledge it is built with.
func (c *Cache) segName(u source.Unit) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%v\n%s\n", index.SchemaVersion(), c.Manuals != nil, u.Key)
	return segPrefix + hex.EncodeToString(h.Sum(nil)[:12]) + "-"
}

// setName is the file of a set's manifest.
func (c *Cache) setName(set *source.Set) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%v\n%s\n", index.SchemaVersion(), c.Manuals != nil, set.ID())
	return setPrefix + hex.EncodeToString(h.Sum(nil)[:12])
}

// buildPace runs the collector at Go's default pace while a build holds
// its hundreds of MB, where its memory budget is measured, whatever pace a
// query process chose for its few (a stricter one stays); the function it
// returns puts the process's own back.
func buildPace() (restore func()) {
	prev := debug.SetGCPercent(100)
	if prev >= 0 && prev < 100 {
		debug.SetGCPercent(prev)
	}
	return func() { debug.SetGCPercent(prev) }
}

// Open returns the index of set, building the parts of it that changed
// (every part with opts.Force).
//
// It never blocks for long: when another process is building, it answers
// from the index being replaced after half a second (or, with none, waits
// up to Wait for the new one), and when the cache cannot be used at all it
// builds the index in memory. Either way it returns a working index and
// puts a one-line explanation in Opened.Warnings. Only an error reading
// the sources, or a failure to build even in memory, is returned.
func (c *Cache) Open(ctx context.Context, set *source.Set, opts Options) (*Opened, error) {
	// The feedback's clock starts now: a plan reads the notes that
	// changed, which is part of the wait. It shows nothing unless a build
	// reports progress.
	var reporter Reporter
	if opts.Progress == nil && c.Feedback != nil {
		reporter = c.Feedback()
		defer reporter.Finish()
	}
	plan, err := set.Plan(ctx)
	if err != nil {
		return nil, err
	}
	out := &Opened{Manifest: filepath.Join(c.Dir, c.setName(set))}
	out.Warnings = append(out.Warnings, errorLines(plan.Errs)...)
	if set.Empty() {
		why := "the bundled sheets are left out and no source was given"
		if len(plan.Errs) > 0 {
			why = "the bundled sheets are left out and " + plan.Errs[0].Error()
			if len(plan.Errs) > 1 {
				why += fmt.Sprintf(" (and %d more)", len(plan.Errs)-1)
			}
		}
		return nil, fmt.Errorf("nothing to search: %s", why)
	}
	b := &build{c: c, plan: plan, opts: opts, out: out, ctx: ctx, reporter: reporter}
	for i := range plan.Units {
		b.want = append(b.want, c.segName(plan.Units[i]))
	}
	manifest := c.setName(set)
	if c.Dir == "" {
		defer buildPace()()
		return b.inMemory("no cache directory")
	}
	if !opts.Force {
		ix, warn := c.openLive(manifest, b.want, b)
		if ix != nil {
			return b.done(ix, false), nil
		}
		if warn != "" {
			out.Warnings = append(out.Warnings, warn)
		}
	}
	defer buildPace()()
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return b.inMemory(fmt.Sprintf("cannot create cache directory %s: %v", c.Dir, errCause(err)))
	}
	var found *index.Index
	unlock, err := c.lock(ctx, func(waited time.Duration) bool {
		if opts.Force {
			return false
		}
		if ix, _ := c.openLive(manifest, b.want, b); ix != nil {
			found = ix
			return true
		}
		// Another process is rebuilding. Rather than keep a query (or a key
		// press) waiting for it, answer from the index it is replacing,
		// which is complete, only older.
		if waited >= staleAfter {
			if ix, err := index.OpenManifest(c.Dir, manifest); err == nil {
				found = ix
				out.Warnings = append(out.Warnings, "another process is rebuilding the index; answered from the previous one")
				return true
			}
		}
		return false
	})
	switch {
	case errors.Is(err, errFound):
		// Another process built what we need while we waited, or is still
		// building it and the previous index answers meanwhile.
		return b.done(found, false), nil
	case errors.Is(err, errLockTimeout):
		return b.inMemory("another process is still building the index in " + c.Dir)
	case err != nil && ctx.Err() != nil:
		// Interrupted while waiting for another process's build: stop
		// here, rather than build an index nobody will read.
		return nil, ctx.Err()
	case err != nil:
		return b.inMemory(fmt.Sprintf("cannot lock cache directory %s: %v", c.Dir, errCause(err)))
	}
	defer unlock()
	if !opts.Force {
		// The previous holder of the lock may have just published it.
		if ix, _ := c.openLive(manifest, b.want, b); ix != nil {
			return b.done(ix, false), nil
		}
	}
	if err := b.segments(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var le *loadError
		if errors.As(err, &le) {
			return nil, le.err
		}
		return b.inMemory(fmt.Sprintf("cannot write index in %s: %v", c.Dir, errCause(err)))
	}
	if err := index.WriteManifest(filepath.Join(c.Dir, manifest), b.manifest); err != nil {
		return b.inMemory(fmt.Sprintf("cannot update %s: %v", filepath.Join(c.Dir, manifest), errCause(err)))
	}
	c.collect(manifest)
	ix, err := index.OpenManifest(c.Dir, manifest)
	if err != nil {
		return b.inMemory(fmt.Sprintf("cannot open the index just built: %v", errCause(err)))
	}
	return b.done(ix, true), nil
}

// openLive opens the set's published index if it is made of the segments
// want. A missing or stale index is reported by a nil result alone; a
// damaged one also by a warning, since the user may want to know why the
// query was slow.
func (c *Cache) openLive(manifest string, want []string, b *build) (*index.Index, string) {
	path := filepath.Join(c.Dir, manifest)
	var warn string
	for try := 0; try < 2; try++ {
		// Opened first: an index up to date, what every query finds,
		// costs one read of its manifest.
		ix, err := index.OpenManifest(c.Dir, manifest)
		if err == nil {
			if parts, _ := ix.Parts(); sameParts(parts, want) {
				return ix, ""
			}
			ix.Close()
			return nil, ""
		}
		parts, _, err := index.ManifestParts(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, ""
			}
			if info, serr := os.Stat(c.Dir); serr != nil || !info.IsDir() {
				// No cache to read (a file where it should be): what to
				// do about it is the build's to say.
				return nil, ""
			}
			if errors.Is(err, fs.ErrPermission) {
				return nil, fmt.Sprintf("cannot read the index in %s (permission denied)", path)
			}
			return nil, damaged(path, err)
		}
		if !sameParts(parts, want) {
			// Stale: what it names may be gone, which is no damage.
			return nil, ""
		}
		if ix, err = index.OpenManifest(c.Dir, manifest); err == nil {
			return ix, ""
		}
		// A concurrent rebuild may have replaced the manifest and removed
		// a segment between the two reads: read it once more.
		if errors.Is(err, fs.ErrNotExist) && try == 0 {
			continue
		}
		// An index another user built (how run with sudo, a shared cache)
		// is whole, only not ours to read: saying it is damaged would be
		// false.
		if errors.Is(err, fs.ErrPermission) {
			return nil, fmt.Sprintf("cannot read the index in %s (permission denied)", c.Dir)
		}
		var pe *index.PartError
		if errors.As(err, &pe) {
			// Only that segment is rebuilt: the build finds it damaged
			// when it puts the set together again, and says nothing
			// more.
			if b != nil {
				b.warnedOf(pe.Dir)
			}
			warn = damaged(filepath.Join(c.Dir, pe.Dir), err)
		} else {
			warn = damaged(path, err)
		}
		break
	}
	return nil, warn
}

// sameParts reports whether the manifest's segments are the ones wanted:
// each named for its unit's key, whatever its time.
func sameParts(parts, want []string) bool {
	if len(parts) != len(want) {
		return false
	}
	for i := range parts {
		if !strings.HasPrefix(parts[i], want[i]) {
			return false
		}
	}
	return true
}

// damaged is the warning for damage found in the file or folder at path.
func damaged(path string, err error) string {
	// The error names the path again; once is enough. bleve's can run on
	// over several lines (a mapping error quotes the mapping): the first
	// says what went wrong.
	why := errCause(err).Error()
	for _, prefix := range []string{"index: open " + path + ": ", "index: open " + filepath.Dir(path) + ": "} {
		why = strings.TrimPrefix(why, prefix)
	}
	why, _, _ = strings.Cut(why, "\n")
	return fmt.Sprintf("the index in %s is damaged (%s); rebuilt it", path, why)
}

var (
	errLockTimeout = errors.New("timed out waiting for the build lock")
	errFound       = errors.New("index published while waiting")
)

// inProcess serializes builders within one process as well: on systems
// where flock falls back to fcntl, two locks from one process do not
// exclude each other.
var inProcess sync.Map // cache dir -> *sync.Mutex

// lock takes the build lock, waiting at most c.Wait, or until ctx ends
// (then it returns ctx's error). While it waits it calls ready; if that
// reports true, lock gives up the wait and returns errFound.
func (c *Cache) lock(ctx context.Context, ready func(waited time.Duration) bool) (unlock func(), err error) {
	wait := c.Wait
	if wait <= 0 {
		wait = DefaultWait
	}
	muAny, _ := inProcess.LoadOrStore(filepath.Clean(c.Dir), new(sync.Mutex))
	mu := muAny.(*sync.Mutex)
	fl := flock.New(filepath.Join(c.Dir, lockName))
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
		if ready(time.Since(start)) {
			return nil, errFound
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

// collect removes, under the build lock, what no kept set uses: the
// manifests of all but the keptSets most recently built sets (always
// keeping live), the segments and merged commands no kept manifest names,
// what killed builds left half written, and the index of how before
// segments. A reader still using a removed folder keeps working on Unix
// (open files outlive their names); where removal fails (Windows), the
// next build tries again.
func (c *Cache) collect(live string) {
	entries, err := os.ReadDir(c.Dir)
	if err != nil {
		return
	}
	type set struct {
		name string
		mod  time.Time
	}
	var sets []set
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), setPrefix) && !strings.Contains(e.Name(), tmpMark) {
			if info, err := e.Info(); err == nil {
				sets = append(sets, set{e.Name(), info.ModTime()})
			}
		}
	}
	sort.Slice(sets, func(i, j int) bool { return sets[i].mod.After(sets[j].mod) })
	used := map[string]bool{}
	kept := 0
	for _, s := range sets {
		if s.name != live && kept >= keptSets {
			_ = os.Remove(filepath.Join(c.Dir, s.name))
			continue
		}
		kept++
		parts, overlay, err := index.ManifestParts(filepath.Join(c.Dir, s.name))
		if err != nil {
			_ = os.Remove(filepath.Join(c.Dir, s.name))
			continue
		}
		for _, p := range parts {
			used[p] = true
		}
		used[overlay] = true
	}
	for _, e := range entries {
		n := e.Name()
		switch {
		case strings.Contains(n, tmpMark):
			_ = os.RemoveAll(filepath.Join(c.Dir, n))
		case strings.HasPrefix(n, segPrefix), strings.HasPrefix(n, index.OverlayPrefix):
			if !used[n] {
				_ = os.RemoveAll(filepath.Join(c.Dir, n))
			}
		case strings.HasPrefix(n, "idx-") && e.IsDir(), n == "current":
			// The index of how before segments.
			_ = os.RemoveAll(filepath.Join(c.Dir, n))
		}
	}
}

// newSegName is the folder for a new segment of a unit: its name and the
// time, so that a rebuild never overwrites a segment another set's
// manifest names.
func newSegName(prefix string) string {
	return prefix + strconv.FormatInt(time.Now().UnixNano(), 36)
}

// existingSeg finds the newest segment built for a unit (by the prefix of
// its name), "" when there is none.
func existingSeg(names []string, prefix string) string {
	var found []string
	for _, n := range names {
		if strings.HasPrefix(n, prefix) && !strings.Contains(n, tmpMark) {
			found = append(found, n)
		}
	}
	if len(found) == 0 {
		return ""
	}
	slices.Sort(found)
	return found[len(found)-1]
}
