package source

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/howcli/how/internal/extract"
	"github.com/howcli/how/internal/sheet"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/sheets"
)

// Format is how a file was read. It is shown by `how sources`.
type Format string

const (
	// FormatNotes is free-form text: commands are found by the extractor.
	FormatNotes Format = "notes"
	// FormatTldr is a tldr page (or a page in its shape without how
	// metadata).
	FormatTldr Format = "tldr"
	// FormatSheet is a sheet written by `how extract -o`.
	FormatSheet Format = "sheet"
	// FormatFolder is a folder that was given as a source but holds no
	// file that is read. It is reported so that `how sources` shows it was
	// searched; it has no snippets.
	FormatFolder Format = "folder"
)

// Options says what to read.
type Options struct {
	// Paths are files and folders, in the order given (HOW_PATH first, then
	// each --source). Folders are walked.
	Paths []string
	// NoBundled leaves the bundled sheets out.
	NoBundled bool
	// Bundled replaces the bundled sheets (for tests); nil means sheets.FS.
	Bundled fs.FS
}

// Set is the sources one run of how searches.
type Set struct {
	opts    Options
	bundled fs.FS
	// What the last walk found besides the files: how many of the paths
	// given exist (-1 before any walk), and which of them are folders with
	// no file to read.
	usable int
	bare   []string
}

// New returns the set opts describes. Nothing is read until Load or
// Fingerprint is called.
func New(opts Options) *Set {
	b := opts.Bundled
	if b == nil {
		b = sheets.FS
	}
	return &Set{opts: opts, bundled: b, usable: -1}
}

// SplitList splits a HOW_PATH value (":"-separated; ";" on Windows) and
// drops empty entries.
func SplitList(v string) []string {
	return slices.DeleteFunc(filepath.SplitList(v), func(s string) bool { return s == "" })
}

// Report says what became of one file.
type Report struct {
	// Path is the file as given or found by walking; bundled pages show as
	// "bundled:NAME".
	Path     string
	Origin   string
	Format   Format
	Snippets int
	// Problems are one-line warnings that did not stop the file from being
	// used: invalid UTF-8, malformed sheet lines.
	Problems []string
	// Err is set when the file could not be used at all.
	Err error
}

// file is one file to read, as found by walking.
type file struct {
	path string // as the user wrote it, joined with what the walk found
	key  string // absolute path, to read each file once
	info fs.FileInfo
	err  error // from stat, when info was asked for
}

// notesExt are the extensions read when walking a folder; a file named on
// its own is read whatever its name. Files without an extension are read
// too, since cheat sheets have none.
var notesExt = map[string]bool{
	".md": true, ".markdown": true, ".mdown": true, ".txt": true, ".text": true,
	".rst": true, ".org": true, ".adoc": true, ".asciidoc": true, ".note": true, ".notes": true,
	".cheat": true,
}

// skipDirs are never walked into, besides hidden folders.
var skipDirs = map[string]bool{"node_modules": true, "vendor": true, "__pycache__": true}

// walk lists the user's files. errs holds the paths that could not be used
// at all (missing, unreadable folders); they are reported but never stop
// the others. Files are not stat'ed here: the fingerprint does that in
// parallel, and reading a file checks it anyway. walk also records in s
// which paths exist and which folders held nothing.
func (s *Set) walk() (files []file, errs []error) {
	seen := map[string]bool{}
	add := func(p, key string) {
		if !seen[key] {
			seen[key] = true
			files = append(files, file{path: p, key: key})
		}
	}
	s.usable, s.bare = 0, nil
	for _, root := range s.opts.Paths {
		info, err := os.Stat(root)
		if err != nil {
			errs = append(errs, &FileError{Path: root, Err: err})
			continue
		}
		s.usable++
		absRoot, err := filepath.Abs(root)
		if err != nil {
			absRoot = root
		}
		if !info.IsDir() {
			add(root, absRoot)
			continue
		}
		// Counted apart from files, which drops what another path already
		// gave: a folder given twice is not empty the second time.
		found, rootErr := 0, false
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, &FileError{Path: p, Err: err})
				rootErr = rootErr || p == root
				if d != nil && d.IsDir() && p != root {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if p != root && (strings.HasPrefix(name, ".") || skipDirs[name]) {
					return fs.SkipDir
				}
				return nil
			}
			ext := strings.ToLower(filepath.Ext(name))
			if strings.HasPrefix(name, ".") || (ext != "" && !notesExt[ext]) {
				return nil
			}
			// Symlinks are followed when stat'ed; anything else that is
			// not a regular file (sockets, FIFOs) is no note.
			if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			// Joining onto the absolute root avoids an Abs (a getwd) per
			// file; WalkDir cleans the paths it joins, so root may not be
			// a literal prefix of p.
			rel, err := filepath.Rel(root, p)
			if err != nil {
				rel = p
			}
			add(p, filepath.Join(absRoot, rel))
			found++
			return nil
		})
		if err != nil {
			errs = append(errs, &FileError{Path: root, Err: err})
		}
		if found == 0 && !rootErr {
			s.bare = append(s.bare, root)
		}
	}
	return files, errs
}

// statAll stats files in parallel: on a large collection the fingerprint
// is nearly all stat calls, which block in the kernel rather than use CPU.
func statAll(files []file) {
	const workers = 4
	var wg sync.WaitGroup
	next := make(chan int, len(files))
	for i := range files {
		next <- i
	}
	close(next)
	for range min(workers, len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				files[i].info, files[i].err = os.Stat(files[i].key)
			}
		}()
	}
	wg.Wait()
}

// Empty reports whether there is nothing to search at all: the bundled
// sheets are left out and none of the paths given exists. An existing
// folder with no notes in it is not empty in this sense: the user named
// it, so a query finds nothing in it rather than failing. Empty reuses the
// walk of a previous Fingerprint or Load.
func (s *Set) Empty() bool {
	if !s.opts.NoBundled {
		return false
	}
	if s.usable < 0 {
		s.walk()
	}
	return s.usable == 0
}

// Fingerprint changes whenever a source file changes, appears or vanishes,
// or how itself is rebuilt (its extractor or parsers may have changed). It
// only stats files, never reads them, so it is cheap enough to check on
// every query. errs are the user's paths that could not be used, for the
// caller to warn about.
func (s *Set) Fingerprint() (string, []error) {
	h := sha256.New()
	fmt.Fprintf(h, "how sources v1\n")
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
	files, errs := s.walk()
	statAll(files)
	buf := make([]byte, 0, 256)
	for _, f := range files {
		buf = buf[:0]
		if f.err != nil {
			buf = append(buf, "gone "...)
			buf = append(buf, f.key...)
		} else if f.info.Mode().IsRegular() {
			buf = append(buf, "file "...)
			buf = append(buf, f.key...)
			buf = append(buf, 0)
			buf = strconv.AppendInt(buf, f.info.Size(), 10)
			buf = append(buf, ' ')
			buf = strconv.AppendInt(buf, f.info.ModTime().UnixNano(), 10)
			buf = append(buf, ' ')
			buf = strconv.AppendUint(buf, uint64(f.info.Mode()), 8)
		}
		buf = append(buf, '\n')
		h.Write(buf)
	}
	for _, err := range errs {
		fmt.Fprintf(h, "error %q\n", err.Error())
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), errs
}

var (
	digestMu    sync.Mutex
	digestCache = map[embed.FS]string{}
)

// bundledDigest identifies the bundled pages. For the embedded ones, names
// and sizes are enough, and need no reading: their contents can only change
// with the binary, whose own stat is in the fingerprint. Any other file
// system (tests) is hashed in full. Either way it is computed once per
// process.
func bundledDigest(fsys fs.FS) string {
	e, embedded := fsys.(embed.FS)
	if embedded {
		digestMu.Lock()
		defer digestMu.Unlock()
		if d, ok := digestCache[e]; ok {
			return d
		}
	}
	h := sha256.New()
	entries, _ := fs.ReadDir(fsys, ".")
	for _, ent := range entries {
		if ent.IsDir() || path.Ext(ent.Name()) != ".md" {
			continue
		}
		var size int64 = -1
		if info, err := ent.Info(); err == nil {
			size = info.Size()
		}
		fmt.Fprintf(h, "%q %d\n", ent.Name(), size)
		if !embedded {
			data, _ := fs.ReadFile(fsys, ent.Name())
			h.Write(data)
		}
	}
	d := hex.EncodeToString(h.Sum(nil)[:16])
	if embedded {
		digestCache[e] = d
	}
	return d
}

// Load reads every source and returns all their snippets, bundled first,
// then the user's in the order given, with a report for each file (and
// one for each folder given that held no file). Problems with one file
// never stop the others; the error is only ever ctx's, when it is
// cancelled.
func (s *Set) Load(ctx context.Context) ([]snippet.Snippet, []Report, error) {
	return s.LoadProgress(ctx, nil)
}

// LoadProgress is Load, calling progress (if not nil) with the number of
// user files read so far and their total, one call at a time.
func (s *Set) LoadProgress(ctx context.Context, progress func(done, total int)) ([]snippet.Snippet, []Report, error) {
	var all []snippet.Snippet
	var reports []Report

	if !s.opts.NoBundled {
		snips, reps := loadBundled(s.bundled)
		all = append(all, snips...)
		reports = append(reports, reps...)
	}

	files, errs := s.walk()
	for _, err := range errs {
		var fe *FileError
		p := ""
		if errors.As(err, &fe) {
			p = fe.Path
		}
		reports = append(reports, Report{Path: p, Err: err})
	}
	for _, p := range s.bare {
		reports = append(reports, Report{Path: p, Format: FormatFolder})
	}

	var mu sync.Mutex
	done := 0
	report := func() {
		if progress == nil {
			return
		}
		mu.Lock()
		done++
		progress(done, len(files))
		mu.Unlock()
	}

	results := make([]loaded, len(files))
	work := make(chan int)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results[i] = loadFile(files[i].path)
				report()
			}
		}()
	}
feed:
	for i := range files {
		select {
		case work <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	for _, r := range results {
		all = append(all, r.snippets...)
		reports = append(reports, r.report)
	}
	return all, reports, nil
}

type loaded struct {
	snippets []snippet.Snippet
	report   Report
}

func loadFile(p string) loaded {
	rep := Report{Path: p}
	data, warnings, err := ReadFile(p)
	if err != nil {
		rep.Err = err
		return loaded{report: rep}
	}
	for _, w := range warnings {
		rep.Problems = append(rep.Problems, w.short())
	}
	snips, format, problems := Parse(p, data)
	rep.Format = format
	rep.Origin = Origin(format)
	rep.Problems = append(rep.Problems, problems...)
	for i := range snips {
		snips[i].Origin = rep.Origin
	}
	rep.Snippets = len(snips)
	return loaded{snippets: snips, report: rep}
}

// Origin is the snippet origin for a user file of format f.
func Origin(f Format) string {
	if f == FormatTldr {
		return snippet.OriginTldr
	}
	return snippet.OriginNotes
}

// Parse detects a file's format and reads its snippets; Origin is left for
// the caller. Each problem is one line, prefixed with its line number when
// it has one. This is the one place formats are told apart: cheat sheets
// and navi cheats are detected here too when they are supported.
func Parse(name string, text []byte) ([]snippet.Snippet, Format, []string) {
	page, problems := sheet.ParsePage(name, text)
	switch page.Kind {
	case sheet.KindSheet, sheet.KindTldr:
		var msgs []string
		for _, p := range problems {
			msgs = append(msgs, p.String())
		}
		format := FormatTldr
		if page.Kind == sheet.KindSheet {
			format = FormatSheet
		}
		return page.Snippets, format, msgs
	}
	return extract.Text(name, text), FormatNotes, nil
}

func loadBundled(fsys fs.FS) ([]snippet.Snippet, []Report) {
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, []Report{{Path: "bundled:", Err: err}}
	}
	var all []snippet.Snippet
	var reports []Report
	for _, name := range names {
		if name == sheets.README {
			continue
		}
		rep := Report{Path: "bundled:" + name, Origin: snippet.OriginBundled, Format: FormatSheet}
		data, err := fs.ReadFile(fsys, name)
		if err == nil {
			var warnings []Warning
			data, warnings, err = Decode(rep.Path, data)
			for _, w := range warnings {
				rep.Problems = append(rep.Problems, w.short())
			}
		}
		if err != nil {
			rep.Err = err
			reports = append(reports, rep)
			continue
		}
		snips, problems := sheet.Parse(path.Join("bundled", name), data)
		for _, p := range problems {
			rep.Problems = append(rep.Problems, p.String())
		}
		for i := range snips {
			snips[i].Origin = snippet.OriginBundled
		}
		rep.Snippets = len(snips)
		all = append(all, snips...)
		reports = append(reports, rep)
	}
	return all, reports
}

// Message is a report's error as a short phrase, without the path.
func (r Report) Message() string {
	if r.Err == nil {
		return ""
	}
	return message(r.Err)
}
