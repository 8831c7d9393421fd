package shell_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestWidgetSlowBuild: while the widget's key waits for a build that
// takes a while (thousands of notes, never indexed), a status line below
// the prompt says so, with progress; the prompt and the line typed stay
// where they were, and when the answer comes the status line is gone.
func TestWidgetSlowBuild(t *testing.T) {
	needWorld(t)
	for _, sh := range []string{"bash", "zsh", "fish"} {
		t.Run(sh, func(t *testing.T) {
			t.Parallel()
			notes := t.TempDir()
			// 60,000 commands: a build of seconds.
			for i := range 2000 {
				var b strings.Builder
				b.WriteString("```\n")
				for j := range 30 {
					fmt.Fprintf(&b, "systemctl restart unit%04dx%d   # restart the service number %d part %d\n", i, j, i, j)
				}
				b.WriteString("```\n")
				if err := os.WriteFile(filepath.Join(notes, fmt.Sprintf("n%04d.md", i)), []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			s := start(t, sh, startOpts{howPath: notes})
			s.typed("restart service number 1321 part 7")
			s.keys("C-g")
			// bash clears the prompt's line while a bind -x command runs;
			// zsh and fish leave it.
			screen := s.waitFor(`\A(?:` + promptRE + `restart service number 1321 part 7)?[ \t]*\nbuilding the index: (reading |indexing)`)
			t.Logf("while building:\n%s", indent(screen))
			screen = s.waitLine("systemctl restart unit1321x7")
			if rest := strings.SplitN(screen, "\n", 2); len(rest) == 2 && regexp.MustCompile(`\S`).MatchString(rest[1]) {
				t.Errorf("the status line stayed:\n%s", indent(screen))
			}
		})
	}
}
