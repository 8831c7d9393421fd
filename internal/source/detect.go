package source

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/howcli/how/internal/cheat"
	"github.com/howcli/how/internal/extract"
	"github.com/howcli/how/internal/navi"
	"github.com/howcli/how/internal/sheet"
	"github.com/howcli/how/internal/snippet"
)

// Hint is what the walk knows about a file's place: the collection it
// belongs to, if any. A file in a cheatpath is a cheat sheet even when its
// text alone would not say so, and a file named on its own is judged by its
// name and text only.
type Hint struct {
	// Format is the format of the collection the file is in (FormatTldr,
	// FormatCheat, FormatNavi), or "" outside collections.
	Format Format
	// Name is the file's path inside its collection, with "/": a cheat
	// sheet's title ("vim-plugins/vim-fzf").
	Name string
	// Roots are the folder the file was found under as the user named it
	// (absolute) and as it really is (symlinks resolved); for a file named
	// on its own, its folder. A sheet's how comments may cite files in
	// them, and nowhere else. Empty: the file is not a source (how
	// extract), and comments are taken as written.
	Roots []string
}

// Page is what a file says about itself as a whole, beyond its commands:
// what `how show` and `how sources` show besides the snippets. Fields that
// its format has no notion of are left empty.
type Page struct {
	// Title: a tldr page's or sheet's "# title", a cheat sheet's name, a
	// navi cheat's file name without extension.
	Title string
	// Summary, SeeAlso, URL and AliasOf are a tldr page's description
	// lines, the pages it names on "> See also:", its "More information"
	// link, and the command an alias page points to.
	Summary []string
	SeeAlso []string
	URL     string
	AliasOf string
	// AliasOnly is set for a tldr alias page whose one example only sends
	// the reader to the original command's page; its example is not
	// indexed (see Report.Omitted).
	AliasOnly bool
	// Platform and Language are a tldr page's, from its folders.
	Platform, Language string
	// Tags are the front matter's (sheets, cheat sheets).
	Tags []string
	// Syntax is a cheat sheet's highlighting language.
	Syntax string
	// Vars are a navi cheat's suggestion sources, by the line of the
	// snippet whose placeholders they fill (see navi.File.Vars), and
	// Groups its "%" groups with their "$" lines and "@" extensions, for
	// resolving the placeholders this file leaves to others.
	Vars   map[int][]navi.Var
	Groups []*navi.Group
}

// Parsed is what one file yields.
type Parsed struct {
	Snippets []snippet.Snippet
	Format   Format
	// Problems are one line each, prefixed with the line number when they
	// have one.
	Problems []string
	Page     *Page
	// Lines is the number of source lines the snippets span (a multi-line
	// command counts each of its lines).
	Lines int
	// Omitted counts what the file offers as examples but the importer
	// left out, and Why says why (a cheat sheet's or navi cheat's prose).
	Omitted int
	Why     string
	// note is a note as the extractor read it, whose snippets change
	// with the names the notes beside it run as programs.
	note *extract.Note
}

// notCommands is why a cheat sheet's or navi cheat's lines were left out.
const notCommands = "prose or program output, not commands"

// Parse detects a file's format from its name and text alone and reads
// its snippets; Origin is left for the caller. Each problem is one line,
// prefixed with its line number when it has one.
func Parse(name string, text []byte) ([]snippet.Snippet, Format, []string) {
	p := ParseFile(name, text, Hint{})
	return p.Snippets, p.Format, p.Problems
}

// ParseFile is Parse with what the walk knows about the file. It is the
// one place formats are told apart:
//
//   - a navi cheat by its extension, .cheat or .cheat.md;
//   - in a collection, the collection's format: a cheatpath's files are
//     cheat sheets, a tldr tree's are tldr pages (a malformed page is
//     still read as one, with problems);
//   - elsewhere, a page with how's metadata is a sheet, a page in tldr's
//     shape a tldr page, a file without extension shaped like a cheat sheet
//     in every respect (cheat.Evidence.Strict) a cheat sheet, and
//     everything else notes, for the extractor.
func ParseFile(name string, text []byte, h Hint) Parsed {
	switch {
	case h.Format == FormatCheat:
		return parseCheat(name, h.Name, text)
	case h.Format == FormatNavi || h.Format == "" && navi.IsCheat(name):
		return parseNavi(name, text)
	}
	var page sheet.Page
	var problems []sheet.Problem
	if len(h.Roots) > 0 {
		page, problems = sheet.ParsePageCiting(name, text, citeIn(h.Roots))
	} else {
		page, problems = sheet.ParsePage(name, text)
	}
	switch {
	case page.Kind == sheet.KindSheet:
		return fromPage(page, problems, FormatSheet)
	case page.Kind == sheet.KindTldr || h.Format == FormatTldr:
		return fromPage(page, problems, FormatTldr)
	case filepath.Ext(name) == "" && cheat.Examine(text).Strict():
		return parseCheat(name, h.Name, text)
	}
	n := extract.Read(name, text)
	snips := n.Snippets(nil)
	return Parsed{Snippets: snips, Format: FormatNotes, Lines: lines(snips), note: n}
}

// ParseFiles parses files read together (the FILEs of how extract), each
// as Parse does, side by side on every core, and each note with the names
// the other notes of its folder among them run as programs.
func ParseFiles(names []string, texts [][]byte) []Parsed {
	out := make([]Parsed, len(names))
	eachParallel(len(names), func(i int) {
		if texts[i] != nil {
			out[i] = ParseFile(names[i], texts[i], Hint{})
		}
	})
	dirs := make([]string, len(names))
	notes := make([]*extract.Note, len(names))
	for i := range out {
		dirs[i], notes[i] = filepath.Dir(names[i]), out[i].note
	}
	for i, snips := range folderSnippets(dirs, notes) {
		out[i].Snippets, out[i].Lines = snips, lines(snips)
	}
	return out
}

// citeIn accepts a sheet's citation of a file when it is a regular file
// in one of roots (a relative one from the first root, which is where how
// extract -o writes paths from when run in the notes folder). Anywhere
// else, a comment nobody sees could send how edit to /etc/shadow.
func citeIn(roots []string) sheet.Cite {
	return func(src string) (string, error) {
		p := src
		if !filepath.IsAbs(p) {
			p = filepath.Join(roots[0], p)
		}
		p = filepath.Clean(p)
		in := false
		for _, r := range roots {
			in = in || p != r && isAncestor(r, p)
		}
		if !in {
			return "", fmt.Errorf("is outside %s, the source this sheet is in", roots[0])
		}
		if info, err := os.Stat(p); err != nil || !info.Mode().IsRegular() {
			return "", fmt.Errorf("names no file in %s", roots[0])
		}
		return p, nil
	}
}

func fromPage(page sheet.Page, problems []sheet.Problem, f Format) Parsed {
	p := Parsed{Snippets: page.Snippets, Format: f, Lines: lines(page.Snippets)}
	for _, pr := range problems {
		p.Problems = append(p.Problems, pr.String())
	}
	p.Page = &Page{
		Title: page.Title, Summary: page.Summary, SeeAlso: page.SeeAlso, URL: page.URL,
		AliasOf: page.AliasOf, AliasOnly: page.AliasOnly(), Platform: page.Platform, Language: page.Language, Tags: page.Tags,
	}
	return p
}

func parseCheat(name, title string, text []byte) Parsed {
	s, problems := cheat.Parse(name, title, text)
	p := Parsed{Snippets: s.Snippets, Format: FormatCheat, Lines: s.Lines, Omitted: s.Skipped}
	if p.Omitted > 0 {
		p.Why = notCommands
	}
	for _, pr := range problems {
		p.Problems = append(p.Problems, pr.String())
	}
	p.Page = &Page{Title: s.Title, Tags: s.Tags, Syntax: s.Syntax}
	return p
}

func parseNavi(name string, text []byte) Parsed {
	f, problems := navi.Parse(name, text)
	p := Parsed{Snippets: f.Snippets, Format: FormatNavi, Lines: f.Lines, Omitted: f.Skipped}
	if p.Omitted > 0 {
		p.Why = notCommands
	}
	for _, pr := range problems {
		p.Problems = append(p.Problems, pr.String())
	}
	p.Page = &Page{Title: navi.Title(name), Vars: f.Vars, Groups: f.Groups}
	return p
}

// lines counts the source lines snippets span.
func lines(snips []snippet.Snippet) int {
	n := 0
	for _, s := range snips {
		n += strings.Count(s.Command, "\n") + 1
	}
	return n
}

// Origin is the snippet origin for a user file of format f.
func Origin(f Format) string {
	switch f {
	case FormatTldr:
		return snippet.OriginTldr
	case FormatCheat:
		return snippet.OriginCheat
	case FormatNavi:
		return snippet.OriginNavi
	}
	return snippet.OriginNotes
}
