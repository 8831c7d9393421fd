package edit

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/shell"
)

// ErrNoEditor is the error when neither VISUAL nor EDITOR is set.
var ErrNoEditor = errors.New("no editor: set VISUAL or EDITOR (for example: export EDITOR=vim)")

// Editor is the command line that opens a file at a line.
type Editor struct {
	// Name is the editor's program, as found in VISUAL or EDITOR.
	Name string
	Args []string
	// AtLine is false when the editor is not one whose way of taking a
	// line is known: the file is opened at its top.
	AtLine bool
}

// How editors take a line to open a file at. Those not listed get the file
// alone: a guess such as "+LINE" would be opened as a file of that name
// by an editor that does not know it.
var (
	// plusLine editors take "+LINE FILE" (vi and the editors that follow
	// its convention).
	plusLine = set("vi", "vim", "nvim", "gvim", "mvim", "view", "vim.basic", "vim.tiny", "vim.nox", "lvim",
		"nano", "pico", "rnano", "emacs", "emacsclient", "micro", "kak", "joe", "jed", "ne", "mg", "vis", "gedit",
		"mcedit", "tilde", "amp")
	// colonLine editors take "FILE:LINE"; helix has done so longer than it
	// has taken +LINE.
	colonLine = set("hx", "helix", "subl", "sublime_text", "zed", "zeditor", "atom", "lapce")
	// gotoLine editors take "-g FILE:LINE" (VS Code and its forks).
	gotoLine = set("code", "code-insiders", "codium", "vscodium", "cursor", "windsurf", "code-oss")
	// endOptions editors take "--" for the end of their options: the
	// file after it is a file whatever it starts with. The file is
	// absolute anyway; this is for an editor that reads a "+" or "-"
	// inside a path some other way. Editors left out of it read "--" as
	// a file name (micro, whose flags stop at the first argument that is
	// not one) or were not checked.
	endOptions = set("vi", "vim", "nvim", "gvim", "mvim", "view", "vim.basic", "vim.tiny", "vim.nox", "lvim",
		"nano", "rnano", "emacs",
		"code", "code-insiders", "codium", "vscodium", "cursor", "windsurf", "code-oss")
)

// windows is set where EDITOR holds Windows paths, whose backslashes a
// shell would take for escapes.
var windows = runtime.GOOS == "windows"

// windowsFields splits a Windows command line: words apart by blanks,
// double quotes around words with blanks, backslashes as they are.
func windowsFields(s string) []string {
	var words []string
	var cur strings.Builder
	inQuote, inWord := false, false
	for _, r := range s {
		switch {
		case r == '"':
			inQuote, inWord = !inQuote, true
		case (r == ' ' || r == '\t') && !inQuote:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// FindEditor reads the editor from VISUAL, else EDITOR, split into words
// as a shell would ("code -w", "'/opt/my editor/bin/ed'"), and returns the
// command that opens file at line (1-based; 0: no line). file is made
// absolute first: a file named "-c!touch x" or "+!cmd" is an option to
// vi, and only a path starting with "/" (or a drive) can never be one.
func FindEditor(getenv func(string) string, file string, line int) (Editor, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return Editor{}, fmt.Errorf("%s: %w", file, err)
	}
	file = abs
	value, from := getenv("VISUAL"), "VISUAL"
	if strings.TrimSpace(value) == "" {
		value, from = getenv("EDITOR"), "EDITOR"
	}
	if strings.TrimSpace(value) == "" {
		return Editor{}, ErrNoEditor
	}
	var words []string
	if windows {
		words = windowsFields(value)
	} else {
		var err error
		if words, err = shell.Fields(value, getenv); err != nil {
			words = nil
		}
	}
	if len(words) == 0 {
		return Editor{}, errors.New(from + " is not a command how can run: " + strconv.Quote(value))
	}
	ed := Editor{Name: words[0], Args: words[1:]}
	base := words[0]
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	base = strings.TrimSuffix(strings.ToLower(base), ".exe")
	n := strconv.Itoa(line)
	end := []string{}
	if endOptions[base] {
		end = append(end, "--")
	}
	switch {
	case line <= 0:
		ed.Args = append(append(ed.Args, end...), file)
	case plusLine[base]:
		ed.Args = append(append(ed.Args, "+"+n), append(end, file)...)
		ed.AtLine = true
	case colonLine[base]:
		ed.Args = append(ed.Args, file+":"+n)
		ed.AtLine = true
	case gotoLine[base]:
		ed.Args = append(append(ed.Args, "-g"), append(end, file+":"+n)...)
		ed.AtLine = true
	case base == "kate" || base == "mate":
		ed.Args = append(ed.Args, "-l", n, file)
		ed.AtLine = true
	case base == "idea" || base == "goland" || base == "pycharm" || base == "webstorm":
		ed.Args = append(ed.Args, "--line", n, file)
		ed.AtLine = true
	case base == "notepad++":
		ed.Args = append(ed.Args, "-n"+n, file)
		ed.AtLine = true
	default:
		ed.Args = append(ed.Args, file)
	}
	return ed, nil
}
