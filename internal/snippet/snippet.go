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
	// Summary is what the page the command comes from says of its
	// program (a tldr page's "> " lines): the index reads the systems it
	// names (index.Entry.Family); it is never shown with the command.
	Summary string `json:"-"`
	// Indexed is how the index reads a command its source writes in a
	// syntax of its own (a tldr page's {{placeholders}} and platform
	// folders), worked out where the source is read; nil for a command
	// that reads as written.
	Indexed *Indexed `json:"-"`
}

// Indexed is what the index reads of a command in place of its text.
type Indexed struct {
	// Head and Body are the command's head and body (what is typed and
	// what it carries), as words: option alternatives in every spelling,
	// the values to fill in moved to the body.
	Head, Body string
	// Spelled is the command with each alternative in its first spelling
	// (docker exec for docker {{[exec|container exec]}}), for finding the
	// subcommand it runs.
	Spelled string
	// Platform is the platform its page is filed under (osx, windows; ""
	// for common pages), and Topics the tags that are not platforms.
	Platform string
	Topics   []string
}

// Key identifies a command independently of where it was found, so that the
// same command from several sources can be merged into one result.
func (s Snippet) Key() string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s.Command, "\\\n", " ")), " ")
}

// ToolOf is the program a command line runs: its first word after sudo,
// env and VAR=value prefixes, without a path. A placeholder or a shell
// keyword there names no program, and the result is "". It reads words,
// not shell syntax, so it suits lines people write to be found again
// (navi cheats, the personal sheet) rather than arbitrary notes, which
// the extractor parses properly.
func ToolOf(line string) string {
	words := strings.Fields(line)
	for len(words) > 0 {
		w := words[0]
		switch {
		case w == "sudo" || w == "doas" || w == "env" || w == "command" || w == "exec" || w == "nohup" || w == "time":
			// Options, and the value of those that take one
			// ("sudo -u root", "env -C dir").
			valued := valuedOptions[w]
			words = words[1:]
			for len(words) > 0 && strings.HasPrefix(words[0], "-") {
				opt := words[0]
				words = words[1:]
				if len(opt) == 2 && strings.IndexByte(valued, opt[1]) >= 0 && len(words) > 0 {
					words = words[1:]
				}
			}
			continue
		case strings.Contains(w, "=") && !strings.HasPrefix(w, "="):
			words = words[1:]
			continue
		}
		break
	}
	if len(words) == 0 {
		return ""
	}
	if strings.HasPrefix(words[0], "{{") {
		return "" // a tldr placeholder
	}
	w := strings.TrimLeft(words[0], "({")
	if w == "" || strings.ContainsAny(w, "<>$`'\"|;&") || shellKeywords[w] {
		return ""
	}
	if i := strings.LastIndexByte(w, '/'); i >= 0 && i+1 < len(w) {
		w = w[i+1:]
	}
	return w
}

// valuedOptions are the short options of command wrappers that take a
// value in the next word.
var valuedOptions = map[string]string{"sudo": "ugpCDUTrth", "doas": "uC", "env": "uSC"}

var shellKeywords = map[string]bool{"if": true, "for": true, "while": true, "until": true, "case": true, "function": true, "select": true, "[[": true, "!": true}
