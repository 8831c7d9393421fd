// Package testfiles is what tests do with the files they keep or borrow:
// compare output with a golden file (rewritten with -update), and read
// JSON Lines fixtures and yardsticks. Only tests import it.
package testfiles

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files and script comparisons from the current output")

// Update reports whether the test runs with -update, for tests that
// rewrite their expectations their own way (testscript's cmp targets).
func Update() bool { return *update }

// Golden fails t unless the file at path holds got; with -update it writes
// got there instead.
func Golden(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (go test -update rewrites it if the change is intended):\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff shows the lines only one side has, enough to see what changed.
func lineDiff(want, got string) string {
	w := map[string]bool{}
	for _, l := range strings.Split(want, "\n") {
		w[l] = true
	}
	g := map[string]bool{}
	for _, l := range strings.Split(got, "\n") {
		g[l] = true
	}
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}

// JSONL reads a JSON Lines file, one T per non-blank line. A file that
// cannot be opened is the error (the caller decides whether that skips
// the test); a line that does not decode fails t.
func JSONL[T any](t testing.TB, path string) ([]T, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out, nil
}
