package cli_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/howcli/how/internal/cli"
	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/clipboard"
	"github.com/howcli/how/internal/testfiles"
	"github.com/howcli/how/internal/xvfbtest"
)

// TestMain lets the test binary act as `how` inside scripts: cli.Main runs
// in a fresh process, exactly as cmd/how runs it.
//
// how-fakeclip is how with a clipboard that appends what it is given to
// the file $HOW_TEST_CLIPBOARD and says it used "fakeclip": for scripts
// that check what -c copies without a display or a terminal to copy to.
func TestMain(m *testing.M) {
	cmds := map[string]func(){
		"how": func() { os.Exit(cli.Main()) },
		"how-fakeclip": func() {
			os.Exit(cli.MainWith(func(f *cmdutil.Factory) {
				f.Copy = func(text string) (clipboard.Delivery, error) {
					file, err := os.OpenFile(os.Getenv("HOW_TEST_CLIPBOARD"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
					if err != nil {
						return clipboard.Delivery{}, err
					}
					defer file.Close()
					_, err = file.WriteString(text)
					return clipboard.With("fakeclip"), err
				}
			}))
		},
	}
	for name, f := range extraCommands {
		cmds[name] = f
	}
	testscript.Main(m, cmds)
}

// extraCommands are more commands the test binary can act as, registered
// by the files of one platform.
var extraCommands = map[string]func(){}

func TestScripts(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end scripts skipped with -short")
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       testfiles.Update(),
		Setup: func(e *testscript.Env) error {
			// Every path how uses lands in $WORK, and nothing from the
			// developer's environment leaks in.
			e.Setenv("HOW_CACHE_DIR", filepath.Join(e.WorkDir, ".cache", "how"))
			e.Setenv("HOW_CONFIG_DIR", filepath.Join(e.WorkDir, ".config", "how"))
			e.Setenv("HOME", filepath.Join(e.WorkDir, "home"))
			for _, k := range []string{"HOW_PATH", "HOW_NO_BUNDLED", "HOW_FORCE_TTY", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "COLUMNS",
				"SSH_TTY", "SSH_CONNECTION", "TMUX", "STY", "DISPLAY", "WAYLAND_DISPLAY", "TERM"} {
				e.Setenv(k, "")
			}
			e.Setenv("HOW_TEST_CLIPBOARD", filepath.Join(e.WorkDir, "clipboard"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":     cmdExits,
			"searches":  cmdSearches,
			"writebyte": cmdWriteBytes,
			"sparse":    cmdSparse,
			"jsonarray": cmdJSONArray,
			"xvfb":      cmdXvfb,
			"clipboard": cmdClipboard,
			"safe":      cmdSafe,
			"tldrserve": cmdTldrServe,
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
	if got := execStatus(ts, args[1], args[2:]...); got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

// execStatus runs prog like exec and returns its exit status, whatever
// it is.
func execStatus(ts *testscript.TestScript, prog string, args ...string) int {
	err := ts.Exec(prog, args...)
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return ee.ExitCode()
	case err != nil:
		ts.Fatalf("%s: %v", prog, err)
	}
	return 0
}

// searches WORD... checks that `how WORD...` is a search, exactly as
// `how -- WORD...` is: the same stdout, stderr and exit status. (A line
// that is no subcommand's shape is a question, however it starts.) The
// first run's stdout and stderr are left for the next commands to check.
func cmdSearches(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: searches WORD...")
	}
	run := func(args []string) (stdout, stderr string, code int) {
		code = execStatus(ts, "how", args...)
		return ts.ReadFile("stdout"), ts.ReadFile("stderr"), code
	}
	asQuery, asQueryErr, asQueryCode := run(append([]string{"--"}, args...))
	out, errOut, code := run(args)
	if out != asQuery || errOut != asQueryErr || code != asQueryCode {
		line := strings.Join(args, " ")
		ts.Fatalf("how %s: exit %d, stdout %q, stderr %q;\nhow -- %s: exit %d, stdout %q, stderr %q",
			line, code, out, errOut, line, asQueryCode, asQuery, asQueryErr)
	}
}

// writebyte FILE TEXT writes TEXT, with Go escapes such as \x00 and \xff
// decoded (in FILE's name too; \x22 is a double quote), so scripts can
// make binary and hostile files that a .txtar cannot hold.
func cmdWriteBytes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: writebyte FILE TEXT")
	}
	var decoded [2]string
	for i, a := range args {
		s, err := strconv.Unquote(`"` + a + `"`)
		if err != nil {
			ts.Fatalf("writebyte: %v", err)
		}
		decoded[i] = s
	}
	path := ts.MkAbs(decoded[0])
	ts.Check(os.MkdirAll(filepath.Dir(path), 0o755))
	ts.Check(os.WriteFile(path, []byte(decoded[1]), 0o644))
}

// xvfb starts a private X server for the rest of the script and sets
// DISPLAY to it, so that how -c goes through a real xclip. The script
// should skip first when Xvfb or xclip is missing.
func cmdXvfb(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: xvfb")
	}
	display, stop, err := xvfbtest.Start()
	ts.Check(err)
	ts.Defer(stop)
	ts.Setenv("DISPLAY", display)
}

// clipboard FILE checks that the X clipboard holds FILE's bytes. xclip
// serves the selection from a process of its own, which may still be
// taking ownership when how returns, so it reads until they match or 3 s
// have passed.
func cmdClipboard(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: clipboard FILE")
	}
	want := ts.ReadFile(args[0])
	var got []byte
	var err error
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		cmd := exec.Command("xclip", "-o", "-selection", "clipboard")
		cmd.Env = append(os.Environ(), "DISPLAY="+ts.Getenv("DISPLAY"))
		if got, err = cmd.Output(); err == nil && string(got) == want {
			return
		}
	}
	ts.Fatalf("clipboard holds %q (%v), want %q", got, err, want)
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
// objects, each with every KEY; "tags" and "also" must moreover be arrays,
// and no value anywhere is null (a field that holds a list is always an
// array). MAX 0 means the array must be empty.
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
	if max == 0 {
		if len(arr) != 0 || strings.TrimSpace(ts.ReadFile("stdout")) != "[]" {
			ts.Fatalf("stdout is %q, want []", ts.ReadFile("stdout"))
		}
		return
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
			if k == "tags" || k == "also" {
				if _, ok := v.([]any); !ok {
					ts.Fatalf("element %d: %s is %v, not an array", i, k, v)
				}
			}
		}
		if path := nullIn(obj, ""); path != "" {
			ts.Fatalf("element %d: %s is null", i, path)
		}
	}
	ts.Logf("%d results: first %s", len(arr), strings.TrimSpace(arr[0]["command"].(string)))
}

// nullIn is the path of the first null value in v, or "".
func nullIn(v any, path string) string {
	switch v := v.(type) {
	case nil:
		return path
	case map[string]any:
		for k, x := range v {
			if p := nullIn(x, path+"."+k); p != "" {
				return p
			}
		}
	case []any:
		for i, x := range v {
			if p := nullIn(x, fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p
			}
		}
	}
	return ""
}

var sgrRe = regexp.MustCompile("\x1b\\[[0-9;]*m")

// safe [-sgr] stdout|stderr|FILE checks that what a command wrote could not
// drive a terminal: no escape sequence (with -sgr, none but colour), no
// control character but newline and tab, no C1 control, no bidirectional
// override.
func cmdSafe(ts *testscript.TestScript, neg bool, args []string) {
	sgr := len(args) > 0 && args[0] == "-sgr"
	if sgr {
		args = args[1:]
	}
	if neg || len(args) != 1 {
		ts.Fatalf("usage: safe [-sgr] stdout|stderr|FILE")
	}
	text := ts.ReadFile(args[0])
	if sgr {
		text = sgrRe.ReplaceAllString(text, "")
	}
	for i, r := range text {
		bad := r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
		if bad {
			from := max(0, i-20)
			ts.Fatalf("%s holds %U at byte %d: %q", args[0], r, i, text[from:min(len(text), i+20)])
		}
	}
}
