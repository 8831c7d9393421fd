package cli_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/howcli/how/internal/cli"
	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/config"
	"github.com/howcli/how/internal/iostreams"
)

var bundled = fstest.MapFS{
	"README.md": {Data: []byte("# Bundled sheets\n")},
	"journalctl.md": {Data: []byte("# journalctl\n\n> 2 commands from notes.\n\n" +
		"- follow logs in real-time (like tail -f):\n\n`journalctl -u nginx -f`\n<!-- how section=\"Logs\" source=\"001.txt\" line=3 -->\n\n" +
		"- show the journal's disk usage:\n\n`journalctl --disk-usage`\n<!-- how section=\"Logs\" source=\"001.txt\" line=4 -->\n")},
	"show.md": {Data: []byte("# show\n\n> 1 command from notes.\n\n- show a thing:\n\n`show thing`\n<!-- how section=\"S\" source=\"x.txt\" line=1 -->\n")},
}

func run(t *testing.T, ctx context.Context, tty bool, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	ios.SetStdoutTTY(tty)
	ios.SetColorMode(iostreams.ColorNever)
	cache := t.TempDir()
	f := &cmdutil.Factory{
		IO:      ios,
		Getenv:  func(string) string { return "" },
		Dirs:    func() (config.Dirs, error) { return config.Dirs{Config: cache, Cache: cache}, nil },
		Bundled: bundled,
	}
	code = cli.Run(ctx, f, args)
	return code, out.String(), errOut.String()
}

func TestRunExitStatus(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		tty        bool
		args       []string
		code       int
		stdout     string // prefix
		stderrHas  string
		stdoutNone bool
	}{
		{name: "match", args: []string{"journalctl", "follow"}, code: 0, stdout: "journalctl -u nginx -f\n"},
		{name: "no match", args: []string{"zzqxjv"}, code: 1, stdoutNone: true},
		{name: "no match on a terminal hints", tty: true, args: []string{"zzqxjv"}, code: 1, stdoutNone: true, stderrHas: `nothing found for "zzqxjv"`},
		{name: "bad flag", args: []string{"--bogus"}, code: 2, stdoutNone: true, stderrHas: "unknown flag: --bogus"},
		{name: "dash word", args: []string{"-rf"}, code: 2, stdoutNone: true, stderrHas: "how -- -rf"},
		{name: "subcommand name after --", args: []string{"--", "show", "thing"}, code: 0, stdout: "show thing\n"},
		{name: "show subcommand", args: []string{"show", "journalctl"}, code: 0, stdout: "journalctl\n"},
		// A line runs a subcommand only in its shape; else it is searched.
		{name: "show a word that names no program", args: []string{"show", "thing"}, code: 0, stdout: "show thing\n"},
		{name: "show alone", args: []string{"show"}, code: 0, stdout: "show thing\n"},
		{name: "a subcommand's flags after a question", args: []string{"show", "thing", "-n", "1"}, code: 0, stdout: "show thing\n"},
		{name: "a flag neither knows", args: []string{"show", "thing", "--bogus"}, code: 2, stdoutNone: true, stderrHas: "Run 'how show --help' for usage"},
		{name: "why the subcommand did not run", tty: true, args: []string{"extract", "zzqxjv.md"}, code: 1, stdoutNone: true,
			stderrHas: `nothing found for "extract zzqxjv.md" (not run as ` + "`how extract`" + `: zzqxjv.md: no such file)`},
		{name: "empty query", args: []string{""}, code: 2, stdoutNone: true, stderrHas: "the query has no words"},
		{name: "flags and no words", args: []string{"-n", "3"}, code: 2, stdoutNone: true, stderrHas: "the query has no words"},
		{name: "a value in how's words", args: []string{"-n", "abc", "tar"}, code: 2, stdoutNone: true, stderrHas: "how: -n/--limit takes a whole number, not \"abc\"\n"},
		{name: "help", args: []string{"--help"}, code: 0, stdout: "Find the shell command"},
		{name: "escapes typed in a query", tty: true, args: []string{"zz\x1b]0;title\x07qq"}, code: 1, stdoutNone: true, stderrHas: `nothing found for "zzqq"`},
		{name: "escapes typed in a name", tty: true, args: []string{"extract", "no\x1b[2Jsuch"}, code: 1, stdoutNone: true, stderrHas: `nosuch: no such file)`},
		{name: "escapes in a bad flag", args: []string{"--x\x1b]52;c;eA==\x07"}, code: 2, stdoutNone: true, stderrHas: "unknown flag: --x\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, ctx, tt.tty, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if tt.stdoutNone && stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if !strings.HasPrefix(stdout, tt.stdout) {
				t.Errorf("stdout %q, want it to start with %q", stdout, tt.stdout)
			}
			if !strings.Contains(stderr, tt.stderrHas) {
				t.Errorf("stderr %q, want %q", stderr, tt.stderrHas)
			}
			if strings.Count(stderr, "\n") > 2 {
				t.Errorf("stderr is more than an error and a hint: %q", stderr)
			}
			if strings.ContainsAny(stderr, "\x1b\x07") {
				t.Errorf("stderr carries escapes from the command line: %q", stderr)
			}
		})
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if code, stdout, _ := run(t, ctx, false, "journalctl", "follow"); code != cli.ExitCancelled || stdout != "" {
		t.Errorf("cancelled run: exit %d, stdout %q", code, stdout)
	}
}
