// Package show is `how show NAME`: one tool's whole sheet.
package show

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/cli/cmdutil"
	indexpkg "github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/render"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
)

// Options are show's inputs.
type Options struct {
	IO *iostreams.IOStreams
	// Load returns every snippet of the chosen sources, with a report on
	// each file (whose Page says what a tldr page says about its tool).
	Load func(ctx context.Context) ([]snippet.Snippet, []source.Report, error)

	Name    string
	Sources cmdutil.SourceFlags

	// found is what the index holds for Name, as looked up to check that
	// Name is a program: the page is made of it without reading every
	// source again.
	found []snippet.Snippet
	// warnings are what getting the index said (a source missing, a file
	// that could not be read), for the page's stderr.
	warnings []string
}

// NewCmdShow returns `how show`. runF replaces showRun in tests.
func NewCmdShow(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "show NAME",
		Short: "Show every command for one tool, like a tldr page",
		Long: strings.TrimSpace(`
Show every command known for one tool, from all sources merged, the way a
tldr page is shown: the tool, what it is, the pages its tldr page names
under "See also" and its documentation's address (all from its tldr
pages), then each command under what it does, with where it was found.
NAME is the program (git, tar); a tldr page name such as git-commit works
too. A command found in several places is shown once. When a tldr page
says the tool is an alias (vi, of vim), it says what the original is and
how to show it.

NAME is one word that names a program in the index: any other line that
starts with show (how show disk usage, how show ports) is a question,
and is searched.

A navi cheat's commands are followed by the "$ NAME: COMMAND" lines that
give navi its suggestions for their <placeholders>: how shows them, and
never runs them.

On a terminal, tldr placeholders are highlighted without their braces
({{path/to/file}} shows as path/to/file) and option placeholders show
their long form ({{[-f|--follow]}} shows as --follow); without colour,
value placeholders keep their braces. Piped, the page is plain text and
every command is exactly as written.

Your own notes come first, then collections such as tldr pages, then the
bundled sheets.

EXIT STATUS
    0    shown
    1    no command for NAME (a one-line message on stderr)
    2    error`),
		Example: strings.TrimRight(`
  how show journalctl
  how show git-commit
  how show --no-bundled --source ~/notes docker
  how show tar | less`, "\n")[1:],
		// One word naming a program in the index, or the line is a
		// question (how show disk usage, how show ports).
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cmdutil.FlagErrorf("show needs exactly one NAME")
			}
			opts.found, opts.warnings = lookup(cmd.Context(), f, opts.Sources, args[0])
			if len(opts.found) == 0 {
				return fmt.Errorf("%q is not a program how knows", args[0])
			}
			return nil
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return toolNames(cmd.Context(), f, opts.Sources, toComplete), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if opts.Load == nil {
				found := opts.found
				cmdutil.Warn(f.IO, opts.warnings)
				opts.Load = func(ctx context.Context) ([]snippet.Snippet, []source.Report, error) {
					return found, pages(ctx, f.IO, opts.Name, found), nil
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return showRun(cmd.Context(), opts)
		},
	}
	cmdutil.AddSourceFlags(cmd, &opts.Sources)
	return cmd
}

// lookup returns the commands the index of the chosen sources holds for
// name, as matches says: a command whose tool is name, or a command of the
// tldr page whose file is named name (git-commit: its tool is git, its
// page "git commit"). The index has
// what a page shows of every source, so nothing else is read. Any trouble
// with the index is none found: the line is then searched, and that
// search says what the trouble is.
func lookup(ctx context.Context, f *cmdutil.Factory, sf cmdutil.SourceFlags, name string) (found []snippet.Snippet, warnings []string) {
	if ctx == nil {
		ctx = context.Background()
	}
	// A config file how cannot read names no sources: the line is then
	// searched, that search reports the file's mistake, and no index is
	// built for the wrong sources meanwhile.
	if f.Config != nil {
		if _, _, err := f.Config(); err != nil {
			return nil, nil
		}
	}
	c, err := f.Indexes()
	if err != nil {
		return nil, nil
	}
	set := f.Sources(sf)
	warnings, _ = c.With(ctx, set, func(ix *indexpkg.Index) error {
		lower := strings.ToLower(render.Clean(name))
		docs := func(tool string) error {
			r, err := ix.Reader().TermFieldReader(ctx, []byte(tool), indexpkg.FieldTool, false, false, false)
			if err != nil {
				return err
			}
			defer r.Close()
			for {
				d, err := r.Next(nil)
				if err != nil || d == nil {
					return err
				}
				e, err := ix.Entry(d.ID)
				if err != nil {
					return err
				}
				for _, s := range append([]snippet.Snippet{e.Snippet}, e.Also...) {
					if matches(s, name) {
						found = append(found, s)
					}
				}
			}
		}
		if err := docs(lower); err != nil {
			return err
		}
		// Names are compared as shown, cleaned of control characters,
		// which the index's terms are not; and a tldr page's name starts
		// with its tool and a dash. Either needs a look at every tool,
		// which a name found as it is and with no dash does not.
		if len(found) > 0 && !strings.Contains(lower, "-") {
			return nil
		}
		dict, err := ix.Reader().FieldDict(indexpkg.FieldTool)
		if err != nil {
			return err
		}
		defer dict.Close()
		for {
			e, err := dict.Next()
			if err != nil || e == nil {
				return err
			}
			tool := strings.ToLower(render.Clean(e.Term))
			if e.Term != lower && tool != "" && (tool == lower || strings.HasPrefix(lower, tool+"-")) {
				if err := docs(e.Term); err != nil {
					return err
				}
			}
		}
	})
	// The same command is found once per term it is filed under; the
	// sources in the order given, then each file's lines, are the order a
	// page lists them in.
	place := rootOrder(set.Roots())
	slices.SortStableFunc(found, func(a, b snippet.Snippet) int {
		if c := place(a.Source) - place(b.Source); c != 0 {
			return c
		}
		if c := strings.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	return slices.CompactFunc(found, func(a, b snippet.Snippet) bool {
		return a.Source == b.Source && a.Line == b.Line && a.Command == b.Command
	}), warnings
}

// rootOrder returns the place among roots of the one a source file is
// in, as the index cites it (absolute, links resolved or not); anything
// else (the bundled sheets) comes after them.
func rootOrder(roots []string) func(file string) int {
	var abs [][2]string
	for _, r := range roots {
		a, err := filepath.Abs(r)
		if err != nil {
			a = r
		}
		abs = append(abs, [2]string{a, source.RealPath(r)})
	}
	return func(file string) int {
		for i, r := range abs {
			for _, p := range r {
				if file == p || strings.HasPrefix(file, p+string(filepath.Separator)) {
					return i
				}
			}
		}
		return len(abs)
	}
}

// pages reads what the files of found say of themselves as a whole, which
// the index does not keep: the description, See also and address of the
// tldr page named name (git's, not those of git-commit and the other
// pages of its subcommands), and a navi cheat's suggestion sources. Only
// those files are read; one that cannot be read now costs its lines, with
// a warning.
func pages(ctx context.Context, io *iostreams.IOStreams, name string, found []snippet.Snippet) []source.Report {
	var reports []source.Report
	var warnings []string
	seen := map[string]bool{}
	for _, s := range found {
		var format source.Format
		switch s.Origin {
		case snippet.OriginTldr:
			base := filepath.Base(s.Source)
			if !strings.EqualFold(strings.TrimSuffix(base, filepath.Ext(base)), name) {
				continue
			}
			format = source.FormatTldr
		case snippet.OriginNavi:
			format = source.FormatNavi
		default:
			continue
		}
		if seen[s.Source] || ctx.Err() != nil {
			continue
		}
		seen[s.Source] = true
		data, _, err := source.ReadFile(s.Source)
		if err != nil {
			warnings = append(warnings, err.Error())
			continue
		}
		p := source.ParseFile(s.Source, data, source.Hint{Format: format})
		reports = append(reports, source.Report{Path: s.Source, File: s.Source, Format: p.Format, Page: p.Page})
	}
	cmdutil.Warn(io, warnings)
	return reports
}

// toolNames completes NAME with the tools in the index. Completion must
// never get in the way: any trouble (no index yet that can be built, a
// damaged cache) yields no names and no message.
func toolNames(ctx context.Context, f *cmdutil.Factory, sf cmdutil.SourceFlags, prefix string) []cobra.Completion {
	if ctx == nil {
		ctx = context.Background()
	}
	c, err := f.Indexes()
	if err != nil {
		return nil
	}
	var names []cobra.Completion
	_, _ = c.With(ctx, f.Sources(sf), func(ix *indexpkg.Index) error {
		dict, err := ix.Reader().FieldDictPrefix(indexpkg.FieldTool, []byte(strings.ToLower(prefix)))
		if err != nil {
			return nil
		}
		defer dict.Close()
		for {
			e, err := dict.Next()
			if err != nil || e == nil {
				return nil
			}
			if name := render.Clean(e.Term); name != "" && !strings.ContainsAny(name, " \t") {
				names = append(names, name)
			}
		}
	})
	return names
}

// matches reports whether s belongs on NAME's sheet: its tool is NAME, or
// it comes from a tldr page whose title spelled with dashes is NAME
// ("git commit" for git-commit). Names are compared as they are shown,
// cleaned of control characters.
func matches(s snippet.Snippet, name string) bool {
	if strings.EqualFold(render.Clean(s.Tool), name) {
		return true
	}
	return s.Origin == snippet.OriginTldr && strings.EqualFold(dashed(s.Section), name)
}

func dashed(title string) string { return strings.Join(strings.Fields(render.Clean(title)), "-") }

// originRank orders a merged sheet: what the user wrote first, then the
// collections they chose, then the sheets how ships with.
func originRank(origin string) int {
	switch origin {
	case snippet.OriginNotes, snippet.OriginPersonal:
		return 0
	case snippet.OriginBundled:
		return 2
	}
	return 1
}

func showRun(ctx context.Context, opts *Options) error {
	all, reports, err := opts.Load(ctx)
	if err != nil {
		return err
	}
	page := buildPage(opts.Name, all, reports)
	if len(page.Examples) == 0 && page.AliasOf == "" {
		name := render.Clean(opts.Name)
		return &cmdutil.NoMatchError{Hint: "no commands for \"" + name + "\" in any source; search for it instead: how " + name, Always: true}
	}
	width := 0
	if opts.IO.IsStdoutTTY() {
		width = opts.IO.TerminalWidth()
	}
	return render.Sheet(opts.IO.Out, opts.IO.ColorScheme(), width, page)
}

// buildPage merges every source's commands for name into one page: the
// same command found twice is one example that knows the other place, and
// what the tool is comes from its tldr pages (a sheet how wrote says only
// how many commands it holds).
func buildPage(name string, all []snippet.Snippet, reports []source.Report) render.Page {
	page := render.Page{Title: name}
	var mine []snippet.Snippet
	for _, s := range all {
		if matches(s, name) {
			mine = append(mine, s)
		}
	}
	slices.SortStableFunc(mine, func(a, b snippet.Snippet) int { return originRank(a.Origin) - originRank(b.Origin) })
	at := map[string]int{}
	for _, s := range mine {
		if i, ok := at[s.Key()]; ok {
			page.Examples[i].Also = append(page.Examples[i].Also, s)
			continue
		}
		at[s.Key()] = len(page.Examples)
		page.Examples = append(page.Examples, render.Result{Snippet: s})
	}
	title := name
	if len(mine) > 0 {
		title = mine[0].Tool
		if mine[0].Origin == snippet.OriginTldr && strings.EqualFold(dashed(mine[0].Section), name) {
			title = mine[0].Section
		}
	}
	page.Title = title
	// tldr names a page after its title (git commit: git-commit.md): the
	// pages so named say what the tool is, what it is an alias of, what
	// is related and where its documentation is. The page of the host
	// platform comes first in reports as in the index.
	byPath := map[string]*source.Page{}
	seen := map[string]bool{}
	for _, r := range reports {
		if r.Page != nil {
			byPath[r.File] = r.Page // as its snippets cite it
		}
		base := filepath.Base(r.Path)
		base = strings.TrimSuffix(base, filepath.Ext(base))
		if r.Err != nil || r.Format != source.FormatTldr || r.Page == nil ||
			!strings.EqualFold(base, dashed(title)) && !strings.EqualFold(base, name) {
			continue
		}
		p := r.Page
		if len(mine) == 0 && p.Title != "" {
			page.Title = p.Title // an alias page's own title
		}
		for _, d := range p.Summary {
			if !seen[d] {
				seen[d] = true
				page.Description = append(page.Description, d)
			}
		}
		for _, a := range p.SeeAlso {
			if !slices.Contains(page.SeeAlso, a) {
				page.SeeAlso = append(page.SeeAlso, a)
			}
		}
		if page.URL == "" {
			page.URL = p.URL
		}
		if page.AliasOf == "" && p.AliasOf != "" && !strings.EqualFold(p.AliasOf, name) {
			page.AliasOf = p.AliasOf
		}
	}
	// The alias line says it better than the page's own sentence does.
	if page.AliasOf != "" {
		page.Description = slices.DeleteFunc(page.Description, func(d string) bool { return strings.Contains(d, "an alias of") })
	}
	// navi's suggestion sources, under the commands whose placeholders
	// they fill.
	suggested := false
	for i, ex := range page.Examples {
		if ex.Origin != snippet.OriginNavi {
			continue
		}
		p := byPath[ex.Source]
		if p == nil {
			continue
		}
		for _, v := range p.Vars[ex.Line] {
			line := "$ " + v.Name + ": " + v.Command
			if v.Options != "" {
				line += " --- " + v.Options
			}
			if page.Notes == nil {
				page.Notes = map[int][]string{}
			}
			page.Notes[i] = append(page.Notes[i], line)
			suggested = true
		}
	}
	if suggested {
		page.Footer = append(page.Footer, "$ lines are where navi gets suggestions for a <placeholder>; how shows them and never runs them.")
	}
	return page
}
