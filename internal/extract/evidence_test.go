package extract

import (
	"slices"
	"strings"
	"testing"
)

// extractCase is a small note and what must (and must not) come out of it.
type extractCase struct {
	name, note string
	want       []string          // commands, in order
	desc       map[string]string // command -> its description, where it matters
}

func runCases(t *testing.T, cases []extractCase) {
	t.Helper()
	for _, c := range cases {
		var got []string
		descs := map[string]string{}
		for _, s := range Text(c.name, []byte(c.note)) {
			got = append(got, s.Command)
			descs[s.Command] = s.Description
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s:\n%s\ngot  %q\nwant %q", c.name, c.note, got, c.want)
			continue
		}
		for cmd, want := range c.desc {
			if descs[cmd] != want {
				t.Errorf("%s: %q described as %q, want %q", c.name, cmd, descs[cmd], want)
			}
		}
	}
}

// TestProgramEvidence: programs no list holds are known from what the text
// shows: a shell block, a path, the note's own use of the name.
func TestProgramEvidence(t *testing.T) {
	runCases(t, []extractCase{
		{name: "README.md", note: "Check the version:\n\n```bash\nfrobctl version\n```\n",
			want: []string{"frobctl version"}},
		{name: "README.md", note: "Rotate:\n\n```sh\nfrobctl rotate --all --yes\n```\n\n" +
			"To see which keys expire, `frobctl keys list --expiring 7d` is enough.\n" +
			"If `frobctl` says \"token expired\", just run it again.\n",
			want: []string{"frobctl rotate --all --yes", "frobctl keys list --expiring 7d"}},
		// A name run with flags once is a program in the rest of the note.
		{name: "runbook.txt", note: "how many messages are stuck:\nqueuectl depth billing --by-partition\n\n" +
			"restart the queue:  queuectl restart\n",
			want: []string{"queuectl depth billing --by-partition", "queuectl restart"},
			desc: map[string]string{"queuectl restart": "Restart the queue"}},
		{name: "notes.md", note: "```\nvault-sync pull --env staging > .env.staging\n```\n\n" +
			"Everything assumes you have run `vault-sync login` once today.\n",
			want: []string{"vault-sync pull --env staging > .env.staging", "vault-sync login"}},
		// Paths name programs: a project's bin/ and scripts/, ./x.
		{name: "notes.md", note: "Replay with `bin/replay --from prod.log --rate 50`.\n\n" +
			"Then run the migrations with ``./manage.py migrate``.\n",
			want: []string{"bin/replay --from prod.log --rate 50", "./manage.py migrate"}},
		// Org marks code =so= and ~so~.
		{name: "oncall.org", note: "* Paging\nHand over with =pagerctl handoff --to @sam=.\n" +
			"- check progress :: =./tools/reindex.sh --status=\n",
			want: []string{"pagerctl handoff --to @sam", "./tools/reindex.sh --status"},
			desc: map[string]string{"./tools/reindex.sh --status": "Check progress"}},
	})
}

// TestSplitLines: a description and a command on one line, either way
// round, are split; a table of programs is no command.
func TestSplitLines(t *testing.T) {
	runCases(t, []extractCase{
		{name: "runbook.txt", note: "watch the queue log -> queuectl logs -f\nonly dead letters => queuectl logs --dlq --since 1h\n",
			want: []string{"queuectl logs -f", "queuectl logs --dlq --since 1h"},
			desc: map[string]string{"queuectl logs -f": "Watch the queue log"}},
		{name: "onboarding", note: "make dev -> starts the whole stack\nbilling questions -> #billing-ops\n",
			want: []string{"make dev"}, desc: map[string]string{"make dev": "Starts the whole stack"}},
		{name: "tools.md", note: "```\nls -la        list every file\ndf -h         free disk space\n```\n",
			want: []string{"ls -la", "df -h"}, desc: map[string]string{"df -h": "Free disk space"}},
		{name: "laptop.md", note: "Packages:\n\n    pandoc        A universal document converter\n    shellcheck    lint for shell scripts\n",
			want: nil},
	})
}

// TestFolderVocabulary: a name another note of the folder runs as a
// program is one here too.
func TestFolderVocabulary(t *testing.T) {
	a := Read("a.md", []byte("```\nflagctl set billing.pdf --percent 25\n```\n"))
	b := Read("b.txt", []byte("turning a flag off: flagctl kill billing.pdf\n"))
	if got := a.Vocabulary(); !slices.Equal(got, []string{"flagctl"}) {
		t.Fatalf("vocabulary %q, want flagctl", got)
	}
	if got := b.Snippets(nil); len(got) != 0 {
		t.Errorf("on its own, b has %d commands, want none (flagctl is no known program)", len(got))
	}
	got := b.Snippets(a.Vocabulary())
	if len(got) != 1 || got[0].Command != "flagctl kill billing.pdf" || !strings.HasPrefix(got[0].Description, "Turning a flag off") {
		t.Errorf("with a's vocabulary: %+v", got)
	}
}

// TestNoNameInsideWord: a program's name inside a longer word is no
// program, unless the note runs it elsewhere and formatting was lost.
func TestNoNameInsideWord(t *testing.T) {
	runCases(t, []extractCase{
		{name: "oncall.txt", note: "Paging from the terminal is faster\n\npagerctl incident resolve 42\n", want: nil},
		{name: "blog.txt", note: "Reclaim Policy: Retain, resources are safekubectl delete lynqnode <name>\n\nkubectl get pods -A\n",
			want: []string{"kubectl delete lynqnode <name>", "kubectl get pods -A"}},
	})
}

// TestNotCommandsByShape: text that parses as commands but whose shape
// says file contents, a list, a table or output.
func TestNotCommandsByShape(t *testing.T) {
	runCases(t, []extractCase{
		{name: "README.md", note: "The go.mod:\n\n```\nmodule example.com/tools\n\ngo 1.22\n\nrequire (\n\tgithub.com/spf13/cobra v1.8.0\n)\n```\n", want: nil},
		{name: "setup.rst", note: "Pinned in ``requirements.txt``::\n\n   django==4.2.11\n   celery==5.3.6\n   repctl-client>=0.9\n", want: nil},
		{name: "notes.md", note: "When it fails:\n\n```\n> exec frobctl rotate --dry-run\n[stdout]\nwould rotate 3 keys\n```\n", want: nil},
		{name: "notes.md", note: "From ls /usr/bin:\n\n    dir dircolors pathchk pinky ptx runcon stdbuf\n    tsort unexpand uniq unlink uptime users vdir wc who whoami yes\n", want: nil},
		{name: "runbook.txt", note: "versions on the box\nqueuectl   : 3.4.1\nkubectl    : 1.29.3\njq 1.7\n", want: nil},
		// Not a list: the words are not in order, and install is a subcommand.
		{name: "setup.txt", note: "Install what we need:\nsudo apt install git curl jq tmux\n", want: []string{"sudo apt install git curl jq tmux"}},
	})
}

// TestScriptFile: a shell script's functions and loops are kept whole,
// each with the comment above it; its settings are no commands.
func TestScriptFile(t *testing.T) {
	runCases(t, []extractCase{
		{name: "nightly", note: "#!/bin/sh\n# back up every database\nset -euo pipefail\ntrap 'rm -f /tmp/x' EXIT\n\n" +
			"# dump each one\nfor db in a b; do\n  pg_dump \"$db\" > \"/backup/$db.sql\"\ndone\n\n" +
			"# upload\nupload() {\n  aws s3 cp \"$1\" s3://backups/\n}\n",
			want: []string{"for db in a b; do\n  pg_dump \"$db\" > \"/backup/$db.sql\"\ndone", "upload() {\n  aws s3 cp \"$1\" s3://backups/\n}"},
			desc: map[string]string{"for db in a b; do\n  pg_dump \"$db\" > \"/backup/$db.sql\"\ndone": "Dump each one"}},
	})
}

// TestProseStaysProse: lines that parse as commands but carry on a
// sentence, stand in brackets, import a module or name a folder.
func TestProseStaysProse(t *testing.T) {
	runCases(t, []extractCase{
		{name: "README", note: "Any file you mark private is flagged\nas \"confidential\".\n", want: nil},
		{name: "README", note: "You should have received a copy of the license along with it; if not,\nsee https://www.gnu.org/licenses/.\n", want: nil},
		{name: "CONTRIBUTING.md", note: "1. Keep PRs small and focused. Do not make unrelated\n   changes in the same PR \"because you're there\"; this includes reformatting.\n", want: nil},
		{name: "net.md", note: "The default can be changed at runtime or via the\ncommand line option `--enable-autoselection`.\n", want: nil},
		{name: "README.Debian", note: "run:\n\n   gpg --card-status\n\n (see https://bugs.debian.org/795881)\n", want: []string{"gpg --card-status"}},
		{name: "deprecations.md", note: "Specifiers like `import 'pkg/x/'` are deprecated.\n", want: nil},
		{name: "README.Debian", note: "The policy can be found in\n\n        /usr/share/doc/python\n", want: nil},
	})
}

// TestDescriptionsWithoutMarkup: a description is words, not the markup
// around them, and a sentence wrapped over lines is read whole.
func TestDescriptionsWithoutMarkup(t *testing.T) {
	runCases(t, []extractCase{
		{name: "compare.md", note: "[node-benchmark-compare][] is a script that can be installed with\n`npm install -g node-benchmark-compare`.\n",
			want: []string{"npm install -g node-benchmark-compare"},
			desc: map[string]string{"npm install -g node-benchmark-compare": "Node-benchmark-compare is a script that can be installed"}},
		{name: "notes.md", note: "> Make sure nothing is pending, then reset:\n\n```\ngit reset --hard upstream/main\n```\n",
			want: []string{"git reset --hard upstream/main"},
			desc: map[string]string{"git reset --hard upstream/main": "Make sure nothing is pending, then reset"}},
		{name: "README.source", note: "To rebase the patches onto the new release, check out the\nbranch that holds them:\n\n    git checkout release+patches\n",
			want: []string{"git checkout release+patches"},
			desc: map[string]string{"git checkout release+patches": "Rebase the patches onto the new release, check out the branch that holds them"}},
		{name: "setup.rst", note: "Install the tools\n=================\n\n.. code-block:: bash\n\n   make install\n",
			want: []string{"make install"}, desc: map[string]string{"make install": "Install the tools"}},
		{name: "BUILDING.md", note: "To see the configuration options, run:\n\n```\n./configure --help\n```\n",
			want: []string{"./configure --help"}, desc: map[string]string{"./configure --help": "See the configuration options"}},
		{name: "README.md", note: "```sh\n// print results\n./snowtest --verbose\n```\n",
			want: []string{"./snowtest --verbose"}, desc: map[string]string{"./snowtest --verbose": "Print results"}},
		{name: "CHANGELOG.md", note: "* \\[3aec6a68bf] - doc: improve the docs (yorkie)\n* \\[6fab334a73] - build: run `make -j8` before the tests (Rich)\n",
			want: []string{"make -j8"}, desc: map[string]string{"make -j8": "[6fab334a73] - build"}},
	})
}

// TestOutputAndTables: what a program printed, a table's rows, a test
// script's archive of files, an expression in another language.
func TestOutputAndTables(t *testing.T) {
	runCases(t, []extractCase{
		{name: "util.md", note: "Will print:\n\n```text\nhello world\n```\n", want: nil},
		{name: "README.optimization", note: "cpus and flags:\n\n486\t\t/usr/lib/i486\t-march=i486 -mcpu=i486 +asm\nPentium MMX\t/usr/lib/i586\t-march=i586 -mcpu=i586 +asm\n", want: nil},
		{name: "README.md", note: "A reproduction:\n\n    go install golang.org/x/tools/cmd/goimports\n\n    -- go.mod --\n    module mod\n\n    go 1.22\n",
			want: []string{"go install golang.org/x/tools/cmd/goimports"}},
		{name: "README.Debian", note: "Feedback is appreciated; preferably as a Severity:\nwishlist bug against Package: gcc . For general discussions, email us.\n", want: nil},
		{name: "util.md", note: "> Stability: 0 - Deprecated: Use `value === undefined || value === null` instead.\n", want: nil},
		{name: "deps.md", note: "The versions are documented in the `/home/node/metadata directory`.\n", want: nil},
	})
}

// TestVocabularyNeedsEvidence: a name is learnt as a program only where
// it is run beyond doubt (flags, a prompt), never from a program's help
// or from prose in a code block, and a function word never is.
func TestVocabularyNeedsEvidence(t *testing.T) {
	for _, c := range []struct {
		name, note string
		want       []string
	}{
		{"README.md", "```bash\n$bbolt help\n\n    bench       run synthetic benchmark against bbolt\n    check       verifies integrity\n```\n", nil},
		{"modules.md", "```\n2. Else, if the source can be parsed using\n  the ESM resolver</a>,\n```\n", nil},
		{"ops.md", "```\nflagctl set x --percent 25\n```\n\n```\n$ pagerctl ack 42\n```\n", []string{"flagctl", "pagerctl"}},
	} {
		if got := Read(c.name, []byte(c.note)).Vocabulary(); !slices.Equal(got, c.want) {
			t.Errorf("%s: vocabulary %q, want %q", c.name, got, c.want)
		}
	}
}

// TestSessionsAndMarkup: a terminal session's output, keys shown being
// pressed, reStructuredText's links, a code span over two lines, a title
// underlined in plain text.
func TestSessionsAndMarkup(t *testing.T) {
	runCases(t, []extractCase{
		// node's own prompt makes the block a transcript.
		{name: "repl.md", note: "```console\n> await Promise.reject(new Error('x'))\nUncaught Error: x\n    at REPL2:1:54\n```\n", want: nil},
		// A session without prompts: a sure command counts, output does not.
		{name: "errors.md", note: "```console\nnode --security-revert=CVE-2024-1234\n```\n\n```console\nError: Things keep happening!\n   at /home/gbusey/file.js:525:2\n```\n",
			want: []string{"node --security-revert=CVE-2024-1234"}},
		{name: "completions.md", note: "```bash\nhelm status [tab][tab]\nhelm __complete status har<ENTER>\n```\n", want: nil},
		{name: "README.rst", note: "Install it with `vcpkg <https://github.com/Microsoft/vcpkg/>`_, or run ``make install``.\n",
			want: []string{"make install"}},
		{name: "guide.md", note: "* Open a new issue with the title `FYI - pull request\n  deleted #YYYY`. Include an explanation.\n", want: nil},
		{name: "README", note: "git-jump\n========\n\nJump to all instances of foo_bar:\n\n    git jump grep foo_bar\n",
			want: []string{"git jump grep foo_bar"}},
	})
}

// TestMentionsAndDirectives: a command named as a sentence's subject or
// in passing, a MyST directive's block.
func TestMentionsAndDirectives(t *testing.T) {
	runCases(t, []extractCase{
		{name: "CHANGELOG.md", note: "* `npm config set` will no longer accept invalid options.\n* Adds workspaces to [`npm run`](x) and [`npm exec`](y).\n", want: nil},
		{name: "index.md", note: "```{toctree}\n:maxdepth: 1\n\npip\n```\n", want: nil},
		{name: "getting-started.md", note: "```{pip-cli}\n$ pip install --upgrade sampleproject\n```\n\n```{code-block} bash\nmake install\n```\n",
			want: []string{"pip install --upgrade sampleproject", "make install"}},
	})
}

// TestLayoutCode: plain text sets its commands out by indenting them
// under the line that says what they do; an unknown program counts there,
// a config statement, a sentence or a list item's own lines do not.
func TestLayoutCode(t *testing.T) {
	runCases(t, []extractCase{
		{name: "README.db", note: "take a snapshot before upgrades\n    snapctl take billing-db\n\ncheck who is primary:\n\n    dbctl status\n    dbctl whoami db-2\n",
			want: []string{"snapctl take billing-db", "dbctl status", "dbctl whoami db-2"},
			desc: map[string]string{"snapctl take billing-db": "Take a snapshot before upgrades"}},
		{name: "nginx.txt", note: "the proxy config:\n\n    listen 80;\n    proxy_pass http://backend;\n", want: nil},
		{name: "README.examples", note: "gun.c\n    - illustrates the use of inflateBack() for high speed file-to-file\n      decompression using call-back functions\n", want: nil},
		{name: "README.Debian", note: "For the system-wide file, see:\n\n  the system vimrc\n", want: nil},
	})
}

// TestMoreProse: a list item's sentence wrapped under it, a function word
// as a program, a "name - description" row, a link's definition.
func TestMoreProse(t *testing.T) {
	runCases(t, []extractCase{
		{name: "CONTRIBUTING.md", note: "  1. Keep PRs small and focused.  Do not make unrelated\n     changes in the same PR \"because you're there\"; this includes reformatting\n     of code.\n", want: nil},
		{name: "modules.md", note: "```\n2. Else, if the source can be parsed using\n  the ESM resolver</a>,\n```\n", want: nil},
		{name: "README.Debian", note: "This package ships two parts:\n\n  groff-base - a stripped-down groff package\n  groff      - all other components\n", want: nil},
		{name: "backporting.md", note: "Use the tool.\n\n[`git node backport`]: https://github.com/nodejs/node-core-utils/blob/main/docs/git-node.md\n", want: nil},
		{name: "README.alternatives", note: "- Set all runtime tools to point to the <jname> alternatives:\n\n  update-java-alternatives --jre --set <jname>\n",
			want: []string{"update-java-alternatives --jre --set <jname>"}},
	})
}

// TestExpressions: an expression of another language in prose is no
// command, even when its first word is a program's name.
func TestExpressions(t *testing.T) {
	runCases(t, []extractCase{
		{name: "fs.md", note: "On Windows, if the descriptor is the console (e.g. `fd == 1`\nor `stdout`), it is not rendered.\n", want: nil},
		{name: "crypto.md", note: "In particular, neither `x === y` nor `Object.is(x, y)` holds.\n", want: nil},
	})
}
