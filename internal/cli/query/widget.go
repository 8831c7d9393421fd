package query

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/picker"
	"github.com/howcli/how/internal/render"
	"github.com/howcli/how/internal/search"
	"github.com/howcli/how/internal/vocab"
	"github.com/howcli/how/internal/widget"
)

// Searcher runs one query on an open index.
type Searcher func(q search.Query) ([]search.Result, error)

// pickLimit is how many results the picker lists: more than a screen
// holds, to scroll through, few enough to search in a few milliseconds.
const pickLimit = 50

// widgetRun answers a shell widget (how --widget [--pick] -- BUFFER), as
// DESIGN.md's protocol says: stdout is the cursor offset in characters
// (-1 for the end of the line), a newline, then the new line; exit 0
// replaces the line, 1 leaves it (no match, cancelled, copied instead),
// 2 is an error, with its message on stderr.
//
// Only the last segment of the line (after | && ; and the like, outside
// quotes) is the query, and only it is replaced. What happens depends on
// the line:
//
//   - --pick (the shell asks for it when the widget is pressed again on
//     the line it has just written) or an empty query: the picker, seeded
//     with the query.
//   - a last segment holding <placeholders>: the line is a command being
//     filled in, not a question, so the cursor moves to the next
//     placeholder after HOW_WIDGET_CURSOR, wrapping round, without a
//     search.
//   - a last segment that is the command the widget wrote on this line
//     (HOW_WIDGET_WROTE, which the shell sets), edited: that is not a
//     question either, and nothing the user typed is replaced unless
//     they choose to, in the picker, seeded with the segment.
//   - otherwise the best command replaces the query, the cursor on its
//     first placeholder; when nothing is close enough to the query (see
//     search.minCoverage), the line stays and stderr says so. After a |, commands that read a pipe come
//     first, written as a stage that does (see vocab.PipeStage).
//
// Warnings (a missing source) are not printed: the shell's line editor
// owns the terminal, and they show on the next plain query.
func widgetRun(ctx context.Context, opts *Options) error {
	line := widget.Parse(opts.Buffer)
	if !opts.Interactive && len(widget.Placeholders(line.Query)) > 0 {
		cursor := cursorEnv(opts.Getenv, opts.Buffer)
		off, _ := widget.NextPlaceholder(opts.Buffer, cursor)
		_, err := io.WriteString(opts.IO.Out, widget.Format(opts.Buffer, off))
		return err
	}
	pick := opts.Interactive || len(line.Words()) == 0 || line.Edited(getenv(opts.Getenv, "HOW_WIDGET_WROTE"))
	stage := lineStage(line)

	var chosen *search.Result
	var pickErr error
	_, err := opts.Session(ctx, func(s Searcher) error {
		if !pick {
			results, err := s(search.Query{Words: line.Words(), Limit: 1, Piped: line.Piped()})
			if err != nil {
				return err
			}
			if len(results) > 0 {
				chosen = &results[0]
			}
			return nil
		}
		// Errors are kept out of the session's return: a failed session
		// is retried on a rebuilt index, and the picker must not open
		// twice.
		show := func(r search.Result) (string, []widget.Span) { return insertedCommand(stage(r), r.Origin) }
		res, err := opts.Pick(ctx, pickerOptions(line.Query, line.Piped(), s, "insert", show))
		if err != nil {
			pickErr = err
			return nil
		}
		switch res.Action {
		case picker.Chosen:
			r := res.Item.Value.(search.Result)
			chosen = &r
		case picker.Copied:
			r := res.Item.Value.(search.Result)
			if _, err := opts.Copy(render.Typed(stage(r), r.Origin)); err != nil {
				pickErr = err
			}
		}
		return nil
	})
	if err == nil {
		err = pickErr
	}
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, cmdutil.ErrCancelled) {
			// Interrupted: for the widget, like a cancel, the line stays.
			return cmdutil.ErrNoMatch
		}
		return err
	}
	if chosen == nil && pick {
		return cmdutil.ErrNoMatch
	}
	if chosen == nil {
		// Said on stderr, which the shell shows below the line: a key
		// that does nothing would look broken.
		return &cmdutil.NoMatchError{Hint: "nothing close enough to \"" + render.Clean(line.Query) + "\"; the line is left as it was", Always: true}
	}
	text, spans := insertedCommand(stage(*chosen), chosen.Origin)
	buf, cursor := line.Replace(text, spans)
	_, err = io.WriteString(opts.IO.Out, widget.Format(buf, cursor))
	return err
}

// lineStage returns what of a result's command goes on line: the command,
// cleaned; after a |, the stage of it that reads the pipe.
func lineStage(line widget.Line) func(search.Result) string {
	if !line.Piped() {
		return func(r search.Result) string { return render.CleanCommand(r.Command) }
	}
	before := line.Before()
	return func(r search.Result) string {
		return vocab.PipeStage(render.CleanCommand(r.Command), r.Origin, before, r.Pipe)
	}
}

// insertedCommand is a command (cleaned) as the widget puts it on the
// line, with its placeholders: tldr's, resolved ({{path/to/file}} becomes
// path/to/file, {{[-f|--follow]}} --follow), and <name>s, kept.
func insertedCommand(command, origin string) (string, []widget.Span) {
	text, tldr := render.Inserted(command, origin)
	spans := widget.Placeholders(text)
	for _, sp := range tldr {
		spans = append(spans, widget.Span{Start: sp.Start, End: sp.End})
	}
	return text, spans
}

// rawCommand is r's command as how -i prints it: as written, cleaned.
func rawCommand(r search.Result) (string, []widget.Span) {
	return render.CleanCommand(r.Command), nil
}

// cursorEnv reads HOW_WIDGET_CURSOR, the shell's cursor in characters;
// without it, the cursor is at the end of buf.
func cursorEnv(env func(string) string, buf string) int {
	if n, err := strconv.Atoi(strings.TrimSpace(getenv(env, "HOW_WIDGET_CURSOR"))); err == nil && n >= 0 {
		return n
	}
	return utf8.RuneCountInString(buf)
}

func getenv(env func(string) string, name string) string {
	if env == nil {
		return ""
	}
	return env(name)
}

// pickerOptions sets the picker up to search with s (for a command that
// reads a pipe, when piped), showing commands as show makes them.
func pickerOptions(query string, piped bool, s Searcher, enter string, show func(search.Result) (string, []widget.Span)) picker.Options {
	return picker.Options{
		Query: query,
		Enter: enter,
		Search: func(q string) ([]picker.Item, error) {
			words := strings.Fields(q)
			if len(words) == 0 {
				return nil, nil
			}
			// However little of the query the best result covers: a
			// word being typed is seldom a word yet.
			results, err := s(search.Query{Words: words, Limit: pickLimit, Piped: piped, AnyCoverage: true})
			if err != nil {
				return nil, err
			}
			items := make([]picker.Item, len(results))
			for i, r := range results {
				cmd, _ := show(r)
				prov := render.Provenance(r.Snippet)
				if n := len(r.Also); n > 0 && prov != "" {
					prov += fmt.Sprintf(" (+%d more)", n)
				}
				items[i] = picker.Item{Command: cmd, Description: render.Clean(r.Description), Source: prov, Value: r}
			}
			return items, nil
		},
	}
}

// pickRun is how -i: the picker, seeded with the words; the choice is
// printed on stdout as a pipe gets it (or as JSON, or NUL-ended), or
// copied with Ctrl-Y (and with -c, copied too). Cancelling exits 130.
func pickRun(ctx context.Context, opts *Options) error {
	var res picker.Result
	var pickErr error
	warnings, err := opts.Session(ctx, func(s Searcher) error {
		res, pickErr = opts.Pick(ctx, pickerOptions(strings.Join(opts.Words, " "), false, s, pickEnter(opts), rawCommand))
		return nil
	})
	cmdutil.Warn(opts.IO, warnings)
	if err == nil {
		err = pickErr
	}
	if err != nil {
		return err
	}
	switch res.Action {
	case picker.Chosen:
		r := res.Item.Value.(search.Result)
		var printErr error
		if opts.JSON {
			printErr = render.JSON(opts.IO.Out, cmdutil.Shown([]search.Result{r}), false)
		} else {
			sep := byte('\n')
			if opts.NUL {
				sep = 0
			}
			printErr = render.Plain(opts.IO.Out, opts.IO.ColorScheme(), cmdutil.Shown([]search.Result{r}), sep)
		}
		if opts.CopyTop {
			if err := copyCommand(opts, r); err != nil {
				return err
			}
		}
		return printErr
	case picker.Copied:
		return copyCommand(opts, res.Item.Value.(search.Result))
	}
	return cmdutil.ErrCancelled
}

func pickEnter(opts *Options) string {
	if opts.CopyTop {
		return "print and copy"
	}
	return "print"
}
