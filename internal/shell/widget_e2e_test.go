package shell_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/howcli/how/internal/testfiles"
)

// TestWidget runs every case in every shell, each in a session of its
// own, in parallel.
func TestWidget(t *testing.T) {
	needWorld(t)
	cases := []struct {
		name string
		opts startOpts
		run  func(t *testing.T, s *session)
	}{
		{"replace, cursor, nothing runs", startOpts{}, caseReplace},
		{"multi-line result, Enter runs it", startOpts{}, caseMultiLine},
		{"special characters in the result", startOpts{}, caseSpecialResult},
		{"pipeline and list keep the rest", startOpts{}, casePipeline},
		{"after a pipe, a stage that reads it", startOpts{}, casePipeStage},
		{"placeholders, next placeholder", startOpts{}, casePlaceholders},
		{"tldr placeholders", startOpts{}, caseTldr},
		{"tldr choices; the line it wrote, edited", startOpts{}, caseTldrEdited},
		{"a new command line is asked afresh", startOpts{}, caseNewLine},
		{"no match leaves the line", startOpts{}, caseNoMatch},
		{"picker: again, Down, Enter; Esc", startOpts{}, casePicker},
		{"picker: empty line, type, Enter", startOpts{}, caseEmptyLine},
		{"picker without keypad mode", startOpts{noGlobalRcs: true}, casePicker},
		{"vi insert mode", startOpts{vi: true}, caseViInsert},
		{"vi command mode", startOpts{vi: true}, caseViCommand},
		{"add key: saves the line, keeps it, how finds it", startOpts{}, caseAdd},
		{"add key: blank line, Esc cancels", startOpts{}, caseAddCancel},
		{"add key: multi-line, cursor on the first", startOpts{}, caseAddMultiLine},
		{"add key: a line the terminal wraps", startOpts{}, caseAddWrapped},
		{"add key: vi insert and command modes", startOpts{vi: true}, caseAddVi},
	}
	for _, sh := range shells {
		t.Run(sh, func(t *testing.T) {
			t.Parallel()
			for _, c := range cases {
				if c.opts.noGlobalRcs && sh != "zsh" {
					continue
				}
				t.Run(c.name, func(t *testing.T) {
					t.Parallel()
					c.run(t, start(t, sh, c.opts))
				})
			}
		})
	}
}

// caseReplace: the line becomes the command, the cursor is on its first
// placeholder (a typed X lands there), nothing ran.
func caseReplace(t *testing.T, s *session) {
	s.typed("follow service logs")
	s.keys("C-g")
	s.waitLine("journalctl -u <service> -f")
	s.notRun()
	if x := s.cursorX(); x != len("HOWPROMPT$ journalctl -u ") {
		t.Errorf("cursor at column %d, want %d (on <service>)", x, len("HOWPROMPT$ journalctl -u "))
	}
	s.typ("X")
	s.waitLine("journalctl -u X<service> -f")
	s.notRun()
}

// caseMultiLine: a command spanning lines is inserted whole, not run,
// and Enter runs it as one.
func caseMultiLine(t *testing.T, s *session) {
	s.typed("nginx logs since this morning")
	s.keys("C-g")
	s.waitLine("journalctl -u nginx \\\n  --since today")
	s.notRun()
	if s.shell == "nu" {
		// A backslash continues no line in nushell, which refuses the
		// command; it was inserted whole all the same.
		return
	}
	s.ran("-u nginx --since today")
}

// caseSpecialResult: a result full of characters shells treat specially
// lands on the line literally, and Enter runs exactly it.
func caseSpecialResult(t *testing.T, s *session) {
	const cmd = `journalctl --grep 'a  b' "$HOME" \* '!!' ';' x`
	s.typed("odd characters")
	s.keys("C-g")
	s.waitLine(cmd)
	s.notRun()
	home := filepath.Join(s.dir, "home")
	want := "--grep a  b " + home + " * !! ; x"
	if s.shell == "nu" {
		want = `--grep a  b $HOME \* !! ; x` // nushell's own quoting
	}
	s.ran(want)
}

// casePipeline: only the last segment is asked and replaced; the rest of
// the line, special characters included, is kept byte for byte.
func casePipeline(t *testing.T, s *session) {
	const rest = `echo $USER 'x  y' "a;b" \ * !! && kubectl get pods | `
	s.typed(rest + "count lines")
	s.keys("C-g")
	s.waitLine(rest + "wc -l")
	s.notRun()
	if x := s.cursorX(); x != len("HOWPROMPT$ "+rest+"wc -l") {
		t.Errorf("cursor at column %d, want the end (%d)", x, len("HOWPROMPT$ "+rest+"wc -l"))
	}
}

// casePipeStage: after a |, the command is written as a stage that reads
// the pipe: a pipeline loses what the line has already, a filter its
// file.
func casePipeStage(t *testing.T, s *session) {
	s.typed("ps aux | find nginx")
	s.keys("C-g")
	s.waitLine("ps aux | grep nginx")
	s.notRun()
	s.keys("C-e")
	s.typ(" | count errors")
	s.waitLine("ps aux | grep nginx | count errors")
	s.keys("C-g")
	s.waitLine("ps aux | grep nginx | grep -c error")
	s.notRun()
}

// casePlaceholders: the cursor starts on the first <placeholder>; once
// the line has changed, the key moves it to the next one, wrapping round,
// without a search.
func casePlaceholders(t *testing.T, s *session) {
	s.typed("forward local port tunnel")
	s.keys("C-g")
	s.waitLine("ssh -L <lport>:localhost:<rport> <user>@<host>")
	s.typ("8080")
	s.waitLine("ssh -L 8080<lport>:localhost:<rport> <user>@<host>")
	s.keys("C-g")
	s.typ("R")
	s.waitLine("ssh -L 8080<lport>:localhost:R<rport> <user>@<host>")
	s.keys("C-g")
	s.typ("U")
	s.waitLine("ssh -L 8080<lport>:localhost:R<rport> U<user>@<host>")
	s.keys("C-g")
	s.typ("H")
	s.waitLine("ssh -L 8080<lport>:localhost:R<rport> U<user>@H<host>")
	s.keys("C-g") // wraps round to the first
	s.typ("L")
	s.waitLine("ssh -L 8080L<lport>:localhost:R<rport> U<user>@H<host>")
	s.notRun()
}

// caseTldr: tldr's placeholders are written without braces, option
// placeholders as the long option, the cursor on the first value.
func caseTldr(t *testing.T, s *session) {
	s.typed("extract archive file")
	s.keys("C-g")
	s.waitLine("tar --extract --file path/to/file.tar")
	s.typ("X")
	s.waitLine("tar --extract --file Xpath/to/file.tar")
	s.notRun()
}

// caseTldrEdited: a value with choices (source.tar[.gz|.bz2|.xz]) is
// written as one word, its first choice, so the line holds no stray
// pipe. Once the user has edited the command the widget wrote, the key
// never searches it again: it opens the picker seeded with it, and Esc
// leaves it as it was; a question typed after it is still asked.
func caseTldrEdited(t *testing.T, s *session) {
	s.typed("unpack tarball")
	s.keys("C-g")
	s.waitLine("tar xvf path/to/source.tar.gz")
	if x := s.cursorX(); x != len("HOWPROMPT$ tar xvf ") {
		t.Errorf("cursor at column %d, want %d (on the value)", x, len("HOWPROMPT$ tar xvf "))
	}
	s.keys("C-k")
	s.typ("backup.tar.xz")
	s.waitLine("tar xvf backup.tar.xz")
	s.keys("C-g")
	s.waitFor(`^how> tar xvf backup\.tar\.xz +\d+/\d+`)
	s.keys("Escape")
	s.waitLine("tar xvf backup.tar.xz")
	s.notRun()
	s.keys("C-e")
	s.typ(" | count lines")
	s.waitLine("tar xvf backup.tar.xz | count lines")
	s.keys("C-g")
	s.waitLine("tar xvf backup.tar.xz | wc -l")
	s.notRun()
}

// caseNewLine: what the widget wrote is forgotten once its line runs: a
// question on the next line that begins as that command did is searched,
// not taken for the command edited.
func caseNewLine(t *testing.T, s *session) {
	s.typed("odd characters")
	s.keys("C-g")
	s.waitLine(`journalctl --grep 'a  b' "$HOME" \* '!!' ';' x`)
	s.keys("Enter")
	s.waitLastLine("")
	s.typ("journalctl follow")
	s.waitLastLine("journalctl follow")
	s.keys("C-g")
	s.waitLastLine("journalctl -u <service> -f")
}

// caseNoMatch: nothing close enough leaves the line as it was, and says
// so below it, on a line of its own.
func caseNoMatch(t *testing.T, s *session) {
	s.typed("zzyzx qqqq")
	s.keys("C-g")
	s.waitFor(`(?m)^how: nothing close enough to "zzyzx qqqq"; the line is left as it was$`)
	s.typ("!")
	s.waitFor(`(?m)^` + promptRE + `zzyzx qqqq![ \t]*$`)
	s.sentinelQuiet()
}

// casePicker: the key again on the line it wrote opens the picker seeded
// with the question; Down and Enter insert the second result; the key
// again and Esc leave the line as it was.
func casePicker(t *testing.T, s *session) {
	s.typed("follow service logs")
	s.keys("C-g")
	s.waitLine("journalctl -u <service> -f")
	s.keys("C-g")
	screen := s.waitFor(`^how> follow service logs +1/\d+`)
	second := pickerItem(t, screen, 1)
	s.keys("Down")
	s.waitFor(`(?m)^> ` + regexp.QuoteMeta(second))
	s.keys("Enter")
	s.waitFor(`\A` + promptRE + regexp.QuoteMeta(second))
	after := s.pane()
	s.notRun()

	s.keys("C-g")
	s.waitFor(`^how> follow service logs `)
	s.keys("Escape")
	s.waitFor(`\A` + promptRE + regexp.QuoteMeta(second))
	if got := s.pane(); got != after {
		t.Errorf("Esc changed the line:\n%s\nwas:\n%s", indent(got), indent(after))
	}
	s.notRun()
}

// pickerItem reads the i-th result off the picker's screen: its command's
// first line.
func pickerItem(t *testing.T, screen string, i int) string {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) < i+2 {
		t.Fatalf("no item %d on the picker:\n%s", i, indent(screen))
	}
	item := strings.TrimPrefix(strings.TrimPrefix(lines[1+i], "> "), "  ")
	cmd, _, _ := strings.Cut(item, "  ")
	cmd, _, _ = strings.Cut(cmd, " ⏎")
	return cmd
}

// caseEmptyLine: the key on an empty line opens the picker; the results
// follow what is typed.
func caseEmptyLine(t *testing.T, s *session) {
	s.keys("C-g")
	s.waitFor(`^how> +0/0`)
	s.typ("count lines")
	s.waitFor(`(?m)^> wc -l  `)
	s.keys("Enter")
	s.waitLine("wc -l")
	s.notRun()
}

// caseViInsert: the key works in vi's insert mode.
func caseViInsert(t *testing.T, s *session) {
	s.waitFor(`^I:HOWPROMPT`)
	s.typed("follow service logs")
	s.keys("C-g")
	s.waitLine("journalctl -u <service> -f")
	s.typ("X")
	s.waitLine("journalctl -u X<service> -f")
	s.notRun()
}

// caseViCommand: the key works in vi's command mode; i then inserts at
// the placeholder.
func caseViCommand(t *testing.T, s *session) {
	s.typed("follow service logs")
	s.keys("Escape")
	s.waitFor(`^N:HOWPROMPT\$ follow service logs`)
	s.keys("C-g")
	screen := s.waitLine("journalctl -u <service> -f")
	// nushell goes back to insert mode after a host command; the others
	// stay in command mode.
	if strings.HasPrefix(screen, "N:") {
		s.keys("i")
		s.waitFor(`^I:HOWPROMPT`)
	}
	s.typ("X")
	s.waitLine("journalctl -u X<service> -f")
	s.notRun()
}

// addLine is what the add key saves: characters that shells treat
// specially (it must reach how add verbatim) and a word found nowhere
// else.
const addLine = `journalctl --vacuum-time=2d 'a  b' "$HOME" \* '!!' ';' zqxv`

// answer waits for how add's question (below the shell's line), the last
// words on the screen, not yet answered, and answers it.
func answer(s *session, question, text string) {
	s.t.Helper()
	s.waitFor(`^` + regexp.QuoteMeta(question) + ` ?\n(?:[ \t]*\n)*\z`)
	if text != "" {
		s.typ(text)
	}
	s.keys("Enter")
}

// readSheet is the session's personal sheet, "" when there is none.
func readSheet(t *testing.T, s *session) string {
	t.Helper()
	b, err := os.ReadFile(s.sheet)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(b)
}

// caseAdd: the add key hands the line to how add, which asks for a
// description and tags below it and saves the line as it was typed; the
// line stays, the cursor where it was, nothing runs; the widget then finds
// the saved command.
func caseAdd(t *testing.T, s *session) {
	s.typed(addLine)
	s.keys("Left", "Left")
	s.keys("M-i")
	answer(s, "Description:", "Vacuum the zqxv journal")
	answer(s, "Tags (optional, comma-separated):", "zqxv, logs")
	s.waitFor(`^how: saved to .*personal\.md:\d+$`)
	s.waitLastLine(addLine)
	s.typ("X") // lands where the cursor was
	s.waitLastLine(addLine[:len(addLine)-2] + "X" + addLine[len(addLine)-2:])
	s.sentinelQuiet()
	want := "- Vacuum the zqxv journal:\n\n`" + addLine + "`\n<!-- how tags=\"zqxv,logs\" tool=\"journalctl\" -->\n"
	if sheet := readSheet(t, s); !strings.Contains(sheet, want) {
		t.Fatalf("the sheet does not hold %q:\n%s", want, sheet)
	}

	// how searches the personal sheet at once.
	s.keys("C-e", "C-u")
	s.waitLastLine("")
	s.typ("vacuum zqxv journal")
	s.waitLastLine("vacuum zqxv journal")
	s.keys("C-g")
	s.waitLastLine(addLine)
	s.sentinelQuiet()
}

// caseAddCancel: on an empty or blank line the add key does nothing (how
// add is not run: what is typed next is on the line, not in a question);
// Esc at how add's question writes nothing and leaves the line as it was.
func caseAddCancel(t *testing.T, s *session) {
	s.keys("M-i")
	s.settle("")
	s.typ("  ")
	s.keys("M-i")
	s.settle("  ")
	const line = "  journalctl --rotate"
	s.typ(strings.TrimLeft(line, " "))
	s.waitLine(line)
	s.notRun()
	s.keys("M-i")
	answer(s, "Description:", "")
	s.waitFor(`^Tags \(optional, comma-separated\): ?\n(?:[ \t]*\n)*\z`)
	s.keys("Escape")
	s.waitLastLine(line)
	s.typ("X")
	s.waitLastLine(line + "X")
	// how add says nothing when cancelled, and on the blank line it had
	// no chance to complain.
	if p := s.pane(); strings.Contains(p, "how: ") {
		t.Errorf("how add said something:\n%s", indent(p))
	}
	if sheet := readSheet(t, s); sheet != "" {
		t.Errorf("cancelled, yet the sheet holds:\n%s", sheet)
	}
	s.sentinelQuiet()
}

// caseAddMultiLine: with the cursor on the first line of three, how add's
// questions come below all of them, none overwritten and none written
// over, and the three lines are saved and drawn again below.
func caseAddMultiLine(t *testing.T, s *session) {
	lines := []string{
		`journalctl --since today \`,
		`  --until now --output short-precise --no-hostname --no-pager \`,
		`  --grep zqxm --identifier kernel --priority warning --reverse`,
	}
	// A newline in the line, and up to its first line: bash's C-a goes to
	// the start of the whole line; Up goes up a line in the others.
	newline, up := []string{"M-Enter"}, []string{"Up", "Up"}
	if s.shell == "bash" {
		newline, up = []string{"C-v", "C-j"}, []string{"C-a"}
	}
	for i, l := range lines {
		if i > 0 {
			s.keys(newline...)
		}
		s.typ(l)
	}
	line := strings.Join(lines, "\n")
	s.waitLine(line)
	s.keys(up...)
	s.keys("M-i")
	answer(s, "Description:", "Three lines")
	answer(s, "Tags (optional, comma-separated):", "")
	screen := s.waitLastLine(line)
	for _, want := range []string{`^Description: Three lines$`, `^Tags \(optional, comma-separated\): ?$`, `^how: saved to .*personal\.md:\d+$`} {
		if !regexp.MustCompile("(?m)" + want).MatchString(screen) {
			t.Errorf("no /%s/ on the screen:\n%s", want, indent(screen))
		}
	}
	if sheet := readSheet(t, s); !strings.Contains(sheet, "- Three lines:\n\n```sh\n"+line+"\n```\n") {
		t.Errorf("the sheet does not hold the three lines:\n%s", sheet)
	}
	s.sentinelQuiet()
}

// caseAddWrapped: a line longer than the terminal is wide, the cursor at
// its end (rows above the cursor), then at its start (rows below): the
// questions and how add's last words stay whole.
func caseAddWrapped(t *testing.T, s *session) {
	line := "journalctl --grep zqxw" + strings.Repeat(" --identifier=kernel", 9)
	if len(line) < screenWidth*5/4 {
		t.Fatalf("the line is %d wide, the terminal %d", len(line), screenWidth)
	}
	// The line on the last prompt, broken anywhere: capture-pane -J joins
	// the rows the terminal wrapped, but zsh writes some breaks out itself.
	onLastPrompt := func(l string) string {
		chars := strings.Split(l, "")
		for i, c := range chars {
			chars[i] = regexp.QuoteMeta(c)
		}
		return s.waitFor(`^` + promptRE + strings.Join(chars, `\n?`) + `[ \t]*\n(?:[ \t]*\n)*\z`)
	}
	s.typ(line)
	onLastPrompt(line)
	s.keys("M-i")
	answer(s, "Description:", "Long line")
	answer(s, "Tags (optional, comma-separated):", "")
	onLastPrompt(line)
	s.keys("C-a")
	s.keys("M-i")
	answer(s, "Description:", "Long line again")
	answer(s, "Tags (optional, comma-separated):", "")
	s.waitFor(`^how: already saved at `)
	screen := onLastPrompt(line)
	for _, want := range []string{`^Description: Long line$`, `^how: saved to .*personal\.md:\d+$`,
		`^Description: Long line again$`, `^how: already saved at .*personal\.md:\d+; how edit opens it$`} {
		if !regexp.MustCompile("(?m)" + want).MatchString(screen) {
			t.Errorf("no /%s/ on the screen:\n%s", want, indent(screen))
		}
	}
	s.typ("X") // the cursor is still at the start
	onLastPrompt("X" + line)
	s.sentinelQuiet()
}

// caseAddVi: the add key works in vi's insert mode and in its command
// mode; the second time, the command is there already and is not added
// again.
func caseAddVi(t *testing.T, s *session) {
	s.waitFor(`^I:HOWPROMPT`)
	const line = "journalctl --disk-usage"
	s.typed(line)
	s.keys("M-i")
	answer(s, "Description:", "Disk used by the journal")
	answer(s, "Tags (optional, comma-separated):", "")
	s.waitFor(`^how: saved to `)
	s.waitLastLine(line)
	s.keys("Escape")
	s.waitFor(`^N:HOWPROMPT\$ ` + regexp.QuoteMeta(line) + `[ \t]*\n(?:[ \t]*\n)*\z`)
	s.keys("M-i")
	answer(s, "Description:", "")
	answer(s, "Tags (optional, comma-separated):", "")
	s.waitFor(`^how: already saved at `)
	s.waitLastLine(line)
	s.sentinelQuiet()
	if n := strings.Count(readSheet(t, s), "`"+line+"`"); n != 1 {
		t.Errorf("the sheet holds the command %d times:\n%s", n, readSheet(t, s))
	}
}

// TestWidgetQueryVerbatim: the line reaches how byte for byte, whatever
// it holds, from the widget's key and from the add key: a wrapper first
// on PATH logs the arguments how gets, NUL after each.
func TestWidgetQueryVerbatim(t *testing.T) {
	needWorld(t)
	wrapper := t.TempDir()
	log := filepath.Join(wrapper, "argv.log")
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\" >> " + log + "; done\nexec " + world.bin + " \"$@\"\n"
	if err := testfiles.WriteExecutable(filepath.Join(wrapper, "how"), strings.NewReader(script)); err != nil {
		t.Fatal(err)
	}
	const line = `journalctl $USER 'x  y' "q\"r" \ * !! ; odd characters`
	const replaced = `journalctl $USER 'x  y' "q\"r" \ * !! ; journalctl --grep 'a  b' "$HOME" \* '!!' ';' x`
	for _, sh := range shells {
		t.Run(sh, func(t *testing.T) {
			s := start(t, sh, startOpts{pathFirst: wrapper})
			os.Remove(log)
			s.typed(line)
			s.keys("C-g")
			s.waitLine(replaced)
			s.notRun()
			b, err := os.ReadFile(log)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := string(b), "--widget\x00--\x00"+line+"\x00"; got != want {
				t.Errorf("how got %q, want %q", got, want)
			}

			// The add key hands how add the new line as it is.
			os.Remove(log)
			s.keys("M-i")
			answer(s, "Description:", "")
			s.keys("Escape")
			s.waitLastLine(replaced)
			b, err = os.ReadFile(log)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := string(b), "add\x00--from-widget\x00--\x00"+replaced+"\x00"; got != want {
				t.Errorf("how add got %q, want %q", got, want)
			}
			s.sentinelQuiet()
		})
	}
}

// TestCompletionTab: how init's completion completes how show's NAME
// with the tools in the index (cobra's __complete, dynamic), in the
// shells cobra writes completion for. zsh's compinit runs after how init,
// as it often does in a .zshrc: compdef waits for the first prompt.
func TestCompletionTab(t *testing.T) {
	needWorld(t)
	for _, sh := range []string{"bash", "zsh", "fish"} {
		t.Run(sh, func(t *testing.T) {
			t.Parallel()
			if sh == "bash" {
				if _, err := os.Stat("/usr/share/bash-completion/bash_completion"); err != nil {
					t.Skip("bash-completion is not installed")
				}
			}
			s := start(t, sh, startOpts{completion: true})
			s.typed("how show jour")
			s.keys("Tab")
			s.waitFor(`\A` + promptRE + `how show journalctl ?\s*\n`)
			s.notRun()
		})
	}
}

// TestCompletionWithoutBashCompletion: in a bash that has not loaded the
// bash-completion package (only how init's script), Tab still completes a
// subcommand, a flag, how show's NAME and a file name, and bash never says
// that a command was not found.
func TestCompletionWithoutBashCompletion(t *testing.T) {
	needWorld(t)
	t.Parallel()
	s := start(t, "bash", startOpts{})
	if err := os.WriteFile(filepath.Join(s.dir, "home", "runbook-zqx.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	// Checked, not assumed: a system bashrc may load the package.
	s.typed("type _get_comp_words_by_ref _filedir _init_completion 2>&1 | grep -c 'not found'")
	s.keys("Enter")
	s.waitFor(`^3\n`)
	s.keys("C-l")
	s.waitFor(`\A` + promptRE + `\s*\n`)
	for _, tab := range [][2]string{
		{"how sh", "how show "},
		{"how init --no-b", "how init --no-bind "},
		{"how show jour", "how show journalctl "},
		{"how extract runbook-z", "how extract runbook-zqx.md "},
		{"how completion ba", "how completion bash "},
	} {
		s.typed(tab[0])
		s.keys("Tab")
		s.waitFor(`\A` + promptRE + regexp.QuoteMeta(tab[1]) + `\s*\n`)
		s.keys("C-u")
		s.waitLine("")
	}
	if p := s.pane(); strings.Contains(p, "not found") || strings.Contains(p, "_get_comp_words_by_ref") {
		t.Errorf("bash complained:\n%s", indent(p))
	}
	s.notRun()
}
