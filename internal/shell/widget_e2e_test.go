package shell_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
		{"placeholders, next placeholder", startOpts{}, casePlaceholders},
		{"tldr placeholders", startOpts{}, caseTldr},
		{"no match leaves the line", startOpts{}, caseNoMatch},
		{"picker: again, Down, Enter; Esc", startOpts{}, casePicker},
		{"picker: empty line, type, Enter", startOpts{}, caseEmptyLine},
		{"picker without keypad mode", startOpts{noGlobalRcs: true}, casePicker},
		{"vi insert mode", startOpts{vi: true}, caseViInsert},
		{"vi command mode", startOpts{vi: true}, caseViCommand},
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

// caseNoMatch: nothing found leaves the line as it was.
func caseNoMatch(t *testing.T, s *session) {
	s.typed("zzyzx qqqq")
	s.keys("C-g")
	s.typ("!")
	s.waitLine("zzyzx qqqq!")
	s.notRun()
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

// TestWidgetQueryVerbatim: the line reaches how byte for byte, whatever
// it holds: a wrapper first on PATH logs the arguments how gets, NUL
// after each.
func TestWidgetQueryVerbatim(t *testing.T) {
	needWorld(t)
	wrapper := t.TempDir()
	log := filepath.Join(wrapper, "argv.log")
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\" >> " + log + "; done\nexec " + world.bin + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(wrapper, "how"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	const line = `journalctl $USER 'x  y' "q\"r" \ * !! ; odd characters`
	for _, sh := range shells {
		t.Run(sh, func(t *testing.T) {
			s := start(t, sh, startOpts{pathFirst: wrapper})
			os.Remove(log)
			s.typed(line)
			s.keys("C-g")
			s.waitLine(`journalctl $USER 'x  y' "q\"r" \ * !! ; journalctl --grep 'a  b' "$HOME" \* '!!' ';' x`)
			s.notRun()
			b, err := os.ReadFile(log)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := string(b), "--widget\x00--\x00"+line+"\x00"; got != want {
				t.Errorf("how got %q, want %q", got, want)
			}
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
