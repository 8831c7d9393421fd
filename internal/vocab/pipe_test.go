package vocab

import (
	"testing"

	"github.com/howcli/how/internal/snippet"
)

// TestPipeStage: a command as the stage after the line's |.
func TestPipeStage(t *testing.T) {
	reads := Pipe{Reads: true}
	pattern := Pipe{Reads: true, Operands: 1}
	tests := []struct {
		cmd, origin, before string
		pipe                Pipe
		want                string
	}{
		{"wc -l data.csv", snippet.OriginNotes, "kubectl get pods", reads, "wc -l"},
		{"wc {{[-l|--lines]}} {{path/to/file}}", snippet.OriginTldr, "ls", reads, "wc {{[-l|--lines]}}"},
		{"grep -r TODO src/ lib/", snippet.OriginNotes, "cat x", pattern, "grep -r TODO"},
		{"grep {{pattern}} {{path/to/file1 path/to/file2 ...}}", snippet.OriginTldr, "dmesg", pattern, "grep {{pattern}}"},
		// A pattern shaped like a file name is the operand the program
		// keeps.
		{"grep a.b file.txt", snippet.OriginNotes, "x", pattern, "grep a.b"},
		{"sort < names.txt", snippet.OriginNotes, "x", reads, "sort"},
		{"jq .name <file.json>", snippet.OriginNotes, "curl -s x", pattern, "jq .name"},
		// An option after an operand may take the next word as its value.
		{"sort data.txt -o sorted.txt", snippet.OriginNotes, "x", reads, "sort data.txt -o sorted.txt"},
		// tee's file is its output: its piped uses keep one.
		{"tee out.log", snippet.OriginNotes, "make", pattern, "tee out.log"},
		// A quoted operand is a pattern or a script, not a file.
		{"awk '{print $1}' access.log", snippet.OriginNotes, "x", pattern, "awk '{print $1}'"},
		{"grep 'a.b'", snippet.OriginNotes, "x", Pipe{Reads: true}, "grep 'a.b'"},
		// A pipeline's producer goes; the rest reads the line's output.
		{"ps aux | grep nginx", snippet.OriginNotes, "ps aux", Pipe{Pipeline: true}, "grep nginx"},
		{"cat access.log | grep 404 | wc -l", snippet.OriginNotes, "tail -f x", Pipe{Pipeline: true}, "grep 404 | wc -l"},
		// ...and so does one that repeats what the line has already.
		{"ps aux | grep nginx", snippet.OriginNotes, "ps  aux", Pipe{Pipeline: true, Reads: true}, "grep nginx"},
		{"grep -v x app.log | wc -l", snippet.OriginNotes, "dmesg", Pipe{Pipeline: true, Reads: true, Operands: 1}, "grep -v x | wc -l"},
		// Nothing that reads a pipe: as it is.
		{"ps aux", snippet.OriginNotes, "x", Pipe{}, "ps aux"},
		{"cd /tmp && ls", snippet.OriginNotes, "x", reads, "cd /tmp && ls"},
		{"ssh -L <lport>:localhost:<rport> <host>", snippet.OriginNotes, "x", Pipe{}, "ssh -L <lport>:localhost:<rport> <host>"},
	}
	for _, tt := range tests {
		if got := PipeStage(tt.cmd, tt.origin, tt.before, tt.pipe); got != tt.want {
			t.Errorf("PipeStage(%q after %q, %+v) = %q, want %q", tt.cmd, tt.before, tt.pipe, got, tt.want)
		}
	}
}
