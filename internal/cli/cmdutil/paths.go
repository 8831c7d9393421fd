package cmdutil

import (
	"os"
	"path/filepath"
	"strings"
)

// Tilde shows path with the home directory as "~", as people write it,
// for messages; the path itself is unchanged when it is not under home.
func Tilde(path string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return path
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if abs == home {
		return "~"
	}
	if rest, ok := strings.CutPrefix(abs, home+string(filepath.Separator)); ok {
		return "~" + string(filepath.Separator) + rest
	}
	return path
}
