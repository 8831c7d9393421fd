// Package golden compares what a test produced with a file kept under
// testdata, and rewrites the file instead when the test runs with
// -update. Only tests import it.
package golden

import (
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files from the current output")

// Check fails t unless the file at path holds got; with -update it writes
// got there instead.
func Check(t testing.TB, path, got string) {
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
		t.Errorf("%s differs (go test -update rewrites it if the change is intended)\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}
