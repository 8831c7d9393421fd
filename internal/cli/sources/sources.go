// Package sources is `how sources`: what is indexed, file by file.
package sources

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/config"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/render"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
)

// Options are sources' inputs.
type Options struct {
	IO *iostreams.IOStreams
	// Load reads every source and reports on each file.
	Load func(ctx context.Context) ([]source.Report, error)
	// ConfigPath is where config.toml is looked for ("" when unknown) and
	// ConfigFound whether it was there.
	ConfigPath  string
	ConfigFound bool

	Sources cmdutil.SourceFlags
}

// NewCmdSources returns `how sources`. runF replaces sourcesRun in tests.
func NewCmdSources(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "sources",
		Short: "List what is searched: each file, its format, commands and problems",
		Long: strings.TrimSpace(`
List every file how searches: its path (bundled sheets show as
bundled:NAME), the format it was read as (sheet, tldr, notes), the kind
of source it is (bundled, tldr, notes), how many commands it gave, and its
problems: lines that could not be read, invalid UTF-8, or why the file
could not be used at all.

On a terminal the bundled sheets are summed up in one line, the problems
are listed under the table, and the last line says which config file is
in use. Piped, every file is one tab-separated line:

    PATH  FORMAT  ORIGIN  COMMANDS  PROBLEMS (a count)  ERROR

Sources are the bundled sheets, the config file's sources, HOW_PATH and
each --source (see how help config).`),
		Example: strings.TrimRight(`
  how sources
  how sources --source ~/notes
  how sources | awk -F'\t' '$6 != ""'     # the files that could not be read`, "\n")[1:],
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Load == nil {
				opts.Load = func(ctx context.Context) ([]source.Report, error) {
					_, reports, err := f.Sources(opts.Sources).Load(ctx)
					return reports, err
				}
			}
			if f.Dirs != nil {
				if dirs, err := f.Dirs(); err == nil {
					opts.ConfigPath = filepath.Join(dirs.Config, config.FileName)
				}
			}
			opts.ConfigFound = f.ConfigFile().Path != ""
			if runF != nil {
				return runF(opts)
			}
			return sourcesRun(cmd.Context(), opts)
		},
	}
	cmdutil.AddSourceFlags(cmd, &opts.Sources)
	return cmd
}

func sourcesRun(ctx context.Context, opts *Options) error {
	reports, err := opts.Load(ctx)
	if err != nil {
		return err
	}
	if !opts.IO.IsStdoutTTY() {
		return plain(opts, reports)
	}
	return terminal(opts, reports)
}

func plain(opts *Options, reports []source.Report) error {
	var b strings.Builder
	for _, r := range reports {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%d\t%d\t%s\n", tsv(r.Path), r.Format, r.Origin, r.Snippets, len(r.Problems), tsv(r.Message()))
	}
	_, err := fmt.Fprint(opts.IO.Out, b.String())
	return err
}

// cell is a table cell: its text, the style it is shown in, and whether
// it is aligned right (numbers).
type cell struct {
	text  string
	style func(string) string
	right bool
}

func terminal(opts *Options, reports []source.Report) error {
	cs := opts.IO.ColorScheme()
	plainStyle := func(s string) string { return s }
	rows := [][]cell{{
		{"PATH", cs.Bold, false}, {"FORMAT", cs.Bold, false}, {"ORIGIN", cs.Bold, false},
		{"COMMANDS", cs.Bold, true}, {"PROBLEMS", cs.Bold, false},
	}}
	total, files, broken, bundledFiles, bundledCmds := 0, 0, 0, 0, 0
	var withProblems []source.Report
	for _, r := range reports {
		if r.Format != source.FormatFolder && r.Err == nil {
			files++
			total += r.Snippets
		}
		if len(r.Problems) > 0 {
			withProblems = append(withProblems, r)
		}
		if r.Origin == snippet.OriginBundled && r.Err == nil {
			// One line for what how ships with: the user's own sources
			// are what this list is read for.
			bundledFiles++
			bundledCmds += r.Snippets
			continue
		}
		path := render.Clean(r.Path)
		switch {
		case r.Err != nil:
			broken++
			rows = append(rows, []cell{{path, plainStyle, false}, {}, {}, {}, {render.Clean(r.Message()), cs.Red, false}})
		default:
			problems := cell{}
			if n := len(r.Problems); n > 0 {
				problems = cell{plural(n, "problem") + " (below)", cs.Yellow, false}
			}
			rows = append(rows, []cell{{path, plainStyle, false}, {string(r.Format), plainStyle, false}, {r.Origin, plainStyle, false},
				{strconv.Itoa(r.Snippets), plainStyle, true}, problems})
		}
	}
	if bundledFiles > 0 {
		bundled := []cell{{"bundled sheets (" + plural(bundledFiles, "file") + ")", plainStyle, false}, {string(source.FormatSheet), plainStyle, false},
			{snippet.OriginBundled, plainStyle, false}, {strconv.Itoa(bundledCmds), plainStyle, true}, {}}
		rows = append(rows[:1], append([][]cell{bundled}, rows[1:]...)...)
	}

	var b strings.Builder
	writeTable(&b, rows)
	for _, r := range withProblems {
		fmt.Fprintf(&b, "\n%s\n", cs.Bold(render.Clean(r.Path)))
		for _, p := range r.Problems {
			fmt.Fprintf(&b, "  %s\n", cs.Yellow(render.Clean(p)))
		}
	}
	summary := fmt.Sprintf("%s from %s", plural(total, "command"), plural(files, "file"))
	if broken > 0 {
		summary += "; " + cs.Red(plural(broken, "source")+" could not be read")
	}
	fmt.Fprintf(&b, "\n%s\n", summary)
	if opts.ConfigPath != "" {
		cfg := "config: " + render.Clean(opts.ConfigPath)
		if !opts.ConfigFound {
			cfg += " (none; see how help config)"
		}
		fmt.Fprintf(&b, "%s\n", cs.Dim(cfg))
	}
	_, err := fmt.Fprint(opts.IO.Out, b.String())
	return err
}

// writeTable writes rows in columns two spaces apart, measured without
// colour (which text/tabwriter would count as width) and with wide
// characters counted as two.
func writeTable(b *strings.Builder, rows [][]cell) {
	var widths []int
	for _, row := range rows {
		for i, c := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], runewidth.StringWidth(c.text))
		}
	}
	for _, row := range rows {
		var line strings.Builder
		for i, c := range row {
			pad := strings.Repeat(" ", widths[i]-runewidth.StringWidth(c.text))
			text := c.text
			if c.style != nil {
				text = c.style(text)
			}
			if i > 0 {
				line.WriteString("  ")
			}
			if c.right {
				line.WriteString(pad + text)
			} else {
				line.WriteString(text + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// tsv keeps a field on its line and in its column.
func tsv(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(render.Clean(s))
}
