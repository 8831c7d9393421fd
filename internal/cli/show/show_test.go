package show

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/snippet"
)

func TestNewCmdShow(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdShow(&cmdutil.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--no-bundled", "--source", "n.md", "tar"})
	if err := cmd.Execute(); err != nil || got == nil {
		t.Fatalf("err %v", err)
	}
	if got.Name != "tar" || !reflect.DeepEqual(got.Sources, cmdutil.SourceFlags{Paths: []string{"n.md"}, NoBundled: true}) || got.Load == nil {
		t.Errorf("options %+v", got)
	}

	cmd = NewCmdShow(&cmdutil.Factory{IO: ios}, func(o *Options) error { return nil })
	cmd.SetArgs([]string{"a", "b"})
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	var fe *cmdutil.FlagError
	if err := cmd.Execute(); !errors.As(err, &fe) {
		t.Errorf("two names: err = %v, want a FlagError", err)
	}
}

func Test_showRun(t *testing.T) {
	all := []snippet.Snippet{
		{Command: "git commit -m x", Description: "Commit", Tool: "git", Section: "git commit", Source: "pages/common/git-commit.md", Line: 7, Origin: snippet.OriginTldr},
		{Command: "git status", Description: "Status", Tool: "git", Section: "Git", Source: "n.md", Line: 3, Origin: snippet.OriginNotes},
		{Command: "tar cf a.tar b", Description: "Archive", Tool: "tar", Origin: snippet.OriginNotes},
	}
	tests := []struct {
		name, want string
		err        error
	}{
		{"git", "git\n\n- Commit\n  git commit -m x\n  git commit · pages/common/git-commit.md:7\n\n- Status\n  git status\n  Git · n.md:3\n", nil},
		{"git-commit", "git-commit\n\n- Commit\n  git commit -m x\n  git commit · pages/common/git-commit.md:7\n", nil},
		{"GIT", "GIT\n\n- Commit\n  git commit -m x\n  git commit · pages/common/git-commit.md:7\n\n- Status\n  git status\n  Git · n.md:3\n", nil},
		{"nope", "", cmdutil.ErrNoMatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, _ := iostreams.Test()
			opts := &Options{IO: ios, Name: tt.name, Load: func(context.Context) ([]snippet.Snippet, error) { return all, nil }}
			err := showRun(context.Background(), opts)
			if !errors.Is(err, tt.err) && !(err == nil && tt.err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if stdout.String() != tt.want {
				t.Errorf("stdout\n%q\nwant\n%q", stdout.String(), tt.want)
			}
		})
	}
}
