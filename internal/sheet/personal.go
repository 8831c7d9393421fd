package sheet

import (
	"bytes"
	"strings"

	"github.com/howcli/how/internal/snippet"
)

// The personal sheet is the one page `how add` writes: every command the
// user saved, whatever its tool, under one title, oldest first. It is a
// page like the others, so that tldr clients and GitHub show it and how
// reads it back exactly; what the visible markdown cannot say (the tool,
// since the title names no tool, and tags) goes into the example's how
// comment. It has no source or line in that comment, so each command's
// place is its own line in the sheet: that is where `how edit` opens it.

// PersonalTitle is the title of the personal sheet.
const PersonalTitle = "personal"

// PersonalHeader starts a new personal sheet.
func PersonalHeader() []byte {
	return []byte("# " + PersonalTitle + "\n\n" +
		"> Commands saved with `how add`. Edit freely: each is a \"- description:\" line, then the command in backticks;\n" +
		"> the comment under a command keeps its tool and tags.\n")
}

// PersonalEntry is one example of the personal sheet, s as `how add`
// saves it: a blank line, "- description:", a blank line, the command, and
// its how comment. Parsed back as part of a page titled PersonalTitle it
// gives s's command, description, tool and tags exactly.
func PersonalEntry(s snippet.Snippet) []byte {
	var m meta
	tool := s.Tool
	m.tool = &tool
	var tags []string
	for _, t := range s.Tags {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	if len(tags) > 0 {
		m.tags = &tags
	}
	var b bytes.Buffer
	writeExample(&b, s, &m)
	return b.Bytes()
}
