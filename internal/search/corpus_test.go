package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/howcli/how/internal/snippet"
)

// tldrSnippets reads the tldr pages under ../shared/corpora/tldr with a
// minimal parser (the real importer lives elsewhere): enough to measure
// ranking and speed on a large, real, heterogeneous collection.
func tldrSnippets(tb testing.TB) []snippet.Snippet {
	tb.Helper()
	root := filepath.Join(sharedDir, "corpora", "tldr", "pages")
	var out []snippet.Snippet
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		tool := strings.TrimSuffix(filepath.Base(p), ".md")
		title, desc := tool, ""
		for i, line := range strings.Split(string(b), "\n") {
			switch {
			case strings.HasPrefix(line, "# "):
				title = strings.TrimSpace(line[2:])
			case strings.HasPrefix(line, "- "):
				desc = strings.TrimSuffix(strings.TrimSpace(line[2:]), ":")
			case strings.HasPrefix(line, "`") && strings.HasSuffix(line, "`") && len(line) > 2:
				out = append(out, snippet.Snippet{
					Command: line[1 : len(line)-1], Description: desc, Tool: tool,
					Section: title, Source: p, Line: i + 1, Origin: snippet.OriginTldr,
				})
			}
		}
		return nil
	})
	if err != nil || len(out) == 0 {
		tb.Skipf("tldr corpus not available: %v", err)
	}
	return out
}
