package source

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzParseFile feeds format detection and every importer arbitrary files
// under names and hints of every kind. Beyond not panicking: the format is
// one there is, the answer does not change when asked twice, and problems
// fit on one line.
func FuzzParseFile(f *testing.F) {
	for _, s := range []string{tldrPage, ourSheet, naviCheat, cheatSheet, bareSheet, markdownDoc, proseNote, "x"} {
		for _, name := range []string{"pages/linux/x.md", "cheats/x", "x.cheat", "notes.txt"} {
			f.Add([]byte(s), name, uint8(0))
		}
	}
	f.Add([]byte(cheatSheet), "cheats/x", uint8(2))
	f.Add([]byte(tldrPage), "pages/common/x.md", uint8(1))
	hints := []Format{"", FormatTldr, FormatCheat, FormatNavi}
	f.Fuzz(func(t *testing.T, data []byte, name string, hint uint8) {
		h := Hint{Format: hints[int(hint)%len(hints)], Name: name}
		p := ParseFile(name, data, h)
		switch p.Format {
		case FormatNotes, FormatTldr, FormatSheet, FormatCheat, FormatNavi:
		default:
			t.Fatalf("format %q", p.Format)
		}
		again := ParseFile(name, bytes.Clone(data), h)
		if again.Format != p.Format || len(again.Snippets) != len(p.Snippets) || again.Lines != p.Lines {
			t.Fatalf("not deterministic: %s/%d vs %s/%d", p.Format, len(p.Snippets), again.Format, len(again.Snippets))
		}
		for _, pr := range p.Problems {
			if strings.ContainsAny(pr, "\n\r") {
				t.Fatalf("problem spans lines: %q", pr)
			}
		}
		if p.Format != FormatNotes && p.Page == nil {
			t.Fatalf("%s without page facts", p.Format)
		}
	})
}
