package vocab

import (
	"regexp"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/howcli/how/internal/sheet"
	"github.com/howcli/how/internal/snippet"
)

// Pipes. A question asked after a | ("kubectl get pods | count lines")
// wants a command that reads the pipe, written as it reads the pipe: `wc
// -l`, not `wc -l data.csv`, and `grep nginx`, not `ps aux | grep nginx`
// again. No list says which programs read their input and which of their
// operands are the files they would read instead: the collections show it.
// A program that follows a | in them at least as often as it starts a
// pipeline reads a pipe (grep, wc, jq, tee); one that only starts them
// (ps, kubectl get, cat) writes one. And the operands a program keeps when
// it reads a pipe (grep's pattern, tee's file) are as many as its piped
// uses show most often; those it has beyond that are its input files.

// Pipe is what the collections say about a command placed after a |.
type Pipe struct {
	// Reads is set when the command's program reads a pipe.
	Reads bool
	// Pipeline is set when the command is a pipeline: its later stages
	// read its first stage's output, and would read the line's instead.
	Pipeline bool
	// Writes is set when the collections show the program starting
	// pipelines more often than reading one (ps, kubectl get, cat): it
	// writes a pipe. A program they never show in a pipeline has neither
	// Reads nor Writes: a notes folder of a few commands says nothing
	// about what wc does with a pipe.
	Writes bool
	// Operands is how many operands the program keeps when it reads a
	// pipe: the number its uses after a | show most often.
	Operands uint8
}

// Fits reports whether the command can take the output of another: it
// reads a pipe, is a pipeline, or nothing says its program only writes
// one.
func (p Pipe) Fits() bool { return p.Reads || p.Pipeline || !p.Writes }

// maxOperands caps the operand counts kept as evidence: past a few, the
// count is not what tells a filter's operands from its files.
const maxOperands = 3

// command is a command parsed as one pipeline.
type command struct {
	// text is the command as written; masked is the same with its
	// placeholders replaced by plain words of the same length, which the
	// shell parser reads, at the same offsets.
	text, masked string
	// files are the byte ranges of the placeholders that stand for a file.
	files [][2]int
	// stages are the pipeline's commands, and pipes the offsets just
	// after the | (or |&) that follows each stage but the last.
	stages []*syntax.Stmt
	pipes  []int
}

// notePlaceholder is a note's <placeholder>: the shell would read it as
// two redirections.
var notePlaceholder = regexp.MustCompile(`<[A-Za-z_][A-Za-z0-9_.:/@=,+-]*>`)

func newParser() *syntax.Parser { return syntax.NewParser(syntax.Variant(syntax.LangBash)) }

// parseCommand parses cmd as one pipeline of simple commands; ok is false
// for anything else (two statements, a heredoc, a loop, text the shell
// cannot parse), which the pipe knowledge leaves alone.
func parseCommand(p *syntax.Parser, cmd, origin string) (command, bool) {
	c := command{text: cmd}
	masked := []byte(cmd)
	mask := func(start, end int, first byte, file bool) {
		masked[start] = first
		for i := start + 1; i < end; i++ {
			masked[i] = 'x'
		}
		if file {
			c.files = append(c.files, [2]int{start, end})
		}
	}
	if origin == snippet.OriginTldr {
		for _, ph := range sheet.Placeholders(cmd) {
			switch {
			case strings.HasPrefix(ph.Long, "-"):
				mask(ph.Start, ph.End, '-', false)
			case ph.Long != "":
				mask(ph.Start, ph.End, 'x', false)
			default:
				mask(ph.Start, ph.End, 'x', namesFile(ph.First()))
			}
		}
	}
	for _, m := range notePlaceholder.FindAllStringIndex(string(masked), -1) {
		mask(m[0], m[1], 'x', namesFile(cmd[m[0]+1:m[1]-1]))
	}
	c.masked = string(masked)
	f, err := p.Parse(strings.NewReader(c.masked), "")
	if err != nil || len(f.Stmts) != 1 {
		return c, false
	}
	var walk func(st *syntax.Stmt) bool
	walk = func(st *syntax.Stmt) bool {
		if b, ok := st.Cmd.(*syntax.BinaryCmd); ok && (b.Op == syntax.Pipe || b.Op == syntax.PipeAll) &&
			!st.Negated && !st.Background && len(st.Redirs) == 0 {
			if !walk(b.X) {
				return false
			}
			c.pipes = append(c.pipes, int(b.OpPos.Offset())+len(b.Op.String()))
			return walk(b.Y)
		}
		if _, ok := st.Cmd.(*syntax.CallExpr); !ok || st.Negated || st.Background {
			return false
		}
		for _, r := range st.Redirs {
			if r.Hdoc != nil {
				return false
			}
		}
		c.stages = append(c.stages, st)
		return true
	}
	return c, walk(f.Stmts[0])
}

// call is one stage's program and what follows it.
type call struct {
	// program is the program, with its subcommand when the tool list
	// knows it ("git apply" reads a pipe, "git blame" does not).
	program string
	// args are the words after the program.
	args []*syntax.Word
}

// call reads stage i: the program as snippet.ToolOf names it (sudo and
// VAR=value skipped) and the words after it; ok is false when the stage
// names no program.
func (c command) call(i int) (call, bool) {
	st := c.stages[i]
	ce := st.Cmd.(*syntax.CallExpr)
	stage := c.text[st.Pos().Offset():st.End().Offset()]
	tool := snippet.ToolOf(stage)
	if tool == "" {
		return call{}, false
	}
	program := tool
	if t := strings.ToLower(tool); hasSubcommands(nil, t) {
		if key := subcommandKey(toolsOnce(), t, stage); key != "" {
			program = key
		}
	}
	text := func(w *syntax.Word) string { return c.text[w.Pos().Offset():w.End().Offset()] }
	k := slices.IndexFunc(ce.Args, func(w *syntax.Word) bool {
		return text(w) == tool || strings.HasSuffix(text(w), "/"+tool)
	})
	if k < 0 {
		return call{}, false
	}
	// The words after the program and its subcommand.
	args := ce.Args[k+1:]
	for _, sub := range strings.Fields(program)[1:] {
		j := slices.IndexFunc(args, func(w *syntax.Word) bool { return strings.EqualFold(strings.Trim(text(w), `"'`), sub) })
		if j < 0 {
			break
		}
		args = args[j+1:]
	}
	return call{program: program, args: args}, true
}

// operands are the args that are not options, in order.
func (c command) operands(args []*syntax.Word) []*syntax.Word {
	var out []*syntax.Word
	for _, w := range args {
		if c.operand(w) {
			out = append(out, w)
		}
	}
	return out
}

// operand reports whether w is not an option ("-", standard input, is an
// operand).
func (c command) operand(w *syntax.Word) bool {
	m := c.masked[w.Pos().Offset():w.End().Offset()]
	return m == "-" || !strings.HasPrefix(m, "-")
}

// optionsFirst reports whether every option comes before the first
// operand, as in `wc -l data.csv`. In `sort data.txt -o sorted.txt` a word
// after an option may be its value, and which options take one only the
// program knows: such a command keeps its words.
func (c command) optionsFirst(args []*syntax.Word) bool {
	seen := false
	for _, w := range args {
		switch {
		case c.operand(w):
			seen = true
		case seen:
			return false
		}
	}
	return true
}

// file reports whether a word is a file: a placeholder that stands for
// one, or a plain word shaped like a path or a file name. A quoted or
// expanded word is a pattern, a script or a value more often than a file.
func (c command) file(w *syntax.Word) bool {
	start, end := int(w.Pos().Offset()), int(w.End().Offset())
	for _, f := range c.files {
		if f[0] == start && f[1] == end {
			return true
		}
	}
	lit := w.Lit()
	return lit != "" && lit == c.masked[start:end] && pathLike(lit)
}

// namesFile reports whether a placeholder's text stands for a file: a
// path, or a name that says so (file, filename, input_file, path).
func namesFile(text string) bool {
	t := strings.ToLower(text)
	return pathLike(t) || strings.Contains(t, "file") || strings.Contains(t, "path")
}

// pathLike reports whether a word looks like a path or a file name: it has
// a slash (a URL's aside), or an extension with a letter (data.csv,
// *.log; not 1.2.3).
func pathLike(w string) bool {
	if strings.Contains(w, "://") || w == "-" {
		return false
	}
	if strings.Contains(w, "/") {
		return true
	}
	dot := strings.LastIndexByte(w, '.')
	if dot <= 0 || dot == len(w)-1 || len(w)-dot-1 > 8 {
		return false
	}
	letter := false
	for _, r := range w[dot+1:] {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			letter = true
		case r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letter
}

// PipeUse is what one command shows about pipes.
type PipeUse struct {
	// Parsed is set when the command is one pipeline of simple commands,
	// the only kind the evidence reads.
	Parsed   bool
	Pipeline bool
	// First is the program of its first stage; Later, the programs after
	// a |, with how many operands each has there (Operands).
	First    string
	Later    []string
	Operands []int
}

// NewParser returns a shell parser for PipeUseOf; one per goroutine.
func NewParser() *syntax.Parser { return newParser() }

// PipeUseOf reads what cmd, as its source writes it (origin), shows about
// pipes.
func PipeUseOf(p *syntax.Parser, cmd, origin string) PipeUse {
	c, ok := parseCommand(p, cmd, origin)
	if !ok {
		return PipeUse{}
	}
	u := PipeUse{Parsed: true, Pipeline: len(c.stages) > 1}
	for i := range c.stages {
		cl, ok := c.call(i)
		if !ok {
			continue
		}
		if i == 0 {
			u.First = cl.program
			continue
		}
		u.Later = append(u.Later, cl.program)
		u.Operands = append(u.Operands, min(len(c.operands(cl.args)), maxOperands))
	}
	return u
}

// ProgramEvidence is what the commands show about one program.
type ProgramEvidence struct {
	// Before counts the pipelines it starts, After the stages it is after
	// a |.
	Before, After int
	// Operands counts its uses after a |, by operand count.
	Operands [maxOperands + 1]int
}

// PipeEvidence is what a collection of commands shows about programs, by
// program.
type PipeEvidence map[string]*ProgramEvidence

func (ev PipeEvidence) of(prog string) *ProgramEvidence {
	e := ev[prog]
	if e == nil {
		e = &ProgramEvidence{}
		ev[prog] = e
	}
	return e
}

// Add counts what one command shows.
func (ev PipeEvidence) Add(u PipeUse) {
	if u.Pipeline && u.First != "" {
		ev.of(u.First).Before++
	}
	for k, prog := range u.Later {
		e := ev.of(prog)
		e.After++
		e.Operands[u.Operands[k]]++
	}
}

// Remove takes back what Add counted of u: a command counted in two
// collections that become one.
func (ev PipeEvidence) Remove(u PipeUse) {
	if u.Pipeline && u.First != "" {
		ev.of(u.First).Before--
	}
	for k, prog := range u.Later {
		e := ev.of(prog)
		e.After--
		e.Operands[u.Operands[k]]--
	}
}

// Merge adds what other counted.
func (ev PipeEvidence) Merge(other PipeEvidence) {
	for prog, o := range other {
		e := ev.of(prog)
		e.Before += o.Before
		e.After += o.After
		for k, n := range o.Operands {
			e.Operands[k] += n
		}
	}
}

// Pipe is what the evidence says of a command that shows u.
func (ev PipeEvidence) Pipe(u PipeUse) Pipe {
	if !u.Parsed {
		return Pipe{}
	}
	pp := Pipe{Pipeline: u.Pipeline}
	e := ev[u.First]
	if e != nil && e.Before > e.After {
		pp.Writes = true
	}
	if e != nil && e.After > 0 && e.After >= e.Before {
		pp.Reads = true
		// The commonest count; among equals, the smaller.
		for n, k := range e.Operands {
			if k > e.Operands[pp.Operands] {
				pp.Operands = uint8(n)
			}
		}
	}
	return pp
}

// PipeStage returns cmd (as stored, cleaned) as the stage of a pipeline
// that reads the output of before, the stage the user's line ends with:
// a pipeline loses a first stage that only writes a pipe, or that repeats
// before (`ps aux | grep nginx` after `ps aux |` is `grep nginx`); a
// program that reads a pipe loses its input redirection and the trailing
// file operands it has beyond those its piped uses keep (`wc -l data.csv`
// is `wc -l`; `tee log` keeps its file). Anything else is returned as it
// is.
func PipeStage(cmd, origin, before string, pipe Pipe) string {
	c, ok := parseCommand(newParser(), cmd, origin)
	if !ok {
		return cmd
	}
	if len(c.stages) > 1 {
		st := c.stages[0]
		same := strings.Join(strings.Fields(c.text[st.Pos().Offset():st.End().Offset()]), " ") ==
			strings.Join(strings.Fields(before), " ")
		if !pipe.Reads || same {
			// The rest of the pipeline reads what the line gives it, as
			// written.
			return strings.TrimSpace(cmd[c.pipes[0]:])
		}
	}
	if !pipe.Reads {
		return cmd
	}
	// Byte ranges to cut from the first stage.
	var cuts [][2]int
	st := c.stages[0]
	for _, r := range st.Redirs {
		if r.Op == syntax.RdrIn {
			cuts = append(cuts, [2]int{int(r.Pos().Offset()), int(r.End().Offset())})
		}
	}
	if cl, ok := c.call(0); ok && c.optionsFirst(cl.args) {
		ops := c.operands(cl.args)
		for k := len(ops) - 1; k >= int(pipe.Operands) && c.file(ops[k]); k-- {
			cuts = append(cuts, [2]int{int(ops[k].Pos().Offset()), int(ops[k].End().Offset())})
		}
	}
	if len(cuts) == 0 {
		return cmd
	}
	slices.SortFunc(cuts, func(a, b [2]int) int { return a[0] - b[0] })
	var b strings.Builder
	last := 0
	for _, cut := range cuts {
		// The blanks before a cut word go with it.
		start := cut[0]
		for start > last && (cmd[start-1] == ' ' || cmd[start-1] == '\t') {
			start--
		}
		b.WriteString(cmd[last:start])
		last = cut[1]
	}
	b.WriteString(cmd[last:])
	return strings.TrimSpace(b.String())
}
