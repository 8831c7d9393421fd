package query

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/clipboard"
	"github.com/howcli/how/internal/config"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/picker"
	"github.com/howcli/how/internal/search"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/vocab"
	"github.com/howcli/how/internal/widget"
)

func result(cmd, origin string) search.Result {
	return search.Result{Snippet: snippet.Snippet{Command: cmd, Description: "does it", Tool: strings.Fields(cmd)[0], Source: "n.md", Line: 3, Origin: origin}}
}

// fakes returns a Session searching found, counting sessions and
// queries, and a Pick that does what pick says with the first item.
type fakes struct {
	found    []search.Result
	err      error
	sessions int
	queries  []search.Query
	picked   *picker.Options
	action   picker.Action
	pickErr  error
	copied   []string
}

func (fk *fakes) options(ios *iostreams.IOStreams, env map[string]string) *Options {
	return &Options{
		IO: ios,
		Session: func(ctx context.Context, use func(Searcher) error) ([]string, error) {
			fk.sessions++
			return []string{"a warning"}, use(func(q search.Query) ([]search.Result, error) {
				fk.queries = append(fk.queries, q)
				return fk.found, fk.err
			})
		},
		Pick: func(ctx context.Context, o picker.Options) (picker.Result, error) {
			fk.picked = &o
			if fk.pickErr != nil {
				return picker.Result{}, fk.pickErr
			}
			q := o.Query
			if q == "" {
				q = "typed" // the user types a query
			}
			items, err := o.Search(q)
			if err != nil || len(items) == 0 {
				return picker.Result{Action: picker.Cancelled}, nil
			}
			return picker.Result{Action: fk.action, Item: items[0]}, nil
		},
		Copy: func(text string) (clipboard.Delivery, error) {
			fk.copied = append(fk.copied, text)
			return clipboard.With("xclip"), nil
		},
		Getenv: func(k string) string { return env[k] },
	}
}

func piped(r search.Result, p vocab.Pipe) search.Result {
	r.Pipe = p
	return r
}

func Test_widgetRun(t *testing.T) {
	tldr := result("tar {{[-x|--extract]}} {{[-f|--file]}} {{path/to/file.tar}}", snippet.OriginTldr)
	tests := []struct {
		name      string
		buffer    string
		pick      bool
		env       map[string]string
		fk        fakes
		wantOut   string
		wantErr   error
		wantPick  string // the picker's seed, when it opens
		wantQuery []string
		noSession bool
		copied    string
	}{
		{name: "top result, cursor on its placeholder", buffer: "journalctl follow",
			fk:      fakes{found: []search.Result{result("journalctl -u <service> -f", "notes")}},
			wantOut: "14\njournalctl -u <service> -f", wantQuery: []string{"journalctl", "follow"}},
		{name: "no placeholder: cursor at the end", buffer: "count lines",
			fk:      fakes{found: []search.Result{result("wc -l", "notes")}},
			wantOut: "-1\nwc -l"},
		{name: "pipeline: only the last segment", buffer: "kubectl get pods | count  lines ",
			fk:      fakes{found: []search.Result{result("wc -l", "notes")}},
			wantOut: "-1\nkubectl get pods | wc -l", wantQuery: []string{"count", "lines"}},
		{name: "after a pipe: a filter, without its file", buffer: "kubectl get pods | count lines",
			fk:      fakes{found: []search.Result{piped(result("wc -l data.csv", "notes"), vocab.Pipe{Reads: true})}},
			wantOut: "-1\nkubectl get pods | wc -l", wantQuery: []string{"count", "lines"}},
		{name: "after a pipe: a pipeline, without what the line has already", buffer: "ps aux | find nginx",
			fk:      fakes{found: []search.Result{piped(result("ps aux | grep nginx", "notes"), vocab.Pipe{Pipeline: true})}},
			wantOut: "-1\nps aux | grep nginx"},
		{name: "after a pipe: tldr, without its file", buffer: "dmesg | search",
			fk:      fakes{found: []search.Result{piped(result("grep {{pattern}} {{path/to/file}}", snippet.OriginTldr), vocab.Pipe{Reads: true, Operands: 1})}},
			wantOut: "13\ndmesg | grep pattern"},
		{name: "tldr: braces gone, cursor on the first value", buffer: "ls && extract archive",
			fk:      fakes{found: []search.Result{tldr}},
			wantOut: "27\nls && tar --extract --file path/to/file.tar"},
		{name: "multi-line result stays whole", buffer: "logs",
			fk:      fakes{found: []search.Result{result("journalctl -u nginx \\\n  --since today", "notes")}},
			wantOut: "-1\njournalctl -u nginx \\\n  --since today"},
		{name: "escape sequences never reach the line", buffer: "x",
			fk:      fakes{found: []search.Result{result("echo \x1b]52;c;ZXZpbA==\x07hi\r", "notes")}},
			wantOut: "-1\necho hi"},
		{name: "no match leaves the line, and says why", buffer: "zzz  qq ",
			wantErr: errors.New(`nothing close enough to "zzz qq"; the line is left as it was`)},
		{name: "search error", buffer: "zzz", fk: fakes{err: errors.New("boom")},
			wantErr: errors.New("boom")},
		{name: "placeholders on the line: next one, no search", buffer: "ssh -L <l>:localhost:<r> <h>",
			env: map[string]string{"HOW_WIDGET_CURSOR": "7"}, noSession: true,
			wantOut: "21\nssh -L <l>:localhost:<r> <h>"},
		{name: "placeholders, cursor on the last: wraps round", buffer: "a <x> | b <y>",
			env: map[string]string{"HOW_WIDGET_CURSOR": "10"}, noSession: true,
			wantOut: "2\na <x> | b <y>"},
		{name: "placeholders, no cursor given: from the end", buffer: "a <x> <y>", noSession: true,
			wantOut: "2\na <x> <y>"},
		{name: "empty line: the picker", buffer: "",
			fk:       fakes{found: []search.Result{result("wc -l", "notes")}, action: picker.Chosen},
			wantPick: "", wantOut: "-1\nwc -l"},
		{name: "empty last segment: the picker", buffer: "ls | ",
			fk:       fakes{found: []search.Result{result("wc -l", "notes")}, action: picker.Chosen},
			wantPick: "", wantOut: "-1\nls | wc -l"},
		{name: "--pick, seeded, even with placeholders", buffer: "a | count <lines>", pick: true,
			fk:       fakes{found: []search.Result{result("wc -l", "notes")}, action: picker.Chosen},
			wantPick: "count <lines>", wantOut: "-1\na | wc -l"},
		{name: "picker cancelled", buffer: "x", pick: true,
			fk:       fakes{found: []search.Result{result("wc -l", "notes")}, action: picker.Cancelled},
			wantPick: "x", wantErr: cmdutil.ErrNoMatch},
		{name: "picker copies: line left", buffer: "x", pick: true,
			fk:       fakes{found: []search.Result{tldr}, action: picker.Copied},
			wantPick: "x", wantErr: cmdutil.ErrNoMatch, copied: "tar --extract --file {{path/to/file.tar}}"},
		{name: "the line it wrote, edited: the picker, seeded with it", buffer: "ls | tar xvf b.tgz",
			env:      map[string]string{"HOW_WIDGET_WROTE": "ls | tar xvf path/to/file.tgz"},
			fk:       fakes{found: []search.Result{result("tar tvf x", "notes")}, action: picker.Cancelled},
			wantPick: "tar xvf b.tgz", wantErr: cmdutil.ErrNoMatch},
		{name: "a question typed after the line it wrote", buffer: "ls -l | count lines",
			env:     map[string]string{"HOW_WIDGET_WROTE": "ls -l"},
			fk:      fakes{found: []search.Result{result("wc -l", "notes")}},
			wantOut: "-1\nls -l | wc -l", wantQuery: []string{"count", "lines"}},
		{name: "no terminal", buffer: "", fk: fakes{pickErr: picker.ErrNoTerminal},
			wantPick: "", wantErr: picker.ErrNoTerminal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, stderr := iostreams.Test()
			fk := tt.fk
			opts := fk.options(ios, tt.env)
			opts.Widget, opts.Interactive, opts.Buffer = true, tt.pick, tt.buffer
			err := widgetRun(context.Background(), opts)
			switch {
			case tt.wantErr == nil && err != nil:
				t.Fatalf("err = %v", err)
			case tt.wantErr != nil && (err == nil || !errors.Is(err, tt.wantErr) && err.Error() != tt.wantErr.Error()):
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			case strings.HasPrefix(tt.name, "no match") && !errors.Is(err, cmdutil.ErrNoMatch):
				t.Fatalf("err = %v: not a no-match (exit 1)", err)
			}
			if got := stdout.String(); got != tt.wantOut {
				t.Errorf("stdout %q, want %q", got, tt.wantOut)
			}
			if stderr.Len() > 0 {
				t.Errorf("stderr %q: the widget prints no warnings", stderr.String())
			}
			if tt.noSession && fk.sessions != 0 || !tt.noSession && fk.sessions != 1 {
				t.Errorf("%d sessions", fk.sessions)
			}
			if tt.wantQuery != nil && (len(fk.queries) == 0 || strings.Join(fk.queries[0].Words, "|") != strings.Join(tt.wantQuery, "|")) {
				t.Errorf("queries %+v, want words %q", fk.queries, tt.wantQuery)
			}
			for _, q := range fk.queries {
				if want := widget.Parse(tt.buffer).Piped(); q.Piped != want {
					t.Errorf("query %+v: Piped %v, want %v", q, q.Piped, want)
				}
			}
			opened := fk.picked != nil
			if wantOpen := tt.pick || tt.wantPick != "" || tt.name == "empty line: the picker" || tt.name == "empty last segment: the picker" || tt.name == "no terminal"; opened != wantOpen {
				t.Fatalf("picker opened: %v, want %v", opened, wantOpen)
			}
			if opened && fk.picked.Query != tt.wantPick {
				t.Errorf("picker seeded with %q, want %q", fk.picked.Query, tt.wantPick)
			}
			if strings.Join(fk.copied, "|") != tt.copied {
				t.Errorf("copied %q, want %q", fk.copied, tt.copied)
			}
		})
	}
}

func Test_pickRun(t *testing.T) {
	found := []search.Result{result("tar {{[-x|--extract]}} {{path/to/file.tar}}", snippet.OriginTldr)}
	tests := []struct {
		name       string
		opts       Options
		action     picker.Action
		wantOut    string
		wantErrOut string
		wantErr    error
		copied     string
	}{
		{name: "chosen: printed as written", action: picker.Chosen,
			wantOut: "tar {{[-x|--extract]}} {{path/to/file.tar}}\n", wantErrOut: "how: warning: a warning\n"},
		{name: "chosen, -0", opts: Options{NUL: true}, action: picker.Chosen,
			wantOut: "tar {{[-x|--extract]}} {{path/to/file.tar}}\x00", wantErrOut: "how: warning: a warning\n"},
		{name: "chosen, --json", opts: Options{JSON: true}, action: picker.Chosen,
			wantOut: "[\n  {\n    \"command\": \"tar {{[-x|--extract]}} {{path/to/file.tar}}\"", wantErrOut: "how: warning: a warning\n"},
		{name: "chosen, -c: printed and copied", opts: Options{CopyTop: true}, action: picker.Chosen,
			wantOut:    "tar {{[-x|--extract]}} {{path/to/file.tar}}\n",
			wantErrOut: "how: warning: a warning\nhow: copied with xclip: tar --extract {{path/to/file.tar}}\n", copied: "tar --extract {{path/to/file.tar}}"},
		{name: "ctrl-y: copied, nothing printed", action: picker.Copied,
			wantErrOut: "how: warning: a warning\nhow: copied with xclip: tar --extract {{path/to/file.tar}}\n", copied: "tar --extract {{path/to/file.tar}}"},
		{name: "cancelled: 130", action: picker.Cancelled, wantErr: cmdutil.ErrCancelled, wantErrOut: "how: warning: a warning\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, stderr := iostreams.Test()
			ios.SetColorMode(iostreams.ColorNever)
			fk := &fakes{found: found, action: tt.action}
			opts := fk.options(ios, nil)
			opts.JSON, opts.NUL, opts.CopyTop = tt.opts.JSON, tt.opts.NUL, tt.opts.CopyTop
			opts.Interactive, opts.Words = true, []string{"tar", "extract"}
			err := pickRun(context.Background(), opts)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got := stdout.String(); !strings.HasPrefix(got, tt.wantOut) || (tt.wantOut == "") != (got == "") {
				t.Errorf("stdout %q, want %q", got, tt.wantOut)
			}
			if got := stderr.String(); got != tt.wantErrOut {
				t.Errorf("stderr %q, want %q", got, tt.wantErrOut)
			}
			if fk.picked == nil || fk.picked.Query != "tar extract" {
				t.Errorf("picker not seeded with the words: %+v", fk.picked)
			}
			if strings.Join(fk.copied, "|") != tt.copied {
				t.Errorf("copied %q, want %q", fk.copied, tt.copied)
			}
		})
	}
}

// TestNewCmdQueryWidget: --widget takes the line as one argument (or
// from HOW_WIDGET_BUFFER), -i needs no words, and output flags do not go
// with --widget.
func TestNewCmdQueryWidget(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		wantBuffer string
		wantWidget bool
		wantPick   bool
		wantWords  []string
		wantErr    bool
	}{
		{name: "line after --", args: []string{"--widget", "--", "kubectl get pods |  count lines "},
			wantWidget: true, wantBuffer: "kubectl get pods |  count lines "},
		{name: "empty line", args: []string{"--widget", "--", ""}, wantWidget: true},
		{name: "dashes in the line", args: []string{"--widget", "--", "-rf --force"}, wantWidget: true, wantBuffer: "-rf --force"},
		{name: "line from the environment", args: []string{"--widget", "--pick"}, env: map[string]string{"HOW_WIDGET_BUFFER": "a\nb"},
			wantWidget: true, wantPick: true, wantBuffer: "a\nb"},
		{name: "-i without words", args: []string{"-i"}, wantPick: true},
		{name: "--pick with words", args: []string{"--pick", "tar", "x"}, wantPick: true, wantWords: []string{"tar", "x"}},
		{name: "--widget --json", args: []string{"--widget", "--json", "--", "x"}, wantErr: true},
		{name: "--widget -c", args: []string{"--widget", "-c", "--", "x"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, _ := iostreams.Test()
			f := &cmdutil.Factory{IO: ios, Getenv: func(k string) string { return tt.env[k] },
				Config: func() (config.File, []string, error) { return config.File{}, nil, nil }}
			var got *Options
			cmd := NewCmdQuery(f, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(stdout)
			cmd.SetErr(stdout)
			err := cmd.Execute()
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if tt.wantErr {
				return
			}
			if got == nil {
				t.Fatal("not run")
			}
			if got.Widget != tt.wantWidget || got.Interactive != tt.wantPick || got.Buffer != tt.wantBuffer ||
				strings.Join(got.Words, " ") != strings.Join(tt.wantWords, " ") {
				t.Errorf("got widget %v pick %v buffer %q words %q", got.Widget, got.Interactive, got.Buffer, got.Words)
			}
			if got.Session == nil || got.Pick == nil || got.Getenv == nil {
				t.Error("Session, Pick or Getenv not set")
			}
		})
	}
}
