package source

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"unicode"

	"github.com/howcli/how/internal/cheat"
	"github.com/howcli/how/internal/sheet"
)

// Collection is a folder of pages in one tool's format, found among the
// sources: a tldr pages tree, a cheatpath, a folder of navi cheats. Its
// files are read as that tool reads them (and only those: a cheatpath's
// README.md is not a sheet), and its freshness is checked by folder (see
// Fingerprint).
type Collection struct {
	// Root is the collection's folder, as walked.
	Root   string
	Format Format
	// License names the collection's licence ("CC-BY-4.0", "CC0-1.0",
	// "MIT", ...) from the LICENSE file at its root, or is empty when no
	// file was found or its licence was not recognised; LicenseFile is the
	// file, so that it can be shown either way.
	License, LicenseFile string
	// LicenseHolder is whom the licence file names as the copyright
	// holder ("the tldr-pages team"), for the attribution a licence such
	// as CC-BY asks for; empty when it names none (CC0 texts do not).
	LicenseHolder string
	// Platform is the tldr platform whose pages win over others of the
	// same name (tldr collections only); Languages the pages folders read.
	Platform  string
	Languages []string
	// Files counts the files read as pages; Snippets the commands indexed
	// from them; Lines the source lines those commands span; Omitted the
	// examples read but not indexed (tldr pages shadowed by the host
	// platform's page, alias pages that only point to another page).
	Files, Snippets, Lines, Omitted int
}

// collection is a Collection as the walk knows it.
type collection struct {
	Collection
	node *node
	// real is the root's real path, the key of its freshness state.
	real string
}

// Options that change what a collection reads.
type readOptions struct {
	platform  string
	languages []string
	formats   map[string]Format
}

// HostPlatform is the tldr platform of the machine how runs on, whose
// pages win over common ones; "" when tldr has no pages for it.
func HostPlatform() string {
	switch runtime.GOOS {
	case "linux":
		return "linux"
	case "darwin":
		return "osx"
	case "windows":
		return "windows"
	case "android":
		return "android"
	case "freebsd", "netbsd", "openbsd":
		return runtime.GOOS
	case "solaris", "illumos":
		return "sunos"
	}
	return ""
}

// Languages is the language preference for tldr pages from the
// environment, as tldr clients read it: LANGUAGE (a ":"-separated list),
// then LANG; English is always last, as the fallback. getenv is os.Getenv
// in real use.
func Languages(getenv func(string) string) []string {
	var langs []string
	add := func(v string) {
		v, _, _ = strings.Cut(v, ".") // "de_DE.UTF-8"
		v, _, _ = strings.Cut(v, "@")
		if v == "" || v == "C" || v == "POSIX" {
			return
		}
		for _, l := range []string{v, strings.SplitN(v, "_", 2)[0]} {
			if !slices.Contains(langs, l) {
				langs = append(langs, l)
			}
		}
	}
	if lang := getenv("LANG"); lang != "" && lang != "C" && lang != "POSIX" {
		for _, l := range strings.Split(getenv("LANGUAGE"), ":") {
			add(l)
		}
	}
	add(getenv("LANG"))
	langs = slices.DeleteFunc(langs, func(l string) bool { return l == "en" || strings.HasPrefix(l, "en_") })
	return append(langs, "en")
}

// classify finds the collections under n, top-down: a folder that is a
// collection is one as a whole; one that is not may hold some. given is
// set for the folder the user named, whose surroundings tell whether it is
// a tldr platform folder.
func classify(n *node, ro readOptions, given bool) []*collection {
	if f, ok := ro.formats[n.real]; ok {
		if f == FormatNotes {
			return nil // the user says: notes, all the way down
		}
		return []*collection{newCollection(n, f, ro)}
	}
	if f := detectCollection(n, given); f != "" {
		return []*collection{newCollection(n, f, ro)}
	}
	var out []*collection
	for _, d := range n.dirs {
		out = append(out, classify(d, ro, false)...)
	}
	return out
}

func newCollection(n *node, f Format, ro readOptions) *collection {
	c := &collection{node: n, real: n.real}
	c.Root, c.Format = n.path, f
	if f == FormatTldr {
		c.Platform = ro.platform
		c.Languages = ro.languages
	}
	n.coll = c
	return c
}

// detectCollection says what collection n is, if it is one.
func detectCollection(n *node, given bool) Format {
	if tldrRoot(n, given) {
		return FormatTldr
	}
	s := n.stats
	readable := s.readable()
	// A folder of navi cheats: nearly every file one (besides a README
	// and such, which navi ignores too).
	if s.navi > 0 && s.navi*5 >= readable*4 {
		return FormatNavi
	}
	// A cheatpath: mostly files without an extension, and those that are
	// sampled look like cheat sheets. The sample is small, but a folder of
	// notes saved without extensions fails it quickly.
	if s.bare > 0 && s.bare*5 >= readable*3 && cheatpath(n) {
		return FormatCheat
	}
	return ""
}

// tldrRoot reports a tldr pages tree: a pages folder ("pages",
// "pages.de") with platform folders in them; a folder holding pages
// folders and little else (a clone of the tldr repository, a client's
// cache), whose licence and READMEs then are not taken for notes; or, when
// named by the user, a platform folder of a pages folder.
func tldrRoot(n *node, given bool) bool {
	if pagesFolder(n) {
		return true
	}
	pages := 0
	for _, d := range n.dirs {
		if pagesFolder(d) {
			pages += d.stats.readable()
		}
	}
	if pages > 0 && pages*5 >= n.stats.readable()*4 {
		return true
	}
	if given && sheet.IsPlatform(n.name) {
		_, ok := sheet.PagesLanguage(filepath.Base(filepath.Dir(n.real)))
		return ok
	}
	return false
}

func pagesFolder(n *node) bool {
	if _, ok := sheet.PagesLanguage(n.name); !ok {
		return false
	}
	for _, d := range n.dirs {
		if sheet.IsPlatform(d.name) {
			return true
		}
	}
	return false
}

// cheatSample bounds how many files decide whether a folder is a cheatpath.
const cheatSample = 12

// cheatpath samples a folder's files without an extension, spread over
// the whole subtree, and reports whether they look like cheat sheets. A
// folder of one or two such files has to convince more: each must look
// like a cheat sheet even on its own.
func cheatpath(n *node) bool {
	var bare []entry
	var collect func(*node)
	collect = func(n *node) {
		for _, f := range n.files {
			if fileKind(f.name) == kindBare {
				bare = append(bare, f)
			}
		}
		for _, d := range n.dirs {
			collect(d)
		}
	}
	collect(n)
	step := max(1, len(bare)/cheatSample)
	sampled, good := 0, 0
	for i := 0; i < len(bare) && sampled < cheatSample; i += step {
		data, _, err := ReadFile(bare[i].path)
		if err != nil {
			continue
		}
		sampled++
		e := cheat.Examine(data)
		if len(bare) < 3 && e.Strict() || len(bare) >= 3 && e.Lenient() {
			good++
		}
	}
	return sampled > 0 && good*3 >= sampled*2
}

// member is a file of a collection that is read, with what its format
// needs to know about its place there.
type member struct {
	entry
	// rel is the file's path inside the collection, with "/": a cheat
	// sheet's name, or a tldr page's pages/platform/name.md.
	rel      string
	platform string
	language string
}

// members lists the files a collection reads, as its tool would: tldr
// pages are the .md files of the platform folders of the pages folders
// of the languages read (".md" included: it is the page of the "."
// command); a cheatpath's sheets are its files without an extension; navi
// reads .cheat and .cheat.md files.
func (c *collection) members() []member {
	var out []member
	switch c.Format {
	case FormatTldr:
		c.tldrMembers(c.node, &out)
	default:
		var walk func(n *node, rel string)
		walk = func(n *node, rel string) {
			for _, f := range n.files {
				k := fileKind(f.name)
				if c.Format == FormatCheat && k == kindBare || c.Format == FormatNavi && k == kindNavi {
					out = append(out, member{entry: f, rel: path.Join(rel, f.name)})
				}
			}
			for _, d := range n.dirs {
				walk(d, path.Join(rel, d.name))
			}
		}
		walk(c.node, "")
	}
	return out
}

func (c *collection) tldrMembers(root *node, out *[]member) {
	platformDir := func(n *node, lang, rel string) {
		plat := n.name
		if plat == "macos" {
			plat = "osx"
		}
		for _, f := range n.files {
			if strings.EqualFold(filepath.Ext(f.name), ".md") {
				*out = append(*out, member{entry: f, rel: path.Join(rel, n.name, f.name), platform: plat, language: lang})
			}
		}
	}
	pagesDir := func(n *node, rel string) {
		lang, _ := sheet.PagesLanguage(n.name)
		if !slices.Contains(c.Languages, lang) {
			return
		}
		for _, d := range n.dirs {
			platformDir(d, lang, path.Join(rel, n.name))
		}
	}
	switch {
	case pagesFolder(root):
		pagesDir(root, "")
	case !slices.ContainsFunc(root.dirs, pagesFolder):
		// A platform folder named on its own.
		lang, _ := sheet.PagesLanguage(filepath.Base(filepath.Dir(root.real)))
		if slices.Contains(c.Languages, lang) {
			platformDir(root, lang, "")
		}
	default:
		for _, d := range root.dirs {
			if pagesFolder(d) {
				pagesDir(d, "")
			}
		}
	}
}

// shadowed decides, for a tldr collection's pages, which are left out
// because a better page of the same name exists, as tldr clients choose
// the one page they show: the host platform's page wins over common's,
// and both win over other platforms' pages; within a platform the
// language the user prefers wins. Pages of other platforms with no host or
// common page of their name are kept (a Linux user may still want to find
// osx's pbcopy), each tagged with its platform. The result maps a member's
// index to the index of the page that wins over it.
//
// Leaving them out rather than ranking them lower: a page for another
// platform describes another program (BSD sed is not GNU sed), so showing
// it next to the host's would mislead, and the index has no notion of
// rank to demote it with.
func shadowed(ms []member, host string, langs []string) map[int]int {
	rank := func(m member) (int, int) {
		p := 2
		switch m.platform {
		case host:
			p = 0
		case "common":
			p = 1
		}
		l := slices.Index(langs, m.language)
		if l < 0 {
			l = len(langs)
		}
		return p, l
	}
	better := func(a, b member) bool {
		pa, la := rank(a)
		pb, lb := rank(b)
		return pa < pb || pa == pb && la < lb
	}
	byName := map[string][]int{}
	for i, m := range ms {
		name := strings.ToLower(strings.TrimSuffix(m.name, filepath.Ext(m.name)))
		byName[name] = append(byName[name], i)
	}
	out := map[int]int{}
	for _, idx := range byName {
		if len(idx) < 2 {
			continue
		}
		best := idx[0]
		for _, i := range idx[1:] {
			if better(ms[i], ms[best]) {
				best = i
			}
		}
		if p, _ := rank(ms[best]); p < 2 {
			for _, i := range idx {
				if i != best {
					out[i] = best
				}
			}
			continue
		}
		// Only other platforms' pages: the best of each platform stays.
		bestOf := map[string]int{}
		for _, i := range idx {
			if b, ok := bestOf[ms[i].platform]; !ok || better(ms[i], ms[b]) {
				bestOf[ms[i].platform] = i
			}
		}
		for _, i := range idx {
			if b := bestOf[ms[i].platform]; b != i {
				out[i] = b
			}
		}
	}
	return out
}

// findLicence looks for the licence of a collection: a LICENSE file at
// its root, or, for a tldr tree named below its repository's root (pages/,
// pages/linux/), at that root.
func (c *collection) findLicence() {
	dirs := []string{c.node.path}
	if c.Format == FormatTldr {
		up := c.node.path
		for range 2 {
			if _, ok := sheet.PagesLanguage(filepath.Base(up)); ok || sheet.IsPlatform(filepath.Base(up)) {
				up = filepath.Dir(up)
				dirs = append(dirs, up)
			}
		}
	}
	for _, dir := range dirs {
		ents, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range ents {
			if !licenceName(e.Name()) || e.IsDir() {
				continue
			}
			p := filepath.Join(dir, e.Name())
			c.LicenseFile = p
			if data, _, err := ReadFile(p); err == nil {
				c.License = identifyLicence(data)
				c.LicenseHolder = licenceHolder(data)
			}
			return
		}
	}
}

// licences are phrases that identify a licence text, with its SPDX name.
// The phrase found first in the text wins, so a file that licenses pages
// under one licence and scripts under another (tldr's) is named by the
// first.
var licences = []struct{ phrase, id string }{
	{"cc0 1.0 universal", "CC0-1.0"},
	{"creativecommons.org/publicdomain/zero/1.0", "CC0-1.0"},
	{"creative commons attribution-sharealike 4.0", "CC-BY-SA-4.0"},
	{"creativecommons.org/licenses/by-sa/4.0", "CC-BY-SA-4.0"},
	{"creative commons attribution 4.0", "CC-BY-4.0"},
	{"creativecommons.org/licenses/by/4.0", "CC-BY-4.0"},
	{"permission is hereby granted, free of charge", "MIT"},
	{"the mit license", "MIT"},
	{"apache license", "Apache-2.0"},
	{"gnu general public license", "GPL"},
	{"gnu lesser general public license", "LGPL"},
	{"mozilla public license", "MPL-2.0"},
	{"this is free and unencumbered software released into the public domain", "Unlicense"},
	{"redistribution and use in source and binary forms", "BSD"},
}

// identifyLicence names the licence of a licence file, or returns "".
func identifyLicence(data []byte) string {
	text := strings.ToLower(strings.Join(strings.Fields(string(data[:min(len(data), 16<<10)])), " "))
	best, at := "", len(text)+1
	for _, l := range licences {
		if i := strings.Index(text, l.phrase); i >= 0 && i < at {
			best, at = l.id, i
		}
	}
	switch best {
	case "GPL", "LGPL":
		for _, v := range []string{"3", "2"} {
			if strings.Contains(text, "version "+v) {
				return best + "-" + v + ".0"
			}
		}
	case "BSD":
		if strings.Contains(text, "neither the name") {
			return "BSD-3-Clause"
		}
		return "BSD-2-Clause"
	}
	return best
}

// Licence names the licence of a licence file's text and its holder, as
// how sources shows them for a collection: ("CC-BY-4.0", "tldr-pages
// team"); empty when the text does not say.
func Licence(data []byte) (id, holder string) {
	return identifyLicence(data), licenceHolder(data)
}

// copyrightRe finds a copyright line's holder: what follows the word, the
// sign and the years.
var copyrightRe = regexp.MustCompile(`(?im)^[ \t>*#-]*copyright[ \t]+(?:(?:©|\(c\)|&copy;)[ \t]*)?(?:[0-9]{4}(?:[ \t]*[-–—,][ \t]*(?:[0-9]{4}|present|now))*[ \t]*,?[ \t]*)?(?:by[ \t]+)?(\S.*)$`)

// mdLinkRe is a markdown link, whose text is what a reader sees.
var mdLinkRe = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// licenceHolder returns the holder a licence file's first copyright line
// names, shortened to its first party ("the tldr-pages team and
// contributors" gives "tldr-pages team"); "" when there is none. Licence
// texts quote a template ("Copyright [yyyy] [name of copyright owner]"),
// which names nobody and is skipped.
func licenceHolder(data []byte) string {
	text := string(data[:min(len(data), 16<<10)])
	for _, m := range copyrightRe.FindAllStringSubmatch(text, 8) {
		h := mdLinkRe.ReplaceAllString(m[1], "$1")
		h = strings.Trim(strings.TrimSpace(h), "*_")
		for _, sep := range []string{" and ", ". ", ", ", " <", " (", "*"} {
			if i := strings.Index(h, sep); i > 0 {
				h = h[:i]
			}
		}
		h = strings.TrimSuffix(strings.TrimSpace(h), ".")
		h = strings.TrimPrefix(h, "the ")
		h = strings.TrimPrefix(h, "The ")
		if !strings.ContainsFunc(h, unicode.IsLetter) || strings.ContainsAny(h, "[]{}") || strings.EqualFold(h, "notice") || len(h) > 60 {
			continue
		}
		return h
	}
	return ""
}
