//go:build unix

package cli_test

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/howcli/how/internal/fetch/fetchtest"
)

// TestGetInterruptedKeepsPages: Ctrl-C (SIGINT) while `how sources
// --update` downloads a new release exits 130 and leaves the data folder
// exactly as it was: the old pages, no half-written new ones, nothing
// beside them. The signal is sent once the server has sent the first
// bytes and holds the rest back, so the download is surely under way.
func TestGetInterruptedKeepsPages(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	s := newSandbox(t)
	data := filepath.Join(s.root, "data")
	s.setenv("HOW_DATA_DIR", data)
	s.setenv("LANG", "C")
	s.setenv("LANGUAGE", "")
	page := func(name string) fetchtest.Entry {
		return fetchtest.Entry{Name: "pages/common/" + name + ".md", Data: []byte("# " + name + "\n\n> A tool.\n\n- Run it:\n\n`" + name + " --all`\n")}
	}
	licence := fetchtest.Entry{Name: "LICENSE.md", Data: []byte("Creative Commons Attribution 4.0 International\n")}
	srv := fetchtest.NewServer(t)
	first, err := fetchtest.Zip([]fetchtest.Entry{licence, page("alpha")}, time.Date(2026, 8, 22, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	srv.Set("/tldr.zip", first)
	s.setenv("HOW_TLDR_URL", srv.URL+"/tldr.zip")
	if r := s.run("sources", "--get", "tldr"); r.code != 0 {
		t.Fatalf("get: exit %d, stderr %q", r.code, r.stderr)
	}
	before := tree(t, data)

	second, err := fetchtest.Zip([]fetchtest.Entry{licence, page("alpha"), page("beta")}, time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	srv.Set("/tldr.zip", second)
	srv.Hang("/tldr.zip", len(second)/2)
	cmd := s.command("sources", "--update")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-srv.Reached:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("the download never started; stderr %q", stderr.String())
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
	err = cmd.Wait()
	timer.Stop()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Errorf("interrupted: %v, want exit status 130; stderr %q", err, stderr.String())
	}
	if after := tree(t, data); after != before {
		t.Errorf("the data folder changed:\nbefore\n%s\nafter\n%s", before, after)
	}
}

// tree lists every path below dir with its content, one per line.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel)
		if !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b.WriteString(" " + string(data))
		}
		b.WriteString("\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
