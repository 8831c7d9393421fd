package add

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/prompt"
	"github.com/howcli/how/internal/sheet"
)

func TestNewCmdAdd(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdAdd(&cmdutil.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"-d", "List", "-t", "a,b", "-t", "c", "--", "ls", "-la"})
	if err := cmd.Execute(); err != nil || got == nil {
		t.Fatal(err)
	}
	if strings.Join(got.Args, " ") != "ls -la" || got.Description != "List" || !got.DescSet || !got.TagsSet || strings.Join(splitTags(got.Tags), "|") != "a|b|c" {
		t.Errorf("options %+v", got)
	}
}

// TestNewCmdAddWidgetBuffer: --from-widget with no line after -- takes it
// from HOW_WIDGET_BUFFER (PowerShell's widget); a line given wins, and the
// variable means nothing without --from-widget.
func TestNewCmdAddWidgetBuffer(t *testing.T) {
	const line = `Get-ChildItem -Filter '*.go' | Measure-Object "x  y"`
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"--from-widget"}, []string{line}},
		{[]string{"--from-widget", "--"}, []string{line}},
		{[]string{"--from-widget", "--", "ls  -la"}, []string{"ls  -la"}},
		{nil, nil},
	}
	for _, tt := range tests {
		ios, _, _, _ := iostreams.Test()
		var got *Options
		f := &cmdutil.Factory{IO: ios, Getenv: func(k string) string {
			if k == "HOW_WIDGET_BUFFER" {
				return line
			}
			return ""
		}}
		cmd := NewCmdAdd(f, func(o *Options) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		if err := cmd.Execute(); err != nil || got == nil {
			t.Fatal(err)
		}
		if strings.Join(got.Args, "\x00") != strings.Join(tt.want, "\x00") {
			t.Errorf("%q: args %q, want %q", tt.args, got.Args, tt.want)
		}
	}
}

// asker answers questions from a list; no answer left cancels.
type asker struct {
	answers []string
	asked   []string
	out     bytes.Buffer
}

func (a *asker) Line(_ context.Context, q string) (string, error) {
	a.asked = append(a.asked, q)
	if len(a.answers) == 0 {
		return "", prompt.ErrCancelled
	}
	ans := a.answers[0]
	a.answers = a.answers[1:]
	return ans, nil
}
func (a *asker) Writer() io.Writer { return &a.out }
func (a *asker) Close() error      { return nil }

func TestAddRun(t *testing.T) {
	type tc struct {
		name          string
		opts          Options
		stdin         string
		stdinTTY      bool
		answers       []string
		wantAsked     string
		wantCmd       string
		wantDesc      string
		wantTags      string
		wantErr       error
		wantErrSubstr string
	}
	for _, c := range []tc{
		{name: "flags", opts: Options{Args: []string{"tar", "xzf", "my file.tar.gz"}, Description: "Extract", DescSet: true},
			wantCmd: "tar xzf 'my file.tar.gz'", wantDesc: "Extract"},
		{name: "one argument as written", opts: Options{Args: []string{"git log | head"}, Description: "x", DescSet: true, Tags: []string{" git , log,git"}, TagsSet: true},
			wantCmd: "git log | head", wantDesc: "x", wantTags: "git,log"},
		{name: "stdin", stdin: "cat <<EOF\nhi\nEOF\n\n", opts: Options{Description: "  a   heredoc ", DescSet: true},
			wantCmd: "cat <<EOF\nhi\nEOF", wantDesc: "a heredoc"},
		{name: "piped without description", stdin: "uptime\n", wantCmd: "uptime"},
		{name: "interactive", stdinTTY: true, answers: []string{"df -h", "Free space", "disk, fs"},
			wantAsked: "Command: |Description: |Tags (optional, comma-separated): ", wantCmd: "df -h", wantDesc: "Free space", wantTags: "disk,fs"},
		{name: "arguments on a terminal, no description", stdinTTY: true, opts: Options{Args: []string{"uptime"}}, answers: []string{"Load", ""},
			wantAsked: "Description: |Tags (optional, comma-separated): ", wantCmd: "uptime", wantDesc: "Load"},
		{name: "arguments and description on a terminal: nothing asked", stdinTTY: true, opts: Options{Args: []string{"uptime"}, Description: "Load", DescSet: true},
			wantCmd: "uptime", wantDesc: "Load"},
		{name: "widget", opts: Options{FromWidget: true, Args: []string{"ls  -la  # spaces kept"}}, answers: []string{"List all", "fs"},
			wantAsked: "Description: |Tags (optional, comma-separated): ", wantCmd: "ls  -la  # spaces kept", wantDesc: "List all", wantTags: "fs"},
		{name: "widget cancelled", opts: Options{FromWidget: true, Args: []string{"ls"}}, wantErr: cmdutil.ErrCancelled},
		{name: "widget without line", opts: Options{FromWidget: true}, wantErrSubstr: "--from-widget needs the line after --"},
		{name: "empty", opts: Options{Args: []string{"  "}}, wantErrSubstr: "the command is empty"},
		{name: "empty stdin", stdin: "\n\n", wantErrSubstr: "the command is empty"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ios, in, _, stderr := iostreams.Test()
			in.WriteString(c.stdin)
			ios.SetStdinTTY(c.stdinTTY)
			ios.SetStderrTTY(c.stdinTTY)
			ios.SetColorMode(iostreams.ColorNever)
			ask := &asker{answers: c.answers}
			path := filepath.Join(t.TempDir(), "personal.md")
			opts := c.opts
			opts.IO = ios
			opts.OpenTTY = func() (Asker, error) { return ask, nil }
			opts.Personal = func() (string, error) { return path, nil }
			err := addRun(context.Background(), &opts)
			switch {
			case c.wantErr != nil || c.wantErrSubstr != "":
				if c.wantErr != nil && !errors.Is(err, c.wantErr) || c.wantErrSubstr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErrSubstr)) {
					t.Fatalf("err = %v", err)
				}
				if _, err := os.Stat(path); err == nil {
					t.Error("a sheet was written")
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			if got := strings.Join(ask.asked, "|"); got != c.wantAsked {
				t.Errorf("asked %q, want %q", got, c.wantAsked)
			}
			data, _ := os.ReadFile(path)
			page, problems := sheet.ParsePage(path, data)
			if len(problems) > 0 || len(page.Snippets) != 1 {
				t.Fatalf("sheet %v:\n%s", problems, data)
			}
			s := page.Snippets[0]
			if s.Command != c.wantCmd || s.Description != c.wantDesc || strings.Join(s.Tags, ",") != c.wantTags {
				t.Errorf("saved %q / %q / %q", s.Command, s.Description, s.Tags)
			}
			msg := stderr.String() + ask.out.String()
			if !strings.Contains(msg, "how: saved to "+path+":") {
				t.Errorf("said %q", msg)
			}
		})
	}
}
