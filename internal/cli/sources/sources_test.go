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
	cmd.SetArgs([]string{"--source", "x"})
	if err := cmd.Execute(); err != nil || got == nil || got.Load == nil || got.Sources.Paths[0] != "x" {
		t.Fatalf("err %v, options %+v", err, got)
	}
}

var reports = []source.Report{
	{Path: "bundled:tar.md", Origin: "bundled", Format: source.FormatSheet, Snippets: 3},
	{Path: "notes/a.txt", Origin: "notes", Format: source.FormatNotes, Snippets: 2, Problems: []string{"line 4: invalid UTF-8; bytes replaced with U+FFFD"}},
	{Path: "gone.md", Err: &source.FileError{Path: "gone.md", Err: fs.ErrNotExist}},
	{Path: "empty", Format: source.FormatFolder},
}

func Test_sourcesRun(t *testing.T) {
	tests := []struct {
		name string
		tty  bool
		want string
	}{
		{"pipe", false, "bundled:tar.md\tsheet\tbundled\t3\t0\t\nnotes/a.txt\tnotes\tnotes\t2\t1\t\ngone.md\t\t\t0\t0\tno such file or directory\nempty\tfolder\t\t0\t0\t\n"},
		{"terminal", true, "" +
			"PATH                     FORMAT  ORIGIN   COMMANDS  PROBLEMS\n" +
			"bundled sheets (1 file)  sheet   bundled         3\n" +
			"notes/a.txt              notes   notes           2  1 problem (below)\n" +
			"gone.md                                             no such file or directory\n" +
			"empty                    folder                  0\n" +
			"\nnotes/a.txt\n  line 4: invalid UTF-8; bytes replaced with U+FFFD\n" +
			"\n5 commands from 2 files; 1 source could not be read\nconfig: /c/config.toml (none; see how help config)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, _ := iostreams.Test()
			ios.SetStdoutTTY(tt.tty)
			ios.SetColorMode(iostreams.ColorNever)
			err := sourcesRun(context.Background(), &Options{IO: ios, ConfigPath: "/c/config.toml",
				Load: func(context.Context) ([]source.Report, error) { return reports, nil }})
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
	if err := sourcesRun(context.Background(), &Options{IO: ios, Load: func(context.Context) ([]source.Report, error) { return nil, boom }}); !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
}
