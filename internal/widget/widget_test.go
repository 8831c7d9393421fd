package widget

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, buf, prefix, query string
	}{
		{"plain", "journalctl follow", "", "journalctl follow"},
		{"blanks around", "  journalctl follow  ", "  ", "journalctl follow"},
		{"empty", "", "", ""},
		{"only blanks", "   ", "   ", ""},
		{"pipe", "kubectl get pods | grep error count", "kubectl get pods | ", "grep error count"},
		{"pipe without blank", "ls|count lines", "ls|", "count lines"},
		{"pipe at end", "kubectl get pods | ", "kubectl get pods | ", ""},
		{"and", "make && run tests", "make && ", "run tests"},
		{"or", "make || echo failed", "make || ", "echo failed"},
		{"semicolon", "cd /tmp; list files", "cd /tmp; ", "list files"},
		{"background", "sleep 10 & list jobs", "sleep 10 & ", "list jobs"},
		{"pipe stderr", "make |& grep error", "make |& ", "grep error"},
		{"several", "a | b && c; d | tar extract", "a | b && c; d | ", "tar extract"},
		{"newline", "cd /tmp\njournalctl follow", "cd /tmp\n", "journalctl follow"},
		{"continuation is not a newline", "cd /tmp \\\n journalctl follow", "", "cd /tmp \\\n journalctl follow"},
		{"single quotes", "echo 'a | b; c' | count words", "echo 'a | b; c' | ", "count words"},
		{"double quotes", `echo "a | b; c" && x y`, `echo "a | b; c" && `, "x y"},
		{"escaped quote in double quotes", `echo "a \" | b" | x`, `echo "a \" | b" | `, "x"},
		{"ansi c quotes", `echo $'a\' | b' | x`, `echo $'a\' | b' | `, "x"},
		{"backslash escapes", `echo a \| b \; c`, "", `echo a \| b \; c`},
		{"backticks", "echo `a | b` | x", "echo `a | b` | ", "x"},
		{"command substitution closed", "echo $(a | b) | x", "echo $(a | b) | ", "x"},
		{"command substitution open", `echo "$(journalctl follow`, `echo "$(`, "journalctl follow"},
		{"open subshell", "(cd /tmp && list files", "(cd /tmp && ", "list files"},
		{"quotes inside substitution in quotes", `echo "$(echo ")" | b)" | x`, `echo "$(echo ")" | b)" | `, "x"},
		{"unclosed quote", `echo 'a | b`, "", `echo 'a | b`},
		{"comment", "ls # a | b", "", "ls # a | b"},
		{"hash inside a word", "echo a#b | x", "echo a#b | ", "x"},
		{"redirections", "make 2>&1 >| log &> all x", "", "make 2>&1 >| log &> all x"},
		{"heredoc", "cat <<EOF\na | b; c\nEOF\nfind big files", "cat <<EOF\na | b; c\nEOF\n", "find big files"},
		{"heredoc quoted, with tabs", "cat <<-'X'\n\ta | b\n\tX\nq", "cat <<-'X'\n\ta | b\n\tX\n", "q"},
		{"here string", "cat <<< 'a | b' | x", "cat <<< 'a | b' | ", "x"},
		{"reserved word after operator", "if true; then journalctl follow", "if true; then ", "journalctl follow"},
		{"reserved word alone", "while true; do", "while true; ", "do"},
		{"reserved word as a query", "then what", "", "then what"},
		{"multibyte", "écho « a » | héllo wörld", "écho « a » | ", "héllo wörld"},
		{"invalid utf-8", "a\xff | b\xfe", "a\xff | ", "b\xfe"},
		{"special characters", `echo $USER 'x  y' \ * !! ; journalctl follow`, `echo $USER 'x  y' \ * !! ; `, "journalctl follow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Parse(tt.buf)
			if l.Prefix != tt.prefix || l.Query != tt.query {
				t.Errorf("Parse(%q) = prefix %q, query %q; want %q, %q", tt.buf, l.Prefix, l.Query, tt.prefix, tt.query)
			}
		})
	}
}

// TestPiped: a question after a | reads the output of the segment before.
func TestPiped(t *testing.T) {
	tests := []struct {
		buf, before string
		piped       bool
	}{
		{"kubectl get pods | count lines", "kubectl get pods", true},
		{"ps aux|find nginx", "ps aux", true},
		{"make |& grep error", "make", true},
		{"a | b | c d", "b", true},
		{`echo "$(ps aux | find nginx`, "ps aux", true},
		{"ps aux | ", "ps aux", true},
		{"make || echo failed", "", false},
		{"make && run tests", "", false},
		{"echo 'a | b' c", "", false},
		{"count lines", "", false},
	}
	for _, tt := range tests {
		l := Parse(tt.buf)
		if l.Piped() != tt.piped || l.Before() != tt.before {
			t.Errorf("Parse(%q): piped %v, before %q; want %v, %q", tt.buf, l.Piped(), l.Before(), tt.piped, tt.before)
		}
	}
}

// TestEdited: after the widget wrote a line, only what the user typed
// outside it is a question.
func TestEdited(t *testing.T) {
	const wrote = "tar xvf path/to/source.tar.gz"
	tests := []struct {
		name, buf, wrote string
		want             bool
	}{
		{"nothing written before", "tar xvf a.tgz", "", false},
		{"a value filled in", "tar xvf backup.tar.gz", wrote, true},
		{"the end replaced", "tar xvf b", wrote, true},
		{"a blank added", wrote + " ", wrote, true},
		{"a question after a pipe", wrote + " | count lines", wrote, false},
		{"edited, then a question after a pipe", "tar xvf b.tgz | count lines", wrote, false},
		{"a new question in its place", "find big files", wrote, false},
		{"the written part of a pipeline, edited", "ps aux | grep apache", "ps aux | grep nginx", true},
		{"the part before, edited", "kubectl get svc | wc -l", "kubectl get pods | wc -l", true},
		{"an empty question after it", wrote + " | ", wrote, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Parse(tt.buf).Edited(tt.wrote); got != tt.want {
				t.Errorf("Parse(%q).Edited(%q) = %v, want %v", tt.buf, tt.wrote, got, tt.want)
			}
		})
	}
}

func TestReplace(t *testing.T) {
	tests := []struct {
		name, buf, command string
		spans              []Span
		want               string
		cursor             int
	}{
		{"whole line, no placeholder", "journalctl follow", "journalctl -f", nil, "journalctl -f", -1},
		{"cursor on the placeholder", "journalctl follow", "journalctl -u <service> -f", Placeholders("journalctl -u <service> -f"), "journalctl -u <service> -f", 14},
		{"last segment only", "kubectl get pods | count lines", "wc -l", nil, "kubectl get pods | wc -l", -1},
		{"blank added after a bare operator", "ls|count lines", "wc -l", nil, "ls| wc -l", -1},
		{"no blank after (", "echo $(count lines", "wc -l <file>", Placeholders("wc -l <file>"), "echo $(wc -l <file>", 13},
		{"offset counts characters", "héllo → | x", "cat <f>", Placeholders("cat <f>"), "héllo → | cat <f>", 14},
		{"earliest span wins", "x", "a b c", []Span{{4, 5}, {2, 3}}, "a b c", 2},
		{"multi-line command", "a; x", "cat <<EOF\n<body>\nEOF", Placeholders("cat <<EOF\n<body>\nEOF"), "a; cat <<EOF\n<body>\nEOF", 13},
		{"leading blanks kept", "  x", "ls", nil, "  ls", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cursor := Parse(tt.buf).Replace(tt.command, tt.spans)
			if got != tt.want || cursor != tt.cursor {
				t.Errorf("got %q, cursor %d; want %q, %d", got, cursor, tt.want, tt.cursor)
			}
		})
	}
}

func TestPlaceholders(t *testing.T) {
	tests := []struct {
		s    string
		want []string
	}{
		{"journalctl -u <service> -f", []string{"<service>"}},
		{"ssh -L <lport>:localhost:<rport> <user>@<host>", []string{"<lport>", "<rport>", "<user>", "<host>"}},
		{"tar xf {{path/to/file}} {{[-v|--verbose]}}", nil},
		{"docker ps --format '{{.Names}}'", nil},
		{"sort <in.txt >out.txt", nil},
		{"sort < in > out", nil},
		{"diff <(ls a) <(ls b)", nil},
		{"cat <<EOF", nil},
		{"echo <a b>", nil},
		{"git commit -m \"<message>\"", []string{"<message>"}},
		{"cp <src/path> <dést>", []string{"<src/path>", "<dést>"}},
		{"a <> b", nil},
		{"<unclosed", nil},
		{"<a\nb>", nil},
	}
	for _, tt := range tests {
		var got []string
		runes := []rune(tt.s)
		for _, sp := range Placeholders(tt.s) {
			got = append(got, string(runes[sp.Start:sp.End]))
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Placeholders(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestNextPlaceholder(t *testing.T) {
	const buf = "ssh -L <lport>:localhost:<rport> <user>@<høst>"
	tests := []struct {
		cursor, want int
	}{
		{0, 7},
		{7, 25},  // on the first: the second
		{10, 25}, // inside the first
		{25, 33},
		{33, 40},
		{40, 7}, // on the last: wraps round
		{46, 7},
	}
	for _, tt := range tests {
		got, ok := NextPlaceholder(buf, tt.cursor)
		if !ok || got != tt.want {
			t.Errorf("NextPlaceholder(cursor %d) = %d, %v; want %d", tt.cursor, got, ok, tt.want)
		}
	}
	if _, ok := NextPlaceholder("journalctl -f", 3); ok {
		t.Error("a line without placeholders has a next one")
	}
	if got, _ := NextPlaceholder("a <b>", 2); got != 2 {
		t.Errorf("the only placeholder: got %d, want 2 (stays)", got)
	}
}

func TestFormat(t *testing.T) {
	if got := Format("a\nb", -1); got != "-1\na\nb" {
		t.Errorf("Format = %q", got)
	}
}

// checkLine holds for every buffer: the prefix is kept byte for byte, the
// query is what follows it less blanks, and a replacement keeps the prefix
// and puts the cursor inside the new line.
func checkLine(t *testing.T, buf, command string) {
	l := Parse(buf)
	if !strings.HasPrefix(buf, l.Prefix) {
		t.Fatalf("Parse(%q): prefix %q is not a prefix of the buffer", buf, l.Prefix)
	}
	rest := buf[len(l.Prefix):]
	if !strings.HasPrefix(rest, l.Query) || strings.TrimSpace(rest[len(l.Query):]) != "" {
		t.Fatalf("Parse(%q): query %q is not the rest %q less trailing blanks", buf, l.Query, rest)
	}
	if l.Query != "" && strings.TrimSpace(l.Query[:1]) == "" && utf8.ValidString(l.Query[:1]) {
		t.Fatalf("Parse(%q): query %q starts with a blank", buf, l.Query)
	}
	spans := Placeholders(command)
	n := utf8.RuneCountInString(command)
	prev := 0
	for _, sp := range spans {
		if sp.Start < prev || sp.End <= sp.Start || sp.End > n {
			t.Fatalf("Placeholders(%q) = %v: out of order or bounds", command, spans)
		}
		prev = sp.End
	}
	out, cursor := l.Replace(command, spans)
	if !strings.HasPrefix(out, l.Prefix) || !strings.HasSuffix(out, command) {
		t.Fatalf("Replace(%q) on %q = %q: prefix or command lost", command, buf, out)
	}
	if cursor < -1 || cursor > utf8.RuneCountInString(out) || (len(spans) > 0) != (cursor >= 0) {
		t.Fatalf("Replace(%q) on %q: cursor %d out of range", command, buf, cursor)
	}
	if next, ok := NextPlaceholder(buf, len(buf)/2); ok {
		found := false
		for _, sp := range Placeholders(buf) {
			found = found || sp.Start == next
		}
		if !found {
			t.Fatalf("NextPlaceholder(%q) = %d: not a placeholder's start", buf, next)
		}
	}
}

func FuzzLine(f *testing.F) {
	for _, s := range []string{
		"journalctl follow", "kubectl get pods | grep x", `echo "$(a | b)" | x`, "cat <<-'X'\n\ta\n\tX\nq",
		"echo $'a\\' | b' | x", "(cd /tmp && ls", "ssh <user>@<host>", "tar {{path/to/file}}", "a\xff|b",
	} {
		f.Add(s, "journalctl -u <service> -f")
	}
	f.Fuzz(func(t *testing.T, buf, command string) {
		checkLine(t, buf, command)
	})
}
