//go:build linux

package cli_test

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/howcli/how/internal/cli"
	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/fetch/fetchtest"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/ptytest"
	"github.com/howcli/how/internal/testfiles"
)

// readmeExample is what one documented example must do, run by bash in a
// user's world that holds the bundled sheets and nothing else but the
// files the examples name as the user's own (~/notes, notes.md,
// runbook.txt).
type readmeExample struct {
	// stdout and stderr are regular expressions the output must match.
	stdout, stderr string
	code           int
	// tty runs it with stdout a terminal (HOW_FORCE_TTY): what a person
	// reads.
	tty bool
	env []string
	// pty runs it on a pseudo-terminal, which drive works as a person
	// would, and returns what the terminal showed.
	drive func(t *testing.T, p *ptytest.Proc)
	// check looks further at what it did.
	check func(t *testing.T, s *sandbox, r result)
	// skip names the known fault that keeps it from passing yet.
	skip string
}

// readmeExamples says, for each example in README.md's "Use" block and in
// the root command's Examples, what its comment says it does. An example
// with no entry here fails the test: a new example needs its check.
var readmeExamples = map[string]readmeExample{
	"how journalctl follow":    {tty: true, stdout: `\Ajournalctl -u nginx -f\n  Follow logs in real-time \(like tail -f\)  Process Management · bundled:journalctl\.md:\d+`},
	"how -n 1 free disk space": {stdout: `\Adf -h\n\z`},
	"how -c restart nginx": {env: []string{"SSH_TTY=/dev/pts/remote"}, drive: func(t *testing.T, p *ptytest.Proc) {
		// Over SSH the clipboard is the terminal's: an OSC 52 sequence
		// with the command as typed.
		p.WaitFor(t, "\x1b]52;c;"+base64.StdEncoding.EncodeToString([]byte("systemctl restart nginx")))
	}},
	"how kubectl rollout | head -1":       {stdout: `\Akubectl rollout [^\n]+\n\z`},
	"how -0 heredoc | xargs -0 -n1 echo":  {stdout: `<<`},
	"how --json -n 3 port 3000 listening": {check: jsonResults(3, "3000")},
	"how --source ~/notes ssh tunnel":     {stdout: `\Assh -L 8080:localhost:80 bastion\n`},
	"how show disk usage":                 {stdout: `.`, check: searchedAs("show disk usage")},
	"how -- -rf":                          {stdout: `\A[^\n]*\brm -rf\b`},
	"how show journalctl":                 {stdout: `\Ajournalctl\n(.*\n)*    journalctl -u nginx -f\n`},
	"how sources":                         {tty: true, stdout: `(?m)^bundled sheets +sheet +bundled +\d+ +\d+$`},
	"how sources --discover":              {stdout: `(?m)^tealdeer\t.*/\.cache/tealdeer/tldr-pages\ttldr\t1\tnew$`},
	"how sources --get tldr": {stderr: `\Ahow: got 1 tldr page of 2026-08-22 in .*/data/tldr \(CC-BY-4\.0\)\nhow: added .*/data/tldr to .*/config/config\.toml; the next search indexes it\n\z`,
		check: fileHas("config/config.toml", "format = 'tldr'")},
	`how add -d "prune images" -- docker image prune`: {stderr: `^how: saved to .*/data/personal\.md:\d+\n$`,
		check: fileHas("data/personal.md", "- prune images:\n\n`docker image prune`\n")},
	"how edit -- prune images":             {stderr: `^how: opening .*/data/personal\.md:\d+ in `, check: fileHas("edited", "/data/personal.md\n")},
	"how index":                            {stdout: `\Aindexed \d+ commands \(\d+ distinct\) from \d+ files in `},
	"how extract notes.md":                 {stdout: `\Arm -rf \./build\n`},
	"how extract --json runbook.txt":       {stdout: `\A\{"command":"systemctl restart queue","description":"Restart the queue"`},
	"how extract -o ~/sheets ~/notes/*.md": {check: fileHas("home/sheets/ssh.md", "`ssh -L 8080:localhost:80 bastion`")},
	"how version":                          {stdout: `\Ahow \S+ \(`},
	"how help environment":                 {stdout: `(?m)^HOW_PATH$`},
	"how help config":                      {stdout: `config\.toml`},

	// The root command's examples not in the README.
	"how -i kubectl rollout": {drive: func(t *testing.T, p *ptytest.Proc) {
		p.WaitFor(t, "kubectl rollout ")
		p.Keys(t, "\r")
	}, stdout: `\Akubectl rollout [^\n]+\n\z`},
	"how --json -n 3 what is listening on port 3000 | jq -r '.[0].command'": {stdout: `\A[^\n]*3000[^\n]*\n\z`},
	"how -0 heredoc | xargs -0 -n 1 printf '%s\\n---\\n'":                   {stdout: `<<[^\n]*\n(.*\n)*---\n`},
	"how --source ~/notes kubectl rollout":                                  {stdout: `(?m)^kubectl rollout restart deployment/web$`},
}

// TestReadmeExamples runs every command of README.md's "Use" block, then
// each of the root command's Examples, in order, and checks that it does
// what its comment says: the examples are the first thing a new user
// tries, on the bundled sheets alone.
func TestReadmeExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash to run the examples")
	}
	s := readmeWorld(t)
	seen := map[string]bool{}
	for _, line := range append(readmeUseBlock(t), rootExamples()...) {
		if seen[line] {
			continue
		}
		seen[line] = true
		t.Run(line, func(t *testing.T) {
			want, ok := readmeExamples[line]
			if !ok {
				t.Fatalf("no check for this example: add one to readmeExamples")
			}
			if want.skip != "" {
				t.Skip(want.skip)
			}
			if strings.Contains(line, "| jq ") {
				if _, err := exec.LookPath("jq"); err != nil {
					t.Skip("no jq")
				}
			}
			r := runExample(t, s, line, want)
			if r.code != want.code {
				t.Errorf("exit %d, want %d; stdout %q, stderr %q", r.code, want.code, r.stdout, r.stderr)
			}
			if !regexp.MustCompile(want.stdout).MatchString(r.stdout) {
				t.Errorf("stdout %q does not match %q", r.stdout, want.stdout)
			}
			if want.stderr == "" && r.stderr != "" || !regexp.MustCompile(want.stderr).MatchString(r.stderr) {
				t.Errorf("stderr %q, want %q", r.stderr, want.stderr)
			}
			if want.check != nil {
				want.check(t, s, r)
			}
		})
	}
}

// readmeWorld is a sandbox with the bundled sheets, the files the examples
// name, an editor that records what it was asked to open, a tealdeer
// cache for how sources --discover to find, and a release of tldr pages
// on loopback for how sources --get tldr.
func readmeWorld(t *testing.T) *sandbox {
	s := newSandbox(t)
	release, err := fetchtest.Zip([]fetchtest.Entry{
		{Name: "LICENSE.md", Data: []byte("Licensed under the Creative Commons Attribution 4.0 International License.\n")},
		{Name: "pages/common/cowsay.md", Data: []byte("# cowsay\n\n> Draw a cow saying something.\n\n- Say hello:\n\n`cowsay hello`\n")},
	}, time.Date(2026, 8, 22, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	srv := fetchtest.NewServer(t)
	srv.Set("/tldr.zip", release)
	s.setenv("HOW_TLDR_URL", srv.URL+"/tldr.zip")
	s.setenv("HOW_NO_BUNDLED", "")
	s.setenv("HOW_PATH", "")
	s.setenv("HOW_DATA_DIR", filepath.Join(s.root, "data"))
	s.setenv("PATH", filepath.Join(s.root, "bin")+string(filepath.ListSeparator)+os.Getenv("PATH"))
	s.setenv("EDITOR", "editor")
	for name, text := range map[string]string{
		"notes.md":          "# Cleanup\n\n```\nrm -rf ./build    # remove the build directory\n```\n",
		"runbook.txt":       "restart the queue:\nsystemctl restart queue\n",
		"bin/editor":        "#!/bin/sh\necho \"$@\" > \"$HOME/../edited\"\n",
		"home/notes/ssh.md": "# SSH\n\n```\nssh -L 8080:localhost:80 bastion    # ssh tunnel to the web server through the bastion\n```\n",
		"home/notes/k8s.md": "# Deploys\n\n```\nkubectl rollout restart deployment/web    # restart the web pods one by one\n```\n",
		"home/.cache/tealdeer/tldr-pages/pages/common/du.md": "# du\n\n> Disk usage.\n\n- Summarize a folder:\n\n`du -sh {{path/to/folder}}`\n",
	} {
		p := filepath.Join(s.root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := testfiles.WriteExecutable(p, strings.NewReader(text)); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// runExample runs line with bash, in the sandbox, as want says.
func runExample(t *testing.T, s *sandbox, line string, want readmeExample) result {
	cmd := exec.Command("bash", "-c", "set -o pipefail; "+line)
	cmd.Env = append(append([]string(nil), s.env...), want.env...)
	cmd.Dir = s.root
	if want.tty {
		cmd.Env = append(cmd.Env, "HOW_FORCE_TTY=110", "NO_COLOR=1")
	}
	if want.drive == nil {
		return s.finish(cmd, line)
	}
	// On a terminal, stdout a pipe when what is printed is checked.
	pipes := want.stdout != ""
	p := ptyRun(t, cmd, pipes)
	want.drive(t, p)
	r := result{code: p.Wait(t)}
	if pipes {
		r.stdout = cmd.Stdout.(*strings.Builder).String()
	}
	return r
}

// readmeUseBlock is the commands of README.md's "Use" block, comments cut.
func readmeUseBlock(t *testing.T) []string {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, use, ok := strings.Cut(string(data), "\n## Use\n")
	_, block, ok2 := strings.Cut(use, "```\n")
	block, _, ok3 := strings.Cut(block, "```\n")
	if !ok || !ok2 || !ok3 {
		t.Fatal(`README.md has no "## Use" section with a code block`)
	}
	var lines []string
	for _, l := range strings.Split(block, "\n") {
		cmd, _, _ := strings.Cut(l, "  # ")
		if cmd = strings.TrimSpace(cmd); cmd != "" {
			lines = append(lines, cmd)
		}
	}
	return lines
}

// rootExamples is the root command's Examples, one command a line.
func rootExamples() []string {
	ios, _, _, _ := iostreams.Test()
	var lines []string
	for _, l := range strings.Split(cli.NewCmdRoot(cmdutil.New(ios)).Example, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// jsonResults checks a --json answer: an array of 1 to max results, each
// with every field of the contract, the first command holding first.
func jsonResults(max int, first string) func(*testing.T, *sandbox, result) {
	return func(t *testing.T, _ *sandbox, r result) {
		var got []map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || len(got) == 0 || len(got) > max {
			t.Fatalf("stdout is not an array of 1 to %d results (%v): %q", max, err, r.stdout)
		}
		for i, res := range got {
			for _, k := range []string{"command", "description", "tool", "tags", "section", "source", "line", "origin", "score", "also"} {
				if _, ok := res[k]; !ok {
					t.Errorf("result %d has no %s", i, k)
				}
			}
		}
		if c, _ := got[0]["command"].(string); !strings.Contains(c, first) {
			t.Errorf("first command %q, want one with %q", c, first)
		}
	}
}

// searchedAs checks that the example printed what how -- words does.
func searchedAs(words string) func(*testing.T, *sandbox, result) {
	return func(t *testing.T, s *sandbox, r result) {
		q := s.run(append([]string{"--"}, strings.Fields(words)...)...)
		if q != (result{code: r.code, stdout: r.stdout, stderr: r.stderr, took: q.took}) {
			t.Errorf("got exit %d %q; how -- %s: exit %d %q", r.code, r.stdout, words, q.code, q.stdout)
		}
	}
}

// fileHas checks that the sandbox's file name holds text.
func fileHas(name, text string) func(*testing.T, *sandbox, result) {
	return func(t *testing.T, s *sandbox, _ result) {
		data, err := os.ReadFile(filepath.Join(s.root, name))
		if err != nil || !strings.Contains(string(data), text) {
			t.Errorf("%s holds %q (%v), want %q", name, data, err, text)
		}
	}
}
