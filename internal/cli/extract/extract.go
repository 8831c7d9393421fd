// Package extract is `how extract`: the commands found in notes, printed or
// written as sheets.
package extract

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/render"
	"github.com/howcli/how/internal/sheet"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
)

// Options are extract's inputs.
type Options struct {
	IO     *iostreams.IOStreams
	Files  []string
	JSON   bool
	OutDir string
}

// NewCmdExtract returns `how extract`. runF replaces extractRun in tests.
func NewCmdExtract(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "extract [--json] [-o DIR] FILE...",
		Short: "Print the commands found in notes, or write them as sheets",
		Long: strings.TrimSpace(`
Find the shell commands in notes (plain text, markdown, runbooks, tldr pages)
and print them, each with what it does and where it was found.

--json prints JSON Lines: one object per command, with command, description,
tool, tags, section, source, line and origin. -o DIR writes one sheet per
tool into DIR (created if needed); sheets are tldr-style markdown that how
searches like any other source. A file in DIR that is not a sheet written
by how is never replaced.

Files are read for what their content is, whatever their names: markdown,
reStructuredText, Org, AsciiDoc, shell scripts, plain text. A name a note
runs as a program (behind a prompt, in a shell block, with flags) is a
program in the rest of it, and in the other notes of its folder given
with it.

Each file is named in the snippets as it was given. A file that cannot be
read (a directory, binary, empty, over 10 MiB) gets a one-line error on
stderr and the others are still processed.

extract runs only when every FILE is there: a line such as
how extract tar gz is a question, and is searched.

EXIT STATUS
    0    at least one file was read
    2    no file could be read, or the sheets could not be written`),
		Example: `  how extract notes.md
  how extract --json runbook.txt | jq -r .command
  how extract -o ~/sheets ~/notes/*.md`,
		// Only files that are there: `how extract tar gz` is a question.
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmdutil.FlagErrorf("extract needs at least one FILE")
			}
			for _, a := range args {
				if _, err := os.Lstat(a); err != nil {
					return fmt.Errorf("%s: no such file", a)
				}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return extractRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON Lines, one object per command")
	cmd.Flags().StringVarP(&opts.OutDir, "output", "o", "", "write one sheet per tool into `DIR`")
	return cmd
}

func extractRun(opts *Options) error {
	var all []snippet.Snippet
	var names []string
	var texts [][]byte
	var warned [][]string
	for _, path := range opts.Files {
		data, warnings, err := source.ReadFile(path)
		if err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "how: %v\n", err)
			continue
		}
		var msgs []string
		for _, w := range warnings {
			msgs = append(msgs, w.String())
		}
		names, texts, warned = append(names, path), append(texts, data), append(warned, msgs)
	}
	read := len(names)
	// Read together, the notes of one folder share the names they run as
	// programs.
	for i, p := range source.ParseFiles(names, texts) {
		msgs := warned[i]
		for _, pr := range p.Problems {
			msgs = append(msgs, names[i]+": "+pr)
		}
		cmdutil.Warn(opts.IO, msgs)
		for k := range p.Snippets {
			p.Snippets[k].Origin = source.Origin(p.Format)
		}
		all = append(all, p.Snippets...)
	}
	if read == 0 {
		return cmdutil.ErrSilent
	}

	if opts.OutDir != "" {
		if err := sheet.Write(opts.OutDir, all); err != nil {
			return err
		}
		if opts.IO.IsStderrTTY() {
			fmt.Fprintf(opts.IO.ErrOut, "how: wrote %d sheets (%d commands) to %s\n", len(sheet.Pages(all)), len(all), opts.OutDir)
		}
	}
	switch {
	case opts.JSON:
		return render.JSONLines(opts.IO.Out, all)
	case opts.OutDir != "":
		return nil
	}
	results := make([]render.Result, len(all))
	for i, s := range all {
		results[i] = render.Result{Snippet: s}
	}
	return render.Results(opts.IO, results, render.Options{})
}
