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
	"slices"
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
	// Source are sources with settings of their own ([[source]] tables):
	// a collection whose format is pinned, a cheatpath's tags. They are
	// searched after Sources.
	Source []Source `toml:"source"`
	// Platform is the tldr platform whose pages win over the others of the
	// same name (default: this machine's).
	Platform string `toml:"platform"`
	// Bundled includes the sheets built into how (default true).
	Bundled *bool `toml:"bundled"`
	// Limit is how many commands a search shows (default 5).
	Limit int `toml:"limit"`
	// Color is auto, always or never (default auto).
	Color  string `toml:"color"`
	Widget Widget `toml:"widget"`
}

// Source is one [[source]] table.
type Source struct {
	// Path is a file or folder, ~ and $VARIABLES expanded.
	Path string `toml:"path"`
	// Format pins how a folder is read: "tldr", "cheat", "navi", or
	// "notes" (never taken for a collection); empty: detected.
	Format string `toml:"format"`
	// Tags are added to every command read from Path, as cheat adds a
	// cheatpath's tags to its sheets.
	Tags []string `toml:"tags"`
	// Line is where the table starts in the file, for messages.
	Line int `toml:"-"`
	// Comment is written above the table by AppendSources.
	Comment string `toml:"-"`
}

// Formats are the values a [[source]] format may take.
var Formats = []string{"tldr", "cheat", "navi", "notes"}

// Platforms are the values platform may take: tldr's platform folders.
var Platforms = []string{"linux", "osx", "macos", "windows", "android", "freebsd", "netbsd", "openbsd", "sunos", "cisco-ios", "dos", "common"}

// Paths are every configured source path, the sources list first.
func (f File) Paths() []string {
	paths := slices.Clone(f.Sources)
	for _, s := range f.Source {
		paths = append(paths, s.Path)
	}
	return paths
}

// Widget configures the shell key bindings.
type Widget struct {
	// Key is the key the widget is bound to, in the shells' own notation
	// or as "ctrl-g" (default ctrl-g).
	Key string `toml:"key"`
	// AddKey is the key that saves the command line as a personal snippet
	// (how add), in the same notations (default alt-i).
	AddKey string `toml:"add_key"`
}

// Example is written by nobody but documented in help: a commented config.
const Example = `# how's configuration: $HOW_CONFIG_DIR/config.toml, else ~/.config/how/config.toml
sources = ["~/notes", "~/work/runbooks"]  # searched besides the bundled sheets
bundled = true                            # include the sheets built into how
limit = 5                                 # commands shown by a search
color = "auto"                            # auto, always or never
platform = "linux"                        # tldr pages that win (default: this machine's)

[widget]
key = "ctrl-g"                            # the shell widget's key
add_key = "alt-i"                         # the key that saves the line (how add)

# A source with settings of its own; how sources --discover adds these.
[[source]]
path = "~/.config/cheat/cheatsheets/personal"
format = "cheat"                          # tldr, cheat, navi or notes (default: detected)
tags = ["personal"]                       # added to every command read from it
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
	return parse(path, data, home)
}

// parse reads a config file's text; path names it in messages.
func parse(path string, data []byte, home string) (File, []string, error) {
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
	if f.Platform != "" && !slices.Contains(Platforms, f.Platform) {
		return File{}, nil, fmt.Errorf("%s:%d: platform must be one of %s, not %q", path, lineOf(data, toml.Key{"platform"}), strings.Join(Platforms, ", "), f.Platform)
	}
	for i, s := range f.Sources {
		f.Sources[i] = expand(s, home)
	}
	tables := arrayTableLines(data, "source")
	for i := range f.Source {
		src := &f.Source[i]
		if i < len(tables) {
			src.Line = tables[i]
		}
		if strings.TrimSpace(src.Path) == "" {
			return File{}, nil, fmt.Errorf("%s:%d: [[source]] needs a path", path, src.Line)
		}
		if src.Format != "" && !slices.Contains(Formats, src.Format) {
			return File{}, nil, fmt.Errorf("%s:%d: format must be %s, not %q", path, keyLine(data, src.Line, "format"), strings.Join(Formats, ", "), src.Format)
		}
		for _, t := range src.Tags {
			if strings.TrimSpace(t) == "" || strings.ContainsAny(t, ",\n") {
				return File{}, nil, fmt.Errorf("%s:%d: tags must be words, not %q", path, keyLine(data, src.Line, "tags"), t)
			}
		}
		src.Path = expand(src.Path, home)
	}
	return f, warnings, nil
}

// arrayTableLines returns the line of each "[[name]]" header, in order.
func arrayTableLines(data []byte, name string) []int {
	var lines []int
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(l, "[[") {
			continue
		}
		head, _, _ := strings.Cut(l[2:], "]]")
		if strings.TrimSpace(head) == name {
			lines = append(lines, n)
		}
	}
	return lines
}

// keyLine finds the line a key is set on in the table that starts on line
// from; from itself when not found.
func keyLine(data []byte, from int, key string) int {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		if n <= from {
			continue
		}
		l := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(l, "[") {
			break
		}
		if k, _, ok := strings.Cut(l, "="); ok && strings.Trim(strings.TrimSpace(k), `"'`) == key {
			return n
		}
	}
	return from
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
