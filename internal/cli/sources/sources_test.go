package sources

import (
	"context"
	"errors"
	"io/fs"
	"testing"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/source"
)

func TestNewCmdSources(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdSources(&cmdutil.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--source", "x", "--json"})
	if err := cmd.Execute(); err != nil || got == nil || got.Load == nil || got.Sources.Paths[0] != "x" || !got.JSON || got.Discover {
		t.Fatalf("err %v, options %+v", err, got)
	}
	cmd = NewCmdSources(&cmdutil.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--yes"})
	var fe *cmdutil.FlagError
	if err := cmd.Execute(); !errors.As(err, &fe) {
		t.Errorf("--yes without --discover: %v", err)
	}
}

var loaded = Loaded{
	Reports: []source.Report{
		{Path: "bundled:tar.md", Origin: "bundled", Format: source.FormatSheet, Snippets: 3, Lines: 3},
		{Path: "tldr/pages/common/tar.md", Origin: "tldr", Format: source.FormatTldr, Snippets: 2, Lines: 2, Collection: "tldr"},
		{Path: "tldr/pages/common/vi.md", Origin: "tldr", Format: source.FormatTldr, Collection: "tldr", Omitted: 1, Why: "an alias of vim; its example only points to that page"},
		{Path: "tldr/pages/common/ip.md", Origin: "tldr", Format: source.FormatTldr, Collection: "tldr", Omitted: 3, Why: "shadowed by tldr/pages/linux/ip.md"},
		{Path: "tldr/pages/linux/ip.md", Origin: "tldr", Format: source.FormatTldr, Snippets: 4, Lines: 4, Collection: "tldr", Problems: []string{"line 9: example has no command"}},
		{Path: "cheats/loop", Origin: "cheat", Format: source.FormatCheat, Snippets: 1, Lines: 3, Collection: "cheats"},
		{Path: "notes/a.txt", Origin: "notes", Format: source.FormatNotes, Snippets: 2, Lines: 2, Problems: []string{"line 4: invalid UTF-8; bytes replaced with U+FFFD"}},
		{Path: "gone.md", Err: &source.FileError{Path: "gone.md", Err: fs.ErrNotExist}},
		{Path: "empty", Format: source.FormatFolder},
	},
	Collections: []source.Collection{
		{Root: "tldr", Format: source.FormatTldr, License: "CC-BY-4.0", LicenseHolder: "tldr-pages team", Platform: "linux", Files: 4, Snippets: 6, Lines: 6, Omitted: 4},
		{Root: "cheats", Format: source.FormatCheat, License: "CC0-1.0", Files: 1, Snippets: 1, Lines: 3},
	},
}

func Test_sourcesRun(t *testing.T) {
	tests := []struct {
		name string
		tty  bool
		want string
	}{
		{"pipe", false, "" +
			"bundled:tar.md\tsheet\tbundled\t3\t0\t\n" +
			"tldr/pages/common/tar.md\ttldr\ttldr\t2\t0\t\n" +
			"tldr/pages/common/vi.md\ttldr\ttldr\t0\t0\t\n" +
			"tldr/pages/common/ip.md\ttldr\ttldr\t0\t0\t\n" +
			"tldr/pages/linux/ip.md\ttldr\ttldr\t4\t1\t\n" +
			"cheats/loop\tcheat\tcheat\t1\t0\t\n" +
			"notes/a.txt\tnotes\tnotes\t2\t1\t\n" +
			"gone.md\t\t\t0\t0\tno such file or directory\n" +
			"empty\tfolder\t\t0\t0\t\n"},
		{"terminal", true, "" +
			"PATH            FORMAT  ORIGIN   FILES  COMMANDS  LINES  OMITTED  LICENCE                      PROBLEMS\n" +
			"bundled sheets  sheet   bundled      1         3\n" +
			"tldr            tldr    tldr         4         6               4  CC-BY-4.0 (tldr-pages team)  1 file (below)\n" +
			"cheats          cheat   cheat        1         1      3           CC0-1.0\n" +
			"notes/a.txt     notes   notes                  2                                               see below\n" +
			"gone.md                                                                                        no such file or directory\n" +
			"empty           folder                         0\n" +
			"\nomitted tldr: 10 examples read, 6 indexed, 4 left out:\n" +
			"  1 example of 1 alias page (the one example of each only points to the original command's page)\n" +
			"  3 examples of 1 page shadowed by the linux or common page of the same name\n" +
			"\nproblems\n" +
			"  tldr/pages/linux/ip.md\n    line 9: example has no command\n" +
			"  notes/a.txt\n    line 4: invalid UTF-8; bytes replaced with U+FFFD\n" +
			"\n12 commands from 7 files (4 examples left out); 2 files with problems; 1 source could not be read\nconfig: /c/config.toml (none; see how help config)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, _ := iostreams.Test()
			ios.SetStdoutTTY(tt.tty)
			ios.SetColorMode(iostreams.ColorNever)
			err := sourcesRun(context.Background(), &Options{IO: ios, ConfigPath: "/c/config.toml",
				Load: func(context.Context) (Loaded, error) { return loaded, nil }})
			if err != nil {
				t.Fatal(err)
			}
			if stdout.String() != tt.want {
				t.Errorf("stdout\n%s\nwant\n%s", stdout.String(), tt.want)
			}
		})
	}

	ios, _, _, _ := iostreams.Test()
	boom := errors.New("boom")
	if err := sourcesRun(context.Background(), &Options{IO: ios, Load: func(context.Context) (Loaded, error) { return Loaded{}, boom }}); !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 30479: "30,479", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
