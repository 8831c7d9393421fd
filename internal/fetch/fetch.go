// Package fetch gets the collections how can download for the user (the
// tldr pages) into the data directory: a download over HTTPS with
// timeouts, an archive checked before anything of it is written, unpacked
// beside the live folder and swapped in whole, so that a failure at any
// point (offline, a bad archive, a full disk, Ctrl-C) leaves the previous
// pages as they were.
package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// Collection describes a collection how can get.
type Collection struct {
	// Name is what --get takes ("tldr") and the folder it is kept in,
	// inside the data directory.
	Name string
	// What names it for a person ("tldr pages"), Unit one of its files
	// ("tldr page").
	What, Unit string
	// Format is how its folder is read (a config.toml [[source]] format).
	Format string
	// URL is where its archive is published; Env the variable that
	// overrides it (for mirrors and tests).
	URL, Env string
	// Sums is the name of the checksum file published beside the archive
	// (sha256sum's format), "" when there is none.
	Sums string
}

// Tldr is the tldr-pages project's archive of every page, in every
// language, with its licence: pages/<platform>/*.md (pages.<lang>/ for
// translations) and LICENSE.md at its root, published with each release.
var Tldr = Collection{
	Name:   "tldr",
	What:   "tldr pages",
	Unit:   "tldr page",
	Format: "tldr",
	URL:    "https://github.com/tldr-pages/tldr/releases/latest/download/tldr.zip",
	Env:    "HOW_TLDR_URL",
	Sums:   "tldr.sha256sums",
}

// Collections are every collection how can get, by Name.
var Collections = []Collection{Tldr}

// Lookup returns the collection named name.
func Lookup(name string) (Collection, bool) {
	for _, c := range Collections {
		if c.Name == name {
			return c, true
		}
	}
	return Collection{}, false
}

// Limits bound what an archive may make how download and write. An
// archive beyond any of them is refused whole: the real one is far below
// each (in 2026 about 10 MiB, 50,000 files, 60 MiB unpacked, pages of a
// few KiB), so one beyond them is broken or hostile (a zip bomb).
type Limits struct {
	// Archive bounds the download. It also bounds the memory the zip
	// reader spends on the archive's directory, which it reads whole.
	Archive int64
	// Files bounds the entries the archive lists.
	Files int
	// Unpacked bounds the uncompressed size of every entry together, as
	// the archive declares it (the zip reader refuses an entry whose data
	// outgrows its declaration, and unpacking counts what it writes).
	Unpacked int64
	// File bounds one unpacked file.
	File int64
}

// DefaultLimits are the limits of a real download.
var DefaultLimits = Limits{Archive: 64 << 20, Files: 200_000, Unpacked: 512 << 20, File: 1 << 20}

// Options say what Get downloads, from where, and into where.
type Options struct {
	Collection Collection
	// URL is where the archive is downloaded from (Collection.URL or its
	// override). An https URL is never followed to a plain http one: only
	// an http URL given here downgrades.
	URL string
	// Dir is the collection's live folder, which Get replaces.
	Dir string
	// Languages are the languages whose pages are unpacked besides
	// English, as tldr clients name them ("de", "pt_BR").
	Languages []string
	// Limits default to DefaultLimits (each zero field).
	Limits Limits
	// Stall is how long the server may send nothing (no answer, no byte
	// of the body) before the download is given up. Default 30 s.
	Stall time.Duration
	// Transport replaces the default HTTP transport (tests serving TLS).
	Transport http.RoundTripper
	// UserAgent is sent with each request.
	UserAgent string
	// Progress, if set, is told how the download and the unpacking
	// advance.
	Progress func(Progress)
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

func (o *Options) fill() {
	d := DefaultLimits
	if o.Limits.Archive <= 0 {
		o.Limits.Archive = d.Archive
	}
	if o.Limits.Files <= 0 {
		o.Limits.Files = d.Files
	}
	if o.Limits.Unpacked <= 0 {
		o.Limits.Unpacked = d.Unpacked
	}
	if o.Limits.File <= 0 {
		o.Limits.File = d.File
	}
	if o.Stall <= 0 {
		o.Stall = 30 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// Stage is a step of Get.
type Stage int

const (
	// StageDownload counts bytes; Total is -1 when the server does not
	// say how many will come.
	StageDownload Stage = iota
	// StageUnpack counts the files written.
	StageUnpack
)

// Progress is how far a stage of Get has come.
type Progress struct {
	Stage       Stage
	Done, Total int64
}

// StampFile is the file, inside a collection's folder, that says what Get
// put there. Its name starts with a dot, so that no reader of the
// collection takes it for a page.
const StampFile = ".how-fetched.json"

// Stamp records what Get downloaded and unpacked.
type Stamp struct {
	Collection string `json:"collection"`
	URL        string `json:"url"`
	// Date is the newest page's time in the archive: when the collection
	// was last changed by its authors.
	Date time.Time `json:"date"`
	// Fetched is when it was downloaded.
	Fetched time.Time `json:"fetched"`
	SHA256  string    `json:"sha256"`
	// Verified says the archive matched the checksum published beside it;
	// false when none was published.
	Verified bool  `json:"verified"`
	Bytes    int64 `json:"bytes"`
	Pages    int   `json:"pages"`
	// Languages are those whose pages were unpacked, English first;
	// Wanted those asked for (Options.Languages).
	Languages []string `json:"languages"`
	Wanted    []string `json:"wanted"`
	// License and LicenseHolder name the pages' licence as the licence
	// file unpacked with them (LicenseFile, in the folder) states it.
	License       string `json:"license"`
	LicenseHolder string `json:"license_holder,omitempty"`
	LicenseFile   string `json:"license_file"`
}

// ReadStamp returns the stamp of the collection folder dir. ok is false
// when dir holds none (nothing was got there, or dir is not there).
func ReadStamp(dir string) (s Stamp, ok bool, err error) {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return Stamp{}, false, nil
	}
	data, err := os.ReadFile(filepath.Join(dir, StampFile))
	if errors.Is(err, fs.ErrNotExist) {
		return Stamp{}, false, nil
	}
	if err != nil {
		return Stamp{}, false, err
	}
	if err := json.Unmarshal(data, &s); err != nil {
		return Stamp{}, false, fmt.Errorf("%s: %w", filepath.Join(dir, StampFile), err)
	}
	return s, true, nil
}

// ErrUpToDate is Get's answer when the archive published is the one
// unpacked already (its published checksum says so), for the same
// languages: nothing was downloaded or changed.
var ErrUpToDate = errors.New("up to date")

// ErrNotGot is Get's answer when Dir exists but was not made by Get: a
// folder of the user's, which is never replaced.
var ErrNotGot = errors.New("is there already and was not got by how")

// Get downloads the collection's archive, checks it, unpacks the pages
// of English and opts.Languages into a new folder beside opts.Dir and puts
// it in place of opts.Dir. On any error opts.Dir is as it was.
func Get(ctx context.Context, opts Options) (Stamp, error) {
	opts.fill()
	parent := filepath.Dir(opts.Dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return Stamp{}, err
	}
	unlock, err := lock(parent, opts.Collection.Name)
	if err != nil {
		return Stamp{}, err
	}
	defer unlock()
	recoverSwap(parent, opts.Dir, opts.Collection.Name)
	var old *Stamp
	if _, err := os.Stat(opts.Dir); err == nil {
		st, ok, _ := ReadStamp(opts.Dir)
		if !ok {
			return Stamp{}, fmt.Errorf("%s %w; move it away to get the %s there", opts.Dir, ErrNotGot, opts.Collection.What)
		}
		old = &st
	}

	work, err := os.MkdirTemp(parent, workPrefix(opts.Collection.Name)+"*")
	if err != nil {
		return Stamp{}, err
	}
	defer os.RemoveAll(work)

	dl, err := download(ctx, opts, filepath.Join(work, "archive"), old)
	if errors.Is(err, ErrUpToDate) {
		return *old, err
	}
	if err != nil {
		return Stamp{}, err
	}
	tree := filepath.Join(work, "new")
	st, err := unpack(ctx, dl, opts, tree)
	if err != nil {
		return Stamp{}, err
	}
	st.Collection, st.URL, st.Wanted = opts.Collection.Name, opts.URL, opts.Languages
	st.Fetched = opts.Now().UTC().Truncate(time.Second)
	if st.Date.IsZero() {
		st.Date = dl.lastModified
	}
	if st.Date.IsZero() {
		st.Date = st.Fetched
	}
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return Stamp{}, err
	}
	if err := os.WriteFile(filepath.Join(tree, StampFile), append(data, '\n'), 0o644); err != nil {
		return Stamp{}, err
	}
	// Past this point the new pages are complete: an interruption now
	// would only waste them, so the swap does not look at ctx.
	if err := swap(opts.Dir, tree, filepath.Join(work, "old")); err != nil {
		return Stamp{}, err
	}
	return st, nil
}
