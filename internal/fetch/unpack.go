package fetch

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/howcli/how/internal/sheet"
	"github.com/howcli/how/internal/source"
)

// licenceName is the licence file at the root of a tldr pages archive.
const licenceName = "LICENSE.md"

// refused is an archive that is not unpacked, with why.
func refused(name, format string, args ...any) error {
	return fmt.Errorf("%s: %s: refused, nothing changed", name, fmt.Sprintf(format, args...))
}

// unpack checks the whole archive, then writes the pages it holds for the
// wanted languages, and its licence, into the new folder tree. Nothing is
// written unless every entry of the archive passes: a single entry that
// could escape the folder says the archive is not what it claims to be.
func unpack(ctx context.Context, dl *downloaded, opts Options, tree string) (Stamp, error) {
	f, err := os.Open(dl.file)
	if err != nil {
		return Stamp{}, err
	}
	defer f.Close()
	zr, err := zip.NewReader(f, dl.size)
	if errors.Is(err, zip.ErrInsecurePath) {
		return Stamp{}, refused(dl.name, "an entry's path escapes the folder")
	}
	if err != nil {
		return Stamp{}, refused(dl.name, "not a zip archive, or a truncated one (%v)", err)
	}
	lim := opts.Limits
	if len(zr.File) > lim.Files {
		return Stamp{}, refused(dl.name, "%d entries, more than the %d allowed", len(zr.File), lim.Files)
	}
	var declared uint64
	for _, e := range zr.File {
		if err := checkEntry(e); err != nil {
			return Stamp{}, refused(dl.name, "%s", err)
		}
		declared += e.UncompressedSize64
		if declared > uint64(lim.Unpacked) {
			return Stamp{}, refused(dl.name, "it unpacks to more than the %s allowed", mib(lim.Unpacked))
		}
	}
	pages, licence, langs := choose(zr.File, opts.Languages)
	switch {
	case licence == nil:
		return Stamp{}, refused(dl.name, "no %s at its root: not a %s archive", licenceName, opts.Collection.What)
	case len(pages) == 0:
		return Stamp{}, refused(dl.name, "no English pages (pages/PLATFORM/*.md): not a %s archive", opts.Collection.What)
	}

	st := Stamp{SHA256: dl.sha256, Verified: dl.verified, Bytes: dl.size, Languages: langs, LicenseFile: licenceName}
	if err := os.Mkdir(tree, 0o755); err != nil {
		return Stamp{}, err
	}
	var written int64
	todo := append(pages, licence)
	for i, e := range todo {
		if err := ctx.Err(); err != nil {
			return Stamp{}, err
		}
		if opts.Progress != nil {
			opts.Progress(Progress{StageUnpack, int64(i), int64(len(todo))})
		}
		n, err := extract(e, filepath.Join(tree, filepath.FromSlash(e.Name)), lim.File)
		var we *writeError
		if errors.As(err, &we) {
			return Stamp{}, we.err // the disk's trouble, not the archive's
		}
		if err != nil {
			return Stamp{}, refused(dl.name, "%s: %v", e.Name, err)
		}
		written += n
		if written > lim.Unpacked {
			return Stamp{}, refused(dl.name, "it unpacks to more than the %s allowed", mib(lim.Unpacked))
		}
		// zip keeps local times without a zone unless an entry carries
		// an extended timestamp; a date is all that is shown of it.
		if t := e.Modified; t.Year() >= 2000 && t.After(st.Date) {
			st.Date = t
		}
	}
	if opts.Progress != nil {
		opts.Progress(Progress{StageUnpack, int64(len(todo)), int64(len(todo))})
	}
	st.Pages = len(pages)
	if text, err := os.ReadFile(filepath.Join(tree, licenceName)); err == nil {
		st.License, st.LicenseHolder = source.Licence(text)
	}
	st.Date = st.Date.UTC().Truncate(time.Second)
	return st, nil
}

// checkEntry refuses an entry that could write outside the folder it is
// unpacked into, or that is anything but a file or a folder. Every entry
// is checked, including those that would not be unpacked.
func checkEntry(e *zip.File) error {
	name := e.Name
	switch {
	case name == "":
		return errors.New("an entry has no name")
	case strings.ContainsAny(name, "\\\x00"):
		return fmt.Errorf("%q: a backslash or NUL in a name, which could be read as a path elsewhere", name)
	case strings.HasPrefix(name, "/") || filepath.IsAbs(filepath.FromSlash(name)) || path.IsAbs(name):
		return fmt.Errorf("%q is an absolute path", name)
	}
	clean := strings.TrimSuffix(name, "/")
	if slices.Contains(strings.Split(clean, "/"), "..") || !filepath.IsLocal(filepath.FromSlash(clean)) {
		return fmt.Errorf("%q escapes the folder", name)
	}
	m := e.Mode()
	switch {
	case m&fs.ModeSymlink != 0:
		return fmt.Errorf("%q is a symbolic link", name)
	case m.Type()&^fs.ModeDir != 0:
		return fmt.Errorf("%q is not a regular file (%v)", name, m.Type())
	}
	return nil
}

// choose picks the entries to unpack: the licence at the root and the
// pages (pages/PLATFORM/NAME.md) of English and of langs. English is the
// "pages" folder, or "pages.en" in an archive that has only that (the
// full archive has both, the same pages twice). langs names the
// languages unpacked, English first.
func choose(files []*zip.File, langs []string) (pages []*zip.File, licence *zip.File, got []string) {
	folder := map[string]string{} // language -> pages folder
	for _, e := range files {
		top, _, _ := strings.Cut(e.Name, "/")
		lang, ok := sheet.PagesLanguage(top)
		if !ok || !strings.Contains(e.Name, "/") {
			continue
		}
		if cur, seen := folder[lang]; !seen || cur != "pages" && top == "pages" {
			folder[lang] = top
		}
	}
	want := map[string]bool{}
	for _, l := range append([]string{"en"}, langs...) {
		if f, ok := folder[l]; ok {
			want[f] = true
		}
	}
	counted := map[string]bool{}
	for _, e := range files {
		if e.Mode().IsDir() {
			continue
		}
		if e.Name == licenceName {
			licence = e
			continue
		}
		parts := strings.Split(e.Name, "/")
		if len(parts) != 3 || !want[parts[0]] || parts[1] == "" || !strings.EqualFold(path.Ext(parts[2]), ".md") {
			continue
		}
		lang, _ := sheet.PagesLanguage(parts[0])
		counted[lang] = true
		pages = append(pages, e)
	}
	if !counted["en"] {
		return nil, licence, nil
	}
	for _, l := range append([]string{"en"}, langs...) {
		if counted[l] && !slices.Contains(got, l) {
			got = append(got, l)
		}
	}
	return pages, licence, got
}

// writeError is a failure to write an unpacked file (a full disk), as
// opposed to a fault of the archive.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }

type fileWriter struct{ f *os.File }

func (w fileWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	if err != nil {
		err = &writeError{err}
	}
	return n, err
}

// extract writes one entry to dst, a path that must not exist yet (an
// archive naming a file twice is refused), at most max bytes. It returns
// the bytes written. The zip reader checks each entry's CRC at its end.
func extract(e *zip.File, dst string, max int64) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return 0, &writeError{err}
	}
	rc, err := e.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return 0, errors.New("appears twice")
	}
	if err != nil {
		return 0, &writeError{err}
	}
	n, err := io.Copy(fileWriter{out}, io.LimitReader(rc, max+1))
	if cerr := out.Close(); err == nil && cerr != nil {
		err = &writeError{cerr}
	}
	if err == nil && n > max {
		err = fmt.Errorf("larger than the %s allowed for one file", mib(max))
	}
	return n, err
}
