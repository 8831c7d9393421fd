package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

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
			golden := note + ".golden"
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/extract -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("extraction of %s changed (go test ./internal/extract -update accepts it):\n%s",
					note, lineDiff(string(want), got.String()))
			}
		})
	}
}

// lineDiff shows the lines only one side has, enough to see what changed.
func lineDiff(want, got string) string {
	w := map[string]bool{}
	for _, l := range strings.Split(want, "\n") {
		w[l] = true
	}
	g := map[string]bool{}
	for _, l := range strings.Split(got, "\n") {
		g[l] = true
	}
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}
