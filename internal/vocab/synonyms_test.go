package vocab

import (
	"strings"
	"testing"
)

func TestSynonymsParse(t *testing.T) {
	gs := parseSynonyms("# c\nfollow, tail ,  real-time\n\nuninstall => remove, purge\nlonely\n")
	if len(gs) != 2 {
		t.Fatalf("groups = %+v", gs)
	}
	if strings.Join(gs[0].Terms, "|") != "follow|tail|real-time" || gs[0].Input != nil {
		t.Errorf("group 0 = %+v", gs[0])
	}
	if strings.Join(gs[1].Input, "|") != "uninstall" || strings.Join(gs[1].Terms, "|") != "remove|purge" {
		t.Errorf("group 1 = %+v", gs[1])
	}
	// The shipped list parses, and no term stands in two two-way groups,
	// which would silently join them.
	seen := map[string]int{}
	for i, g := range Synonyms() {
		if g.Input != nil {
			continue
		}
		for _, term := range g.Terms {
			if j, ok := seen[term]; ok {
				t.Errorf("%q is in groups %d and %d", term, j, i)
			}
			seen[term] = i
		}
	}
	if len(Synonyms()) == 0 {
		t.Error("the shipped list has no groups")
	}
}
