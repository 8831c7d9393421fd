package cli_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/howcli/how/internal/cli"
)

// TestEnvironmentDocumented: every HOW_ variable how reads, or a widget
// script sets for it, is a heading in how help environment. Variables
// only the tests read are found in _test.go files, which are skipped.
func TestEnvironmentDocumented(t *testing.T) {
	var env string
	for _, topic := range cli.Topics {
		if topic.Name == "environment" {
			env = topic.Long
		}
	}
	documented := map[string]bool{}
	for _, l := range strings.Split(env, "\n") {
		if l != "" && !strings.HasPrefix(l, " ") {
			for _, name := range strings.Split(l, ", ") {
				documented[strings.TrimSpace(name)] = true
			}
		}
	}
	// In Go, a quoted name; in the widgets, any mention.
	goName := regexp.MustCompile(`"(HOW_[A-Z_]+)"`)
	scriptName := regexp.MustCompile(`\bHOW_[A-Z_]+\b`)
	root := filepath.Join("..", "..")
	var missing []string
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == "testdata" || strings.HasPrefix(name, ".") && path != root {
				return filepath.SkipDir
			}
			return nil
		}
		var names [][]string
		switch base := d.Name(); {
		case strings.HasSuffix(base, ".go") && !strings.HasSuffix(base, "_test.go"):
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			names = goName.FindAllStringSubmatch(string(data), -1)
		case strings.HasPrefix(base, "widget.") && filepath.Base(filepath.Dir(path)) == "completions":
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, n := range scriptName.FindAllString(string(data), -1) {
				names = append(names, []string{n, n})
			}
		}
		for _, n := range names {
			if !documented[n[1]] && !seen[n[1]] {
				seen[n[1]] = true
				missing = append(missing, n[1]+" ("+path+")")
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Errorf("not in how help environment: %s", strings.Join(missing, ", "))
	}
}
