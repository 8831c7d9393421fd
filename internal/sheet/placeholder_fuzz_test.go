package sheet

import (
	"strings"
	"testing"
)

// FuzzPlaceholders: placeholders are in order, do not overlap, and each
// span is its text in braces.
func FuzzPlaceholders(f *testing.F) {
	for _, s := range []string{
		"tar xf {{path/to/file.tar}}", "journalctl {{[-f|--follow]}}", "git stash drop {{stash@{0}}}",
		`echo '\{\{x\}\}' \{ {{y}}`, "x {{a}}}} {{{{b}}", "{{", "}}{{}}", "{{a\\}}b}}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cmd string) {
		end := 0
		for _, p := range Placeholders(cmd) {
			if p.Start < end || p.End > len(cmd) || p.Start+4+len(p.Text) != p.End {
				t.Fatalf("bad span %+v after %d in %q", p, end, cmd)
			}
			if cmd[p.Start:p.End] != "{{"+p.Text+"}}" {
				t.Fatalf("span %q is not {{%s}}", cmd[p.Start:p.End], p.Text)
			}
			if (p.Short == "") != (p.Long == "") || p.Short != "" && !strings.Contains(p.Text, p.Short+"|"+p.Long) && !strings.Contains(p.Text, p.Long+"|"+p.Short) || len(p.Short) > len(p.Long) {
				t.Fatalf("option spellings %q %q of %q", p.Short, p.Long, p.Text)
			}
			end = p.End
		}
	})
}
