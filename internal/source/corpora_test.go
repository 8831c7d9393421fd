package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/howcli/how/internal/cheat"
)

// corpora is ../shared/corpora, the real collections SOURCES.md counts.
var corpora = filepath.Join("..", "..", "..", "shared", "corpora")

func needCorpora(tb testing.TB) {
	tb.Helper()
	if _, err := os.Stat(filepath.Join(corpora, "SOURCES.md")); err != nil {
		tb.Skip("no ../shared/corpora")
	}
}

// TestCorporaCounts: the importers reproduce the counts of
// ../shared/corpora/SOURCES.md. Where they count differently on purpose,
// the difference is asserted and explained here.
func TestCorporaCounts(t *testing.T) {
	needCorpora(t)
	load := func(name string) (Collection, []Report) {
		t.Helper()
		// The platform is pinned: which tldr pages shadow which depends
		// on it, and the test must not depend on the machine.
		set := New(Options{Paths: []string{filepath.Join(corpora, name)}, NoBundled: true, Platform: "linux"})
		_, reports, err := set.Load(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		colls := set.Collections()
		if len(colls) != 1 || colls[0].Root != filepath.Join(corpora, name) {
			t.Fatalf("%s: collections %+v", name, colls)
		}
		for _, r := range reports {
			if r.Err != nil {
				t.Errorf("%s: %v", r.Path, r.Err)
			}
		}
		return colls[0], reports
	}

	// tldr: 7,013 pages (common 4,613, linux 2,030, osx 370) with 30,479
	// examples, every one of them read. Indexed are 30,479 less those of
	// the 558 alias pages whose one example is "tldr <original>" (a
	// pointer to another page, recorded as Page.AliasOf instead) and of
	// the 84 pages a Linux host does not show (35 common pages with a
	// linux page of the same name, 49 osx pages with a linux or common
	// one): 30,479 - 558 - 353 = 29,568.
	tldr, reports := load("tldr")
	platforms := map[string]int{}
	aliasPages, aliasExamples, shadowPages, shadowExamples := 0, 0, 0, 0
	for _, r := range reports {
		platforms[r.Page.Platform]++
		switch {
		case strings.HasPrefix(r.Why, "an alias of"):
			aliasPages++
			aliasExamples += r.Omitted
		case strings.HasPrefix(r.Why, "shadowed by"):
			shadowPages++
			shadowExamples += r.Omitted
		}
	}
	if tldr.Format != FormatTldr || tldr.Files != 7013 || tldr.Snippets+tldr.Omitted != 30479 || tldr.License != "CC-BY-4.0" {
		t.Errorf("tldr: %+v", tldr)
	}
	if platforms["common"] != 4613 || platforms["linux"] != 2030 || platforms["osx"] != 370 {
		t.Errorf("tldr platforms: %v", platforms)
	}
	if aliasPages != 558 || aliasExamples != 558 || shadowPages != 84 || shadowExamples != 353 || tldr.Snippets != 29568 {
		t.Errorf("tldr: %d alias pages (%d examples), %d shadowed (%d examples), %d indexed", aliasPages, aliasExamples, shadowPages, shadowExamples, tldr.Snippets)
	}

	// cheat: 279 sheets; SOURCES.md counts 3,593 command lines in 2,575
	// blocks, taking every "#" line for a comment. Two "#" lines are
	// indented under a command and belong to it (http: "    # password
	// test" in the ~/.netrc the command shows, "    # ^D" typed into
	// cat): 3,595 lines in 2,573 blocks. Lines that belong together (a
	// loop, a heredoc, backslash continuations, an indented block) are one
	// snippet, so there are fewer snippets than lines. Of the 3,348 would-
	// be snippets, 219 (227 lines) are prose, program output or legends
	// (gpg's and openssl's paragraphs, nmap's lists of port states, java's
	// example output, rules of dashes, 7z's and quickemu's lists of
	// options): counted as omitted, their lines not counted as commands'
	// lines.
	ch, reports := load("cheat")
	blocks, skippedLines := 0, 0
	for _, r := range reports {
		data, err := os.ReadFile(r.Path)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := cheat.Parse(r.Path, "", data)
		blocks += s.Blocks
		skippedLines += s.SkippedLines
		if s.Skipped != r.Omitted || s.Skipped > 0 && r.Why != notCommands {
			t.Errorf("%s: %d skipped, report says %d omitted (%s)", r.Path, s.Skipped, r.Omitted, r.Why)
		}
	}
	if ch.Format != FormatCheat || ch.Files != 279 || ch.Lines+skippedLines != 3593+2 || blocks != 2575-2 || ch.License != "CC0-1.0" {
		t.Errorf("cheat: %+v, %d blocks, %d lines skipped", ch, blocks, skippedLines)
	}
	if ch.Snippets+ch.Omitted != 3348 || ch.Omitted != 219 || skippedLines != 227 {
		t.Errorf("cheat: %d snippets, %d omitted (%d lines)", ch.Snippets, ch.Omitted, skippedLines)
	}

	// navi: 33 cheats, 652 command lines in 603 entries: one item each.
	nv, reports := load("navi")
	problems := 0
	for _, r := range reports {
		problems += len(r.Problems)
	}
	if nv.Format != FormatNavi || nv.Files != 33 || nv.Lines != 652 || nv.Snippets != 603 || nv.Omitted != 0 || nv.License != "CC0-1.0" {
		t.Errorf("navi: %+v", nv)
	}
	// git.cheat's "--multi true" is an option navi itself rejects.
	if problems != 2 {
		t.Errorf("navi: %d problems", problems)
	}
}

// TestCorporaProse: the lines issue 10 found indexed as commands (nmap's
// list of port states, ranked first for "what ports are open"; java's
// example output, ranked first for "how to check which version of ubuntu
// I am running") are not, and git's "To sync a fork" block is one command
// per line, each described by its own comment.
func TestCorporaProse(t *testing.T) {
	needCorpora(t)
	set := New(Options{Paths: []string{filepath.Join(corpora, "cheat")}, NoBundled: true})
	snips, _, err := set.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	fork := 0
	for _, s := range snips {
		switch base := filepath.Base(s.Source); {
		case base == "nmap" && strings.HasPrefix(s.Command, "- Open:"),
			base == "java" && strings.Contains(s.Command, "OpenJDK Runtime Environment"):
			t.Errorf("%s:%d indexed as a command: %q", base, s.Line, s.Command)
		case base == "git" && strings.HasPrefix(s.Command, "git fetch upstream"):
			fork++
			if s.Command != "git fetch upstream" || !strings.HasSuffix(s.Description, "Get branches") {
				t.Errorf("git:%d: %q described %q", s.Line, s.Command, s.Description)
			}
		}
	}
	if fork != 1 {
		t.Errorf("%d snippets for git fetch upstream", fork)
	}
}

// The fingerprint is computed on every query, so it must stay far below
// the 10 ms query budget. Without a state directory every file of the
// corpora is stat'ed; with one, only their folders (after the first call,
// which sweeps).
func BenchmarkFingerprintCorpora(b *testing.B) {
	needCorpora(b)
	set := New(Options{Paths: corporaPaths(), NoBundled: true})
	for b.Loop() {
		set.Fingerprint()
	}
}

func BenchmarkFingerprintCorporaState(b *testing.B) {
	needCorpora(b)
	set := New(Options{Paths: corporaPaths(), NoBundled: true, StateDir: b.TempDir()})
	set.Fingerprint()
	for b.Loop() {
		set.Fingerprint()
	}
	if set.sweeps != len(corporaPaths()) {
		b.Errorf("%d sweeps", set.sweeps)
	}
}

// A sweep, as paid every Options.SweepEvery, or after a change.
func BenchmarkFingerprintCorporaSweep(b *testing.B) {
	needCorpora(b)
	set := New(Options{Paths: corporaPaths(), NoBundled: true})
	roots, _ := set.existingRoots()
	for b.Loop() {
		for _, r := range roots {
			set.sweepRoot(context.Background(), &rootScan{root: r.path, real: RealPath(r.path)})
		}
	}
}

func BenchmarkLoadCorpora(b *testing.B) {
	needCorpora(b)
	set := New(Options{Paths: corporaPaths(), NoBundled: true})
	for b.Loop() {
		set.Load(context.Background())
	}
}

func corporaPaths() []string {
	return []string{
		filepath.Join(corpora, "tldr"), filepath.Join(corpora, "cheat"), filepath.Join(corpora, "navi"),
		filepath.Join(corpora, "..", "notes"),
	}
}
