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
