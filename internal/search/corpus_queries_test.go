package search

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/source"
	"github.com/howcli/how/internal/testfiles"
)

// testdata/corpus-queries.jsonl is the yardstick at the scale of a real
// user's collections: every tldr page, cheat sheet and navi cheat in
// ../shared/corpora, plus the bundled sheets made from ../shared/notes.
// It was labelled from the collections alone (grep over commands and
// descriptions, all three collections, every tldr platform), before any
// ranking was run on it, in the styles people type: full questions with
// their framing and typos, keywords, natural phrases, phrases that do not
// name the program, misspellings and bare program names.
//
// Each query's expect lists every command that correctly and directly
// answers it, as its source writes it; want, when present, is a regexp for
// a large regular set. How the labels were judged:
//
//   - the machine is Debian: other distributions' package managers, and
//     macOS-only commands, are wrong unless the query names them;
//   - a command is right with the program the query names or, when none is
//     named, with a program a Linux user has or is commonly pointed to;
//     niche programs that happen to do the same are not counted;
//   - a line that answers by substituting its placeholder or example
//     values (another port, another file) is right; a note says so where
//     that was a judgement.
//
// The split is stratified by style (alternating within each style). Tune
// on dev; test is read only when a change is final, so its misses are
// never printed.
//
// Ranking does not reach the bar yet (issue 13), so the test only reports
// unless HOW_CORPUS_BARS=1; the lead turns the bar on when issue 13 lands.
const (
	corpusBarHit1  = 0.80
	corpusBarHit5  = 0.93
	corpusBarStyle = 0.70
)

func TestCorpusQueries(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 34k commands")
	}
	queries := corpusQueries(t)
	ix, snips := indexSources(t, corporaOptions(t))
	indexed := map[string]bool{}
	for _, s := range snips {
		indexed[normCmd(s.Command)] = true
	}

	tallies := map[string]*tally{} // by "split" and "split/style"
	count := func(key string, rank int) {
		if tallies[key] == nil {
			tallies[key] = &tally{}
		}
		tallies[key].add(rank)
	}
	styles := map[string]bool{}
	for _, q := range queries {
		checkLabels(t, q, indexed)
		res, rank := answer(t, ix, q, debianHost)
		styles[q.Style] = true
		count(q.Split, rank)
		count(q.Split+"/"+q.Style, rank)
		if q.Split == "dev" && rank != 1 {
			logDevMiss(t, q, res, rank)
		}
	}

	names := make([]string, 0, len(styles))
	for s := range styles {
		names = append(names, s)
	}
	sort.Strings(names)
	t.Logf("%-10s %21s   %21s", "", "dev", "test")
	t.Logf("%-10s %4s %8s %8s   %4s %8s %8s", "style", "n", "hit@1", "hit@5", "n", "hit@1", "hit@5")
	// HOW_CORPUS_SPLIT=dev hides the test split's figures while tuning:
	// a tuner who sees them tunes to them.
	devOnly := os.Getenv("HOW_CORPUS_SPLIT") == "dev"
	row := func(label, suffix string) {
		dev, test := tallyOf(tallies, "dev"+suffix), tallyOf(tallies, "test"+suffix)
		if devOnly {
			t.Logf("%-10s %4d %8.3f %8.3f   %21s", label, dev.n, dev.rate1(), dev.rate5(), "(hidden)")
			return
		}
		t.Logf("%-10s %4d %8.3f %8.3f   %4d %8.3f %8.3f", label,
			dev.n, dev.rate1(), dev.rate5(), test.n, test.rate1(), test.rate5())
	}
	for _, s := range names {
		row(s, "/"+s)
	}
	row("all", "")

	probeQueries(t, ix)

	if os.Getenv("HOW_CORPUS_BARS") != "1" {
		return
	}
	test := tallyOf(tallies, "test")
	if test.rate1() < corpusBarHit1 || test.rate5() < corpusBarHit5 {
		t.Errorf("test split: hit@1 %.3f, hit@5 %.3f; the bar is %.2f, %.2f",
			test.rate1(), test.rate5(), corpusBarHit1, corpusBarHit5)
	}
	for _, s := range names {
		if x := tallyOf(tallies, "test/"+s); x.rate1() < corpusBarStyle {
			t.Errorf("test split, %s: hit@1 %.3f; the bar is %.2f for every style", s, x.rate1(), corpusBarStyle)
		}
	}
}

// corporaOptions reads every collection in ../shared/corpora (and the
// bundled sheets); it skips without them.
func corporaOptions(t *testing.T) source.Options {
	t.Helper()
	corpora := filepath.Join(sharedDir, "corpora")
	if _, err := os.Stat(filepath.Join(corpora, "SOURCES.md")); err != nil {
		t.Skip("no ../shared/corpora")
	}
	return source.Options{
		Paths: []string{
			filepath.Join(corpora, "tldr"), filepath.Join(corpora, "cheat"), filepath.Join(corpora, "navi"),
		},
		// Which tldr page wins must not depend on the machine.
		Platform: "linux",
	}
}

// corpusQueries reads the labelled set at corpus scale.
func corpusQueries(t *testing.T) []evalQuery {
	t.Helper()
	queries, err := testfiles.JSONL[evalQuery](t, filepath.Join("testdata", "corpus-queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	return queries
}

// debianHost is the machine the labels were judged for: Debian, where
// apt is the package manager and tldr's linux pages are the ones that run.
// It is pinned, not read from the machine the test runs on.
var debianHost = &Host{Platform: "linux", Family: "debian"}

func tallyOf(m map[string]*tally, key string) tally {
	if x := m[key]; x != nil {
		return *x
	}
	return tally{}
}

// checkLabels keeps the labels honest as the collections and the importers
// change: a query needs a split, and at least one of its expected commands
// must still be indexed as written, or it can only miss (a want regexp
// alone is not evidence that a right answer exists). Stale expected
// commands are logged so that they get relabelled.
func checkLabels(t *testing.T, q evalQuery, indexed map[string]bool) {
	t.Helper()
	if q.Split != "dev" && q.Split != "test" {
		t.Errorf("%s: split %q is neither dev nor test", q.ID, q.Split)
	}
	found := 0
	for _, e := range q.Expect {
		if indexed[normCmd(e)] {
			found++
		} else {
			t.Logf("%s: expected command not in the index: %q", q.ID, e)
		}
	}
	if found == 0 {
		t.Errorf("%s %q: none of its %d expected commands is indexed", q.ID, q.Query, len(q.Expect))
	}
}

// logDevMiss shows a tuner what a dev query got instead of a right answer.
func logDevMiss(t *testing.T, q evalQuery, res []Result, rank int) {
	t.Helper()
	first := "(nothing)"
	if len(res) > 0 {
		first = fmt.Sprintf("%s  [%s %s]", res[0].Command, res[0].Origin, filepath.Base(res[0].Source))
	}
	want := fmt.Sprintf("%q", q.Expect[0])
	if n := len(q.Expect) - 1; n > 0 {
		want += fmt.Sprintf(" (+%d more)", n)
	}
	if q.Want != "" {
		want += " or /" + q.Want + "/"
	}
	t.Logf("dev miss %s %-9s rank %d  %q\n      first %s\n      want  %s",
		q.ID, q.Style, rank, q.Query, strings.ReplaceAll(first, "\n", "⏎"), want)
	if testing.Verbose() && len(res) > 0 {
		t.Logf("      why: %s", res[0].Explanation)
	}
}

// probeQueries reports on testdata/probe-queries.jsonl, each query with a
// regexp for its right commands (matched as written and as typed, tldr's
// placeholders filled), in batches, each written in one sitting before
// the changes it was then used to check: questions as titled on Q&A sites
// and misspelt requests (styles question and typo), which guided the
// question reader's "of a Linux server" and swapped letters; more
// questions (question-2 to question-7), requests that name no program
// (no-tool-2) and requests in the corpus queries' other styles
// (natural-2). A batch's first reading is the one that says how the
// changes before it generalise; after that it is a tuning set, not a
// held-out one: its misses are shown, and it has no bar.
func probeQueries(t *testing.T, ix *index.Index) {
	t.Helper()
	queries, err := testfiles.JSONL[evalQuery](t, filepath.Join("testdata", "probe-queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	tallies := map[string]*tally{}
	for _, q := range queries {
		res, rank := probeAnswer(t, ix, q)
		if tallies[q.Style] == nil {
			tallies[q.Style] = &tally{}
		}
		tallies[q.Style].add(rank)
		if rank != 1 {
			first := "(nothing)"
			if len(res) > 0 {
				first = res[0].Command
			}
			t.Logf("probe miss %s rank %d  %q  first %s", q.ID, rank, q.Query, strings.ReplaceAll(first, "\n", "⏎"))
		}
	}
	for _, style := range slices.Sorted(maps.Keys(tallies)) {
		x := tallies[style]
		t.Logf("probe %-9s %4d %8.3f %8.3f", style, x.n, x.rate1(), x.rate5())
	}
}

// tldr's option placeholders ({{[-l|--list]}}) and values ({{file}}) as
// typed: the probes' regexps are written for commands as people type them.
var (
	tldrOption = regexp.MustCompile(`\{\{\[([^|\]]+)\|[^\]]*\]\}\}`)
	tldrValue  = regexp.MustCompile(`\{\{([^}]*)\}\}`)
)

// probeAnswer is answer for a probe: the rank of the first result whose
// command, as written or as typed (with or without sudo), its regexp
// matches.
func probeAnswer(t *testing.T, ix *index.Index, q evalQuery) ([]Result, int) {
	t.Helper()
	want := regexp.MustCompile(q.Want)
	res, err := Run(ix, Query{Words: strings.Fields(q.Query), Limit: 5, Host: debianHost})
	if err != nil {
		t.Fatalf("%s: %v", q.Query, err)
	}
	for i, r := range res {
		typed := tldrValue.ReplaceAllString(tldrOption.ReplaceAllString(r.Command, "$1"), "$1")
		unprivileged, _ := strings.CutPrefix(typed, "sudo ")
		if want.MatchString(r.Command) || want.MatchString(typed) || want.MatchString(unprivileged) {
			return res, i + 1
		}
	}
	return res, 0
}
