package sources

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/howcli/how/internal/build"
	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/config"
	"github.com/howcli/how/internal/fetch"
	"github.com/howcli/how/internal/render"
	"github.com/howcli/how/internal/source"
)

// Getting is what --get and --update need besides the streams.
type Getting struct {
	// Dir is where a collection is kept: a folder of the data directory
	// named for it.
	Dir func(c fetch.Collection) (string, error)
	// Getenv reads the collection's URL override (HOW_TLDR_URL).
	Getenv func(string) string
	// Languages are the tldr languages the user reads, besides English.
	Languages []string
	// Get is fetch.Get.
	Get func(ctx context.Context, opts fetch.Options) (fetch.Stamp, error)
	// Searched are the paths how searches already: a collection in one of
	// them is not added to config.toml again.
	Searched []string
	// Append adds [[source]] tables to config.toml and returns its path.
	Append func(sources []config.Source, note string) (string, error)
	Now    func() time.Time
}

// fill sets what is not set from the factory.
func (g *Getting) fill(f *cmdutil.Factory, sf cmdutil.SourceFlags) {
	if g.Getenv == nil {
		g.Getenv = f.Getenv
		if g.Getenv == nil {
			g.Getenv = os.Getenv
		}
	}
	if g.Dir == nil {
		g.Dir = func(c fetch.Collection) (string, error) {
			dirs, err := f.Dirs()
			if err != nil {
				return "", err
			}
			if dirs.Data == "" {
				return "", config.ErrNoDataDir
			}
			return filepath.Join(dirs.Data, c.Name), nil
		}
	}
	if g.Languages == nil {
		g.Languages = source.Languages(g.Getenv)
	}
	if g.Get == nil {
		g.Get = fetch.Get
	}
	if g.Searched == nil {
		g.Searched = f.SourceOptions(sf).Paths
	}
	if g.Append == nil {
		g.Append = appendSources(f)
	}
	if g.Now == nil {
		g.Now = time.Now
	}
}

// getRun is --get NAME (with --update: again, when it is there already)
// and --update alone (every collection got before).
func getRun(ctx context.Context, opts *Options) error {
	g := opts.Getter
	var colls []fetch.Collection
	if opts.Get != "" {
		c, _ := fetch.Lookup(opts.Get) // checked with the flags
		colls = append(colls, c)
	} else {
		for _, c := range fetch.Collections {
			dir, err := g.Dir(c)
			if err != nil {
				return err
			}
			if _, ok, _ := fetch.ReadStamp(dir); ok {
				colls = append(colls, c)
			}
		}
		if len(colls) == 0 {
			return fmt.Errorf("nothing to update: no collection was got with --get yet (how sources --get %s)", fetch.Tldr.Name)
		}
	}
	var add []config.Source
	for _, c := range colls {
		dir, err := getOne(ctx, opts, c)
		if err != nil {
			return err
		}
		if !searched(dir, g.Searched) {
			add = append(add, config.Source{Path: dir, Format: c.Format, Comment: c.What + ", got by how sources --get " + c.Name})
		}
	}
	if len(add) == 0 {
		return nil
	}
	note := "Added by how sources --get on " + g.Now().Format("2006-01-02") + "."
	path, err := g.Append(add, note)
	if err != nil {
		return fmt.Errorf("%w (the pages are in %s)", err, add[0].Path)
	}
	fmt.Fprintf(opts.IO.ErrOut, "how: %s %s to %s; the next search indexes it\n", opts.IO.StderrColorScheme().Green("added"),
		render.Clean(cmdutil.Tilde(add[0].Path)), render.Clean(cmdutil.Tilde(path)))
	return nil
}

// getOne gets collection c into its folder, unless it is there already
// and --update was not given, and returns the folder.
func getOne(ctx context.Context, opts *Options, c fetch.Collection) (string, error) {
	g := opts.Getter
	dir, err := g.Dir(c)
	if err != nil {
		return "", err
	}
	old, had, err := fetch.ReadStamp(dir)
	if err != nil {
		return "", err
	}
	shown := render.Clean(cmdutil.Tilde(dir))
	if had && !opts.Update {
		fmt.Fprintf(opts.IO.ErrOut, "how: the %s of %s are in %s already; how sources --update gets the latest\n",
			c.What, day(old.Date), shown)
		return dir, nil
	}
	url := c.URL
	if v := g.Getenv(c.Env); v != "" {
		url = v
	}
	var bar *getProgress
	fopts := fetch.Options{Collection: c, URL: url, Dir: dir, Languages: g.Languages, UserAgent: "how/" + build.Read().Version}
	if opts.IO.IsStderrTTY() {
		bar = &getProgress{w: opts.IO.ErrOut, now: time.Now, what: c.What}
		bar.start = bar.now()
		fopts.Progress = bar.update
	}
	st, err := g.Get(ctx, fopts)
	if bar != nil {
		bar.finish()
	}
	switch {
	case errors.Is(err, fetch.ErrUpToDate):
		fmt.Fprintf(opts.IO.ErrOut, "how: the %s of %s in %s are the latest already\n", c.What, day(st.Date), shown)
		return dir, nil
	case err != nil && ctx.Err() != nil:
		return "", err
	case err != nil && had:
		return "", fmt.Errorf("%w; the %s of %s in %s are kept", err, c.What, day(old.Date), shown)
	case err != nil:
		return "", err
	}
	langs := ""
	if len(st.Languages) > 1 {
		langs = " (" + strings.Join(st.Languages, ", ") + ")"
	}
	verb := "got"
	if had {
		verb = "updated to"
	}
	licence := st.License
	if licence == "" {
		licence = "see " + st.LicenseFile
	} else if st.LicenseHolder != "" {
		licence += ", " + st.LicenseHolder
	}
	fmt.Fprintf(opts.IO.ErrOut, "how: %s %s of %s%s in %s (%s)\n", verb, plural(st.Pages, c.Unit), day(st.Date), langs, shown, render.Clean(licence))
	return dir, nil
}

// day is a stamp's date as it is shown.
func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

// getProgress draws a Get's progress on one line of a terminal, once it
// has taken long enough to be worth watching (a quick download shows
// nothing).
type getProgress struct {
	w           io.Writer
	now         func() time.Time
	what        string
	start, last time.Time
	drawn       bool
}

const (
	// progressAfter is how long a Get goes on before its progress is
	// shown.
	progressAfter = 500 * time.Millisecond
	// progressEvery bounds redraws: a terminal is slow, and a counter
	// that changes faster cannot be read anyway.
	progressEvery = 100 * time.Millisecond
)

func (p *getProgress) update(pr fetch.Progress) {
	now := p.now()
	done := pr.Done == pr.Total
	if now.Sub(p.start) < progressAfter || now.Sub(p.last) < progressEvery && !done {
		return
	}
	p.last, p.drawn = now, true
	var line string
	switch {
	case pr.Stage == fetch.StageUnpack:
		line = fmt.Sprintf("unpacking the %s: %s of %s files", p.what, thousands(int(pr.Done)), thousands(int(pr.Total)))
	case pr.Total > 0:
		line = fmt.Sprintf("downloading the %s: %.1f of %.1f MiB", p.what, mib(pr.Done), mib(pr.Total))
	default:
		line = fmt.Sprintf("downloading the %s: %.1f MiB", p.what, mib(pr.Done))
	}
	fmt.Fprintf(p.w, "\r%s %.1fs\x1b[K", line, now.Sub(p.start).Seconds())
}

// finish erases the line, so that what follows starts on a clean one.
func (p *getProgress) finish() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

func mib(n int64) float64 { return float64(n) / (1 << 20) }

// getArgs checks --get's value and what goes with --get and --update.
func getArgs(opts *Options) error {
	if opts.Get != "" {
		if _, ok := fetch.Lookup(opts.Get); !ok {
			var names []string
			for _, c := range fetch.Collections {
				names = append(names, c.Name)
			}
			return cmdutil.FlagErrorf("--get takes %s (what how can download), not %q", strings.Join(names, " or "), opts.Get)
		}
	}
	if opts.Get == "" && !opts.Update {
		return nil
	}
	for _, other := range []struct {
		set  bool
		name string
	}{{opts.Discover, "--discover"}, {opts.JSON, "--json"}, {opts.Yes, "--yes"}} {
		if other.set {
			flag := "--update"
			if opts.Get != "" {
				flag = "--get"
			}
			return cmdutil.FlagErrorf("%s does not go with %s", flag, other.name)
		}
	}
	return nil
}
