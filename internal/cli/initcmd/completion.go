package initcmd

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/shell"
)

// CompletionOptions are completion's inputs.
type CompletionOptions struct {
	IO     *iostreams.IOStreams
	Shell  string
	NoDesc bool
	// Write writes the script for a shell.
	Write func(shell string, noDesc bool, w io.Writer) error
}

// completionShells are the shells cobra writes completion for.
var completionShells = []string{"bash", "zsh", "fish", "powershell"}

// NewCmdCompletion returns `how completion SHELL`: the tab completion
// script alone, for those who load the widget some other way, or none.
// It replaces cobra's own completion command, whose bash script needs the
// bash-completion package. runF replaces writing the script in tests.
func NewCmdCompletion(f *cmdutil.Factory, runF func(*CompletionOptions) error) *cobra.Command {
	opts := &CompletionOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "completion SHELL",
		Short: "Print the tab completion script for SHELL",
		Long: strings.TrimSpace(`
Print the tab completion script for SHELL (bash, zsh, fish or powershell):
subcommands, flags, and how show's NAME from the index. how init SHELL
prints it too, after the widget; use this one for completion alone.

    bash, ~/.bashrc:                   source <(how completion bash)
    zsh, ~/.zshrc (after compinit):    source <(how completion zsh)
    fish:                              how completion fish | source
    PowerShell, $PROFILE:              how completion powershell | Out-String | Invoke-Expression

The bash script works with or without the bash-completion package. The
same scripts are in the completions folder of how's source, for packagers
(bash-completion's completions directory, zsh's fpath as _how, fish's
vendor_completions.d). nushell has no completion script.`),
		ValidArgs:   completionShells,
		Annotations: map[string]string{cmdutil.AnnotationNoConfig: "true"},
		// The shape: one shell's name.
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cmdutil.FlagErrorf("completion needs one SHELL: %s", strings.Join(completionShells, ", "))
			}
			if _, ok := shell.Canonical(args[0]); !ok {
				return cmdutil.FlagErrorf("unknown shell %q: want %s", args[0], strings.Join(completionShells, ", "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			name, _ := shell.Canonical(args[0])
			if name == "nu" {
				return cmdutil.FlagErrorf("no completion script for nushell (cobra writes none); how init nu gives its widget")
			}
			opts.Shell = name
			if opts.Write == nil {
				root := cmd.Root()
				opts.Write = func(sh string, noDesc bool, w io.Writer) error { return completion(root, sh, noDesc, w) }
			}
			if runF != nil {
				return runF(opts)
			}
			return opts.Write(opts.Shell, opts.NoDesc, opts.IO.Out)
		},
	}
	cmd.Flags().BoolVar(&opts.NoDesc, "no-descriptions", false, "leave out the descriptions of the completions")
	return cmd
}
