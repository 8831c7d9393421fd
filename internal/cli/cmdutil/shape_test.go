package cmdutil

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestExplicitArgs: a command that writes or opens something runs alone,
// or with -- or a flag of its own; words alone are a question, and so are
// words after a flag it only inherits.
func TestExplicitArgs(t *testing.T) {
	for args, want := range map[string]bool{
		"":                         true,
		"--":                       true,
		"-- user to group":         true,
		"-d x user to group":       true,
		"user -d x":                true,
		"user to group":            false,
		"--color never user group": false,
		"user --color=never":       false,
	} {
		root := &cobra.Command{Use: "how"}
		root.PersistentFlags().String("color", "", "")
		ran := false
		sub := &cobra.Command{Use: "add", Args: ExplicitArgs("not add's"), RunE: func(*cobra.Command, []string) error { ran = true; return nil }}
		sub.Flags().StringP("description", "d", "", "")
		root.AddCommand(sub)
		root.SetArgs(append([]string{"add"}, strings.Fields(args)...))
		root.SilenceErrors, root.SilenceUsage = true, true
		err := root.Execute()
		if ran != want || (err == nil) != want {
			t.Errorf("add %s: ran %v, err %v; want ran %v", args, ran, err, want)
		}
	}
}
