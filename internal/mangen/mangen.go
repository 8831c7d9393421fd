// Package mangen writes man pages (roff) from a cobra command tree: one
// page per command, named like git's (how-show.1), with NAME, SYNOPSIS,
// DESCRIPTION, OPTIONS, EXAMPLES and SEE ALSO, and the sections a command's
// help text names itself (EXIT STATUS, ...).
//
// Help text is plain text, written for a terminal, so the generator reads
// its layout rather than a markup language:
//
//   - blocks are separated by blank lines;
//   - a line naming a man section in capitals ("EXIT STATUS") starts that
//     section, which the page places where man pages have it;
//   - a block of indented lines is shown as it is (tables, commands);
//   - a block whose first line is flush and whose other lines are indented
//     is a term and its explanation ("HOW_PATH" above what it does);
//   - anything else is a paragraph, which man fills to the reader's width.
//
// cobra's own doc package renders help text as markdown, which would make
// every help text markdown and put all of it under DESCRIPTION.
package mangen

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Header is what the .TH line says.
type Header struct {
	Section string // "1"
	Date    string // may be empty, which keeps pages reproducible
	Source  string // "how"
	Manual  string // "User Commands"
}

// Section is extra text for a page, under its own heading.
type Section struct {
	Title string
	Text  string
}

// Page is one generated man page.
type Page struct {
	Name    string // "how-show"
	Content string
}

// Pages returns the pages of root and of every command under it that a
// user can run. extra adds sections to a command's page, by command path.
func Pages(root *cobra.Command, h Header, extra map[string][]Section) []Page {
	var pages []Page
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c != root && (!c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand()) {
			return
		}
		var b strings.Builder
		write(&b, c, h, extra[c.CommandPath()])
		pages = append(pages, Page{Name: pageName(c), Content: b.String()})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	sort.Slice(pages, func(i, j int) bool { return pages[i].Name < pages[j].Name })
	return pages
}

func pageName(c *cobra.Command) string { return strings.ReplaceAll(c.CommandPath(), " ", "-") }

func write(w io.Writer, c *cobra.Command, h Header, extra []Section) {
	name := pageName(c)
	fmt.Fprintf(w, ".TH %s %s %s %s %s\n", quote(strings.ToUpper(name)), quote(h.Section), quote(h.Date), quote(h.Source), quote(h.Manual))
	fmt.Fprintf(w, ".SH NAME\n%s \\- %s\n", escape(name), escape(c.Short))

	fmt.Fprintf(w, ".SH SYNOPSIS\n")
	use := strings.TrimPrefix(c.UseLine(), c.CommandPath())
	fmt.Fprintf(w, ".B %s\n%s\n", escape(c.CommandPath()), escape(strings.TrimSpace(use)))

	long := c.Long
	if long == "" {
		long = c.Short
	}
	sections := split(long)
	fmt.Fprintf(w, ".SH DESCRIPTION\n")
	text(w, sections[0].Text)
	if opts := options(c); opts != "" {
		fmt.Fprintf(w, ".SH OPTIONS\n%s", opts)
	}
	sections = append(sections[1:], extra...)
	sort.SliceStable(sections, func(i, j int) bool { return order[sections[i].Title] < order[sections[j].Title] })
	for _, s := range sections {
		fmt.Fprintf(w, ".SH %s\n", quote(s.Title))
		text(w, s.Text)
	}
	if c.Example != "" {
		fmt.Fprintf(w, ".SH EXAMPLES\n")
		preformatted(w, strings.Split(strings.TrimRight(c.Example, "\n"), "\n"))
	}
	if also := seeAlso(c); len(also) > 0 {
		fmt.Fprintf(w, ".SH \"SEE ALSO\"\n%s\n", strings.Join(also, ",\n"))
	}
}

// order places the sections help text may name, as man-pages(7) orders
// them after OPTIONS.
var order = map[string]int{
	"EXIT STATUS": 1, "RETURN VALUE": 2, "ERRORS": 3, "ENVIRONMENT": 4, "FILES": 5,
	"VERSIONS": 6, "CONFORMING TO": 7, "NOTES": 8, "CAVEATS": 9, "BUGS": 10, "SECURITY": 11,
}

// split cuts help text into its description and the sections it names.
func split(long string) []Section {
	out := []Section{{Title: "DESCRIPTION"}}
	for _, l := range strings.Split(long, "\n") {
		if t := strings.TrimSpace(l); t == l && order[t] > 0 {
			out = append(out, Section{Title: t})
			continue
		}
		out[len(out)-1].Text += l + "\n"
	}
	return out
}

// text writes help text, reading its layout (see the package comment).
func text(w io.Writer, s string) {
	for _, block := range blocks(s) {
		switch {
		case allIndented(block):
			preformatted(w, block)
		case len(block) > 1 && allIndented(block[1:]):
			fmt.Fprintf(w, ".TP\n.B %s\n", escape(block[0]))
			for _, l := range block[1:] {
				fmt.Fprintf(w, "%s\n", line(strings.TrimSpace(l)))
			}
		default:
			fmt.Fprintf(w, ".PP\n")
			for _, l := range block {
				fmt.Fprintf(w, "%s\n", line(strings.TrimSpace(l)))
			}
		}
	}
}

func blocks(s string) [][]string {
	var out [][]string
	var cur []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" {
			if cur != nil {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, strings.TrimRight(l, " \t"))
	}
	if cur != nil {
		out = append(out, cur)
	}
	return out
}

func indented(l string) bool { return strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") }

func allIndented(ls []string) bool {
	for _, l := range ls {
		if !indented(l) {
			return false
		}
	}
	return true
}

// preformatted writes lines as they are, indented once, without their
// common indentation.
func preformatted(w io.Writer, ls []string) {
	common := -1
	for _, l := range ls {
		l = strings.ReplaceAll(l, "\t", "    ")
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " "))
		if common < 0 || n < common {
			common = n
		}
	}
	fmt.Fprintf(w, ".PP\n.RS 4\n.nf\n")
	for _, l := range ls {
		l = strings.ReplaceAll(l, "\t", "    ")
		if len(l) >= common && common > 0 {
			l = l[common:]
		}
		fmt.Fprintf(w, "%s\n", line(l))
	}
	fmt.Fprintf(w, ".fi\n.RE\n")
}

// options lists a command's flags, its own first, then those it inherits
// (--color); -h/--help goes without saying.
func options(c *cobra.Command) string {
	var b strings.Builder
	add := func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		varname, usage := pflag.UnquoteUsage(f)
		var names []string
		if f.Shorthand != "" {
			names = append(names, `\fB\-`+escape(f.Shorthand)+`\fR`)
		}
		long := `\fB\-\-` + escape(f.Name) + `\fR`
		if varname != "" {
			long += `=\fI` + escape(varname) + `\fR`
		}
		names = append(names, long)
		if def := f.DefValue; def != "" && def != "false" && def != "[]" && def != "0" {
			usage += " (default " + def + ")"
		}
		fmt.Fprintf(&b, ".TP\n%s\n%s\n", strings.Join(names, ", "), line(usage))
	}
	c.NonInheritedFlags().VisitAll(add)
	c.InheritedFlags().VisitAll(add)
	return b.String()
}

func seeAlso(c *cobra.Command) []string {
	var out []string
	if c.HasParent() {
		out = append(out, `\fB`+escape(pageName(c.Parent()))+`\fR(1)`)
	}
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() && !sub.IsAdditionalHelpTopicCommand() {
			out = append(out, `\fB`+escape(pageName(sub))+`\fR(1)`)
		}
	}
	return out
}

// escape makes text safe inside a roff line: backslashes print as
// backslashes and hyphens as the minus signs people type in options.
func escape(s string) string {
	return strings.NewReplacer(`\`, `\e`, `-`, `\-`).Replace(s)
}

// line escapes a whole input line; one starting with . or ' would be a
// request.
func line(s string) string {
	s = escape(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

func quote(s string) string {
	return `"` + strings.ReplaceAll(escape(s), `"`, `\(dq`) + `"`
}
