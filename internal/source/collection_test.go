package source

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/howcli/how/internal/snippet"
)

const (
	cc0   = "Creative Commons Legal Code\n\nCC0 1.0 Universal\n\n    CREATIVE COMMONS CORPORATION IS NOT A LAW FIRM\n"
	ccBy  = "Copyright the team.\n\n**This work is licensed under the\n[Creative Commons Attribution 4.0 International License](https://creativecommons.org/licenses/by/4.0/)**\n\nScripts are under the MIT license:\n\n> Permission is hereby granted, free of charge, to any person\n"
	mitTx = "MIT License\n\nCopyright (c) 2020\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n"
)

// page is a tldr page for name with one example per command.
func page(name string, cmds ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n> The %s command.\n> More information: <https://example.org/%s>.\n", name, name, name)
	for _, c := range cmds {
		fmt.Fprintf(&b, "\n- Run %s:\n\n`%s`\n", c, c)
	}
	return b.String()
}

// home makes a folder with every kind of source in it, as a user might
// point HOW_PATH at their whole documents folder.
func home(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	// Notes.
	write(t, filepath.Join(root, "notes", "deploy.md"), markdownDoc)
	write(t, filepath.Join(root, "notes", "TODO"), proseNote)
	// A cheatpath: sheets without an extension (one nested), a README
	// and a licence, which cheat does not read as sheets either.
	cheats := filepath.Join(root, "cheats")
	write(t, filepath.Join(cheats, "tar"), cheatSheet)
	write(t, filepath.Join(cheats, "journalctl"), bareSheet)
	write(t, filepath.Join(cheats, "ls"), "# To list all files:\nls -la\n")
	write(t, filepath.Join(cheats, "df"), "# To show free space:\ndf -h\n")
	write(t, filepath.Join(cheats, "vim-plugins", "vim-fzf"), "---\nsyntax: vim\n---\n# To find files:\n:Files\n")
	write(t, filepath.Join(cheats, "README.md"), "# My cheatsheets\n\nRun `cheat tar` to see one.\n")
	write(t, filepath.Join(cheats, "LICENSE.txt"), cc0)
	// navi cheats in topic folders.
	navi := filepath.Join(root, "navi")
	write(t, filepath.Join(navi, "code", "git.cheat"), naviCheat)
	write(t, filepath.Join(navi, "misc", "shell.cheat"), "% shell\n\n# Show the date\ndate\n")
	write(t, filepath.Join(navi, "README.md"), "Cheats for navi.\n")
	write(t, filepath.Join(navi, "LICENSE"), mitTx)
	// A tldr tree with a licence at its root, a page for "." and German
	// pages (not read: English only by default).
	tldr := filepath.Join(root, "tldr")
	write(t, filepath.Join(tldr, "LICENSE.md"), ccBy)
	write(t, filepath.Join(tldr, "pages", "common", "tar.md"), page("tar", "tar xf {{file.tar}}", "tar cf {{file.tar}} {{dir}}"))
	write(t, filepath.Join(tldr, "pages", "common", "..md"), "# .\n\n> This command is an alias of `source`.\n\n- View documentation for the original command:\n\n`tldr source`\n")
	write(t, filepath.Join(tldr, "pages", "linux", "ip.md"), page("ip", "ip addr"))
	write(t, filepath.Join(tldr, "pages.de", "common", "tar.md"), page("tar", "tar xf {{datei.tar}}"))
	return root
}

func TestCollections(t *testing.T) {
	root := home(t)
	set := New(Options{Paths: []string{root}, NoBundled: true, Platform: "linux"})
	snips, reports, err := set.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	colls := map[Format]Collection{}
	for _, c := range set.Collections() {
		if _, dup := colls[c.Format]; dup {
			t.Errorf("two %s collections", c.Format)
		}
		colls[c.Format] = c
	}
	for f, want := range map[Format]struct {
		root, licence   string
		files, snippets int
	}{
		FormatCheat: {"cheats", "CC0-1.0", 5, 7},
		FormatNavi:  {"navi", "MIT", 2, 2},
		FormatTldr:  {"tldr", "CC-BY-4.0", 3, 3},
	} {
		c := colls[f]
		if c.Root != filepath.Join(root, want.root) || c.License != want.licence || c.Files != want.files || c.Snippets != want.snippets {
			t.Errorf("%s collection: %+v, want %+v", f, c, want)
		}
	}
	if len(colls) != 3 {
		t.Errorf("collections: %+v", set.Collections())
	}

	byPath := map[string]Report{}
	for _, r := range reports {
		byPath[r.Path] = r
	}
	for rel, want := range map[string]Format{
		"notes/deploy.md":            FormatNotes,
		"notes/TODO":                 FormatNotes,
		"cheats/tar":                 FormatCheat,
		"cheats/vim-plugins/vim-fzf": FormatCheat,
		"navi/code/git.cheat":        FormatNavi,
		"tldr/pages/common/tar.md":   FormatTldr,
		"tldr/pages/common/..md":     FormatTldr,
		"tldr/pages/linux/ip.md":     FormatTldr,
	} {
		r, ok := byPath[filepath.Join(root, rel)]
		if !ok || r.Err != nil || r.Format != want {
			t.Errorf("%s: %+v (read: %v), want format %s", rel, r, ok, want)
		}
	}
	// What the tools themselves do not read is not read.
	for _, rel := range []string{"cheats/README.md", "cheats/LICENSE.txt", "navi/README.md", "navi/LICENSE", "tldr/LICENSE.md", "tldr/pages.de/common/tar.md"} {
		if _, ok := byPath[filepath.Join(root, rel)]; ok {
			t.Errorf("%s was read", rel)
		}
	}
	// Nested sheets are named by their path in the cheatpath; origins
	// follow the format.
	for _, s := range snips {
		if strings.HasPrefix(s.Command, ":Files") && s.Tool != "vim-plugins/vim-fzf" {
			t.Errorf("nested sheet's tool %q", s.Tool)
		}
		want := map[string]string{"cheats": snippet.OriginCheat, "navi": snippet.OriginNavi, "tldr": snippet.OriginTldr, "notes": snippet.OriginNotes}
		top := strings.SplitN(strings.TrimPrefix(s.Source, root+string(filepath.Separator)), string(filepath.Separator), 2)[0]
		if s.Origin != want[top] {
			t.Errorf("%s from %s has origin %s", s.Command, s.Source, s.Origin)
		}
	}
	// The alias page is read, its pointer example left out, its target kept.
	dot := byPath[filepath.Join(root, "tldr", "pages", "common", "..md")]
	if dot.Snippets != 0 || dot.Omitted != 1 || dot.Page == nil || dot.Page.AliasOf != "source" || !strings.Contains(dot.Why, "alias of source") {
		t.Errorf("alias page: %+v", dot)
	}
	if dot.Collection != filepath.Join(root, "tldr") {
		t.Errorf("alias page's collection: %q", dot.Collection)
	}
}

// TestTldrResolution: the host platform's page wins over common's, both
// over other platforms', and the preferred language within a platform;
// other platforms' pages with no rival are kept, tagged.
func TestTldrResolution(t *testing.T) {
	root := t.TempDir()
	pages := filepath.Join(root, "pages")
	write(t, filepath.Join(pages, "common", "cat.md"), page("cat", "cat {{file}}"))
	write(t, filepath.Join(pages, "linux", "cat.md"), page("cat", "cat -A {{file}}"))
	write(t, filepath.Join(pages, "osx", "cat.md"), page("cat", "cat -e {{file}}"))
	write(t, filepath.Join(pages, "osx", "pbcopy.md"), page("pbcopy", "pbcopy < {{file}}"))
	write(t, filepath.Join(pages, "osx", "say.md"), page("say", "say hi"))
	write(t, filepath.Join(pages, "windows", "say.md"), page("say", "say.exe hi"))
	write(t, filepath.Join(pages, "sunos", "svcs.md"), page("svcs", "svcs -a"))
	write(t, filepath.Join(root, "pages.de", "common", "ls.md"), page("ls", "ls -la # de"))
	write(t, filepath.Join(pages, "common", "ls.md"), page("ls", "ls -la"))
	write(t, filepath.Join(root, "pages.de", "common", "cat.md"), page("cat", "cat {{datei}}"))

	load := func(opts Options) (map[string]string, map[string]Report) {
		t.Helper()
		opts.Paths, opts.NoBundled = []string{root}, true
		snips, reports, err := New(opts).Load(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		cmds := map[string]string{}
		for _, s := range snips {
			cmds[s.Command] = strings.Join(s.Tags, ",")
		}
		reps := map[string]Report{}
		for _, r := range reports {
			rel, _ := filepath.Rel(root, r.Path)
			reps[filepath.ToSlash(rel)] = r
		}
		return cmds, reps
	}

	cmds, reps := load(Options{Platform: "linux"})
	want := map[string]string{
		"cat -A {{file}}":   "linux",
		"pbcopy < {{file}}": "osx",
		"say hi":            "osx",
		"say.exe hi":        "windows",
		"svcs -a":           "sunos",
		"ls -la":            "common",
	}
	if !mapsEqual(cmds, want) {
		t.Errorf("on linux: %v, want %v", cmds, want)
	}
	if r := reps["pages/common/cat.md"]; r.Omitted != 1 || r.Why != "shadowed by "+filepath.Join(pages, "linux", "cat.md") {
		t.Errorf("common/cat.md: %+v", r)
	}

	cmds, _ = load(Options{Platform: "osx"})
	if _, ok := cmds["cat -e {{file}}"]; !ok || len(cmds) != 5 {
		t.Errorf("on osx: %v", cmds)
	}

	// German preferred: the German common page wins over the English one,
	// but the host platform's English page still wins over both.
	cmds, _ = load(Options{Platform: "linux", Languages: []string{"de"}})
	if _, ok := cmds["ls -la # de"]; !ok {
		t.Errorf("German page not preferred: %v", cmds)
	}
	if _, ok := cmds["cat -A {{file}}"]; !ok {
		t.Errorf("platform did not take precedence over language: %v", cmds)
	}
	if _, ok := cmds["ls -la"]; ok {
		t.Errorf("English page kept beside the German one: %v", cmds)
	}

	// No host platform at all: common wins, the others stay as they are.
	cmds, _ = load(Options{Platform: "plan9"})
	if _, ok := cmds["cat {{file}}"]; !ok {
		t.Errorf("common not preferred without a host platform: %v", cmds)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// A tldr platform folder or pages folder named on its own is a collection
// too, with the licence found at the repository's root.
func TestTldrSubfolders(t *testing.T) {
	root := home(t)
	for _, sub := range []string{"tldr/pages", "tldr/pages/common"} {
		set := New(Options{Paths: []string{filepath.Join(root, sub)}, NoBundled: true})
		if _, _, err := set.Load(context.Background()); err != nil {
			t.Fatal(err)
		}
		colls := set.Collections()
		if len(colls) != 1 || colls[0].Format != FormatTldr || colls[0].License != "CC-BY-4.0" || colls[0].Files == 0 {
			t.Errorf("%s: %+v", sub, colls)
		}
	}
}

// The user's configuration wins over detection.
func TestFormatsOverride(t *testing.T) {
	root := home(t)
	notes := filepath.Join(root, "notes")
	cheats := filepath.Join(root, "cheats")
	set := New(Options{Paths: []string{notes, cheats}, NoBundled: true, Formats: map[string]Format{notes: FormatCheat, cheats: FormatNotes}})
	_, reports, err := set.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Format{}
	for _, r := range reports {
		rel, _ := filepath.Rel(root, r.Path)
		got[filepath.ToSlash(rel)] = r.Format
	}
	if got["notes/TODO"] != FormatCheat || got["cheats/tar"] != FormatCheat || got["cheats/ls"] != FormatNotes {
		t.Errorf("formats: %v", got)
	}
	// Pinned as cheat, the notes folder reads only files without extension.
	if _, ok := got["notes/deploy.md"]; ok {
		t.Error("a cheatpath read a .md file")
	}
	if len(set.Collections()) != 1 {
		t.Errorf("collections: %+v", set.Collections())
	}
}

func TestPersonal(t *testing.T) {
	dir := t.TempDir()
	mine := write(t, filepath.Join(dir, "data", "personal.md"), "# rsync\n\n> Mine.\n\n- Mirror a folder:\n\n`rsync -a --delete src/ dst/`\n")
	snips, reports, err := New(Options{NoBundled: true, Personal: mine}).Load(context.Background())
	if err != nil || len(snips) != 1 || snips[0].Origin != snippet.OriginPersonal || reports[0].Origin != snippet.OriginPersonal {
		t.Errorf("personal: %+v %+v %v", snips, reports, err)
	}
	// Also when the folder it is in is a source too.
	snips, _, _ = New(Options{NoBundled: true, Paths: []string{dir}, Personal: mine}).Load(context.Background())
	if len(snips) != 1 || snips[0].Origin != snippet.OriginPersonal {
		t.Errorf("personal in a source folder: %+v", snips)
	}
	// Not written yet: nothing, and no error.
	set := New(Options{NoBundled: true, Personal: filepath.Join(dir, "none.md")})
	if snips, reports, err := set.Load(context.Background()); len(snips)+len(reports) != 0 || err != nil || !set.Empty() {
		t.Errorf("missing personal sheet: %v %v %v", snips, reports, err)
	}
}

func TestIdentifyLicence(t *testing.T) {
	for text, want := range map[string]string{
		cc0:   "CC0-1.0",
		ccBy:  "CC-BY-4.0",
		mitTx: "MIT",
		"                                 Apache License\n                           Version 2.0, January 2004\n": "Apache-2.0",
		"GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n":                                                   "GPL-3.0",
		"Redistribution and use in source and binary forms ... Neither the name of":                               "BSD-3-Clause",
		"This is free and unencumbered software released into the public domain.":                                 "Unlicense",
		"All rights reserved.": "",
	} {
		if got := identifyLicence([]byte(text)); got != want {
			t.Errorf("identifyLicence(%.30q) = %q, want %q", text, got, want)
		}
	}
}

func TestLanguages(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want []string
	}{
		{map[string]string{}, []string{"en"}},
		{map[string]string{"LANG": "C"}, []string{"en"}},
		{map[string]string{"LANG": "de_DE.UTF-8"}, []string{"de_DE", "de", "en"}},
		{map[string]string{"LANG": "pt_BR.UTF-8", "LANGUAGE": "fr:pt_BR"}, []string{"fr", "pt_BR", "pt", "en"}},
		// LANGUAGE is ignored when LANG is unset or C, as gettext does.
		{map[string]string{"LANGUAGE": "fr"}, []string{"en"}},
		{map[string]string{"LANG": "en_GB.UTF-8"}, []string{"en"}},
	} {
		if got := Languages(func(k string) string { return c.env[k] }); !slices.Equal(got, c.want) {
			t.Errorf("Languages(%v) = %q, want %q", c.env, got, c.want)
		}
	}
}

// A path's tags (a cheatpath's, from the config) are added to every
// command read from it, after the sheet's own, once each; other paths'
// commands are left alone. Changing them changes the fingerprint, so the
// index is rebuilt.
func TestTags(t *testing.T) {
	root := home(t)
	cheats := filepath.Join(root, "cheats")
	notes := filepath.Join(root, "notes", "deploy.md")
	opts := Options{Paths: []string{cheats, notes}, NoBundled: true, Tags: map[string][]string{cheats: {"community", "archive"}, notes: {"work"}}}
	snips, _, err := New(opts).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, s := range snips {
		switch {
		case s.Tool == "tar":
			// The tar sheet's front matter has tags of its own.
			if !slices.Contains(s.Tags, "community") || !slices.Contains(s.Tags, "archive") || s.Tags[len(s.Tags)-2] != "community" {
				t.Errorf("tar: tags %q", s.Tags)
			}
			n := 0
			for _, tag := range s.Tags {
				if tag == "archive" {
					n++
				}
			}
			if n != 1 {
				t.Errorf("tar: tag archive %d times: %q", n, s.Tags)
			}
			seen++
		case s.Origin == snippet.OriginNotes:
			if !slices.Equal(s.Tags[len(s.Tags)-1:], []string{"work"}) {
				t.Errorf("%s: tags %q", s.Command, s.Tags)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no tar sheet read")
	}
	fp1, _ := New(opts).Fingerprint()
	opts.Tags = map[string][]string{cheats: {"community"}}
	fp2, _ := New(opts).Fingerprint()
	if fp1 == fp2 {
		t.Error("the fingerprint does not depend on the tags")
	}
}

// An example of the personal sheet without a how comment (written by hand)
// belongs to the program its command runs, not to the page's title; one
// with a tool of its own keeps it.
func TestPersonalTool(t *testing.T) {
	dir := t.TempDir()
	mine := write(t, filepath.Join(dir, "personal.md"), "# personal\n\n> Mine.\n\n"+
		"- Mirror a folder:\n\n`sudo -u backup rsync -a --delete src/ dst/`\n\n"+
		"- Count lines:\n\n`wc -l *.go`\n<!-- how tool=\"golines\" -->\n\n"+
		"- Odd one:\n\n`{{placeholder}} --x`\n")
	snips, _, err := New(Options{NoBundled: true, Personal: mine}).Load(context.Background())
	if err != nil || len(snips) != 3 {
		t.Fatalf("%+v %v", snips, err)
	}
	for i, want := range []string{"rsync", "golines", "personal"} {
		if snips[i].Tool != want {
			t.Errorf("%s: tool %q, want %q", snips[i].Command, snips[i].Tool, want)
		}
	}
}

func TestLicenceHolder(t *testing.T) {
	for text, want := range map[string]string{
		"<!-- markdownlint-disable MD041 -->\nCopyright © 2014—present the [tldr-pages team](https://github.com/orgs/tldr-pages/people)\nand [contributors](https://x).\n": "tldr-pages team",
		mitTx: "",
		"MIT License\n\nCopyright (c) 2019 Jane Doe <jane@example.org>\n\nPermission is hereby granted": "Jane Doe",
		"Copyright 2020-2023 The Foo Authors. All rights reserved.\n":                                   "Foo Authors",
		"   Copyright [yyyy] [name of copyright owner]\n":                                               "",
		cc0: "",
		"Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>\n": "Free Software Foundation",
	} {
		if got := licenceHolder([]byte(text)); got != want {
			t.Errorf("licenceHolder(%.40q) = %q, want %q", text, got, want)
		}
	}
}

// Invalidate makes the next fingerprint sweep: an edit in place, which
// changes no folder, is then seen at once.
func TestInvalidate(t *testing.T) {
	root := home(t)
	page := filepath.Join(root, "tldr", "pages", "common", "tar.md")
	set := New(Options{Paths: []string{root}, NoBundled: true, StateDir: t.TempDir(), SweepEvery: time.Hour,
		Now: func() time.Time { return time.Now().Add(time.Minute) }})
	before, _ := set.Fingerprint()
	info, err := os.Stat(page)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(page, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\n- Another:\n\n`tar tf x`\n")
	f.Close()
	os.Chtimes(page, info.ModTime().Add(time.Second), info.ModTime().Add(time.Second))
	if same, _ := set.Fingerprint(); same != before {
		t.Skip("the folder changed too: nothing to show here")
	}
	sweeps := set.sweeps
	set.Invalidate()
	after, _ := set.Fingerprint()
	if after == before || set.sweeps != sweeps+1 {
		t.Errorf("after Invalidate: changed %v, %d sweeps", after != before, set.sweeps-sweeps)
	}
}

// TestTldrIndexed: a tldr page's command carries how the index reads it,
// which only the tldr reader knows: its alternatives in their first
// spelling, its value placeholders apart from the words typed, its platform
// folder as where it runs rather than what it is about. Other sources'
// commands read as written.
func TestTldrIndexed(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "tldr", "pages", "osx", "docker.md"),
		page("docker", "docker {{[exec|container exec]}} {{[-it|--interactive --tty]}} {{container_name}} {{sh}}"))
	write(t, filepath.Join(root, "notes", "n.md"), "```\ndocker exec -it web sh   # a shell in web\n```\n")
	snips, _, err := New(Options{Paths: []string{filepath.Join(root, "tldr"), filepath.Join(root, "notes")}, NoBundled: true}).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(snips) != 2 {
		t.Fatalf("%d snippets: %+v", len(snips), snips)
	}
	want := snippet.Indexed{
		Head:     "docker exec container exec -it --interactive --tty",
		Body:     "container_name sh",
		Spelled:  "docker exec -it {{container_name}} {{sh}}",
		Platform: "osx",
	}
	if got := snips[0].Indexed; got == nil || strings.Join(strings.Fields(got.Head), " ") != want.Head || got.Body != want.Body || got.Spelled != want.Spelled ||
		got.Platform != want.Platform || len(got.Topics) != 0 {
		t.Errorf("tldr command read by the index as %+v, want %+v", got, want)
	}
	if snips[1].Indexed != nil {
		t.Errorf("a note's command read by the index as %+v, want as written", snips[1].Indexed)
	}
}
