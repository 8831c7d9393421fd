// Package source reads what gets indexed: the bundled sheets, and the
// user's notes, sheets and collections (tldr pages, cheat sheets, navi
// cheats) from HOW_PATH, --source and the config. It walks folders, tells
// collections from notes, checks each file before trusting it, detects its
// format (ParseFile), turns it into snippets, and fingerprints the whole
// set cheaply so the index is rebuilt only when something changed.
package source

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/howcli/how/internal/extract"
	"github.com/howcli/how/internal/sheet"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/vocab"
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
	// FormatCheat is a cheat sheet (cheat/cheat's format).
	FormatCheat Format = "cheat"
	// FormatNavi is a navi cheat (.cheat, .cheat.md).
	FormatNavi Format = "navi"
	// FormatFolder is a folder that was given as a source but holds no
	// file that is read. It is reported so that `how sources` shows it was
	// searched; it has no snippets.
	FormatFolder Format = "folder"
)

// DefaultSweep is how often, at most, Fingerprint stats every file of a
// collection one by one when folder times say nothing changed (see
// Options.SweepEvery).
const DefaultSweep = 5 * time.Minute

// Options says what to read.
type Options struct {
	// Paths are files and folders, in the order given (HOW_PATH first, then
	// each --source). Folders are walked.
	Paths []string
	// NoBundled leaves the bundled sheets out.
	NoBundled bool
	// Bundled replaces the bundled sheets (for tests); nil means sheets.FS.
	Bundled fs.FS
	// Personal is the user's own sheet (`how add` writes it), read after
	// Paths with origin "personal". A missing file is not an error: there
	// is nothing in it yet.
	Personal string
	// Formats pins the format of folders, by path, as the user configured
	// them: a folder set to FormatTldr, FormatCheat or FormatNavi is read
	// as that collection whatever it looks like, and one set to
	// FormatNotes is never taken for a collection.
	Formats map[string]Format
	// Tags adds tags, by path as given in Paths, to every snippet read
	// from that path: a cheatpath's tags, as cheat adds them to its
	// sheets'.
	Tags map[string][]string
	// Platform is the tldr platform whose pages win; "" means
	// HostPlatform().
	Platform string
	// Languages are the tldr page languages to read, most preferred
	// first (see the Languages function); nil means English only.
	Languages []string
	// StateDir is a folder (in the cache directory) where Fingerprint keeps
	// what it learnt about the collections, so that later calls check
	// their folders rather than every file. Empty: every file is stat'ed
	// on every call.
	StateDir string
	// SweepEvery bounds how long a collection's files go without being
	// stat'ed one by one; 0 means DefaultSweep.
	SweepEvery time.Duration
	// Now replaces time.Now (tests).
	Now func() time.Time
}

// Set is the sources one run of how searches.
type Set struct {
	opts    Options
	bundled fs.FS
	// What the last walk found besides the files: how many of the paths
	// given exist (-1 before any walk), which of them are folders with no
	// file to read, and the collections found.
	usable int
	bare   []string
	colls  []*collection
	// sweeps counts the full sweeps Fingerprint made (tests).
	sweeps int
	// optKey is optionsKey's, worked out once: the options do not change,
	// and it resolves links.
	optKey string
}

// New returns the set opts describes. Nothing is read until Load or
// Fingerprint is called.
func New(opts Options) *Set {
	b := opts.Bundled
	if b == nil {
		b = sheets.FS
	}
	if opts.Platform == "" {
		opts.Platform = HostPlatform()
	}
	if len(opts.Languages) == 0 {
		opts.Languages = []string{"en"}
	} else if !slices.Contains(opts.Languages, "en") {
		opts.Languages = append(slices.Clone(opts.Languages), "en")
	}
	if opts.SweepEvery <= 0 {
		opts.SweepEvery = DefaultSweep
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	// A path given twice (HOW_PATH and the config, or a HOW_PATH of
	// thousands of entries) is walked once.
	var paths []string
	seen := map[string]bool{}
	for _, p := range opts.Paths {
		if c := filepath.Clean(p); !seen[c] {
			seen[c] = true
			paths = append(paths, p)
		}
	}
	opts.Paths = paths
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
	Path string
	// File is Path made absolute (symlinks kept): the Source its snippets
	// cite. Empty for bundled pages and for paths that could not be used.
	File     string
	Origin   string
	Format   Format
	Snippets int
	// Lines is the number of source lines the snippets span.
	Lines int
	// Problems are one-line warnings that did not stop the file from being
	// used: invalid UTF-8, malformed sheet lines.
	Problems []string
	// Err is set when the file could not be used at all.
	Err error
	// Skipped is set, with Err, for a file found by walking a folder that
	// was not read: why, in a word or two (see SkipBinary and the others).
	// Folders hold pictures, programs and archives beside notes: such files
	// are counted by reason, not reported one by one.
	Skipped string
	// Collection is the root of the collection the file was read as part
	// of (see Set.Collections); empty for notes.
	Collection string
	// Omitted counts the examples the file has that were left out of the
	// index, and Why says why: a tldr page shadowed by the host platform's
	// page of the same name, an alias page whose one example only points
	// to the original command's page, a cheat sheet's prose.
	Omitted int
	Why     string
	// Page is what the file says about itself as a whole (title, tldr
	// "See also" and alias target, navi suggestion sources); nil for notes.
	Page *Page
}

// Message is a report's error as a short phrase, without the path.
func (r Report) Message() string {
	if r.Err == nil {
		return ""
	}
	return message(r.Err)
}

// Collections are the collections the last Load found, in the order of
// the paths given, with their counts. Fingerprint alone does not fill the
// counts.
func (s *Set) Collections() []Collection {
	out := make([]Collection, len(s.colls))
	for i, c := range s.colls {
		out[i] = c.Collection
	}
	return out
}

// file is one file to read, as found by walking.
type file struct {
	path string // as the user wrote it, joined with what the walk found
	key  string // absolute path, to read each file once
	// abs is path made absolute, symlinks kept: what its snippets cite, so
	// that the index means the same file from any working folder and an
	// editor is never handed a name it could take for an option.
	abs  string
	hint Hint
	coll *collection
	// walked is set for a file found by walking rather than named: one
	// that turns out to be no text at all is skipped without a word.
	walked bool
	origin string   // set for the personal sheet
	tags   []string // the tags of the path it was found under
	root   string   // the folder given that it was found in, if any
	// For tldr pages: the page that wins over this one, if any.
	shadowedBy string
}

// readOptions are the options that change what is read from a collection.
func (s *Set) readOptions() readOptions {
	ro := readOptions{platform: s.opts.Platform, languages: s.opts.Languages}
	if len(s.opts.Formats) > 0 {
		ro.formats = map[string]Format{}
		for p, f := range s.opts.Formats {
			ro.formats[RealPath(p)] = f
		}
	}
	return ro
}

// RealPath is p absolute with symlinks resolved, or as near as can be:
// how sources are compared, whatever way they were named.
func RealPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	return abs
}

// absolute is p joined to the working folder cwd when it is relative:
// filepath.Abs without asking for the working folder once per file.
func absolute(cwd, p string) string {
	if filepath.IsAbs(p) || cwd == "" {
		return p
	}
	return filepath.Join(cwd, p)
}

// Roots are the paths the set reads, as given, in order, the personal
// sheet last: the order a page merged from them lists its sources in.
func (s *Set) Roots() []string { return s.roots() }

// roots are the paths to read, the personal sheet last.
func (s *Set) roots() []string {
	roots := s.opts.Paths
	if s.opts.Personal != "" {
		if _, err := os.Stat(s.opts.Personal); err == nil {
			roots = append(slices.Clone(roots), s.opts.Personal)
		}
	}
	return roots
}

// walk lists the user's files: every path given, folders walked, each
// folder classified (notes, or a collection), tldr pages that another page
// shadows marked. errs holds the paths that could not be used at all
// (missing, unreadable folders); they are reported but never stop the
// others. walk also records in s which paths exist, which folders held
// nothing, and the collections.
func (s *Set) walk(ctx context.Context) (files []file, errs []error) {
	seen := map[string]bool{}
	s.usable, s.bare, s.colls = 0, nil, nil
	ro := s.readOptions()
	cwd, _ := os.Getwd()
	personalKey := ""
	if s.opts.Personal != "" {
		personalKey = RealPath(s.opts.Personal)
	}
	add := func(f file) {
		if f.key == personalKey {
			f.origin = snippet.OriginPersonal
		}
		if !seen[f.key] {
			seen[f.key] = true
			f.abs = absolute(cwd, f.path)
			files = append(files, f)
		}
	}
	rootTags := map[string][]string{}
	for p, t := range s.opts.Tags {
		rootTags[RealPath(p)] = t
	}
	roots, errs := s.existingRoots()
	for _, r := range roots {
		root := r.path
		tags := rootTags[RealPath(root)]
		if !r.info.IsDir() {
			dir := filepath.Dir(absolute(cwd, root))
			add(file{path: root, key: RealPath(root), tags: tags, hint: Hint{Roots: []string{dir, RealPath(dir)}}})
			continue
		}
		roots := []string{absolute(cwd, filepath.Clean(root)), RealPath(root)}
		tree, werrs := walkRoot(ctx, root, nil)
		errs = append(errs, werrs...)
		if tree == nil {
			continue
		}
		start := len(files)
		errs = append(errs, tree.skipped...)
		colls := classify(tree, ro, true)
		s.colls = append(s.colls, colls...)
		found := 0
		var visit func(n *node)
		visit = func(n *node) {
			if c := n.coll; c != nil {
				ms := c.members()
				var shadow map[int]int
				if c.Format == FormatTldr {
					shadow = shadowed(ms, c.Platform, c.Languages)
				}
				for i, m := range ms {
					f := file{path: m.path, key: m.key, hint: Hint{Format: c.Format, Name: m.rel, Roots: roots}, coll: c, walked: true, tags: tags, root: root}
					if w, ok := shadow[i]; ok {
						f.shadowedBy = ms[w].path
					}
					add(f)
					found++
				}
				return
			}
			for _, e := range n.files {
				if fileKind(e.name) != kindNone {
					add(file{path: e.path, key: e.key, hint: Hint{Roots: roots}, walked: true, tags: tags, root: root})
					found++
				}
			}
			for _, d := range n.dirs {
				visit(d)
			}
		}
		visit(tree)
		if found == 0 {
			s.bare = append(s.bare, root)
		}
		var capped error
		if files, capped = capBytes(root, files, start); capped != nil {
			errs = append(errs, capped)
		}
	}
	return files, errs
}

// maxSourceBytes bounds what one source may hold for reading, counting
// each file that would be read (MaxFileSize or less). tldr's 7,000 pages
// are 4 MB, and 10,000 notes of a few kilobytes well under this; a source
// of gigabytes (a folder of logs, a home folder, /) would take a query
// minutes to extract.
var maxSourceBytes int64 = 64 << 20 // a variable for tests

// capBytes keeps, of the files root listed (files[start:], in the walk's
// order, so the same files each time), those within maxSourceBytes, and
// says what it left out.
func capBytes(root string, files []file, start int) ([]file, error) {
	st := make([]statted, len(files)-start)
	for i := range st {
		st[i].key = files[start+i].key
	}
	statAll(st)
	var total int64
	for i, f := range st {
		if f.err != nil || !f.info.Mode().IsRegular() || f.info.Size() > MaxFileSize {
			continue // refused when read, whatever its size: it costs nothing
		}
		if total += f.info.Size(); total > maxSourceBytes {
			return files[:start+i], &FileError{Path: root, Err: ErrTooMany,
				Detail: fmt.Sprintf("over %s to read, far more than notes; %d of its %d files are searched: give how the folders that hold your notes instead (HOW_PATH, --source, sources in config.toml)",
					size(maxSourceBytes), i, len(st))}
		}
	}
	return files, nil
}

type rootInfo struct {
	path string
	info fs.FileInfo
}

// existingRoots stats the paths to read and returns those that exist, an
// error for each that does not, and counts the first in s.usable.
func (s *Set) existingRoots() ([]rootInfo, []error) {
	var out []rootInfo
	var errs []error
	for _, root := range s.roots() {
		info, err := os.Stat(root)
		if err != nil {
			errs = append(errs, &FileError{Path: root, Err: err})
			continue
		}
		out = append(out, rootInfo{root, info})
	}
	s.usable = len(out)
	return out, errs
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
		s.usable = 0
		for _, root := range s.roots() {
			if _, err := os.Stat(root); err == nil {
				s.usable++
			}
		}
	}
	return s.usable == 0
}

// Load reads every source and returns all their snippets, bundled first,
// then the user's in the order given, with a report for each file (and
// one for each folder given that held no file). Problems with one file
// never stop the others; the error is only ever ctx's, when it is
// cancelled.
func (s *Set) Load(ctx context.Context) ([]snippet.Snippet, []Report, error) {
	return s.LoadProgress(ctx, nil)
}

// afterWalk, when set by a test, runs between listing the files and
// reading them: the moment a file deleted mid-walk goes missing.
var afterWalk func()

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

	files, errs := s.walk(ctx)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if afterWalk != nil {
		afterWalk()
	}
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
	for _, c := range s.colls {
		c.findLicence()
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

	// Work is handed out in tasks: a note alone, since the extractor takes
	// long over one, and collection pages in runs, since a page takes a
	// few microseconds to parse, less than passing it through a channel.
	// Notes go first: a long note started last would leave the other
	// workers idle at the end.
	type task struct{ start, end int }
	var notes, pages []task
	for i := 0; i < len(files); {
		if files[i].coll == nil {
			notes = append(notes, task{i, i + 1})
			i++
			continue
		}
		j := i
		for j < len(files) && j-i < 32 && files[j].coll != nil {
			j++
		}
		pages = append(pages, task{i, j})
		i = j
	}
	results := make([]loaded, len(files))
	work := make(chan task)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range work {
				for i := t.start; i < t.end && ctx.Err() == nil; i++ {
					results[i] = loadFile(files[i])
					report()
				}
			}
		}()
	}
feed:
	for _, t := range append(notes, pages...) {
		select {
		case work <- t:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	// Cancelled (the first Ctrl-C), the load is abandoned at once rather
	// than when the workers finish: one may be in a read that blocks, or
	// an hour into a file. Their results are never looked at.
	finished := make(chan struct{})
	go func() {
		wg.Wait()
		close(finished)
	}()
	select {
	case <-finished:
	case <-ctx.Done():
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	shareVocabulary(files, results)
	// A folder whose every file was passed over has nothing to read, as
	// an empty one: it is listed, with the files counted by why.
	read := map[string]bool{}
	for i, r := range results {
		if files[i].root != "" && r.report.Skipped == "" {
			read[files[i].root] = true
		}
	}
	for _, f := range files {
		if f.root != "" && !read[f.root] {
			read[f.root] = true
			reports = append(reports, Report{Path: f.root, Format: FormatFolder})
		}
	}
	for i, r := range results {
		all = append(all, r.snippets...)
		reports = append(reports, r.report)
		if c := files[i].coll; c != nil && r.report.Err == nil {
			c.Files++
			c.Snippets += r.report.Snippets
			c.Lines += r.report.Lines
			c.Omitted += r.report.Omitted
		}
	}
	return all, reports, nil
}

// Why a file found by walking was skipped (Report.Skipped).
const (
	SkipBinary     = "binary"
	SkipTooLarge   = "too large"
	SkipUnreadable = "unreadable"
	SkipEmpty      = "empty"
	SkipEncoding   = "UTF-16"
)

// skipReason names why err kept a file from being read.
func skipReason(err error) string {
	switch {
	case errors.Is(err, ErrBinary):
		return SkipBinary
	case errors.Is(err, ErrTooLarge):
		return SkipTooLarge
	case errors.Is(err, ErrEmpty):
		return SkipEmpty
	case errors.Is(err, ErrUTF16):
		return SkipEncoding
	}
	return SkipUnreadable
}

type loaded struct {
	snippets []snippet.Snippet
	report   Report
	// parsed is what the file yielded and base its report before that,
	// kept until the notes of its folder are all read (see
	// shareVocabulary); parsed is nil when the file was not read.
	parsed *Parsed
	base   Report
}

func loadFile(f file) loaded {
	rep := Report{Path: f.path}
	if f.coll != nil {
		rep.Collection = f.coll.Root
	}
	data, warnings, err := ReadFile(f.path)
	if err != nil {
		rep.Err = err
		// Every file of a folder is read, whatever its name: a folder of
		// notes holds pictures and programs too, which are counted by
		// why they were passed over. A file named as a note (.md, .txt)
		// was meant to be read, and its problem is one to tell.
		if f.walked && fileKind(filepath.Base(f.path)) != kindNotes {
			rep.Skipped = skipReason(err)
		}
		return loaded{report: rep}
	}
	for _, w := range warnings {
		rep.Problems = append(rep.Problems, w.short())
	}
	p := ParseFile(f.abs, data, f.hint)
	rep.File = f.abs
	l := finish(f, rep, p)
	l.parsed, l.base = &p, rep
	return l
}

// finish makes the snippets and report of a file from what it yielded.
func finish(f file, rep Report, p Parsed) loaded {
	rep.Format = p.Format
	rep.Origin = Origin(p.Format)
	if f.origin != "" {
		rep.Origin = f.origin
	}
	rep.Problems = append(rep.Problems, p.Problems...)
	rep.Page = p.Page
	snips := p.Snippets
	rep.Omitted, rep.Why = p.Omitted, p.Why
	switch {
	case f.shadowedBy != "":
		rep.Omitted, rep.Why = len(snips), "shadowed by "+f.shadowedBy
		snips = nil
	case p.Format == FormatTldr && p.Page != nil && p.Page.AliasOnly:
		rep.Omitted = len(snips)
		rep.Why = "an alias of " + p.Page.AliasOf + "; its example only points to that page"
		snips = nil
	}
	personal := f.origin == snippet.OriginPersonal && p.Page != nil
	for i := range snips {
		snips[i].Origin = rep.Origin
		if personal {
			personalTool(&snips[i], p.Page.Title)
		}
		if len(f.tags) > 0 {
			snips[i].Tags = addTags(snips[i].Tags, f.tags)
		}
		switch rep.Origin {
		case snippet.OriginTldr:
			snips[i].Indexed = tldrIndexed(&snips[i])
		case snippet.OriginCheat, snippet.OriginNavi:
			snips[i].Indexed = angleIndexed(&snips[i])
		}
	}
	rep.Snippets = len(snips)
	if len(snips) == len(p.Snippets) {
		rep.Lines = p.Lines
	}
	return loaded{snippets: snips, report: rep}
}

// tldrIndexed is how the index reads a tldr page's command: its
// placeholders and its page's platform folder are tldr's own syntax, which
// only the tldr reader knows (see snippet.Indexed).
func tldrIndexed(s *snippet.Snippet) *snippet.Indexed {
	head, body := vocab.SplitCommand(s.Command)
	head, body = sheet.ValuePlaceholdersOut(head, body)
	return &snippet.Indexed{Head: head, Body: body, Spelled: sheet.FirstSpelling(s.Command),
		Platform: sheet.PagePlatform(s.Tags), Topics: sheet.TopicTags(s.Tags)}
}

// angleIndexed is how the index reads a cheat or navi command with
// <placeholders>: their words are values, read with the body. nil when it
// has none, and reads as written.
func angleIndexed(s *snippet.Snippet) *snippet.Indexed {
	head, body := vocab.SplitCommand(s.Command)
	head, body, ok := sheet.AnglePlaceholdersOut(head, body)
	if !ok {
		return nil
	}
	return &snippet.Indexed{Head: head, Body: body, Spelled: s.Command, Topics: s.Tags}
}

// shareVocabulary reads again, with the names the other notes of their
// folder run as programs, the notes that use those names (see
// extract.Note).
func shareVocabulary(files []file, results []loaded) {
	dirs := make([]string, len(results))
	notes := make([]*extract.Note, len(results))
	for i, r := range results {
		if r.parsed != nil {
			dirs[i], notes[i] = filepath.Dir(files[i].path), r.parsed.note
		}
	}
	for i, snips := range folderSnippets(dirs, notes) {
		p := *results[i].parsed
		p.Snippets, p.Lines = snips, lines(snips)
		results[i] = finish(files[i], results[i].base, p)
	}
}

// folderSnippets returns the new snippets of each note (notes[i], nil for
// a file that is none, in folder dirs[i]) that reads differently once the
// names the other notes of its folder run as programs are known.
func folderSnippets(dirs []string, notes []*extract.Note) map[int][]snippet.Snippet {
	folders := map[string][]int{}
	for i, n := range notes {
		if n != nil {
			folders[dirs[i]] = append(folders[dirs[i]], i)
		}
	}
	vocab := make([][]string, len(notes)) // the names each note reads with
	var todo []int
	for _, idx := range folders {
		if len(idx) < 2 {
			continue
		}
		names := map[string]bool{}
		for _, i := range idx {
			for _, name := range notes[i].Vocabulary() {
				names[name] = true
			}
		}
		if len(names) == 0 {
			continue
		}
		sorted := slices.Sorted(maps.Keys(names))
		for _, i := range idx {
			vocab[i] = sorted
			todo = append(todo, i)
		}
	}
	out := map[int][]snippet.Snippet{}
	var mu sync.Mutex
	eachParallel(len(todo), func(k int) {
		i := todo[k]
		before := notes[i].Snippets(nil)
		if snips := notes[i].Snippets(vocab[i]); !sameSnippets(snips, before) {
			mu.Lock()
			out[i] = snips
			mu.Unlock()
		}
	})
	return out
}

// eachParallel calls f(0) ... f(n-1), on every core.
func eachParallel(n int, f func(int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, max(1, runtime.GOMAXPROCS(0))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// sameSnippets reports whether a and b are the same slice.
func sameSnippets(a, b []snippet.Snippet) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// personalTool gives an example of the personal sheet that has no tool of
// its own (one written by hand, without a how comment) the program its
// command runs: the page is named after its owner, not after a tool, so
// its title says nothing about the example.
func personalTool(s *snippet.Snippet, title string) {
	f := strings.Fields(title)
	if len(f) == 0 || s.Tool != f[0] {
		return
	}
	if t := snippet.ToolOf(s.Command); t != "" {
		s.Tool = t
	}
}

// addTags appends to tags those of more it does not have yet.
func addTags(tags, more []string) []string {
	out := slices.Clone(tags)
	for _, t := range more {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
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
		// The notes they were extracted from do not ship: each command is
		// cited where it is, bundled:NAME.md and its line there.
		snips, problems := sheet.ParseInPlace(rep.Path, data)
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
