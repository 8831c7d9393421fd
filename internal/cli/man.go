package cli

import (
	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/mangen"
)

// ManPages returns how's man pages, generated from the command tree and
// the help topics: `make man` writes them to docs/man.
func ManPages() []mangen.Page {
	ios, _, _, _ := iostreams.Test()
	root := NewCmdRoot(cmdutil.New(ios))
	extra := map[string][]mangen.Section{}
	for _, t := range Topics {
		title := map[string]string{"environment": "ENVIRONMENT", "config": "FILES"}[t.Name]
		extra[root.CommandPath()] = append(extra[root.CommandPath()], mangen.Section{Title: title, Text: t.Long})
	}
	// No date: pages that change only when the help text does can be
	// checked for being up to date.
	return mangen.Pages(root, mangen.Header{Section: "1", Source: "how", Manual: "User Commands"}, extra)
}
