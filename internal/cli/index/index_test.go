package index

import (
	"context"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/howcli/how/internal/cache"
	"github.com/howcli/how/internal/cli/cmdutil"
	howindex "github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/snippet"
)

func TestNewCmdIndex(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdIndex(&cmdutil.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--no-bundled", "--source", "n.md"})
	if err := cmd.Execute(); err != nil || got == nil || got.Rebuild == nil || !got.Sources.NoBundled {
		t.Fatalf("err %v, options %+v", err, got)
	}
	cmd = NewCmdIndex(&cmdutil.Factory{IO: ios}, nil)
	cmd.SetArgs([]string{"extra"})
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	if err := cmd.Execute(); err == nil {
		t.Error("index took an argument")
	}
}

// builtIndex is a real index, built the way cache.Open builds one.
func builtIndex(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	snips := []snippet.Snippet{{Command: "df -h", Description: "free space", Tool: "df"}, {Command: "df -h", Tool: "df", Line: 9}}
	if err := howindex.Build(dir, snips); err != nil {
		t.Fatal(err)
	}
	return dir
}

func Test_indexRun(t *testing.T) {
	dir := builtIndex(t)
	tests := []struct {
		name       string
		tty        bool
		inMemory   bool
		wantErr    string
		wantStdout string // regexp
		wantStderr string // regexp
	}{
		{
			name:       "pipe: the summary alone",
			wantStdout: `^indexed 5 commands \(1 distinct\) from 2 files in \S+: .*idx/manifest\n$`,
			wantStderr: `^how: warning: a.md: is empty\n$`,
		},
		{
			name:       "terminal: progress, erased, then the summary",
			tty:        true,
			wantStdout: `^indexed 5 commands \(1 distinct\) from 2 files in \S+: .*idx/manifest\n$`,
			// Redraws by the clock may come between the forced ones.
			wantStderr: `^\rreading  \[\.+\] 0/2 files \S+\x1b\[K` +
				`(\r[^\r]*\x1b\[K)*` +
				`\rreading  \[#+\] 2/2 files \S+\x1b\[K` +
				`\rindexing \[\.*####\.*\] 5 commands \S+\x1b\[K` +
				`(\r[^\r]*\x1b\[K)*` +
				`\rindexing \[#+\] 5 commands \S+\x1b\[K` +
				`\r\x1b\[Khow: warning: a.md: is empty\n$`,
		},
		{
			name:       "in memory: not saved is an error",
			inMemory:   true,
			wantErr:    "the index was built in memory only and not saved",
			wantStdout: `^$`,
			wantStderr: `^how: warning: a.md: is empty\n$`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, stderr := iostreams.Test()
			ios.SetStderrTTY(tt.tty)
			ios.SetColorMode(iostreams.ColorNever)
			opts := &Options{IO: ios, Rebuild: func(ctx context.Context, progress func(cache.Stage, int, int)) (*cache.Opened, error) {
				if (progress != nil) != tt.tty {
					t.Errorf("progress reported: %v; stderr is a terminal: %v", progress != nil, tt.tty)
				}
				if progress != nil {
					for _, p := range [][3]int{{int(cache.StageRead), 0, 2}, {int(cache.StageRead), 1, 2}, {int(cache.StageRead), 2, 2}, {int(cache.StageIndex), 0, 5}, {int(cache.StageIndex), 5, 5}} {
						progress(cache.Stage(p[0]), p[1], p[2])
					}
				}
				ix, err := howindex.Open(dir)
				manifest := filepath.Join(dir, "manifest")
				if tt.inMemory {
					ix.Dir, manifest = "", ""
				}
				return &cache.Opened{Index: ix, Snippets: 5, Files: 2, Manifest: manifest, Warnings: []string{"a.md: is empty"}}, err
			}}
			err := indexRun(context.Background(), opts)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr) {
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
			if !regexp.MustCompile(tt.wantStdout).MatchString(stdout.String()) {
				t.Errorf("stdout %q", stdout.String())
			}
			if !regexp.MustCompile(tt.wantStderr).MatchString(stderr.String()) {
				t.Errorf("stderr %q", stderr.String())
			}
		})
	}
}
