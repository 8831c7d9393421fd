package cheat

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds Parse arbitrary sheets. Beyond not panicking: every
// command line lands in exactly one snippet or is skipped, so the
// snippets' lines add up to Lines; snippets come in file order; problems
// name a line of the input and fit on one line.
func FuzzParse(f *testing.F) {
	ents, _ := os.ReadDir(filepath.Join("testdata", "parse"))
	for _, e := range ents {
		if filepath.Ext(e.Name()) == "" {
			if data, err := os.ReadFile(filepath.Join("testdata", "parse", e.Name())); err == nil {
				f.Add(data, e.Name())
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, title string) {
		s, problems := Parse("fuzz", title, data)
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, p := range problems {
			if p.Line < 0 || p.Line > lines {
				t.Fatalf("problem on line %d of a %d-line input: %v", p.Line, lines, p)
			}
			if strings.ContainsAny(p.Msg, "\n\r") {
				t.Fatalf("problem spans lines: %q", p.Msg)
			}
		}
		n, last := 0, 0
		for _, sn := range s.Snippets {
			if strings.TrimSpace(sn.Command) == "" {
				t.Fatalf("blank command: %+v", sn)
			}
			if sn.Line <= last || sn.Line > lines {
				t.Fatalf("snippet on line %d after line %d (input has %d)", sn.Line, last, lines)
			}
			last = sn.Line
			n += strings.Count(sn.Command, "\n") + 1
		}
		if n != s.Lines {
			t.Fatalf("snippets span %d lines, sheet counts %d", n, s.Lines)
		}
		if s.Blocks > s.Lines+s.SkippedLines || len(s.Snippets)+s.Skipped < s.Blocks || s.Skipped > s.SkippedLines {
			t.Fatalf("%d blocks, %d lines, %d snippets, %d skipped (%d lines)", s.Blocks, s.Lines, len(s.Snippets), s.Skipped, s.SkippedLines)
		}
	})
}

// BenchmarkParsePathological: sheets that keep the shell parser waiting
// line after line. The parser's budget keeps each within a few times a
// normal sheet's cost (before it, the first took half a minute).
func BenchmarkParsePathological(b *testing.B) {
	for name, text := range map[string]string{
		"unfinished loops":  strings.Repeat("for x in y; do\n", 3000),
		"comments in loop":  "for x in y; do\n" + strings.Repeat("# c\n  # c\n", 3000),
		"heredoc comments":  "cat <<EOF\n" + strings.Repeat("# c\n", 5000),
		"unbalanced quotes": strings.Repeat("echo 'a\n", 3000),
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Parse("x", "x", []byte(text))
			}
		})
	}
}
