package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/howcli/how/internal/fetch/fetchtest"
)

// TestGetSharedTldr: the real tldr pages (../shared/corpora/tldr, zipped
// as the tldr-pages project zips its release), got by how sources --get
// tldr from a server on loopback, are every English page of the
// snapshot, read as a tldr collection under its CC-BY-4.0 licence, with
// the date of the archive.
func TestGetSharedTldr(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	root := filepath.Join(corporaDir, "tldr")
	if _, err := os.Stat(root); err != nil {
		t.Skip("no ../shared/corpora/tldr")
	}
	entries, err := fetchtest.Tree(root, "")
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name, "pages/") && strings.HasSuffix(e.Name, ".md") {
			pages++
		}
	}
	archive, err := fetchtest.Zip(entries, time.Date(2026, 8, 22, 7, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	srv := fetchtest.NewServer(t)
	srv.Set("/tldr.zip", archive)
	srv.Set("/tldr.sha256sums", fetchtest.SHA256Sums("tldr.zip", archive))

	s := newSandbox(t)
	s.setenv("HOW_PATH", "")
	s.setenv("HOW_DATA_DIR", filepath.Join(s.root, "data"))
	s.setenv("HOW_TLDR_URL", srv.URL+"/tldr.zip")
	s.setenv("LANG", "C")
	s.setenv("LANGUAGE", "")
	r := s.run("sources", "--get", "tldr")
	m := regexp.MustCompile(`\Ahow: got ([0-9,]+) tldr pages of 2026-08-22 in .* \(CC-BY-4\.0, tldr-pages team\)\n`).FindStringSubmatch(r.stderr)
	if r.code != 0 || m == nil || strings.ReplaceAll(m[1], ",", "") != strconv.Itoa(pages) {
		t.Fatalf("exit %d, stderr %q; want %d pages got", r.code, r.stderr, pages)
	}
	r = s.run("sources", "--json")
	var out struct {
		Collections []struct {
			Path, License, LicenseHolder string
			Files                        int
			Got                          *struct {
				Date     time.Time
				Verified bool
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v: %q", err, r.stdout)
	}
	if len(out.Collections) != 1 {
		t.Fatalf("collections %+v", out.Collections)
	}
	c := out.Collections[0]
	if c.Path != filepath.Join(s.root, "data", "tldr") || c.License != "CC-BY-4.0" || c.Files != pages ||
		c.Got == nil || !c.Got.Verified || !c.Got.Date.Equal(time.Date(2026, 8, 22, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("collection %+v (got %+v), want %d files", c, c.Got, pages)
	}
}
