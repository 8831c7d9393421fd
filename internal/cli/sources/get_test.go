package sources

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/config"
	"github.com/howcli/how/internal/fetch"
	"github.com/howcli/how/internal/fetch/fetchtest"
	"github.com/howcli/how/internal/iostreams"
)

func TestGetFlags(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	parse := func(args ...string) (*Options, error) {
		var got *Options
		cmd := NewCmdSources(&cmdutil.Factory{IO: ios, Dirs: func() (config.Dirs, error) { return config.Dirs{Data: "/d"}, nil }},
			func(o *Options) error { got = o; return nil })
		cmd.SetArgs(args)
		return got, cmd.Execute()
	}
	got, err := parse("--get", "tldr")
	if err != nil || got.Get != "tldr" || got.Getter.Get == nil || got.Getter.Languages[len(got.Getter.Languages)-1] != "en" {
		t.Fatalf("err %v, options %+v", err, got)
	}
	if dir, err := got.Getter.Dir(fetch.Tldr); err != nil || dir != filepath.Join("/d", "tldr") {
		t.Errorf("dir %q, %v", dir, err)
	}
	for _, bad := range [][]string{{"--get", "cheat"}, {"--get", "tldr", "--json"}, {"--update", "--discover"}, {"--get", "tldr", "--yes"}} {
		var fe *cmdutil.FlagError
		if _, err := parse(bad...); !errors.As(err, &fe) {
			t.Errorf("%v: err = %v", bad, err)
		}
	}
}

// Without a data folder there is nowhere to put the pages: the error
// says how to give one.
func TestGetNoDataDir(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	opts := &Options{IO: ios, Get: "tldr"}
	f := &cmdutil.Factory{IO: ios, Dirs: func() (config.Dirs, error) { return config.Dirs{Config: "/c"}, nil }}
	opts.Getter.fill(f, cmdutil.SourceFlags{})
	if err := getRun(context.Background(), opts); !errors.Is(err, config.ErrNoDataDir) {
		t.Errorf("err = %v", err)
	}
}

func TestUpdateNothingGot(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	data := t.TempDir()
	opts := &Options{IO: ios, Update: true, Getter: Getting{Dir: func(c fetch.Collection) (string, error) { return filepath.Join(data, c.Name), nil }}}
	err := getRun(context.Background(), opts)
	if err == nil || err.Error() != "nothing to update: no collection was got with --get yet (how sources --get tldr)" {
		t.Errorf("err = %v", err)
	}
}

// A config.toml how cannot add to: the pages are got all the same, and
// the error says where they are, to add by hand.
func TestGetConfigBroken(t *testing.T) {
	archive, err := fetchtest.Zip([]fetchtest.Entry{{Name: "LICENSE.md", Data: []byte("CC0 1.0 Universal\n")},
		{Name: "pages/common/x.md", Data: []byte("# x\n\n> X.\n\n- Do:\n\n`x`\n")}}, time.Date(2026, 8, 22, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	srv := fetchtest.NewServer(t)
	srv.Set("/tldr.zip", archive)
	root := t.TempDir()
	cfgDir := filepath.Join(root, "config")
	os.MkdirAll(cfgDir, 0o755)
	broken := "limit = = 3\n"
	os.WriteFile(filepath.Join(cfgDir, config.FileName), []byte(broken), 0o644)
	ios, _, _, stderr := iostreams.Test()
	opts := &Options{IO: ios, Get: "tldr", Getter: Getting{
		Dir:       func(c fetch.Collection) (string, error) { return filepath.Join(root, "data", c.Name), nil },
		Getenv:    func(k string) string { return map[string]string{"HOW_TLDR_URL": srv.URL + "/tldr.zip"}[k] },
		Languages: []string{"en"},
		Get:       fetch.Get,
		Append: func(s []config.Source, note string) (string, error) {
			return config.AppendSources(cfgDir, "", s, note)
		},
		Now: time.Now,
	}}
	err = getRun(context.Background(), opts)
	if err == nil || !strings.Contains(err.Error(), "config.toml:1:") || !strings.HasSuffix(err.Error(), "(the pages are in "+filepath.Join(root, "data", "tldr")+")") {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(stderr.String(), "how: got 1 tldr page of 2026-08-22 in ") {
		t.Errorf("stderr %q", stderr.String())
	}
	if data, _ := os.ReadFile(filepath.Join(cfgDir, config.FileName)); string(data) != broken {
		t.Errorf("config.toml is now %q", data)
	}
}

// Progress shows only once a Get has taken a while, at most every
// progressEvery, and is erased at the end.
func TestGetProgress(t *testing.T) {
	var buf bytes.Buffer
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := t0
	p := &getProgress{w: &buf, now: func() time.Time { return now }, what: "tldr pages", start: t0}
	step := func(d time.Duration, pr fetch.Progress) string {
		now = now.Add(d)
		buf.Reset()
		p.update(pr)
		return buf.String()
	}
	if got := step(100*time.Millisecond, fetch.Progress{Stage: fetch.StageDownload, Done: 1 << 20, Total: 8 << 20}); got != "" {
		t.Errorf("drawn at once: %q", got)
	}
	if got := step(500*time.Millisecond, fetch.Progress{Stage: fetch.StageDownload, Done: 3 << 20, Total: 8 << 20}); got != "\rdownloading the tldr pages: 3.0 of 8.0 MiB 0.6s\x1b[K" {
		t.Errorf("%q", got)
	}
	if got := step(10*time.Millisecond, fetch.Progress{Stage: fetch.StageDownload, Done: 4 << 20, Total: 8 << 20}); got != "" {
		t.Errorf("redrawn too soon: %q", got)
	}
	if got := step(10*time.Millisecond, fetch.Progress{Stage: fetch.StageDownload, Done: 5 << 20, Total: -1}); got != "" {
		t.Errorf("redrawn too soon: %q", got)
	}
	if got := step(200*time.Millisecond, fetch.Progress{Stage: fetch.StageUnpack, Done: 1200, Total: 7014}); got != "\runpacking the tldr pages: 1,200 of 7,014 files 0.8s\x1b[K" {
		t.Errorf("%q", got)
	}
	buf.Reset()
	p.finish()
	if buf.String() != "\r\x1b[K" {
		t.Errorf("finish: %q", buf.String())
	}
}
