package search

import (
	"context"
	"strings"
	"testing"

	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
)

// bundledSnippets are the sheets built into how.
func bundledSnippets(t *testing.T) []snippet.Snippet {
	t.Helper()
	snips, _, err := source.New(source.Options{}).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return snips
}

// TestReadmeHeredoc: README's `how -0 heredoc` finds the commands that
// carry a heredoc, though no description says the word: the shell's name
// for << is indexed with the command.
func TestReadmeHeredoc(t *testing.T) {
	ix := buildIndex(t, bundledSnippets(t))
	res, err := Run(ix, Query{Words: []string{"heredoc"}, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 {
		t.Fatal("heredoc finds nothing")
	}
	for _, r := range res {
		if head, _, _ := strings.Cut(r.Command, "\n"); !strings.Contains(head, "<<") {
			t.Errorf("heredoc found %q, which carries none", head)
		}
	}
}

// TestReadmeTarExtract: README's old `how -n 1 tar extract archive` gave
// a docker volume backup that merely runs tar: the bundled sheets hold no
// tar extraction, and a result that answers a third of the question is
// none. Where a tar extraction is written down, it comes first.
func TestReadmeTarExtract(t *testing.T) {
	snips := bundledSnippets(t)
	q := Query{Words: []string{"tar", "extract", "archive"}, Limit: 1}
	res, err := Run(buildIndex(t, snips), q)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) > 0 {
		t.Errorf("the bundled sheets answer %q with %q", q.Words, res[0].Command)
	}
	snips = append(snips, snippet.Snippet{Command: "tar -xzvf backup.tar.gz", Description: "Extract a gzipped archive",
		Tool: "tar", Source: "notes/files.md", Line: 3, Origin: snippet.OriginNotes})
	res, err = Run(buildIndex(t, snips), q)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 || res[0].Command != "tar -xzvf backup.tar.gz" {
		t.Errorf("with a tar extraction written down, %q gives %q", q.Words, commands(res))
	}
}
