package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/howcli/how/internal/safefile"
)

// AppendSources adds one [[source]] table for each of sources to
// config.toml in dir, under a comment saying note, and returns the file's
// path. It creates the file (and dir) when there is none. What the file
// holds already, comments and layout included, is kept byte for byte:
// the tables are appended, never merged in, and the result is read back
// before it is written, so a file it cannot safely add to is left as it
// is, with an error saying why. Paths under home are written with "~".
func AppendSources(dir, home string, sources []Source, note string) (string, error) {
	path := filepath.Join(dir, FileName)
	real, err := safefile.Target(path) // a config kept in a dotfiles repository stays a link
	if err != nil {
		return path, err
	}
	mode := fs.FileMode(0o644)
	old, err := safefile.Read(real, maxSize)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		old = nil
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return path, err
		}
	case err != nil:
		return path, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	default:
		if info, err := os.Stat(real); err == nil {
			mode = info.Mode().Perm()
		}
	}
	before, _, err := parse(path, old, home)
	if err != nil {
		return path, err
	}

	var b bytes.Buffer
	b.Write(old)
	if len(old) == 0 {
		b.WriteString("# how's configuration: see how help config.\n")
	} else if !bytes.HasSuffix(old, []byte("\n")) {
		b.WriteByte('\n')
	}
	b.WriteString("\n# " + strings.Join(strings.Fields(note), " ") + "\n")
	for i, s := range sources {
		if strings.Contains(s.Path, "$") {
			return path, fmt.Errorf("%s: cannot be written to %s: $ in a path there is read as a variable", s.Path, FileName)
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		if c := strings.Join(strings.Fields(s.Comment), " "); c != "" {
			b.WriteString("# " + c + "\n")
		}
		fmt.Fprintf(&b, "[[source]]\npath = %s\n", tomlString(tilde(s.Path, home)))
		if s.Format != "" {
			fmt.Fprintf(&b, "format = %s\n", tomlString(s.Format))
		}
		if len(s.Tags) > 0 {
			quoted := make([]string, len(s.Tags))
			for j, t := range s.Tags {
				quoted[j] = tomlString(t)
			}
			fmt.Fprintf(&b, "tags = [%s]\n", strings.Join(quoted, ", "))
		}
	}
	data := b.Bytes()
	if bytes.Contains(old, []byte("\r\n")) {
		tail := bytes.ReplaceAll(data[len(old):], []byte("\n"), []byte("\r\n"))
		data = append(data[:len(old):len(old)], tail...)
	}

	after, _, err := parse(path, data, home)
	ok := err == nil && len(after.Source) == len(before.Source)+len(sources) && len(after.Sources) == len(before.Sources)
	for i := 0; ok && i < len(sources); i++ {
		ok = filepath.Clean(after.Source[len(before.Source)+i].Path) == filepath.Clean(sources[i].Path)
	}
	if !ok {
		why := "the new tables would not read back as written"
		if err != nil {
			why = err.Error()
		}
		return path, fmt.Errorf("%s: cannot add to it safely (%s); add the sources by hand (see how help config)", path, why)
	}
	if err := safefile.Replace(real, data, mode); err != nil {
		return path, fmt.Errorf("%s: %w", path, err)
	}
	return path, nil
}

// tilde writes a path under home with "~", which Load expands back.
func tilde(p, home string) string {
	if home == "" {
		return p
	}
	if rest, ok := strings.CutPrefix(p, home+string(filepath.Separator)); ok {
		return "~/" + filepath.ToSlash(rest)
	}
	return p
}

// tomlString quotes s for TOML: a literal string when it can be one
// (Windows paths stay readable), else a basic string with escapes.
func tomlString(s string) string {
	if !strings.ContainsAny(s, "'\n\r") && !strings.ContainsFunc(s, unicode.IsControl) {
		return "'" + s + "'"
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case unicode.IsControl(r):
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
