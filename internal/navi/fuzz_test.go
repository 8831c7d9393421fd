package navi

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// FuzzParse feeds Parse arbitrary cheats. Beyond not panicking: every
// item has a description and a command; suggestion sources belong to a
// snippet and name one of its placeholders; problems name a line of the
// input and fit on one line.
func FuzzParse(f *testing.F) {
	inputs, _ := filepath.Glob(filepath.Join("testdata", "parse", "*.cheat*"))
	for _, in := range inputs {
		if strings.HasSuffix(in, ".golden") {
			continue
		}
		if data, err := os.ReadFile(in); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, problems := Parse("fuzz.cheat", data)
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, p := range problems {
			if p.Line < 1 || p.Line > lines {
				t.Fatalf("problem on line %d of a %d-line input: %v", p.Line, lines, p)
			}
			if strings.ContainsAny(p.Msg, "\n\r") {
				t.Fatalf("problem spans lines: %q", p.Msg)
			}
		}
		byLine := map[int]int{}
		for i, s := range file.Snippets {
			if s.Description == "" || strings.TrimSpace(s.Command) == "" {
				t.Fatalf("item without description or command: %+v", s)
			}
			if s.Line < 1 || s.Line > lines {
				t.Fatalf("snippet on line %d of %d", s.Line, lines)
			}
			if _, dup := byLine[s.Line]; dup {
				t.Fatalf("two snippets on line %d", s.Line)
			}
			byLine[s.Line] = i
		}
		for line, vars := range file.Vars {
			i, ok := byLine[line]
			if !ok {
				t.Fatalf("vars for line %d, where no snippet starts", line)
			}
			names := Placeholders(file.Snippets[i].Command)
			for _, v := range vars {
				if !slices.Contains(names, v.Name) {
					t.Fatalf("var %q is not a placeholder of %q", v.Name, file.Snippets[i].Command)
				}
			}
		}
	})
}
