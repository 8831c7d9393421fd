package render

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
	if rest, ok := inside(abs, home); ok {
		return "~" + string(filepath.Separator) + rest
	}
	return path
}

// ShortPath names a source file for a person: relative to the working
// folder when it is inside it, else from "~" when it is in the home
// folder, else as it is. Snippets cite their files by absolute path, so
// that the index means the same file from any folder; on a screen, the
// short form is the one the user typed.
func ShortPath(path string) string {
	if !filepath.IsAbs(path) {
		return path
	}
	if wd, err := os.Getwd(); err == nil {
		if rest, ok := inside(path, wd); ok {
			return rest
		}
	}
	return Tilde(path)
}

// inside returns path relative to dir when path is below dir.
func inside(path, dir string) (string, bool) {
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	rest, ok := strings.CutPrefix(path, dir)
	return rest, ok && rest != ""
}
