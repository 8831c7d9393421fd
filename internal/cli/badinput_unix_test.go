//go:build unix

package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInput indexes a notes folder of real bad files beside good ones.
// Each bad file gets one warning line naming it when the index is built,
// the good commands (including those in the files that are merely odd:
// CRLF, a BOM, mojibake, stray NUL bytes, invalid UTF-8, 50,000 lines) are
// all found, and the next query is silent.
func TestBadInput(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 100 MB sparse file and a 50,000-line note")
	}
	t.Parallel()
	s := newSandbox(t)
	if os.Getuid() == 0 {
		// Root reads anything: run how as nobody, so that the unreadable
		// file is.
		asNobody(t, s)
	}
	n := s.notes
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(n, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	elf := append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 4096)...)
	write("binary.txt", elf)
	huge, err := os.Create(filepath.Join(n, "huge.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := huge.Truncate(100 << 20); err != nil { // sparse: costs no disk
		t.Fatal(err)
	}
	huge.Close()
	write("latin1.txt", []byte("rsync -avz src/ mirror:dst/   # mirror the caf\xe9 folder\n"))
	write("nul.txt", []byte("df -h \x00  # free disk space\x00\n"))
	write("crlf.txt", []byte("du -sh /var/*   # biggest folders\r\nuptime   # load average\r\n"))
	write("bom.txt", []byte("\xef\xbb\xbfps aux --sort=-%mem   # processes by memory\n"))
	write("mojibake.txt", []byte("เธ—เธ” โ tips ๐Ÿš€\n\nlsblk -f   # list filesystems ๏ธ\n"))
	write("empty.txt", nil)
	if err := os.Symlink(".", filepath.Join(n, "loop")); err != nil {
		t.Fatal(err)
	}
	// A file deleted while the folder is walked leaves a link to nothing.
	if err := os.Symlink(filepath.Join(n, "deleted.txt"), filepath.Join(n, "gone.txt")); err != nil {
		t.Fatal(err)
	}
	write("unreadable.txt", []byte("lsof -i :22   # who holds ssh\n"))
	if err := os.Chmod(filepath.Join(n, "unreadable.txt"), 0); err != nil {
		t.Fatal(err)
	}
	var big strings.Builder
	for i := range 50000 {
		if i%500 == 0 {
			fmt.Fprintf(&big, "iptables -L INPUT%05d -n -v   # rules of chain %d\n", i, i)
		} else {
			fmt.Fprintf(&big, "Line %d of a long runbook, nothing to see here.\n", i)
		}
	}
	write("long.txt", []byte(big.String()))

	r := s.run("-n", "1", "free", "disk", "space")
	if r.code != 0 || r.stdout != "df -h\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
	for _, bad := range []string{"binary.txt", "huge.md", "latin1.txt", "nul.txt", "empty.txt", "loop", "gone.txt", "unreadable.txt"} {
		found := 0
		for _, l := range lines {
			if strings.HasPrefix(l, "how: warning: "+filepath.Join(n, bad)+":") {
				found++
			}
		}
		if found != 1 {
			t.Errorf("%s: %d warning lines, want 1; stderr:\n%s", bad, found, r.stderr)
		}
	}
	for _, fine := range []string{"crlf.txt", "bom.txt", "mojibake.txt", "long.txt"} {
		if strings.Contains(r.stderr, fine) {
			t.Errorf("%s is fine but got a warning:\n%s", fine, r.stderr)
		}
	}
	for _, q := range []struct{ query, want string }{
		{"mirror cafe folder", "rsync -avz src/ mirror:dst/"},
		{"biggest folders", "du -sh /var/*"},
		{"load average", "uptime"},
		{"processes by memory", "ps aux --sort=-%mem"},
		{"list filesystems", "lsblk -f"},
		{"rules of chain 49500", "iptables -L INPUT49500 -n -v"},
	} {
		r := s.run(append([]string{"-n", "1"}, strings.Fields(q.query)...)...)
		if r.code != 0 || r.stdout != q.want+"\n" {
			t.Errorf("%q: exit %d, stdout %q; want %q", q.query, r.code, r.stdout, q.want)
		}
		if r.stderr != "" {
			t.Errorf("%q: the index is built; stderr %q", q.query, r.stderr)
		}
	}
}
