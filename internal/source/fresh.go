package source

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/howcli/how/internal/extract"
	"github.com/howcli/how/internal/safefile"
)

// Freshness. The index is rebuilt when the fingerprint of its sources
// changes, and the fingerprint is computed on every query, so it must cost
// far less than the query itself. Notes are few and edited by hand, so
// each of their files is stat'ed every time: an edit a second ago is seen.
// Collections are thousands of files that change by whole updates (git
// pull, a client's cache refresh, an editor that saves by renaming), and
// each of those changes the modification time of a folder: so for them
// only their folders are stat'ed, against the times recorded when their
// files were last stat'ed one by one. That full sweep is done again
// whenever a folder time differs, whenever a folder was modified so
// recently that a change in the same clock tick could hide behind it, and
// at least every Options.SweepEvery (for edits in place, which change no
// folder). What the sweep learnt is kept in Options.StateDir.

// racyWindow is how close to a sweep a folder's time may be before it
// cannot be trusted: file systems keep times in ticks (a few milliseconds,
// two seconds on FAT), and a file added in the same tick as the sweep
// would leave its folder's time unchanged.
const racyWindow = 2 * time.Second

// stateVersion changes whenever the state file's meaning does.
const stateVersion = 1

// rootState is what a sweep of one folder given as a source learnt.
type rootState struct {
	Version int    `json:"v"`
	Root    string `json:"root"` // real path
	Options string `json:"options"`
	Swept   int64  `json:"swept"` // unix nanoseconds
	Racy    bool   `json:"racy,omitempty"`
	// Colls are the collections in it; Notes the other folders walked
	// (relative paths, sorted): a new folder among them means a new walk.
	Colls []collState `json:"colls,omitempty"`
	Notes []string    `json:"notes,omitempty"`
}

type collState struct {
	Rel    string     `json:"rel"` // relative to the root, "." for the root
	Format Format     `json:"format"`
	Dirs   []dirState `json:"dirs"`
	Digest string     `json:"digest"`
}

type dirState struct {
	Rel   string `json:"rel"`
	Mtime int64  `json:"mtime"`
}

// Fingerprint changes whenever a source file changes, appears or vanishes,
// or how itself is rebuilt (its extractor or parsers may have changed). It
// only stats files, never reads them (but for a few sampled to recognise a
// cheatpath), so it is cheap enough to check on every query; with
// Options.StateDir set, collections cost a stat per folder rather than per
// file (see above). errs are the user's paths that could not be used, for
// the caller to warn about.
func (s *Set) Fingerprint() (string, []error) {
	h := sha256.New()
	// v4: snippets cite their files by absolute path.
	fmt.Fprintf(h, "how sources v4\n")
	// What the extractor makes of the same notes changes with its version;
	// the binary's size catches a rebuilt extractor in development, where
	// "go run" links a new binary (new path, new time) on every run.
	fmt.Fprintf(h, "extract %s\n", extract.Version)
	if exe, err := os.Executable(); err == nil {
		if info, err := os.Stat(exe); err == nil {
			fmt.Fprintf(h, "exe %d\n", info.Size())
		}
	}
	if !s.opts.NoBundled {
		fmt.Fprintf(h, "bundled %s\n", bundledDigest(s.bundled))
	}
	fmt.Fprintf(h, "options %s\n", s.optionsKey())
	roots, errs := s.existingRoots()
	for _, r := range roots {
		if !r.info.IsDir() {
			writeStat(h, RealPath(r.path), r.info)
			continue
		}
		errs = append(errs, s.fingerprintDir(h, r.path)...)
	}
	for _, err := range errs {
		fmt.Fprintf(h, "error %q\n", err.Error())
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), errs
}

// optionsKey says everything in the options that changes what is read.
func (s *Set) optionsKey() string {
	var formats []string
	for p, f := range s.opts.Formats {
		formats = append(formats, strconv.Quote(RealPath(p))+"="+string(f))
	}
	slices.Sort(formats)
	var tags []string
	for p, t := range s.opts.Tags {
		tags = append(tags, strconv.Quote(RealPath(p))+"="+strconv.Quote(strings.Join(t, ",")))
	}
	slices.Sort(tags)
	return fmt.Sprintf("platform=%s languages=%s personal=%q formats=%s tags=%s",
		s.opts.Platform, strings.Join(s.opts.Languages, ","), s.opts.Personal, strings.Join(formats, ","), strings.Join(tags, ","))
}

// fingerprintDir writes the fingerprint of one folder given as a source:
// its notes files one by one, then its collections by digest.
func (s *Set) fingerprintDir(h hash.Hash, root string) []error {
	if s.opts.StateDir != "" {
		if st := s.loadState(root); st != nil {
			if errs, ok := s.quick(h, root, st); ok {
				return errs
			}
		}
	}
	return s.sweep(h, root)
}

// sweep walks root, stats every file, writes the fingerprint and records
// what it learnt for the next call.
func (s *Set) sweep(h hash.Hash, root string) []error {
	s.sweeps++
	tree, errs := walkRoot(context.Background(), root, nil)
	if tree == nil {
		return errs
	}
	colls := classify(tree, s.readOptions(), true)
	now := s.opts.Now()
	st := rootState{Version: stateVersion, Root: tree.real, Options: s.optionsKey(), Swept: now.UnixNano()}
	var notes []statted
	st.Notes, notes = noteFolders(root, tree, func(n *node) bool { return n.coll != nil })
	statAll(notes)

	for _, c := range colls {
		cs := collState{Rel: rel(root, c.node.path), Format: c.Format}
		var dirs func(n *node)
		dirs = func(n *node) {
			info, err := os.Stat(n.path)
			if err != nil {
				st.Racy = true // gone while we looked: look again next time
				return
			}
			m := info.ModTime()
			if now.Sub(m) < racyWindow {
				st.Racy = true
			}
			cs.Dirs = append(cs.Dirs, dirState{Rel: rel(root, n.path), Mtime: m.UnixNano()})
			for _, d := range n.dirs {
				dirs(d)
			}
		}
		dirs(c.node)
		ms := c.members()
		files := make([]statted, len(ms))
		for i, m := range ms {
			files[i] = statted{key: m.key}
		}
		statAll(files)
		d := sha256.New()
		fmt.Fprintf(d, "%s\n", c.Format)
		for _, f := range files {
			writeStatted(d, f)
		}
		cs.Digest = hex.EncodeToString(d.Sum(nil)[:16])
		st.Colls = append(st.Colls, cs)
	}
	s.writeFingerprint(h, &st, notes)
	if s.opts.StateDir != "" {
		s.saveState(root, &st)
	}
	return errs
}

// noteFolders returns the folders of tree that hold notes rather than a
// collection (relative to root, sorted) and the notes in them, leaving out
// the folders collection says are one.
func noteFolders(root string, tree *node, collection func(*node) bool) (dirs []string, notes []statted) {
	var walk func(n *node)
	walk = func(n *node) {
		if collection(n) {
			return
		}
		dirs = append(dirs, rel(root, n.path))
		for _, e := range n.files {
			if fileKind(e.name) != kindNone {
				notes = append(notes, statted{key: e.key})
			}
		}
		for _, d := range n.dirs {
			walk(d)
		}
	}
	walk(tree)
	slices.Sort(dirs)
	return dirs, notes
}

// quick writes the fingerprint of root from its state when no folder of
// its collections changed; it reports false when it cannot, and a sweep
// is due.
func (s *Set) quick(h hash.Hash, root string, st *rootState) ([]error, bool) {
	now := s.opts.Now()
	if st.Version != stateVersion || st.Racy || st.Options != s.optionsKey() ||
		now.Sub(time.Unix(0, st.Swept)) >= s.opts.SweepEvery || now.Before(time.Unix(0, st.Swept)) {
		return nil, false
	}
	skip := map[string]bool{}
	for _, c := range st.Colls {
		for _, d := range c.Dirs {
			info, err := os.Stat(filepath.Join(root, d.Rel))
			if err != nil || !info.IsDir() || info.ModTime().UnixNano() != d.Mtime {
				return nil, false
			}
		}
		skip[filepath.Join(root, c.Rel)] = true
	}
	tree, errs := walkRoot(context.Background(), root, skip)
	if tree == nil || tree.real != st.Root {
		return nil, false
	}
	dirs, notes := noteFolders(root, tree, func(n *node) bool { return skip[filepath.Clean(n.path)] })
	if !slices.Equal(dirs, st.Notes) {
		return nil, false
	}
	statAll(notes)
	s.writeFingerprint(h, st, notes)
	return errs, true
}

// writeFingerprint writes what a sweep and a quick check must agree on:
// the notes files by path, the collections by digest.
func (s *Set) writeFingerprint(h hash.Hash, st *rootState, notes []statted) {
	sort.Slice(notes, func(i, j int) bool { return notes[i].key < notes[j].key })
	for _, f := range notes {
		writeStatted(h, f)
	}
	for _, c := range st.Colls {
		fmt.Fprintf(h, "coll %s %s %s\n", filepath.Join(st.Root, c.Rel), c.Format, c.Digest)
	}
}

type statted struct {
	key  string
	info fs.FileInfo
	err  error
}

func writeStatted(h hash.Hash, f statted) {
	if f.err != nil {
		fmt.Fprintf(h, "gone %s\n", f.key)
		return
	}
	writeStat(h, f.key, f.info)
}

func writeStat(h hash.Hash, key string, info fs.FileInfo) {
	buf := make([]byte, 0, 256)
	buf = append(buf, "file "...)
	buf = append(buf, key...)
	buf = append(buf, 0)
	buf = strconv.AppendInt(buf, info.Size(), 10)
	buf = append(buf, ' ')
	buf = strconv.AppendInt(buf, info.ModTime().UnixNano(), 10)
	buf = append(buf, ' ')
	buf = strconv.AppendUint(buf, uint64(info.Mode()), 8)
	buf = append(buf, '\n')
	h.Write(buf)
}

// statAll stats files in parallel: on a large collection a sweep is nearly
// all stat calls, which block in the kernel rather than use CPU.
func statAll(files []statted) {
	const workers = 4
	if len(files) < 64 {
		for i := range files {
			files[i].info, files[i].err = os.Stat(files[i].key)
		}
		return
	}
	var wg sync.WaitGroup
	per := (len(files) + workers - 1) / workers
	for w := 0; w < len(files); w += per {
		wg.Add(1)
		go func(part []statted) {
			defer wg.Done()
			for i := range part {
				part[i].info, part[i].err = os.Stat(part[i].key)
			}
		}(files[w:min(w+per, len(files))])
	}
	wg.Wait()
}

func rel(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

func (s *Set) statePath(root string) string {
	sum := sha256.Sum256([]byte(RealPath(root)))
	return filepath.Join(s.opts.StateDir, "sources-"+hex.EncodeToString(sum[:8])+".json")
}

// Invalidate forgets what Fingerprint learnt about the collections, so
// that the next call stats every file again. A file edited in place (as
// `how edit` has an editor do) changes no folder, and would otherwise go
// unseen until the next sweep is due.
func (s *Set) Invalidate() {
	if s.opts.StateDir == "" {
		return
	}
	for _, root := range s.roots() {
		os.Remove(s.statePath(root))
	}
}

func (s *Set) loadState(root string) *rootState {
	// A cache file: without blocking and through a limit, so that a FIFO
	// or a sparse file in its place costs a sweep, not a hang.
	data, err := safefile.Read(s.statePath(root), 64<<20)
	if err != nil {
		return nil
	}
	var st rootState
	if json.Unmarshal(data, &st) != nil {
		return nil
	}
	return &st
}

// saveState writes the state atomically, so that another how reading it
// at the same time sees the old state or the new, never half of one. A
// state that cannot be written costs a sweep next time, nothing more.
func (s *Set) saveState(root string, st *rootState) {
	data, err := json.Marshal(st)
	if err != nil {
		return
	}
	if err := os.MkdirAll(s.opts.StateDir, 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(s.opts.StateDir, ".sources-*.tmp")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), s.statePath(root)) != nil {
		os.Remove(tmp.Name())
	}
}
