package search

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/index/indextest"
	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/vocab"
)

// fixtureIndex builds the fixture once per test binary, on disk.
var fixtureIndex *index.Index

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "how-search-test")
	if err != nil {
		panic(err)
	}
	code := func() int {
		idx := filepath.Join(dir, "idx")
		snips := indextest.Fixture()
		// The same command from a second note, to check merging.
		dup := snips[2]
		dup.Source, dup.Line, dup.Description = "notes/old.md", 3, "watch nginx output live"
		snips = append(snips, dup)
		if err := index.Build(idx, snips); err != nil {
			panic(err)
		}
		fixtureIndex, err = index.Open(idx)
		if err != nil {
			panic(err)
		}
		defer fixtureIndex.Close()
		return m.Run()
	}()
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildIndex builds snips into an index on disk and opens it for the
// rest of the test.
func buildIndex(t *testing.T, snips []snippet.Snippet) *index.Index {
	t.Helper()
	return buildWith(t, snips, index.DefaultKnowledge())
}

// buildWith is buildIndex with the given knowledge.
func buildWith(t *testing.T, snips []snippet.Snippet, k index.Knowledge) *index.Index {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	if err := index.BuildWith(dir, snips, k); err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func run(t *testing.T, words string, limit int) []Result {
	t.Helper()
	res, err := Run(fixtureIndex, Query{Words: strings.Fields(words), Limit: limit})
	if err != nil {
		t.Fatalf("Run(%q): %v", words, err)
	}
	return res
}

func commands(rs []Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Command)
	}
	return out
}

func TestRanking(t *testing.T) {
	tests := []struct {
		query string
		first string
	}{
		{"journalctl follow", "journalctl -u nginx -f"},
		{"jounralctl folow", "journalctl -u nginx -f"},
		// Two letters swapped: two edits, read as the word they make.
		{"journalctl follwo", "journalctl -u nginx -f"},
		{"grep recrusive TODO", "grep -r TODO src/"},
		{"journalctl -f", "journalctl -u nginx -f"},
		{"how do I follow the nginx logs with journalctl", "journalctl -u nginx -f"},
		{"docker logs tail 50", "docker logs --tail 50 my-app"},
		{"docker logs --since", "docker logs --since 10m my-app"},
		{"awk -F", "awk -F: '{print $1}' /etc/passwd"},
		{"grep -F fixed string", "grep -F 'a.b' file.txt"},
		{"grep recursive TODO", "grep -r TODO src/"},
		{"systemclt restart nginx", "systemctl restart nginx"},
		{"what is listening on a port", "ss -tlnp"},
		{"which process has an open port", "ss -tlnp"},
		{"erase remote branch", "git push origin --delete feature"},
		{"rollback last commit", "git reset --soft HEAD~1"},
		{"find big files", "find . -size +100M"},
		{"example.com:8443", "curl -I https://example.com:8443/health"},
		{"8080:localhost:80", "ssh -L 8080:localhost:80 user@host"},
		{"HEAD~1", "git reset --soft HEAD~1"},
		{"kubectl logs crashed pod", "kubectl logs my-pod --previous"},
		{"ansible playbook", "ansible-playbook -i inventory.yml site.yml"},
		{"configmap from file", "kubectl create configmap app --from-file=app.conf"},
		{"create a configmap from a file", "kubectl create configmap app --from-file=app.conf"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := run(t, tt.query, 5)
			if len(res) == 0 || res[0].Command != tt.first {
				t.Errorf("%q ranked %q; want %q first", tt.query, commands(res), tt.first)
			}
		})
	}
}

// TestHostileQueries: text that breaks bleve's query-string syntax, or
// that has nothing searchable in it, never makes an error.
func TestHostileQueries(t *testing.T) {
	queries := [][]string{
		{"-f"}, {"--since"}, {"rm", "-rf", "/"}, {"/"}, {"\\/"}, {"host:port"},
		{`grep "foo`}, {`"`}, {"'"}, {"`"}, {"\\"}, {"*"}, {"?"}, {"+x"}, {"-"}, {"--"},
		{"(", ")"}, {"[", "]"}, {"{{", "}}"}, {"~"}, {"HEAD~1"}, {"a:b:c:"}, {"^2"},
		{"field:value"}, {"AND", "OR", "NOT"}, {"-x=y"}, {"--=="}, {"\x00"}, {"\xff\xfe"},
		{"🙂"}, {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"},
		{strings.Repeat("x", 5000)}, {"how", "do", "i"}, {"the", "of", "and"}, {"   "}, {},
		{"journalctl\n-f"}, {"kill -9"}, {"find . -size +100M"},
	}
	for _, q := range queries {
		for _, explain := range []bool{false, true} {
			if _, err := Run(fixtureIndex, Query{Words: q, Limit: 3, Explain: explain}); err != nil {
				t.Errorf("Run(%.60q): %v", q, err)
			}
		}
	}
}

func TestFlagsExactAndCaseSensitive(t *testing.T) {
	for _, r := range run(t, "-F", 10) {
		if !strings.Contains(r.Command, "-F") {
			t.Errorf("-F matched %q", r.Command)
		}
	}
	res := run(t, "-f", 20)
	if len(res) == 0 {
		t.Fatal("-f matched nothing")
	}
	for _, r := range res {
		if strings.Contains(r.Command, "-F") && !strings.Contains(r.Command, "-f") {
			t.Errorf("-f matched %q", r.Command)
		}
	}
}

func TestMergedOccurrences(t *testing.T) {
	// "live" only appears in the second note's description of the same
	// command: it still finds it, and the result shows both places.
	res := run(t, "watch nginx output", 3)
	if len(res) == 0 || res[0].Command != "journalctl -u nginx -f" {
		t.Fatalf("got %q", commands(res))
	}
	r := res[0]
	if r.Description != "follow logs in real-time (like tail -f)" {
		t.Errorf("shown description %q; want the most informative", r.Description)
	}
	if len(r.Also) != 1 || r.Also[0].Source != "notes/old.md" || r.Also[0].Line != 3 {
		t.Errorf("Also = %+v", r.Also)
	}
	for _, x := range run(t, "journalctl", 20) {
		if x.Command == "journalctl -u nginx -f" && len(x.Also) != 1 {
			t.Errorf("merged command listed separately")
		}
	}
}

func TestLimitAndEmpty(t *testing.T) {
	if res := run(t, "logs", 3); len(res) != 3 {
		t.Errorf("limit 3 gave %d results", len(res))
	}
	if res := run(t, "logs", 0); len(res) != DefaultLimit {
		t.Errorf("default limit gave %d results", len(res))
	}
	if res := run(t, "zzzzqqqq", 5); len(res) != 0 {
		t.Errorf("nonsense matched %q", commands(res))
	}
	if res := run(t, "", 5); len(res) != 0 {
		t.Errorf("empty query matched %q", commands(res))
	}
	if _, err := Run(nil, Query{Words: []string{"x"}}); err == nil {
		t.Error("Run(nil) succeeded")
	}
}

func TestResultFields(t *testing.T) {
	res := run(t, "journalctl follow", 1)
	if len(res) != 1 {
		t.Fatal("no result")
	}
	want := snippet.Snippet{
		Command: "journalctl -u nginx -f", Description: "follow logs in real-time (like tail -f)",
		Tool: "journalctl", Tags: []string{"linux"}, Section: "Checking Logs with journalctl",
		Source: "notes/ops.md", Line: 12, Origin: snippet.OriginNotes,
	}
	got := res[0].Snippet
	if got.Command != want.Command || got.Description != want.Description || got.Tool != want.Tool ||
		got.Section != want.Section || got.Source != want.Source || got.Line != want.Line ||
		got.Origin != want.Origin || strings.Join(got.Tags, ",") != "linux" {
		t.Errorf("result %+v\nwant %+v", got, want)
	}
	if res[0].Score <= 0 {
		t.Errorf("score %v", res[0].Score)
	}
}

func TestExplain(t *testing.T) {
	res, err := Run(fixtureIndex, Query{Words: []string{"journalctl", "follow"}, Limit: 2, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	e := res[0].Explanation
	for _, want := range []string{"2/2 words", "journalctl", "tool journalctl", "description follow", "covers 1.00 of the query"} {
		if !strings.Contains(e, want) {
			t.Errorf("explanation lacks %q:\n%s", want, e)
		}
	}
	// A swap is read as the word it makes, and says so; an edit is an
	// approximate match, marked ~.
	res, _ = Run(fixtureIndex, Query{Words: []string{"jounralctl", "folow"}, Limit: 1, Explain: true})
	if len(res) == 0 || !strings.Contains(res[0].Explanation, "jounralctl→journalctl") || !strings.Contains(res[0].Explanation, "~follow") {
		t.Errorf("correction or fuzzy match not marked:\n%v", res)
	}
	if r := run(t, "journalctl follow", 1); r[0].Explanation != "" {
		t.Error("explanation without Explain")
	}
}

func TestParseWords(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"how do I follow logs", "follow logs"},
		{"What is listening on port 3000?", "listening port 3000"},
		{"show me the disk usage", "disk usage"},
		{"please how to undo a commit", "undo commit"},
		{"which python", "which python"},
		{"journalctl -f --since", "journalctl -f --since"},
		{"rm -rf /", "rm -rf"},
		{`grep "foo`, `grep foo`},
		// Framing alone asks nothing.
		{"how do i", ""},
		{"How do I see all the processes running on my Linux box?", "see all processes running"},
		{"Using bash, how can I count the number of files in a directory?", "count number files directory"},
		{"What's a quick way to generate a strong random password in the Linux terminal?", "generate strong random password"},
		{"Is there a command in Linux to see what's listening on port 3000?", "listening port 3000"},
		// A verb of knowing before a question word is framing; one that
		// commands do is not.
		{"see which groups I'm in", "groups"},
		{"check if a remote port is open", "check remote port open"},
		{"how do I change a file's name in bash?", "change file name"},
		{"How do I check if a file exists in a bash script?", "check file exists"},
		{"How do I install a package with dnf on Fedora?", "install package dnf"},
		{"change my default shell to zsh", "change default shell zsh"},
		{"which python", "which python"},
		// The machine every command runs on, named after "of".
		{"How to check the uptime of a Linux server?", "check uptime"},
		{"the size of the terminal window", "size terminal window"},
		// What the asker runs is what every command reads.
		{"How can I check the Ubuntu version I am running?", "check Ubuntu version"},
		{"which kernel version I'm running", "kernel version"},
		{"what OS am I running on", "OS"},
		{"How can I see what ports are open on my machine?", "ports open"},
		{"copy a file to a remote server", "copy file remote server"},
		// Conversational openers: the program asked about is the question.
		{"Can someone explain how to use tar?", "tar"},
		{"How do I use grep to search recursively?", "grep search recursively"},
		{"How would I go about listing open ports?", "listing open ports"},
		{"Any way to see the history of a file in git?", "see history file git"},
		{"use tar", "use tar"},
		// "How much" asks for an amount.
		{"How do I find out how much RAM my computer has?", "RAM computer"},
		// To find the property of something is to learn it; to find
		// files is find's.
		{"How to find the size of a directory?", "size directory"},
		{"find the PID of a running program", "PID running program"},
		{"find out my public ip address", "public ip address"},
		{"How to find the largest files on the system?", "find largest files system"},
		{"find files older than 30 days", "find files older 30 days"},
	}
	for _, tt := range tests {
		var got []string
		for _, w := range parseWords(strings.Fields(tt.in)) {
			got = append(got, w.raw)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("parseWords(%q) = %q, want %q", tt.in, g, tt.want)
		}
	}
}

// TestSentenceWeights: in a query of several sentences, those that ask
// count whole and those that tell the story around the question half; a
// request ("Trying to") does not make a sentence ask.
func TestSentenceWeights(t *testing.T) {
	q := "Is there a command to see what's listening on port 3000? Trying to debug why my node app won't start"
	got := map[string]float64{}
	for _, w := range parseWords(strings.Fields(q)) {
		got[w.norm] = w.weight
	}
	if got["listening"] != 1 || got["port"] != 1 || got["debug"] != contextWeight || got["node"] != contextWeight {
		t.Errorf("weights %v: the question whole, the story %v", got, contextWeight)
	}
}

func TestCompounds(t *testing.T) {
	tests := []struct {
		in   string
		want string // word=compounds; ...
	}{
		{"ansible playbook", "ansible=ansible-playbook; playbook="},
		{"create a configmap from a file", "create=create-configmap; configmap=configmap-from; file=from-file"},
		{"pg dump -h", "pg=pg-dump; dump=; -h="},
	}
	for _, tt := range tests {
		var parts []string
		for _, w := range parseWords(strings.Fields(tt.in)) {
			var cs []string
			for _, c := range w.compounds {
				cs = append(cs, c[0]+"-"+c[1])
			}
			parts = append(parts, w.raw+"="+strings.Join(cs, ","))
		}
		if got := strings.Join(parts, "; "); got != tt.want {
			t.Errorf("parseWords(%q) compounds = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzRun: no text a user can type makes Run fail.
func FuzzRun(f *testing.F) {
	for _, s := range []string{"journalctl -f", "rm -rf /", `grep "foo`, "host:port", "jounralctl folow", "{{[-f|--f]}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := Run(fixtureIndex, Query{Words: []string{q}, Limit: 3, Explain: len(q)%2 == 0}); err != nil {
			t.Fatalf("Run(%q): %v", q, err)
		}
	})
}

// TestSynonymAnswersOneWord: in "free disk space", "space" stands for disk
// and storage, which "disk" already reaches (its own term, its synonym).
// Were space to look for them too, one "storage" in a description would
// answer two of the three words, and a command about deleting a file from
// storage would outrank one about free disk space.
func TestSynonymAnswersOneWord(t *testing.T) {
	k := index.DefaultKnowledge()
	k.Synonyms = vocab.ParseSynonyms("disk, storage, drive\nspace => disk, storage\n")
	dir := filepath.Join(t.TempDir(), "idx")
	if err := index.BuildWith(dir, indextest.Fixture(), k); err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	r := ix.Reader()
	defer r.Close()
	p, err := newPlanner(ix, r)
	if err != nil {
		t.Fatal(err)
	}
	words := parseWords([]string{"free", "disk", "space"})
	alts, err := p.plan(words, nil)
	if err != nil {
		t.Fatal(err)
	}
	reaches := func(i int, term string) bool {
		for _, a := range alts[i] {
			if len(a.terms) == 1 && a.kind == synonym && a.field == index.FieldDescription && a.terms[0] == term {
				return true
			}
		}
		return false
	}
	if !reaches(1, "storag") {
		t.Errorf("disk does not reach storage in descriptions: %+v", alts[1])
	}
	for _, term := range []string{"storag", "disk"} {
		if reaches(2, term) {
			t.Errorf("space reaches %q in descriptions, which disk answers already", term)
		}
	}
}

// TestNamedProgramCountsOnce: a word that names a program matches its tool
// field and, redundantly, every one of its commands, where the match only
// measures how short the command is. Counted there too, it let `kill -l`
// (a short kill command about something else) beat pkill's "Kill a process
// by its name" for "kill a process by name".
func TestNamedProgramCountsOnce(t *testing.T) {
	var snips []snippet.Snippet
	add := func(cmd, tool, desc string) {
		snips = append(snips, snippet.Snippet{Command: cmd, Tool: tool, Description: desc, Source: "n.md", Origin: snippet.OriginNotes})
	}
	add("kill -l", "kill", "List signal names")
	add("kill -9 1234", "kill", "Force a process to stop")
	add("kill -HUP 1234", "kill", "Ask a daemon to reload")
	add("pkill -f 'node server'", "pkill", "Kill a process by its name")
	add("killall nginx", "killall", "Kill every process of that name")
	for i := 0; i < 40; i++ {
		add(fmt.Sprintf("ls -la dir%d", i), "ls", fmt.Sprintf("list folder %d", i))
	}
	ix := buildIndex(t, snips)
	res, err := Run(ix, Query{Words: strings.Fields("kill a process by name"), Limit: 5, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	// The word naming the program scores in the tool field alone.
	for _, r := range res {
		for _, line := range strings.Split(r.Explanation, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "kill ") && strings.Contains(line, "command kill") {
				t.Errorf("%s: the program's name scores in the command too: %s", r.Command, line)
			}
		}
	}
	if len(res) == 0 || !strings.HasPrefix(res[0].Command, "pkill") && !strings.HasPrefix(res[0].Command, "killall") {
		var why []string
		for _, r := range res {
			why = append(why, r.Command+": "+r.Explanation)
		}
		t.Errorf("kill a process by name ranked:\n%s", strings.Join(why, "\n"))
	}
}

// TestPiped: asked for a command that reads a pipe, one whose program the
// collection shows writing pipes and never reading one (find) loses to one
// that can, even matching the words less well; asked plainly, it does not.
func TestPiped(t *testing.T) {
	n := func(cmd, desc string) snippet.Snippet {
		return snippet.Snippet{Command: cmd, Description: desc, Tool: snippet.ToolOf(cmd), Source: "n.md", Origin: snippet.OriginNotes}
	}
	ix := buildIndex(t, []snippet.Snippet{
		n("find /var/log -name '*.log' -mtime -1", "find the log files changed today"),
		n("grep -i error app.log", "errors in a log"),
		n("dmesg | grep -i usb", "kernel messages about usb"),
		n("find . -name '*.tmp' | xargs rm", "remove the temporary files"),
	})
	for _, piped := range []bool{false, true} {
		res, err := Run(ix, Query{Words: []string{"find", "log", "errors"}, Limit: 3, Piped: piped, Explain: true})
		if err != nil {
			t.Fatal(err)
		}
		want := "find /var/log -name '*.log' -mtime -1"
		if piped {
			want = "grep -i error app.log"
		}
		if len(res) == 0 || res[0].Command != want {
			t.Errorf("piped %v: ranked %q; want %q first", piped, commands(res), want)
			for _, r := range res {
				t.Log(r.Explanation)
			}
		}
		if piped && res[0].Pipe != (vocab.Pipe{Reads: true, Operands: 1}) {
			t.Errorf("the result's Pipe is %+v", res[0].Pipe)
		}
	}
}

// TestSlips: a word the collections hold once, misspelt, where the word it
// is one edit or a swap from is in many commands, is read as that word:
// "kernal" is not the rare word of the one comment that misspells it.
func TestSlips(t *testing.T) {
	var snips []snippet.Snippet
	for i := range 60 {
		snips = append(snips, snippet.Snippet{Command: fmt.Sprintf("modprobe mod%d", i),
			Description: fmt.Sprintf("load kernel module %d", i), Tool: "modprobe", Source: "notes/k.md", Line: i + 1})
	}
	snips = append(snips,
		snippet.Snippet{Command: "dmesg -k", Description: "see kernal messages", Tool: "dmesg", Source: "notes/k.md", Line: 100},
		snippet.Snippet{Command: "uname -r", Description: "print the kernel release", Tool: "uname", Source: "notes/k.md", Line: 101},
		snippet.Snippet{Command: "chmod 644 file", Description: "change the permissions of a file", Tool: "chmod", Source: "notes/k.md", Line: 102},
	)
	ix := buildIndex(t, snips)
	for _, tt := range []struct{ query, first, explained string }{
		{"kernal release", "uname -r", ""},
		{"chnage permissions", "chmod 644 file", "chnage→change"},
	} {
		res, err := Run(ix, Query{Words: strings.Fields(tt.query), Limit: 3, Explain: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res) == 0 || res[0].Command != tt.first {
			t.Errorf("%q ranked %q; want %q first", tt.query, commands(res), tt.first)
			continue
		}
		if !strings.Contains(res[0].Explanation, tt.explained) {
			t.Errorf("%q: the explanation does not say %q:\n%s", tt.query, tt.explained, res[0].Explanation)
		}
	}
}

// TestOtherProgramThanNamed: a question that names a program is answered
// by that program's commands before another's that mentions it.
func TestOtherProgramThanNamed(t *testing.T) {
	ix := buildIndex(t, []snippet.Snippet{
		{Command: "http --download example.org/file", Description: "Download a file wget style", Tool: "http", Source: "cheat/http", Line: 1},
		{Command: "wget https://example.com/file", Description: "Download a file", Tool: "wget", Source: "cheat/wget", Line: 1},
		{Command: "wget -c https://example.com/file", Description: "Continue an interrupted download", Tool: "wget", Source: "cheat/wget", Line: 2},
	})
	res, err := Run(ix, Query{Words: strings.Fields("download file with wget"), Limit: 3, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 || res[0].Tool != "wget" {
		t.Fatalf("ranked %q; want wget's first", commands(res))
	}
	for _, r := range res {
		if r.Tool == "http" && !strings.Contains(r.Explanation, "not the program named") {
			t.Errorf("the explanation does not say why:\n%s", r.Explanation)
		}
	}
}

// TestCloseEnoughBelowTheBest: when the best scored covers too little of
// the query, the results that cover enough are the answer. Every find
// command says "find"; the one command that says "hostname" is rarer and
// scores less, and is what "how do I find my hostname" asks for.
func TestCloseEnoughBelowTheBest(t *testing.T) {
	snips := []snippet.Snippet{
		{Command: "hostname", Description: "Show current host name", Tool: "hostname", Summary: "Show or set the system's host name.", Origin: snippet.OriginTldr, Source: "hostname.md", Line: 1},
	}
	// As in the collections: find has many commands; "hostname" is
	// rarer, mostly an ordinary word, and the program named so is for
	// none of the query by its summary.
	for i := range 40 {
		snips = append(snips, snippet.Snippet{Command: fmt.Sprintf("find . -name x%d", i), Description: fmt.Sprintf("Find files named x%d", i), Tool: "find", Source: "find.md", Line: i + 1})
	}
	for i := range 7 {
		snips = append(snips, snippet.Snippet{Command: fmt.Sprintf("ssh -p %d user@host", 2200+i), Description: "Connect to a hostname on another port", Tool: "ssh", Source: "ssh.md", Line: i + 1})
	}
	snips = append(snips, filler(1000, "")...)
	ix := buildIndex(t, snips)
	res, err := Run(ix, Query{Words: strings.Fields("how do I find my hostname"), Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 || res[0].Command != "hostname" {
		t.Fatalf("ranked %q; want hostname first", commands(res))
	}
	for _, r := range res {
		if r.Coverage < minCoverage {
			t.Errorf("%s covers %.2f, below %.2f", r.Command, r.Coverage, minCoverage)
		}
	}
	// A query nothing covers enough still finds nothing.
	if res, err = Run(ix, Query{Words: strings.Fields("find purple llama"), Limit: 3}); err != nil || len(res) != 0 {
		t.Errorf("find purple llama: %q, %v; want nothing", commands(res), err)
	}
}

// TestOffPurpose: a command whose program is for none of what is asked
// gives way to one whose program is; the user's notes are not judged, on
// a program nothing describes or on one the tool list knows.
func TestOffPurpose(t *testing.T) {
	ix := buildIndex(t, []snippet.Snippet{
		{Command: "mariadb --debug-check", Description: "Check memory and open file usage at exit", Tool: "mariadb", Summary: "The MariaDB command-line client.", Origin: snippet.OriginTldr, Source: "mariadb.md", Line: 1},
		{Command: "free -h", Description: "Display memory in human-readable units", Tool: "free", Summary: "Display amount of free and used memory in the system.", Origin: snippet.OriginTldr, Source: "free.md", Line: 1},
		{Command: "acmectl stats --mem", Description: "check memory usage of the acme workers", Tool: "acmectl", Origin: snippet.OriginNotes, Source: "notes/acme.md", Line: 1},
		{Command: "ssh acme-db free -m", Description: "memory usage on the acme database host", Tool: "ssh", Origin: snippet.OriginNotes, Source: "notes/acme.md", Line: 2},
	})
	res, err := Run(ix, Query{Words: strings.Fields("memory usage"), Limit: 4, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	rank := map[string]int{}
	for i, r := range res {
		rank[r.Tool] = i + 1
		judged := strings.Contains(r.Explanation, "its program is for none of it")
		if judged != (r.Tool == "mariadb") {
			t.Errorf("%s: judged off purpose %v:\n%s", r.Command, judged, r.Explanation)
		}
	}
	if rank["free"] == 0 || rank["mariadb"] != 0 && rank["free"] > rank["mariadb"] {
		t.Errorf("ranked %q; want free before mariadb", commands(res))
	}
}

// TestFirstResultsDoNotDependOnLimit: the priors reorder a pool of the
// best scored candidates, and `how -n 1` must show the first of `how`. A
// familiar program's command scored below more than twenty of a rare
// tool's is lifted first by its prior, whatever the limit.
func TestFirstResultsDoNotDependOnLimit(t *testing.T) {
	var snips []snippet.Snippet
	for i := range 24 {
		snips = append(snips, snippet.Snippet{Command: fmt.Sprintf("zzctl reload --config config%d.yml --timeout 30 --retries 4 --verbose", i), Description: "Reload config", Tool: "zzctl", Source: "zzctl.md", Line: i + 1})
	}
	snips = append(snips, snippet.Snippet{Command: "nginx -s reload", Description: "Reload the config of the running server, gracefully", Tool: "nginx", Source: "nginx.md", Line: 1})
	snips = append(snips, filler(200, "")...)
	ix := buildIndex(t, snips)
	ranked := func(limit int) []string {
		res, err := Run(ix, Query{Words: []string{"reload", "config"}, Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		return commands(res)
	}
	all := ranked(DefaultLimit)
	if len(all) == 0 || all[0] != "nginx -s reload" {
		t.Fatalf("ranked %q; want nginx -s reload first", all)
	}
	for limit := 1; limit < DefaultLimit; limit++ {
		if got := ranked(limit); !slices.Equal(got, all[:limit]) {
			t.Errorf("limit %d ranked %q; want the first %d of %q", limit, got, limit, all)
		}
	}
}

// TestWordForms: the stemmer makes one term of stop and stopped; the form
// typed says which is meant. Asked to remove stopped containers, the
// command that removes the stopped ones comes before the one that stops
// and removes them all, though that one is first on its page and shorter.
func TestWordForms(t *testing.T) {
	snips := []snippet.Snippet{
		{Command: "ctr down", Description: "Stop and remove all containers", Tool: "ctr", Source: "ctr.md", Line: 1},
		{Command: "ctr container prune --force", Description: "Remove all stopped containers", Tool: "ctr", Source: "ctr.md", Line: 2},
		{Command: "ctr start web", Description: "Start a stopped container", Tool: "ctr", Source: "ctr.md", Line: 3},
	}
	snips = append(snips, filler(50, "")...)
	ix := buildIndex(t, snips)
	for _, tt := range []struct{ query, want string }{
		{"remove stopped containers", "ctr container prune --force"},
		{"stop and remove containers", "ctr down"},
	} {
		res, err := Run(ix, Query{Words: strings.Fields(tt.query), Limit: 3, Explain: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res) == 0 || res[0].Command != tt.want {
			t.Errorf("%s: ranked %q; want %q first", tt.query, commands(res), tt.want)
			continue
		}
		if tt.query == "remove stopped containers" && !strings.Contains(res[1].Explanation, "word forms") {
			t.Errorf("%s: the second's explanation does not show the word forms: %s", tt.query, res[1].Explanation)
		}
	}
}

// TestWeakNeighbourCounts: the vocabulary's figure for computer and
// machine is small (computer is mostly translated as calculator), and
// still "restart the computer" is reboot's, not a unit's restart.
func TestWeakNeighbourCounts(t *testing.T) {
	snips := []snippet.Snippet{
		{Command: "sudo reboot", Description: "Reboot the machine now", Tool: "reboot", Source: "reboot.md", Line: 1},
	}
	for i := range 6 {
		snips = append(snips, snippet.Snippet{Command: fmt.Sprintf("systemctl restart unit%d", i), Description: fmt.Sprintf("Restart unit number %d", i), Tool: "systemctl", Source: "systemctl.md", Line: i + 1})
	}
	snips = append(snips, filler(100, " on the computer")...)
	ix := buildIndex(t, snips)
	res, err := Run(ix, Query{Words: strings.Fields("restart the computer"), Limit: 3, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 || res[0].Command != "sudo reboot" {
		t.Fatalf("ranked %q; want sudo reboot first", commands(res))
	}
	if !strings.Contains(res[0].Explanation, "~machin") {
		t.Errorf("the explanation does not show the neighbour: %s", res[0].Explanation)
	}

	// Where only what reboot is for (the tool list: "restart machine
	// system") says machine, the neighbour reaches it there, though one
	// rare command's program is called restart: a word names a program
	// when that program's commands are a fair share of where it is.
	snips[0].Description = "Reboot now"
	snips = append(snips, snippet.Snippet{Command: "restart", Description: "Restart the current shell", Tool: "restart", Source: "restart.md", Line: 1})
	ix = buildIndex(t, snips)
	if res, err = Run(ix, Query{Words: strings.Fields("restart the computer"), Limit: 3, Explain: true}); err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 || res[0].Command != "sudo reboot" {
		t.Fatalf("with a program called restart: ranked %q; want sudo reboot first", commands(res))
	}
}

// filler is n commands of as many rare programs, each its own, for the
// statistics of a collection around a test's few commands; their
// descriptions end with tail.
func filler(n int, tail string) []snippet.Snippet {
	out := make([]snippet.Snippet, n)
	for i := range out {
		out[i] = snippet.Snippet{Command: fmt.Sprintf("tool%d run", i), Description: fmt.Sprintf("Run job number %d%s", i, tail),
			Tool: fmt.Sprintf("tool%d", i), Source: "other.md", Line: i + 1}
	}
	return out
}
