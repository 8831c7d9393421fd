package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// A corpus part is one kind of text this machine carries, read as
// paragraphs: a paragraph is the unit the trainer's context windows stay
// inside.
type part struct {
	name string
	// weight repeats the part's paragraphs: the collections' descriptions
	// are few beside the manuals, but they are the register queries are
	// asked in.
	weight int
	read   func(emit func(string)) error
}

// parts lists what the model learns from. Each reader skips what is not
// there, so the generator runs on any Debian-like machine; the summary it
// prints says how much each part gave.
func parts(collections string) []part {
	return []part{
		{"man pages (sections 1, 5, 7, 8)", 1, readManPages},
		{"Debian package descriptions", 1, readPackageDescriptions},
		{"AppStream component descriptions", 1, readAppStream},
		{"/usr/share/doc READMEs and text", 1, readDocs},
		{"info manuals", 1, readInfo},
		{"collections' descriptions", 5, func(emit func(string)) error { return readCollections(collections, emit) }},
	}
}

// Troff: font changes and named characters go; the argument text of
// font macros stays.
var (
	troffFont   = regexp.MustCompile(`\\f(\[[^\]]*\]|\(..|.)`)
	troffEscape = regexp.MustCompile(`\\(\(..|\*\(..|\*\[[^\]]*\]|\*.|\[[^\]]*\]|s[-+]?\d+|[&e\-|^~0 ":%/,])`)
	markupTag   = regexp.MustCompile(`<[^>]+>`)
)

// readManPages reads the English man pages of the sections about commands,
// file formats and administration; the library sections (2, 3) describe
// C and Perl interfaces in words people do not ask in.
func readManPages(emit func(string)) error {
	var pages []string
	for _, sec := range []string{"1", "5", "7", "8"} {
		m, _ := filepath.Glob("/usr/share/man/man" + sec + "/*")
		pages = append(pages, m...)
	}
	sort.Strings(pages)
	for _, p := range pages {
		if err := readManPage(p, emit); err != nil {
			return err
		}
	}
	return nil
}

func readManPage(path string, emit func(string)) error {
	r, err := open(path)
	if err != nil {
		return nil // a dangling link or an unreadable page: skip it
	}
	defer r.Close()
	var para []string
	flush := func() {
		if len(para) > 0 {
			emit(strings.Join(para, " "))
			para = para[:0]
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, ".so ") {
			return nil // a page that only points at another
		}
		if strings.HasPrefix(line, ".") || strings.HasPrefix(line, "'") {
			f := strings.Fields(line)
			switch {
			case len(f) == 0:
			case f[0] == ".B" || f[0] == ".I" || f[0] == ".BR" || f[0] == ".IR" || f[0] == ".RB" ||
				f[0] == ".RI" || f[0] == ".BI" || f[0] == ".IB" || f[0] == ".SM" || f[0] == ".SB":
				para = append(para, strings.ReplaceAll(strings.Join(f[1:], " "), `"`, ""))
			default:
				flush()
			}
			continue
		}
		line = troffEscape.ReplaceAllString(troffFont.ReplaceAllString(line, ""), " ")
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		para = append(para, line)
	}
	flush()
	return nil
}

// readPackageDescriptions reads the short descriptions in apt's package
// lists and the long ones in its Translation-en files (apt-get update
// fetches those unless Acquire::Languages says "none", as Debian's Docker
// images do: `apt-get update -o Acquire::Languages=en` gets them).
func readPackageDescriptions(emit func(string)) error {
	lists, _ := filepath.Glob(filepath.Join(aptLists, "*_Packages*"))
	trans, _ := filepath.Glob(filepath.Join(aptLists, "*_i18n_Translation-en*"))
	for _, p := range append(lists, trans...) {
		r, err := open(p)
		if err != nil {
			continue
		}
		var para []string
		flush := func() {
			if len(para) > 0 {
				emit(strings.Join(para, " "))
				para = para[:0]
			}
		}
		inDesc := false
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "Description: "), strings.HasPrefix(line, "Description-en: "):
				flush()
				_, d, _ := strings.Cut(line, ": ")
				emit(d)
				inDesc = true
			case inDesc && line == " .":
				flush()
			case inDesc && strings.HasPrefix(line, " "):
				para = append(para, strings.TrimSpace(line))
			default:
				flush()
				inDesc = false
			}
		}
		flush()
		r.Close()
		if err := sc.Err(); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	return nil
}

// readAppStream reads the summaries and descriptions of the AppStream
// component lists apt keeps: the words of desktop programs (folder, photo,
// launch) that manuals rarely use.
func readAppStream(emit func(string)) error {
	files, _ := filepath.Glob(filepath.Join(aptLists, "*Components-*.yml*"))
	for _, p := range files {
		r, err := open(p)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		lang := ""
		for sc.Scan() {
			line := sc.Text()
			t := strings.TrimSpace(line)
			// Translations are keyed by language ("  de: ..."); only
			// C (the original, English) is kept.
			if k, v, ok := strings.Cut(t, ": "); ok && len(k) <= 6 && !strings.ContainsAny(k, " <") {
				lang = k
				if k == "C" && v != ">-" && v != "|" {
					emit(markupTag.ReplaceAllString(v, " "))
				}
				continue
			}
			if lang == "C" && strings.HasPrefix(t, "<") {
				emit(markupTag.ReplaceAllString(t, " "))
			}
		}
		r.Close()
	}
	return nil
}

// readDocs reads the READMEs and text files under /usr/share/doc;
// changelogs and copyright files are lists of names and licences.
func readDocs(emit func(string)) error {
	var files []string
	_ = filepath.WalkDir("/usr/share/doc", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		name := strings.ToLower(strings.TrimSuffix(d.Name(), ".gz"))
		if strings.Contains(name, "changelog") || strings.Contains(name, "copyright") || strings.Contains(name, "news") {
			return nil
		}
		if strings.HasPrefix(name, "readme") || strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".txt") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	for _, p := range files {
		readParagraphs(p, emit)
	}
	return nil
}

// readInfo reads the GNU info manuals (coreutils, findutils, ...): text
// with a few control characters, which the tokenizer drops.
func readInfo(emit func(string)) error {
	files, _ := filepath.Glob("/usr/share/info/*.info*")
	sort.Strings(files)
	for _, p := range files {
		readParagraphs(p, emit)
	}
	return nil
}

// readCollections reads what the collections say their commands do: tldr
// page summaries and example descriptions, cheat's comments, navi's
// descriptions. Commands themselves are left out: their tokens are not
// the words of a question.
func readCollections(root string, emit func(string)) error {
	if root == "" {
		return nil
	}
	return walkCollections(root, func(_ string, descs []string) {
		for _, d := range descs {
			emit(d)
		}
	})
}

// walkCollections calls page with each page's descriptions, page by page:
// tldr's "> summary" and "- description:" lines, cheat's "# comment" lines
// and navi's "# description" lines.
func walkCollections(root string, page func(path string, descs []string)) error {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") &&
			!strings.EqualFold(d.Name(), "LICENSE.md") && !strings.EqualFold(d.Name(), "LICENSE.txt") &&
			!strings.EqualFold(d.Name(), "README.md") && !strings.EqualFold(d.Name(), "SOURCES.md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var descs []string
		for _, line := range strings.Split(string(data), "\n") {
			t := strings.TrimSpace(line)
			switch {
			case strings.HasPrefix(t, "> "):
				descs = append(descs, strings.TrimPrefix(t, "> "))
			case strings.HasPrefix(t, "- ") && strings.HasSuffix(t, ":"):
				descs = append(descs, strings.TrimSuffix(strings.TrimPrefix(t, "- "), ":"))
			case strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "#!"):
				if d := strings.TrimSpace(strings.TrimLeft(t, "#")); d != "" {
					descs = append(descs, strings.TrimSuffix(d, ":"))
				}
			}
		}
		page(p, descs)
	}
	return nil
}

func readParagraphs(path string, emit func(string)) {
	r, err := open(path)
	if err != nil {
		return
	}
	defer r.Close()
	var para []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		t := strings.TrimSpace(sc.Text())
		if t == "" {
			if len(para) > 0 {
				emit(strings.Join(para, " "))
				para = para[:0]
			}
			continue
		}
		para = append(para, t)
	}
	if len(para) > 0 {
		emit(strings.Join(para, " "))
	}
}

// open opens a file, uncompressing .gz and .lz4 (through lz4, which apt's
// lists need and Debian installs with apt).
func open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	switch {
	case strings.HasSuffix(path, ".gz"):
		z, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, err
		}
		return readCloser{z, f}, nil
	case strings.HasSuffix(path, ".lz4"):
		f.Close()
		out, err := exec.Command("lz4cat", path).Output()
		if err != nil {
			return nil, fmt.Errorf("%s: lz4cat: %w", path, err)
		}
		return io.NopCloser(bytes.NewReader(out)), nil
	}
	return f, nil
}

type readCloser struct {
	io.Reader
	io.Closer
}
