package vocab

import (
	"bytes"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

func TestCmdlineTokenizer(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // terms, space-separated, in order
	}{
		{"short flags kept and case-sensitive", "journalctl -u nginx -f", "journalctl -u nginx -f"},
		{"-F is not -f", "awk -F: '{print $1}' /etc/passwd", "awk -F print 1 etc passwd etc/passwd"},
		{"dotted compound", "systemctl status nginx.service", "systemctl status nginx service nginx.service"},
		{"long flag words", "rsync --dry-run src/ dst/", "rsync --dry-run dry run dry-run src dst"},
		{"long flag with value", "kubectl logs --tail=100 api", "kubectl logs --tail tail 100 api"},
		{"short cluster expanded", "tar -xzf a.tgz", "tar -xzf -x -z -f a tgz a.tgz"},
		{"repeated letters once", "ssh -vvv host", "ssh -vvv -v host"},
		{"long single-dash flag", "find . -name '*.log' -type f", "find -name name log -type type f"},
		{"single-dash flag with value", "nslookup -type=MX example.com", "nslookup -type type mx example com example.com"},
		{"digits are flags", "kill -9 1234", "kill -9 1234"},
		{"quoted words", `journalctl --since "1 hour ago"`, "journalctl --since since 1 hour ago"},
		{"hyphenated tool", "docker-compose logs -f web", "docker compose docker-compose logs -f web"},
		{"underscore tool", "pg_dump mydb", "pg dump pg_dump mydb"},
		{"host:port kept whole", "curl localhost:8080/health", "curl localhost 8080 health localhost:8080/health"},
		{"port mapping", "docker run -p 8080:3000 app", "docker run -p 8080 3000 8080:3000 app"},
		{"key=value", "kubectl get pods -l app=api", "kubectl get pods -l app api app=api"},
		{"path", "cat /var/log/syslog", "cat var log syslog var/log/syslog"},
		{"tldr placeholders are punctuation", "tar xf {{path/to/file.tar}}", "tar xf path to file tar file.tar path/to/file.tar"},
		{"tldr option alternatives", "journalctl {{[-f|--follow]}}", "journalctl -f --follow follow"},
		{"substitution and pipes", "echo $(date +%s) | tee -a log.txt", "echo date s tee -a log txt log.txt"},
		{"lone slash is nothing", "rm -rf /", "rm -rf -r -f"},
		{"bare dashes are nothing", "cat - -- x", "cat x"},
		{"unicode words", "echo Grüße", "echo grüße"},
		{"line continuation", "docker run \\\n  -d nginx", "docker run -d nginx"},
		{"empty", "", ""},
		{"punctuation only", "|| && ;; ' \"", ""},
		// Operators people call by a name.
		{"heredoc", "kubectl apply -f - <<EOF", "kubectl apply -f heredoc eof"},
		{"heredoc with tabs, quoted", "cat <<-'END' > x", "cat heredoc end x"},
		{"herestring", "bc <<< '1+1'", "bc herestring 1 1 1+1"},
		{"redirections are not named", "sort < in > out", "sort in out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tok := range bothStreams(tt.in) {
				got = append(got, string(tok.Term))
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("Tokenize(%q)\n got %q\nwant %q", tt.in, g, tt.want)
			}
		})
	}
}

// bothStreams is what the command and option-words tokenizers make of in,
// merged in the order of the text: all the terms a command is found by.
func bothStreams(in string) analysis.TokenStream {
	cmd := (CmdlineTokenizer{}).Tokenize([]byte(in))
	opts := (CmdlineTokenizer{OptionWords: true}).Tokenize([]byte(in))
	var out analysis.TokenStream
	for len(cmd) > 0 || len(opts) > 0 {
		if len(opts) == 0 || len(cmd) > 0 && cmd[0].Start <= opts[0].Start {
			out, cmd = append(out, cmd[0]), cmd[1:]
		} else {
			out, opts = append(out, opts[0]), opts[1:]
		}
	}
	return out
}

// TestOptionWordsApart: the words of option names go to their own field,
// and only there.
func TestOptionWordsApart(t *testing.T) {
	in := "tar czf out.tar.gz --directory=src --exclude-vcs -C dir ."
	terms := func(ts analysis.TokenStream) string {
		var out []string
		for _, tok := range ts {
			out = append(out, string(tok.Term))
		}
		return strings.Join(out, " ")
	}
	if got, want := terms((CmdlineTokenizer{}).Tokenize([]byte(in))), "tar czf out tar gz out.tar.gz --directory src --exclude-vcs -C dir"; got != want {
		t.Errorf("command terms %q, want %q", got, want)
	}
	if got, want := terms((CmdlineTokenizer{OptionWords: true}).Tokenize([]byte(in))), "directory exclude vcs exclude-vcs"; got != want {
		t.Errorf("option words %q, want %q", got, want)
	}
}

// TestCmdlineTokenizerOffsets checks that every token points at the text it
// came from, so results can be highlighted from offsets alone.
func TestCmdlineTokenizerOffsets(t *testing.T) {
	inputs := []string{
		"journalctl -u nginx.service -f --since \"1 hour ago\"",
		"tar -xzvf a.tgz && rsync --dry-run -avz src/ host:dst/",
		"kubectl logs -l app=api --tail=100 | grep -F Ärger",
		"awk -F: '{print $1}' /etc/passwd",
		"cat <<EOF | bc <<< x",
	}
	for _, in := range inputs {
		for _, options := range []bool{false, true} {
			offsets(t, in, (CmdlineTokenizer{OptionWords: options}).Tokenize([]byte(in)))
		}
	}
}

// offsets checks that each token of toks points at its text in in, and that
// positions never go back.
func offsets(t *testing.T, in string, toks analysis.TokenStream) {
	t.Helper()
	lastPos := 0
	for _, tok := range toks {
		if tok.Start < 0 || tok.End > len(in) || tok.Start >= tok.End {
			t.Fatalf("%q: token %q has offsets %d..%d", in, tok.Term, tok.Start, tok.End)
		}
		src := []byte(in[tok.Start:tok.End])
		switch {
		case bytes.Equal(tok.Term, src), bytes.Equal(tok.Term, bytes.ToLower(src)):
		case len(tok.Term) == 2 && tok.Term[0] == '-' && src[0] == '-' && bytes.IndexByte(src, tok.Term[1]) > 0:
			// a letter of a -xzf cluster points at the cluster
		case strings.Trim(string(src), "<") == "" && bytes.HasPrefix(tok.Term, []byte("here")):
			// a named operator points at the operator
		default:
			t.Errorf("%q: token %q points at %q", in, tok.Term, src)
		}
		if tok.Position < lastPos || tok.Position < 1 {
			t.Errorf("%q: token %q position %d after %d", in, tok.Term, tok.Position, lastPos)
		}
		lastPos = tok.Position
	}
}

// FuzzCmdlineTokenizer: arbitrary input never panics and never yields a
// token outside the input.
func FuzzCmdlineTokenizer(f *testing.F) {
	for _, s := range []string{"tar -xzf a.tgz", "--=", "-", "\xff\xfe-x", "a=b:c/d", "{{[-f|--follow]}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, tok := range (CmdlineTokenizer{}).Tokenize([]byte(in)) {
			if tok.Start < 0 || tok.End > len(in) || tok.Start > tok.End || len(tok.Term) == 0 {
				t.Fatalf("bad token %+v for %q", tok, in)
			}
			if bytes.ContainsAny(tok.Term, " \t\n") {
				t.Fatalf("token with a space %q for %q", tok.Term, in)
			}
		}
	})
}
