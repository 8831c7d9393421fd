package cmdutil

import "github.com/howcli/how/internal/render"

// Tilde shows path with the home directory as "~", as people write it,
// for messages; the path itself is unchanged when it is not under home.
func Tilde(path string) string { return render.Tilde(path) }
