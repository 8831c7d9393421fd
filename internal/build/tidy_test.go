package build

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestModTidy: go.mod and go.sum are what `go mod tidy` makes them. A
// package imported directly but marked indirect, or a requirement nothing
// imports any more, is caught here, in `make test` and so in CI, rather
// than by the next person who happens to run tidy. Without a go command,
// or when tidy cannot reach the module proxy, the test skips.
func TestModTidy(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	gomod, err := exec.Command(goBin, "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(gomod)) == "" {
		t.Skipf("no module: %v", err)
	}
	dir := filepath.Dir(strings.TrimSpace(string(gomod)))
	// Read here so that go test's cache knows the result depends on them:
	// it does not see what the go command below reads.
	for _, f := range []string{"go.mod", "go.sum"} {
		if _, err := os.ReadFile(filepath.Join(dir, f)); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(goBin, "mod", "tidy", "-diff")
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	switch err := cmd.Run(); {
	case err == nil:
	case stdout.Len() > 0:
		t.Errorf("go.mod or go.sum is not tidy; run `go mod tidy`:\n%s", stdout.String())
	default:
		t.Skipf("go mod tidy -diff did not run: %v\n%s", err, stderr.String())
	}
}
