package source

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Freshness. What is indexed is worked out on every query (see Plan), so
// it must cost far less than the query itself. Notes are edited by hand,
// so each of their files is stat'ed every time: an edit a second ago is
// seen. Collections are thousands of files that change by whole updates
// (git pull, a client's cache refresh, an editor that saves by renaming),
// and each of those changes the modification time of a folder: so for
// them only their folders are stat'ed, against the times recorded when
// their files were last stat'ed one by one. That full sweep is done again
// whenever a folder time differs, whenever a folder was modified so
// recently that a change in the same clock tick could hide behind it, and
// at least every Options.SweepEvery (for edits in place, which change no
// folder). What the sweep learnt is kept in Options.StateDir (state.go).

// racyWindow is how close to a sweep a folder's time may be before it
// cannot be trusted: file systems keep times in ticks (a few milliseconds,
// two seconds on FAT), and a file added in the same tick as the sweep
// would leave its folder's time unchanged.
const racyWindow = 2 * time.Second

// Fingerprint changes whenever a source file changes, appears or vanishes,
// or how itself is rebuilt (its extractor or parsers may have changed): it
// is a digest of the keys of the set's units (see Plan). errs are the
// user's paths that could not be used, for the caller to warn about.
func (s *Set) Fingerprint() (string, []error) {
	return s.FingerprintContext(context.Background())
}

// FingerprintContext is Fingerprint, abandoned when ctx ends (it may read
// the notes that changed): the fingerprint is then "", with ctx's error.
func (s *Set) FingerprintContext(ctx context.Context) (string, []error) {
	p, err := s.Plan(ctx)
	if err != nil {
		return "", []error{err}
	}
	h := sha256.New()
	for _, u := range p.Units {
		fmt.Fprintf(h, "unit %s\n", u.Key)
	}
	for _, err := range p.Errs {
		fmt.Fprintf(h, "error %q\n", err.Error())
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), p.Errs
}

// ID names the set by what it is made of: its sources as given (real
// paths), whether the bundled sheets are in it, and the options that
// change what is read. Two runs with the same sources have the same ID,
// whatever the sources hold.
func (s *Set) ID() string {
	h := sha256.New()
	fmt.Fprintf(h, "how set v1\nbundled %v\n", !s.opts.NoBundled)
	if !s.opts.NoBundled {
		fmt.Fprintf(h, "sheets %s\n", bundledDigest(s.bundled))
	}
	for _, p := range s.opts.Paths {
		fmt.Fprintf(h, "path %q\n", RealPath(p))
	}
	fmt.Fprintf(h, "options %s\n", s.optionsKey())
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// optionsKey says everything in the options that changes what is read.
func (s *Set) optionsKey() string {
	if s.optKey == "" {
		s.optKey = s.makeOptionsKey()
	}
	return s.optKey
}

func (s *Set) makeOptionsKey() string {
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
