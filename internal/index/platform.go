package index

import (
	"github.com/howcli/how/internal/sheet"
	"github.com/howcli/how/internal/snippet"
)

// Platforms. A command is for every system unless its source says
// otherwise: tldr files each page under a platform (linux, osx, windows,
// ...), and a page's summary names the distributions a program belongs to
// ("Arch Linux package manager utility", "Package manager for
// Debian-based distributions"). Search prefers what runs on the machine
// (see search.Host); these are worked out once, when the index is built.

// topicTags are a snippet's tags but for the platform folder tldr files
// its page under (linux, common, osx): that says where the command runs
// (Entry.Platform), not what it is about, and a question saying "Linux"
// must not find every page of the linux folder.
func topicTags(s *snippet.Snippet) []string {
	if s.Origin != snippet.OriginTldr {
		return s.Tags
	}
	var out []string
	for _, t := range s.Tags {
		if !sheet.IsPlatform(t) {
			out = append(out, t)
		}
	}
	return out
}

// platformOf is the tldr platform a snippet's page is filed under ("" for
// every other source, and for tldr's common pages).
func platformOf(s *snippet.Snippet) string {
	if s.Origin != snippet.OriginTldr {
		return ""
	}
	for _, t := range s.Tags {
		if t != "common" && sheet.IsPlatform(t) {
			if t == "macos" {
				return "osx"
			}
			return t
		}
	}
	return ""
}
