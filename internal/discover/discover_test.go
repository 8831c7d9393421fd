package discover

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const tarPage = "# tar\n\n> Archiving utility.\n\n- Extract:\n\n`tar xf {{file}}`\n"

// summary is one line per collection found: tool, what, path relative to
// the home, format, tags, files.
func summary(home string, found []Found) string {
	var b strings.Builder
	for _, f := range found {
		rel, err := filepath.Rel(home, f.Path)
		if err != nil || strings.HasPrefix(rel, "..") {
			rel = f.Path
		}
		b.WriteString(f.Tool + " | " + f.What + " | " + filepath.ToSlash(rel) + " | " + f.Format + " | " + strings.Join(f.Tags, ",") + " | " + strconv.Itoa(f.Files) + "\n")
	}
	return b.String()
}

// linuxHome lays out what each tool keeps by default on Linux, as their
// 2026 releases do: tealdeer 1.8's cache (tldr-pages/pages*/PLATFORM) and
// custom pages, tlrc's cache (pages.LANG/PLATFORM), cheat's conf.yml with
// its two cheatpaths, navi's cheats folder with a cloned repository.
func linuxHome(t *testing.T) string {
	home := t.TempDir()
	write(t, filepath.Join(home, ".cache/tealdeer/tldr-pages/pages/common/tar.md"), tarPage)
	write(t, filepath.Join(home, ".cache/tealdeer/tldr-pages/pages/linux/ip.md"), tarPage)
	write(t, filepath.Join(home, ".cache/tealdeer/tldr-pages/pages.de/common/tar.md"), tarPage)
	write(t, filepath.Join(home, ".cache/tealdeer/tldr-pages/LICENSE.md"), "CC-BY")
	write(t, filepath.Join(home, ".local/share/tealdeer/pages/deploy.page.md"), tarPage)
	write(t, filepath.Join(home, ".local/share/tealdeer/pages/tar.patch.md"), "- Mine:\n\n`tar tf x`\n")
	write(t, filepath.Join(home, ".cache/tlrc/pages.en/common/tar.md"), tarPage)
	write(t, filepath.Join(home, ".cache/tlrc/tldr.sha256sums"), "x")
	write(t, filepath.Join(home, ".config/cheat/conf.yml"), `---
# The editor to use with 'cheat -e <sheet>'.
editor: vim
colorize: true
cheatpaths:
  # Cheatpath properties mean the following:
  - name: community                   # a comment
    path: ~/.config/cheat/cheatsheets/community
    tags: [ community ]
    readonly: true

  - name: "personal"
    path: "$HOME/.config/cheat/cheatsheets/personal"
    tags:
    - personal
    - mine
    readonly: false
  - name: gone
    path: /nowhere/at/all
pager: less -FRX
`)
	write(t, filepath.Join(home, ".config/cheat/cheatsheets/community/tar"), "# To extract:\ntar xf x\n")
	write(t, filepath.Join(home, ".config/cheat/cheatsheets/community/ls"), "# To list:\nls -la\n")
	write(t, filepath.Join(home, ".config/cheat/cheatsheets/personal/deploy"), "# To deploy:\nmake deploy\n")
	write(t, filepath.Join(home, ".local/share/navi/cheats/denisidoro__cheats/code/git.cheat"), "% git\n\n# Status\ngit status\n")
	write(t, filepath.Join(home, ".local/share/navi/cheats/denisidoro__cheats/README.md"), "navi")
	return home
}

func env(home string, vars map[string]string) Env {
	return Env{GOOS: "linux", Home: home, Getenv: func(k string) string {
		if k == "HOME" {
			return home
		}
		return vars[k]
	}}
}

func TestDiscoverLinuxDefaults(t *testing.T) {
	home := linuxHome(t)
	found, warnings := Discover(env(home, nil))
	want := "" +
		"tealdeer | tldr pages cache | .cache/tealdeer/tldr-pages | tldr |  | 3\n" +
		"tealdeer | custom pages | .local/share/tealdeer/pages |  |  | 2\n" +
		"tlrc | tldr pages cache | .cache/tlrc | tldr |  | 1\n" +
		"cheat | cheatpath community | .config/cheat/cheatsheets/community | cheat | community | 2\n" +
		"cheat | cheatpath personal | .config/cheat/cheatsheets/personal | cheat | personal,mine | 1\n" +
		"navi | cheats | .local/share/navi/cheats | navi |  | 1\n"
	if got := summary(home, found); got != want || len(warnings) > 0 {
		t.Errorf("found:\n%s\nwant:\n%s\nwarnings %q", got, want, warnings)
	}
	if found[2].From != "" || found[3].From != filepath.Join(home, ".config/cheat/conf.yml") {
		t.Errorf("from: %q %q", found[2].From, found[3].From)
	}
}

// The tools' own variables and settings move their collections, and how
// looks where they say; XDG variables move the defaults.
func TestDiscoverSettings(t *testing.T) {
	home := t.TempDir()
	// tealdeer: a config folder of its own, whose cache_dir is relative
	// to it; its older layout (tldr-master).
	write(t, filepath.Join(home, "td/config.toml"), "[directories]\ncache_dir = \"../tdcache\"\ncustom_pages_dir = \"~/mypages\"\n")
	write(t, filepath.Join(home, "tdcache/tldr-master/pages/common/tar.md"), tarPage)
	write(t, filepath.Join(home, "mypages/x.page.md"), tarPage)
	// tlrc: a config naming its cache.
	write(t, filepath.Join(home, "xdg/config/tlrc/config.toml"), "[cache]\ndir = \"~/tl\"\nauto_update = false\n")
	write(t, filepath.Join(home, "tl/pages.en/linux/ip.md"), tarPage)
	// cheat: CHEAT_CONFIG_PATH.
	write(t, filepath.Join(home, "cheat.yml"), "cheatpaths:\n- name: work\n  path: ~/work/cheats\n  tags: [work]\n")
	write(t, filepath.Join(home, "work/cheats/kubectl"), "# To list pods:\nkubectl get pods\n")
	// navi: the config's cheats.paths.
	write(t, filepath.Join(home, "xdg/config/navi/config.yaml"), "style:\n  tag:\n    color: cyan\ncheats:\n  paths:\n    - ~/n1\n    - \"~/n2\"\nfinder:\n  command: fzf\n")
	write(t, filepath.Join(home, "n1/a.cheat"), "% a\n# a\necho a\n")
	write(t, filepath.Join(home, "n2/b.cheat.md"), "% b\n# b\necho b\n")
	found, warnings := Discover(env(home, map[string]string{
		"TEALDEER_CONFIG_DIR": filepath.Join(home, "td"),
		"XDG_CONFIG_HOME":     filepath.Join(home, "xdg/config"),
		"CHEAT_CONFIG_PATH":   "~/cheat.yml",
	}))
	want := "" +
		"tealdeer | tldr pages cache | tdcache/tldr-master | tldr |  | 1\n" +
		"tealdeer | custom pages | mypages |  |  | 1\n" +
		"tlrc | tldr pages cache | tl | tldr |  | 1\n" +
		"cheat | cheatpath work | work/cheats | cheat | work | 1\n" +
		"navi | cheats | n1 | navi |  | 1\n" +
		"navi | cheats | n2 | navi |  | 1\n"
	if got := summary(home, found); got != want || len(warnings) > 0 {
		t.Errorf("found:\n%s\nwant:\n%s\nwarnings %q", got, want, warnings)
	}

	// NAVI_PATH beats the config; TEALDEER_CACHE_DIR beats cache_dir.
	write(t, filepath.Join(home, "np/c.cheat"), "% c\n# c\necho c\n")
	write(t, filepath.Join(home, "tdenv/tldr-pages/pages/common/tar.md"), tarPage)
	found, _ = Discover(env(home, map[string]string{
		"TEALDEER_CONFIG_DIR": filepath.Join(home, "td"),
		"TEALDEER_CACHE_DIR":  filepath.Join(home, "tdenv"),
		"NAVI_PATH":           filepath.Join(home, "np") + string(filepath.ListSeparator) + filepath.Join(home, "n1"),
	}))
	got := summary(home, found)
	for _, w := range []string{"tealdeer | tldr pages cache | tdenv/tldr-pages | tldr |  | 1\n", "navi | cheats | np | navi |  | 1\nnavi | cheats | n1 | navi |  | 1\n"} {
		if !strings.Contains(got, w) {
			t.Errorf("found:\n%s\nwant it to hold:\n%s", got, w)
		}
	}
	if strings.Contains(got, "n2") || strings.Contains(got, "tldr-master") {
		t.Errorf("found what the variables replace:\n%s", got)
	}
}

func TestDiscoverMacAndWindows(t *testing.T) {
	home := t.TempDir()
	write(t, filepath.Join(home, "Library/Caches/tealdeer/tldr-pages/pages/osx/say.md"), tarPage)
	write(t, filepath.Join(home, "Library/Caches/tlrc/pages.en/osx/say.md"), tarPage)
	write(t, filepath.Join(home, "Library/Application Support/navi/cheats/x.cheat"), "% x\n# x\nx\n")
	found, _ := Discover(Env{GOOS: "darwin", Home: home, Getenv: func(string) string { return "" }})
	want := "" +
		"tealdeer | tldr pages cache | Library/Caches/tealdeer/tldr-pages | tldr |  | 1\n" +
		"tlrc | tldr pages cache | Library/Caches/tlrc | tldr |  | 1\n" +
		"navi | cheats | Library/Application Support/navi/cheats | navi |  | 1\n"
	if got := summary(home, found); got != want {
		t.Errorf("macOS:\n%s\nwant:\n%s", got, want)
	}

	win := t.TempDir()
	local, roaming := filepath.Join(win, "Local"), filepath.Join(win, "Roaming")
	write(t, filepath.Join(local, "tealdeer/cache/tldr-pages/pages/windows/dir.md"), tarPage)
	write(t, filepath.Join(local, "tlrc/pages.en/windows/dir.md"), tarPage)
	write(t, filepath.Join(roaming, "cheat/conf.yml"), "cheatpaths:\n  - name: community\n    path: "+filepath.Join(win, "cs")+"\n")
	write(t, filepath.Join(win, "cs/dir"), "# To list:\ndir\n")
	write(t, filepath.Join(roaming, "navi/cheats/y.cheat"), "% y\n# y\ny\n")
	vars := map[string]string{"LocalAppData": local, "AppData": roaming, "APPDATA": roaming}
	found, _ = Discover(Env{GOOS: "windows", Home: win, Getenv: func(k string) string { return vars[k] }})
	want = "" +
		"tealdeer | tldr pages cache | Local/tealdeer/cache/tldr-pages | tldr |  | 1\n" +
		"tlrc | tldr pages cache | Local/tlrc | tldr |  | 1\n" +
		"cheat | cheatpath community | cs | cheat |  | 1\n" +
		"navi | cheats | Roaming/navi/cheats | navi |  | 1\n"
	if got := summary(win, found); got != want {
		t.Errorf("Windows:\n%s\nwant:\n%s", got, want)
	}
}

// Nothing installed: nothing found, no warning. A broken config file is a
// warning naming it, and the defaults are still looked at.
func TestDiscoverNothingAndBroken(t *testing.T) {
	home := t.TempDir()
	if found, warnings := Discover(env(home, nil)); len(found)+len(warnings) != 0 {
		t.Errorf("empty home: %v %v", found, warnings)
	}
	write(t, filepath.Join(home, ".config/tealdeer/config.toml"), "[directories\n")
	write(t, filepath.Join(home, ".cache/tealdeer/tldr-pages/pages/common/tar.md"), tarPage)
	found, warnings := Discover(env(home, nil))
	if len(found) != 1 || len(warnings) != 1 || !strings.HasPrefix(warnings[0], filepath.Join(home, ".config/tealdeer/config.toml")+": ") {
		t.Errorf("found %v, warnings %q", found, warnings)
	}
}

func TestCheatpathsYAML(t *testing.T) {
	// All of YAML is read as cheat reads it: a flow map, a quoted path
	// followed by a comment, tags as words ("no" stays "no").
	paths, err := cheatpaths([]byte("cheatpaths:\n  - {name: inline, path: /x, tags: [no]}\n  - name: q\n    path: '/it''s'   # mine\n    tags: [a, \"b c\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 2 || paths[0].name != "inline" || paths[0].path != "/x" || strings.Join(paths[0].tags, "|") != "no" ||
		paths[1].path != "/it's" || strings.Join(paths[1].tags, "|") != "a|b c" {
		t.Errorf("%+v", paths)
	}
	// What is malformed is one error naming its line; the cheatpaths
	// before it are kept.
	for text, want := range map[string]string{
		"cheatpaths:\n  - name: a\n    path: /a\n  - name: b\n    path: [/b]\n": "line 5: cheatpaths: path: expected a word, found a list",
		"cheatpaths:\n  - name: a\n    path: /a: b\n":                           "line 3: not YAML: mapping values are not allowed in this context",
		"cheatpaths: /x\n": `line 1: cheatpaths: expected a list, found "/x"`,
	} {
		paths, err := cheatpaths([]byte(text))
		if err == nil || err.Error() != want || strings.Contains(want, "path:") && len(paths) != 1 {
			t.Errorf("%q: %+v, %v; want %s", text, paths, err, want)
		}
	}
	np, _ := naviPaths([]byte("cheats:\n  path: /a:/b\n"))
	if strings.Join(np, ",") != "/a:/b" {
		t.Errorf("navi path: %q", np)
	}
	np, _ = naviPaths([]byte("cheats:\n  paths: [\"/a\", /b]\n"))
	if strings.Join(np, ",") != "/a,/b" {
		t.Errorf("navi paths: %q", np)
	}
}

// TestUpdated: a file in a collection its tool keeps up to date from
// elsewhere is found with what updates it; a file of the user's own is
// not. No file is counted for this, so even an empty collection counts.
func TestUpdated(t *testing.T) {
	home := linuxHome(t)
	write(t, filepath.Join(home, ".local/share/navi/cheats/mine.cheat"), "% mine\n\n# Mine\nls\n")
	for rel, want := range map[string]string{
		".cache/tealdeer/tldr-pages/pages/common/tar.md":             "tealdeer | tldr pages cache | updated by tldr --update",
		".cache/tlrc/pages.en/common/tar.md":                         "tlrc | tldr pages cache | updated by tldr --update",
		".config/cheat/cheatsheets/community/tar":                    "cheat | cheatpath community | read-only in " + filepath.Join(home, ".config/cheat/conf.yml"),
		".local/share/navi/cheats/denisidoro__cheats/code/git.cheat": "navi | repository denisidoro__cheats | cloned by navi repo add denisidoro/cheats",
		".local/share/tealdeer/pages/deploy.page.md":                 "",
		".config/cheat/cheatsheets/personal/deploy":                  "",
		".local/share/navi/cheats/mine.cheat":                        "",
		".cache/tealdeer/tldr-pages":                                 "",
		"notes/tar.md":                                               "",
	} {
		real, err := filepath.EvalSymlinks(filepath.Join(home, rel))
		if err != nil {
			real = filepath.Join(home, rel)
		}
		f, ok := Updated(env(home, nil), real)
		got := ""
		if ok {
			got = f.Tool + " | " + f.What + " | " + f.Update
		}
		if got != want {
			t.Errorf("%s: %q, want %q", rel, got, want)
		}
	}
}
