// Package sources is `how sources`: what is indexed, collection by
// collection and file by file, and `how sources --discover`: the
// collections other tools keep on this machine.
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
	"github.com/howcli/how/internal/fetch"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/render"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
)

// Loaded is what reading every source found.
type Loaded struct {
	Reports     []source.Report
	Collections []source.Collection
	// Got are the stamps of the collections how sources --get put there,
	// by their roots.
	Got map[string]fetch.Stamp
}

// Options are sources' inputs.
type Options struct {
	IO *iostreams.IOStreams
	// Load reads every source and reports on each file and collection.
	Load func(ctx context.Context) (Loaded, error)
	// ConfigPath is where config.toml is looked for ("" when unknown) and
	// ConfigFound whether it was there.
	ConfigPath  string
	ConfigFound bool
	JSON        bool

	// Discovery (see discover.go).
	Discover bool
	Yes      bool
	Disc     Discovery

	// Getting collections (see get.go): --get NAME, --update.
	Get    string
	Update bool
	Getter Getting

	Sources cmdutil.SourceFlags
}

// NewCmdSources returns `how sources`. runF replaces sourcesRun in tests.
func NewCmdSources(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "sources [--json] [--discover [--yes]] [--get NAME] [--update]",
		Short: "List what is searched: collections, files, commands, problems, licences",
		Long: strings.TrimSpace(`
List what how searches. On a terminal, one line for each collection (a
tldr pages tree, a cheatpath, a folder of navi cheats), for each notes
file and for the bundled sheets, with the format it was read as, its
origin, the files read, the commands indexed (and the lines they span,
when some span several), the examples left out, and the collection's
licence (with its holder, for the attribution CC-BY asks
for) and, for a collection got with --get, the date of its pages. Below
the table: why examples were left out (a tldr page shadowed by
the page of the same name for this platform, an alias page whose one
example only points to the original command's page), then the files of
folders that were not read because they are no text (binary, too large,
unreadable, empty), counted by reason with the first few named, then
every problem, file by file and line by line, then the totals and the
config file in use. Every file of a folder is read, whatever its name
(README.Debian, deploy.sh, notes): its content says what it is.

Piped, every file is one tab-separated line:

    PATH  FORMAT  ORIGIN  COMMANDS  PROBLEMS (a count)  ERROR

--json prints one object: collections (path, format, origin, licence,
files, commands, lines, omitted with why), files (path, format, origin,
collection, commands, lines, omitted, why, problems, error, skipped),
skipped (reason, files, first) and totals.

--discover finds the collections other tools keep on this machine:
tealdeer's and tlrc's caches of tldr pages, tealdeer's custom pages,
cheat's cheatpaths and navi's cheats folders, where those tools
themselves look (their variables and configuration files included; see
how help environment). On a terminal it offers to add each one how does
not search yet to config.toml, as a [[source]] table with its format (and
a cheatpath's tags); --yes adds them all without asking; piped, it only
lists them, one tab-separated line each:

    TOOL  PATH  FORMAT  FILES  STATUS (new or searched)

Nothing but config.toml is ever written, and only by appending: its
content and comments are kept as they are.

--get tldr downloads the tldr pages: the archive the tldr-pages project
publishes with each release (HOW_TLDR_URL overrides where from, for a
mirror), over HTTPS, checked against the checksum published beside it.
The English pages, those of the languages LANGUAGE and LANG name, and
the licence are unpacked into the data folder (tldr in HOW_DATA_DIR,
else ~/.local/share/how), which is added to config.toml as above. An
archive that is not what it should be (truncated, not a zip, a path
that leads out of the folder, a link, too large, too many files) is
refused and nothing changes. --update gets the latest release of what
--get got (nothing is downloaded when the checksum published says it
is the same); the old pages stay in place until the new ones are
complete, and stay when the download fails (offline, a timeout, Ctrl-C).

Sources are the bundled sheets, the config file's sources, HOW_PATH,
each --source, and your personal sheet (see how help config).`),
		Example: strings.TrimRight(`
  how sources
  how sources --source ~/notes
  how sources --json | jq '.collections[] | {path, commands, license}'
  how sources | awk -F'\t' '$6 != ""'     # the files that could not be read
  how sources --discover
  how sources --discover --yes
  how sources --get tldr
  how sources --update`, "\n")[1:],
		Args: func(cmd *cobra.Command, args []string) error {
			if err := cobra.NoArgs(cmd, args); err != nil {
				return err
			}
			// --get's value is part of the shape: how sources --get tldr.
			return getArgs(opts)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Yes && !opts.Discover {
				return cmdutil.FlagErrorf("--yes goes with --discover")
			}
			if opts.Load == nil {
				opts.Load = func(ctx context.Context) (Loaded, error) {
					set := f.Sources(opts.Sources)
					_, reports, err := set.Load(ctx)
					l := Loaded{Reports: reports, Collections: set.Collections(), Got: map[string]fetch.Stamp{}}
					for _, c := range l.Collections {
						if st, ok, _ := fetch.ReadStamp(c.Root); ok {
							l.Got[c.Root] = st
						}
					}
					return l, err
				}
			}
			if f.Dirs != nil {
				if dirs, err := f.Dirs(); err == nil {
					opts.ConfigPath = filepath.Join(dirs.Config, config.FileName)
				}
			}
			opts.ConfigFound = f.ConfigFile().Path != ""
			if opts.Discover {
				opts.Disc.fill(f, opts.Sources)
			}
			getting := opts.Get != "" || opts.Update
			if getting {
				opts.Getter.fill(f, opts.Sources)
			}
			if runF != nil {
				return runF(opts)
			}
			if opts.Discover {
				return discoverRun(cmd.Context(), opts)
			}
			if getting {
				return getRun(cmd.Context(), opts)
			}
			return sourcesRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print everything as one JSON object")
	cmd.Flags().BoolVar(&opts.Discover, "discover", false, "find the collections of tealdeer, tlrc, cheat and navi and offer to add them")
	cmd.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "with --discover: add every collection found without asking")
	cmd.Flags().StringVar(&opts.Get, "get", "", "download `NAME` (tldr: the tldr pages) into the data folder and add it to config.toml")
	cmd.Flags().BoolVar(&opts.Update, "update", false, "download again, if newer, what --get got")
	cmd.RegisterFlagCompletionFunc("get", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		var names []string
		for _, c := range fetch.Collections {
			names = append(names, c.Name+"\t"+c.What)
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	})
	cmdutil.AddSourceFlags(cmd, &opts.Sources)
	return cmd
}

func sourcesRun(ctx context.Context, opts *Options) error {
	loaded, err := opts.Load(ctx)
	if err != nil {
		return err
	}
	switch {
	case opts.JSON:
		return writeJSON(opts, loaded)
	case !opts.IO.IsStdoutTTY():
		return plain(opts, loaded.Reports)
	}
	return terminal(opts, loaded)
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

// omission is one reason examples of a collection were left out: the
// files it applies to, as a noun ("alias page") and what follows it, and
// why they are left out.
type omission struct {
	noun, rest, why string
	pages, examples int
}

// what names the files an omission applies to, in the plural when they
// are several.
func (o omission) what() string { return plural(o.pages, o.noun) + o.rest }

// summary is what the table says about one collection, or the bundled
// sheets, or one file that is not part of a collection.
type summary struct {
	path, format, origin, licence   string
	files, commands, lines, omitted int
	isCollection                    bool
	errMsg                          string
	problemFiles                    int
	omissions                       []omission
	coll                            *source.Collection
	// got is the stamp of a collection got by how sources --get.
	got *fetch.Stamp
}

// summarise groups reports into the table's rows, in the order the
// sources were given: the bundled sheets as one row, each collection as
// one, and every other file as its own.
func summarise(loaded Loaded) (rows []*summary, withProblems []source.Report) {
	colls := map[string]*summary{}
	var bundled *summary
	for i := range loaded.Collections {
		c := &loaded.Collections[i]
		colls[c.Root] = &summary{path: c.Root, format: string(c.Format), origin: source.Origin(c.Format), licence: licence(*c),
			files: c.Files, commands: c.Snippets, lines: c.Lines, omitted: c.Omitted, isCollection: true, coll: c}
		if st, ok := loaded.Got[c.Root]; ok {
			colls[c.Root].got = &st
		}
	}
	added := map[string]bool{}
	for _, r := range loaded.Reports {
		if r.Skipped != "" {
			continue // counted by skips
		}
		if len(r.Problems) > 0 || r.Err != nil && r.Collection != "" {
			withProblems = append(withProblems, r)
		}
		switch {
		case r.Origin == snippet.OriginBundled && r.Err == nil:
			// One line for what how ships with: the user's own sources
			// are what this list is read for.
			if bundled == nil {
				bundled = &summary{path: "bundled sheets", format: string(source.FormatSheet), origin: snippet.OriginBundled}
				rows = append(rows, bundled)
			}
			bundled.files++
			bundled.commands += r.Snippets
			bundled.lines += r.Lines
			if len(r.Problems) > 0 {
				bundled.problemFiles++
			}
		case r.Collection != "" && colls[r.Collection] != nil:
			s := colls[r.Collection]
			if !added[r.Collection] {
				added[r.Collection] = true
				rows = append(rows, s)
			}
			if len(r.Problems) > 0 || r.Err != nil {
				s.problemFiles++
			}
			if r.Omitted > 0 {
				s.addOmission(r)
			}
		default:
			s := &summary{path: r.Path, format: string(r.Format), origin: r.Origin, commands: r.Snippets, lines: r.Lines, omitted: r.Omitted}
			if r.Err != nil {
				s.errMsg = r.Message()
			} else if r.Format != source.FormatFolder {
				s.files = 1
			}
			if len(r.Problems) > 0 {
				s.problemFiles = 1
			}
			if r.Omitted > 0 {
				s.addOmission(r)
			}
			rows = append(rows, s)
		}
	}
	return rows, withProblems
}

// skipReasons are why files found by walking were not read, in the order
// they are listed.
var skipReasons = []string{source.SkipBinary, source.SkipTooLarge, source.SkipUnreadable, source.SkipEmpty, source.SkipEncoding}

// firstSkipped is how many files are named for each reason.
const firstSkipped = 3

// skip is the files skipped for one reason: how many, and the first few.
type skip struct {
	reason string
	files  int
	first  []string
}

// skips counts the files passed over by reason, in skipReasons' order.
func skips(reports []source.Report) []skip {
	by := map[string]*skip{}
	for _, r := range reports {
		if r.Skipped == "" {
			continue
		}
		k := by[r.Skipped]
		if k == nil {
			k = &skip{reason: r.Skipped}
			by[r.Skipped] = k
		}
		k.files++
		if len(k.first) < firstSkipped {
			k.first = append(k.first, r.Path)
		}
	}
	var out []skip
	for _, reason := range skipReasons {
		if k := by[reason]; k != nil {
			out = append(out, *k)
			delete(by, reason)
		}
	}
	for _, k := range by { // a reason added to source but not here
		out = append(out, *k)
	}
	return out
}

// addOmission counts r's left-out examples under their reason, the
// specific page named in it left out.
func (s *summary) addOmission(r source.Report) {
	o := omission{noun: "file", why: r.Why}
	switch {
	case strings.HasPrefix(r.Why, "an alias of "):
		o = omission{noun: "alias page", why: "the one example of each only points to the original command's page"}
	case strings.HasPrefix(r.Why, "shadowed by "):
		platform := ""
		if s.coll != nil && s.coll.Platform != "" {
			platform = s.coll.Platform + " or "
		}
		o = omission{noun: "page", rest: " shadowed by the " + platform + "common page of the same name"}
	}
	for i := range s.omissions {
		if e := &s.omissions[i]; e.noun == o.noun && e.rest == o.rest && e.why == o.why {
			e.pages++
			e.examples += r.Omitted
			return
		}
	}
	o.pages, o.examples = 1, r.Omitted
	s.omissions = append(s.omissions, o)
}

// licence names a collection's licence, with its holder when the text
// names one: "CC-BY-4.0 (tldr-pages team)".
func licence(c source.Collection) string {
	switch {
	case c.License == "" && c.LicenseFile != "":
		return "see " + filepath.Base(c.LicenseFile)
	case c.License == "":
		return ""
	case c.LicenseHolder != "":
		return c.License + " (" + c.LicenseHolder + ")"
	}
	return c.License
}

func terminal(opts *Options, loaded Loaded) error {
	cs := opts.IO.ColorScheme()
	plainStyle := func(s string) string { return s }
	rows, withProblems := summarise(loaded)
	table := [][]cell{{
		{"PATH", cs.Bold, false}, {"FORMAT", cs.Bold, false}, {"ORIGIN", cs.Bold, false}, {"FILES", cs.Bold, true},
		{"COMMANDS", cs.Bold, true}, {"LINES", cs.Bold, true}, {"OMITTED", cs.Bold, true}, {"LICENCE", cs.Bold, false}, {"DATE", cs.Bold, false}, {"PROBLEMS", cs.Bold, false},
	}}
	num := func(n int, show bool) cell {
		if !show {
			return cell{}
		}
		return cell{thousands(n), plainStyle, true}
	}
	total, files, omitted, broken, problemFiles := 0, 0, 0, 0, 0
	for _, s := range rows {
		path := render.Clean(cmdutil.Tilde(s.path))
		if s.errMsg != "" {
			broken++
			table = append(table, []cell{{path, plainStyle, false}, {}, {}, {}, {}, {}, {}, {}, {}, {render.Clean(s.errMsg), cs.Red, false}})
			continue
		}
		total += s.commands
		files += s.files
		omitted += s.omitted
		problemFiles += s.problemFiles
		problems := cell{}
		switch {
		case s.problemFiles > 0 && (s.isCollection || s.origin == snippet.OriginBundled):
			problems = cell{plural(s.problemFiles, "file") + " (below)", cs.Yellow, false}
		case s.problemFiles > 0:
			problems = cell{"see below", cs.Yellow, false}
		}
		date := cell{}
		if s.got != nil {
			date = cell{day(s.got.Date), plainStyle, false}
		}
		table = append(table, []cell{{path, plainStyle, false}, {s.format, plainStyle, false}, {s.origin, plainStyle, false},
			num(s.files, s.files > 0 && (s.isCollection || s.origin == snippet.OriginBundled)), num(s.commands, true),
			num(s.lines, s.lines > s.commands), num(s.omitted, s.omitted > 0), {render.Clean(s.licence), plainStyle, false}, date, problems})
	}

	var b strings.Builder
	writeTable(&b, table)
	// Why examples are left out, collection by collection, with the
	// arithmetic that ties the table to a count of the collection itself
	// (what ../shared/corpora/SOURCES.md counts, for instance).
	for _, s := range rows {
		if len(s.omissions) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s %s: %s examples read, %s indexed, %s left out:\n", cs.Bold("omitted"), render.Clean(cmdutil.Tilde(s.path)),
			thousands(s.commands+s.omitted), thousands(s.commands), thousands(s.omitted))
		for _, o := range s.omissions {
			line := fmt.Sprintf("%s of %s", plural(o.examples, "example"), o.what())
			if o.why != "" {
				line += " (" + o.why + ")"
			}
			fmt.Fprintf(&b, "  %s\n", render.Clean(line))
		}
	}
	// Files passed over are counted by why, the first few named: a folder
	// of notes holds pictures and programs too.
	skipped := 0
	if sk := skips(loaded.Reports); len(sk) > 0 {
		for _, k := range sk {
			skipped += k.files
		}
		fmt.Fprintf(&b, "\n%s %s, not read:\n", cs.Bold("skipped"), plural(skipped, "file"))
		for _, k := range sk {
			names := make([]string, len(k.first))
			for i, p := range k.first {
				names[i] = render.Clean(cmdutil.Tilde(p))
			}
			list := strings.Join(names, ", ")
			if more := k.files - len(k.first); more > 0 {
				list += fmt.Sprintf(" and %d more", more)
			}
			fmt.Fprintf(&b, "  %d %s: %s\n", k.files, k.reason, list)
		}
	}
	if len(withProblems) > 0 {
		fmt.Fprintf(&b, "\n%s\n", cs.Bold("problems"))
		for _, r := range withProblems {
			fmt.Fprintf(&b, "  %s\n", render.Clean(cmdutil.Tilde(r.Path)))
			if r.Err != nil {
				fmt.Fprintf(&b, "    %s\n", cs.Red(render.Clean(r.Message())))
			}
			for _, p := range r.Problems {
				fmt.Fprintf(&b, "    %s\n", cs.Yellow(render.Clean(p)))
			}
		}
	}
	summaryLine := fmt.Sprintf("%s from %s", plural(total, "command"), plural(files, "file"))
	if omitted > 0 {
		summaryLine += fmt.Sprintf(" (%s examples left out)", thousands(omitted))
	}
	if problemFiles > 0 {
		summaryLine += "; " + cs.Yellow(plural(problemFiles, "file")+" with problems")
	}
	if broken > 0 {
		summaryLine += "; " + cs.Red(plural(broken, "source")+" could not be read")
	}
	if skipped > 0 {
		summaryLine += "; " + plural(skipped, "file") + " skipped"
	}
	fmt.Fprintf(&b, "\n%s\n", summaryLine)
	if opts.ConfigPath != "" {
		cfg := "config: " + render.Clean(cmdutil.Tilde(opts.ConfigPath))
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
// characters counted as two. Columns empty in every row but the header
// are left out.
func writeTable(b *strings.Builder, rows [][]cell) {
	var widths []int
	used := map[int]bool{}
	for r, row := range rows {
		for i, c := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], runewidth.StringWidth(c.text))
			if r > 0 && c.text != "" {
				used[i] = true
			}
		}
	}
	for _, row := range rows {
		var line strings.Builder
		first := true
		for i, c := range row {
			if !used[i] && len(rows) > 1 {
				continue
			}
			pad := strings.Repeat(" ", widths[i]-runewidth.StringWidth(c.text))
			text := c.text
			if c.style != nil {
				text = c.style(text)
			}
			if !first {
				line.WriteString("  ")
			}
			first = false
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
	return thousands(n) + " " + noun + "s"
}

// thousands writes n with thousands separated, as counts are read.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 1000 && n > -1000 {
		return s
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// tsv keeps a field on its line and in its column.
func tsv(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(render.Clean(s))
}
