package sheet

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/testfiles"
)

// tricky covers every way a snippet can be hard to write as markdown.
var tricky = []snippet.Snippet{
	{Command: "journalctl -u nginx -f", Description: "follow logs in real-time (like tail -f)", Tool: "journalctl",
		Tags: []string{"linux", "logs"}, Section: "Process Management", Source: "001_note.txt", Line: 230},
	{Command: "journalctl --since \"1 hour ago\"", Description: "logs of the last hour", Tool: "journalctl",
		Tags: []string{"linux"}, Section: "Process Management", Source: "001_note.txt", Line: 231},
	{Command: "cat <<'EOF' > /etc/motd\nhello\n  indented\nEOF", Description: "write a file from a heredoc", Tool: "cat",
		Section: "Files", Source: "003.txt", Line: 10},
	{Command: "docker run \\\n  --rm \\\n  alpine echo hi", Description: "run and remove", Tool: "docker",
		Section: "Docker -- the basics --> more", Source: "dir--x/a<b>.txt", Line: 5, Tags: []string{"a,b", "c\"d", "yes", "--", "日本"}},
	{Command: "echo `date` and ``more``", Description: "backticks inside", Tool: "echo", Source: "x", Line: 1},
	{Command: "`date`", Description: "starts and ends with a backtick", Tool: "date", Source: "x", Line: 2},
	{Command: " ls ", Description: "spaces at both ends", Tool: "ls", Source: "x", Line: 3},
	{Command: "ls -la", Description: "", Tool: "ls", Source: "x", Line: 4},
	{Command: "ls -l", Description: "  padded  ", Tool: "ls", Source: "x", Line: 5},
	{Command: "ls -1", Description: "two\nlines", Tool: "ls", Source: "x", Line: 6},
	{Command: "printf '\x1b[31mred'", Description: "escape \x1b[2J in it", Tool: "printf", Source: "x", Line: 7},
	{Command: "echo \xff\xfe", Description: "bad \xffUTF-8", Tool: "echo", Source: "x\xff", Section: "s\xfe", Line: 8},
	{Command: "git commit -m x", Description: "a tool with a space", Tool: "git commit", Source: "x", Line: 9},
	{Command: "R --vanilla", Description: "upper case R", Tool: "R", Source: "x", Line: 10},
	{Command: "r 1", Description: "lower case r", Tool: "r", Source: "x", Line: 11},
	{Command: "something", Description: "no tool", Tool: "", Source: "", Line: 0},
	{Command: "a\r\nb", Description: "CRLF inside", Tool: "a", Source: "x", Line: 12},
	{Command: "x:", Description: "ends with a colon:", Tool: "x", Source: "x", Line: 13, Tags: []string{}},
	{Command: "~~~\n```\n````", Description: "fences inside", Tool: "fence", Source: "x", Line: 14},
	{Command: "readme", Description: "tool named like the folder's README", Tool: "README", Source: "x", Line: 15},
	{Command: "   ", Description: "blank commands are dropped", Tool: "blank", Source: "x", Line: 16},
}

// normalize is what Pages promises to keep: blank commands dropped, empty
// tags dropped, nil for no tags; order is by tool, then source and line.
func normalize(in []snippet.Snippet) []snippet.Snippet {
	var out []snippet.Snippet
	for _, s := range in {
		if strings.TrimSpace(s.Command) == "" {
			continue
		}
		s.Tags = slices.DeleteFunc(slices.Clone(s.Tags), func(t string) bool { return t == "" })
		if len(s.Tags) == 0 {
			s.Tags = nil
		}
		// Like the origin, a tldr page's summary belongs to where a
		// snippet was read, not to the snippet written elsewhere.
		s.Origin, s.Summary = "", ""
		out = append(out, s)
	}
	slices.SortStableFunc(out, func(a, b snippet.Snippet) int {
		return strings.Compare(fmt.Sprintf("%q %q %09d %q %q", a.Tool, a.Source, a.Line, a.Command, a.Description),
			fmt.Sprintf("%q %q %09d %q %q", b.Tool, b.Source, b.Line, b.Command, b.Description))
	})
	return out
}

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, tricky); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []snippet.Snippet
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		page, problems := ParsePage(e.Name(), data)
		if len(problems) > 0 {
			t.Errorf("%s: problems: %v\n%s", e.Name(), problems, data)
		}
		if page.Kind != KindSheet {
			t.Errorf("%s: kind %v, want sheet", e.Name(), page.Kind)
		}
		got = append(got, page.Snippets...)
	}
	want := normalize(tricky)
	got = normalize(got)
	if !reflect.DeepEqual(got, want) {
		for i := range max(len(got), len(want)) {
			var g, w snippet.Snippet
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("snippet %d:\n got %#v\nwant %#v", i, g, w)
			}
		}
	}
}

func TestPagesDeterministic(t *testing.T) {
	a := Pages(tricky)
	rev := slices.Clone(tricky)
	slices.Reverse(rev)
	b := Pages(rev)
	if !reflect.DeepEqual(a, b) {
		t.Error("Pages depends on the order of its input")
	}
	names := map[string]bool{}
	for _, f := range a {
		if names[strings.ToLower(f.Name)] {
			t.Errorf("two pages named %s", f.Name)
		}
		names[strings.ToLower(f.Name)] = true
	}
}

// The write golden pins the exact bytes of generated pages, since the
// bundled sheets are committed and must not churn.
func TestPagesGolden(t *testing.T) {
	var b strings.Builder
	for _, f := range Pages(tricky) {
		fmt.Fprintf(&b, "==> %s <==\n%s", f.Name, f.Data)
	}
	testfiles.Golden(t, filepath.Join("testdata", "pages.golden"), b.String())
}

func TestParseGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "parse", "*.md"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no parse inputs: %v", err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			// The page's folder matters (tldr platforms), so parse under a
			// path that has one.
			page, problems := ParsePage("pages/linux/"+filepath.Base(in), data)
			out := struct {
				Title       string
				Description []string
				Summary     []string `json:",omitempty"`
				SeeAlso     []string `json:",omitempty"`
				URL         string   `json:",omitempty"`
				AliasOf     string   `json:",omitempty"`
				AliasOnly   bool     `json:",omitempty"`
				Platform    string   `json:",omitempty"`
				Language    string   `json:",omitempty"`
				Tags        []string
				Kind        string
				Snippets    []snippet.Snippet
				Problems    []string
			}{page.Title, page.Description, page.Summary, page.SeeAlso, page.URL, page.AliasOf, page.AliasOnly(),
				page.Platform, page.Language, page.Tags, page.Kind.String(), page.Snippets, nil}
			for _, p := range problems {
				out.Problems = append(out.Problems, p.String())
			}
			js, err := json.MarshalIndent(out, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			testfiles.Golden(t, strings.TrimSuffix(in, ".md")+".golden", string(js)+"\n")
		})
	}
}

func TestWriteRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "ls.md")
	if err := os.WriteFile(mine, []byte("# my own notes about ls\n\nls is great.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(dir, []snippet.Snippet{{Command: "ls", Tool: "ls"}})
	if err == nil || !strings.Contains(err.Error(), mine) {
		t.Fatalf("Write over a hand-written file: err = %v, want one naming %s", err, mine)
	}
	if data, _ := os.ReadFile(mine); !strings.Contains(string(data), "ls is great") {
		t.Error("the hand-written file was changed")
	}
	// Our own pages are replaced.
	if err := os.Remove(mine); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := Write(dir, []snippet.Snippet{{Command: "ls", Tool: "ls", Source: "a.txt", Line: 1}}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFileName(t *testing.T) {
	tests := map[string]string{
		"journalctl":             "journalctl",
		"R":                      "r",
		"docker-compose":         "docker-compose",
		"git commit":             "git_commit",
		"../../etc/passwd":       "etc_passwd",
		".hidden":                "hidden",
		"":                       "misc",
		"日本":                     "misc",
		"CON":                    "con_",
		"README":                 "readme_",
		"a/b\\c:d":               "a_b_c_d",
		"g++":                    "g++",
		strings.Repeat("x", 200): strings.Repeat("x", 80),
	}
	for in, want := range tests {
		if got := FileName(in); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMetaNeverBreaksComment(t *testing.T) {
	for _, v := range []string{"--", "-->", "a--b", "--!>", "-", "a-b", "x->", "<!--", "%", "\"", "\n"} {
		v := v
		line := meta{section: &v, source: &v}.format()
		body := strings.TrimSuffix(strings.TrimPrefix(line, "<!--"), "-->")
		if strings.Contains(body, "--") || strings.Contains(body, ">") || strings.Contains(body, "\n") {
			t.Errorf("value %q gives comment %q", v, line)
		}
		m, err := parseMeta(line)
		if err != nil || *m.section != v || *m.source != v {
			t.Errorf("value %q does not come back from %q (err %v)", v, line, err)
		}
	}
}

func TestInlineCode(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"`ls`", "ls", true},
		{"`` a`b ``", "a`b", true},
		{"`` `a` ``", "`a`", true},
		{"` `", " ", true},
		{"`  `", "  ", true},
		{"`a` b`", "", false},
		{"`a", "", false},
		{"``a`", "", false},
		{"`", "", false},
		{"`a``b`", "a``b", true},
	}
	for _, tt := range tests {
		got, ok := inlineCode(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("inlineCode(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestKinds(t *testing.T) {
	tests := []struct {
		name, text string
		want       Kind
	}{
		{"tldr", "# tar\n\n> Archiver.\n\n- Create:\n\n`tar cf a.tar b`\n", KindTldr},
		{"ours", "# ls\n\n- List:\n\n`ls`\n<!-- how source=\"a\" -->\n", KindSheet},
		{"prose", "# Setup\n\nFirst install the deps, then run:\n\n`make`\n\nAnd that's it.\nReally.\n", KindNone},
		{"no examples", "# Title\n\n> just a quote\n", KindNone},
		{"empty", "", KindNone},
	}
	for _, tt := range tests {
		p, _ := ParsePage(tt.name+".md", []byte(tt.text))
		if p.Kind != tt.want {
			t.Errorf("%s: kind %v, want %v", tt.name, p.Kind, tt.want)
		}
	}
}

func TestParseCRLFLikeLF(t *testing.T) {
	inputs, _ := filepath.Glob(filepath.Join("testdata", "parse", "*.md"))
	for _, in := range inputs {
		data, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		crlf := append([]byte("\ufeff"), strings.ReplaceAll(string(data), "\n", "\r\n")...)
		p1, pr1 := ParsePage(in, data)
		p2, pr2 := ParsePage(in, crlf)
		if !reflect.DeepEqual(p1, p2) || !reflect.DeepEqual(pr1, pr2) {
			t.Errorf("%s: CRLF with a BOM parses differently from LF", in)
		}
	}
}

// Real tldr pages, when the shared corpora are beside the repo: every page
// must read as a tldr page with no problems.
func TestParseTldrCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpora", "tldr", "pages")
	if _, err := os.Stat(root); err != nil {
		t.Skip("no ../shared/corpora/tldr beside the repo")
	}
	pages, examples := 0, 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		page, problems := ParsePage(path, data)
		pages++
		examples += len(page.Snippets)
		if len(problems) > 0 || page.Kind != KindTldr {
			t.Errorf("%s: kind %v, problems %v", path, page.Kind, problems)
		}
		for _, s := range page.Snippets {
			if s.Command == "" || s.Description == "" || s.Tool == "" {
				t.Errorf("%s:%d: incomplete snippet %#v", path, s.Line, s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pages, %d examples", pages, examples)
}

func TestStripMnemonics(t *testing.T) {
	tests := map[string]string{
		"[c]reate a g[z]ipped archive": "create a gzipped archive",
		"E[x]tract [v]erbosely":        "Extract verbosely",
		"Print element [0] of [y]":     "Print element [0] of [y]",
		"List [a]ll":                   "List all",
		"no brackets":                  "no brackets",
		"[":                            "[",
	}
	for in, want := range tests {
		if got := stripMnemonics(in); got != want {
			t.Errorf("stripMnemonics(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKindsNotesAreNotSheets(t *testing.T) {
	// Markdown notes often have a heading, bullets and code; only the full
	// tldr shape makes a page.
	for _, text := range []string{
		"# Disk\n\n```\ndf -h    # free space\n```\n",
		"# Setup\n\n- Install deps\n\n`npm install`\n",
		"# Setup\n\n> quote\n\n- Install deps\n\n`npm install`\n",
		"# Setup\n\n> quote\n\n`npm install`\n",
	} {
		if p, _ := ParsePage("n.md", []byte(text)); p.Kind != KindNone {
			t.Errorf("%q: kind %v, want none", text, p.Kind)
		}
	}
}

// TestMetaCannotChangeWhatIsShown: a how comment is invisible wherever a
// sheet is read (GitHub, an editor's preview), so it may not replace the
// command or description shown above it: the visible one is used, with a
// problem on the comment's line. Where the writer put cmd and desc there
// because the visible line cannot hold them exactly, they are taken.
func TestMetaCannotChangeWhatIsShown(t *testing.T) {
	page := "# ls\n\n> 2 commands.\n\n" +
		"- list files:\n\n`ls -la`\n<!-- how cmd=\"rm -rf ~/important\" -->\n\n" +
		"- list files:\n\n`ls -l`\n<!-- how desc=\"wipe the disk\" -->\n"
	snips, problems := Parse("ls.md", []byte(page))
	if len(snips) != 2 || snips[0].Command != "ls -la" || snips[1].Description != "list files" {
		t.Fatalf("snippets %+v", snips)
	}
	if len(problems) != 2 || problems[0].Line != 8 || !strings.Contains(problems[0].Msg, `cmd "rm -rf ~/important" is not the command shown`) ||
		problems[1].Line != 13 || !strings.Contains(problems[1].Msg, `desc "wipe the disk" is not the description shown`) {
		t.Errorf("problems %v", problems)
	}
	// What the writer puts in a comment comes back whole.
	for _, s := range []snippet.Snippet{
		{Command: "printf '\x1b[31mred'", Description: "two\nlines", Tool: "printf", Source: "x", Line: 1},
		{Command: "a\r\nb", Description: "  padded  ", Tool: "a", Source: "x", Line: 2},
	} {
		files := Pages([]snippet.Snippet{s})
		got, problems := Parse(files[0].Name, files[0].Data)
		if len(problems) > 0 || len(got) != 1 || got[0].Command != s.Command || got[0].Description != s.Description {
			t.Errorf("%q: got %+v, problems %v", s.Command, got, problems)
		}
	}
}

// TestParsePageCiting: a how comment's source is taken only where cite
// accepts it; otherwise the example cites the sheet itself, at the line
// of its command, and the comment's line has a problem. Without a source
// a comment's line means nothing.
func TestParsePageCiting(t *testing.T) {
	page := "# x\n\n> 3 commands.\n\n" +
		"- a:\n\n`a`\n<!-- how source=\"notes/a.md\" line=3 -->\n\n" +
		"- b:\n\n`b`\n<!-- how source=\"/etc/shadow\" line=1 -->\n\n" +
		"- c:\n\n`c`\n<!-- how line=40 -->\n"
	cite := func(src string) (string, error) {
		if src == "notes/a.md" {
			return "/root/notes/a.md", nil
		}
		return "", errors.New("is outside /root")
	}
	p, problems := ParsePageCiting("/root/x.md", []byte(page), cite)
	want := []struct {
		source string
		line   int
	}{{"/root/notes/a.md", 3}, {"/root/x.md", 12}, {"/root/x.md", 17}}
	for i, w := range want {
		if s := p.Snippets[i]; s.Source != w.source || s.Line != w.line {
			t.Errorf("%s: cites %s:%d, want %s:%d", s.Command, s.Source, s.Line, w.source, w.line)
		}
	}
	if len(problems) != 2 || problems[0].Line != 13 || problems[0].Msg != `how comment: source "/etc/shadow" is outside /root; this sheet is cited instead` ||
		problems[1].Line != 18 {
		t.Errorf("problems %v", problems)
	}
}
