package vocab

import "testing"

func TestSplitCommand(t *testing.T) {
	tests := []struct {
		name, in, head, body string
	}{
		{"one line", "df -h", "df -h", ""},
		{"continuations stay in the head",
			"kubectl set env deployment/api \\\n  DB_POOL=30 \\\n  DB_IDLE=10",
			"kubectl set env deployment/api \\\n  DB_POOL=30 \\\n  DB_IDLE=10", ""},
		{"heredoc",
			"kubectl apply -f - <<EOF\napiVersion: apps/v1\nkind: Deployment\nEOF",
			"kubectl apply -f - <<EOF", "apiVersion: apps/v1\nkind: Deployment"},
		{"quoted heredoc delimiter, pipe after it",
			"cat <<'EOF' | sudo tee /etc/x.conf\nrotate 7\ncompress\nEOF",
			"cat <<'EOF' | sudo tee /etc/x.conf", "rotate 7\ncompress"},
		{"indented terminator with <<-",
			"cat <<-END\n\tline one\n\tEND\necho done",
			"cat <<-END\necho done", "\tline one"},
		{"heredoc without terminator",
			"python3 <<EOF\nimport os\nprint(1)",
			"python3 <<EOF", "import os\nprint(1)"},
		{"here-string is not a heredoc", "grep x <<< \"$a\"", "grep x <<< \"$a\"", ""},
		{"multi-line quoted argument",
			"psql -U postgres -c \"\nSELECT count(*)\nFROM pg_stat_activity;\n\"",
			"psql -U postgres -c \"\"", "SELECT count(*)\nFROM pg_stat_activity;\n"},
		{"text after the closing quote stays",
			"kubectl patch deploy api -p='[\n{\"op\": \"add\"}\n]' --type=json",
			"kubectl patch deploy api -p='[' --type=json", "{\"op\": \"add\"}\n]"},
		{"one-line quotes with escapes",
			"echo \"a \\\" b\" 'c'\n",
			"echo \"a \\\" b\" 'c'", ""},
		{"unclosed quote",
			"sh -c 'echo one\necho two",
			"sh -c 'echo one", "echo two"},
		{"a loop is its commands",
			"for p in $pods; do\nkubectl logs $p\ndone",
			"for p in $pods; do\nkubectl logs $p\ndone", ""},
		{"quote in a comment quotes nothing",
			"ls # don't\necho hi",
			"ls # don't\necho hi", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, b := SplitCommand(tt.in)
			if h != tt.head || b != tt.body {
				t.Errorf("SplitCommand(%q)\n head %q\n body %q\nwant\n head %q\n body %q", tt.in, h, b, tt.head, tt.body)
			}
		})
	}
}

func FuzzSplitCommand(f *testing.F) {
	for _, s := range []string{"a <<EOF\nb\nEOF", "a 'b\nc' d", `a "\"`, "<<", "<<-'", "a\\\nb", "'\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, b := SplitCommand(s)
		if len(h)+len(b) > len(s)+1 {
			t.Fatalf("SplitCommand(%q) grew: %q + %q", s, h, b)
		}
	})
}
