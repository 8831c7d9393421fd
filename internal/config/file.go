package config

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/howcli/how/internal/safefile"
)

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
	data, err := safefile.Read(path, maxSize)
	if errors.Is(err, fs.ErrNotExist) {
		return File{}, nil, nil
	}
	if err != nil {
		return File{}, nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	return parse(path, data, home)
}

// maxSize is the largest config file read. Every setting there is, with a
// hundred [[source]] tables, is a few kilobytes; every query and every
// shell start reads the file, so one of megabytes (50,000 keys) is
// refused before it is parsed rather than cost each of them seconds.
const maxSize = 64 << 10

// maxDepth is the deepest nesting of tables and arrays a config file may
// have. how's settings nest two deep; the TOML library spends memory
// exponential in depth (8,000 nested inline tables: 3 GB), so a file
// nested deeper is refused before it is parsed.
const maxDepth = 16

// parse reads a config file's text; path names it in messages.
func parse(path string, data []byte, home string) (File, []string, error) {
	if line := tooDeep(data); line > 0 {
		return File{}, nil, fmt.Errorf("%s:%d: tables or arrays nested more than %d deep; not read", path, line, maxDepth)
	}
	var f File
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return File{}, nil, fmt.Errorf("%s:%d: %s", path, perr.Position.Line, perr.Message)
		}
		// A value of the wrong type, which the library words for Go
		// programmers ("destination has type slice"): said again in
		// terms of the file.
		var raw map[string]any
		if _, rerr := toml.Decode(string(data), &raw); rerr == nil {
			at := keysAt(data)
			top := func(key toml.Key) int { return lineOf(at, key, 0) }
			if msg := mistyped(raw, reflect.TypeOf(f), nil, at, top); msg != "" {
				return File{}, nil, fmt.Errorf("%s:%s", path, msg)
			}
		}
		return File{}, nil, fmt.Errorf("%s: %w", path, err)
	}
	f.Path = path
	at := keysAt(data)
	warnings := unknownSettings(path, md, at)
	if f.Limit < 1 && defined(md, "limit") {
		return File{}, nil, fmt.Errorf("%s:%d: limit must be at least 1, not %d", path, lineOf(at, toml.Key{"limit"}, 0), f.Limit)
	}
	switch f.Color {
	case "", "auto", "always", "never":
	default:
		return File{}, nil, fmt.Errorf("%s:%d: color must be auto, always or never, not %q", path, lineOf(at, toml.Key{"color"}, 0), f.Color)
	}
	if f.Platform != "" && !slices.Contains(Platforms, f.Platform) {
		return File{}, nil, fmt.Errorf("%s:%d: platform must be one of %s, not %q", path, lineOf(at, toml.Key{"platform"}, 0), strings.Join(Platforms, ", "), f.Platform)
	}
	for i, s := range f.Sources {
		f.Sources[i] = expand(s, home)
	}
	for i := range f.Source {
		src := &f.Source[i]
		src.Line = lineOf(at, toml.Key{"source"}, i)
		if strings.TrimSpace(src.Path) == "" {
			return File{}, nil, fmt.Errorf("%s:%d: [[source]] needs a path", path, src.Line)
		}
		if src.Format != "" && !slices.Contains(Formats, src.Format) {
			return File{}, nil, fmt.Errorf("%s:%d: format must be %s, not %q", path, keyIn(at, src.Line, "format"), strings.Join(Formats, ", "), src.Format)
		}
		for _, t := range src.Tags {
			if strings.TrimSpace(t) == "" || strings.ContainsAny(t, ",\n") {
				return File{}, nil, fmt.Errorf("%s:%d: tags must be words, not %q", path, keyIn(at, src.Line, "tags"), t)
			}
		}
		src.Path = expand(src.Path, home)
	}
	return f, warnings, nil
}

// defined reports whether the file sets the top-level key name, spelt in
// any case, as the decoder matches it.
func defined(md toml.MetaData, name string) bool {
	for _, k := range md.Keys() {
		if len(k) == 1 && strings.EqualFold(k[0], name) {
			return true
		}
	}
	return false
}

// unknownSettings warns, once each, about what the file sets that how
// does not know: a table how does not know is one warning, not one more
// for each key in it.
func unknownSettings(path string, md toml.MetaData, at *keys) []string {
	undecoded := md.Undecoded()
	unknown := map[string]bool{}
	for _, k := range undecoded {
		unknown[k.String()] = true
	}
	seen := map[string]int{}
	var warnings []string
	more := 0
next:
	for _, key := range undecoded {
		for i := 1; i < len(key); i++ {
			if unknown[key[:i].String()] {
				continue next
			}
		}
		// The same key in the second [[source]] table is on its line.
		nth := seen[key.String()]
		seen[key.String()]++
		if len(warnings) == listedUnknown {
			more++
			continue
		}
		warnings = append(warnings, fmt.Sprintf("%s:%d: unknown setting %q (ignored)", path, lineOf(at, key, nth), key.String()))
	}
	if more > 0 {
		warnings = append(warnings, fmt.Sprintf("%s: %d more unknown settings (ignored)", path, more))
	}
	return warnings
}

// listedUnknown is how many unknown settings are named, one line each;
// the rest are counted.
const listedUnknown = 5

// mistyped finds the first value in raw whose type the field of t (File or
// a table in it) it sets cannot take, and says so with its line (line
// finds it): "3: limit must be a whole number, not \"five\"". It returns
// "" when every value fits.
func mistyped(raw map[string]any, t reflect.Type, prefix toml.Key, at *keys, line func(toml.Key) int) string {
	for i := range t.NumField() {
		field := t.Field(i)
		name, _, _ := strings.Cut(field.Tag.Get("toml"), ",")
		if name == "" || name == "-" {
			continue
		}
		for k, v := range raw {
			if !strings.EqualFold(k, name) {
				continue
			}
			key := append(slices.Clone(prefix), k)
			if msg := mistypedValue(v, field.Type, key, at, line); msg != "" {
				return msg
			}
		}
	}
	return ""
}

func mistypedValue(v any, t reflect.Type, key toml.Key, at *keys, line func(toml.Key) int) string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	bad := func(want string) string {
		return fmt.Sprintf("%d: %s must be %s, not %s", line(key), key, want, describe(v))
	}
	switch t.Kind() {
	case reflect.String:
		if _, ok := v.(string); !ok {
			return bad("a string in quotes")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return bad("true or false")
		}
	case reflect.Int:
		if _, ok := v.(int64); !ok {
			return bad("a whole number")
		}
	case reflect.Struct:
		table, ok := v.(map[string]any)
		if !ok {
			return bad(fmt.Sprintf("a table ([%s])", key))
		}
		return mistyped(table, t, key, at, line)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Struct {
			tables, ok := v.([]map[string]any)
			if !ok {
				return bad(fmt.Sprintf("tables ([[%s]])", key))
			}
			// A key of the ith table is on a line of that table.
			for i, table := range tables {
				header := lineOf(at, key, i)
				in := func(k toml.Key) int { return keyIn(at, header, k[len(k)-1]) }
				if msg := mistyped(table, t.Elem(), key, at, in); msg != "" {
					return msg
				}
			}
			return ""
		}
		list, ok := v.([]any)
		if !ok {
			return bad("a list of strings, [\"...\"]")
		}
		for _, e := range list {
			if _, ok := e.(string); !ok {
				return fmt.Sprintf("%d: %s must be a list of strings, not a list holding %s", line(key), key, describe(e))
			}
		}
	}
	return ""
}

// describe says what a TOML value is, in the file's terms.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case int64, float64, bool:
		return fmt.Sprint(v)
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "tables"
	}
	return "a date"
}

// keyAt is a key the file sets, or a table it opens, and on which line.
type keyAt struct {
	key    toml.Key
	line   int
	header bool
}

// keys are the keys a file sets, in order, and the lines that set each
// one, found in one pass over the file.
type keys struct {
	at    []keyAt
	lines map[string][]int // by toml.Key.String()
}

// keysAt lists every table header and every key = value line of a TOML
// file, with the full key each one sets, in order: where messages point.
// Lines inside a multi-line array or string are no keys.
func keysAt(data []byte) *keys {
	var out []keyAt
	var table toml.Key
	depth := 0       // open brackets of a multi-line array
	longString := "" // the quotes that close a multi-line string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimSpace(sc.Text())
		switch {
		case longString != "":
			if strings.Contains(l, longString) {
				longString = ""
			}
			continue
		case depth > 0:
			depth += brackets(l)
			continue
		case strings.HasPrefix(l, "["):
			name := strings.TrimPrefix(strings.TrimPrefix(l, "["), "[")
			name, _, _ = strings.Cut(name, "]")
			table = splitKey(name)
			out = append(out, keyAt{key: table, line: n, header: true})
			continue
		}
		k, v, ok := strings.Cut(l, "=")
		if !ok || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, keyAt{key: append(slices.Clone(table), splitKey(k)...), line: n})
		v = strings.TrimSpace(v)
		for _, q := range []string{`"""`, "'''"} {
			if strings.HasPrefix(v, q) && !strings.Contains(v[3:], q) {
				longString = q
			}
		}
		if strings.HasPrefix(v, "[") {
			depth = brackets(v)
		}
	}
	ks := &keys{at: out, lines: map[string][]int{}}
	for _, a := range out {
		k := a.key.String()
		ks.lines[k] = append(ks.lines[k], a.line)
	}
	return ks
}

// tooDeep returns the line on which data's tables and arrays ({ and [,
// outside strings and comments) nest deeper than maxDepth, or 0.
func tooDeep(data []byte) int {
	depth, line := 0, 1
	var quote byte // the quote of the string we are in, if any
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '\n':
			line++
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++ // an escape in a basic string
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case c == '{' || c == '[':
			if depth++; depth > maxDepth {
				return line
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return 0
}

// brackets counts the square brackets a line opens, less those it closes,
// outside quotes and comments.
func brackets(l string) int {
	n := 0
	var quote rune
	for _, r := range l {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '#':
			return n
		case r == '[':
			n++
		case r == ']':
			n--
		}
	}
	return n
}

// splitKey splits a dotted key ("a . \"b.c\"") into its parts.
func splitKey(s string) toml.Key {
	var key toml.Key
	var part strings.Builder
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				part.WriteRune(r)
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '.':
			key = append(key, strings.TrimSpace(part.String()))
			part.Reset()
		default:
			part.WriteRune(r)
		}
	}
	return append(key, strings.TrimSpace(part.String()))
}

// lineOf is the line of the nth (from 0) place that sets key: a key =
// value line or a table header; failing that, the first that sets a key
// under it (a = { b = 1 }, a.b = 1). 0 when the file has none.
func lineOf(ks *keys, key toml.Key, nth int) int {
	if lines := ks.lines[key.String()]; nth < len(lines) {
		return lines[nth]
	}
	for _, a := range ks.at {
		if len(a.key) > len(key) && slices.Equal(a.key[:len(key)], key) {
			return a.line
		}
	}
	return 0
}

// keyIn is the line that sets name in the table whose header is on line
// from; from itself when the table does not set it.
func keyIn(ks *keys, from int, name string) int {
	for _, a := range ks.at {
		if a.line <= from {
			continue
		}
		if a.header {
			break
		}
		if a.key[len(a.key)-1] == name {
			return a.line
		}
	}
	return from
}

// IncludeBundled reports whether the bundled sheets are searched.
func (f File) IncludeBundled() bool { return f.Bundled == nil || *f.Bundled }

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
