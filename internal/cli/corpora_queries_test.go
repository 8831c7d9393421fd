package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/config"
	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/search"
	"github.com/howcli/how/internal/source"
	"github.com/howcli/how/internal/testfiles"
)

// corporaDir is ../shared/corpora, the real tldr, cheat and navi
// collections (see its SOURCES.md).
var corporaDir = filepath.Join("..", "..", "..", "shared", "corpora")

// corpusQuery is one line of testdata/corpora-queries.jsonl: a query and
// what a right answer's command looks like. The queries besides the three
// of issue 6 were written before any result was looked at, so that they
// measure ranking rather than repeat it.
type corpusQuery struct {
	Query string `json:"query"`
	Want  string `json:"want"`
	From  string `json:"from"`
	// Note says how the pattern changed after the first run, if it did;
	// Known explains a miss that is known and left to the ranking.
	Note  string `json:"note"`
	Known string `json:"known"`
}

// TestCorporaQueries indexes the three corpora with the bundled sheets,
// as HOW_PATH=../shared/corpora/{tldr,cheat,navi} does, and checks that
// the queries put a right command first; for all the queries it
// reports hit@1 and hit@5, and fails below a floor that catches a
// ranking or importer regression without pinning today's numbers.
func TestCorporaQueries(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 35k commands")
	}
	if _, err := os.Stat(filepath.Join(corporaDir, "SOURCES.md")); err != nil {
		t.Skip("no ../shared/corpora")
	}
	queries := readQueries(t)
	dir := t.TempDir()
	ios, _, _, _ := iostreams.Test()
	howPath := strings.Join([]string{filepath.Join(corporaDir, "tldr"), filepath.Join(corporaDir, "cheat"), filepath.Join(corporaDir, "navi")},
		string(filepath.ListSeparator))
	f := &cmdutil.Factory{
		IO:     ios,
		Getenv: func(k string) string { return map[string]string{"HOW_PATH": howPath}[k] },
		Dirs: func() (config.Dirs, error) {
			return config.Dirs{Config: filepath.Join(dir, "config"), Cache: filepath.Join(dir, "cache"), Data: filepath.Join(dir, "data")}, nil
		},
	}
	opts := f.SourceOptions(cmdutil.SourceFlags{})
	opts.Platform = "linux" // which tldr pages win must not depend on the machine
	set := source.New(opts)
	start := time.Now()
	hit1, hit5 := 0, 0
	c, err := f.Indexes()
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.With(context.Background(), set, func(ix *index.Index) error {
		n := ix.DocCount()
		t.Logf("index: %d documents, ready in %v", n, time.Since(start).Round(time.Millisecond))
		for _, q := range queries {
			re := regexp.MustCompile(q.Want)
			results, err := search.Run(ix, search.Query{Words: strings.Fields(q.Query), Limit: 5})
			if err != nil {
				return err
			}
			rank := 0
			for i, r := range results {
				if re.MatchString(r.Command) {
					rank = i + 1
					break
				}
			}
			top := "(nothing)"
			if len(results) > 0 {
				top = results[0].Command + "  [" + results[0].Origin + " " + filepath.Base(results[0].Source) + "]"
			}
			switch {
			case rank == 1:
				hit1++
				hit5++
			case rank > 1:
				hit5++
			}
			t.Logf("%-45q rank %d  first: %s", q.Query, rank, top)
			switch {
			case q.From == "issue 6" && rank != 1 && q.Known != "":
				t.Logf("  known miss: %s", q.Known)
				if rank == 0 {
					t.Errorf("%q: no right command in the first 5 (known: %s)", q.Query, q.Known)
				}
			case q.From == "issue 6" && rank != 1:
				t.Errorf("%q: a right command is not first (rank %d); first is %s", q.Query, rank, top)
			}
		}
		// Queries that mean nothing find nothing here either, where their
		// words come closest to something (plugh is one edit from plugn,
		// llama names a program).
		for _, q := range nonsenseQueries(t) {
			results, err := search.Run(ix, search.Query{Words: strings.Fields(q), Limit: 5, Explain: true})
			if err != nil {
				return err
			}
			if len(results) > 0 {
				t.Errorf("nonsense %q found %q (covers %.2f of it)\n%s", q, results[0].Command, results[0].Coverage, results[0].Explanation)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	n := len(queries)
	t.Logf("hit@1 %d/%d (%.0f%%), hit@5 %d/%d (%.0f%%)", hit1, n, 100*float64(hit1)/float64(n), hit5, n, 100*float64(hit5)/float64(n))
	if hit1*10 < n*7 || hit5*10 < n*9 {
		t.Errorf("hit@1 %d/%d, hit@5 %d/%d: below the floor (70%%, 90%%)", hit1, n, hit5, n)
	}
}

func readQueries(t *testing.T) []corpusQuery {
	t.Helper()
	qs, err := testfiles.JSONL[corpusQuery](t, filepath.Join("testdata", "corpora-queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

// nonsenseQueries are the search package's queries that mean nothing.
func nonsenseQueries(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "search", "testdata", "nonsense.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			qs = append(qs, l)
		}
	}
	return qs
}
