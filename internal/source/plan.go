package source

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/fnv"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/howcli/how/internal/extract"
	"github.com/howcli/how/internal/snippet"
)

// Units. The index of a set is made of segments, one for each part of the
// sources that changes on its own, so that a change rebuilds only the
// parts it touched: the bundled sheets, each collection, each file given
// on its own (the personal sheet is one), and the notes of each folder
// given, in shares of about notesPerUnit files (by a hash of their path
// in the folder, so that a file stays in its share as others come and
// go). Each unit has a key that changes whenever what it would read does,
// and nothing else: its files' sizes and times, the options, how itself
// was built, and, for notes, the names the other notes of their folder
// run as programs (see extract.Note), which change what a note reads as
// a command.
//
// Planning is what every query pays, so it stats and never reads, but for
// the notes that changed since the last plan (their names are needed for
// the keys, and they are about to be read anyway): with Options.StateDir,
// a folder's notes are listed from the state when its folders' times say
// nothing was added, removed or renamed, and each note is stat'ed in its
// folder by name (an edit in place changes no folder time); collections
// are checked by their folders' times, as Fingerprint describes.

// notesPerUnit is about how many notes of a folder go in one unit: few
// enough that rebuilding one after an edit takes tens of milliseconds,
// many enough that a query reads few segments. A folder's number of
// shares changes only when its notes double or halve.
var notesPerUnit = 400 // a variable for tests

// Unit is a part of a source set indexed on its own.
type Unit struct {
	// Key identifies what the unit holds; a segment built for one key
	// serves every set the unit is part of.
	Key string
	// Name says what the unit is, for messages.
	Name string

	kind unitKind
	// files are the unit's files, in the order they are read, for files
	// given on their own; notes are a share's notes, made files when
	// they are read (most plans read none); a collection's are listed
	// when it is loaded.
	files []file
	notes []*noteFile
	scan  *rootScan
	// root is the root given a collection was found in, and coll its
	// real path.
	root, coll string
	// passed are what the walk of the unit's root passed over, carried
	// by the root's first unit, for Load to report.
	passed []error
}

type unitKind int

const (
	unitBundled unitKind = iota
	unitFile
	unitNotes
	unitCollection
)

// Plan is what a set holds now, as units in the order of the sources,
// with the paths that could not be used.
type Plan struct {
	Units []Unit
	// Errs are the user's paths that could not be used, for warnings.
	Errs []error

	set *Set
	// read are the notes read while planning (their names were needed),
	// by key, for Load to use.
	read map[string]loaded
	// folders are the names the notes of a folder (as walked) share, for
	// the folders that hold two notes or more.
	folders map[string][]string
	// buf is writeNote's.
	buf []byte
}

// Plan works out the units of the set and their keys.
func (s *Set) Plan(ctx context.Context) (*Plan, error) {
	p := &Plan{set: s, read: map[string]loaded{}, folders: map[string][]string{}}
	common := sha256.New()
	fmt.Fprintf(common, "how units v1\nextract %s\n", extract.Version)
	if exe, err := os.Executable(); err == nil {
		if info, err := os.Stat(exe); err == nil {
			fmt.Fprintf(common, "exe %d\n", info.Size())
		}
	}
	fmt.Fprintf(common, "options %s\n", s.optionsKey())
	prefix := common.Sum(nil)

	if !s.opts.NoBundled {
		h := sha256.New()
		h.Write(prefix)
		fmt.Fprintf(h, "bundled %s\n", bundledDigest(s.bundled))
		p.Units = append(p.Units, Unit{Key: sum(h), Name: "the bundled sheets", kind: unitBundled})
	}

	roots, errs := s.existingRoots()
	p.Errs = errs
	cwd, _ := os.Getwd()
	personalKey := ""
	if s.opts.Personal != "" {
		personalKey = RealPath(s.opts.Personal)
	}
	rootTags := map[string][]string{}
	for path, t := range s.opts.Tags {
		rootTags[RealPath(path)] = t
	}
	var scans []*rootScan
	total := 0
	for _, r := range roots {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sc, errs := s.scanRoot(ctx, r, cwd)
		p.Errs = append(p.Errs, errs...)
		if sc == nil {
			continue
		}
		sc.tags = rootTags[RealPath(r.path)]
		scans = append(scans, sc)
		total += len(sc.notes)
	}
	// Sized once: grown note by note, the map of 10,000 notes' keys cost
	// more than the rest of a plan that finds nothing changed.
	seen := make(map[string]bool, total) // files, by key: each is read once
	seenColl := map[string]bool{}        // collections, by real path
	for _, sc := range scans {
		// A file found again under another root is the first root's.
		sc.notes = slices.DeleteFunc(sc.notes, func(n noteFile) bool {
			if seen[n.key] {
				return true
			}
			seen[n.key] = true
			return false
		})
		sc.colls = slices.DeleteFunc(sc.colls, func(c collScan) bool {
			if seenColl[c.real] {
				return true
			}
			seenColl[c.real] = true
			return false
		})
		for i := range sc.notes {
			if sc.notes[i].key == personalKey {
				sc.notes[i].personal = true
			}
		}
	}
	if err := p.learnNames(ctx, scans); err != nil {
		return nil, err
	}
	// A unit's key is a digest of its notes' stats and of the names
	// their folders share: when no note of any root changed, the keys
	// are the ones the state kept, and 10,000 notes are not hashed again
	// on every query.
	// The names a folder's notes share may come from another root's
	// notes in it: the keys hold for the same roots only.
	same := true
	with := sha256.New()
	with.Write(prefix)
	for _, sc := range scans {
		same = same && sc.same && !sc.dirty
		fmt.Fprintf(with, "root %q\n", sc.real)
	}
	keysFor := sum(with)
	for _, sc := range scans {
		if sc.base != nil {
			sc.keysFor, sc.noteKeys = sc.base.keysFor, sc.base.noteKeys
		}
		reuse := reuseKeys && same && sc.keysFor == keysFor
		p.Units = append(p.Units, p.units(sc, prefix, keysFor, reuse)...)
		if sc.dirty && s.opts.StateDir != "" {
			s.saveState(sc.real, sc.state())
		}
	}
	return p, nil
}

// reuseKeys is cleared by a test that compares reused keys with fresh ones.
var reuseKeys = true

func sum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)[:16]) }

// rootScan is what one root given holds now.
type rootScan struct {
	root  string // as given
	abs   string // root made absolute (what snippets cite)
	real  string
	file  bool // a file given on its own
	tags  []string
	notes []noteFile // in the order of the walk
	colls []collScan
	// chunks is how many units the notes are shared among.
	chunks int
	// base is what the walk found (folders, collections), for the state
	// the plan keeps; dirty says the state must be written.
	base  *rootState
	dirty bool
	// same is set when the quick scan found every note as the state
	// had it: no stat changed, none added or removed.
	same bool
	// noteKeys are the keys of the notes' units, in the order of their
	// shares, and keysFor what they were worked out with (see units).
	noteKeys []string
	keysFor  string
	// passed are the entries a sweep's walk passed over (broken links,
	// loops): news when the sources are read, not on every plan.
	passed []error
	// roots are abs and real, shared by the hints of the root's notes.
	roots []string
}

// noteFile is a file read as notes (or by its content) outside
// collections, with its stat and what the last plan learnt of it.
type noteFile struct {
	rel  string // in the root, "/"-separated; "" for a file given on its own
	path string // the root as given, joined with rel
	key  string // its real path
	stat fileStat
	// known is set when note and names are what the file says as it is:
	// whether it is read as a note, and the names it runs as programs
	// that the notes beside it learn (extract.Note.Vocabulary).
	known    bool
	note     bool
	names    []string
	personal bool
	at       int // its place among the root's files and collections
}

type fileStat struct {
	ok    bool
	size  int64
	mtime int64
	mode  uint32
}

// collScan is a collection found in a root.
type collScan struct {
	rel    string // in the root, "." for the root itself
	real   string
	format Format
	digest string // of its files' stats (see Fingerprint)
	at     int
}

// scanRoot finds what a root holds: from its state when nothing says it
// changed, else by walking it (a sweep).
func (s *Set) scanRoot(ctx context.Context, r rootInfo, cwd string) (*rootScan, []error) {
	sc := &rootScan{root: r.path, abs: absolute(cwd, filepath.Clean(r.path)), real: RealPath(r.path)}
	if !r.info.IsDir() {
		sc.file = true
		sc.abs = absolute(cwd, r.path)
		n := noteFile{path: r.path, key: RealPath(r.path)}
		st := make([]fileStat, 1)
		statIn(filepath.Dir(n.key), []string{filepath.Base(n.key)}, st)
		n.stat = st[0]
		if old := s.loadRootState(sc.real); old != nil && len(old.notes) == 1 && old.notes[0].key == n.key && old.notes[0].stat == n.stat && old.notes[0].known {
			n.known, n.note, n.names = true, old.notes[0].note, old.notes[0].names
			sc.same = true
		}
		sc.notes = []noteFile{n}
		sc.chunks = 1
		sc.base = &rootState{root: sc.real, options: s.optionsKey(), chunks: 1}
		return sc, nil
	}
	if s.opts.StateDir != "" {
		if st := s.loadRootState(sc.real); st != nil {
			if ok := s.quickScan(sc, st); ok {
				return sc, nil
			}
		}
	}
	return s.sweepRoot(ctx, sc)
}

// quickScan fills sc from the state st when the folders say nothing was
// added or removed; it reports false when a sweep is due.
func (s *Set) quickScan(sc *rootScan, st *rootState) bool {
	now := s.opts.Now()
	if st.options != s.optionsKey() || st.racy || st.capped || st.root != sc.real ||
		now.Sub(unixTime(st.swept)) >= s.opts.SweepEvery || now.Before(unixTime(st.swept)) {
		return false
	}
	for _, d := range append(slices.Clone(st.dirs), st.collDirs()...) {
		info, err := os.Stat(filepath.Join(sc.root, filepath.FromSlash(d.rel)))
		if err != nil || !info.IsDir() || info.ModTime().UnixNano() != d.mtime {
			return false
		}
	}
	sc.notes = make([]noteFile, len(st.notes))
	// The notes' places are clean: joined to the clean root without
	// Join's cleaning of each.
	base := filepath.Clean(sc.root)
	if !strings.HasSuffix(base, string(filepath.Separator)) {
		base += string(filepath.Separator)
	}
	for i, n := range st.notes {
		sc.notes[i] = noteFile{rel: n.rel, path: base + filepath.FromSlash(n.rel), key: n.key, at: n.at,
			known: n.known, note: n.note, names: n.names}
	}
	statNotes(sc.root, sc.notes)
	sc.same = true
	for i, n := range st.notes {
		if sc.notes[i].stat != n.stat {
			sc.notes[i].known, sc.notes[i].note, sc.notes[i].names = false, false, nil
			sc.same = false
		}
	}
	for _, c := range st.colls {
		sc.colls = append(sc.colls, collScan{rel: c.rel, real: c.real, format: c.format, digest: c.digest, at: c.at})
	}
	sc.chunks = st.chunks
	sc.base = st
	return true
}

// statNotes stats every note, folder by folder, on every core.
func statNotes(root string, notes []noteFile) {
	byDir := map[string][]int{}
	var dirs []string
	// A walk lists a folder's notes together: the last folder's list is
	// at hand without a map lookup for each note.
	last, at := "", []int(nil)
	for i, n := range notes {
		d := dirOf(n.path)
		if d != last || at == nil {
			if at != nil {
				byDir[last] = at
			}
			if _, ok := byDir[d]; !ok {
				dirs = append(dirs, d)
			}
			last, at = d, byDir[d]
		}
		at = append(at, i)
	}
	if at != nil {
		byDir[last] = at
	}
	// Large folders are cut so that every core gets a share.
	type job struct {
		dir string
		idx []int
	}
	var jobs []job
	for _, d := range dirs {
		idx := byDir[d]
		for len(idx) > 0 {
			k := min(len(idx), 1024)
			jobs = append(jobs, job{d, idx[:k]})
			idx = idx[k:]
		}
	}
	eachParallel(len(jobs), func(j int) {
		names := make([]string, len(jobs[j].idx))
		for k, i := range jobs[j].idx {
			names[k] = filepath.Base(notes[i].path)
		}
		out := make([]fileStat, len(names))
		statIn(jobs[j].dir, names, out)
		for k, i := range jobs[j].idx {
			notes[i].stat = out[k]
		}
	})
}

// sweepRoot walks a root, lists its notes and collections, stats them and
// keeps what it learnt for the next plan.
func (s *Set) sweepRoot(ctx context.Context, sc *rootScan) (*rootScan, []error) {
	s.sweeps++
	tree, errs := walkRoot(ctx, sc.root, nil)
	if tree == nil {
		return nil, errs
	}
	// The entries the walk passed over (broken links, loops) are news when
	// the sources are read, not on every plan.
	sc.passed = tree.skipped
	classify(tree, s.readOptions(), true)
	now := s.opts.Now()
	st := &rootState{root: tree.real, options: s.optionsKey(), swept: now.UnixNano()}
	old := s.loadRootState(sc.real)
	at := 0
	// sizes are what each file and collection would read, for the cap.
	sizes := map[int]int64{}
	var walk func(n *node)
	walk = func(n *node) {
		info, err := os.Stat(n.path)
		mt := int64(0)
		if err != nil || now.Sub(info.ModTime()) < racyWindow {
			st.racy = true // gone while we looked, or changed just now: look again next time
		}
		if err == nil {
			mt = info.ModTime().UnixNano()
		}
		if c := n.coll; c != nil {
			cs := collScan{rel: rel(sc.root, n.path), real: c.real, format: c.Format, at: at}
			cst := collState{rel: cs.rel, real: c.real, format: c.Format, at: at}
			var dirs func(n *node)
			dirs = func(n *node) {
				mt := int64(0)
				info, err := os.Stat(n.path)
				if err != nil || now.Sub(info.ModTime()) < racyWindow {
					st.racy = true
				}
				if err == nil {
					mt = info.ModTime().UnixNano()
				}
				cst.dirs = append(cst.dirs, dirState{rel: rel(sc.root, n.path), mtime: mt})
				for _, d := range n.dirs {
					dirs(d)
				}
			}
			dirs(n)
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
				if f.err == nil && f.info.Mode().IsRegular() && f.info.Size() <= MaxFileSize {
					sizes[at] += f.info.Size()
				}
			}
			cs.digest = hex.EncodeToString(d.Sum(nil)[:16])
			cst.digest = cs.digest
			sc.colls = append(sc.colls, cs)
			st.colls = append(st.colls, cst)
			at++
			return
		}
		st.dirs = append(st.dirs, dirState{rel: rel(sc.root, n.path), mtime: mt})
		for _, e := range n.files {
			if fileKind(e.name) != kindNone {
				sc.notes = append(sc.notes, noteFile{rel: rel(sc.root, e.path), path: e.path, key: e.key, at: at})
				at++
			}
		}
		for _, d := range n.dirs {
			walk(d)
		}
	}
	walk(tree)
	statNotes(sc.root, sc.notes)
	prev := map[string]noteState{}
	if old != nil {
		for _, n := range old.notes {
			prev[n.rel] = n
		}
	}
	for i := range sc.notes {
		n := &sc.notes[i]
		if o, ok := prev[n.rel]; ok && o.known && o.key == n.key && o.stat == n.stat {
			n.known, n.note, n.names = true, o.note, o.names
		}
		if n.stat.ok && fs.FileMode(n.stat.mode).IsRegular() && n.stat.size <= MaxFileSize {
			sizes[n.at] += n.stat.size
		}
	}
	if err := sc.capAt(sizes, at); err != nil {
		// Far more than notes (see capBytes): such a root is swept every
		// time, as the walk of Load would read it.
		errs = append(errs, err)
		st.capped = true
	}
	sc.chunks = chunksFor(len(sc.notes), old)
	sc.base, sc.dirty = st, true
	return sc, errs
}

// capAt keeps the files and collections whose sizes, in the order of the
// walk, stay within maxSourceBytes, and says what it left out.
func (sc *rootScan) capAt(sizes map[int]int64, n int) error {
	var total int64
	for at := 0; at < n; at++ {
		if total += sizes[at]; total <= maxSourceBytes {
			continue
		}
		sc.notes = slices.DeleteFunc(sc.notes, func(f noteFile) bool { return f.at >= at })
		sc.colls = slices.DeleteFunc(sc.colls, func(c collScan) bool { return c.at >= at })
		return &FileError{Path: sc.root, Err: ErrTooMany,
			Detail: fmt.Sprintf("over %s to read, far more than notes; %d of its %d files and collections are searched: give how the folders that hold your notes instead (HOW_PATH, --source, sources in config.toml)",
				size(maxSourceBytes), at, n)}
	}
	return nil
}

// chunksFor is how many units n notes are shared among: kept from the
// last plan while the notes have not doubled or halved, so that a file
// stays in its unit.
func chunksFor(n int, old *rootState) int {
	want := max(1, (n+notesPerUnit-1)/notesPerUnit)
	if old != nil && old.chunks > 0 {
		c := old.chunks
		if n <= 2*c*notesPerUnit && (c == 1 || n*2 >= c*notesPerUnit) {
			return c
		}
	}
	return want
}

// state is what the plan keeps of a root for the next one.
func (sc *rootScan) state() *rootState {
	out := *sc.base
	out.chunks = sc.chunks
	out.keysFor, out.noteKeys = sc.keysFor, sc.noteKeys
	out.notes = make([]noteState, len(sc.notes))
	for i, n := range sc.notes {
		out.notes[i] = noteState{rel: n.rel, key: n.key, stat: n.stat, at: n.at, known: n.known, note: n.note, names: n.names}
	}
	return &out
}

// learnNames reads the notes whose names are not known (new, or changed
// since the last plan), keeps what they yield for Load, and works out the
// names each folder's notes share.
func (p *Plan) learnNames(ctx context.Context, scans []*rootScan) error {
	// A note alone in its folder shares names with none: what it reads
	// as does not depend on them, so it is left for the build to read,
	// where a Ctrl-C abandons the read (a plan is made before the build
	// lock is taken, and before anyone knows a build is needed).
	var inFolder map[string]int
	for _, sc := range scans {
		for i := range sc.notes {
			if sc.notes[i].known {
				continue
			}
			if inFolder == nil {
				inFolder = map[string]int{}
				for _, sc := range scans {
					for i := range sc.notes {
						inFolder[dirOf(sc.notes[i].path)]++
					}
				}
			}
			break
		}
	}
	var todo []*noteFile
	var files []file
	for _, sc := range scans {
		for i := range sc.notes {
			n := &sc.notes[i]
			if n.known || inFolder[dirOf(n.path)] < 2 {
				continue
			}
			todo = append(todo, n)
			files = append(files, sc.fileOf(n))
			// What is learnt is kept for the next plan.
			sc.dirty = true
		}
	}
	results := make([]loaded, len(todo))
	if err := eachAbandoned(ctx, len(todo), func(i int) { results[i] = loadFile(files[i]) }); err != nil {
		return err
	}
	for i, n := range todo {
		n.known = true
		if note := results[i].parsed; note != nil && note.note != nil {
			n.note, n.names = true, note.note.Vocabulary()
		}
		p.read[n.key] = results[i]
	}
	folders := map[string][]*noteFile{}
	for _, sc := range scans {
		for i := range sc.notes {
			if n := &sc.notes[i]; n.note {
				d := dirOf(n.path)
				folders[d] = append(folders[d], n)
			}
		}
	}
	for d, ns := range folders {
		if len(ns) < 2 {
			continue
		}
		names := map[string]bool{}
		for _, n := range ns {
			for _, name := range n.names {
				names[name] = true
			}
		}
		if len(names) > 0 {
			p.folders[d] = slices.Sorted(maps.Keys(names))
		}
	}
	return nil
}

// fileOf is the file the walk would have listed for a note.
func (sc *rootScan) fileOf(n *noteFile) file {
	f := file{path: n.path, key: n.key, tags: sc.tags}
	if sc.file {
		f.abs = sc.abs
		dir := filepath.Dir(sc.abs)
		f.hint = Hint{Roots: []string{dir, RealPath(dir)}}
	} else {
		// rel is clean: joined without Join's cleaning, which costs
		// more than the rest, note by note.
		f.abs = sc.abs + string(filepath.Separator) + filepath.FromSlash(n.rel)
		if sc.roots == nil {
			sc.roots = []string{sc.abs, sc.real}
		}
		f.hint = Hint{Roots: sc.roots}
		f.walked = true
		f.root = sc.root
	}
	if n.personal {
		f.origin = snippet.OriginPersonal
	}
	return f
}

// units are the units of a root, in the order of its files.
func (p *Plan) units(sc *rootScan, prefix []byte, keysFor string, reuse bool) []Unit {
	type placed struct {
		u  Unit
		at int
	}
	var out []placed
	base := func(kind string) hash.Hash {
		h := sha256.New()
		h.Write(prefix)
		fmt.Fprintf(h, "%s %q %q\n", kind, sc.abs, sc.real)
		return h
	}
	if sc.file {
		n := &sc.notes[0]
		h := base("file")
		p.writeNote(h, n)
		fmt.Fprintf(h, "personal %v\n", n.personal)
		name := sc.root
		if n.personal {
			name = "the personal sheet"
		}
		f := sc.fileOf(n)
		return []Unit{{Key: sum(h), Name: name, kind: unitFile, files: []file{f}}}
	}
	if len(sc.notes) > 0 {
		shares := make([][]*noteFile, sc.chunks)
		for i := range sc.notes {
			n := &sc.notes[i]
			c := 0
			if sc.chunks > 1 {
				h := fnv.New32a()
				h.Write([]byte(n.rel))
				c = int(h.Sum32() % uint32(sc.chunks))
			}
			shares[c] = append(shares[c], n)
		}
		var kept []string
		if reuse {
			kept = sc.noteKeys
		}
		var keys []string
		for c, ns := range shares {
			if len(ns) == 0 {
				continue
			}
			u := Unit{kind: unitNotes, Name: sc.root, scan: sc, notes: ns}
			if sc.chunks > 1 {
				u.Name = fmt.Sprintf("%s (part %d of %d)", sc.root, c+1, sc.chunks)
			}
			if len(keys) < len(kept) {
				u.Key = kept[len(keys)]
			} else {
				kept = nil
				h := base("notes")
				fmt.Fprintf(h, "share %d of %d\n", c, sc.chunks)
				for _, n := range ns {
					p.writeNote(h, n)
				}
				u.Key = sum(h)
			}
			keys = append(keys, u.Key)
			out = append(out, placed{u, ns[0].at})
		}
		if sc.keysFor != keysFor || !slices.Equal(sc.noteKeys, keys) {
			sc.keysFor, sc.noteKeys = keysFor, keys
			sc.dirty = true
		}
	}
	for _, c := range sc.colls {
		h := base("collection")
		fmt.Fprintf(h, "%s %s %s\n", c.rel, c.format, c.digest)
		out = append(out, placed{Unit{Key: sum(h), Name: filepath.Join(sc.root, filepath.FromSlash(c.rel)), kind: unitCollection,
			root: sc.root, coll: c.real}, c.at})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at < out[j].at })
	if len(out) > 0 {
		out[0].u.passed = sc.passed
	}
	units := make([]Unit, len(out))
	for i := range out {
		units[i] = out[i].u
	}
	return units
}

// fileList is the files the unit reads, but for a collection's.
func (u *Unit) fileList() []file {
	if u.kind != unitNotes {
		return u.files
	}
	files := make([]file, len(u.notes))
	for i, n := range u.notes {
		files[i] = u.scan.fileOf(n)
	}
	return files
}

// writeNote writes what a note's reading depends on: its stat, and the
// names its folder's notes share.
func (p *Plan) writeNote(h hash.Hash, n *noteFile) {
	// Appended by hand: a plan writes every note of every folder, and
	// fmt's formatting would be most of its time.
	b := p.buf[:0]
	b = append(b, "note "...)
	b = strconv.AppendQuote(b, n.rel)
	b = append(b, ' ')
	b = strconv.AppendBool(b, n.stat.ok)
	b = append(b, ' ')
	b = strconv.AppendInt(b, n.stat.size, 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, n.stat.mtime, 10)
	b = append(b, ' ')
	b = strconv.AppendUint(b, uint64(n.stat.mode), 10)
	b = append(b, '\n')
	if n.note && len(p.folders) > 0 {
		if names := p.folders[dirOf(n.path)]; len(names) > 0 {
			b = append(b, "names "...)
			b = strconv.AppendQuote(b, strings.Join(names, "\x00"))
			b = append(b, '\n')
		}
	}
	h.Write(b)
	p.buf = b
}

// dirOf is filepath.Dir of the clean paths a plan makes (a root joined
// with a note's place in it), without Dir's cleaning, which would cost
// more than the rest of the plan's work on each note.
func dirOf(path string) string {
	if i := strings.LastIndexByte(path, filepath.Separator); i > 0 && path[i-1] != ':' {
		return path[:i]
	}
	return filepath.Dir(path)
}

// Load reads the units of the plan numbered which, and returns each one's
// snippets (in the order of which), with a report for each file read.
// progress, if not nil, is told how many files were read of how many.
func (p *Plan) Load(ctx context.Context, which []int, progress func(done, total int)) ([][]snippet.Snippet, []Report, error) {
	lists := make([][]file, len(which))
	out := make([][]snippet.Snippet, len(which))
	var reports []Report
	for k, ui := range which {
		u := &p.Units[ui]
		for _, err := range u.passed {
			var fe *FileError
			path := ""
			if errors.As(err, &fe) {
				path = fe.Path
			}
			reports = append(reports, Report{Path: path, Err: err})
		}
		switch u.kind {
		case unitBundled:
			snips, reps := loadBundled(p.set.bundled)
			out[k] = snips
			reports = append(reports, reps...)
		case unitCollection:
			files, err := p.collectionFiles(ctx, u)
			if err != nil {
				return nil, nil, err
			}
			lists[k] = files
		default:
			lists[k] = u.fileList()
		}
	}
	total := 0
	for _, l := range lists {
		total += len(l)
	}
	var mu sync.Mutex
	done := 0
	results := make([][]loaded, len(lists))
	type job struct{ k, i int }
	var jobs []job
	for k, l := range lists {
		results[k] = make([]loaded, len(l))
		for i := range l {
			if r, ok := p.read[l[i].key]; ok {
				// Handed over: what was parsed is not kept past the load
				// (a build holds the plan to its end).
				delete(p.read, l[i].key)
				results[k][i] = r
				done++
				continue
			}
			jobs = append(jobs, job{k, i})
		}
	}
	if progress != nil && done > 0 {
		progress(done, total)
	}
	err := eachAbandoned(ctx, len(jobs), func(j int) {
		k, i := jobs[j].k, jobs[j].i
		r := loadFile(lists[k][i])
		mu.Lock()
		defer mu.Unlock()
		if ctx.Err() != nil {
			return // abandoned: nobody reads the results any more
		}
		results[k][i] = r
		if progress != nil {
			done++
			progress(done, total)
		}
	})
	if err != nil {
		return nil, nil, err
	}
	for k, l := range lists {
		for i := range l {
			r := results[k][i]
			if r.parsed != nil && r.parsed.note != nil {
				if names := p.folders[dirOf(l[i].path)]; len(names) > 0 {
					if snips := r.parsed.note.Snippets(names); !sameSnippets(snips, r.parsed.Snippets) {
						pp := *r.parsed
						pp.Snippets, pp.Lines = snips, lines(snips)
						r = finish(l[i], r.base, pp)
					}
				}
			}
			out[k] = append(out[k], r.snippets...)
			reports = append(reports, r.report)
		}
	}
	return out, reports, nil
}

// eachAbandoned calls f(0) ... f(n-1) on every core, and returns at once
// when ctx ends (the first Ctrl-C), with ctx's error, rather than when
// the calls finish: one may be in a read that blocks, or an hour into a
// long file. f is not called once ctx has ended.
func eachAbandoned(ctx context.Context, n int, f func(int)) error {
	finished := make(chan struct{})
	go func() {
		eachParallel(n, func(i int) {
			if ctx.Err() == nil {
				f(i)
			}
		})
		close(finished)
	}()
	select {
	case <-finished:
	case <-ctx.Done():
	}
	return ctx.Err()
}

// collectionFiles lists a collection's files as the walk does, tldr pages
// that others shadow marked.
func (p *Plan) collectionFiles(ctx context.Context, u *Unit) ([]file, error) {
	tree, _ := walkRoot(ctx, u.root, nil)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if tree == nil {
		return nil, nil
	}
	var found *collection
	for _, c := range classify(tree, p.set.readOptions(), true) {
		if c.real == u.coll {
			found = c
		}
	}
	if found == nil {
		// Gone, or no longer a collection, since it was planned: the
		// next plan will say what it is.
		return nil, nil
	}
	cwd, _ := os.Getwd()
	roots := []string{absolute(cwd, filepath.Clean(u.root)), RealPath(u.root)}
	rootTags := map[string][]string{}
	for path, t := range p.set.opts.Tags {
		rootTags[RealPath(path)] = t
	}
	tags := rootTags[RealPath(u.root)]
	ms := found.members()
	var shadow map[int]int
	if found.Format == FormatTldr {
		shadow = shadowed(ms, found.Platform, found.Languages)
	}
	files := make([]file, len(ms))
	for i, m := range ms {
		f := file{path: m.path, key: m.key, hint: Hint{Format: found.Format, Name: m.rel, Roots: roots}, coll: found,
			walked: true, tags: tags, root: u.root, abs: absolute(cwd, m.path)}
		if w, ok := shadow[i]; ok {
			f.shadowedBy = ms[w].path
		}
		files[i] = f
	}
	return files, nil
}
