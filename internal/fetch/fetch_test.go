package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/howcli/how/internal/fetch/fetchtest"
)

var built = time.Date(2026, 8, 22, 9, 30, 0, 0, time.UTC)

// fixture is the archive made from testdata/tldr, laid out as the
// tldr-pages project publishes it.
func fixture(t *testing.T) []fetchtest.Entry {
	t.Helper()
	entries, err := fetchtest.Tree(filepath.Join("testdata", "tldr"), "")
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

func mustZip(t *testing.T, entries []fetchtest.Entry) []byte {
	t.Helper()
	data, err := fetchtest.Zip(entries, built)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// serve publishes archive as tldr.zip with its checksum beside it, and
// returns options that get it into a fresh data folder.
func serve(t *testing.T, archive []byte) (*fetchtest.Server, Options) {
	t.Helper()
	srv := fetchtest.NewServer(t)
	srv.Set("/release/tldr.zip", archive)
	srv.Set("/release/tldr.sha256sums", fetchtest.SHA256Sums("tldr.zip", archive))
	data := filepath.Join(t.TempDir(), "data")
	return srv, Options{Collection: Tldr, URL: srv.URL + "/release/tldr.zip", Dir: filepath.Join(data, "tldr"),
		Now: func() time.Time { return built.Add(48 * time.Hour) }}
}

// snapshot is every file below dir with its content, and every folder,
// for comparing a tree before and after.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			out[p] = "error: " + err.Error()
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[rel+"/"] = ""
			return nil
		}
		data, _ := os.ReadFile(p)
		out[rel] = string(data)
		return nil
	})
	return out
}

func names(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }

func TestGetFixture(t *testing.T) {
	archive := mustZip(t, fixture(t))
	srv, opts := serve(t, archive)
	opts.Languages = []string{"de_DE", "de", "fr"}
	var progress []int64
	unpacked := Progress{}
	opts.Progress = func(p Progress) {
		if p.Stage == StageUnpack {
			unpacked = p
			return
		}
		if p.Total != int64(len(archive)) {
			t.Errorf("progress total %d, want %d", p.Total, len(archive))
		}
		progress = append(progress, p.Done)
	}
	st, err := Get(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	got := names(snapshot(t, opts.Dir))
	want := []string{"./", ".how-fetched.json", "LICENSE.md", "pages.de/", "pages.de/common/", "pages.de/common/du.md",
		"pages/", "pages/common/", "pages/common/du.md", "pages/common/rsync.md", "pages/linux/", "pages/linux/ss.md", "pages/osx/", "pages/osx/pbcopy.md"}
	if !slices.Equal(got, want) {
		t.Errorf("unpacked:\n%s\nwant (pages.en, the same pages again, and index.json left out):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	page, _ := os.ReadFile(filepath.Join(opts.Dir, "pages", "linux", "ss.md"))
	orig, _ := os.ReadFile(filepath.Join("testdata", "tldr", "pages", "linux", "ss.md"))
	if !bytes.Equal(page, orig) {
		t.Errorf("ss.md unpacked as %q", page)
	}
	sum := sha256.Sum256(archive)
	if st.SHA256 != hex.EncodeToString(sum[:]) || !st.Verified || st.Bytes != int64(len(archive)) || st.Pages != 5 ||
		!st.Date.Equal(built) || !st.Fetched.Equal(built.Add(48*time.Hour)) || !slices.Equal(st.Languages, []string{"en", "de"}) ||
		st.URL != opts.URL || st.Collection != "tldr" ||
		st.License != "CC-BY-4.0" || st.LicenseHolder != "how authors" || st.LicenseFile != "LICENSE.md" {
		t.Errorf("stamp %+v", st)
	}
	read, ok, err := ReadStamp(opts.Dir)
	if !ok || err != nil || !read.Date.Equal(st.Date) || read.SHA256 != st.SHA256 {
		t.Errorf("ReadStamp = %+v, %v, %v", read, ok, err)
	}
	if len(progress) == 0 || progress[len(progress)-1] != int64(len(archive)) {
		t.Errorf("progress %v", progress)
	}
	if unpacked.Done != 6 || unpacked.Total != 6 { // 5 pages and the licence
		t.Errorf("unpacking ended at %+v", unpacked)
	}
	if srv.Hits("/release/tldr.sha256sums") != 1 {
		t.Errorf("checksums asked for %d times", srv.Hits("/release/tldr.sha256sums"))
	}
	leftovers(t, filepath.Dir(opts.Dir))
}

// leftovers fails when a work folder of Get is left in parent.
func leftovers(t *testing.T, parent string) {
	t.Helper()
	ents, _ := os.ReadDir(parent)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".tldr.get-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// Every kind of bad archive is refused with one line saying why, and the
// pages got before are exactly as they were, with nothing left beside
// them.
func TestBadArchivesChangeNothing(t *testing.T) {
	good := fixture(t)
	with := func(extra ...fetchtest.Entry) []byte { return mustZip(t, append(slices.Clone(good), extra...)) }
	without := func(name string) []byte {
		return mustZip(t, slices.DeleteFunc(slices.Clone(good), func(e fetchtest.Entry) bool { return e.Name == name }))
	}
	page := []byte("# x\n\n> X.\n\n- Do:\n\n`x`\n")
	zeros := make([]byte, 4<<20) // compresses to a few KiB
	full := mustZip(t, good)
	many := slices.Clone(good)
	for i := range 40 {
		many = append(many, fetchtest.Entry{Name: fmt.Sprintf("pages/common/p%d.md", i), Data: page})
	}
	tests := []struct {
		name    string
		archive []byte
		limits  Limits
		sums    []byte // nil: the archive's own
		want    string
	}{
		{name: "truncated", archive: full[:len(full)/2], want: "not a zip archive, or a truncated one"},
		{name: "not a zip", archive: []byte("<!doctype html><title>Sign in</title>"), want: "not a zip archive"},
		{name: "empty", archive: []byte{}, want: "not a zip archive"},
		{name: "dot-dot", archive: with(fetchtest.Entry{Name: "pages/../../evil.md", Data: page}), want: `"pages/../../evil.md" escapes the folder`},
		{name: "dot-dot elsewhere", archive: with(fetchtest.Entry{Name: "../outside.txt", Data: page}), want: "escapes the folder"},
		{name: "absolute", archive: with(fetchtest.Entry{Name: "/etc/cron.d/evil", Data: page}), want: "is an absolute path"},
		{name: "backslash", archive: with(fetchtest.Entry{Name: `pages\..\..\evil.md`, Data: page}), want: "a backslash"},
		{name: "symlink", archive: with(fetchtest.Entry{Name: "pages/common/passwd.md", Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink | 0o777}), want: `"pages/common/passwd.md" is a symbolic link`},
		{name: "symlink folder", archive: with(fetchtest.Entry{Name: "pages/linux2", Data: []byte("/"), Mode: fs.ModeSymlink | 0o777}), want: "is a symbolic link"},
		{name: "device", archive: with(fetchtest.Entry{Name: "pages/common/tty.md", Mode: fs.ModeDevice | fs.ModeCharDevice | 0o666}), want: "is not a regular file"},
		{name: "named twice", archive: with(fetchtest.Entry{Name: "pages/common/du.md", Data: page}), want: "pages/common/du.md: appears twice"},
		{name: "download too large", archive: with(fetchtest.Entry{Name: "pages/common/x.md", Data: page}), limits: Limits{Archive: int64(len(full))}, want: "more than the"},
		{name: "zip bomb", archive: with(fetchtest.Entry{Name: "pages/common/big.md", Data: zeros}), limits: Limits{Unpacked: 1 << 20}, want: "unpacks to more than the 1.0 MiB allowed"},
		{name: "one page too large", archive: with(fetchtest.Entry{Name: "pages/common/big.md", Data: zeros}), want: "pages/common/big.md: larger than the 1.0 MiB allowed for one file"},
		{name: "too many files", archive: mustZip(t, many), limits: Limits{Files: 30}, want: "entries, more than the 30 allowed"},
		{name: "no licence", archive: without("LICENSE.md"), want: "no LICENSE.md at its root: not a tldr pages archive"},
		{name: "no English pages", archive: mustZip(t, []fetchtest.Entry{{Name: "LICENSE.md", Data: page}, {Name: "pages.de/common/du.md", Data: page}}), want: "no English pages"},
		{name: "checksum mismatch", archive: with(fetchtest.Entry{Name: "pages/common/x.md", Data: page}), sums: fetchtest.SHA256Sums("tldr.zip", []byte("another release")), want: "tldr.zip: does not match its checksum in tldr.sha256sums"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, opts := serve(t, full)
			if _, err := Get(context.Background(), opts); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, filepath.Dir(opts.Dir))
			srv.Set("/release/tldr.zip", tt.archive)
			sums := tt.sums
			if sums == nil {
				sums = fetchtest.SHA256Sums("tldr.zip", tt.archive)
			}
			srv.Set("/release/tldr.sha256sums", sums)
			opts.Limits = tt.limits
			_, err := Get(context.Background(), opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v, want one line with %q", err, tt.want)
			}
			after := snapshot(t, filepath.Dir(opts.Dir))
			delete(before, ".tldr.lock")
			delete(after, ".tldr.lock")
			if !maps.Equal(before, after) {
				t.Errorf("the data folder changed:\nbefore %v\nafter  %v", names(before), names(after))
			}
		})
	}
}

// An update replaces the pages whole: a page the new archive dropped is
// gone, a new one is there, a changed one changed.
func TestUpdateReplaces(t *testing.T) {
	srv, opts := serve(t, mustZip(t, fixture(t)))
	if _, err := Get(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	next := slices.DeleteFunc(fixture(t), func(e fetchtest.Entry) bool { return e.Name == "pages/osx/pbcopy.md" })
	next = append(next, fetchtest.Entry{Name: "pages/linux/ip.md", Data: []byte("# ip\n\n> Network.\n\n- Addresses:\n\n`ip addr`\n")})
	for i, e := range next {
		if e.Name == "pages/common/du.md" {
			next[i].Data = []byte("# du\n\n> Disk use.\n\n- Sizes:\n\n`du -sh .`\n")
		}
	}
	later, err := fetchtest.Zip(next, built.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	srv.Set("/release/tldr.zip", later)
	srv.Set("/release/tldr.sha256sums", fetchtest.SHA256Sums("tldr.zip", later))
	st, err := Get(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	snap := snapshot(t, opts.Dir)
	if _, ok := snap["pages/osx/pbcopy.md"]; ok {
		t.Error("a page the new archive dropped is still there")
	}
	if _, ok := snap["pages/linux/ip.md"]; !ok {
		t.Error("the new page is missing")
	}
	if !strings.Contains(snap["pages/common/du.md"], "Disk use.") {
		t.Errorf("du.md is %q", snap["pages/common/du.md"])
	}
	if !st.Date.Equal(built.Add(24 * time.Hour)) {
		t.Errorf("date %v", st.Date)
	}
	leftovers(t, filepath.Dir(opts.Dir))
}

// When the published checksum is the one of the pages there, for the
// same languages, nothing is downloaded; other languages are another
// unpacking.
func TestUpToDate(t *testing.T) {
	srv, opts := serve(t, mustZip(t, fixture(t)))
	first, err := Get(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, opts.Dir)
	st, err := Get(context.Background(), opts)
	if !errors.Is(err, ErrUpToDate) || st.SHA256 != first.SHA256 || !st.Fetched.Equal(first.Fetched) {
		t.Fatalf("err = %v, stamp %+v", err, st)
	}
	if n := srv.Hits("/release/tldr.zip"); n != 1 {
		t.Errorf("downloaded %d times", n)
	}
	if !maps.Equal(before, snapshot(t, opts.Dir)) {
		t.Error("the pages changed")
	}
	opts.Languages = []string{"de"}
	st, err = Get(context.Background(), opts)
	if err != nil || !slices.Equal(st.Languages, []string{"en", "de"}) {
		t.Fatalf("err = %v, languages %v", err, st.Languages)
	}
}

// Offline (nothing listens on the port): one line naming the URL and
// what failed; the old pages kept.
func TestOfflineKeepsPages(t *testing.T) {
	_, opts := serve(t, mustZip(t, fixture(t)))
	if _, err := Get(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, opts.Dir)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/tldr.zip"
	l.Close()
	opts.URL = closed
	_, err = Get(context.Background(), opts)
	if err == nil || !strings.HasPrefix(err.Error(), "cannot download http://"+l.Addr().String()+"/tldr.sha256sums: ") ||
		!strings.Contains(err.Error(), "refused") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v", err)
	}
	if !maps.Equal(before, snapshot(t, opts.Dir)) {
		t.Error("the pages changed")
	}
	leftovers(t, filepath.Dir(opts.Dir))
}

// A server that publishes no checksums (404, or 403 from a bucket that
// hides what it does not hold) is still used: the archive is checked by
// its own CRCs, and the stamp says it was not verified. A server in
// trouble is another matter.
func TestNoChecksumPublished(t *testing.T) {
	for _, code := range []int{http.StatusNotFound, http.StatusForbidden} {
		srv, opts := serve(t, mustZip(t, fixture(t)))
		srv.Fail("/release/tldr.sha256sums", code)
		st, err := Get(context.Background(), opts)
		if err != nil {
			t.Fatalf("%d: %v", code, err)
		}
		if st.Verified {
			t.Errorf("%d: verified without a checksum", code)
		}
	}
	srv, opts := serve(t, mustZip(t, fixture(t)))
	srv.Fail("/release/tldr.sha256sums", http.StatusBadGateway)
	_, err := Get(context.Background(), opts)
	if err == nil || err.Error() != srv.URL+"/release/tldr.sha256sums: the server answered 502 Bad Gateway" {
		t.Fatalf("err = %v", err)
	}
}

func TestNotFound(t *testing.T) {
	srv, opts := serve(t, nil)
	srv.Set("/release/tldr.zip", nil)
	_, err := Get(context.Background(), opts)
	if err == nil || err.Error() != opts.URL+": the server answered 404 Not Found" {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(opts.Dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s: %v", opts.Dir, err)
	}
}

// A server that stops sending is given up after Options.Stall, with the
// old pages kept.
func TestStalledDownload(t *testing.T) {
	archive := mustZip(t, fixture(t))
	srv, opts := serve(t, archive)
	srv.Hang("/release/tldr.zip", 100)
	opts.Stall = 200 * time.Millisecond
	_, err := Get(context.Background(), opts)
	if err == nil || err.Error() != opts.URL+": nothing came for 200ms: gave up" {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(opts.Dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s: %v", opts.Dir, err)
	}
	leftovers(t, filepath.Dir(opts.Dir))
}

// Cancelling (Ctrl-C) during the download leaves nothing behind.
func TestCancelLeavesNothing(t *testing.T) {
	srv, opts := serve(t, mustZip(t, fixture(t)))
	if _, err := Get(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, filepath.Dir(opts.Dir))
	srv.Set("/release/tldr.sha256sums", nil) // no checksum: nothing says it is up to date
	srv.Hang("/release/tldr.zip", 10)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-srv.Reached
		cancel()
	}()
	_, err := Get(ctx, opts)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if after := snapshot(t, filepath.Dir(opts.Dir)); !maps.Equal(before, after) {
		t.Errorf("changed:\nbefore %v\nafter  %v", names(before), names(after))
	}
}

// A folder how did not make is never replaced.
func TestUsersFolderKept(t *testing.T) {
	_, opts := serve(t, mustZip(t, fixture(t)))
	mine := filepath.Join(opts.Dir, "notes.md")
	os.MkdirAll(opts.Dir, 0o755)
	os.WriteFile(mine, []byte("mine"), 0o644)
	_, err := Get(context.Background(), opts)
	if !errors.Is(err, ErrNotGot) {
		t.Fatalf("err = %v", err)
	}
	if data, _ := os.ReadFile(mine); string(data) != "mine" {
		t.Error("the user's file changed")
	}
}

// A Get killed between the two renames of the swap left the old pages
// in its work folder and none in place: the next Get puts them back,
// even when it fails itself.
func TestRecoverAfterKilledSwap(t *testing.T) {
	srv, opts := serve(t, mustZip(t, fixture(t)))
	if _, err := Get(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, opts.Dir)
	work := filepath.Join(filepath.Dir(opts.Dir), ".tldr.get-123")
	os.Mkdir(work, 0o755)
	if err := os.Rename(opts.Dir, filepath.Join(work, "old")); err != nil {
		t.Fatal(err)
	}
	srv.Set("/release/tldr.zip", nil)
	if _, err := Get(context.Background(), opts); err == nil {
		t.Fatal("no error")
	}
	if !maps.Equal(before, snapshot(t, opts.Dir)) {
		t.Error("the old pages were not put back")
	}
	leftovers(t, filepath.Dir(opts.Dir))
}

// Two at once: the second says so at once rather than waiting or
// stepping on the first one's work.
func TestOneAtATime(t *testing.T) {
	_, opts := serve(t, mustZip(t, fixture(t)))
	os.MkdirAll(filepath.Dir(opts.Dir), 0o755)
	unlock, err := lock(filepath.Dir(opts.Dir), "tldr")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	_, err = Get(context.Background(), opts)
	if err == nil || !strings.Contains(err.Error(), "another how is getting the tldr") {
		t.Fatalf("err = %v", err)
	}
}

// An https URL is never followed to http; an http URL given explicitly
// (a mirror, a test) is used as it is.
func TestHTTPSNeverDowngrades(t *testing.T) {
	archive := mustZip(t, fixture(t))
	plain, _ := serve(t, archive)
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+"/release"+r.URL.Path, http.StatusFound)
	}))
	defer tlsSrv.Close()
	_, opts := serve(t, archive)
	opts.URL = tlsSrv.URL + "/tldr.zip"
	opts.Transport = tlsSrv.Client().Transport
	_, err := Get(context.Background(), opts)
	if err == nil || !strings.Contains(err.Error(), "which is not https: refused") {
		t.Fatalf("err = %v", err)
	}
	opts.URL = plain.URL + "/release/tldr.zip"
	if _, err := Get(context.Background(), opts); err != nil {
		t.Fatalf("explicit http: %v", err)
	}
}

func TestBadURL(t *testing.T) {
	for _, u := range []string{"ftp://example.org/tldr.zip", "file:///tmp/tldr.zip", "tldr.zip", "https://"} {
		opts := Options{Collection: Tldr, URL: u, Dir: filepath.Join(t.TempDir(), "tldr")}
		_, err := Get(context.Background(), opts)
		if err == nil || err.Error() != u+": not an http or https URL (from HOW_TLDR_URL)" {
			t.Errorf("%s: err = %v", u, err)
		}
	}
}

func TestFindSum(t *testing.T) {
	listing := "0000  tldr-pages.en.zip\n" + strings.Repeat("a", 64) + "  /home/runner/site/assets/tldr.zip\n" + strings.Repeat("b", 64) + " *index.json\n"
	if got := findSum([]byte(listing), "tldr.zip"); got != strings.Repeat("a", 64) {
		t.Errorf("tldr.zip: %q", got)
	}
	if got := findSum([]byte(listing), "index.json"); got != strings.Repeat("b", 64) {
		t.Errorf("index.json: %q", got)
	}
	if got := findSum([]byte(listing), "tldr-pages.en.zip"); got != "" {
		t.Errorf("a short sum taken: %q", got)
	}
}
