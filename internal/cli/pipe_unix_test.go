//go:build unix

package cli_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestClosedPipe: a reader that stops early (how tar | head -1) is not an
// error. how exits 0 without a word on stderr, whether the pipe was closed
// before it wrote anything or while it was writing, so that a
// `set -o pipefail` script gets the same status every time.
func TestClosedPipe(t *testing.T) {
	if testing.Short() {
		t.Skip("runs how processes")
	}
	t.Parallel()
	s := newSandbox(t)
	s.setenv("HOW_NO_BUNDLED", "")
	if r := s.run("index"); r.code != 0 {
		t.Fatalf("how index: %+v", r)
	}

	for _, args := range [][]string{{"journalctl", "follow"}, {"-n", "50", "log"}, {"show", "journalctl"}, {"sources"}, {"--json", "-n", "50", "log"}} {
		t.Run("closed before writing: "+strings.Join(args, " "), func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			r.Close()
			defer w.Close()
			cmd := s.command(args...)
			var stderr strings.Builder
			cmd.Stdout, cmd.Stderr = w, &stderr
			err = cmd.Run()
			if err != nil || stderr.Len() > 0 {
				t.Errorf("how %s into a closed pipe: %v, stderr %q; want exit 0 and silence", strings.Join(args, " "), err, stderr.String())
			}
		})
	}

	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash for the pipelines")
	}
	for _, tt := range []struct{ pipeline, want string }{
		{"how journalctl follow | head -1", "journalctl -u nginx -f\n"},
		{"how show journalctl | head -1", "journalctl\n"},
		{"how -n 50 log | head -c 0", ""},
	} {
		t.Run(tt.pipeline, func(t *testing.T) {
			cmd := exec.Command(bash, "-c", "set -o pipefail; "+strings.Replace(tt.pipeline, "how ", s.bin+" ", 1))
			cmd.Env, cmd.Dir = s.env, s.root
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil || stdout.String() != tt.want || stderr.Len() > 0 {
				t.Errorf("%s: %v, stdout %q, stderr %q; want exit 0 and %q", tt.pipeline, err, stdout.String(), stderr.String(), tt.want)
			}
		})
	}
}
