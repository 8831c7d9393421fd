// Package discover finds the cheat-sheet collections other tools keep on
// this machine, where those tools themselves look for them: tealdeer's and
// tlrc's caches of tldr pages (and tealdeer's custom pages), cheat's
// cheatpaths, navi's cheats folders. It reads the tools' configuration
// files the way they do, and never writes anything.
//
// Where each tool looks (from their sources: tealdeer src/config.rs and
// src/cache.rs, tlrc src/config.rs and src/cache.rs, cheat
// internal/config/paths.go and config.go, navi src/filesystem.rs):
//
//   - tealdeer: config $TEALDEER_CONFIG_DIR/config.toml, else the user
//     config folder's tealdeer/config.toml; its cache is
//     $TEALDEER_CACHE_DIR, else [directories] cache_dir (relative to the
//     config folder), else the user cache folder's tealdeer; pages are in
//     CACHE/tldr-pages (1.7 and later) or CACHE/tldr-master (before);
//     custom pages in [directories] custom_pages_dir, else the user data
//     folder's tealdeer/pages.
//   - tlrc: config $TLRC_CONFIG, else the user config folder's
//     tlrc/config.toml; pages in [cache] dir, else the user cache folder's
//     tlrc, as pages.LANG/PLATFORM/NAME.md.
//   - cheat: $CHEAT_CONFIG_PATH, else the first of
//     $XDG_CONFIG_HOME/cheat/conf.yml, ~/.config/cheat/conf.yml,
//     ~/.cheat/conf.yml, /etc/cheat/conf.yml (%APPDATA% and %PROGRAMDATA%
//     on Windows); its cheatpaths (name, path, tags) are the collections.
//   - navi: $NAVI_PATH (":"-separated), else cheats.paths (or the older
//     cheats.path) of $NAVI_CONFIG, else of the user config folder's
//     navi/config.yaml, else the user data folder's navi/cheats.
//
// The user folders are the XDG ones on Linux and the BSDs ($XDG_*_HOME,
// else ~/.config, ~/.cache, ~/.local/share); ~/Library/Application
// Support and ~/Library/Caches on macOS; %AppData% and %LocalAppData% on
// Windows.
package discover

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/howcli/how/internal/frontmatter"
	"github.com/howcli/how/internal/safefile"
)

// Found is one collection another tool keeps.
type Found struct {
	// Tool is the tool that keeps it: tealdeer, tlrc, cheat, navi.
	Tool string
	// What says what it is, for a person: "tldr pages cache",
	// "cheatpath community".
	What string
	Path string
	// Format is how to read it: "tldr", "cheat", "navi", or "" for a
	// folder whose files are told apart one by one (tealdeer's custom
	// pages: whole pages and patches).
	Format string
	// Tags are a cheatpath's tags, which cheat adds to its sheets.
	Tags []string
	// From is the file or variable that named Path ("" for a default).
	From string
	// Files counts the files in it its tool reads.
	Files int
	// Update says, for a person, how a collection that is kept up to date
	// from elsewhere is ("updated by tldr --update"): a cache of tldr
	// pages, a read-only cheatpath, a repository navi cloned. An edit
	// there does not outlast its next update. Empty for the user's own
	// (custom pages, a personal cheatpath, cheats written by hand).
	Update string
}

// Env is what discovery reads of the machine.
type Env struct {
	GOOS   string
	Home   string
	Getenv func(string) string
}

// Discover returns the collections found, in a stable order (tealdeer,
// tlrc, cheat, navi), each once, only those that exist and hold at least
// one file their tool reads. warnings are one line each: a configuration
// file that could not be read.
func Discover(env Env) (found []Found, warnings []string) {
	d := &discoverer{Env: env}
	d.run()
	return d.found, d.warnings
}

func (d *discoverer) run() {
	d.tealdeer()
	d.tlrc()
	d.cheat()
	d.navi()
}

// Updated returns the collection holding a file whose tool replaces its
// files when it updates (see Found.Update), if there is one: editing the
// file would be undone by the tool's next update. real is the file's path,
// absolute with symlinks resolved (source.RealPath). It reads the tools'
// configuration as Discover does, without counting files.
func Updated(env Env, real string) (Found, bool) {
	d := &discoverer{Env: env, quick: true}
	d.run()
	for i, f := range d.found {
		rel, ok := within(real, d.seen[i])
		if !ok {
			continue
		}
		if f.Update != "" {
			return f, true
		}
		// navi repo add clones a repository into a folder of the cheats
		// folder named USER__REPO; its cheats are the repository's.
		if repo, _, ok := strings.Cut(filepath.ToSlash(rel), "/"); ok && f.Tool == "navi" && strings.Contains(repo, "__") {
			return Found{Tool: "navi", What: "repository " + repo, Path: filepath.Join(f.Path, repo), Format: "navi",
				Update: "cloned by navi repo add " + strings.Replace(repo, "__", "/", 1)}, true
		}
	}
	return Found{}, false
}

// within is path relative to dir, when path is inside dir.
func within(path, dir string) (string, bool) {
	rel, err := filepath.Rel(dir, path)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return rel, true
}

type discoverer struct {
	Env
	found    []Found
	warnings []string
	// seen holds the real path of each of found, in its order.
	seen []string
	// quick keeps every folder that exists, without counting its files.
	quick bool
}

func (d *discoverer) warn(msg string) { d.warnings = append(d.warnings, msg) }

// add records a candidate folder when it exists and holds files of its
// format, once.
func (d *discoverer) add(f Found) {
	if f.Path == "" {
		return
	}
	info, err := os.Stat(f.Path)
	if err != nil || !info.IsDir() {
		return
	}
	real := f.Path
	if r, err := filepath.EvalSymlinks(f.Path); err == nil {
		real = r
	}
	if slices.Contains(d.seen, real) {
		return
	}
	if !d.quick {
		if f.Files = count(f.Path, f.Format); f.Files == 0 {
			return
		}
	}
	d.seen = append(d.seen, real)
	d.found = append(d.found, f)
}

// count counts the files under dir that format reads, as far as a quick
// look can tell: .md files for tldr pages, files without an extension for
// cheat, .cheat files for navi.
func count(dir, format string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := e.Name()
		if e.IsDir() {
			if p != dir && strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			return nil
		}
		switch format {
		case "tldr", "":
			if strings.HasSuffix(name, ".md") && !strings.EqualFold(name, "README.md") && !strings.EqualFold(name, "LICENSE.md") {
				n++
			}
		case "cheat":
			if filepath.Ext(name) == "" && !strings.HasPrefix(name, ".") && name != "LICENSE" {
				n++
			}
		case "navi":
			if strings.HasSuffix(name, ".cheat") || strings.HasSuffix(name, ".cheat.md") {
				n++
			}
		}
		return nil
	})
	return n
}

// Base folders, as the tools' directory libraries find them.

func (d *discoverer) configHome() string {
	return d.baseDir([]string{"Library", "Application Support"}, "AppData", "XDG_CONFIG_HOME", ".config")
}

func (d *discoverer) cacheHome() string {
	return d.baseDir([]string{"Library", "Caches"}, "LocalAppData", "XDG_CACHE_HOME", ".cache")
}

func (d *discoverer) dataHome() string {
	return d.baseDir([]string{"Library", "Application Support"}, "AppData", "XDG_DATA_HOME", ".local", "share")
}

// baseDir is one base folder: under the home folder on macOS, from an
// environment variable on Windows, else the XDG variable when it holds an
// absolute path (the specification ignores relative ones), else its
// default under the home folder.
func (d *discoverer) baseDir(darwin []string, windowsVar, xdgVar string, fallback ...string) string {
	switch d.GOOS {
	case "darwin", "ios":
		return filepath.Join(append([]string{d.Home}, darwin...)...)
	case "windows":
		return d.Getenv(windowsVar)
	}
	if v := d.Getenv(xdgVar); filepath.IsAbs(v) {
		return v
	}
	return filepath.Join(append([]string{d.Home}, fallback...)...)
}

// join is filepath.Join that keeps an empty base empty (a Windows
// variable that is not set), rather than making a relative path.
func join(base string, elem ...string) string {
	if base == "" {
		return ""
	}
	return filepath.Join(append([]string{base}, elem...)...)
}

// expand resolves ~ and $VARIABLES in a path from a tool's configuration.
func (d *discoverer) expand(p string) string {
	p = strings.TrimSpace(p)
	p = os.Expand(p, d.Getenv)
	if p == "~" {
		return d.Home
	}
	if rest, ok := strings.CutPrefix(p, "~/"); ok && d.Home != "" {
		return filepath.Join(d.Home, rest)
	}
	return p
}

// readConfig reads another tool's configuration file: without blocking
// and through a limit, since how edit reads them too, and a FIFO or
// /dev/zero in one's place must not hang it.
func readConfig(path string) ([]byte, error) {
	return safefile.Read(path, 1<<20)
}

// readTOML reads a tool's TOML configuration into v; a missing file is
// no error (false), a broken one a warning.
func (d *discoverer) readTOML(path string, v any) bool {
	data, err := readConfig(path)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			d.warn(path + ": " + err.Error())
		}
		return false
	}
	if _, err := toml.Decode(string(data), v); err != nil {
		d.warn(path + ": " + strings.ReplaceAll(err.Error(), "\n", " "))
		return false
	}
	return true
}

func (d *discoverer) tealdeer() {
	confDir := d.Getenv("TEALDEER_CONFIG_DIR")
	if confDir == "" {
		confDir = join(d.configHome(), "tealdeer")
	}
	var conf struct {
		Directories struct {
			CacheDir       string `toml:"cache_dir"`
			CustomPagesDir string `toml:"custom_pages_dir"`
		} `toml:"directories"`
	}
	confFile := join(confDir, "config.toml")
	if confFile != "" {
		d.readTOML(confFile, &conf)
	}
	// Paths in its config are relative to the config folder.
	rel := func(p string) string {
		p = d.expand(p)
		if p != "" && !filepath.IsAbs(p) && confDir != "" {
			p = filepath.Join(confDir, p)
		}
		return p
	}
	var caches []string
	from := ""
	switch {
	case d.Getenv("TEALDEER_CACHE_DIR") != "":
		caches, from = []string{d.Getenv("TEALDEER_CACHE_DIR")}, "TEALDEER_CACHE_DIR"
	case conf.Directories.CacheDir != "":
		caches, from = []string{rel(conf.Directories.CacheDir)}, confFile
	case d.GOOS == "windows":
		// app_dirs on Windows adds a folder for the author and one for
		// caches, depending on its version: all are looked at.
		base := d.cacheHome()
		caches = []string{join(base, "tealdeer", "cache"), join(base, "tealdeer", "tealdeer", "cache"), join(base, "tealdeer")}
	default:
		caches = []string{join(d.cacheHome(), "tealdeer")}
	}
	for _, c := range caches {
		for _, pages := range []string{"tldr-pages", "tldr-master"} {
			d.add(Found{Tool: "tealdeer", What: "tldr pages cache", Path: join(c, pages), Format: "tldr", From: from, Update: "updated by tldr --update"})
		}
	}
	// NAME.page.md files are whole tldr pages, NAME.patch.md files
	// examples to add to one: each file is read for what it is.
	if conf.Directories.CustomPagesDir != "" {
		d.add(Found{Tool: "tealdeer", What: "custom pages", Path: rel(conf.Directories.CustomPagesDir), From: confFile})
		return
	}
	for _, p := range []string{join(d.dataHome(), "tealdeer", "pages"), join(d.dataHome(), "tealdeer", "tealdeer", "pages")} {
		d.add(Found{Tool: "tealdeer", What: "custom pages", Path: p})
	}
}

func (d *discoverer) tlrc() {
	confFile, from := d.Getenv("TLRC_CONFIG"), "TLRC_CONFIG"
	if confFile == "" {
		confFile, from = join(d.configHome(), "tlrc", "config.toml"), ""
	}
	var conf struct {
		Cache struct {
			Dir string `toml:"dir"`
		} `toml:"cache"`
	}
	if confFile != "" {
		d.readTOML(confFile, &conf)
	}
	dir := d.expand(conf.Cache.Dir)
	if dir != "" {
		from = confFile
	} else {
		dir, from = join(d.cacheHome(), "tlrc"), ""
	}
	d.add(Found{Tool: "tlrc", What: "tldr pages cache", Path: dir, Format: "tldr", From: from, Update: "updated by tldr --update"})
}

func (d *discoverer) cheat() {
	var candidates []string
	if p := d.Getenv("CHEAT_CONFIG_PATH"); p != "" {
		candidates = []string{d.expand(p)}
	} else if d.GOOS == "windows" {
		candidates = []string{join(d.Getenv("APPDATA"), "cheat", "conf.yml"), join(d.Getenv("PROGRAMDATA"), "cheat", "conf.yml")}
	} else {
		if x := d.Getenv("XDG_CONFIG_HOME"); x != "" {
			candidates = append(candidates, filepath.Join(x, "cheat", "conf.yml"))
		}
		candidates = append(candidates, join(d.Home, ".config", "cheat", "conf.yml"), join(d.Home, ".cheat", "conf.yml"), "/etc/cheat/conf.yml")
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		data, err := readConfig(c)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				d.warn(c + ": " + err.Error())
			}
			continue
		}
		// cheat reads the first file that exists, and only that one.
		paths, err := cheatpaths(data)
		if err != nil {
			d.warn(c + ": " + err.Error())
		}
		for _, p := range paths {
			what := "cheatpath"
			if p.name != "" {
				what += " " + p.name
			}
			f := Found{Tool: "cheat", What: what, Path: d.expand(p.path), Format: "cheat", Tags: p.tags, From: c}
			if p.readonly {
				// cheat will not edit a read-only cheatpath: its sheets
				// come from elsewhere (the community cheatsheets, a
				// team's repository) and are replaced from there.
				f.Update = "read-only in " + c
			}
			d.add(f)
		}
		return
	}
	// No configuration: where `cheat --init` puts the sheets.
	base := join(d.configHome(), "cheat", "cheatsheets")
	if d.GOOS == "darwin" {
		base = join(d.Home, ".config", "cheat", "cheatsheets")
	}
	for _, name := range []string{"community", "personal"} {
		f := Found{Tool: "cheat", What: "cheatpath " + name, Path: join(base, name), Format: "cheat", Tags: []string{name}}
		if name == "community" {
			// As the conf.yml cheat --init writes has it.
			f.Update = "read-only as cheat sets it up"
		}
		d.add(f)
	}
}

func (d *discoverer) navi() {
	add := func(list, from string) {
		// NAVI_PATH and cheats.path are ":"-separated lists.
		for _, p := range strings.Split(list, string(filepath.ListSeparator)) {
			if p = strings.TrimSpace(p); p != "" {
				d.add(Found{Tool: "navi", What: "cheats", Path: d.expand(p), Format: "navi", From: from})
			}
		}
	}
	if v := d.Getenv("NAVI_PATH"); v != "" {
		add(v, "NAVI_PATH")
		return
	}
	conf := d.Getenv("NAVI_CONFIG")
	if conf == "" {
		conf = join(d.configHome(), "navi", "config.yaml")
		if d.GOOS == "darwin" {
			// navi reads ~/.config/navi on macOS too when it is there.
			if _, err := os.Stat(join(d.Home, ".config", "navi", "config.yaml")); err == nil {
				conf = join(d.Home, ".config", "navi", "config.yaml")
			}
		}
	}
	if conf != "" {
		data, err := readConfig(conf)
		switch {
		case err == nil:
			paths, err := naviPaths(data)
			if err != nil {
				d.warn(conf + ": " + err.Error())
			}
			if len(paths) > 0 {
				for _, p := range paths {
					add(p, conf)
				}
				return
			}
		case !errors.Is(err, fs.ErrNotExist):
			d.warn(conf + ": " + err.Error())
		}
	}
	d.add(Found{Tool: "navi", What: "cheats", Path: join(d.dataHome(), "navi", "cheats"), Format: "navi"})
}

// cheatpath is one entry of conf.yml's cheatpaths.
type cheatpath struct {
	name, path string
	tags       []string
	readonly   bool
}

// cheatpaths reads the cheatpaths list of a cheat conf.yml: a list of
// mappings with name, path, tags (a list, or one tag) and readonly. The
// cheatpaths read before a malformed one are kept; the error names its
// line.
func cheatpaths(data []byte) ([]cheatpath, error) {
	doc, err := frontmatter.Decode(data)
	if err != nil {
		return nil, err
	}
	list, err := doc.Key("cheatpaths")
	if err != nil {
		return nil, err
	}
	items, err := list.List()
	if err != nil {
		return nil, named("cheatpaths", err)
	}
	var out []cheatpath
	for _, it := range items {
		var c cheatpath
		for _, f := range []struct {
			key  string
			read func(frontmatter.Value) error
		}{
			{"name", func(v frontmatter.Value) (err error) { c.name, err = v.Word(); return err }},
			{"path", func(v frontmatter.Value) (err error) { c.path, err = v.Word(); return err }},
			{"tags", func(v frontmatter.Value) (err error) { c.tags, err = v.Words(); return err }},
			{"readonly", func(v frontmatter.Value) error { w, err := v.Word(); c.readonly = w == "true"; return err }},
		} {
			v, err := it.Key(f.key)
			if err == nil {
				err = named(f.key, f.read(v))
			}
			if err != nil {
				return out, named("cheatpaths", err)
			}
		}
		if c.path != "" {
			out = append(out, c)
		}
	}
	return out, nil
}

// naviPaths reads cheats.paths (a list) or cheats.path (a ":"-separated
// string) of a navi config.yaml.
func naviPaths(data []byte) ([]string, error) {
	doc, err := frontmatter.Decode(data)
	if err != nil {
		return nil, err
	}
	cheats, err := doc.Key("cheats")
	if err != nil {
		return nil, err
	}
	paths, err := cheats.Key("paths")
	if err != nil {
		return nil, named("cheats", err)
	}
	out, err := paths.Words()
	if err != nil {
		return nil, named("cheats: paths", err)
	}
	path, err := cheats.Key("path")
	if err != nil {
		return out, named("cheats", err)
	}
	p, err := path.Word()
	if err != nil {
		return out, named("cheats: path", err)
	}
	if p != "" {
		out = append(out, p)
	}
	return out, nil
}

// named says which key of the configuration a problem is about.
func named(key string, err error) error {
	if p, ok := err.(*frontmatter.Problem); ok && p != nil {
		return &frontmatter.Problem{Line: p.Line, Msg: key + ": " + p.Msg}
	}
	return err
}
