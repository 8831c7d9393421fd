package source

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/howcli/how/internal/snippet"
)

// loadUnits plans the set and loads every unit, as the index builds them.
func loadUnits(t *testing.T, s *Set) (*Plan, [][]snippet.Snippet) {
	t.Helper()
	p, err := s.Plan(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	all := make([]int, len(p.Units))
	for i := range all {
		all[i] = i
	}
	snips, _, err := p.Load(context.Background(), all, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p, snips
}

// keys are the plan's unit keys by unit name.
func keys(p *Plan) map[string]string {
	out := map[string]string{}
	for _, u := range p.Units {
		out[u.Name] = u.Key
	}
	return out
}

// TestPlanLoadsWhatLoadReads: the units of a set, loaded one by one, hold
// what Load reads, in its order: notes, collections of every kind, a file
// given on its own next to another (their notes share names as a folder's
// do), the personal sheet, the bundled sheets.
func TestPlanLoadsWhatLoadReads(t *testing.T) {
	root := home(t)
	alone := t.TempDir()
	write(t, filepath.Join(alone, "a.md"), "```bash\nflagctl set billing.pdf --percent 25\n```\n")
	write(t, filepath.Join(alone, "b.txt"), "turning a flag off: flagctl kill billing.pdf\n")
	write(t, filepath.Join(root, "notes", "runbook.txt"), "turning a flag off: flagctl kill billing.pdf\n")
	write(t, filepath.Join(root, "notes", "flags.md"), "```bash\nflagctl set billing.pdf --percent 25\n```\n")
	personal := filepath.Join(t.TempDir(), "personal.md")
	write(t, personal, "# personal\n\n- list files:\n\n`ls -la`\n")
	for _, opts := range []Options{
		{Paths: []string{root, filepath.Join(alone, "a.md"), filepath.Join(alone, "b.txt")}, Personal: personal, Bundled: bundled},
		{Paths: []string{filepath.Join(root, "tldr"), filepath.Join(root, "notes")}, NoBundled: true},
		{Paths: []string{root}, NoBundled: true, StateDir: t.TempDir()},
	} {
		want, _, err := New(opts).Load(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		p, units := loadUnits(t, New(opts))
		var got []snippet.Snippet
		for _, u := range units {
			got = append(got, u...)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%v: units hold\n%s\nLoad reads\n%s", opts.Paths, describe(got), describe(want))
		}
		if len(p.Units) < 2 {
			t.Errorf("%v: %d units", opts.Paths, len(p.Units))
		}
		// What the notes share is in them: flagctl is a program in b.txt
		// and in runbook.txt only because of a.md and flags.md.
		if opts.Personal != "" && !slices.ContainsFunc(got, func(s snippet.Snippet) bool {
			return s.Command == "flagctl kill billing.pdf" && filepath.Base(s.Source) == "b.txt"
		}) {
			t.Errorf("b.txt did not learn flagctl from a.md:\n%s", describe(got))
		}
	}
}

func describe(snips []snippet.Snippet) string {
	var b strings.Builder
	for _, s := range snips {
		fmt.Fprintf(&b, "  %s:%d %s %q %v\n", s.Source, s.Line, s.Origin, s.Command, s.Tags)
	}
	return b.String()
}

// TestPlanShares: a large notes folder is shared among units, each file in
// one; together they hold what Load reads.
func TestPlanShares(t *testing.T) {
	defer func(n int) { notesPerUnit = n }(notesPerUnit)
	notesPerUnit = 10
	root := t.TempDir()
	for i := range 45 {
		write(t, filepath.Join(root, fmt.Sprintf("n%02d.md", i)), fmt.Sprintf("```\nsystemctl restart app%02d   # restart app%02d\n```\n", i, i))
	}
	set := New(Options{Paths: []string{root}, NoBundled: true, StateDir: t.TempDir()})
	want, _, err := set.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	p, units := loadUnits(t, set)
	if len(p.Units) != 5 {
		t.Errorf("%d units for 45 notes of 10 a unit", len(p.Units))
	}
	var got []snippet.Snippet
	for _, u := range units {
		got = append(got, u...)
	}
	bySource := func(s []snippet.Snippet) []snippet.Snippet {
		s = slices.Clone(s)
		slices.SortStableFunc(s, func(a, b snippet.Snippet) int { return strings.Compare(a.Source, b.Source) })
		return s
	}
	if !reflect.DeepEqual(bySource(got), bySource(want)) {
		t.Errorf("units hold\n%s\nLoad reads\n%s", describe(bySource(got)), describe(bySource(want)))
	}
	// More notes, as long as they have not doubled: the same shares.
	write(t, filepath.Join(root, "n99.md"), "```\nls\n```\n")
	if p2, _ := loadUnits(t, set); len(p2.Units) != 5 {
		t.Errorf("%d units after one note more", len(p2.Units))
	}
}

// TestPlanKeys: a change changes the key of the units it touches, and
// only theirs: an edit, a new note, a rename or a removal in a notes
// folder changes its unit; a note that teaches its folder a new program
// name changes the units of that folder's notes; options change all.
func TestPlanKeys(t *testing.T) {
	defer func(n int) { notesPerUnit = n }(notesPerUnit)
	notesPerUnit = 4
	root := home(t)
	notes := filepath.Join(root, "notes")
	for i := range 10 {
		write(t, filepath.Join(notes, "more", fmt.Sprintf("m%d.md", i)), fmt.Sprintf("```\necho %d\n```\n", i))
	}
	clk := &clock{time.Now().Add(time.Minute)}
	state := t.TempDir()
	set := func() *Set {
		return New(Options{Paths: []string{root}, NoBundled: true, StateDir: state, Now: clk.now})
	}
	prev := keys(mustPlan(t, set()))
	if again := keys(mustPlan(t, set())); !reflect.DeepEqual(again, prev) {
		t.Fatalf("keys changed with nothing changed:\n%v\n%v", prev, again)
	}
	changed := func(name string, change func(), want int) {
		t.Helper()
		change()
		clk.t = clk.t.Add(time.Second)
		// A plan that finds every note as it was reuses the keys the
		// state kept: they must be the ones worked out afresh from the
		// same state.
		copied := t.TempDir()
		if err := os.CopyFS(copied, os.DirFS(state)); err != nil {
			t.Fatal(err)
		}
		now := keys(mustPlan(t, set()))
		reuseKeys = false
		fresh := keys(mustPlan(t, New(Options{Paths: []string{root}, NoBundled: true, StateDir: copied, Now: clk.now})))
		reuseKeys = true
		if !reflect.DeepEqual(now, fresh) {
			t.Errorf("%s: keys from the state\n%v\nworked out afresh\n%v", name, now, fresh)
		}
		n := 0
		for u, k := range now {
			if prev[u] != k {
				n++
			}
		}
		for u := range prev {
			if _, ok := now[u]; !ok {
				n++
			}
		}
		if n != want {
			t.Errorf("%s: %d units changed, want %d\nbefore %v\nafter  %v", name, n, want, prev, now)
		}
		prev = now
	}
	later := func(p string) {
		future := clk.t.Add(time.Hour)
		os.Chtimes(p, future, future)
	}
	changed("nothing", func() {}, 0)
	changed("nothing again, keys from the state", func() {}, 0)
	changed("a note edited in place", func() {
		p := filepath.Join(notes, "more", "m3.md")
		write(t, p, "```\necho three\n```\n")
		later(p)
	}, 1)
	changed("a cheat sheet edited", func() {
		p := filepath.Join(root, "cheats", "df")
		write(t, p, "# To show free space in human units:\ndf -h\n")
		later(p)
		later(filepath.Dir(p))
	}, 1)
	changed("a note added", func() {
		write(t, filepath.Join(notes, "more", "new.md"), "```\necho new\n```\n")
		later(filepath.Join(notes, "more"))
	}, 1)
	changed("a note removed", func() {
		os.Remove(filepath.Join(notes, "more", "m5.md"))
		later(filepath.Join(notes, "more"))
	}, 1)
	changed("a note teaches its folder a program", func() {
		write(t, filepath.Join(notes, "more", "m0.md"), "```bash\nfrobctl rotate --all\n```\n")
		later(filepath.Join(notes, "more", "m0.md"))
	}, 3) // every unit holding a note of more/, of 10 in 3 shares
}

func mustPlan(t *testing.T, s *Set) *Plan {
	t.Helper()
	p, err := s.Plan(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return p
}
