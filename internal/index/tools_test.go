package index

import (
	"testing"

	"github.com/howcli/how/internal/snippet"
)

// TestFamiliarTldrAlternatives: a tldr command written with its
// subcommand's alternatives (docker {{[exec|container exec]}}) runs that
// subcommand, as familiar and as described as `docker exec`: the index
// reads it as its reader spelled it (snippet.Indexed).
func TestFamiliarTldrAlternatives(t *testing.T) {
	cmd := "docker {{[exec|container exec]}} {{[-it|--interactive --tty]}} {{container_name}} {{sh}}"
	s := snippet.Snippet{Command: cmd, Tool: "docker", Source: "pages/common/docker.md", Origin: snippet.OriginTldr}
	if es := Merge([]snippet.Snippet{s}); len(es) != 1 || es[0].Familiar {
		t.Errorf("read as written, %s is familiar: %+v", cmd, es)
	}
	s.Indexed = &snippet.Indexed{Head: "docker exec container exec -it --interactive --tty", Spelled: "docker exec -it {{container_name}} {{sh}}"}
	if es := Merge([]snippet.Snippet{s}); len(es) != 1 || !es[0].Familiar {
		t.Errorf("%s is not familiar: %+v", cmd, es)
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
		// No page names yum's distribution (tldr's is an alias's, not
		// indexed): the tool list does.
		{Command: "yum list installed", Tool: "yum", Origin: snippet.OriginNavi, Source: "yum.cheat"},
		{Command: "rpm -qa", Tool: "rpm", Origin: snippet.OriginCheat, Source: "cheat/rpm"},
	})
	want := []string{"fedora", "fedora", "fedora", "", "arch", "fedora", "fedora"}
	for i, e := range es {
		if e.Family != want[i] {
			t.Errorf("%s: family %q, want %q", e.Snippet.Command, e.Family, want[i])
		}
	}
}

// TestProgramPlatform: a program whose tldr pages are all filed under one
// platform runs there, whatever source a command of it comes from; pages
// under several, or under common, say nothing.
func TestProgramPlatform(t *testing.T) {
	tldr := func(cmd, tool, platform string) snippet.Snippet {
		return snippet.Snippet{Command: cmd, Tool: tool, Origin: snippet.OriginTldr, Source: tool + ".md",
			Indexed: &snippet.Indexed{Platform: platform}}
	}
	es := Merge([]snippet.Snippet{
		tldr("diskutil list", "diskutil", "osx"),
		{Command: "diskutil info disk0", Tool: "diskutil", Origin: snippet.OriginCheat, Source: "cheat/diskutil"},
		tldr("ls -la", "ls", ""),
		tldr("ls -G", "ls", "osx"),
		{Command: "ls -lh", Tool: "ls", Origin: snippet.OriginCheat, Source: "cheat/ls"},
		tldr("apt update", "apt", "linux"),
		{Command: "apt list --installed", Tool: "apt", Origin: snippet.OriginCheat, Source: "cheat/apt"},
	})
	want := []string{"osx", "osx", "", "osx", "", "linux", "linux"}
	for i, e := range es {
		if e.Platform != want[i] {
			t.Errorf("%s: platform %q, want %q", e.Snippet.Command, e.Platform, want[i])
		}
	}
}
