package source

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// node is one folder found by walking a source.
type node struct {
	path string // as walked: the user's spelling of the root joined with names
	real string // absolute, symlinks resolved: what identifies the folder
	name string
	dirs []*node
	// files are the folder's regular files (and symlinks to them), in name
	// order. Which of them are read depends on what the folder turns out
	// to be (see classify); nothing is filtered here but what no format
	// reads.
	files []entry

	stats stats // of the whole subtree, filled by count
	coll  *collection
	// skipped, on the root only, are the entries the walk passed over.
	skipped []error
}

type entry struct {
	name string
	path string // as walked
	key  string // real folder joined with the name: read each file once
}

// skipDirs are never walked into. Hidden folders (".git", ".hg", ".svn",
// ".bzr", ".jj", ".pijul", editors' and tools' state) are skipped too.
var skipDirs = map[string]bool{
	// Version control that does not hide its folder.
	"CVS": true, "_darcs": true, "RCS": true, "SCCS": true,
	// Dependencies and caches, which are never anyone's notes.
	"node_modules": true, "vendor": true, "__pycache__": true,
}

func skipDir(name string) bool {
	return strings.HasPrefix(name, ".") || skipDirs[name]
}

// walker walks the folders of one source. seen holds the real path of
// every folder entered, so that a symbolic link back to a folder above (a
// loop) or to a folder walked already is not entered again.
type walker struct {
	ctx  context.Context
	seen map[string]bool
	skip map[string]bool
	errs []error
	// skipped are entries passed over (broken links, link loops): news for
	// the user when sources are read, not on every freshness check.
	skipped []error
	// entries counts the files and folders listed; past maxEntries the
	// walk stops (capped).
	entries int
	capped  bool
}

// maxEntries bounds the files and folders one source may list. A folder
// of 10,000 notes, or tldr in every language, is far below it; a source
// above it is a system folder (HOW_PATH=/usr, or /), which would cost a
// query minutes and gigabytes. The walk stops there, with one warning
// that says how to narrow the source.
var maxEntries = 100_000 // a variable for tests

// walkRoot walks the folder root (which the caller has stat'ed). Folders
// whose walked path is in skip are listed but not read. When ctx is done
// the walk stops where it is, and returns no tree.
func walkRoot(ctx context.Context, root string, skip map[string]bool) (*node, []error) {
	w := &walker{ctx: ctx, seen: map[string]bool{}, skip: skip}
	abs, err := filepath.Abs(root)
	if err != nil {
		abs = root
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		real = abs
	}
	if fs := pseudoFSOf(real); fs != "" {
		return nil, []error{&FileError{Path: root, Err: ErrPseudoFS, Detail: "on the " + fs + " file system"}}
	}
	n := &node{path: root, real: real, name: filepath.Base(abs)}
	w.seen[real] = true
	if !w.walk(n, true) || ctx.Err() != nil {
		return nil, w.errs
	}
	if w.capped {
		w.errs = append(w.errs, &FileError{Path: root, Err: ErrTooMany,
			Detail: fmt.Sprintf("over %d files and folders, far more than notes; only the first are searched: give how the folders that hold your notes instead (HOW_PATH, --source, sources in config.toml)", maxEntries)})
	}
	count(n)
	n.skipped = w.skipped
	return n, w.errs
}

// walk reads n's entries and walks its subfolders; it reports false when
// n itself cannot be read.
func (w *walker) walk(n *node, root bool) bool {
	if w.skip[filepath.Clean(n.path)] || w.capped || w.ctx.Err() != nil {
		return true
	}
	ents, err := os.ReadDir(n.path)
	if err != nil {
		w.errs = append(w.errs, &FileError{Path: n.path, Err: err})
		if len(ents) == 0 {
			return !root
		}
	}
	for _, e := range ents {
		if w.entries++; w.entries > maxEntries {
			w.capped = true
			return true
		}
		name := e.Name()
		p := filepath.Join(n.path, name)
		typ := e.Type()
		link := typ&fs.ModeSymlink != 0
		if link {
			// Follow the link to see what it is. A dangling link (its target
			// deleted, perhaps while we walk) is nothing to read, but the
			// user should hear of it.
			info, err := os.Stat(p)
			if err != nil {
				if !skipDir(name) {
					w.skipped = append(w.skipped, &FileError{Path: p, Err: errBrokenLink, Detail: linkTarget(p)})
				}
				continue
			}
			typ = info.Mode().Type()
		}
		switch {
		case typ.IsDir():
			if skipDir(name) {
				continue
			}
			real := n.real + string(filepath.Separator) + name
			if link {
				r, err := filepath.EvalSymlinks(p)
				if err != nil {
					continue
				}
				real = r
			}
			if w.seen[real] {
				if link && isAncestor(real, n.real) {
					w.skipped = append(w.skipped, &FileError{Path: p, Err: errLinkLoop, Detail: "it points back to " + real})
				}
				continue
			}
			w.seen[real] = true
			// Kernel state mounted below a source (/proc under /) is
			// passed over as .git is; a link the user made to it is
			// worth a word.
			if fs := pseudoFSOf(real); fs != "" {
				if link {
					w.skipped = append(w.skipped, &FileError{Path: p, Err: ErrPseudoFS, Detail: "on the " + fs + " file system"})
				}
				continue
			}
			child := &node{path: p, real: real, name: name}
			if w.walk(child, false) {
				n.dirs = append(n.dirs, child)
			}
		case typ.IsRegular():
			key := n.real + string(filepath.Separator) + name
			if link {
				// A link to a file reached another way too is one file.
				if r, err := filepath.EvalSymlinks(p); err == nil {
					key = r
				}
			}
			n.files = append(n.files, entry{name: name, path: p, key: key})
		}
		// Sockets, FIFOs and devices are nobody's notes; a FIFO would
		// even block the reader.
	}
	return true
}

// stats count, over a whole subtree, the files each format would read.
type stats struct {
	navi  int // .cheat and .cheat.md
	bare  int // no extension: cheat sheets, or notes
	notes int // other files read as notes (.md, .txt, ...)
	// docs are READMEs and the like: read as notes outside collections,
	// but not counted against a folder being one (a collection has its
	// README too).
	docs    int
	folders int
}

func (s stats) readable() int { return s.navi + s.bare + s.notes }

func count(n *node) stats {
	var s stats
	for _, f := range n.files {
		switch fileKind(f.name) {
		case kindNavi:
			s.navi++
		case kindBare:
			s.bare++
		case kindNotes:
			if docName(f.name) {
				s.docs++
			} else {
				s.notes++
			}
		}
	}
	for _, d := range n.dirs {
		c := count(d)
		s.navi += c.navi
		s.bare += c.bare
		s.notes += c.notes
		s.docs += c.docs
		s.folders += c.folders + 1
	}
	n.stats = s
	return s
}

type kind int

const (
	kindNone  kind = iota // not read: hidden, a licence
	kindNotes             // read as notes (or a sheet or tldr page, by content)
	kindBare              // no extension: a cheat sheet or a note
	kindNavi              // a navi cheat
	kindOther             // any other name: read by content, no evidence of what a folder is
)

// notesExt are the extensions of notes, which count towards what a folder
// is (notes or a collection); every file is read, whatever its name.
var notesExt = map[string]bool{
	".md": true, ".markdown": true, ".mdown": true, ".txt": true, ".text": true,
	".rst": true, ".org": true, ".adoc": true, ".asciidoc": true, ".note": true, ".notes": true,
}

// fileKind sorts a file found by walking by its name.
func fileKind(name string) kind {
	if strings.HasPrefix(name, ".") || isMeta(name) {
		return kindNone
	}
	if isNaviName(name) {
		return kindNavi
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case ext == "":
		return kindBare
	case notesExt[ext]:
		return kindNotes
	}
	return kindOther
}

// isMeta reports the files a collection (or any project) keeps about
// itself: a licence says nothing to search, and a collection's README
// describes the collection rather than commands. Licences are skipped
// everywhere; the others only inside collections (see collection.reads).
func isMeta(name string) bool {
	return licenceName(name)
}

// docName reports the files a project keeps about itself, whatever their
// extension: README.md, CHANGELOG, CONTRIBUTING.md.
func docName(name string) bool {
	base, _, _ := strings.Cut(strings.ToUpper(name), ".")
	switch base {
	case "README", "CHANGELOG", "CHANGES", "CONTRIBUTING", "CODE_OF_CONDUCT", "AUTHORS", "NOTICE", "SECURITY", "GOVERNANCE", "MAINTAINERS":
		return true
	}
	return false
}

func isNaviName(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".cheat") || strings.HasSuffix(n, ".cheat.md")
}

// licenceName reports whether a file name is a licence's.
func licenceName(name string) bool {
	base := strings.ToUpper(name)
	if i := strings.IndexByte(base, '.'); i >= 0 {
		switch strings.ToLower(base[i:]) {
		case ".md", ".txt", ".markdown", ".rst":
			base = base[:i]
		default:
			return false
		}
	}
	switch base {
	case "LICENSE", "LICENCE", "COPYING", "UNLICENSE", "LICENSE-CC0", "LICENSE-CC-BY":
		return true
	}
	return false
}

var (
	errBrokenLink = errors.New("is a broken symbolic link; skipped")
	errLinkLoop   = errors.New("is a symbolic link loop; skipped")
)

func linkTarget(p string) string {
	if t, err := os.Readlink(p); err == nil {
		return "it points to " + t
	}
	return ""
}

// isAncestor reports whether dir is child or one of the folders above it.
func isAncestor(dir, child string) bool {
	rel, err := filepath.Rel(dir, child)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
