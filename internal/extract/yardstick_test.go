package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/testfiles"
)

// shared is the folder beside the project holding the notes and the
// hand-labelled yardsticks; tests that need it skip without it.
const shared = "../../../shared"

// Label is one hand-labelled command of a yardstick. gold-001 names its
// note as seed; the open-world set (testdata/openworld) names it as note,
// with the split it belongs to. Label and Score are exported for the
// open-world test, which lives in package extract_test because it reads
// notes through package source, as `how extract` does, and source imports
// this package.
type Label struct {
	Seed    string `json:"seed"`
	Note    string `json:"note"`
	Split   string `json:"split"`
	Line    int    `json:"line"`
	Command string `json:"command"`
	Core    bool   `json:"core"`
}

var (
	foldRe   = regexp.MustCompile(`\s+`)
	promptRe = regexp.MustCompile(`^\s*\$\s+`)
)

// norm compares commands the way ../shared/eval/run_eval.py does.
func norm(c string) string {
	c = strings.ReplaceAll(c, "\\\n", " ")
	c = promptRe.ReplaceAllString(c, "")
	return strings.TrimSpace(foldRe.ReplaceAllString(c, " "))
}

// StartsIn reports, as an error, whether the note's line l.Line does not
// hold the start of l.Command as it is compared (so continuations, prompts
// and heredocs are read as the scorer reads them): labels must follow
// their note when it is edited.
func (l Label) StartsIn(note []byte) error {
	lines := strings.Split(string(note), "\n")
	if l.Line < 1 || l.Line > len(lines) {
		return fmt.Errorf("line %d is outside the note (%d lines)", l.Line, len(lines))
	}
	// A labelled command spans at most maxSpan lines, as extracted ones do.
	text := norm(strings.Join(lines[l.Line-1:min(len(lines), l.Line-1+maxSpan)], "\n"))
	i := strings.Index(text, norm(l.Command))
	if i < 0 || i >= len(norm(lines[l.Line-1])) {
		return fmt.Errorf("line %d does not start %.60q", l.Line, l.Command)
	}
	return nil
}

// Tally is how extracted commands compare with their labels, counted as
// run_eval.py counts: an extracted command is true when a label of its
// note holds it (core or not), and each core label is found or missed.
type Tally struct {
	True, False, Hit, Core int
	// Extra are the extracted commands no label holds, Missed the core
	// labels nothing extracted matches.
	Extra  []string
	Missed []Label
}

// Score compares the commands extracted from one note with its labels.
func Score(labels []Label, got []snippet.Snippet) Tally {
	var t Tally
	all := map[string]bool{}
	for _, l := range labels {
		all[norm(l.Command)] = true
	}
	seen := map[string]bool{}
	for _, s := range got {
		c := norm(s.Command)
		if seen[c] {
			continue
		}
		seen[c] = true
		if all[c] {
			t.True++
		} else {
			t.False++
			t.Extra = append(t.Extra, c)
		}
	}
	for _, l := range labels {
		if !l.Core {
			continue
		}
		t.Core++
		if seen[norm(l.Command)] {
			t.Hit++
		} else {
			t.Missed = append(t.Missed, l)
		}
	}
	return t
}

// Add counts o's commands in t as well.
func (t *Tally) Add(o Tally) {
	t.True += o.True
	t.False += o.False
	t.Hit += o.Hit
	t.Core += o.Core
	t.Extra = append(t.Extra, o.Extra...)
	t.Missed = append(t.Missed, o.Missed...)
}

// Precision is the share of extracted commands that are labelled.
func (t Tally) Precision() float64 { return float64(t.True) / float64(max(1, t.True+t.False)) }

// Recall is the share of core labels extracted.
func (t Tally) Recall() float64 { return float64(t.Hit) / float64(max(1, t.Core)) }

func (t Tally) String() string {
	return fmt.Sprintf("extracted=%d true=%d false=%d core=%d/%d precision=%.3f core_recall=%.3f",
		t.True+t.False, t.True, t.False, t.Hit, t.Core, t.Precision(), t.Recall())
}

// Log writes what t got wrong to the test log: each extra command and
// each core label missed.
func (t Tally) Log(tb testing.TB) {
	tb.Helper()
	for _, c := range t.Extra {
		tb.Logf("extra:  %.110s", c)
	}
	for _, l := range t.Missed {
		where := fmt.Sprint(l.Line)
		if l.Note != "" {
			where = l.Note + ":" + where
		}
		tb.Logf("missed: %s: %.100s", where, norm(l.Command))
	}
}

// TestYardstick measures extraction of note 001 against its hand labels:
// precision and core recall must both reach 0.97 (DESIGN.md, quality bars).
func TestYardstick(t *testing.T) {
	goldPath := filepath.Join(shared, "eval", "gold-001.jsonl")
	notePath := filepath.Join(shared, "notes", "001_d4f9014c8c39efe2.txt")
	gold, err := testfiles.JSONL[Label](t, goldPath)
	if err != nil {
		t.Skipf("no yardstick here (%v)", err)
	}
	data, err := os.ReadFile(notePath)
	if err != nil {
		t.Skipf("no notes here (%v)", err)
	}
	got := Score(gold, Text(filepath.Base(notePath), data))
	got.Log(t)
	t.Log(got)
	if got.Precision() < 0.97 || got.Recall() < 0.97 {
		t.Errorf("below the bar: precision %.3f, core recall %.3f (both must be >= 0.97)", got.Precision(), got.Recall())
	}
}

// TestDump prints what is extracted from the files in HOW_DUMP (a
// :-separated list), for reading by eye: go test -run TestDump -v.
func TestDump(t *testing.T) {
	paths := os.Getenv("HOW_DUMP")
	if paths == "" {
		t.Skip("set HOW_DUMP to files to dump")
	}
	for _, p := range filepath.SplitList(paths) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range Text(filepath.Base(p), data) {
			t.Logf("%5d %-12s %-70q | %s | %s", s.Line, s.Tool, s.Command, s.Description, s.Section)
		}
	}
}
