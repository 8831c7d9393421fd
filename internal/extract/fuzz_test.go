package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzText feeds the extractor arbitrary notes. Whatever the input, it must
// not panic or hang, and every snippet must be something a caller can
// trust: valid UTF-8, a command that is non-empty and appears in the note,
// and a line number inside it.
func FuzzText(f *testing.F) {
	notes, _ := filepath.Glob("testdata/notes/*")
	for _, n := range notes {
		if strings.HasSuffix(n, ".golden") {
			continue
		}
		if data, err := os.ReadFile(n); err == nil {
			f.Add(filepath.Base(n), data)
		}
	}
	f.Add("x.md", []byte("```\n$ ls -la\n```\n"))
	f.Add("x.txt", []byte("cat <<'EOF' | tee x\nbody\n"))
	f.Add("x.txt", []byte("psql -c \"\nSELECT 1;\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		snippets := Text(name, data)
		// Lines as an editor counts them: LF lines, or CR lines in a file
		// without an LF.
		lines := strings.Count(string(data), "\n") + 1
		if lines == 1 {
			lines = strings.Count(string(data), "\r") + 1
		}
		for _, s := range snippets {
			if s.Command == "" || strings.TrimSpace(s.Command) == "" {
				t.Fatalf("empty command from %q", data)
			}
			if !utf8.ValidString(s.Command) || !utf8.ValidString(s.Description) || !utf8.ValidString(s.Section) {
				t.Fatalf("invalid UTF-8 in %+v", s)
			}
			if s.Line < 1 || s.Line > lines {
				t.Fatalf("line %d outside a %d-line note", s.Line, lines)
			}
			if s.Source != name {
				t.Fatalf("source %q, want %q", s.Source, name)
			}
		}
	})
}
