package config

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

var tomlErrRe = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// FileName is the config file's name inside the config directory.
const FileName = "config.toml"

// File is what config.toml says. Every field is optional; the zero value
// means "the defaults".
type File struct {
	// Path is where the file was read from; empty when there is none.
	Path string `toml:"-"`
	// Sources are searched besides the bundled sheets: files or folders of
	// notes, tldr pages, cheat sheets and navi cheats.
	Sources []string `toml:"sources"`
	// Bundled includes the sheets built into how (default true).
	Bundled *bool `toml:"bundled"`
	// Limit is how many commands a search shows (default 5).
	Limit int `toml:"limit"`
	// Color is auto, always or never (default auto).
	Color  string `toml:"color"`
	Widget Widget `toml:"widget"`
}

// Widget configures the shell key binding.
type Widget struct {
	// Key is the key the widget is bound to, in the shells' own notation
	// or as "ctrl-g" (default ctrl-g).
	Key string `toml:"key"`
}

// Example is written by nobody but documented in help: a commented config.
const Example = `# how's configuration: $HOW_CONFIG_DIR/config.toml, else ~/.config/how/config.toml
sources = ["~/notes", "~/work/runbooks"]  # searched besides the bundled sheets
bundled = true                            # include the sheets built into how
limit = 5                                 # commands shown by a search
color = "auto"                            # auto, always or never

[widget]
key = "ctrl-g"                            # the shell widget's key
`

// Load reads config.toml from dir. A missing file is no error: the
// defaults apply. A file that cannot be read or parsed is an error naming
// the file and the line; settings it does not know are returned as
// warnings, so a typo is visible but does not stop a search.
func Load(dir, home string) (File, []string, error) {
	path := filepath.Join(dir, FileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return File{}, nil, nil
	}
	if err != nil {
		return File{}, nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	var f File
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return File{}, nil, fmt.Errorf("%s:%d: %s", path, perr.Position.Line, perr.Message)
		}
		// Type mismatches come as plain errors that still name the line.
		if m := tomlErrRe.FindStringSubmatch(err.Error()); m != nil {
			return File{}, nil, fmt.Errorf("%s:%s: %s: %s", path, m[1], m[2], m[3])
		}
		return File{}, nil, fmt.Errorf("%s: %w", path, err)
	}
	f.Path = path
	var warnings []string
	for _, key := range md.Undecoded() {
		warnings = append(warnings, fmt.Sprintf("%s:%d: unknown setting %q (ignored)", path, lineOf(data, key), key.String()))
	}
	if f.Limit < 0 {
		return File{}, nil, fmt.Errorf("%s:%d: limit must be at least 1, not %d", path, lineOf(data, toml.Key{"limit"}), f.Limit)
	}
	switch f.Color {
	case "", "auto", "always", "never":
	default:
		return File{}, nil, fmt.Errorf("%s:%d: color must be auto, always or never, not %q", path, lineOf(data, toml.Key{"color"}), f.Color)
	}
	for i, s := range f.Sources {
		f.Sources[i] = expand(s, home)
	}
	return f, warnings, nil
}

// IncludeBundled reports whether the bundled sheets are searched.
func (f File) IncludeBundled() bool { return f.Bundled == nil || *f.Bundled }

// lineOf finds the line a key is set on, for messages; 0 when not found.
func lineOf(data []byte, key toml.Key) int {
	last := key[len(key)-1]
	table := strings.Join(key[:len(key)-1], ".")
	inTable := table == ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(l, "[") {
			inTable = strings.Trim(l, "[] ") == table
			continue
		}
		if inTable {
			if k, _, ok := strings.Cut(l, "="); ok && strings.Trim(strings.TrimSpace(k), `"'`) == last {
				return n
			}
		}
	}
	return 0
}

// expand resolves ~ and environment variables in a configured path.
func expand(p, home string) string {
	p = os.ExpandEnv(p)
	if p == "~" {
		return home
	}
	if strings.HasPrefix(p, "~/") && home != "" {
		return filepath.Join(home, p[2:])
	}
	return p
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
