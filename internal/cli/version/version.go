// Package version is `how version`: which build is running.
package version

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/build"
	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
)

// Options are version's inputs.
type Options struct {
	IO    *iostreams.IOStreams
	Build func() build.Info
}

// NewCmdVersion returns `how version`. runF replaces versionRun in tests.
func NewCmdVersion(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Build: build.Read}
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version and the commit how was built from",
		Long: strings.TrimSpace(`
Print the version of how, the commit it was built from (marked "modified"
when the work tree had uncommitted changes), and the Go version that built
it. how --version prints the same line.`),
		Example: "  how version",
		Args:    cobra.NoArgs,
		Annotations: map[string]string{
			// A broken config file must not keep anyone from reporting
			// which build they run.
			cmdutil.AnnotationNoConfig: "true",
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return versionRun(opts)
		},
	}
	return cmd
}

func versionRun(opts *Options) error {
	_, err := fmt.Fprintln(opts.IO.Out, opts.Build())
	return err
}
