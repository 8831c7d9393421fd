package sources

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/config"
	"github.com/howcli/how/internal/discover"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/prompt"
)

var found = []discover.Found{
	{Tool: "tealdeer", What: "tldr pages cache", Path: "/h/.cache/tealdeer/tldr-pages", Format: "tldr", Files: 7013},
	{Tool: "cheat", What: "cheatpath community", Path: "/h/cheat/community", Format: "cheat", Tags: []string{"community"}, Files: 279},
	{Tool: "navi", What: "cheats", Path: "/h/navi/cheats", Format: "navi", Files: 33},
}

// answers is an Asker that answers from a script; a missing answer
// cancels.
type answers struct {
	lines []string
	asked []string
	out   bytes.Buffer
}

func (a *answers) Confirm(_ context.Context, q string) (bool, error) {
	a.asked = append(a.asked, q)
	if len(a.lines) == 0 {
		return false, prompt.ErrCancelled
	}
	ans := a.lines[0]
	a.lines = a.lines[1:]
	return ans == "y", nil
}
func (a *answers) Writer() io.Writer { return &a.out }
func (a *answers) Close() error      { return nil }

type appended struct {
	sources []config.Source
	note    string
	calls   int
}

func discoverOpts(tty bool, ask *answers, app *appended, searchedPaths ...string) (*Options, *bytes.Buffer, *bytes.Buffer) {
	ios, _, stdout, stderr := iostreams.Test()
	ios.SetStdoutTTY(tty)
	ios.SetColorMode(iostreams.ColorNever)
	return &Options{IO: ios, Discover: true, Disc: Discovery{
		Find:     func() ([]discover.Found, []string) { return found, nil },
		Searched: searchedPaths,
		OpenTTY: func() (Asker, error) {
			if ask == nil {
				return nil, prompt.ErrNoTerminal
			}
			return ask, nil
		},
		Append: func(s []config.Source, note string) (string, error) {
			app.calls++
			app.sources, app.note = s, note
			return "/h/.config/how/config.toml", nil
		},
		Now: func() time.Time { return time.Date(2026, 8, 30, 12, 0, 0, 0, time.UTC) },
	}}, stdout, stderr
}

// Piped: a list for scripts, nothing asked, nothing written.
func TestDiscoverPiped(t *testing.T) {
	app := &appended{}
	opts, stdout, _ := discoverOpts(false, nil, app, "/h/navi")
	if err := discoverRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	want := "tealdeer\t/h/.cache/tealdeer/tldr-pages\ttldr\t7013\tnew\n" +
		"cheat\t/h/cheat/community\tcheat\t279\tnew\n" +
		"navi\t/h/navi/cheats\tnavi\t33\tsearched\n"
	if stdout.String() != want || app.calls != 0 {
		t.Errorf("stdout\n%s\nwant\n%s; appended %d times", stdout, want, app.calls)
	}
}

// On a terminal: each new collection is offered, and only those said yes
// to are appended, in one go, with their format and tags.
func TestDiscoverAsks(t *testing.T) {
	app := &appended{}
	ask := &answers{lines: []string{"n", "y"}}
	opts, stdout, stderr := discoverOpts(true, ask, app, "/h/navi/cheats")
	if err := discoverRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if len(ask.asked) != 2 || !strings.HasPrefix(ask.asked[0], "Add tealdeer's tldr pages cache (/h/.cache/tealdeer/tldr-pages) to config.toml?") {
		t.Errorf("asked %q", ask.asked)
	}
	if app.calls != 1 || len(app.sources) != 1 || app.sources[0].Path != "/h/cheat/community" || app.sources[0].Format != "cheat" ||
		strings.Join(app.sources[0].Tags, ",") != "community" || app.note != "Added by how sources --discover on 2026-08-30." {
		t.Errorf("appended %+v", app)
	}
	for _, w := range []string{"tealdeer's tldr pages cache  /h/.cache/tealdeer/tldr-pages\n    tldr, 7,013 files, no tags  new\n",
		"navi's cheats  /h/navi/cheats\n    navi, 33 files, no tags  searched already\n"} {
		if !strings.Contains(stdout.String(), w) {
			t.Errorf("stdout\n%s\nlacks\n%s", stdout, w)
		}
	}
	if stderr.String() != "how: added 1 source to /h/.config/how/config.toml; the next search indexes them\n" {
		t.Errorf("stderr %q", stderr)
	}

	// Cancelled half way: nothing is written.
	app = &appended{}
	opts, _, _ = discoverOpts(true, &answers{lines: []string{"y"}}, app)
	if err := discoverRun(context.Background(), opts); !errors.Is(err, cmdutil.ErrCancelled) || app.calls != 0 {
		t.Errorf("cancelled: %v, appended %d times", err, app.calls)
	}
	// No terminal to ask on: an error that says what to do instead.
	opts, _, _ = discoverOpts(true, nil, app)
	if err := discoverRun(context.Background(), opts); err == nil || !strings.Contains(err.Error(), "--yes") {
		t.Errorf("no terminal: %v", err)
	}
}

// --yes adds every new one without asking, piped or not.
func TestDiscoverYes(t *testing.T) {
	app := &appended{}
	opts, _, _ := discoverOpts(false, nil, app, "/h/cheat")
	opts.Yes = true
	if err := discoverRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if app.calls != 1 || len(app.sources) != 2 || app.sources[0].Comment != "tealdeer's tldr pages cache" || app.sources[1].Path != "/h/navi/cheats" {
		t.Errorf("appended %+v", app)
	}
}

func TestDiscoverNothing(t *testing.T) {
	app := &appended{}
	opts, _, _ := discoverOpts(true, nil, app)
	opts.Disc.Find = func() ([]discover.Found, []string) { return nil, []string{"/h/.config/tealdeer/config.toml: bad"} }
	err := discoverRun(context.Background(), opts)
	if !errors.Is(err, cmdutil.ErrNoMatch) {
		t.Errorf("err = %v", err)
	}
	opts, stdout, _ := discoverOpts(false, nil, app)
	opts.JSON = true
	if err := discoverRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stdout.String(), "[\n  {\n    \"tool\": \"tealdeer\",") || !strings.Contains(stdout.String(), `"tags": [
      "community"
    ]`) {
		t.Errorf("json:\n%s", stdout)
	}
}
