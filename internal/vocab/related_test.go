package vocab

import (
	"sort"
	"strings"
	"testing"
)

// Every row of the table is found, and words between rows are not: the
// binary search must land on line starts wherever it probes.
func TestLookupFindsEveryRow(t *testing.T) {
	var keys []string
	for _, line := range strings.Split(strings.TrimSuffix(shipped.rows, "\n"), "\n") {
		k, _, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("row without a tab: %q", line)
		}
		keys = append(keys, k)
	}
	if !sort.StringsAreSorted(keys) {
		t.Fatal("the table's rows are not sorted; lookups would miss")
	}
	for _, k := range keys {
		if len(Related(k)) == 0 {
			t.Errorf("Related(%q) found nothing", k)
		}
		if _, ok := lookup(shipped.rows, k+"\x00"); ok {
			t.Errorf("%q\\x00 found", k)
		}
	}
	for _, absent := range []string{"", "a", "zzzzzzzz", "\x7f"} {
		if got := Related(absent); got != nil {
			t.Errorf("Related(%q) = %v", absent, got)
		}
	}
}

func TestLookupSmallTables(t *testing.T) {
	for _, tc := range []struct{ rows, word, want string }{
		{"", "a", ""},
		{"a\tx:50\n", "a", "x:50"},
		{"a\tx:50", "a", "x:50"},
		{"a\tx:50\nb\ty:60\nc\tz:70\n", "b", "y:60"},
		{"a\tx:50\nb\ty:60\nc\tz:70\n", "c", "z:70"},
		{"a\tx:50\nb\ty:60\nc\tz:70\n", "bb", ""},
	} {
		got, _ := lookup(tc.rows, tc.word)
		if got != tc.want {
			t.Errorf("lookup(%q, %q) = %q, want %q", tc.rows, tc.word, got, tc.want)
		}
	}
}
