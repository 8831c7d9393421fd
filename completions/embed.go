// Package completions holds how's shell scripts, embedded in the binary:
// the key-binding widgets (widget.*, written by hand), which how init
// prints; compat.bash, which makes cobra's bash completion work without
// the bash-completion package; and the tab-completion scripts (how.bash,
// _how, how.fish, how.ps1), generated from cobra's by `make completions`
// for packagers to install; a test fails when they are out of date.
//
// It is a package of its own because go:embed cannot reach a parent
// folder, and packagers expect the scripts at the top of the tree.
package completions

import (
	"embed"
	"fmt"
)

//go:embed widget.bash widget.zsh widget.fish widget.ps1 widget.nu
var widgets embed.FS

//go:embed compat.bash
var bashCompat []byte

// BashCompat is what cobra's bash completion borrows from the
// bash-completion package, for shells without it (see compat.bash).
func BashCompat() []byte { return bashCompat }

// Widget returns the widget script for shell: bash, zsh, fish, powershell
// or nu.
func Widget(shell string) ([]byte, error) {
	name, ok := widgetFiles[shell]
	if !ok {
		return nil, fmt.Errorf("no widget for shell %q", shell)
	}
	return widgets.ReadFile(name)
}

var widgetFiles = map[string]string{
	"bash":       "widget.bash",
	"zsh":        "widget.zsh",
	"fish":       "widget.fish",
	"powershell": "widget.ps1",
	"nu":         "widget.nu",
}

// Files are the generated completion scripts, by shell, as `make
// completions` writes them.
var Files = map[string]string{
	"bash":       "how.bash",
	"zsh":        "_how",
	"fish":       "how.fish",
	"powershell": "how.ps1",
}
