// Package render prints results for where they go: a terminal gets them
// readable and coloured, a pipe gets bare commands (one per line, or
// NUL-separated), and --json gets the contract's array. Everything from a
// source is cleaned of escape sequences and control characters before it
// reaches a terminal.
package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"

	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/snippet"
)

// Result is what is shown of one ranked command: the command where it was
// found best described, the other places it was found, its score and,
// when asked for, why it scored so. Search's own results carry more (its
// coverage, what it knows of pipes); render needs only this.
type Result struct {
	snippet.Snippet
	Also        []snippet.Snippet
	Score       float64
	Explanation string
}

// Options choose the output form.
type Options struct {
	// JSON prints the contract's JSON array, whatever stdout is.
	JSON bool
	// NUL separates bare commands with NUL bytes (-0), for commands that
	// span lines.
	NUL bool
	// Explain shows why each result ranked where it did (terminal and JSON).
	Explain bool
}

// Results prints ranked results in the form opts and the streams call for.
func Results(ios *iostreams.IOStreams, results []Result, opts Options) error {
	switch {
	case opts.JSON:
		return JSON(ios.Out, results, opts.Explain)
	case opts.NUL:
		return Plain(ios.Out, ios.ColorScheme(), results, 0)
	case ios.IsStdoutTTY():
		return Terminal(ios.Out, ios.ColorScheme(), ios.TerminalWidth(), results, opts.Explain)
	default:
		return Plain(ios.Out, ios.ColorScheme(), results, '\n')
	}
}

// Plain writes each command followed by sep: for scripts and pipes. The
// command is exactly as written (tldr's {{braces}} included), only cleaned
// of control characters, since a pipe often ends at a terminal. Colour is
// normally off here; --color=always turns it on, as it does for ls and
// grep, for pagers such as less -R.
func Plain(w io.Writer, cs *iostreams.ColorScheme, results []Result, sep byte) error {
	bw := bufio.NewWriter(w)
	for _, r := range results {
		bw.WriteString(strings.Join(CommandLines(cs, CleanCommand(r.Command), r.Origin, ModeRaw), "\n"))
		bw.WriteByte(sep)
	}
	return bw.Flush()
}

// TerminalMode is how commands are shown to a person: placeholders
// highlighted without their braces when there is colour to highlight them
// with, as typed otherwise.
func TerminalMode(cs *iostreams.ColorScheme) Mode {
	if cs.Enabled() {
		return ModeDisplay
	}
	return ModeTyped
}

const (
	// indent sets off what is said about a command from the command.
	indent = "  "
	// contIndent sets off a command's continuation lines (backslash
	// continuations, heredoc bodies, multi-line arguments) from its first
	// line, deeper than the description, so that they read as part of
	// the command.
	contIndent = "    "
)

// writeCommand writes a command's lines, the first after lead and the
// others after lead+contIndent.
func writeCommand(bw *bufio.Writer, cs *iostreams.ColorScheme, mode Mode, lead string, s snippet.Snippet) {
	for i, line := range CommandLines(cs, CleanCommand(s.Command), s.Origin, mode) {
		bw.WriteString(lead)
		if i > 0 && line != "" {
			bw.WriteString(contIndent)
		}
		bw.WriteString(line)
		bw.WriteByte('\n')
	}
}

// Terminal writes results for a person: the command first, its program
// bold and its options and placeholders set apart, then an indented line
// with what it does and, dimmed, where it came from. The command is never
// cut (it is what gets copied, and a terminal wraps it); the line under it
// is fit to width.
func Terminal(w io.Writer, cs *iostreams.ColorScheme, width int, results []Result, explain bool) error {
	bw := bufio.NewWriter(w)
	mode := TerminalMode(cs)
	avail := max(width-len(indent), 20)
	for _, r := range results {
		writeCommand(bw, cs, mode, "", r.Snippet)
		desc, same, below := fitLine(Clean(r.Description), resultProvenance(r), avail)
		writeDescription(bw, cs, indent, desc, same)
		if below != "" {
			fmt.Fprintf(bw, "%s%s\n", indent, cs.Dim(below))
		}
		if explain && r.Explanation != "" {
			for _, line := range strings.Split(strings.TrimRight(r.Explanation, "\n"), "\n") {
				fmt.Fprintf(bw, "%s%s%s\n", indent, indent, cs.Dim(Clean(line)))
			}
		}
	}
	return bw.Flush()
}

// minProv is the narrowest provenance worth keeping beside a description:
// room for the end of a file name and its line number.
const minProv = 24

// fitLine lays out a description and where it came from in avail columns
// (0: no limit). They share a line when both fit, or when the description
// leaves room for the provenance shortened in the middle; otherwise the
// description is cut to fit and the provenance gets a line of its own
// (below). With no description, the provenance stands in for it.
func fitLine(desc, prov string, avail int) (d, same, below string) {
	dw, pw := runewidth.StringWidth(desc), runewidth.StringWidth(prov)
	switch {
	case avail <= 0:
		return desc, prov, ""
	case prov == "":
		return runewidth.Truncate(desc, avail, "…"), "", ""
	case desc == "":
		return "", middleTruncate(prov, avail), ""
	case dw+2+pw <= avail:
		return desc, prov, ""
	case dw+2+minProv <= avail:
		return desc, middleTruncate(prov, avail-dw-2), ""
	}
	return runewidth.Truncate(desc, avail, "…"), "", middleTruncate(prov, avail)
}

// writeDescription writes a description line: the description, then the
// provenance dimmed.
func writeDescription(bw *bufio.Writer, cs *iostreams.ColorScheme, lead, desc, prov string) {
	switch {
	case desc == "" && prov == "":
		return
	case desc == "":
		fmt.Fprintf(bw, "%s%s\n", lead, cs.Dim(prov))
	case prov == "":
		fmt.Fprintf(bw, "%s%s\n", lead, desc)
	default:
		fmt.Fprintf(bw, "%s%s  %s\n", lead, desc, cs.Dim(prov))
	}
}

// resultProvenance is Provenance, with a count of the other places the
// same command was found.
func resultProvenance(r Result) string {
	prov := Provenance(r.Snippet)
	if n := len(r.Also); n > 0 && prov != "" {
		prov += fmt.Sprintf(" (+%d more)", n)
	}
	return prov
}

// Provenance says where a snippet came from, "Section · file:line", cleaned
// for a terminal. A tldr page's section is its title, which its file name
// already says (git-commit.md), so it is left out, as is a section that
// only repeats the tool.
func Provenance(s snippet.Snippet) string {
	var parts []string
	if sec := Clean(s.Section); sec != "" && sec != s.Tool && s.Origin != snippet.OriginTldr {
		parts = append(parts, sec)
	}
	if src := Clean(ShortPath(s.Source)); src != "" {
		if s.Line > 0 {
			src += ":" + strconv.Itoa(s.Line)
		}
		parts = append(parts, src)
	}
	return strings.Join(parts, " · ")
}

// middleTruncate shortens s to width columns by cutting its middle, which
// keeps both the section and the line number of "Section · file:line".
func middleTruncate(s string, width int) string {
	if runewidth.StringWidth(s) <= width {
		return s
	}
	if width < 3 {
		return runewidth.Truncate(s, width, "")
	}
	rs := []rune(s)
	head, tail := (width-1)/2, width-1-(width-1)/2
	var left, right []rune
	for _, r := range rs {
		if runewidth.StringWidth(string(left))+runewidth.RuneWidth(r) > head {
			break
		}
		left = append(left, r)
	}
	for i := len(rs) - 1; i >= 0; i-- {
		if runewidth.StringWidth(string(right))+runewidth.RuneWidth(rs[i]) > tail {
			break
		}
		right = append([]rune{rs[i]}, right...)
	}
	return string(left) + "…" + string(right)
}

// Record is one snippet as the JSON contract spells it. Tags is never
// null.
type Record struct {
	Command     string   `json:"command"`
	Description string   `json:"description"`
	Tool        string   `json:"tool"`
	Tags        []string `json:"tags"`
	Section     string   `json:"section"`
	Source      string   `json:"source"`
	Line        int      `json:"line"`
	Origin      string   `json:"origin"`
}

// NewRecord converts a snippet for JSON output.
func NewRecord(s snippet.Snippet) Record {
	tags := s.Tags
	if tags == nil {
		tags = []string{}
	}
	return Record{s.Command, s.Description, s.Tool, tags, s.Section, s.Source, s.Line, s.Origin}
}

// ResultRecord is one search result as JSON. Also, the other places the
// same command was found, is an array even when empty: a field that holds
// a list is always one, so that a reader need not test for null.
type ResultRecord struct {
	Record
	Score       float64  `json:"score"`
	Also        []Record `json:"also"`
	Explanation string   `json:"explanation,omitempty"`
}

// JSON writes results as an array, best first. An empty result list is
// "[]". Explanations are included when explain is set.
func JSON(w io.Writer, results []Result, explain bool) error {
	out := make([]ResultRecord, 0, len(results))
	for _, r := range results {
		rec := ResultRecord{Record: NewRecord(r.Snippet), Score: r.Score, Also: make([]Record, 0, len(r.Also))}
		for _, a := range r.Also {
			rec.Also = append(rec.Also, NewRecord(a))
		}
		if explain {
			rec.Explanation = r.Explanation
		}
		out = append(out, rec)
	}
	data, err := marshal(out, "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(escapeC1(data))
	return err
}

// marshal is json.Marshal (MarshalIndent when indent is set) without the
// HTML escaping encoding/json does by default, which would turn a
// command's < > & into \u003c \u003e \u0026: the same JSON value, but
// hard to read for anyone looking at it. The result ends in a newline.
func marshal(v any, indent string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// JSONLines writes one snippet per line, as `how extract --json` does.
func JSONLines(w io.Writer, snippets []snippet.Snippet) error {
	bw := bufio.NewWriter(w)
	for _, s := range snippets {
		data, err := marshal(NewRecord(s), "")
		if err != nil {
			return err
		}
		bw.Write(escapeC1(data))
	}
	return bw.Flush()
}

// escapeC1 escapes what encoding/json writes raw but a terminal may act
// on: DEL, the C1 controls and the bidirectional overrides. JSON read on a
// terminal must not be able to drive it either; the value is unchanged.
func escapeC1(data []byte) []byte {
	if !bytes.ContainsFunc(data, isControl) {
		return data
	}
	var b bytes.Buffer
	for _, r := range string(data) {
		if isControl(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.Bytes()
}

// Page is one tool's whole sheet, merged from every source, as `how
// show` prints it.
type Page struct {
	// Title is the tool's name.
	Title string
	// Description is what the tool's pages say it is, line by line.
	Description []string
	// AliasOf is the command the tool is an alias of (a tldr alias page),
	// SeeAlso the pages its tldr page names as related, URL where its
	// documentation is. Each is shown after the description.
	AliasOf string
	SeeAlso []string
	URL     string
	// Examples are the commands, each with the other places it was found.
	Examples []Result
	// Notes are lines shown dimmed under an example's command, by the
	// example's index: a navi cheat's suggestion sources for its
	// placeholders ("$ branch: git branch"), information only.
	Notes map[int][]string
	// Footer is said dimmed after the examples.
	Footer []string
}

// Sheet writes a page the way tldr clients do: the title, what the tool
// is, then each example's description above its command, with where it
// came from dimmed. On a terminal (width > 0) commands are shown as
// people type them and provenance is fit to width; otherwise (width 0,
// a pipe) commands are exactly as written and nothing is cut.
func Sheet(w io.Writer, cs *iostreams.ColorScheme, width int, page Page) error {
	bw := bufio.NewWriter(w)
	mode := ModeRaw
	avail := 0
	if width > 0 {
		mode = TerminalMode(cs)
		avail = max(width-len(indent), 20)
	}
	bw.WriteString(cs.Bold(Clean(page.Title)))
	bw.WriteByte('\n')
	for _, d := range page.Description {
		if d = Clean(d); d != "" {
			fmt.Fprintf(bw, "%s%s\n", indent, d)
		}
	}
	if a := Clean(page.AliasOf); a != "" {
		fmt.Fprintf(bw, "%sAn alias of %s: how show %s\n", indent, a, aliasPage(a))
	}
	if len(page.SeeAlso) > 0 {
		names := make([]string, len(page.SeeAlso))
		for i, n := range page.SeeAlso {
			names[i] = Clean(n)
		}
		fmt.Fprintf(bw, "%sSee also: %s\n", indent, strings.Join(names, ", "))
	}
	if u := Clean(page.URL); u != "" {
		fmt.Fprintf(bw, "%s%s\n", indent, cs.Dim(u))
	}
	for i, ex := range page.Examples {
		bw.WriteByte('\n')
		text := exampleDescription(ex.Description)
		// tldr pages always describe their examples; notes may not.
		none := text == ""
		if none {
			text = "(no description)"
		}
		desc, same, below := fitLine(text, resultProvenance(ex), avail)
		if none {
			desc = cs.Dim(desc)
		}
		writeDescription(bw, cs, indent, desc, same)
		writeCommand(bw, cs, mode, indent+indent, ex.Snippet)
		for _, n := range page.Notes[i] {
			fmt.Fprintf(bw, "%s%s%s\n", indent, indent, cs.Dim(Clean(n)))
		}
		if below != "" {
			fmt.Fprintf(bw, "%s%s%s\n", indent, indent, cs.Dim(below))
		}
	}
	if len(page.Footer) > 0 {
		bw.WriteByte('\n')
		for _, f := range page.Footer {
			fmt.Fprintf(bw, "%s%s\n", indent, cs.Dim(Clean(f)))
		}
	}
	return bw.Flush()
}

// exampleDescription is a description as a tldr page shows it: cleaned,
// and ending in a colon that leads to the command, unless it already ends
// in punctuation of its own.
func exampleDescription(d string) string {
	d = Clean(d)
	if d == "" || strings.ContainsAny(d[len(d)-1:], ":.?!") {
		return d
	}
	return d + ":"
}

// aliasPage is the page name of the command an alias stands for: its
// words up to the first option, joined with dashes as tldr names pages
// ("gzip --decompress" is on gzip's page, "git checkout" on git-checkout).
func aliasPage(alias string) string {
	var words []string
	for _, w := range strings.Fields(alias) {
		if strings.HasPrefix(w, "-") {
			break
		}
		words = append(words, w)
	}
	if len(words) == 0 {
		return alias
	}
	return strings.Join(words, "-")
}
