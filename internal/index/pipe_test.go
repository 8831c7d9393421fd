package index

import (
	"path/filepath"
	"testing"

	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/vocab"
)

func notes(cmds ...string) []snippet.Snippet {
	var out []snippet.Snippet
	for i, c := range cmds {
		out = append(out, snippet.Snippet{Command: c, Tool: snippet.ToolOf(c), Origin: snippet.OriginNotes, Source: "n.md", Line: i + 1})
	}
	return out
}

// TestPipeEvidence: which programs read a pipe, and how many operands
// they keep there, come from the commands themselves.
func TestPipeEvidence(t *testing.T) {
	snips := notes(
		"ps aux | grep nginx",
		"kubectl get pods | grep -c Running | wc -l",
		"cat access.log | grep 404 | wc -l",
		"echo hi | sudo tee /etc/motd",
		"dmesg | tee boot.log",
		"cat app.log | sort | uniq -c",
		"grep -r TODO src/",
		"wc -l data.csv",
		"ps aux",
		"cat notes.txt",
		"tee out.log",
		"for f in *; do echo $f; done",
		"curl -L https://x/y.patch | git am",
		"git am fix.patch",
		"git blame main.go",
		"journalctl -u nginx -f",
	)
	entries := Merge(snips)
	want := map[string]vocab.Pipe{
		"ps aux | grep nginx":                        {Pipeline: true, Writes: true},
		"kubectl get pods | grep -c Running | wc -l": {Pipeline: true, Writes: true},
		"cat access.log | grep 404 | wc -l":          {Pipeline: true, Writes: true},
		"grep -r TODO src/":                          {Reads: true, Operands: 1},
		"wc -l data.csv":                             {Reads: true},
		"ps aux":                                     {Writes: true},
		"cat notes.txt":                              {Writes: true}, // cat starts pipelines more than it follows a |
		"tee out.log":                                {Reads: true, Operands: 1},
		"for f in *; do echo $f; done":               {},
		// git am reads a pipe; git blame, another subcommand the tool
		// list knows, is told apart.
		"git am fix.patch":  {Reads: true},
		"git blame main.go": {},
		// Never in a pipeline: nothing is known either way.
		"journalctl -u nginx -f": {},
	}
	for _, e := range entries {
		w, ok := want[e.Snippet.Command]
		if !ok {
			continue
		}
		if e.Pipe != w {
			t.Errorf("%q: %+v, want %+v", e.Snippet.Command, e.Pipe, w)
		}
		// Only a program shown to write pipes, and not itself a
		// pipeline, is unfit after a |.
		if unfit := w.Writes && !w.Reads && !w.Pipeline; e.Pipe.Fits() == unfit {
			t.Errorf("%q: Fits() = %v", e.Snippet.Command, e.Pipe.Fits())
		}
	}
	// An index works it out as Merge does, from what it stores.
	dir := filepath.Join(t.TempDir(), "idx")
	if err := Build(dir, snips); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for i := range entries {
		d, err := ix.Entry(docID(nil, uint64(i)))
		if err != nil || d.Snippet.Command != entries[i].Snippet.Command || d.Pipe != entries[i].Pipe {
			t.Errorf("%q: stored %q %+v, %v; want %+v", entries[i].Snippet.Command, d.Snippet.Command, d.Pipe, err, entries[i].Pipe)
		}
	}
}
