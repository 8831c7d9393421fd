package extract

import (
	"errors"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"
)

// strength is how sure we are that a piece of text is a command.
type strength int

const (
	notCommand strength = iota
	// weakCommand is plausible shell, counted only where the text around it
	// says "code": a fence, a prompt, a comment, neighbouring commands.
	weakCommand
	// strongCommand counts wherever it appears.
	strongCommand
)

// verdict is what the shell parser and the program list make of some text.
type verdict struct {
	strength strength
	// incomplete: more lines would complete it (an open quote, a heredoc, a
	// compound statement); header: it is the opening line of an if, for,
	// while, case or function.
	incomplete, header bool
	tool               string
	command            string // the text without its trailing comment
	comment            string // the trailing comment, if any
	args               int    // words after the program
	evidence           bool   // flags, operators or technical arguments
	control            bool   // exit, return, lone keywords: never worth keeping
	assignOnly         bool   // name=value and nothing else
	compound           bool
	// unknown: the program is in no list of programs; flagged: it has
	// flags or operators, evidence enough to learn its name from.
	unknown, flagged bool
	path             bool // the program is named by a path (./x, bin/x)
	flags, stops     int  // options, and English function words
}

// programRe is what an unknown program name may look like: lower case, as
// real executables nearly always are.
var programRe = lazy(`^[a-z][a-z0-9]*(?:[._+-][a-z0-9]+)*$`)

var (
	funcDefRe = lazy(`^[A-Za-z_][\w-]*\s*\(\)\s*\{?\s*$`)
	// binDirRe matches directories that hold programs.
	binDirRe  = lazy(`^/(?:usr/(?:local/)?)?s?bin/|^/opt/|^/home/|^/root/|^/snap/bin/|^/usr/lib(?:exec)?/`)
	scriptExt = lazy(`\.(sh|bash|zsh|py|rb|pl|js|ps1)$`)
	// relProgRe is a relative path a program may have: folders and a
	// name, no dots but a script's extension.
	relProgRe = lazy(`^[A-Za-z_][\w.-]*(?:/[\w.-]+)+$`)
	// foreignRe matches statements of other languages that a shell would
	// parse as commands ("from x import y", "def f(x):", "package main").
	foreignRe = lazy(`^\s*(?:from\s+[\w.]+\s+import\s|import\s+[\w.]+(?:\s+as\s+\w+)?\s*;?\s*$|import\s+(?:[\w.]+\s+|[\w*{}\s,]+\s+from\s+)?["'(]|(?:def|class|fn|func|pub|use|package|const|var|val|struct|enum|impl|interface)\s+\w)`)
)

// mask hides the placeholders that notes and sheets put in commands,
// {{name}} and <name>: the shell would read <name> as two redirections.
// It is a loop, not a regexp: every candidate line is masked.
// keyNames are the keys docs write into a line in brackets, "[tab]" or
// "<ENTER>", to show what to press.
var keyNames = []string{"tab", "enter", "return", "esc"}

// showsKeys reports whether text has a key in brackets: [tab], <TAB>,
// <C-x>, [ctrl-r].
func showsKeys(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] != '[' && text[i] != '<' {
			continue
		}
		rest := text[i+1:]
		end := strings.IndexAny(rest, "]>")
		if end < 1 || end > 7 {
			continue
		}
		key := strings.ToLower(rest[:end])
		if slices.Contains(keyNames, key) || len(key) == 3 && key[0] == 'c' && key[1] == '-' ||
			len(key) == 6 && strings.HasPrefix(key, "ctrl") && (key[4] == '-' || key[4] == '+') {
			return true
		}
	}
	return false
}

// foreignWords start the statements foreignRe looks for.
var foreignWords = set("from", "import", "def", "class", "fn", "func", "pub", "use", "package", "const", "var",
	"val", "struct", "enum", "impl", "interface")

func mask(text string) string {
	if !strings.ContainsAny(text, "{<") {
		return text // most lines: no regexp to run
	}
	var b []byte
	for i := 0; i < len(text); i++ {
		end := -1
		switch {
		case strings.HasPrefix(text[i:], "{{"):
			if k := strings.Index(text[i+2:], "}}"); k >= 0 {
				end = i + 2 + k + 2
			}
		case text[i] == '<' && i+1 < len(text) && (isLetter(text[i+1]) || text[i+1] == '_'):
			k := i + 2
			for k < len(text) && (isAlnum(text[k]) || strings.IndexByte("_.:/|-", text[k]) >= 0) {
				k++
			}
			if k < len(text) && text[k] == '>' {
				end = k + 1
			}
		}
		if end < 0 {
			continue
		}
		if b == nil {
			b = []byte(text)
		}
		// A placeholder stands for a value: keep it looking technical.
		b[i] = '_'
		for k := i + 1; k < end; k++ {
			b[k] = 'x'
		}
		i = end - 1
	}
	if b == nil {
		return text
	}
	return string(b)
}

// shellParsers are reused: a parser is costly to make and cheap to reset,
// and a reset parser shares nothing with the files it parsed before.
var shellParsers = sync.Pool{New: func() any {
	return syntax.NewParser(syntax.KeepComments(true), syntax.Variant(syntax.LangBash))
}}

func parseShell(src string) (*syntax.File, error) {
	p := shellParsers.Get().(*syntax.Parser)
	defer shellParsers.Put(p)
	// The newline lets the parser see an unterminated heredoc as incomplete.
	return p.Parse(strings.NewReader(src+"\n"), "")
}

// judgeOpts tells judge where the text stands.
type judgeOpts struct {
	script bool // inside a script after a shebang: functions and loops are expected
	// scriptFile: the whole file is a script, whose settings ("set -e")
	// are part of it, not commands of their own. A note that shows a
	// script may be showing those very settings.
	scriptFile bool
	prompt     bool // behind a prompt: whoever wrote it says it is a command
	// shell: in a code block that says it holds shell ("```bash"): an
	// unknown program is one, as behind a prompt.
	shell bool
	// layout: set out as code is in plain text, indented under the line
	// that introduces it: an unknown program is one when its name looks
	// like a tool's, not a host's or a file's.
	layout bool
	// program is a program the text around names (a cheat sheet's title):
	// known, whatever the list of programs says.
	program string
	// vocab are the names the note or its folder runs as programs
	// elsewhere: known as program is.
	vocab map[string]bool
}

// judge decides whether text (one logical line, or several when a command
// spans lines) is a command someone would want to find again.
func judge(text string, o judgeOpts) verdict {
	w := firstWord(text)
	if foreignWords[w] && foreignRe.MatchString(text) {
		return verdict{}
	}
	// "helm s[tab]", "git ch<TAB>": keys pressed to show completion, not
	// a command to run.
	if strings.ContainsAny(text, "[<") && showsKeys(text) {
		return verdict{command: text}
	}
	// A Capitalised first word names no program ("The", "Creating"), so
	// the line is no command whatever the rest: most lines of prose need
	// no shell parser.
	if w != "" && w[0] >= 'A' && w[0] <= 'Z' && !strings.ContainsAny(w, "=/$({[") && !o.vocab[w] && w != o.program {
		if _, known := programs.lookup(w); !known {
			return verdict{command: text}
		}
	}
	masked := mask(text)
	f, err := parseShell(masked)
	if err != nil {
		var v verdict
		var perr syntax.ParseError
		// mvdan.cc/sh does not flag a quoted heredoc delimiter (<<'EOF') as
		// incomplete, though more lines complete it just the same.
		incomplete := syntax.IsIncomplete(err) || strings.Contains(err.Error(), "unclosed here-document")
		if incomplete && !(errors.As(err, &perr) && apostrophe(masked, perr)) {
			v.incomplete = true
			v.header = opensCompound(masked)
		}
		return v
	}
	if len(f.Stmts) == 0 {
		return verdict{}
	}
	v := verdict{command: text}
	v.command, v.comment = cutComments(text, f)

	a := analyse(f, masked, o)
	v.args = a.args
	v.compound = a.compound
	v.evidence = a.flags > 0 || a.ops || a.tech > 0
	v.flagged = a.flags > 0 || a.ops
	v.flags, v.stops = a.flags, a.stop
	if a.assignOnly {
		v.assignOnly = true
		return v
	}
	if a.control || o.scriptFile && scriptSettings[a.tool] {
		v.control = true
		return v
	}
	if a.prose() {
		return v
	}
	v.tool = a.tool
	v.unknown = a.class == progUnknown
	v.path = a.class == progPath
	switch a.class {
	case progPath:
		v.strength = strongCommand
		if a.args == 0 && !a.ops && a.pathBare {
			v.strength = notCommand // "/metrics": a URL path, not a program
		}
	case progKnown:
		english, _ := programs.lookup(a.tool)
		switch {
		case a.args == 0 && !a.ops:
			v.strength = weakCommand
		case a.compound && a.unknownInner:
			v.strength = weakCommand
		case (english || len(a.tool) == 1) && a.flags == 0 && !a.ops && a.tech == a.numeric:
			// "port 3000", "kill 1234": an English word with a plain
			// argument is a command only where the text says code.
			v.strength = weakCommand
		default:
			v.strength = strongCommand
		}
	case progWeak:
		// "see https://...", "open /etc/hosts": an English word with a
		// technical argument is a command where the text says code.
		switch {
		case a.flags > 0 || a.ops:
			v.strength = strongCommand
		case a.tech > a.numeric:
			v.strength = weakCommand
		}
	case progUnknown:
		// A lone word in a shell block is as often what the command above
		// printed.
		// (A line that ends in ";" is a statement of a config or of SQL:
		// "listen 80;".)
		if a.flags > 0 || a.ops || (o.script || o.prompt || o.shell) && a.args > 0 ||
			o.layout && a.args > 0 && a.stop == 0 && !isStopword(a.tool) && !strings.Contains(a.tool, ".") &&
				!strings.HasSuffix(strings.TrimSpace(text), ";") {
			v.strength = weakCommand
		}
	}
	return v
}

// apostrophe reports whether an unclosed quote is really an apostrophe in a
// word ("doesn't"), which makes the line prose rather than an open string.
func apostrophe(src string, perr syntax.ParseError) bool {
	if !strings.Contains(perr.Text, "quote") {
		return false
	}
	off := int(perr.Pos.Offset())
	if off <= 0 || off >= len(src) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(src[:off])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func opensCompound(src string) bool {
	first := strings.TrimSpace(src)
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	if funcDefRe.MatchString(first) {
		return true
	}
	w, _, _ := strings.Cut(first, " ")
	switch w {
	case "if", "for", "while", "until", "case", "select", "function", "{", "(", "do", "then", "else", "elif":
		return true
	}
	return false
}

// cutComments removes the comments that trail the command's first and last
// lines and returns the first of them as the command's own description.
func cutComments(text string, f *syntax.File) (string, string) {
	var cs []syntax.Comment
	for _, st := range f.Stmts {
		cs = append(cs, st.Comments...)
	}
	cs = append(cs, f.Last...)
	if len(cs) == 0 {
		return strings.TrimRight(text, " \t"), ""
	}
	lastLine := uint(strings.Count(text, "\n") + 1)
	var keep strings.Builder
	prev := 0
	comment := ""
	for _, c := range cs {
		line := c.Hash.Line()
		if line != 1 && line != lastLine {
			continue
		}
		start := int(c.Hash.Offset())
		end := start + 1 + len(c.Text)
		if start < prev || end > len(text) {
			continue
		}
		keep.WriteString(text[prev:start])
		prev = end
		if comment == "" {
			comment = strings.TrimSpace(c.Text)
		}
	}
	keep.WriteString(text[prev:])
	lines := strings.Split(keep.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n"), comment
}

type progClass int

const (
	progBad progClass = iota
	progUnknown
	progKnown
	progWeak
	progPath
)

// analysis gathers the evidence judge weighs.
type analysis struct {
	class        progClass
	tool         string
	args         int
	flags        int
	tech         int // technical arguments: paths, globs, quotes, expansions, numbers
	ops          bool
	stop, alpha  int // English function words among the bare words, and all bare words
	title        int // Capitalised words
	proseEnd     int // words ending in sentence punctuation
	nonASCII     bool
	config       bool // "key = value" or "name {": configuration, not shell
	numeric      int  // arguments that are plain numbers
	compound     bool
	unknownInner bool   // a compound statement runs programs we do not know
	pathBare     bool   // an absolute path to a name that is neither known nor a script
	listing      bool   // a row of a list or table of programs (see notCommandShape)
	aside        bool   // one simple command in brackets
	program      string // a program known from the text around (judgeOpts.program)
	vocab        map[string]bool
	assignOnly   bool
	control      bool
}

func (a analysis) prose() bool {
	if a.class == progBad || a.nonASCII || a.config || a.listing || a.proseEnd > 0 || a.stop >= 3 || a.aside && a.flags == 0 {
		return true
	}
	// Capitalised words are prose unless flags or operators say otherwise
	// ("ps ax | grep Xorg").
	if a.flags == 0 && !a.ops && (a.title >= 2 || a.title >= 1 && a.tech == 0) {
		return true
	}
	if a.flags > 0 || a.ops {
		// Flags and pipes make a few English words normal ("tcpdump -i any").
		return a.stop >= 2 && a.stop*10 >= a.alpha*4
	}
	return a.stop >= 1 && a.stop*10 >= a.alpha*3
}

func analyse(f *syntax.File, src string, o judgeOpts) analysis {
	a := analysis{program: o.program, vocab: o.vocab}
	if len(f.Stmts) > 1 {
		a.ops = true
	}
	st := f.Stmts[0]
	if len(st.Redirs) > 0 || st.Background || st.Negated {
		a.ops = true
	}
	call, decl := mainCall(st, src, &a)
	switch {
	case decl != nil:
		a.tool = decl.Variant.Value
		a.class = progKnown
		if controlBuiltins[a.tool] {
			a.control = true
		}
		a.args = len(decl.Args)
		for _, as := range decl.Args {
			switch {
			case as.Name != nil && as.Value != nil:
				a.tech++
			case as.Naked && as.Value != nil:
				a.word(as.Value, src) // "export stuck messages for ...": weighed as words
			case as.Naked && as.Name != nil:
				a.literal(as.Name.Value, as.Name.Value)
			}
		}
	case call == nil:
		a.control = true
		return a
	case len(call.Args) == 0:
		a.assignOnly = true
		return a
	default:
		a.classifyProgram(call)
	}
	// The words of every command in the statement tell prose from shell.
	syntax.Walk(f, func(n syntax.Node) bool {
		switch x := n.(type) {
		case *syntax.CallExpr:
			for i, w := range x.Args {
				if i == 0 {
					continue
				}
				a.word(w, src)
			}
			if n := len(x.Args); n >= 2 && x.Args[0].Lit() != "[" && x.Args[0].Lit() != "test" {
				if x.Args[n-1].Lit() == "{" {
					a.config = true
				}
				for _, w := range x.Args[1:] {
					switch w.Lit() {
					case "=", ":", "==", "!=", "===", "!==", "&&=", "+=":
						// "key = value", "kubectl : 1.29.3", an expression of
						// some language ("fd == 1")
						a.config = true
					}
				}
			}
		case *syntax.Redirect:
			a.ops = true
		case *syntax.BinaryCmd:
			a.ops = true
		}
		return true
	})
	if call != nil {
		a.notCommandShape(st, call)
	}
	return a
}

// versionRe is a version number: 1.22, v2.14.1, 17.0.10-1.
var versionRe = lazy(`^v?\d+(?:\.\d+)+(?:[-+~][\w.~+-]*)?$`)

// notCommandShape looks for the shapes of text that parses as a command but
// is none: a line that starts with a redirection is quoted output ("> exec
// frobctl rotate", as test scripts print), a name and a version number are
// a row of a table of versions ("searchctl 1.6", "go 1.22"), and words
// that are all programs' names, in alphabetical order, are a list of
// programs ("tsort unexpand uniq unlink").
func (a *analysis) notCommandShape(st *syntax.Stmt, call *syntax.CallExpr) {
	if len(call.Args) == 0 {
		return
	}
	if len(st.Redirs) > 0 && st.Redirs[0].Pos().Offset() < call.Args[0].Pos().Offset() {
		a.class = progBad
		return
	}
	if a.flags > 0 || a.ops {
		return
	}
	last := call.Args[len(call.Args)-1].Lit()
	if a.args == 1 && versionRe.MatchString(last) {
		a.listing = true
		return
	}
	if len(call.Args) < 4 {
		return
	}
	prev := ""
	for _, w := range call.Args {
		name := w.Lit()
		if _, known := programs.lookup(name); !known && !a.vocab[name] || name < prev {
			return
		}
		prev = name
	}
	a.listing = true
}

// mainCall finds the command that names the snippet's tool: the first of a
// pipeline unless it only feeds the rest, the first inside a loop.
func mainCall(st *syntax.Stmt, src string, a *analysis) (*syntax.CallExpr, *syntax.DeclClause) {
	switch c := st.Cmd.(type) {
	case *syntax.CallExpr:
		return c, nil
	case *syntax.DeclClause:
		return nil, c
	case *syntax.TimeClause:
		if c.Stmt != nil {
			return mainCall(c.Stmt, src, a)
		}
	case *syntax.BinaryCmd:
		a.ops = true
		left, decl := mainCall(c.X, src, a)
		if left != nil && c.Op == syntax.AndStmt && len(left.Args) > 0 && setup[left.Args[0].Lit()] {
			// "cd /var/www && find ...": the work is done by what follows.
			if right, _ := mainCall(c.Y, src, a); right != nil && len(right.Args) > 0 {
				return right, nil
			}
		}
		if left != nil && c.Op == syntax.Pipe && len(left.Args) > 0 && feeders[left.Args[0].Lit()] {
			if right, _ := mainCall(c.Y, src, a); right != nil && len(right.Args) > 0 {
				return right, nil
			}
		}
		return left, decl
	case *syntax.IfClause, *syntax.WhileClause, *syntax.ForClause, *syntax.CaseClause,
		*syntax.Block, *syntax.Subshell, *syntax.FuncDecl:
		a.compound = true
		if sub, ok := c.(*syntax.Subshell); ok && len(sub.Stmts) == 1 {
			// "(see https://...)": an aside in brackets, unless it runs
			// more than one command.
			if call, ok := sub.Stmts[0].Cmd.(*syntax.CallExpr); ok && len(sub.Stmts[0].Redirs) == 0 {
				a.aside = true
				return call, nil
			}
		}
		var first *syntax.CallExpr
		syntax.Walk(c, func(n syntax.Node) bool {
			call, ok := n.(*syntax.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			name := call.Args[0].Lit()
			if _, known := programs.lookup(name); !known && !strings.Contains(name, "/") {
				a.unknownInner = true
			}
			if first == nil && !feeders[name] && name != "sleep" {
				first = call
			}
			return true
		})
		if _, ok := c.(*syntax.FuncDecl); ok {
			a.unknownInner = true
		}
		return first, nil
	}
	return nil, nil
}

// classifyProgram skips the wrappers that do not name the tool (sudo, env and
// their options) and sorts the program name into what we know of it.
func (a *analysis) classifyProgram(call *syntax.CallExpr) {
	args := call.Args
	for len(args) > 0 {
		name := args[0].Lit()
		switch name {
		case "sudo", "doas":
			args = skipOptions(args[1:], "ugpCDUTrth")
			continue
		case "env":
			args = skipOptions(args[1:], "uSC")
			for len(args) > 0 && strings.Contains(args[0].Lit(), "=") {
				args = args[1:]
			}
			continue
		}
		break
	}
	if len(args) == 0 {
		a.class = progBad
		return
	}
	name := args[0].Lit()
	a.args = len(args) - 1
	switch {
	case name == "":
		a.class = progBad
	case strings.Contains(name, "/"):
		base := path.Base(name)
		if (strings.HasPrefix(name, "./") || strings.HasPrefix(name, "../") || strings.HasPrefix(name, "~/") ||
			(strings.HasPrefix(name, "/") && !strings.HasPrefix(name, "//"))) && programRe.MatchString(strings.ToLower(base)) {
			a.class = progPath
			a.tool = base
			if _, ok := programs.lookup(base); !ok && !scriptExt.MatchString(base) && strings.HasPrefix(name, "/") {
				if !binDirRe.MatchString(name) {
					a.class = progBad // /dev/sda1, /etc/fstab: a device or a file
				} else {
					a.pathBare = true
				}
			} else if strings.HasPrefix(name, "/") && !binDirRe.MatchString(name) && !strings.Contains(name, "/bin/") {
				// /usr/share/doc/python: a known name, but where no program
				// is kept; alone, it is a folder or a file.
				a.pathBare = true
			}
		} else if first, _, _ := strings.Cut(name, "/"); relProgRe.MatchString(name) && programRe.MatchString(strings.ToLower(base)) &&
			(binDirs[first] || scriptExt.MatchString(base)) {
			// bin/import-users, scripts/fetch-snapshot: a project's own
			// programs, run from its root. Other relative paths ("and/or",
			// "docs/index") are words or files.
			a.tool = base
			a.class = progPath
		}
	case controlBuiltins[name]:
		a.control = true
	default:
		if _, ok := programs.lookup(name); ok {
			a.class = progKnown
			if weakPrograms[name] {
				a.class = progWeak
			}
		} else if programRe.MatchString(name) && len(name) >= 2 && !isStopword(name) {
			// (A function word, "the", names no program.)
			a.class = progUnknown
		}
		if name == a.program || a.vocab[name] {
			a.class = progKnown
		}
		a.tool = name
	}
}

// skipOptions drops leading options; letters lists the short options that
// take a value in the next word.
func skipOptions(args []*syntax.Word, letters string) []*syntax.Word {
	for len(args) > 0 {
		w := args[0].Lit()
		if w == "--" {
			return args[1:]
		}
		if len(w) < 2 || w[0] != '-' {
			return args
		}
		args = args[1:]
		if len(w) == 2 && strings.IndexByte(letters, w[1]) >= 0 && len(args) > 0 {
			args = args[1:]
		}
	}
	return args
}

// word weighs one argument.
func (a *analysis) word(w *syntax.Word, src string) {
	start, end := int(w.Pos().Offset()), int(w.End().Offset())
	if start < 0 || end > len(src) || start >= end {
		return
	}
	lit := w.Lit()
	if lit == "" {
		a.tech++ // quoted or expanded
		return
	}
	a.literal(lit, src[start:end])
}

// literal weighs one unquoted word, lit, written as text.
func (a *analysis) literal(lit, text string) {
	for _, r := range lit {
		if r >= utf8.RuneSelf {
			a.nonASCII = true
			break
		}
	}
	switch {
	case isFlag(lit):
		a.flags++
		return
	case len(lit) >= 2 && strings.IndexByte(",.;:!?", lit[len(lit)-1]) >= 0 && isWord(lit[:len(lit)-1]):
		a.proseEnd++
		a.alpha++
		if isStopword(lit[:len(lit)-1]) {
			a.stop++
		}
		return
	case isWord(lit):
		a.alpha++
		if isStopword(lit) {
			a.stop++
		}
		if isTitle(lit) {
			a.title++
		}
		return
	}
	if isAllCaps(lit) || strings.ContainsAny(text, "/=:@.~*?[]{}%$_0123456789,") {
		a.tech++
		if strings.Trim(lit, "0123456789") == "" {
			a.numeric++
		}
	}
}

// isFlag reports an option: -x, +x, --long (with or without =value).
func isFlag(lit string) bool {
	if len(lit) >= 3 && lit[0] == '-' && lit[1] == '-' {
		return isAlnum(lit[2])
	}
	return len(lit) >= 2 && (lit[0] == '-' || lit[0] == '+') && isAlnum(lit[1])
}

// isTitle reports a Capitalised word of three letters or more.
func isTitle(s string) bool {
	if len(s) < 3 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// isAllCaps reports a word in capitals (and digits and underscores): a
// constant, a keyword, a placeholder.
func isAllCaps(s string) bool {
	if len(s) < 2 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// isWord reports a word of letters (and apostrophes and hyphens after
// the first), as prose writes them. It is a loop, not a regexp: prose is
// weighed word by word over whole notes.
func isWord(s string) bool {
	if s == "" || !isLetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isLetter(c) && c != '\'' && c != '-' {
			return false
		}
	}
	return true
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func isAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// isStopword matches function words as prose writes them, not the
// upper-case keywords of commands ("dig example.com ANY").
func isStopword(w string) bool {
	if len(w) > 1 && w == strings.ToUpper(w) {
		return false
	}
	return stopwords[strings.ToLower(w)]
}
