// Command gen-man writes how's man pages into a directory (make man:
// docs/man), replacing the pages it wrote before.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/howcli/how/internal/cli"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen-man DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "gen-man:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, err := filepath.Glob(filepath.Join(dir, "how*.1"))
	if err != nil {
		return err
	}
	for _, p := range old {
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	for _, p := range cli.ManPages() {
		if err := os.WriteFile(filepath.Join(dir, p.Name+".1"), []byte(p.Content), 0o644); err != nil {
			return err
		}
	}
	return nil
}
