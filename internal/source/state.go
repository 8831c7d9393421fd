package source

import (
	"bytes"
	"crypto/sha256"
	bin "encoding/binary"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/howcli/how/internal/safefile"
)

// What a plan learnt of a root given as a source, kept in
// Options.StateDir for the next one: when it was walked, its folders and
// their times (notes folders, and each collection's), its collections'
// digests, and its notes with their stats and the names they run as
// programs. It is a cache: a state that cannot be read costs a walk.

// stateMagic changes whenever the state file's meaning does.
const stateMagic = "how sources state 3\n"

type rootState struct {
	root    string // real path
	options string
	swept   int64 // unix nanoseconds
	racy    bool
	capped  bool
	chunks  int
	// dirs are the notes folders (relative paths, "." for the root):
	// one whose time changed has new files, or has lost some.
	dirs  []dirState
	colls []collState
	notes []noteState
	// noteKeys are the keys of the notes' units, worked out for the
	// plan keysFor (a digest of its options and roots): a plan with the
	// same, which finds every note as it was, reuses them.
	keysFor  string
	noteKeys []string
}

type dirState struct {
	rel   string
	mtime int64
}

type collState struct {
	rel    string // relative to the root, "." for the root
	real   string
	format Format
	digest string
	at     int
	dirs   []dirState
}

type noteState struct {
	rel   string
	key   string
	stat  fileStat
	at    int
	known bool
	note  bool
	names []string
}

// collDirs are the folders of every collection.
func (st *rootState) collDirs() []dirState {
	var out []dirState
	for _, c := range st.colls {
		out = append(out, c.dirs...)
	}
	return out
}

func unixTime(ns int64) time.Time { return time.Unix(0, ns) }

func (st *rootState) encode() []byte {
	var e stateEncoder
	e.b = append(e.b, stateMagic...)
	e.str(st.root)
	e.str(st.options)
	e.int(st.swept)
	e.bool(st.racy)
	e.bool(st.capped)
	e.uint(uint64(st.chunks))
	e.dirs(st.dirs)
	e.uint(uint64(len(st.colls)))
	for _, c := range st.colls {
		e.str(c.rel)
		e.str(c.real)
		e.str(string(c.format))
		e.str(c.digest)
		e.uint(uint64(c.at))
		e.dirs(c.dirs)
	}
	e.uint(uint64(len(st.notes)))
	for _, n := range st.notes {
		e.str(n.rel)
		e.str(n.key)
		e.bool(n.stat.ok)
		e.int(n.stat.size)
		e.int(n.stat.mtime)
		e.uint(uint64(n.stat.mode))
		e.uint(uint64(n.at))
		e.bool(n.known)
		e.bool(n.note)
		e.uint(uint64(len(n.names)))
		for _, name := range n.names {
			e.str(name)
		}
	}
	e.str(st.keysFor)
	e.uint(uint64(len(st.noteKeys)))
	for _, k := range st.noteKeys {
		e.str(k)
	}
	return e.b
}

var errBadState = errors.New("sources state is damaged")

func decodeState(data []byte) (*rootState, error) {
	rest, ok := bytes.CutPrefix(data, []byte(stateMagic))
	if !ok {
		return nil, errBadState
	}
	d := stateDecoder{b: rest, text: string(rest)}
	st := &rootState{}
	st.root = d.str()
	st.options = d.str()
	st.swept = d.int()
	st.racy = d.bool()
	st.capped = d.bool()
	st.chunks = int(d.uint())
	st.dirs = d.dirs()
	for n := d.count(); n > 0; n-- {
		c := collState{rel: d.str(), real: d.str(), format: Format(d.str()), digest: d.str(), at: int(d.uint())}
		c.dirs = d.dirs()
		st.colls = append(st.colls, c)
	}
	n := d.count()
	st.notes = make([]noteState, 0, n)
	for ; n > 0; n-- {
		ns := noteState{rel: d.str(), key: d.str()}
		ns.stat = fileStat{ok: d.bool(), size: d.int(), mtime: d.int(), mode: uint32(d.uint())}
		ns.at = int(d.uint())
		ns.known = d.bool()
		ns.note = d.bool()
		for k := d.count(); k > 0; k-- {
			ns.names = append(ns.names, d.str())
		}
		st.notes = append(st.notes, ns)
	}
	st.keysFor = d.str()
	for k := d.count(); k > 0; k-- {
		st.noteKeys = append(st.noteKeys, d.str())
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, errBadState
	}
	return st, nil
}

type stateEncoder struct{ b []byte }

func (e *stateEncoder) uint(v uint64) { e.b = bin.AppendUvarint(e.b, v) }
func (e *stateEncoder) int(v int64)   { e.b = bin.AppendVarint(e.b, v) }
func (e *stateEncoder) str(s string)  { e.uint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *stateEncoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}
func (e *stateEncoder) dirs(ds []dirState) {
	e.uint(uint64(len(ds)))
	for _, d := range ds {
		e.str(d.rel)
		e.int(d.mtime)
	}
}

type stateDecoder struct {
	b []byte
	// text is b as a string, made once: every string decoded is a slice
	// of it, not a copy (a state holds two for each of thousands of
	// notes, decoded on every query).
	text string
	at   int // where b starts in text
	err  error
}

func (d *stateDecoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := bin.Uvarint(d.b)
	if n <= 0 {
		d.err = errBadState
		return 0
	}
	d.skip(n)
	return v
}

// int reads a signed varint: binary.Varint's zig-zag over the unsigned
// one.
func (d *stateDecoder) int() int64 {
	u := d.uint()
	return int64(u>>1) ^ -int64(u&1)
}

// count reads how many things follow, each at least a byte long.
func (d *stateDecoder) count() int {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.err = errBadState
		return 0
	}
	return int(n)
}

func (d *stateDecoder) str() string {
	n := d.count()
	if d.err != nil {
		return ""
	}
	s := d.text[d.at : d.at+n]
	d.skip(n)
	return s
}

// skip moves past n bytes of b.
func (d *stateDecoder) skip(n int) {
	d.b = d.b[n:]
	d.at += n
}

func (d *stateDecoder) bool() bool {
	if d.err != nil || len(d.b) == 0 {
		d.err = errBadState
		return false
	}
	v := d.b[0]
	d.skip(1)
	if v > 1 {
		d.err = errBadState
	}
	return v == 1
}

func (d *stateDecoder) dirs() []dirState {
	var out []dirState
	for n := d.count(); n > 0; n-- {
		out = append(out, dirState{rel: d.str(), mtime: d.int()})
	}
	return out
}

func (s *Set) statePath(root string) string {
	sum := sha256.Sum256([]byte(RealPath(root)))
	return filepath.Join(s.opts.StateDir, "sources-"+hex.EncodeToString(sum[:8]))
}

// loadRootState reads what the last plan kept of the root whose real
// path is real; nil when there is nothing usable.
func (s *Set) loadRootState(real string) *rootState {
	if s.opts.StateDir == "" {
		return nil
	}
	// A cache file: without blocking and through a limit, so that a FIFO
	// or a sparse file in its place costs a sweep, not a hang.
	data, err := safefile.Read(s.statePath(real), 256<<20)
	if err != nil {
		return nil
	}
	st, err := decodeState(data)
	if err != nil || st.root != real && st.root != "" {
		return nil
	}
	return st
}

// saveState writes the state atomically, so that another how reading it
// at the same time sees the old state or the new, never half of one. A
// state that cannot be written costs a sweep next time, nothing more.
func (s *Set) saveState(real string, st *rootState) {
	if err := os.MkdirAll(s.opts.StateDir, 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(s.opts.StateDir, ".sources-*.tmp")
	if err != nil {
		return
	}
	_, werr := tmp.Write(st.encode())
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), s.statePath(real)) != nil {
		os.Remove(tmp.Name())
	}
}

// Invalidate forgets what planning learnt about the sources, so that the
// next plan stats every file of every collection again. A file edited in
// place (as `how edit` has an editor do) changes no folder, and would
// otherwise go unseen in a collection until the next sweep is due.
func (s *Set) Invalidate() {
	if s.opts.StateDir == "" {
		return
	}
	for _, root := range s.roots() {
		os.Remove(s.statePath(root))
	}
}
