// Package sheet reads and writes sheets: tldr-style markdown pages, one per
// tool, which is how `how` stores the commands it extracts from notes and how
// it reads tldr pages.
//
// A page looks like a tldr page, so that a real tldr page is a valid sheet
// and a generated sheet reads well on GitHub:
//
//	---
//	tags: [linux, logs]
//	---
//
//	# journalctl
//
//	> 2 commands from notes: Process Management.
//
//	- Follow logs in real-time (like tail -f):
//
//	`journalctl -u nginx -f`
//	<!-- how section="Process Management" source="001.txt" line=230 -->
//
// What tldr has no place for (the section, source file and line, tags that
// differ from the page's, and any field the visible markdown cannot carry
// exactly) goes into the HTML comment after each example, which GitHub does
// not show. See meta.go for its encoding.
package sheet

import (
	"fmt"
	"strings"

	"github.com/howcli/how/internal/snippet"
)

// Kind says what sort of page a file turned out to be.
type Kind int

const (
	// KindNone is a file that is not shaped like a sheet (prose, notes).
	KindNone Kind = iota
	// KindTldr is a tldr page, or a hand-written page in the same shape: it
	// has a title and examples but no how metadata.
	KindTldr
	// KindSheet is a page written by `how extract -o`: it carries how
	// metadata comments.
	KindSheet
)

func (k Kind) String() string {
	switch k {
	case KindTldr:
		return "tldr"
	case KindSheet:
		return "sheet"
	}
	return "none"
}

// Problem is something wrong with one place in a page. Problems never stop a
// parse: the rest of the page is still read.
type Problem struct {
	// Line is 1-based; 0 means the page as a whole.
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("line %d: %s", p.Line, p.Msg)
	}
	return p.Msg
}

// Page is one parsed sheet.
type Page struct {
	// Title is the text of the `# ` heading.
	Title string
	// Description holds the `> ` lines as written, "More information"
	// included.
	Description []string
	// Summary is Description without its "See also" and "More
	// information" lines: what the page says about the command.
	Summary []string
	// SeeAlso are the pages named in backticks on a "> See also:" line,
	// kept as page context for `how show`.
	SeeAlso []string
	// URL is the link of the "> More information: <URL>." line.
	URL string
	// AliasOf is the command a tldr alias page points to ("This command is
	// an alias of `x`."), as written between the backticks.
	AliasOf string
	// Platform is the tldr platform folder the page was found in (linux,
	// osx, common, ...; "macos" is read as osx), from its path; empty when
	// the path is not in a tldr pages tree.
	Platform string
	// Language is the language of the pages folder: "en" for pages/,
	// "de" for pages.de/; empty with Platform.
	Language string
	// Tags come from the front matter.
	Tags []string
	Kind Kind
	// Snippets are the page's examples in page order. Origin is left empty:
	// it depends on where the page was found, which the caller knows.
	Snippets []snippet.Snippet
}

// AliasOnly reports whether the page is a tldr alias page and nothing more:
// its one example only sends the reader to the original command's page
// ("tldr x"), which is no command worth finding. Pages that are aliases
// but have examples of their own ("Note: This command is an alias of ...")
// are not alias-only.
func (p Page) AliasOnly() bool {
	if p.AliasOf == "" || len(p.Snippets) != 1 {
		return false
	}
	f := strings.Fields(p.Snippets[0].Command)
	return len(f) >= 2 && f[0] == "tldr"
}
