package index

import (
	"context"
	"path/filepath"
	"regexp"
	"testing"

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

func Test_indexRun(t *testing.T) {
	// A real index, built the way OpenIndex builds one.
	dir := filepath.Join(t.TempDir(), "idx")
	snips := []snippet.Snippet{{Command: "df -h", Description: "free space", Tool: "df"}, {Command: "df -h", Tool: "df", Line: 9}}
	if err := howindex.Build(dir, snips); err != nil {
		t.Fatal(err)
	}
	ios, _, stdout, stderr := iostreams.Test()
	opts := &Options{IO: ios, Rebuild: func(ctx context.Context, progress func(done, total int)) (*cmdutil.Opened, error) {
		if progress != nil {
			t.Error("progress reported to a pipe")
		}
		ix, err := howindex.Open(dir)
		return &cmdutil.Opened{Index: ix, Snippets: 2, Files: 1, Warnings: []string{"a.md: is empty"}}, err
	}}
	if err := indexRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^indexed 2 commands \(1 distinct\) from 1 files in \S+: .*idx\n$`).MatchString(stdout.String()) {
		t.Errorf("stdout %q", stdout.String())
	}
	if stderr.String() != "how: warning: a.md: is empty\n" {
		t.Errorf("stderr %q", stderr.String())
	}
}
