package sheet

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/howcli/how/internal/snippet"
)

// personalRoundTrip appends entries to a personal sheet and reads it back:
// every command, description, tool and tag comes back as it was given,
// each at the line its command is on, and the page has no problems.
func personalRoundTrip(t *testing.T, snips []snippet.Snippet) {
	t.Helper()
	data := PersonalHeader()
	for _, s := range snips {
		data = append(data, PersonalEntry(s)...)
	}
	page, problems := ParsePage("personal.md", data)
	if len(problems) > 0 {
		t.Fatalf("problems %v in\n%s", problems, data)
	}
	if page.Title != PersonalTitle || len(page.Snippets) != len(snips) {
		t.Fatalf("title %q, %d snippets, want %d, in\n%s", page.Title, len(page.Snippets), len(snips), data)
	}
	lines := bytes.Split(data, []byte("\n"))
	for i, want := range snips {
		got := page.Snippets[i]
		// Tags are words: blank ones are dropped, spaces around them trimmed.
		var wantTags []string
		for _, tag := range want.Tags {
			if tag = strings.TrimSpace(tag); tag != "" {
				wantTags = append(wantTags, tag)
			}
		}
		if got.Command != want.Command || got.Description != want.Description || got.Tool != want.Tool || !slices.Equal(got.Tags, wantTags) {
			t.Errorf("entry %d: got %+v\nwant %+v", i, got, want)
		}
		if got.Source != "personal.md" || got.Line < 1 || got.Line > len(lines) {
			t.Errorf("entry %d: at %s:%d", i, got.Source, got.Line)
		} else if l := lines[got.Line-1]; !bytes.Contains(l, []byte("`")) && !bytes.Contains(lines[got.Line-2], []byte("```")) {
			// An inline command's line, or the first of a fenced one.
			t.Errorf("entry %d: line %d is %q, not the command", i, got.Line, l)
		}
	}
}

func TestPersonalEntry(t *testing.T) {
	personalRoundTrip(t, []snippet.Snippet{
		{Command: "tar xzf archive.tar.gz", Description: "Extract a gzipped archive", Tool: "tar", Tags: []string{"archive", "gz"}},
		{Command: "kubectl get pods -A", Description: "List pods: every namespace", Tool: "kubectl"},
		{Command: "echo `date` && printf '%s\\n' \"a  b\"", Description: "", Tool: "echo"},
		{Command: "cat <<'X'\nhello\n```\nX", Description: "A heredoc, with a fence inside", Tool: "cat"},
		{Command: " leading space", Description: "  padded description  ", Tool: "leading"},
		{Command: "printf 'bell\\a'\x07", Description: "control\x1bcharacters\nand lines", Tool: "printf", Tags: []string{"a,b", "c\"d", "--x"}},
		{Command: "git log -- <!-- -->", Description: "Ends in a colon:", Tool: "git", Tags: []string{"", "x"}},
		{Command: "ls {{path/to/dir}}", Description: "Placeholder kept as typed", Tool: "ls"},
	})
}

// FuzzPersonalEntry: whatever is saved comes back exactly.
func FuzzPersonalEntry(f *testing.F) {
	f.Add("tar xzf a.tar.gz", "Extract", "tar", "x")
	f.Add("a\nb\r\nc", "d\te", "", "")
	f.Add("``` x", "-->", "<!--", "%2C")
	f.Fuzz(func(t *testing.T, cmd, desc, tool, tag string) {
		if len(bytes.TrimSpace([]byte(cmd))) == 0 {
			t.Skip("how add refuses blank commands")
		}
		personalRoundTrip(t, []snippet.Snippet{{Command: cmd, Description: desc, Tool: tool, Tags: []string{tag}}})
	})
}
