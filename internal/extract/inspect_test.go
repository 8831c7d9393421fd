package extract

import (
	"os"
	"strings"
	"testing"
)

// TestDebugJudge shows the verdict on HOW_JUDGE, for tuning by hand.
func TestDebugJudge(t *testing.T) {
	s := os.Getenv("HOW_JUDGE")
	if s == "" {
		t.Skip()
	}
	v := judge(s, judgeOpts{})
	t.Logf("%+v", v)
}

// TestMissed lists lines of HOW_MISSED whose first word is a known program
// but that no snippet covers: a reading list for finding misses.
func TestMissed(t *testing.T) {
	p := os.Getenv("HOW_MISSED")
	if p == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(p)
	covered := map[int]bool{}
	for _, s := range Text(p, data) {
		n := strings.Count(s.Command, "\n")
		for i := 0; i <= n; i++ {
			covered[s.Line+i] = true
		}
	}
	for i, l := range strings.Split(string(data), "\n") {
		f := strings.Fields(strings.TrimLeft(l, "$#>→ \t"))
		if len(f) == 0 || covered[i+1] {
			continue
		}
		if _, ok := programs.lookup(f[0]); ok {
			t.Logf("%5d %.150s", i+1, l)
		}
	}
}
