package sheet

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/howcli/how/internal/snippet"
)

// FuzzParse feeds Parse arbitrary bytes. Beyond not panicking, whatever it
// reads must survive being written as sheets and read again: that is the
// property `make sheets` and `how extract -o` rely on.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "parse", "*.md"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	for _, p := range Pages(tricky) {
		f.Add(p.Data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		page, problems := ParsePage("pages/common/fuzz.md", data)
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, p := range problems {
			if p.Line < 0 || p.Line > lines {
				t.Fatalf("problem on line %d of a %d-line input: %v", p.Line, lines, p)
			}
			if strings.ContainsAny(p.Msg, "\n\r") {
				t.Fatalf("problem spans lines: %q", p.Msg)
			}
		}
		if len(page.Snippets) == 0 {
			return
		}
		var again []snippet.Snippet
		for _, file := range Pages(page.Snippets) {
			p2, probs := ParsePage(file.Name, file.Data)
			if len(probs) > 0 {
				t.Fatalf("a page we wrote has problems %v:\n%s", probs, file.Data)
			}
			again = append(again, p2.Snippets...)
		}
		if want, got := normalize(page.Snippets), normalize(again); !reflect.DeepEqual(want, got) {
			t.Fatalf("round trip changed snippets:\nwant %#v\n got %#v", want, got)
		}
	})
}
