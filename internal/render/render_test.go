package render

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/testfiles"
)

func result(cmd, desc, tool, section, source string, line int, score float64) Result {
	return Result{Snippet: snippet.Snippet{
		Command: cmd, Description: desc, Tool: tool, Section: section, Source: source, Line: line, Origin: snippet.OriginBundled,
	}, Score: score}
}

func tldr(r Result) Result {
	r.Origin = snippet.OriginTldr
	return r
}

var cases = map[string][]Result{
	"basic": {
		result("journalctl -u nginx -f", "follow logs in real-time (like tail -f)", "journalctl", "Process Management", "001_d4f9014c8c39efe2.txt", 230, 3.5),
		result("journalctl -f", "follow the whole journal", "journalctl", "Logging", "003_31194b844b0ffc9d.txt", 12, 2.25),
	},
	"long": {
		result("kubectl get pods --all-namespaces -o wide --field-selector=status.phase!=Running --sort-by=.metadata.creationTimestamp",
			"list every pod that is not running, across all namespaces, oldest first, with the node each one is on",
			"kubectl", "Kubernetes troubleshooting, part two: pods that will not start", "notes/kubernetes/runbook-2024.md", 1234, 1),
		tldr(result("tar {{[-x|--extract]}} -f {{archive.tar}}", "", "tar", "tar", "pages/common/tar.md", 9, 0.5)),
		result("echo 日本語のテキスト", "日本語の説明がとても長い場合にはどうなるのかを確かめるための文です。幅を超えます。", "echo", "", "", 0, 0.25),
	},
	"multiline": {
		result("cat <<'EOF' > /etc/motd\nWelcome\n\tindented\nEOF", "write a banner", "cat", "Files", "003.txt", 40, 1),
		result("docker run \\\n  --rm alpine", "run once", "docker", "Docker", "001.txt", 7, 0.5),
	},
	"hostile": {
		{Snippet: snippet.Snippet{
			Command:     "ls\x1b[2J -la\x07",
			Description: "clears \x1b]0;pwned\x07the screen\x1b]52;c;ZXZpbA==\x1b\\ and \u009b31m rings\x07 \u202eevil",
			Tool:        "ls", Section: "\x1b[31mred\x1b[0m section", Source: "evil\rfile.md", Line: 1,
			Tags: []string{"\x1b[1mtag"},
		}, Score: 1, Explanation: "matched \x1b[5mblink\nsecond line"},
	},
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	testfiles.Golden(t, filepath.Join("testdata", name+".golden"), got)
}

func TestGolden(t *testing.T) {
	for name, results := range cases {
		t.Run(name, func(t *testing.T) {
			for _, mode := range []string{"plain", "ansi"} {
				ios, _, out, _ := iostreams.Test()
				ios.SetStdoutTTY(true)
				ios.SetTerminalWidth(60)
				if mode == "plain" {
					ios.SetColorMode(iostreams.ColorNever)
				}
				if err := Results(ios, results, Options{Explain: true}); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, name+"."+mode, out.String())
				if !utf8Safe(out.String(), mode == "ansi") {
					t.Errorf("%s output carries control characters from a source:\n%q", mode, out.String())
				}
			}

			ios, _, out, _ := iostreams.Test()
			if err := Results(ios, results, Options{}); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, name+".pipe", out.String())

			ios, _, out, _ = iostreams.Test()
			if err := Results(ios, results, Options{JSON: true, Explain: true}); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, name+".json", out.String())
			var back []map[string]any
			if err := json.Unmarshal(out.Bytes(), &back); err != nil {
				t.Fatalf("JSON does not parse: %v", err)
			}
			for _, rec := range back {
				for _, key := range []string{"command", "description", "tool", "tags", "section", "source", "line", "origin", "score"} {
					if _, ok := rec[key]; !ok {
						t.Errorf("JSON record lacks %q", key)
					}
				}
				if rec["tags"] == nil {
					t.Error("tags is null")
				}
			}
			if bytes.ContainsAny(out.Bytes(), "\x1b\x07\u009b\u202e") {
				t.Errorf("JSON carries raw control characters: %q", out.String())
			}
		})
	}
}

// utf8Safe reports whether s has no control characters but newlines, and,
// when colour is on, no escape sequences but our own SGR ones.
func utf8Safe(s string, ansi bool) bool {
	if ansi {
		s = sgr.ReplaceAllString(s, "")
	}
	for _, r := range s {
		if r != '\n' && r != '\t' && isControl(r) || r == 0x1b || r == '\r' {
			return false
		}
	}
	return true
}

func TestNUL(t *testing.T) {
	ios, _, out, _ := iostreams.Test()
	if err := Results(ios, cases["multiline"], Options{NUL: true}); err != nil {
		t.Fatal(err)
	}
	want := "cat <<'EOF' > /etc/motd\nWelcome\n\tindented\nEOF\x00docker run \\\n  --rm alpine\x00"
	if out.String() != want {
		t.Errorf("-0 output %q, want %q", out.String(), want)
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want, cmd string }{
		{"plain text", "plain text", "plain text"},
		{"a\x1b[31mred\x1b[0m", "ared", "ared"},
		{"title\x1b]0;pwned\x07!", "title!", "title!"},
		{"clip\x1b]52;c;ZXZpbA==\x1b\\!", "clip!", "clip!"},
		{"dcs\x1bPq#0;2;0;0;0\x1b\\!", "dcs!", "dcs!"},
		{"unterminated\x1b]0;forever", "unterminated", "unterminated"},
		{"c1 \u009b31m csi", "c1 31m csi", "c1 31m csi"},
		{"bell\x07 del\x7f nul\x00", "bell del nul", "bell del nul"},
		{"two\nlines\tand tab", "two lines and tab", "two\nlines\tand tab"},
		{"cr\roverwrite", "croverwrite", "croverwrite"},
		{"bidi \u202eevil\u202c", "bidi evil", "bidi evil"},
		{"bad \xff utf8", "bad \uFFFD utf8", "bad \uFFFD utf8"},
		{"esc at end\x1b", "esc at end", "esc at end"},
		{"charset \x1b(Bok", "charset ok", "charset ok"},
		{"title by ST\x1b]0;pwned\x1b\\!", "title by ST!", "title by ST!"},
		{"clip by BEL\x1b]52;c;ZXZpbA==\x07!", "clip by BEL!", "clip by BEL!"},
		{"dcs by BEL\x1bP1$q\x07!", "dcs by BEL!", "dcs by BEL!"},
		{"apc\x1b_payload\x1b\\ pm\x1b^x\x1b\\ sos\x1bXy\x1b\\!", "apc pm sos!", "apc pm sos!"},
		{"reset\x1bc!", "reset!", "reset!"},
		{"clear\x1b[2J\x1b[H\x1b[?1049h!", "clear!", "clear!"},
		{"c1 osc \u009d52;c;eA==\u0007 st\u009c", "c1 osc 52;c;eA== st", "c1 osc 52;c;eA== st"},
		{"isolates \u2066a\u2069 marks \u200e\u200f\u061c", "isolates a marks", "isolates a marks "},
	}
	for _, tt := range tests {
		if got := Clean(tt.in); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := CleanCommand(tt.in); got != tt.cmd {
			t.Errorf("CleanCommand(%q) = %q, want %q", tt.in, got, tt.cmd)
		}
	}
}

func TestSheet(t *testing.T) {
	page := Page{
		Title:       "journalctl\x1b]0;pwned\x07",
		Description: []string{"Query the systemd journal.", "More information: <https://manned.org/journalctl>."},
		Examples: []Result{
			{Snippet: snippet.Snippet{Command: "journalctl -u nginx -f", Description: "follow logs", Tool: "journalctl", Section: "Logs", Source: "001.txt", Line: 3, Origin: snippet.OriginNotes},
				Also: []snippet.Snippet{{Source: "002.txt"}}},
			{Snippet: snippet.Snippet{Command: "journalctl {{[-b|--boot]}} {{[-u|--unit]}} {{unit}}\x1b[2J", Description: "", Tool: "journalctl", Source: "pages/linux/journalctl.md", Line: 9, Origin: snippet.OriginTldr}},
			{Snippet: snippet.Snippet{Command: "cat <<'EOF' | journalctl --file -\nentry\nEOF", Description: "Read entries written in a heredoc, which is a long description that does not fit", Tool: "journalctl", Section: "Logs", Source: "notes/a/rather/long/path/to/logging.md", Line: 120, Origin: snippet.OriginNotes}},
		},
	}
	for _, mode := range []string{"plain", "ansi", "pipe"} {
		var b bytes.Buffer
		width := 60
		if mode == "pipe" {
			width = 0
		}
		if err := Sheet(&b, iostreams.NewColorScheme(mode == "ansi"), width, page); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, "sheet."+mode, b.String())
		if !utf8Safe(b.String(), mode == "ansi") {
			t.Errorf("%s sheet carries control characters from a source:\n%q", mode, b.String())
		}
	}
}

// TestCommandLines pins how a command is told apart on a terminal: the
// program bold, options cyan, tldr placeholders highlighted without their
// braces (and only for tldr pages: a note's {{.Names}} is a Go template),
// comments dim, and continuation lines kept.
func TestCommandLines(t *testing.T) {
	const (
		b = "\x1b[1m"
		c = "\x1b[36m"
		p = "\x1b[4;32m"
		d = "\x1b[2m"
		z = "\x1b[0m"
	)
	tests := []struct {
		name, cmd, origin string
		mode              Mode
		want              []string
	}{
		{"tldr display", "journalctl {{[-u|--unit]}} {{unit}} {{[-f|--follow]}}", snippet.OriginTldr, ModeDisplay,
			[]string{b + "journalctl" + z + " " + c + "--unit" + z + " " + p + "unit" + z + " " + c + "--follow" + z}},
		{"tldr typed keeps value braces", "journalctl {{[-u|--unit]}} {{unit}}", snippet.OriginTldr, ModeTyped,
			[]string{b + "journalctl" + z + " " + c + "--unit" + z + " " + p + "{{unit}}" + z}},
		{"tldr raw", "journalctl {{[-u|--unit]}} {{unit}}", snippet.OriginTldr, ModeRaw,
			[]string{b + "journalctl" + z + " " + c + "{{[-u|--unit]}}" + z + " " + p + "{{unit}}" + z}},
		{"tldr escapes and nested braces", `git stash show {{stash@{0}}} --format '\{\{x\}\}'`, snippet.OriginTldr, ModeDisplay,
			[]string{b + "git" + z + " stash show " + p + "stash@{0}" + z + " " + c + "--format" + z + " '{{x}}'"}},
		{"tldr placeholder in a value", "tar -xf {{archive.tar}} --directory={{path/to/dir}}", snippet.OriginTldr, ModeDisplay,
			[]string{b + "tar" + z + " " + c + "-xf" + z + " " + p + "archive.tar" + z + " " + c + "--directory" + z + "=" + p + "path/to/dir" + z}},
		{"notes keep templates", "docker ps --format '{{.Names}}'", snippet.OriginNotes, ModeDisplay,
			[]string{b + "docker" + z + " ps " + c + "--format" + z + " '{{.Names}}'"}},
		{"pipes, wrappers, comments", "sudo -u pg psql -c 'x' | grep -v y 2>&1 # note", snippet.OriginNotes, ModeDisplay,
			[]string{b + "sudo" + z + " " + c + "-u" + z + " pg " + b + "psql" + z + " " + c + "-c" + z + " 'x' | " + b + "grep" + z + " " + c + "-v" + z + " y 2>&1 " + d + "# note" + z}},
		{"assignments and subshells", "LANG=C ls $(pwd)", snippet.OriginNotes, ModeDisplay,
			[]string{"LANG=C " + b + "ls" + z + " $(" + b + "pwd" + z + ")"}},
		{"heredoc body is text", "cat <<'EOF' > /etc/motd\nWelcome\nEOF", snippet.OriginNotes, ModeDisplay,
			[]string{b + "cat" + z + " <<'EOF' > /etc/motd", "Welcome", "EOF"}},
		{"continuation", "docker run \\\n  --rm alpine", snippet.OriginNotes, ModeDisplay,
			[]string{b + "docker" + z + " run \\", "  " + c + "--rm" + z + " alpine"}},
		{"next line is a new command", "cd /tmp\nls -la", snippet.OriginNotes, ModeDisplay,
			[]string{b + "cd" + z + " /tmp", b + "ls" + z + " " + c + "-la" + z}},
	}
	cs := iostreams.NewColorScheme(true)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CommandLines(cs, tt.cmd, tt.origin, tt.mode)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("CommandLines(%q)\n got %q\nwant %q", tt.cmd, got, tt.want)
			}
			plain := CommandLines(iostreams.NewColorScheme(false), tt.cmd, tt.origin, tt.mode)
			if stripped := sgr.ReplaceAllString(strings.Join(got, "\n"), ""); stripped != strings.Join(plain, "\n") {
				t.Errorf("without colour the text differs: %q vs %q", plain, stripped)
			}
		})
	}
}

var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// TestTyped: what -c copies is what a person types: option placeholders
// resolved, escapes undone, value placeholders kept in braces, and
// commands from notes untouched.
func TestTyped(t *testing.T) {
	tests := []struct{ cmd, origin, want string }{
		{"tar {{[-x|--extract]}} {{[-f|--file]}} {{path/to/file.tar}}", snippet.OriginTldr, "tar --extract --file {{path/to/file.tar}}"},
		{`docker inspect --format '\{\{.Id\}\}' {{container}}`, snippet.OriginTldr, "docker inspect --format '{{.Id}}' {{container}}"},
		{"git {{[a|add]}} {{[-p|--patch]}}", snippet.OriginTldr, "git add --patch"},
		{"echo {{unclosed", snippet.OriginTldr, "echo {{unclosed"},
		{`docker ps --format '{{.Names}}' \{\{`, snippet.OriginNotes, `docker ps --format '{{.Names}}' \{\{`},
		// A value is one word for the shell: its choices' bars would be
		// pipes.
		{"tar xvf {{path/to/source.tar[.gz|.bz2|.xz]}}", snippet.OriginTldr, "tar xvf {{path/to/source.tar.gz}}"},
		{"docker {{[ps|container ls]}} {{[-a|--all]}}", snippet.OriginTldr, "docker container ls --all"},
		{"watch {{make | sed 10q}}", snippet.OriginTldr, "watch {{'make | sed 10q'}}"},
	}
	for _, tt := range tests {
		if got := Typed(tt.cmd, tt.origin); got != tt.want {
			t.Errorf("Typed(%q) = %q, want %q", tt.cmd, got, tt.want)
		}
	}
}

// TestInserted: what the widget writes on the line. A value placeholder
// is one word as the shell reads it, whatever tldr's notation in it: a
// choice becomes its first alternative, and text the shell would split
// at an operator is quoted, unless the command quotes it already. The
// spans cover each value as written.
func TestInserted(t *testing.T) {
	tests := []struct {
		cmd   string
		want  string
		spans []Span
	}{
		{"tar xvf {{path/to/source.tar[.gz|.bz2|.xz]}}", "tar xvf path/to/source.tar.gz", []Span{{8, 29}}},
		{"mount {{[-t|--types]}} {{ext4|xfs}} {{/dev/sdX}}", "mount --types ext4 /dev/sdX", []Span{{14, 18}, {19, 27}}},
		{"docker {{[ps|container ls]}}", "docker container ls", nil},
		{"grep {{^ca(t|r)$}} {{path/to/file}}", "grep '^ca(t|r)$' path/to/file", []Span{{5, 16}, {17, 29}}},
		{`grep "{{cat|^[dh]og}}"`, `grep "cat|^[dh]og"`, []Span{{6, 17}}},
		{`echo '{{a|b}}' \"{{it's}}`, `echo 'a|b' \"'it'\''s'`, []Span{{6, 9}, {13, 22}}},
		{"rm {{path/to/file1 path/to/file2 ...}}", "rm path/to/file1 path/to/file2 ...", []Span{{3, 34}}},
		{"journalctl -u {{unit}}", "journalctl -u unit", []Span{{14, 18}}},
	}
	for _, tt := range tests {
		got, spans := Inserted(tt.cmd, snippet.OriginTldr)
		if got != tt.want || !reflect.DeepEqual(spans, tt.spans) {
			t.Errorf("Inserted(%q) = %q %v, want %q %v", tt.cmd, got, spans, tt.want, tt.spans)
		}
	}
}

func TestMiddleTruncate(t *testing.T) {
	if got := middleTruncate("Section · notes/very/long/path/file.md:123", 20); got != "Section ·…ile.md:123" {
		t.Errorf("middleTruncate = %q", got)
	}
	if got := middleTruncate("short", 20); got != "short" {
		t.Errorf("middleTruncate(short) = %q", got)
	}
}
