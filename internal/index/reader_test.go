package index

import (
	"math/rand"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// osa is the optimal string alignment distance, computed in full: the
// reference editMatcher (which gives up early) must agree with.
func osa(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestEditMatcher(t *testing.T) {
	for _, c := range []struct {
		a, b string
		max  int
		want int // -1: no match
	}{
		{"journalctl", "jounralctl", 1, 1},
		{"journalctl", "journalctl", 1, 0},
		{"follow", "folow", 1, 1},
		{"follow", "fllw", 1, -1},
		{"systemctl", "systemclt", 1, 1},
		{"ab", "ba", 1, 1},
		{"", "a", 1, 1},
		{"kubectl", "kubctl", 2, 1},
		{"naïve", "naive", 1, 1},
	} {
		m := &editMatcher{term: []rune(c.a), max: c.max}
		ok, d := m.MatchAndDistance(c.b)
		if c.want < 0 && ok || c.want >= 0 && (!ok || int(d) != c.want) {
			t.Errorf("%q ~ %q within %d: %v %d, want %d", c.a, c.b, c.max, ok, d, c.want)
		}
	}
	// Against the full computation, on strings close enough to matter.
	rng := rand.New(rand.NewSource(1))
	word := func() []rune {
		r := make([]rune, rng.Intn(8))
		for i := range r {
			r[i] = rune('a' + rng.Intn(4))
		}
		return r
	}
	for i := 0; i < 20000; i++ {
		a, b := word(), word()
		for max := 0; max <= 2; max++ {
			m := &editMatcher{term: a, max: max}
			ok, d := m.MatchAndDistance(string(b))
			want := osa(a, b)
			if ok != (want <= max) || ok && int(d) != want {
				t.Fatalf("%q ~ %q within %d: %v %d, want distance %d", string(a), string(b), max, ok, d, want)
			}
		}
	}
}

func TestReaderDictionaries(t *testing.T) {
	ix, err := Open(buildFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	r := ix.Reader()
	terms := func(d interface {
		Next() (*bindex.DictEntry, error)
	}, err error) []string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for {
			e, err := d.Next()
			if err != nil {
				t.Fatal(err)
			}
			if e == nil {
				return out
			}
			out = append(out, e.Term)
		}
	}
	all := terms(r.FieldDict(FieldTool))
	if len(all) < 3 || !slices.IsSorted(all) {
		t.Fatalf("tool terms %q", all)
	}
	for _, p := range []string{"", "d", "git", all[0], "zzz"} {
		var want []string
		for _, term := range all {
			if strings.HasPrefix(term, p) {
				want = append(want, term)
			}
		}
		if got := terms(r.FieldDictPrefix(FieldTool, []byte(p))); !slices.Equal(got, want) {
			t.Errorf("prefix %q: %q, want %q", p, got, want)
		}
	}
	// A range includes both ends.
	if got := terms(r.FieldDictRange(FieldTool, []byte(all[0]), []byte(all[1]))); !slices.Equal(got, all[:2]) {
		t.Errorf("range %q..%q: %q", all[0], all[1], got)
	}
	if got := prefixEnd([]byte{'a', 0xff}); string(got) != "b" {
		t.Errorf("prefixEnd(a\\xff) = %q", got)
	}
	if got := prefixEnd([]byte{0xff}); got != nil {
		t.Errorf("prefixEnd(\\xff) = %q, want none", got)
	}
	// Fuzzy: one edit, swaps included, under a prefix.
	fd, err := r.(bindex.IndexReaderFuzzy).FieldDictFuzzy(FieldTool, "jounralctl", 1, "j")
	if got := terms(fd, err); !slices.Contains(got, "journalctl") {
		t.Errorf("fuzzy jounralctl: %q", got)
	}
}

// plainSegment is a real segment seen through segment.Segment alone: none
// of the methods zap's segments have besides (Persist).
type plainSegment struct{ segment.Segment }

// The segment kinds the code relies on are checked, not assumed: another
// kind of segment makes an error, never a panic.
func TestOtherSegmentKinds(t *testing.T) {
	docs := make([]bindex.Document, 1)
	analyzeAll(docs, func(int) *document.Document { return document.NewDocument("x") }, func(int, *document.Document) {})
	seg, _, err := zapPlugin.New(docs)
	if err != nil {
		t.Fatal(err)
	}
	defer seg.Close()
	if err := persist(plainSegment{seg}, filepath.Join(t.TempDir(), "x.zap")); err == nil {
		t.Error("persist: no error for a segment that cannot be written")
	}
	if f, err := (reader{&Index{parts: []*part{{seg: seg}}}}).Fields(); err != nil || !slices.Contains(f, "_id") {
		t.Errorf("Fields of a zap segment: %v, %v", f, err)
	}
}
