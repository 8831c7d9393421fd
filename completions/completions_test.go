package completions_test

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/howcli/how/completions"
	"github.com/howcli/how/internal/cli"
	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/cli/initcmd"
	"github.com/howcli/how/internal/iostreams"
)

var update = flag.Bool("update", false, "rewrite the completion scripts")

// TestCompletionsUpToDate: the completion scripts in this folder are what
// cobra makes of the command tree now (make completions writes them).
func TestCompletionsUpToDate(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	root := cli.NewCmdRoot(cmdutil.New(ios))
	for shell, file := range completions.Files {
		var b bytes.Buffer
		if err := initcmd.Completion(root, shell, &b); err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run make completions)", err)
		}
		if !bytes.Equal(got, b.Bytes()) {
			t.Errorf("completions/%s is out of date: run make completions", file)
		}
	}
}

func TestWidget(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell", "nu"} {
		if b, err := completions.Widget(shell); err != nil || !bytes.Contains(b, []byte("__how_widget")) {
			t.Errorf("%s: %v", shell, err)
		}
	}
	if _, err := completions.Widget("tcsh"); err == nil {
		t.Error("tcsh has a widget")
	}
}
