package index

import (
	"errors"
	"reflect"
	"testing"

	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/vocab"
)

func TestMerge(t *testing.T) {
	s := func(cmd, desc, section, source string) snippet.Snippet {
		return snippet.Snippet{Command: cmd, Description: desc, Section: section, Source: source, Tool: "journalctl"}
	}
	in := []snippet.Snippet{
		s("journalctl -u nginx -f", "follow in real-time", "Reading Logs", "a.txt"),
		s("ls -la", "list all files", "Files", "a.txt"),
		s("journalctl  -u nginx \\\n -f", "follow logs in real-time (like tail -f)", "Checking Logs", "b.txt"),
		s("journalctl -u nginx -f", "Checking Logs", "Checking Logs", "c.txt"),
		s("journalctl -u nginx -f", "", "", "d.txt"),
		s("   ", "blank command", "", "e.txt"),
	}
	got := Merge(in)
	if len(got) != 2 {
		t.Fatalf("Merge made %d entries, want 2: %+v", len(got), got)
	}
	j := got[0]
	if j.Snippet.Source != "b.txt" {
		t.Errorf("shown occurrence is from %s (%q), want the most informative one from b.txt", j.Snippet.Source, j.Snippet.Description)
	}
	var also []string
	for _, a := range j.Also {
		also = append(also, a.Source)
	}
	if want := []string{"a.txt", "c.txt", "d.txt"}; !reflect.DeepEqual(also, want) {
		t.Errorf("Also = %v, want %v", also, want)
	}
	descs := j.distinct(func(s *snippet.Snippet) []string { return []string{s.Description} })
	if want := []string{"follow logs in real-time (like tail -f)", "follow in real-time", "Checking Logs"}; !reflect.DeepEqual(descs, want) {
		t.Errorf("descriptions = %q, want %q", descs, want)
	}
	if got[1].Snippet.Command != "ls -la" || len(got[1].Also) != 0 {
		t.Errorf("second entry = %+v", got[1])
	}
	if !j.Familiar {
		t.Error("journalctl is in the tool list, yet its entry is not familiar")
	}
	odd := Merge([]snippet.Snippet{{Command: "git undo", Tool: "git"}, {Command: "frobnicate --all", Tool: "frobnicate"}})
	for _, e := range odd {
		if e.Familiar {
			t.Errorf("%q is familiar: neither a known git subcommand nor a known program", e.Snippet.Command)
		}
	}
}

func TestDescriptionScore(t *testing.T) {
	better := []struct{ a, b snippet.Snippet }{
		{snippet.Snippet{Description: "follow logs"}, snippet.Snippet{Description: ""}},
		{snippet.Snippet{Description: "follow logs in real-time"}, snippet.Snippet{Description: "follow"}},
		{snippet.Snippet{Description: "start and rebuild images"}, snippet.Snippet{Description: "We run it with:"}},
		{snippet.Snippet{Description: "logs", Section: "Docker"}, snippet.Snippet{Description: "Docker", Section: "Docker"}},
	}
	for _, c := range better {
		if descriptionScore(&c.a) <= descriptionScore(&c.b) {
			t.Errorf("%q should beat %q", c.a.Description, c.b.Description)
		}
	}
}

func TestEntryEncoding(t *testing.T) {
	e := Entry{
		Snippet: snippet.Snippet{Command: "tar -xzf a.tgz", Description: "extract", Tool: "tar",
			Tags: []string{"files", "ärchive"}, Section: "Files", Source: "n.md", Line: 42, Origin: snippet.OriginNotes},
		Also: []snippet.Snippet{{Command: "tar -xzf a.tgz", Source: "m.md", Line: 7, Origin: snippet.OriginTldr,
			Indexed: &snippet.Indexed{Head: "tar -xzf", Body: "a.tgz", Spelled: "tar -xzf a.tgz", Platform: "osx", Topics: []string{"archives"}}}},
		Platform: "osx", Position: 3, family: "debian",
		use:     vocab.PipeUse{Parsed: true, Pipeline: true, First: "tar", Later: []string{"wc"}, Operands: []int{1}},
		lengths: docLengths{3, 0, 5},
	}
	for _, shown := range []int{0, 1} {
		for _, familiar := range []bool{false, true} {
			e.Familiar, e.Listed, e.shown = familiar, !familiar, shown
			got, err := decodeEntry(e.encode())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, e) {
				t.Errorf("round trip:\n got %+v\nwant %+v", got, e)
			}
		}
	}
	// The occurrences keep their order, whichever is shown.
	if occ := e.occurrences(); occ[0].Source != "m.md" || occ[1].Source != "n.md" {
		t.Errorf("occurrences %+v", occ)
	}
	enc := e.encode()
	for _, bad := range [][]byte{nil, {0}, {entryFormat}, {entryFormat, 0}, enc[:len(enc)/2], append([]byte{9}, enc[1:]...), append(enc, 0)} {
		if _, err := decodeEntry(bad); err == nil || !errors.Is(err, ErrDamaged) {
			t.Errorf("decodeEntry(%q) = %v, want damage", bad, err)
		}
	}
}
