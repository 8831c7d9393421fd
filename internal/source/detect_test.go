package source

import (
	"strings"
	"testing"
)

const (
	naviCheat   = "% git\n\n# Create a branch\ngit checkout -b <branch>\n\n$ branch: git branch\n"
	cheatSheet  = "---\ntags: [ compression ]\n---\n# To extract an archive:\ntar -xvf /path/to/foo.tar\n\n# To create an archive:\ntar -cvf /path/to/foo.tar /path/to/foo/\n"
	bareSheet   = "# To follow the log:\njournalctl -f\n\n# To show errors since boot:\njournalctl -b -p err\n"
	markdownDoc = "# Deploy notes\n\nWe deploy on Tuesdays, after the tests pass.\n\n## Steps\n\n1. Run the tests\n2. Apply it:\n\n```\nkubectl apply -f deploy.yaml\n```\n"
	proseNote   = "# Meeting\nTalked with Bob about the deploy and the rollback plan.\nWe decided to keep the old cluster for a week.\n\n# Later\nkubectl rollout restart deploy/web\n"
)

// TestParseFileDetection: the one place formats are told apart, with and
// without what the walk knows.
func TestParseFileDetection(t *testing.T) {
	for _, c := range []struct {
		name, text string
		hint       Hint
		want       Format
	}{
		{"code/git.cheat", naviCheat, Hint{}, FormatNavi},
		{"code/git.cheat.md", naviCheat, Hint{}, FormatNavi},
		{"pages/linux/tar.md", tldrPage, Hint{}, FormatTldr},
		{"mine/ls.md", ourSheet, Hint{}, FormatSheet},
		{"notes/deploy.md", markdownDoc, Hint{}, FormatNotes},
		// A tldr page is one by its shape, whatever its extension.
		{"tar.txt", tldrPage, Hint{}, FormatTldr},
		// Without an extension: a cheat sheet only when every sign agrees.
		{"cheats/tar", cheatSheet, Hint{}, FormatCheat},
		{"cheats/journalctl", bareSheet, Hint{}, FormatCheat},
		{"notes/TODO", proseNote, Hint{}, FormatNotes},
		{"notes/DEPLOY", markdownDoc, Hint{}, FormatNotes},
		{"notes/one", "# copy\nrsync -a src/ dst/\n", Hint{}, FormatNotes},
		// In a cheatpath, the folder vouches for its files.
		{"cheats/one", "# copy\nrsync -a src/ dst/\n", Hint{Format: FormatCheat, Name: "one"}, FormatCheat},
		{"cheats/TODO", proseNote, Hint{Format: FormatCheat, Name: "TODO"}, FormatCheat},
		// In a tldr tree, a malformed page is still a page.
		{"pages/common/x.md", "# x\n\nsome words\n", Hint{Format: FormatTldr}, FormatTldr},
		// A navi folder reads its cheats; the extension decides anyway.
		{"navi/x.cheat", naviCheat, Hint{Format: FormatNavi}, FormatNavi},
	} {
		p := ParseFile(c.name, []byte(c.text), c.hint)
		if p.Format != c.want {
			t.Errorf("%s %+v: format %s, want %s", c.name, c.hint, p.Format, c.want)
		}
		if p.Format != FormatNotes && p.Page == nil {
			t.Errorf("%s: no page facts", c.name)
		}
	}
}

func TestParseFileFacts(t *testing.T) {
	p := ParseFile("cheats/vim-plugins/vim-fzf", []byte("---\nsyntax: vim\ntags: [vim]\n---\n# To find files:\n:Files\n"), Hint{Format: FormatCheat, Name: "vim-plugins/vim-fzf"})
	if p.Page.Title != "vim-plugins/vim-fzf" || p.Page.Syntax != "vim" || p.Snippets[0].Tool != "vim-plugins/vim-fzf" || p.Lines != 1 {
		t.Errorf("cheat facts: %+v %+v", p.Page, p.Snippets)
	}
	p = ParseFile("code/git.cheat", []byte(naviCheat), Hint{})
	if p.Page.Title != "git" || len(p.Page.Vars[4]) != 1 || p.Page.Vars[4][0].Command != "git branch" || len(p.Page.Groups) != 1 {
		t.Errorf("navi facts: %+v", p.Page)
	}
	page := "# gmake\n\n> This command is an alias of GNU `make`.\n> More information: <https://x.org>.\n\n- View documentation for the original command:\n\n`tldr make`\n"
	p = ParseFile("pages/osx/gmake.md", []byte(page), Hint{Format: FormatTldr})
	if p.Page.AliasOf != "make" || !p.Page.AliasOnly || p.Page.Platform != "osx" || p.Page.URL != "https://x.org" ||
		strings.Join(p.Page.Summary, "|") != "This command is an alias of GNU `make`." {
		t.Errorf("tldr facts: %+v", p.Page)
	}
}

// Parse keeps its signature for `how extract`.
func TestParseCompat(t *testing.T) {
	snips, format, problems := Parse("code/git.cheat", []byte(naviCheat))
	if format != FormatNavi || len(snips) != 1 || len(problems) != 0 || Origin(format) != "navi" {
		t.Errorf("Parse = %v %s %v", snips, format, problems)
	}
	for f, o := range map[Format]string{FormatTldr: "tldr", FormatCheat: "cheat", FormatNavi: "navi", FormatSheet: "notes", FormatNotes: "notes"} {
		if Origin(f) != o {
			t.Errorf("Origin(%s) = %s", f, Origin(f))
		}
	}
}
