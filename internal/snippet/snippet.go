// Package snippet defines the unit everything else passes around: one command
// someone wrote down, with what it does and where it came from.
package snippet

import "strings"

// Origins say which kind of source a snippet came from. They are part of the
// JSON contract, so their spelling never changes.
const (
	OriginBundled  = "bundled"
	OriginNotes    = "notes"
	OriginTldr     = "tldr"
	OriginCheat    = "cheat"
	OriginNavi     = "navi"
	OriginPersonal = "personal"
)

// Snippet is one command with its description and provenance.
type Snippet struct {
	// Command is kept as written in its source (tldr {{braces}} included); a
	// command that spans lines keeps its newlines.
	Command     string `json:"command"`
	Description string `json:"description"`
	// Tool is the program the command runs, with sudo, env and VAR=x
	// prefixes skipped.
	Tool    string   `json:"tool"`
	Tags    []string `json:"tags"`
	Section string   `json:"section"`
	Source  string   `json:"source"`
	Line    int      `json:"line"`
	Origin  string   `json:"origin"`
}

// Key identifies a command independently of where it was found, so that the
// same command from several sources can be merged into one result.
func (s Snippet) Key() string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s.Command, "\\\n", " ")), " ")
}
