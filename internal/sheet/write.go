package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/howcli/how/internal/frontmatter"
	"github.com/howcli/how/internal/safefile"
	"github.com/howcli/how/internal/snippet"
)

// File is one page ready to be written.
type File struct {
	// Name is a safe file name, "journalctl.md".
	Name string
	Data []byte
}

// Write writes one page per tool into dir (created if missing), as Pages
// lays them out. It refuses, before writing anything, to replace a file
// that is not a page of ours, so pointing -o at a folder of hand-written
// notes cannot destroy them. Pages it did not produce this time are left
// alone.
func Write(dir string, snippets []snippet.Snippet) error {
	files := Pages(snippets)
	for _, f := range files {
		target := filepath.Join(dir, f.Name)
		// Without blocking and through a limit: a FIFO of that name would
		// hang how extract -o, and it is refused like any other file that
		// is not a sheet of ours.
		old, err := safefile.Read(target, maxPage)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if p, _ := ParsePage(target, old); p.Kind != KindSheet && len(bytes.TrimSpace(old)) > 0 {
			return fmt.Errorf("%s: exists and is not a sheet written by how; not replacing it", target)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := safefile.Replace(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// maxPage bounds what Write reads of a file it would replace: far more
// than any page it writes.
const maxPage = 64 << 20

// Pages lays snippets out as sheets: one page per tool, pages sorted by
// file name and examples by source and line, so the same snippets always
// give the same bytes whatever order they came in. Snippets whose command
// is blank are left out; empty tags are dropped.
func Pages(snippets []snippet.Snippet) []File {
	byTool := map[string][]snippet.Snippet{}
	for _, s := range snippets {
		if strings.TrimSpace(s.Command) == "" {
			continue
		}
		s.Tags = slices.DeleteFunc(slices.Clone(s.Tags), func(t string) bool { return t == "" })
		byTool[s.Tool] = append(byTool[s.Tool], s)
	}
	tools := make([]string, 0, len(byTool))
	for t := range byTool {
		tools = append(tools, t)
	}
	slices.Sort(tools)

	used := map[string]bool{}
	var files []File
	for _, tool := range tools {
		base := FileName(tool)
		name := base
		for n := 2; used[name]; n++ {
			name = base + "_" + strconv.Itoa(n)
		}
		used[name] = true
		files = append(files, File{Name: name + ".md", Data: page(tool, byTool[tool])})
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return files
}

// windowsDevices cannot be file names on Windows, whatever the extension.
var windowsDevices = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// FileName is the base name (without .md) of a tool's page: lower case so
// that "R" and "r" cannot clash on a case-insensitive file system (Pages
// numbers such clashes), only characters safe everywhere, never hidden,
// never a Windows device name, and never README, which sheets/ keeps for
// itself.
func FileName(tool string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(tool) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '+', r == '-', r == '_':
			b.WriteRune(r)
		default:
			if s := b.String(); s != "" && !strings.HasSuffix(s, "_") {
				b.WriteByte('_')
			}
		}
	}
	name := strings.TrimRight(strings.TrimLeft(b.String(), "._-"), "._")
	if len(name) > 80 {
		name = strings.TrimRight(name[:80], "._")
	}
	if name == "" {
		name = "misc"
	}
	if windowsDevices[name] || name == "readme" {
		name += "_"
	}
	return name
}

func page(tool string, snippets []snippet.Snippet) []byte {
	snippets = slices.Clone(snippets)
	slices.SortStableFunc(snippets, func(a, b snippet.Snippet) int {
		if c := strings.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		if c := strings.Compare(a.Command, b.Command); c != 0 {
			return c
		}
		return strings.Compare(a.Description, b.Description)
	})

	var pageTags, sections []string
	for _, s := range snippets {
		for _, t := range s.Tags {
			// YAML holds text only: a tag with invalid UTF-8 or control
			// characters stays in its examples' comments, which keep
			// every byte.
			if clean(t) && !slices.Contains(pageTags, t) {
				pageTags = append(pageTags, t)
			}
		}
		if sec := oneLine(s.Section); sec != "" && !slices.Contains(sections, sec) {
			sections = append(sections, sec)
		}
	}

	title := oneLine(tool)
	if title == "" {
		title = "misc"
	}

	var b bytes.Buffer
	if len(pageTags) > 0 {
		quoted := make([]string, len(pageTags))
		for i, t := range pageTags {
			quoted[i] = frontmatter.Quote(t)
		}
		fmt.Fprintf(&b, "---\ntags: [%s]\n---\n\n", strings.Join(quoted, ", "))
	}
	fmt.Fprintf(&b, "# %s\n\n> %s\n", title, summary(len(snippets), sections))

	for _, s := range snippets {
		m := meta{section: &s.Section, source: &s.Source, line: &s.Line}
		if !slices.Equal(s.Tags, pageTags) {
			tags := s.Tags
			m.tags = &tags
		}
		if s.Tool != toolOf(title) {
			m.tool = &s.Tool
		}
		writeExample(&b, s, &m)
	}
	return b.Bytes()
}

func summary(n int, sections []string) string {
	noun := "commands"
	if n == 1 {
		noun = "command"
	}
	if len(sections) == 0 {
		return fmt.Sprintf("%d %s from notes.", n, noun)
	}
	const shown = 3
	list := strings.Join(sections[:min(len(sections), shown)], "; ")
	if len(sections) > shown {
		list += fmt.Sprintf("; and %d more", len(sections)-shown)
	}
	return fmt.Sprintf("%d %s from notes: %s.", n, noun, list)
}

// plainDescription reports whether a description survives the trip through
// a "- description:" line unchanged.
func plainDescription(d string) bool {
	return d != "" && d == strings.TrimSpace(d) && clean(d)
}

// clean reports whether s is valid UTF-8 without control characters.
func clean(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 {
			return false
		}
	}
	return true
}

// oneLine makes text fit on one markdown line, for the visible parts of a
// page; the exact text is kept in the metadata comment when they differ.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// codeBlock renders a command as an inline code span, or as a fenced block
// when it spans lines. exact is false when the markdown cannot hold the
// command byte for byte (control characters, bytes that are not UTF-8),
// and then the block shows a cleaned-up copy.
func codeBlock(cmd string) (block string, exact bool) {
	exact = true
	for _, r := range strings.ToValidUTF8(cmd, "\uFFFD") {
		if r == utf8.RuneError || (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 {
			exact = false
			break
		}
	}
	shown := cmd
	if !exact {
		shown = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r >= 0x20 && r != 0x7f && !(r >= 0x80 && r < 0xa0) && r != 0x2028 && r != 0x2029 {
				return r
			}
			return ' '
		}, strings.ToValidUTF8(cmd, "\uFFFD"))
	}
	run := longestRun(shown, '`')
	if !strings.Contains(shown, "\n") {
		fence := strings.Repeat("`", run+1)
		body := shown
		if strings.HasPrefix(body, "`") || strings.HasSuffix(body, "`") ||
			(strings.HasPrefix(body, " ") && strings.HasSuffix(body, " ")) {
			body = " " + body + " "
		}
		block = fence + body + fence
		if got, ok := inlineCode(block); !ok || got != cmd {
			exact = false
		}
		return block, exact
	}
	fence := strings.Repeat("`", max(3, run+1))
	return fence + "sh\n" + shown + "\n" + fence, exact
}

func longestRun(s string, c byte) int {
	best, cur := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			cur++
			best = max(best, cur)
		} else {
			cur = 0
		}
	}
	return best
}

// noDescription stands in for a description with nothing to show.
const noDescription = "(no description)"

// writeExample writes one example: a blank line, "- description:", a
// blank line, the command, and m as its how comment. What the visible
// lines cannot hold exactly (a multi-line description, a command that no
// code span can quote) goes into m, so that parsing gives s back.
func writeExample(b *bytes.Buffer, s snippet.Snippet, m *meta) {
	desc := s.Description
	if !plainDescription(desc) {
		m.desc = &s.Description
		desc = shownDescription(desc)
	}
	code, exact := codeBlock(s.Command)
	if !exact {
		m.cmd = &s.Command
	}
	fmt.Fprintf(b, "\n- %s:\n\n%s\n%s\n", desc, code, m.format())
}
