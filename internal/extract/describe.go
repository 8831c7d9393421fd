package extract

import (
	"strings"
	"unicode"
)

var (
	mdImageRe   = lazy(`!\[[^\]]*\]\([^)]*\)`)
	mdRefLinkRe = lazy(`\[([^\]]+)\]\[[^\]]*\]`)
	bulletRe    = lazy(`^\s*(?:[-*+•◦▪‣·]|\d+[.)])\s+`)
	headingMark = lazy(`^#{1,6}\s+`)
	quoteMark   = lazy(`^\s*(?:>\s*)+`)
	// commaFillerRe: a sentence that ends in ", run" or ", use".
	commaFillerRe = lazy(`,\s+(?:run|use|type|try|execute|call)\s*$`)
	// taskMark is a task list's box, "[ ]" or "[x]", after its bullet.
	taskMark = lazy(`^\[[ xX]\]\s*`)
	// mdEscapes undoes markdown's backslash escapes.
	mdEscapes = strings.NewReplacer(`\[`, "[", `\]`, "]", `\*`, "*", `\_`, "_", `\#`, "#", `\<`, "<", `\>`, ">", `\~`, "~")
	leadInRe  = lazy(`^(?i)(?:for example|for instance|e\.g\.|example|note|tip|pro tip)\s*[,:]\s*`)
)

// clean turns a line of a note into display text: markdown markup, bullets
// and the debris of mis-decoded characters are removed.
func clean(s string) string {
	s = demojibake(s)
	// Each pattern only where its marks are: clean runs on every line
	// of prose.
	if strings.Contains(s, "](") || strings.Contains(s, "][") {
		s = mdImageRe.ReplaceAllString(s, "")
		s = unlink(s)
		s = mdRefLinkRe.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "**") || strings.Contains(s, "__") {
		s = unemphasise(s)
	}
	s = strings.ReplaceAll(s, "`", "")
	if strings.IndexByte(s, '\\') >= 0 {
		s = mdEscapes.Replace(s) // \[sha\] as markdown escapes it
	}
	t := strings.TrimLeft(s, " \t")
	if t != "" && strings.ContainsRune("#>-*+•◦▪‣·0123456789/", firstRune(t)) {
		s = headingMark.ReplaceAllString(s, "")
		s = quoteMark.ReplaceAllString(s, "")
		s = bulletRe.ReplaceAllString(s, "")
		s = taskMark.ReplaceAllString(strings.TrimLeft(s, " \t"), "")
		// A comment of a language that is not the shell: "// print it".
		if rest, ok := strings.CutPrefix(strings.TrimLeft(s, " \t"), "//"); ok {
			s = rest
		}
	}
	return strings.Join(strings.Fields(s), " ")
}

// unlink keeps the text of markdown's links, [text](url), and drops the
// rest. A URL may hold one level of brackets of its own.
func unlink(s string) string {
	var b strings.Builder
	for {
		mid := strings.Index(s, "](")
		if mid < 0 {
			break
		}
		open := strings.LastIndexByte(s[:mid], '[')
		end, depth := -1, 0
		for k := mid + 2; k < len(s) && end < 0; k++ {
			switch s[k] {
			case '(':
				depth++
			case ')':
				if depth == 0 {
					end = k
				}
				depth--
			case ' ', '\t':
				k = len(s) // no spaces in a URL
			}
		}
		if open < 0 || open+1 == mid || end < 0 || strings.IndexByte(s[open+1:mid], ']') >= 0 {
			b.WriteString(s[:mid+2])
			s = s[mid+2:]
			continue
		}
		b.WriteString(s[:open])
		b.WriteString(s[open+1 : mid])
		s = s[end+1:]
	}
	b.WriteString(s)
	return b.String()
}

// unemphasise drops markdown's strong emphasis marks, ** and __, in
// pairs around some text.
func unemphasise(s string) string {
	var b strings.Builder
	for {
		i := strongMark(s, 0)
		if i < 0 {
			break
		}
		j := strongMark(s, i+3)
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		b.WriteString(s[i+2 : j])
		s = s[j+2:]
	}
	b.WriteString(s)
	return b.String()
}

// strongMark returns where the first "**" or "__" at or after from is.
func strongMark(s string, from int) int {
	if from > len(s) {
		return -1
	}
	a, u := strings.Index(s[from:], "**"), strings.Index(s[from:], "__")
	switch {
	case a < 0 && u < 0:
		return -1
	case a < 0 || u >= 0 && u < a:
		return from + u
	}
	return from + a
}

// demojibake drops what is left of characters that were decoded with the
// wrong code page (UTF-8 emoji and arrows read as Thai: โ, ๐, ๏ธ), along
// with emoji, variation selectors and replacement characters, none of
// which carry meaning in a description.
func demojibake(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0x0E00 && r <= 0x0E7F, // Thai: the usual mis-decoding of UTF-8 lead bytes
			r == 0xFFFD, r == 0xFEFF,
			r >= 0xFE00 && r <= 0xFE0F,                               // variation selectors
			r >= 0x200B && r <= 0x200F,                               // zero-width characters and marks
			r >= 0x1F000 && r <= 0x1FAFF,                             // emoji and pictographs
			r >= 0x2600 && r <= 0x27BF && r != 0x2713 && r != 0x2717, // dingbats, misc symbols
			unicode.Is(unicode.Cc, r) && r != '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// describe shapes a description candidate the way cheat sheets phrase them:
// "To follow the log:" becomes "Follow the log".
func describe(s string) string {
	s = clean(s)
	// "See the options, run:" leads into a command with its last words;
	// a link broken over lines leaves its bracket.
	leads := strings.HasSuffix(s, ":") || commaFillerRe.MatchString(s)
	s = strings.TrimSpace(strings.TrimRight(s, ":;,. [("))
	if leads && len(strings.Fields(s)) > 2 {
		s = trimFiller(s)
	}
	s = leadInRe.ReplaceAllString(s, "")
	if rest, ok := strings.CutPrefix(s, "To "); ok && rest != "" && unicode.IsLower(firstRune(rest)) {
		s = upperFirst(rest)
	}
	if strings.HasPrefix(s, "#") {
		s = strings.TrimSpace(strings.TrimLeft(s, "#"))
	}
	// Cheat sheets start descriptions with a capital; a command-like word
	// ("ls -la lists…") keeps its case.
	if r := firstRune(s); unicode.IsLower(r) && !strings.HasPrefix(s, "-") {
		if w, _, _ := strings.Cut(s, " "); !isProgramWord(w) {
			s = upperFirst(s)
		}
	}
	return s
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// informative reports whether a description says anything: one that is only
// punctuation, a number or a single symbol is no better than none.
func informative(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 3
}

func isProgramWord(w string) bool {
	english, known := programs.lookup(w)
	return known && !english
}
