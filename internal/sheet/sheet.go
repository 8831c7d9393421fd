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
	// Tags come from the front matter.
	Tags []string
	Kind Kind
	// Snippets are the page's examples in page order. Origin is left empty:
	// it depends on where the page was found, which the caller knows.
	Snippets []snippet.Snippet
}
