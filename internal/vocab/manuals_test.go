package vocab

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"
)

// TestManuals reads NAME lines from man(7) and mdoc(7) pages, gzipped or
// not, in sections 1 and 8, and finds nothing for a program without one.
func TestManuals(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string, gz bool) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		data := []byte(text)
		if gz {
			var b bytes.Buffer
			z := gzip.NewWriter(&b)
			z.Write(data)
			z.Close()
			data = b.Bytes()
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("man1/df.1.gz", ".TH DF 1\n.SH NAME\ndf \\- report file system disk space usage\n.SH SYNOPSIS\n.B df\n", true)
	write("man8/useradd.8", ".TH USERADD 8\n.SH \"NAME\"\nuseradd \\- create a new user or update default new user information\n.SH \"SYNOPSIS\"\n", false)
	write("man1/pwgen.1.gz", ".Dd 2024\n.Dt PWGEN 1\n.Sh NAME\n.Nm pwgen\n.Nd generate pronounceable passwords\n.Sh SYNOPSIS\n", true)
	write("man1/broken.1.gz", "not gzip at all", false)
	write("man1/prose.1", ".SH NAME\nno dash here at all\n", false)
	m := Manuals(root)
	for program, want := range map[string]string{
		"df":      "report file system disk space usage",
		"useradd": "create a new user or update default new user information",
		"pwgen":   "generate pronounceable passwords",
		"broken":  "",
		"prose":   "",
		"absent":  "",
		"../df":   "",
	} {
		if got := m(program); got != want {
			t.Errorf("manual of %q: %q, want %q", program, got, want)
		}
	}
}
