package extract

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/howcli/how/internal/testfiles"
)

// TestGolden extracts each note in testdata/ (one per style of note) and
// compares the snippets, as JSON Lines, with the note's .golden file.
func TestGolden(t *testing.T) {
	notes, err := filepath.Glob("testdata/notes/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, note := range notes {
		if strings.HasSuffix(note, ".golden") {
			continue
		}
		t.Run(filepath.Base(note), func(t *testing.T) {
			data, err := os.ReadFile(note)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			enc := json.NewEncoder(&got)
			enc.SetEscapeHTML(false)
			for _, s := range Text(filepath.Base(note), data) {
				if err := enc.Encode(s); err != nil {
					t.Fatal(err)
				}
			}
			testfiles.Golden(t, note+".golden", got.String())
		})
	}
}

// TestCarriageReturns: line numbers are an editor's. A lone CR among LF
// lines is a stray character on its line, not a line of its own (the
// snippet below it stays on line 3); a file of CR lines alone (classic
// Mac OS) is read line by line.
func TestCarriageReturns(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       map[string]int
	}{
		{"lone CR", "# notes\rmore\n\n    systemctl restart nginx   # restart it\n", map[string]int{"systemctl restart nginx": 3}},
		{"CRLF", "# notes\r\n\r\n    systemctl restart nginx   # restart it\r\n", map[string]int{"systemctl restart nginx": 3}},
		{"CR only", "# notes\r\r    systemctl restart nginx   # restart it\r", map[string]int{"systemctl restart nginx": 3}},
	} {
		got := map[string]int{}
		for _, s := range Text("n.txt", []byte(tc.text)) {
			got[s.Command] = s.Line
		}
		for cmd, line := range tc.want {
			if got[cmd] != line {
				t.Errorf("%s: %q at line %d, want %d (got %v)", tc.name, cmd, got[cmd], line, got)
			}
		}
	}
}
