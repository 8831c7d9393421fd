package shell_test

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// world is what the end-to-end tests share: a how binary built from this
// tree, the test notes and a warm index of them.
var world struct {
	bin    string // the how binary
	bindir string // holds only how
	notes  string // HOW_PATH
	cache  string // HOW_CACHE_DIR, the index built once
	err    error  // why the world could not be made
}

// TestMain builds how (the real binary, as users run it: the widget's
// round trip is measured on it) and indexes the test notes, unless the
// tests run with -short, which skips everything that needs them.
func TestMain(m *testing.M) {
	flag.Parse()
	var tmp string
	if !testing.Short() {
		tmp, world.err = os.MkdirTemp("", "how-shell-test")
		if world.err == nil {
			world.err = makeWorld(tmp)
		}
	}
	code := m.Run()
	if tmp != "" {
		os.RemoveAll(tmp)
	}
	os.Exit(code)
}

func makeWorld(tmp string) error {
	world.bindir = filepath.Join(tmp, "bin")
	world.bin = filepath.Join(world.bindir, "how")
	if runtime.GOOS == "windows" {
		world.bin += ".exe"
	}
	if bin := os.Getenv("HOW_TEST_BINARY"); bin != "" {
		// make bench passes the binary it built, with its flags.
		if err := os.MkdirAll(world.bindir, 0o755); err != nil {
			return err
		}
		abs, err := filepath.Abs(bin)
		if err != nil {
			return err
		}
		if err := os.Symlink(abs, world.bin); err != nil {
			return err
		}
	} else {
		build := exec.Command("go", "build", "-o", world.bin, "github.com/howcli/how/cmd/how")
		if out, err := build.CombinedOutput(); err != nil {
			return fmt.Errorf("go build: %v\n%s", err, out)
		}
	}
	notes, err := filepath.Abs(filepath.Join("testdata", "notes"))
	if err != nil {
		return err
	}
	world.notes = notes
	world.cache = filepath.Join(tmp, "cache")
	index := exec.Command(world.bin, "index")
	index.Env = howEnv(tmp)
	if out, err := index.CombinedOutput(); err != nil {
		return fmt.Errorf("how index: %v\n%s", err, out)
	}
	return nil
}

// howEnv is the environment how runs in: the test notes only, the shared
// cache, a home of its own.
func howEnv(home string) []string {
	return []string{
		"HOME=" + home,
		"LANG=C.UTF-8",
		"PATH=" + world.bindir + string(os.PathListSeparator) + "/usr/local/bin:/usr/bin:/bin",
		"HOW_NO_BUNDLED=1",
		"HOW_PATH=" + world.notes,
		"HOW_CACHE_DIR=" + world.cache,
		"HOW_CONFIG_DIR=" + filepath.Join(home, "config"),
	}
}

// needWorld skips a test under -short and fails it when the world could
// not be made.
func needWorld(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs how; skipped with -short")
	}
	if world.err != nil {
		t.Fatal(world.err)
	}
}
