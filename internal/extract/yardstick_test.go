package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/howcli/how/internal/testfiles"
)

// shared is the folder beside the project holding the notes and the
// hand-labelled yardsticks; tests that need it skip without it.
const shared = "../../../shared"

type goldEntry struct {
	Seed    string `json:"seed"`
	Line    int    `json:"line"`
	Command string `json:"command"`
	Core    bool   `json:"core"`
}

var foldRe = regexp.MustCompile(`\s+`)

// norm compares commands the way ../shared/eval/run_eval.py does.
func norm(c string) string {
	c = strings.ReplaceAll(c, "\\\n", " ")
	c = regexp.MustCompile(`^\s*\$\s+`).ReplaceAllString(c, "")
	return strings.TrimSpace(foldRe.ReplaceAllString(c, " "))
}

// TestYardstick measures extraction of note 001 against its hand labels:
// precision and core recall must both reach 0.97 (DESIGN.md, quality bars).
func TestYardstick(t *testing.T) {
	goldPath := filepath.Join(shared, "eval", "gold-001.jsonl")
	notePath := filepath.Join(shared, "notes", "001_d4f9014c8c39efe2.txt")
	gold, err := testfiles.JSONL[goldEntry](t, goldPath)
	if err != nil {
		t.Skipf("no yardstick here (%v)", err)
	}
	data, err := os.ReadFile(notePath)
	if err != nil {
		t.Skipf("no notes here (%v)", err)
	}
	all := map[string]bool{}
	var core []goldEntry
	for _, g := range gold {
		all[norm(g.Command)] = true
		if g.Core {
			core = append(core, g)
		}
	}
	got := map[string]bool{}
	for _, s := range Text(filepath.Base(notePath), data) {
		got[norm(s.Command)] = true
	}
	tp, fp := 0, 0
	for c := range got {
		if all[c] {
			tp++
		} else {
			fp++
			t.Logf("extra:  %.110s", c)
		}
	}
	hit := 0
	for _, g := range core {
		if got[norm(g.Command)] {
			hit++
		} else {
			t.Logf("missed: %d: %.100s", g.Line, g.Command)
		}
	}
	precision := float64(tp) / float64(max(1, tp+fp))
	recall := float64(hit) / float64(max(1, len(core)))
	t.Logf("extracted=%d true=%d false=%d core=%d/%d precision=%.3f core_recall=%.3f",
		tp+fp, tp, fp, hit, len(core), precision, recall)
	if precision < 0.97 || recall < 0.97 {
		t.Errorf("below the bar: precision %.3f, core recall %.3f (both must be >= 0.97)", precision, recall)
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
