package sheet

import "testing"

func TestFirstSpelling(t *testing.T) {
	cmd := "docker {{[exec|container exec]}} {{[-it|--interactive --tty]}} {{container_name}} {{sh}}"
	if got := FirstSpelling(cmd); got != "docker exec -it {{container_name}} {{sh}}" {
		t.Errorf("FirstSpelling = %q", got)
	}
}

// TestTopicTags: tldr's platform folders are where a page runs, not what
// it is about; other tags stay.
func TestTopicTags(t *testing.T) {
	tags := []string{"linux", "networking", "common", "osx"}
	if got := TopicTags(tags); len(got) != 1 || got[0] != "networking" {
		t.Errorf("tldr tags %q", got)
	}
	if got := PagePlatform(tags); got != "linux" {
		t.Errorf("platform %q", got)
	}
	if got := PagePlatform([]string{"common", "macos"}); got != "osx" {
		t.Errorf("platform of macos %q", got)
	}
}

// TestAnglePlaceholdersOut: a cheat or navi command's <values> are read
// with its body; a redirection, a literal "\<" and a bracket around no
// name stay in the head.
func TestAnglePlaceholdersOut(t *testing.T) {
	tests := []struct {
		head, body        string
		wantHead, wantBdy string
		ok                bool
	}{
		{"git push git@github.com:<username>/<repo>.git", "", "git push git@github.com: / .git", "username repo", true},
		{"chown <user>:<group> <file>", "a\nb", "chown  :   ", "a\nb\nuser group file", true},
		{"sort < input.txt > out.txt", "", "sort < input.txt > out.txt", "", false},
		{`echo \<b\> <name>`, "", `echo \<b\>  `, "name", true},
		{"diff <(ls a) <(ls b)", "", "diff <(ls a) <(ls b)", "", false},
	}
	for _, tt := range tests {
		h, b, ok := AnglePlaceholdersOut(tt.head, tt.body)
		if h != tt.wantHead || b != tt.wantBdy || ok != tt.ok {
			t.Errorf("AnglePlaceholdersOut(%q, %q) = %q, %q, %v; want %q, %q, %v", tt.head, tt.body, h, b, ok, tt.wantHead, tt.wantBdy, tt.ok)
		}
	}
}
