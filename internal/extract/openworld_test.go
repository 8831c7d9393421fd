package extract_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/howcli/how/internal/extract"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
	"github.com/howcli/how/internal/testfiles"
)

// openWorld holds notes about a team's own tools in several formats,
// labelled by hand before extraction was tuned for them (its README.md
// says how). Every other file in the folder is a note.
const openWorld = "testdata/openworld"

// openWorldBar is what each split must reach, precision and core recall
// alike (DESIGN.md, quality bars).
const openWorldBar = 0.95

// openWorldNotes returns the set's labels by note, after checking that
// every note is labelled, in one split, and where its labels say.
func openWorldNotes(t *testing.T) map[string][]extract.Label {
	t.Helper()
	labels, err := testfiles.JSONL[extract.Label](t, filepath.Join(openWorld, "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	byNote := map[string][]extract.Label{}
	for _, l := range labels {
		byNote[l.Note] = append(byNote[l.Note], l)
	}
	entries, err := os.ReadDir(openWorld)
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]bool{}
	for _, e := range entries {
		if name := e.Name(); name != "README.md" && name != "gold.jsonl" {
			notes[name] = true
		}
	}
	for note, ls := range byNote {
		if !notes[note] {
			t.Errorf("gold.jsonl labels %q, which is not in %s", note, openWorld)
			continue
		}
		data, err := os.ReadFile(filepath.Join(openWorld, note))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range ls {
			if l.Split != ls[0].Split || l.Split != "dev" && l.Split != "test" {
				t.Errorf("%s:%d: split %q (the note's first label says %q; splits are dev and test)", note, l.Line, l.Split, ls[0].Split)
			}
			if err := l.StartsIn(data); err != nil {
				t.Errorf("%s: %v", note, err)
			}
		}
	}
	for note := range notes {
		if len(byNote[note]) == 0 {
			t.Errorf("%s/%s has no labels in gold.jsonl", openWorld, note)
		}
	}
	return byNote
}

// TestOpenWorld measures extraction on the open-world set, each note read
// as `how extract FILE` reads it, and reports precision and core recall
// per note and per split. Only the dev split's mistakes are logged: the
// test split is for measuring, not for reading until the work is done.
func TestOpenWorld(t *testing.T) {
	byNote := openWorldNotes(t)
	if t.Failed() {
		t.FailNow()
	}
	names := make([]string, 0, len(byNote))
	for note := range byNote {
		names = append(names, note)
	}
	slices.Sort(names)
	splits := map[string]*extract.Tally{"dev": {}, "test": {}}
	for _, split := range []string{"dev", "test"} {
		for _, note := range names {
			labels := byNote[note]
			if labels[0].Split != split {
				continue
			}
			got := extract.Score(labels, readNote(t, filepath.Join(openWorld, note)))
			t.Logf("%-4s %-20s %v", split, note, got)
			if split == "dev" {
				got.Log(t)
			}
			splits[split].Add(got)
		}
	}
	for _, split := range []string{"dev", "test"} {
		got := splits[split]
		t.Logf("%-4s %-20s %v", split, "(all)", got)
		if got.Precision() < openWorldBar || got.Recall() < openWorldBar {
			t.Errorf("%s split below the bar: precision %.3f, core recall %.3f (both must be >= %.2f)",
				split, got.Precision(), got.Recall(), openWorldBar)
		}
	}
}

// readNote is `how extract FILE` without the printing: a note that cannot
// be read yields nothing, so its labels count as missed.
func readNote(t *testing.T, path string) []snippet.Snippet {
	data, _, err := source.ReadFile(path)
	if err != nil {
		t.Logf("%v (its commands count as missed)", err)
		return nil
	}
	snips, _, _ := source.Parse(path, data)
	return snips
}
