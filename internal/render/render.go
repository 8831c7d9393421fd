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
	"github.com/howcli/how/internal/search"
	"github.com/howcli/how/internal/snippet"
)

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
func Results(ios *iostreams.IOStreams, results []search.Result, opts Options) error {
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
// commands are cleaned too, since a pipe often ends at a terminal. Colour
// is normally off here; --color=always turns it on, as it does for ls and
// grep, for pagers such as less -R.
func Plain(w io.Writer, cs *iostreams.ColorScheme, results []search.Result, sep byte) error {
	bw := bufio.NewWriter(w)
	for _, r := range results {
		bw.WriteString(cs.Bold(CleanCommand(r.Command)))
		bw.WriteByte(sep)
	}
	return bw.Flush()
}

// Terminal writes results for a person: the command first and bold, then
// an indented line with what it does and, dimmed, where it came from. The
// command is never cut (it is what gets copied); the line under it is fit
// to width.
func Terminal(w io.Writer, cs *iostreams.ColorScheme, width int, results []search.Result, explain bool) error {
	bw := bufio.NewWriter(w)
	const indent = "  "
	avail := max(width-len(indent), 20)
	for _, r := range results {
		bw.WriteString(cs.Bold(CleanCommand(r.Command)))
		bw.WriteByte('\n')
		desc := Clean(r.Description)
		prov := Provenance(r.Snippet)
		switch {
		case desc == "" && prov == "":
		case desc == "":
			fmt.Fprintf(bw, "%s%s\n", indent, cs.Dim(middleTruncate(prov, avail)))
		case prov == "":
			fmt.Fprintf(bw, "%s%s\n", indent, runewidth.Truncate(desc, avail, "…"))
		case runewidth.StringWidth(desc)+2+runewidth.StringWidth(prov) <= avail:
			fmt.Fprintf(bw, "%s%s  %s\n", indent, desc, cs.Dim(prov))
		default:
			fmt.Fprintf(bw, "%s%s\n%s%s\n", indent, runewidth.Truncate(desc, avail, "…"), indent, cs.Dim(middleTruncate(prov, avail)))
		}
		if explain && r.Explanation != "" {
			for _, line := range strings.Split(strings.TrimRight(r.Explanation, "\n"), "\n") {
				fmt.Fprintf(bw, "%s%s%s\n", indent, indent, cs.Dim(Clean(line)))
			}
		}
	}
	return bw.Flush()
}

// Provenance says where a snippet came from, "Section · file:line", cleaned
// for a terminal. A section that only repeats the tool (tldr pages) is left
// out.
func Provenance(s snippet.Snippet) string {
	var parts []string
	if sec := Clean(s.Section); sec != "" && sec != s.Tool {
		parts = append(parts, sec)
	}
	if src := Clean(s.Source); src != "" {
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

// ResultRecord is one search result as JSON.
type ResultRecord struct {
	Record
	Score       float64  `json:"score"`
	Also        []Record `json:"also,omitempty"`
	Explanation string   `json:"explanation,omitempty"`
}

// JSON writes results as an array, best first. An empty result list is
// "[]". Explanations are included when explain is set.
func JSON(w io.Writer, results []search.Result, explain bool) error {
	out := make([]ResultRecord, 0, len(results))
	for _, r := range results {
		rec := ResultRecord{Record: NewRecord(r.Snippet), Score: r.Score}
		for _, a := range r.Also {
			rec.Also = append(rec.Also, NewRecord(a))
		}
		if explain {
			rec.Explanation = r.Explanation
		}
		out = append(out, rec)
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(escapeC1(data), '\n'))
	return err
}

// JSONLines writes one snippet per line, as `how extract --json` does.
func JSONLines(w io.Writer, snippets []snippet.Snippet) error {
	bw := bufio.NewWriter(w)
	for _, s := range snippets {
		data, err := json.Marshal(NewRecord(s))
		if err != nil {
			return err
		}
		bw.Write(escapeC1(data))
		bw.WriteByte('\n')
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

// Sheet writes a tool's whole sheet, as `how show` does: the title, then
// each command under what it does, with where it came from dimmed.
func Sheet(w io.Writer, cs *iostreams.ColorScheme, width int, title string, snippets []snippet.Snippet) error {
	bw := bufio.NewWriter(w)
	const indent = "  "
	avail := max(width-len(indent), 20)
	bw.WriteString(cs.Bold(Clean(title)))
	bw.WriteByte('\n')
	for _, s := range snippets {
		bw.WriteByte('\n')
		desc := Clean(s.Description)
		if desc == "" {
			desc = "(no description)"
		}
		fmt.Fprintf(bw, "- %s\n", desc)
		for _, line := range strings.Split(CleanCommand(s.Command), "\n") {
			fmt.Fprintf(bw, "%s%s\n", indent, cs.Bold(line))
		}
		if prov := Provenance(s); prov != "" {
			fmt.Fprintf(bw, "%s%s\n", indent, cs.Dim(middleTruncate(prov, avail)))
		}
	}
	return bw.Flush()
}
