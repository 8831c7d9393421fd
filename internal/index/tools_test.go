package index

import (
	"testing"

	"github.com/howcli/how/internal/snippet"
)

// TestFamiliarTldrAlternatives: a tldr command written with its
// subcommand's alternatives (docker {{[exec|container exec]}}) runs that
// subcommand, as familiar and as described as `docker exec`.
func TestFamiliarTldrAlternatives(t *testing.T) {
	cmd := "docker {{[exec|container exec]}} {{[-it|--interactive --tty]}} {{container_name}} {{sh}}"
	es := Merge([]snippet.Snippet{{Command: cmd, Tool: "docker", Source: "pages/common/docker.md", Origin: snippet.OriginTldr}})
	if len(es) != 1 || !es[0].Familiar {
		t.Errorf("%s is not familiar: %+v", cmd, es)
	}
	if got := firstSpelling(cmd); got != "docker exec -it {{container_name}} {{sh}}" {
		t.Errorf("firstSpelling = %q", got)
	}
}

// TestTopicTags: tldr's platform folders are where a page runs, not what
// it is about; other tags stay.
func TestTopicTags(t *testing.T) {
	s := snippet.Snippet{Origin: snippet.OriginTldr, Tags: []string{"linux", "networking", "common", "osx"}}
	if got := topicTags(&s); len(got) != 1 || got[0] != "networking" {
		t.Errorf("tldr tags %q", got)
	}
	n := snippet.Snippet{Origin: snippet.OriginNotes, Tags: []string{"linux"}}
	if got := topicTags(&n); len(got) != 1 || got[0] != "linux" {
		t.Errorf("a note's tags %q", got)
	}
}

// TestProgramFamily: a program's distribution, read from its tldr page's
// summary, holds for its commands from any source; a summary naming two
// families names none.
func TestProgramFamily(t *testing.T) {
	es := Merge([]snippet.Snippet{
		{Command: "dnf install {{package}}", Tool: "dnf", Summary: "Package manager for Fedora and RHEL.", Origin: snippet.OriginTldr, Source: "dnf.md"},
		{Command: "dnf install <package>", Tool: "dnf", Origin: snippet.OriginCheat, Source: "cheat/dnf"},
		{Command: "dnf config-manager --add-repo {{url}}", Tool: "dnf", Summary: "Manage DNF repositories.", Origin: snippet.OriginTldr, Source: "dnf-config-manager.md"},
		{Command: "alien -r pkg.deb", Tool: "alien", Summary: "Convert packages between Debian and Fedora formats.", Origin: snippet.OriginTldr, Source: "alien.md"},
		{Command: "pacman -S pkg", Tool: "pacman", Summary: "Arch Linux package manager; see wiki.archlinux.org <https://wiki.archlinux.org/Debian>.", Origin: snippet.OriginTldr, Source: "pacman.md"},
	})
	want := []string{"fedora", "fedora", "fedora", "", "arch"}
	for i, e := range es {
		if e.Family != want[i] {
			t.Errorf("%s: family %q, want %q", e.Snippet.Command, e.Family, want[i])
		}
	}
}
