package sources

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/config"
	"github.com/howcli/how/internal/discover"
	"github.com/howcli/how/internal/prompt"
	"github.com/howcli/how/internal/render"
	"github.com/howcli/how/internal/source"
)

// Asker asks the person at the terminal (prompt.TTY).
type Asker interface {
	Confirm(ctx context.Context, question string) (bool, error)
	Writer() io.Writer
	Close() error
}

// Discovery is what --discover needs besides the streams.
type Discovery struct {
	// Find looks for the collections; warnings are one line each.
	Find func() ([]discover.Found, []string)
	// Searched are the paths how searches already (config, HOW_PATH,
	// --source): a collection in one of them is not offered again.
	Searched []string
	// OpenTTY opens the terminal the questions are asked on.
	OpenTTY func() (Asker, error)
	// Append adds [[source]] tables to config.toml and returns its path.
	Append func(sources []config.Source, note string) (string, error)
	Now    func() time.Time
}

// fill sets what is not set from the factory.
func (d *Discovery) fill(f *cmdutil.Factory, sf cmdutil.SourceFlags) {
	home, _ := os.UserHomeDir()
	getenv := f.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	if d.Find == nil {
		d.Find = func() ([]discover.Found, []string) {
			return discover.Discover(discover.Env{GOOS: runtime.GOOS, Home: home, Getenv: getenv})
		}
	}
	if d.Searched == nil {
		d.Searched = f.SourceOptions(sf).Paths
	}
	if d.OpenTTY == nil {
		d.OpenTTY = func() (Asker, error) { return prompt.Open() }
	}
	if d.Append == nil {
		d.Append = appendSources(f)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
}

// appendSources adds [[source]] tables to the config.toml of f's config
// directory.
func appendSources(f *cmdutil.Factory) func(sources []config.Source, note string) (string, error) {
	return func(sources []config.Source, note string) (string, error) {
		dirs, err := f.Dirs()
		if err != nil {
			return "", err
		}
		home, _ := os.UserHomeDir()
		return config.AppendSources(dirs.Config, home, sources, note)
	}
}

// searched reports whether path is, or is inside, a path how searches.
func searched(path string, paths []string) bool {
	real := source.RealPath(path)
	for _, p := range paths {
		rp := source.RealPath(p)
		if real == rp || strings.HasPrefix(real, rp+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// describe names a found collection for a person: "tealdeer's tldr pages
// cache".
func describe(f discover.Found) string {
	return f.Tool + "'s " + f.What
}

type jsonFound struct {
	Tool     string   `json:"tool"`
	What     string   `json:"what"`
	Path     string   `json:"path"`
	Format   string   `json:"format"`
	Tags     []string `json:"tags"`
	Files    int      `json:"files"`
	From     string   `json:"from,omitempty"`
	Searched bool     `json:"searched"`
}

func discoverRun(ctx context.Context, opts *Options) error {
	if ctx == nil {
		ctx = context.Background()
	}
	d := opts.Disc
	found, warnings := d.Find()
	cmdutil.Warn(opts.IO, warnings)
	known := make([]bool, len(found))
	var fresh []int
	for i, f := range found {
		known[i] = searched(f.Path, d.Searched)
		if !known[i] {
			fresh = append(fresh, i)
		}
	}

	if opts.JSON {
		out := make([]jsonFound, len(found))
		for i, f := range found {
			tags := f.Tags
			if tags == nil {
				tags = []string{}
			}
			out[i] = jsonFound{f.Tool, f.What, f.Path, f.Format, tags, f.Files, f.From, known[i]}
		}
		data, err := render.MarshalJSON(out)
		if err != nil {
			return err
		}
		if _, err := opts.IO.Out.Write(data); err != nil {
			return err
		}
		if !opts.Yes {
			return nil
		}
	}
	if len(found) == 0 {
		return &cmdutil.NoMatchError{Hint: "found no collection of tealdeer, tlrc, cheat or navi on this machine", Always: true}
	}

	interactive := opts.IO.IsStdoutTTY() && !opts.JSON
	if !interactive && !opts.Yes {
		// Piped: the list, for scripts; nothing is asked or written.
		var b strings.Builder
		for i, f := range found {
			status := "new"
			if known[i] {
				status = "searched"
			}
			fmt.Fprintf(&b, "%s\t%s\t%s\t%d\t%s\n", f.Tool, tsv(f.Path), f.Format, f.Files, status)
		}
		_, err := io.WriteString(opts.IO.Out, b.String())
		return err
	}

	cs := opts.IO.ColorScheme()
	if interactive {
		var b strings.Builder
		for i, f := range found {
			status := cs.Green("new")
			if known[i] {
				status = cs.Dim("searched already")
			}
			format := f.Format
			if format == "" {
				format = "detected"
			}
			fmt.Fprintf(&b, "%s  %s\n    %s, %s, %s  %s\n", cs.Bold(render.Clean(describe(f))), render.Clean(cmdutil.Tilde(f.Path)),
				format, plural(f.Files, "file"), tagText(f.Tags), status)
		}
		io.WriteString(opts.IO.Out, b.String())
	}
	if len(fresh) == 0 {
		if interactive {
			fmt.Fprintln(opts.IO.Out, "\nhow searches every one of them already.")
		}
		return nil
	}

	var chosen []config.Source
	if opts.Yes {
		for _, i := range fresh {
			chosen = append(chosen, sourceOf(found[i]))
		}
	} else {
		tty, err := d.OpenTTY()
		if err != nil {
			return fmt.Errorf("cannot ask which to add (%w); add them all with --yes, or by hand (how help config)", err)
		}
		defer tty.Close()
		io.WriteString(tty.Writer(), "\n")
		for _, i := range fresh {
			f := found[i]
			ok, err := tty.Confirm(ctx, fmt.Sprintf("Add %s (%s) to config.toml?", render.Clean(describe(f)), render.Clean(cmdutil.Tilde(f.Path))))
			if errors.Is(err, prompt.ErrCancelled) {
				// Nothing is written for a cancelled round, even the
				// ones said yes to: Ctrl-C means "stop", not "save".
				return cmdutil.ErrCancelled
			}
			if err != nil {
				return err
			}
			if ok {
				chosen = append(chosen, sourceOf(f))
			}
		}
	}
	if len(chosen) == 0 {
		fmt.Fprintln(opts.IO.ErrOut, "how: nothing added")
		return nil
	}
	note := "Added by how sources --discover on " + d.Now().Format("2006-01-02") + "."
	path, err := d.Append(chosen, note)
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "how: %s %s to %s; the next search indexes them\n", cs.Green("added"),
		plural(len(chosen), "source"), render.Clean(cmdutil.Tilde(path)))
	return nil
}

func sourceOf(f discover.Found) config.Source {
	return config.Source{Path: f.Path, Format: f.Format, Tags: f.Tags, Comment: describe(f)}
}

func tagText(tags []string) string {
	if len(tags) == 0 {
		return "no tags"
	}
	return "tags " + strings.Join(tags, ", ")
}
