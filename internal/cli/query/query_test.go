package query

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/clipboard"
	"github.com/howcli/how/internal/config"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/search"
	"github.com/howcli/how/internal/snippet"
)

func TestNewCmdQuery(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    Options
		wantErr bool
		noRun   bool
		config  config.File
	}{
		{name: "words", args: []string{"journalctl", "follow"},
			want: Options{Words: []string{"journalctl", "follow"}, Limit: DefaultLimit}},
		{name: "one quoted argument", args: []string{"--", "journalctl  follow "},
			want: Options{Words: []string{"journalctl", "follow"}, Limit: DefaultLimit}},
		{name: "flags", args: []string{"--json", "-n", "3", "--explain", "-0", "-c", "tar"},
			want: Options{Words: []string{"tar"}, Limit: 3, JSON: true, NUL: true, Explain: true, CopyTop: true}},
		{name: "config limit", args: []string{"tar"}, config: config.File{Limit: 8},
			want: Options{Words: []string{"tar"}, Limit: 8}},
		{name: "-n beats the config limit", args: []string{"-n", "2", "tar"}, config: config.File{Limit: 8},
			want: Options{Words: []string{"tar"}, Limit: 2}},
		{name: "flags after words", args: []string{"tar", "--limit=2"},
			want: Options{Words: []string{"tar"}, Limit: 2}},
		{name: "dash words after --", args: []string{"--", "-rf", "--force"},
			want: Options{Words: []string{"-rf", "--force"}, Limit: DefaultLimit}},
		{name: "sources", args: []string{"--source", "a", "--source=b", "--no-bundled", "x"},
			want: Options{Words: []string{"x"}, Limit: DefaultLimit, Sources: cmdutil.SourceFlags{Paths: []string{"a", "b"}, NoBundled: true}}},
		{name: "limit zero", args: []string{"-n", "0", "x"}, wantErr: true},
		{name: "unknown flag", args: []string{"-rf"}, wantErr: true},
		{name: "no words shows help", args: nil, noRun: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, _ := iostreams.Test()
			f := &cmdutil.Factory{IO: ios, Getenv: func(string) string { return "" },
				Config: func() (config.File, []string, error) { return tt.config, nil, nil }}
			var got *Options
			cmd := NewCmdQuery(f, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(stdout)
			cmd.SetErr(stdout)
			err := cmd.Execute()
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if tt.noRun {
				if got != nil {
					t.Error("runF called with no query")
				}
				if !strings.Contains(stdout.String(), "Usage:") {
					t.Errorf("no help printed: %q", stdout.String())
				}
				return
			}
			if got == nil {
				t.Fatal("runF not called")
			}
			if got.Search == nil || got.Copy == nil {
				t.Error("Search or Copy not set")
			}
			g := *got
			g.IO, g.Search, g.Copy, g.Session, g.Pick, g.Getenv = nil, nil, nil, nil, nil, nil
			if !reflect.DeepEqual(g, tt.want) {
				t.Errorf("options\n got %+v\nwant %+v", g, tt.want)
			}
		})
	}
}

func results(cmds ...string) []search.Result {
	var rs []search.Result
	for i, c := range cmds {
		rs = append(rs, search.Result{Snippet: snippet.Snippet{
			Command: c, Description: "does " + c, Tool: strings.Fields(c)[0], Section: "S", Source: "n.md", Line: i + 1, Origin: "notes",
		}, Score: float64(10 - i)})
	}
	return rs
}

func Test_queryRun(t *testing.T) {
	tests := []struct {
		name       string
		tty        bool
		opts       Options
		found      []search.Result
		warnings   []string
		searchErr  error
		wantOut    string
		wantErrOut string
		wantErr    error
	}{
		{name: "pipe", opts: Options{Limit: 5}, found: results("ls -la", "ls"),
			wantOut: "ls -la\nls\n"},
		{name: "terminal", tty: true, opts: Options{Limit: 5}, found: results("ls -la"),
			wantOut: "ls -la\n  does ls -la  S · n.md:1\n"},
		{name: "limit cuts", opts: Options{Limit: 1}, found: results("a", "b"),
			wantOut: "a\n"},
		{name: "NUL", opts: Options{Limit: 5, NUL: true}, found: results("a", "b"),
			wantOut: "a\x00b\x00"},
		{name: "JSON", opts: Options{Limit: 5, JSON: true}, found: results("a"),
			wantOut: "[\n  {\n    \"command\": \"a\",\n    \"description\": \"does a\",\n    \"tool\": \"a\",\n    \"tags\": [],\n    \"section\": \"S\",\n    \"source\": \"n.md\",\n    \"line\": 1,\n    \"origin\": \"notes\",\n    \"score\": 10,\n    \"also\": []\n  }\n]\n"},
		{name: "no match", opts: Options{Limit: 5}, wantErr: cmdutil.ErrNoMatch},
		// JSON whatever happens: an empty array, and still no match.
		{name: "no match in JSON", opts: Options{Limit: 5, JSON: true}, wantOut: "[]\n", wantErr: cmdutil.ErrNoMatch},
		{name: "warnings go to stderr", opts: Options{Limit: 5}, found: results("a"), warnings: []string{"x.md: no such file or directory"},
			wantOut: "a\n", wantErrOut: "how: warning: x.md: no such file or directory\n"},
		{name: "search error", opts: Options{Limit: 5}, searchErr: errors.New("boom"), wantErr: errors.New("boom")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, stderr := iostreams.Test()
			ios.SetStdoutTTY(tt.tty)
			ios.SetColorMode(iostreams.ColorNever)
			ios.SetTerminalWidth(80)
			opts := tt.opts
			opts.IO = ios
			opts.Words = []string{"q"}
			var asked search.Query
			opts.Search = func(_ context.Context, q search.Query) ([]search.Result, []string, error) {
				asked = q
				return tt.found, tt.warnings, tt.searchErr
			}
			err := queryRun(context.Background(), &opts)
			switch {
			case tt.wantErr == nil && err != nil:
				t.Fatalf("err = %v", err)
			case tt.wantErr != nil && (err == nil || (!errors.Is(err, tt.wantErr) && err.Error() != tt.wantErr.Error())):
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got := stdout.String(); got != tt.wantOut {
				t.Errorf("stdout %q, want %q", got, tt.wantOut)
			}
			if got := stderr.String(); got != tt.wantErrOut {
				t.Errorf("stderr %q, want %q", got, tt.wantErrOut)
			}
			if asked.Limit != opts.Limit || !reflect.DeepEqual(asked.Words, []string{"q"}) {
				t.Errorf("search asked %+v", asked)
			}
		})
	}
}

// Test_queryRunCopy: -c copies the best command as typed and says so on
// stderr; stdout is the usual listing; a failed copy is an error after
// the listing.
func Test_queryRunCopy(t *testing.T) {
	tldr := search.Result{Snippet: snippet.Snippet{
		Command: "tar {{[-x|--extract]}} {{[-f|--file]}} {{path/to/file.tar}}", Description: "Extract", Tool: "tar", Origin: snippet.OriginTldr,
	}}
	multi := search.Result{Snippet: snippet.Snippet{Command: "cat <<EOF\x1b]52;c;ZXZpbA==\x07 > f\nhello\nEOF", Tool: "cat", Origin: snippet.OriginNotes}}
	tests := []struct {
		name       string
		found      []search.Result
		how        clipboard.Delivery
		copyErr    error
		tty        bool
		wantCopied string
		wantErrOut string
		wantErr    bool
	}{
		{name: "tool", found: results("ls -la", "ls"), how: clipboard.With("xclip"),
			wantCopied: "ls -la", wantErrOut: "how: copied with xclip: ls -la\n"},
		{name: "terminal", found: results("ls -la"), how: clipboard.Delivery{How: "to the terminal (OSC 52)"},
			wantCopied: "ls -la", wantErrOut: "how: sent to the terminal (OSC 52): ls -la\n"},
		{name: "tmux", found: results("ls -la"), how: clipboard.Delivery{Copied: true, How: "into tmux's buffer (and sent to the terminal)"},
			wantCopied: "ls -la", wantErrOut: "how: copied into tmux's buffer (and sent to the terminal): ls -la\n"},
		{name: "tldr as typed", found: []search.Result{tldr}, how: clipboard.With("pbcopy"),
			wantCopied: "tar --extract --file {{path/to/file.tar}}", wantErrOut: "how: copied with pbcopy: tar --extract --file {{path/to/file.tar}}\n"},
		{name: "multi-line, hostile", found: []search.Result{multi}, how: clipboard.With("xclip"),
			wantCopied: "cat <<EOF > f\nhello\nEOF", wantErrOut: "how: copied with xclip: cat <<EOF > f (+2 lines)\n"},
		{name: "long on a terminal", found: results("echo " + strings.Repeat("x", 100)), how: clipboard.With("xclip"), tty: true,
			wantCopied: "echo " + strings.Repeat("x", 100), wantErrOut: "how: copied with xclip: echo " + strings.Repeat("x", 50) + "…\n"},
		{name: "failure", found: results("ls"), copyErr: errors.New("could not copy: no clipboard tool found"), wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, stderr := iostreams.Test()
			ios.SetStderrTTY(tt.tty)
			ios.SetColorMode(iostreams.ColorNever)
			ios.SetTerminalWidth(80)
			var copied []string
			opts := Options{IO: ios, Words: []string{"q"}, Limit: 5, CopyTop: true,
				Search: func(context.Context, search.Query) ([]search.Result, []string, error) { return tt.found, nil, nil },
				Copy: func(text string) (clipboard.Delivery, error) {
					copied = append(copied, text)
					return tt.how, tt.copyErr
				},
			}
			err := queryRun(context.Background(), &opts)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if stdout.Len() == 0 {
				t.Error("nothing on stdout: -c must still list the results")
			}
			if tt.wantErr {
				return
			}
			if len(copied) != 1 || copied[0] != tt.wantCopied {
				t.Errorf("copied %q, want %q", copied, tt.wantCopied)
			}
			if stderr.String() != tt.wantErrOut {
				t.Errorf("stderr %q\nwant   %q", stderr.String(), tt.wantErrOut)
			}
		})
	}
}
