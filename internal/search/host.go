package search

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/vocab"
)

// systems are the names of systems other than Linux distributions that a
// question may name, as tldr platforms.
var systems = map[string]string{
	"mac": "osx", "macos": "osx", "osx": "osx", "macbook": "osx",
	"windows": "windows", "freebsd": "freebsd", "openbsd": "openbsd", "netbsd": "netbsd", "android": "android",
}

// system returns what a word of a question names: a tldr platform, or a
// Linux distribution family (as "linux:family").
func system(word, next string) string {
	if p, ok := systems[word]; ok {
		return p
	}
	if f := vocab.Distribution(word, next); f != "" {
		return "linux:" + f
	}
	return ""
}

// wants returns the platform and distribution family answers are for: the
// ones the question names ("on Fedora"), else the host's.
func (h *Host) wants(named []string) (platform, family string) {
	if h != nil {
		platform, family = h.Platform, h.Family
	}
	for _, n := range named {
		if f, ok := strings.CutPrefix(n, "linux:"); ok {
			platform, family = "linux", f
		} else {
			platform, family = n, ""
		}
	}
	return platform, family
}

// ThisHost describes the machine the process runs on: its platform from
// the operating system, its distribution family from /etc/os-release, its
// programs from PATH.
func ThisHost() *Host {
	h := &Host{Platform: hostPlatform(runtime.GOOS), Has: onPath(os.Getenv("PATH"))}
	if h.Platform == "linux" {
		h.Family = osReleaseFamily("/etc/os-release")
	}
	return h
}

// shellBuiltins are the commands every shell has without a file on PATH
// (bash's `compgen -b`): export, cd and alias are there on every machine.
var shellBuiltins = map[string]bool{}

func init() {
	for _, b := range strings.Fields(`. : [ alias bg bind break builtin caller cd command compgen complete
		compopt continue declare dirs disown echo enable eval exec exit export false fc fg getopts hash
		help history jobs kill let local logout mapfile popd printf pushd pwd read readarray readonly
		return set shift shopt source suspend test times trap true type typeset ulimit umask unalias
		unset wait`) {
		shellBuiltins[b] = true
	}
}

// onPath reports whether a program is a shell builtin or an executable file
// in one of the folders of path. A query asks about a few programs; each
// is looked up once.
func onPath(path string) func(string) bool {
	dirs := filepath.SplitList(path)
	known := map[string]bool{}
	return func(program string) bool {
		if program == "" || strings.ContainsRune(program, '/') {
			return false
		}
		if shellBuiltins[program] {
			return true
		}
		if has, ok := known[program]; ok {
			return has
		}
		has := false
		for _, d := range dirs {
			if d == "" {
				continue
			}
			if fi, err := os.Stat(filepath.Join(d, program)); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
				has = true
				break
			}
		}
		known[program] = has
		return has
	}
}

func hostPlatform(goos string) string {
	switch goos {
	case "darwin":
		return "osx"
	case "solaris", "illumos":
		return "sunos"
	}
	return goos
}

// osReleaseFamily reads ID and ID_LIKE ("ubuntu", "debian") from an
// os-release file and returns the first family they name.
func osReleaseFamily(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	var ids []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if ok && (k == "ID" || k == "ID_LIKE") {
			ids = append(ids, strings.Fields(strings.Trim(v, `"'`))...)
		}
	}
	for _, id := range ids {
		if f := vocab.Distribution(id, "linux"); f != "" {
			return f
		}
	}
	return ""
}

// Priors for the system. A command filed under another platform than the
// one answers are for (tldr's osx pages on Linux), or from a page that
// says its program belongs to another distribution (zypper, dnf and
// pacman on Debian), is rarely the answer: it keeps otherSystem of its
// score, enough to stay when nothing else answers, not to come first.
const otherSystem = 0.5

// installedBoost favours the programs the machine has: asked for a
// random password, pwgen where it is installed.
const installedBoost = 1.2

// installed is the factor for a command's program being on the machine,
// when the question names no program: one it names is the one meant,
// installed or not.
func (p *planner) installed(e index.Entry) float64 {
	if p.has != nil && !p.named && p.has(e.Snippet.Tool) {
		return installedBoost
	}
	return 1
}

// systemFit is the factor for a command's platform and family. A system
// the question names ("on Debian", "on a Mac") is asked about: its own
// commands gain what the others lose.
func (p *planner) systemFit(e index.Entry) float64 {
	fit := 1.0
	if p.namedSystem {
		// A family names a distribution; a platform without one names
		// another system than Linux.
		if p.family != "" && e.Family == p.family || p.family == "" && e.Platform != "" && e.Platform == p.platform {
			return 1 / otherSystem
		}
	}
	if e.Platform != "" && p.platform != "" && e.Platform != p.platform {
		fit *= otherSystem
	}
	if e.Family != "" && p.family != "" && e.Family != p.family {
		fit *= otherSystem
	}
	return fit
}
