package search

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/testfiles"
)

// The yardstick measures ranking alone: it indexes the hand-labelled
// commands of ../shared/eval/gold-001.jsonl (perfect extraction, headings
// found with a rough rule) and runs ../shared/eval/queries.jsonl. The
// product's figure comes from run_eval.py over real extraction; this one
// isolates what this package controls. It logs, and fails only far below
// the bar, so that extraction work elsewhere cannot make it flaky.

var sharedDir = filepath.Join("..", "..", "..", "shared")

type goldLine struct {
	Seed        string `json:"seed"`
	Line        int    `json:"line"`
	Command     string `json:"command"`
	Description string `json:"description"`
	Tool        string `json:"tool"`
}

type evalQuery struct {
	ID     string   `json:"id"`
	Query  string   `json:"query"`
	Expect []string `json:"expect"`
	Style  string   `json:"style"`
	// Want, when set, is a regexp: a result whose command matches it is
	// right too (for large, regular sets of right answers).
	Want string `json:"want"`
	// Split is "dev" or "test" (testdata/corpus-queries.jsonl only).
	Split string `json:"split"`
	Note  string `json:"note"`
}

// readJSONL reads a JSON Lines file; without it (../shared is not beside
// the project) the test skips.
func readJSONL[T any](t *testing.T, path string) []T {
	t.Helper()
	out, err := testfiles.JSONL[T](t, path)
	if err != nil {
		t.Skipf("yardstick not available: %v", err)
	}
	return out
}

var spaces = regexp.MustCompile(`\s+`)

func normCmd(s string) string {
	s = strings.ReplaceAll(s, "\\\n", " ")
	return strings.TrimSpace(spaces.ReplaceAllString(s, " "))
}

// headings guesses the heading above each line of a note: a short line
// standing alone between blank lines, starting with a capital, not ending
// like a sentence, and not itself a command.
func headings(lines []string, commands map[int]bool) []string {
	out := make([]string, len(lines)+2)
	cur := ""
	for i, l := range lines {
		n := i + 1
		s := strings.TrimSpace(l)
		blankAround := (i == 0 || strings.TrimSpace(lines[i-1]) == "") &&
			(i+1 >= len(lines) || strings.TrimSpace(lines[i+1]) == "")
		if s != "" && blankAround && len(s) <= 60 && !commands[n] &&
			unicode.IsUpper([]rune(s)[0]) && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, ":") {
			cur = s
		}
		out[n] = cur
	}
	return out
}

func goldSnippets(t *testing.T) []snippet.Snippet {
	t.Helper()
	gold := readJSONL[goldLine](t, filepath.Join(sharedDir, "eval", "gold-001.jsonl"))
	notes := map[string][]string{}
	cmdLines := map[string]map[int]bool{}
	for _, g := range gold {
		if cmdLines[g.Seed] == nil {
			cmdLines[g.Seed] = map[int]bool{}
		}
		cmdLines[g.Seed][g.Line] = true
	}
	heads := map[string][]string{}
	var out []snippet.Snippet
	for _, g := range gold {
		if _, ok := notes[g.Seed]; !ok {
			b, err := os.ReadFile(filepath.Join(sharedDir, "notes", g.Seed))
			if err != nil {
				t.Skipf("notes not available: %v", err)
			}
			notes[g.Seed] = strings.Split(string(b), "\n")
			heads[g.Seed] = headings(notes[g.Seed], cmdLines[g.Seed])
		}
		sec := ""
		if g.Line < len(heads[g.Seed]) {
			sec = heads[g.Seed][g.Line]
		}
		out = append(out, snippet.Snippet{
			Command: g.Command, Description: g.Description, Tool: g.Tool,
			Section: sec, Source: g.Seed, Line: g.Line, Origin: snippet.OriginBundled,
		})
	}
	return out
}

func TestYardstick(t *testing.T) {
	if testing.Short() {
		t.Skip("yardstick skipped in -short mode")
	}
	queries := readJSONL[evalQuery](t, filepath.Join(sharedDir, "eval", "queries.jsonl"))
	snips := goldSnippets(t)
	ix := buildIndex(t, snips)

	all := measure(t, ix, queries)
	// A floor, not the product's bar: it catches a broken ranking without
	// turning into a test of the yardstick's exact queries.
	if all.rate1() < 0.6 {
		t.Errorf("hit@1 %.3f is far below the bar", all.rate1())
	}
}
