package show

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/config"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/navi"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
)

// factory is a Factory whose index, built for real in a temporary cache,
// holds the bundled sheet given and whatever --source adds.
func factory(t *testing.T, bundled fstest.MapFS) *cmdutil.Factory {
	ios, _, _, _ := iostreams.Test()
	cache := t.TempDir()
	return &cmdutil.Factory{
		IO:      ios,
		Getenv:  func(string) string { return "" },
		Dirs:    func() (config.Dirs, error) { return config.Dirs{Config: cache, Cache: cache}, nil },
		Bundled: bundled,
	}
}

func TestNewCmdShow(t *testing.T) {
	notes := filepath.Join(t.TempDir(), "n.md")
	if err := os.WriteFile(notes, []byte("# Tar\n\n```\ntar cf a.tar b   # archive b\n```\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got *Options
	cmd := NewCmdShow(factory(t, nil), func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--no-bundled", "--source", notes, "tar"})
	if err := cmd.Execute(); err != nil || got == nil {
		t.Fatalf("err %v", err)
	}
	if got.Name != "tar" || !reflect.DeepEqual(got.Sources, cmdutil.SourceFlags{Paths: []string{notes}, NoBundled: true}) || got.Load == nil {
		t.Errorf("options %+v", got)
	}

	// Anything but one name of a program in the index is not show's:
	// the root command searches the line instead.
	sheets := fstest.MapFS{"git.md": {Data: []byte("# git\n\n> Git.\n\n- Commit:\n\n`git commit -m {{message}}`\n")}}
	for _, args := range [][]string{{"a", "b"}, {"disk", "usage"}, {"ports"}, {"--source", notes, "ports"}, {"--no-bundled", "git"}} {
		cmd = NewCmdShow(factory(t, sheets), func(o *Options) error { t.Errorf("show %q ran", args); return nil })
		cmd.SetArgs(args)
		cmd.SilenceErrors, cmd.SilenceUsage = true, true
		if err := cmd.Execute(); err == nil {
			t.Errorf("show %q: no error", args)
		}
	}
	for _, name := range []string{"git", "GIT", "tar"} {
		cmd = NewCmdShow(factory(t, sheets), func(o *Options) error { return nil })
		cmd.SetArgs([]string{"--source", notes, name})
		if err := cmd.Execute(); err != nil {
			t.Errorf("show %s: %v", name, err)
		}
	}
}

// A tldr page's name is a program's too: git-commit is the page of git's
// commit command.
func TestNamesProgramTldrPage(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "pages", "common", "git-commit.md")
	if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
		t.Fatal(err)
	}
	text := "# git commit\n\n> Commit files to the repository.\n\n- Commit staged files with a message:\n\n`git commit {{[-m|--message]}} \"{{message}}\"`\n"
	if err := os.WriteFile(page, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	f := factory(t, nil)
	sf := cmdutil.SourceFlags{Paths: []string{dir}, NoBundled: true}
	for name, want := range map[string]bool{"git": true, "git-commit": true, "Git-Commit": true, "git-push": false, "commit": false, "-git": false} {
		if found, _ := lookup(context.Background(), f, sf, name); len(found) > 0 != want {
			t.Errorf("lookup(%q) found any: %v, want %v", name, !want, want)
		}
	}
}

func Test_showRun(t *testing.T) {
	all := []snippet.Snippet{
		{Command: "git commit -m {{message}}", Description: "Commit", Tool: "git", Section: "git commit", Source: "pages/common/git-commit.md", Line: 7, Origin: snippet.OriginTldr},
		{Command: "git status", Description: "Status", Tool: "git", Section: "Git", Source: "bundled/git.md", Line: 2, Origin: snippet.OriginBundled},
		{Command: "git status", Description: "Status, again", Tool: "git", Section: "Git", Source: "n.md", Line: 3, Origin: snippet.OriginNotes},
		{Command: "tar cf a.tar b", Description: "Archive", Tool: "tar", Origin: snippet.OriginNotes},
	}
	all = append(all,
		snippet.Snippet{Command: "git checkout <branch>", Description: "Switch branch", Tool: "git", Section: "git", Source: "navi/git.cheat", Line: 5, Origin: snippet.OriginNavi},
		snippet.Snippet{Command: "vim {{file}}", Description: "Open a file", Tool: "vim", Section: "vim", Source: "pages/common/vim.md", Line: 7, Origin: snippet.OriginTldr},
	)
	reports := []source.Report{
		{Path: "pages/common/git-commit.md", Format: source.FormatTldr, Page: &source.Page{Title: "git commit", Summary: []string{"Commit files to the repository."},
			SeeAlso: []string{"git add", "git-log"}, URL: "https://git-scm.com/docs/git-commit"}},
		{Path: "pages/common/git.md", Format: source.FormatTldr, Page: &source.Page{Title: "git", Summary: []string{"Distributed version control system."}}},
		{Path: "bundled:git.md", Format: source.FormatSheet, Page: &source.Page{Title: "git", Summary: []string{"2 commands from notes."}}},
		{Path: "navi/git.cheat", File: "navi/git.cheat", Format: source.FormatNavi, Page: &source.Page{Title: "git", Vars: map[int][]navi.Var{
			5: {{Name: "branch", Command: "git branch | awk '{print $NF}'", Options: "--column 1"}}}}},
		{Path: "pages/common/vi.md", Format: source.FormatTldr, Omitted: 1, Page: &source.Page{Title: "vi",
			Summary: []string{"This command is an alias of `vim`."}, AliasOf: "vim", AliasOnly: true, URL: "https://www.vim.org"}},
	}
	tests := []struct {
		name, want string
		tty        bool
		err        error
	}{
		// Notes first, then tldr pages, then the bundled sheets; the same
		// command twice is one example; piped, commands are as written.
		// navi's suggestion lines are shown under their command, and said
		// to be information only.
		{"git", "git\n  Distributed version control system.\n\n  Status, again:  Git · n.md:3 (+1 more)\n    git status\n\n" +
			"  Commit:  pages/common/git-commit.md:7\n    git commit -m {{message}}\n\n" +
			"  Switch branch:  navi/git.cheat:5\n    git checkout <branch>\n    $ branch: git branch | awk '{print $NF}' --- --column 1\n\n" +
			"  $ lines are where navi gets suggestions for a <placeholder>; how shows them and never runs them.\n", false, nil},
		// A tldr page's See also and URL.
		{"git-commit", "git commit\n  Commit files to the repository.\n  See also: git add, git-log\n  https://git-scm.com/docs/git-commit\n\n  Commit:  pages/common/git-commit.md:7\n    git commit -m {{message}}\n", false, nil},
		{"GIT-commit", "git commit\n  Commit files to the repository.\n  See also: git add, git-log\n  https://git-scm.com/docs/git-commit\n\n  Commit:  pages/common/git-commit.md:7\n    git commit -m {{message}}\n", false, nil},
		// On a terminal without colour, value placeholders keep their braces.
		{"git-commit", "git commit\n  Commit files to the repository.\n  See also: git add, git-log\n  https://git-scm.com/docs/git-commit\n\n  Commit:  pages/common/git-commit.md:7\n    git commit -m {{message}}\n", true, nil},
		// An alias page whose one example was not indexed: what it is an
		// alias of, and how to show that.
		{"vi", "vi\n  An alias of vim: how show vim\n  https://www.vim.org\n", false, nil},
		{"nope", "", false, cmdutil.ErrNoMatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, _ := iostreams.Test()
			ios.SetStdoutTTY(tt.tty)
			ios.SetColorMode(iostreams.ColorNever)
			opts := &Options{IO: ios, Name: tt.name,
				Load: func(context.Context) ([]snippet.Snippet, []source.Report, error) { return all, reports, nil }}
			err := showRun(context.Background(), opts)
			if !errors.Is(err, tt.err) && !(err == nil && tt.err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			var nm *cmdutil.NoMatchError
			if errors.As(err, &nm) && (!nm.Always || !strings.Contains(nm.Hint, `"nope"`)) {
				t.Errorf("no match must always say so, naming the tool: %+v", nm)
			}
			if stdout.String() != tt.want {
				t.Errorf("stdout\n%q\nwant\n%q", stdout.String(), tt.want)
			}
		})
	}
}

// A page is made of what the index holds: of the files its commands come
// from, only the tldr page named NAME and navi cheats are read again, for
// what the index does not keep (a page's description, navi's suggestion
// sources); git's page reads git.md, not the page of every subcommand.
func TestPagesReadsOnlyWhatTheIndexLacks(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	git := write("git.md", "# git\n\n> Distributed version control system.\n> More information: <https://git-scm.com/>.\n\n- Show the status:\n\n`git status`\n")
	commit := write("git-commit.md", "# git commit\n\n> Commit files.\n\n- Commit:\n\n`git commit`\n")
	cheat := write("git.cheat", "% git\n\n# Switch to a branch\ngit checkout <branch>\n\n$ branch: git branch\n")
	notes := write("notes.md", "git log --oneline   # history\n")
	found := []snippet.Snippet{
		{Command: "git status", Tool: "git", Source: git, Line: 7, Origin: snippet.OriginTldr},
		{Command: "git commit", Tool: "git", Section: "git commit", Source: commit, Line: 7, Origin: snippet.OriginTldr},
		{Command: "git checkout <branch>", Tool: "git", Source: cheat, Line: 4, Origin: snippet.OriginNavi},
		{Command: "git log --oneline", Tool: "git", Source: notes, Line: 1, Origin: snippet.OriginNotes},
	}
	ios, _, _, stderr := iostreams.Test()
	reports := pages(context.Background(), ios, "git", found)
	var read []string
	for _, r := range reports {
		read = append(read, filepath.Base(r.Path))
	}
	if !reflect.DeepEqual(read, []string{"git.md", "git.cheat"}) {
		t.Errorf("read %q, want git.md and git.cheat", read)
	}
	if len(reports) == 2 && (reports[0].Page == nil || reports[0].Page.URL != "https://git-scm.com/" ||
		reports[1].Page == nil || len(reports[1].Page.Vars[4]) != 1) {
		t.Errorf("pages: %+v %+v", reports[0].Page, reports[1].Page)
	}
	// A page that went away since it was indexed costs its lines only.
	if err := os.Remove(git); err != nil {
		t.Fatal(err)
	}
	if reports := pages(context.Background(), ios, "git", found); len(reports) != 1 || !strings.Contains(stderr.String(), "git.md") {
		t.Errorf("after removing git.md: %d reports, stderr %q", len(reports), stderr.String())
	}
}
