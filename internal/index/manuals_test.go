package index

import (
	"testing"

	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/vocab"
)

// TestManualsFeedUnknownPrograms: a program the tool list does not know
// gets its manual's NAME line as tool knowledge; one it knows keeps the
// list's words, and its manual is not even read.
func TestManualsFeedUnknownPrograms(t *testing.T) {
	tools := vocab.NewTools(DefaultKnowledge().Tools)
	var asked []string
	manuals := func(p string) string {
		asked = append(asked, p)
		return map[string]string{"frobctl": "rotate the frobnication keys"}[p]
	}
	entries := []Entry{
		{Snippet: snippet.Snippet{Command: "frobctl rotate", Tool: "frobctl"}},
		{Snippet: snippet.Snippet{Command: "frobctl list", Tool: "frobctl"}},
		{Snippet: snippet.Snippet{Command: "df -h", Tool: "df"}},
	}
	got := manualsOf(entries, tools, manuals)
	if got["frobctl"] != "rotate the frobnication keys" || len(asked) != 1 || asked[0] != "frobctl" {
		t.Errorf("manuals %q, asked for %q; want frobctl's, asked once", got, asked)
	}
	if manualsOf(entries, tools, nil) != nil {
		t.Error("without manuals, something was looked up")
	}
}
