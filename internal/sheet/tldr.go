package sheet

import (
	"path"
	"path/filepath"
	"strings"
)

// What tldr's client specification (v2.3) says a page's path and its "> "
// lines mean, beyond the examples.

// platforms are the tldr platform folders the specification names. A page
// found in a folder directly under a pages folder is read as being for
// that platform even when it is not listed here: the specification asks
// clients not to break on new platforms.
var platforms = map[string]bool{
	"common": true, "linux": true, "osx": true, "windows": true, "android": true,
	"freebsd": true, "netbsd": true, "openbsd": true, "sunos": true, "cisco-ios": true, "dos": true,
}

// IsPlatform reports whether name is a platform folder the specification
// names ("macos" included, as the spelling it recommends for osx).
func IsPlatform(name string) bool {
	return platforms[name] || name == "macos"
}

// PagesLanguage reports whether a folder name is a tldr pages folder and
// for which language: "pages" is English, "pages.de" German, "pages.pt_BR"
// Brazilian Portuguese. Cache folders of clients use "pages.en" for English.
func PagesLanguage(dir string) (string, bool) {
	if dir == "pages" {
		return "en", true
	}
	lang, ok := strings.CutPrefix(dir, "pages.")
	if !ok || lang == "" || strings.ContainsAny(lang, " .") {
		return "", false
	}
	return lang, true
}

// Platform returns the tldr platform and language of a page from its path:
// pages/linux/tar.md is linux in English, pages.fr/osx/say.md osx in French.
// A folder named like a known platform is taken as one even outside a pages
// folder (a user's copy of just "linux/"), with no language. macos is the
// specification's alias of osx.
func Platform(name string) (platform, language string) {
	dir := path.Dir(filepath.ToSlash(name))
	plat := path.Base(dir)
	lang, inPages := PagesLanguage(path.Base(path.Dir(dir)))
	if !inPages && !IsPlatform(plat) || plat == "." || plat == "/" {
		return "", ""
	}
	if plat == "macos" {
		plat = "osx"
	}
	return plat, lang
}

// describe fills the page facts that its "> " lines give.
func (p *Page) describe() {
	p.Summary, p.SeeAlso, p.URL, p.AliasOf = nil, nil, "", ""
	for _, d := range p.Description {
		t := strings.TrimSpace(d)
		if rest, ok := cutPrefixFold(t, "More information:"); ok {
			url := strings.TrimSuffix(strings.TrimSpace(rest), ".")
			p.URL = strings.TrimSuffix(strings.TrimPrefix(url, "<"), ">")
			continue
		}
		if rest, ok := cutPrefixFold(t, "See also:"); ok {
			p.SeeAlso = append(p.SeeAlso, codeSpans(rest)...)
			continue
		}
		if p.AliasOf == "" {
			if _, rest, ok := strings.Cut(t, "an alias of "); ok {
				if spans := codeSpans(rest); len(spans) > 0 {
					p.AliasOf = spans[0]
				}
			}
		}
		p.Summary = append(p.Summary, d)
	}
}

// cutPrefixFold is strings.CutPrefix ignoring case. (Lower-casing the
// line first would not do: it can change its length, and with it where
// the prefix ends.)
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// codeSpans returns the text of each single-backtick code span in s.
func codeSpans(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '`')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i+1:], '`')
		if j < 0 {
			return out
		}
		if span := strings.TrimSpace(s[i+1 : i+1+j]); span != "" {
			out = append(out, span)
		}
		s = s[i+j+2:]
	}
}

// Placeholder is one {{...}} in a tldr command.
type Placeholder struct {
	// Start and End are the byte offsets of the whole placeholder, braces
	// included, in the command.
	Start, End int
	// Text is what stands between the braces, as written.
	Text string
	// Short and Long are an option placeholder's two spellings, as in
	// {{[-f|--follow]}}; empty for other placeholders.
	Short, Long string
}

// Placeholders finds the placeholders of a tldr command the way the
// specification reads them: "\{\{" and "\}\}" are literal braces, and
// braces inside a placeholder nest, so in {{stash@{0}}} the outer pair is
// the placeholder. An opening "{{" that is never closed is literal text.
// Commands are kept as written; this is for whoever wants to show or fill
// the placeholders.
func Placeholders(cmd string) []Placeholder {
	var out []Placeholder
	for i := 0; i+1 < len(cmd); i++ {
		if cmd[i] == '\\' {
			i++ // an escaped character is literal, "\{" included
			continue
		}
		if cmd[i] != '{' || cmd[i+1] != '{' {
			continue
		}
		end := closePlaceholder(cmd, i+2)
		if end < 0 {
			continue
		}
		p := Placeholder{Start: i, End: end + 2, Text: cmd[i+2 : end]}
		p.Short, p.Long = optionPlaceholder(p.Text)
		out = append(out, p)
		i = end + 1
	}
	return out
}

// maxPlaceholder bounds how far a placeholder's closing braces are looked
// for: real ones are a few words long, and without a bound a command full
// of unclosed "{{" would be scanned to its end from each of them.
const maxPlaceholder = 512

// closePlaceholder returns the index of the "}}" that closes a placeholder
// whose text starts at from, or -1. Single braces inside nest.
func closePlaceholder(cmd string, from int) int {
	depth := 0
	for j := from; j < len(cmd) && j < from+maxPlaceholder; j++ {
		switch cmd[j] {
		case '\\':
			j++
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
				continue
			}
			if j+1 < len(cmd) && cmd[j+1] == '}' {
				// "}}}" after a nested "{": the first brace closes the
				// nested one, and was counted above; here depth is 0, so
				// this pair closes the placeholder.
				return j
			}
		}
	}
	return -1
}

// optionPlaceholder splits "[-s|--long]" into its two spellings. Pages
// use the same form for subcommands ("[a|add]", "[k|--sort]") and for
// spellings of several words ("[ps|container ls]", "[-it|--interactive
// --tty]"): any two alternatives, the shorter first. Blanks may separate
// words inside a spelling, never start or end one.
func optionPlaceholder(text string) (short, long string) {
	inner, ok := strings.CutPrefix(text, "[")
	if !ok {
		return "", ""
	}
	inner, ok = strings.CutSuffix(inner, "]")
	if !ok {
		return "", ""
	}
	s, l, ok := strings.Cut(inner, "|")
	if !ok || !spelling(s) || !spelling(l) {
		return "", ""
	}
	if len(l) < len(s) {
		s, l = l, s
	}
	return s, l
}

// spelling reports whether s can be one spelling of an option or
// subcommand: words separated by single spaces, none of tldr's syntax.
func spelling(s string) bool {
	return s != "" && s == strings.TrimSpace(s) && !strings.Contains(s, "  ") &&
		!strings.ContainsAny(s, "\t\n|[]{}")
}

// First returns the value with each of its choices reduced to the first
// alternative, as tldr writes choices: "on|off" is on, and
// "path/to/file.tar[.gz|.bz2]" is path/to/file.tar.gz. The bars of a
// value spelled with blanks around them ("make | sed 10q") are part of
// the value, a pipeline, and are kept; so is a bracket without a bar in
// it ("array[0]"). On a command line a choice's bars would be pipes.
func (p Placeholder) First() string {
	text := p.Text
	if !strings.Contains(text, "|") {
		return text
	}
	if !strings.ContainsAny(text, " \t") {
		text, _, _ = cutTopLevel(text, '|')
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(text, '[')
		if open < 0 {
			break
		}
		end := strings.IndexByte(text[open:], ']')
		if end < 0 {
			break
		}
		group := text[open+1 : open+end]
		first, _, isChoice := strings.Cut(group, "|")
		if !isChoice || strings.ContainsAny(group, "[ \t") {
			b.WriteString(text[:open+end+1])
		} else {
			b.WriteString(text[:open])
			b.WriteString(first)
		}
		text = text[open+end+1:]
	}
	b.WriteString(text)
	return b.String()
}

// cutTopLevel cuts s at the first sep outside brackets, parentheses and
// quotes.
func cutTopLevel(s string, sep byte) (before, after string, found bool) {
	depth, at := 0, -1
	Unquoted(s, func(i int) bool {
		switch c := s[i]; {
		case c == '[' || c == '(' || c == '{':
			depth++
		case c == ']' || c == ')' || c == '}':
			depth = max(depth-1, 0)
		case c == sep && depth == 0:
			at = i
			return false
		}
		return true
	})
	if at < 0 {
		return s, "", false
	}
	return s[:at], s[at+1:], true
}

// Unquoted calls f with the offset of each byte of s that the shell reads
// outside quotes, and not escaped by a backslash, until f returns false;
// it reports whether every quote that opened, up to where it stopped, was
// closed.
func Unquoted(s string, f func(i int) bool) (closed bool) {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\\':
			i++
		case c == '\'' || c == '"':
			quote = c
		case !f(i):
			return true
		}
	}
	return quote == 0
}
