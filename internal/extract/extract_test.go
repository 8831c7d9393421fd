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
