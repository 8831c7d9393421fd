package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadFileRefuses(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: 50 MB on paper, nothing on disk; the size check must come
	// before any reading.
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()

	tests := []struct {
		name string
		path string
		want error
		says string
	}{
		{"directory", dir, ErrIsDir, "is a directory"},
		{"missing", filepath.Join(dir, "nope.txt"), fs.ErrNotExist, "no such file"},
		{"too large", big, ErrTooLarge, "50.0 MiB, over the 10.0 MiB limit"},
		{"empty", write(t, filepath.Join(dir, "empty.txt"), ""), ErrEmpty, "is empty"},
		{"blank", write(t, filepath.Join(dir, "blank.txt"), " \n\t\n"), ErrEmpty, "is empty"},
		{"NUL bytes", write(t, filepath.Join(dir, "a.bin"), "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00 text"), ErrBinary, "NUL bytes"},
		{"control bytes", write(t, filepath.Join(dir, "c.bin"), strings.Repeat("\x01\x02\x03a", 100)), ErrBinary, "control bytes"},
		{"UTF-16", write(t, filepath.Join(dir, "u16.txt"), "\xff\xfeh\x00i\x00"), ErrUTF16, "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, _, err := ReadFile(tt.path)
			if err == nil {
				t.Fatalf("ReadFile(%s) = %q, want an error", tt.path, data)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v is not %v", err, tt.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.path+": ") || strings.Contains(msg, "\n") || !strings.Contains(msg, tt.says) {
				t.Errorf("error %q: want one line starting with the path and saying %q", msg, tt.says)
			}
		})
	}
}

func TestReadFileText(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content, want string
		warnLine            int
	}{
		{"plain", "ls -la\n", "ls -la\n", 0},
		{"BOM", "\xef\xbb\xbfls\n", "ls\n", 0},
		{"CRLF", "a\r\nb\r\n", "a\nb\n", 0},
		{"invalid UTF-8", "ok\nok\nbad \xff\xfe here\nbad \xc3\n", "ok\nok\nbad \uFFFD here\nbad \uFFFD\n", 3},
		{"escape sequences are text", "echo \x1b[31mred\n", "echo \x1b[31mred\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, filepath.Join(dir, tt.name+".txt"), tt.content)
			data, warnings, err := ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if string(data) != tt.want {
				t.Errorf("text %q, want %q", data, tt.want)
			}
			switch {
			case tt.warnLine == 0 && len(warnings) > 0:
				t.Errorf("unexpected warnings %v", warnings)
			case tt.warnLine > 0 && (len(warnings) != 1 || warnings[0].Line != tt.warnLine || warnings[0].Path != p):
				t.Errorf("warnings %v, want one for %s line %d", warnings, p, tt.warnLine)
			}
			for _, w := range warnings {
				if s := w.String(); !strings.HasPrefix(s, p+":") || strings.Contains(s, "\n") {
					t.Errorf("warning %q does not name the file on one line", s)
				}
			}
		})
	}
}

// A note with a few stray NUL bytes is read without them, with a warning
// naming the line of the first.
func TestDecodeStrayNUL(t *testing.T) {
	data, warnings, err := Decode("n.txt", []byte("ls -la   # list\ndf -h \x00  # free\x00 space\n"))
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != "ls -la   # list\ndf -h   # free space\n" {
		t.Errorf("text %q", data)
	}
	if len(warnings) != 1 || warnings[0].Line != 2 || !strings.Contains(warnings[0].Msg, "2 NUL bytes removed") {
		t.Errorf("warnings %+v", warnings)
	}
}
