package cli_test

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/howcli/how/internal/cli"
)

var update = flag.Bool("update", false, "rewrite cmp targets in testdata/script")

// TestMain lets the test binary act as `how` inside scripts: cli.Main runs
// in a fresh process, exactly as cmd/how runs it.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"how": func() { os.Exit(cli.Main()) },
	})
}

func TestScripts(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end scripts skipped with -short")
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *update,
		Setup: func(e *testscript.Env) error {
			// Every path how uses lands in $WORK, and nothing from the
			// developer's environment leaks in.
			e.Setenv("HOW_CACHE_DIR", filepath.Join(e.WorkDir, ".cache", "how"))
			e.Setenv("HOW_CONFIG_DIR", filepath.Join(e.WorkDir, ".config", "how"))
			e.Setenv("HOME", filepath.Join(e.WorkDir, "home"))
			for _, k := range []string{"HOW_PATH", "HOW_NO_BUNDLED", "HOW_FORCE_TTY", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "COLUMNS"} {
				e.Setenv(k, "")
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":     cmdExits,
			"writebyte": cmdWriteBytes,
			"sparse":    cmdSparse,
			"jsonarray": cmdJSONArray,
		},
	})
}

// exits CODE PROG ARGS... runs PROG like exec and checks its exit status
// exactly, since how's statuses (0, 1, 2, 130) each mean something.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad code %q", args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("exits: %v", err)
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

// writebyte FILE TEXT writes TEXT, with Go escapes such as \x00 and \xff
// decoded, so scripts can make binary and broken files that a .txtar
// cannot hold.
func cmdWriteBytes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: writebyte FILE TEXT")
	}
	text, err := strconv.Unquote(`"` + args[1] + `"`)
	if err != nil {
		ts.Fatalf("writebyte: %v", err)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(text), 0o644))
}

// sparse MiB FILE makes a file that large without writing (or storing) its
// bytes.
func cmdSparse(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: sparse MiB FILE")
	}
	mib, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("sparse: bad size %q", args[0])
	}
	f, err := os.Create(ts.MkAbs(args[1]))
	ts.Check(err)
	ts.Check(f.Truncate(int64(mib) << 20))
	ts.Check(f.Close())
}

// jsonarray MAX KEY... checks that stdout is a JSON array of at most MAX
// objects, each with every KEY; "tags" must moreover be an array.
func cmdJSONArray(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: jsonarray MAX [KEY...]")
	}
	max, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("jsonarray: bad count %q", args[0])
	}
	var arr []map[string]any
	if err := json.Unmarshal([]byte(ts.ReadFile("stdout")), &arr); err != nil {
		ts.Fatalf("stdout is not a JSON array: %v", err)
	}
	if len(arr) == 0 || len(arr) > max {
		ts.Fatalf("JSON array has %d elements, want 1 to %d", len(arr), max)
	}
	for i, obj := range arr {
		for _, k := range args[1:] {
			v, ok := obj[k]
			if !ok {
				ts.Fatalf("element %d has no %q: %v", i, k, obj)
			}
			if k == "tags" {
				if _, ok := v.([]any); !ok {
					ts.Fatalf("element %d: tags is %v, not an array", i, v)
				}
			}
		}
	}
	ts.Logf("%d results: first %s", len(arr), strings.TrimSpace(arr[0]["command"].(string)))
}
