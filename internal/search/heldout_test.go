package search

import (
	"context"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
)

// The held-out sets are queries written for this package, by reading the
// notes and before looking at any ranking, so that changes tuned on
// ../shared/eval/queries.jsonl can be checked on questions they were not
// tuned on:
//
//   - testdata/heldout-notes.jsonl asks about ../shared/notes, as the
//     bundled sheets carry them (what `how` searches by default);
//   - testdata/heldout-external.jsonl asks about the strangers' notes in
//     ../shared/corpora/notes-external, indexed on their own
//     (HOW_NO_BUNDLED=1 HOW_PATH=...).
//
// Same shape and styles as queries.jsonl. Like the yardstick, the tests
// log every miss and the figures per style, and fail only below a floor
// far under the product's bar: they are a check that ranking generalizes,
// not a target to tune until perfect.
const (
	heldoutFloorHit1 = 0.70
	heldoutFloorHit5 = 0.85
)

func TestHeldoutNotes(t *testing.T) {
	if testing.Short() {
		t.Skip("held-out set skipped in -short mode")
	}
	heldout(t, "heldout-notes.jsonl", source.Options{})
}

func TestHeldoutExternal(t *testing.T) {
	if testing.Short() {
		t.Skip("held-out set skipped in -short mode")
	}
	dir := filepath.Join(sharedDir, "corpora", "notes-external")
	heldout(t, "heldout-external.jsonl", source.Options{Paths: []string{dir}, NoBundled: true})
}

func heldout(t *testing.T, name string, opts source.Options) {
	if len(opts.Paths) > 0 {
		// Skips when ../shared is not there.
		readJSONL[evalQuery](t, filepath.Join(sharedDir, "eval", "queries.jsonl"))
	}
	queries := readJSONL[evalQuery](t, filepath.Join("testdata", name))
	ix, _ := indexSources(t, opts)
	all := measure(t, ix, queries)
	if all.rate1() < heldoutFloorHit1 || all.rate5() < heldoutFloorHit5 {
		t.Errorf("%s: hit@1 %.3f, hit@5 %.3f: below the floor (%.2f, %.2f)",
			name, all.rate1(), all.rate5(), heldoutFloorHit1, heldoutFloorHit5)
	}
}

// indexSources reads what opts says, as `how` does, and indexes it on
// disk; it skips when a source cannot be read or holds nothing (../shared
// is not beside the project). It returns the snippets too, so that a test
// can check its labels against what was indexed.
func indexSources(t *testing.T, opts source.Options) (*index.Index, []snippet.Snippet) {
	t.Helper()
	snips, reports, err := source.New(opts).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		if r.Err != nil {
			t.Skipf("%s: %v", r.Path, r.Err)
		}
	}
	if len(snips) == 0 {
		t.Skip("no snippets to index")
	}
	return buildIndex(t, snips), snips
}

type tally struct{ n, hit1, hit5 int }

func (x tally) rate1() float64 { return float64(x.hit1) / float64(max(x.n, 1)) }
func (x tally) rate5() float64 { return float64(x.hit5) / float64(max(x.n, 1)) }

// add counts one query whose first right answer came at rank (0: none).
func (x *tally) add(rank int) {
	x.n++
	if rank == 1 {
		x.hit1++
	}
	if rank >= 1 {
		x.hit5++
	}
}

// answer runs q as typed, five results, on host, and returns them with the rank of
// the first right one (0 when none is): a result is right when its command
// is one of q.Expect (whitespace folded) or matches q.Want.
func answer(t *testing.T, ix *index.Index, q evalQuery, host *Host) ([]Result, int) {
	t.Helper()
	var want *regexp.Regexp
	if q.Want != "" {
		var err error
		if want, err = regexp.Compile(q.Want); err != nil {
			t.Fatalf("%s: want: %v", q.ID, err)
		}
	}
	res, err := Run(ix, Query{Words: strings.Fields(q.Query), Limit: 5, Explain: testing.Verbose(), Host: host})
	if err != nil {
		t.Fatalf("%s: %v", q.Query, err)
	}
	right := map[string]bool{}
	for _, e := range q.Expect {
		right[normCmd(e)] = true
	}
	for i, r := range res {
		if right[normCmd(r.Command)] || want != nil && want.MatchString(r.Command) {
			return res, i + 1
		}
	}
	return res, 0
}

// measure runs the queries, logs each miss at rank 1 and the figures per
// style, and returns the overall tally.
func measure(t *testing.T, ix *index.Index, queries []evalQuery) tally {
	t.Helper()
	styles := map[string]*tally{}
	var all tally
	for _, q := range queries {
		res, rank := answer(t, ix, q, nil)
		st := styles[q.Style]
		if st == nil {
			st = &tally{}
			styles[q.Style] = st
		}
		st.add(rank)
		all.add(rank)
		if rank != 1 {
			var got []string
			for _, r := range res {
				got = append(got, r.Command)
			}
			t.Logf("rank %d  %-9s %q\n      want %q\n      got  %q", rank, q.Style, q.Query, q.Expect[0], got)
			if testing.Verbose() && len(res) > 0 {
				t.Logf("      top: %s", res[0].Explanation)
			}
		}
	}
	var names []string
	for s := range styles {
		names = append(names, s)
	}
	sort.Strings(names)
	for _, s := range names {
		x := styles[s]
		t.Logf("%-10s hit@1 %2d/%2d  hit@5 %2d/%2d", s, x.hit1, x.n, x.hit5, x.n)
	}
	t.Logf("%-10s hit@1 %.3f  hit@5 %.3f  (n=%d)", "all", all.rate1(), all.rate5(), all.n)
	return all
}
