package render

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/search"
	"github.com/howcli/how/internal/snippet"
)

var update = flag.Bool("update", false, "rewrite golden files")

func result(cmd, desc, tool, section, source string, line int, score float64) search.Result {
	return search.Result{Snippet: snippet.Snippet{
		Command: cmd, Description: desc, Tool: tool, Section: section, Source: source, Line: line, Origin: snippet.OriginBundled,
	}, Score: score}
}

var cases = map[string][]search.Result{
	"basic": {
		result("journalctl -u nginx -f", "follow logs in real-time (like tail -f)", "journalctl", "Process Management", "001_d4f9014c8c39efe2.txt", 230, 3.5),
		result("journalctl -f", "follow the whole journal", "journalctl", "Logging", "003_31194b844b0ffc9d.txt", 12, 2.25),
	},
	"long": {
		result("kubectl get pods --all-namespaces -o wide --field-selector=status.phase!=Running --sort-by=.metadata.creationTimestamp",
			"list every pod that is not running, across all namespaces, oldest first, with the node each one is on",
			"kubectl", "Kubernetes troubleshooting, part two: pods that will not start", "notes/kubernetes/runbook-2024.md", 1234, 1),
		result("tar {{[-x|--extract]}} -f {{archive.tar}}", "", "tar", "tar", "pages/common/tar.md", 9, 0.5),
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

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (go test -update rewrites it)\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
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
				golden(t, name+"."+mode, out.String())
				if !utf8Safe(out.String(), mode == "ansi") {
					t.Errorf("%s output carries control characters from a source:\n%q", mode, out.String())
				}
			}

			ios, _, out, _ := iostreams.Test()
			if err := Results(ios, results, Options{}); err != nil {
				t.Fatal(err)
			}
			golden(t, name+".pipe", out.String())

			ios, _, out, _ = iostreams.Test()
			if err := Results(ios, results, Options{JSON: true, Explain: true}); err != nil {
				t.Fatal(err)
			}
			golden(t, name+".json", out.String())
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
		for _, sgr := range []string{"\x1b[1m", "\x1b[2m", "\x1b[0m"} {
			s = strings.ReplaceAll(s, sgr, "")
		}
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
	snips := []snippet.Snippet{
		{Command: "journalctl -u nginx -f", Description: "follow logs", Tool: "journalctl", Section: "Logs", Source: "001.txt", Line: 3},
		{Command: "journalctl -b\x1b[2J", Description: "", Tool: "journalctl", Source: "pages/linux/journalctl.md", Line: 9},
	}
	for _, mode := range []string{"plain", "ansi"} {
		var b bytes.Buffer
		if err := Sheet(&b, iostreams.NewColorScheme(mode == "ansi"), 60, "journalctl", snips); err != nil {
			t.Fatal(err)
		}
		golden(t, "sheet."+mode, b.String())
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
