package shell_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The shell tests drive real shells in tmux, headless, the way a person
// would: keys in, the screen (capture-pane) out. Each session has a tmux
// server of its own (-L, under a TMUX_TMPDIR of its own), a hermetic
// environment (env -i), a data directory (the personal sheet how add
// writes) and a cache of its own, and a startup file that loads the
// widget through how init, plus a sentinel function named journalctl that
// logs its arguments: its log shows whether a command ran.
//
// Prompts are "HOWPROMPT$ ", preceded in vi mode by "I:" or "N:", the
// keymap, so that a test can wait for the mode to change.

const promptRE = `(?:[IN]:)?HOWPROMPT\$ `

// screenWidth is the sessions' width in columns.
const screenWidth = 120

// waitTimeout bounds every wait: generous for a loaded CI machine; a
// passing test never waits that long.
const waitTimeout = 15 * time.Second

// shells are the shells tested end to end, each skipped when it is not
// installed.
var shells = []string{"bash", "zsh", "fish", "nu"}

// startOpts vary a session.
type startOpts struct {
	vi bool
	// noGlobalRcs starts zsh without /etc/zsh/zshrc (Debian's turns on
	// the keypad mode, in which arrows arrive as ESC O B).
	noGlobalRcs bool
	// pathFirst is put before how's folder on PATH (a wrapper).
	pathFirst string
	// completion loads bash-completion (bash) or runs compinit after how
	// init (zsh: compdef must wait for it).
	completion bool
	// howPath, if set, is the notes how searches instead of the world's.
	howPath string
}

type session struct {
	t       testing.TB
	shell   string
	dir     string
	sock    string
	tmuxEnv []string
	execLog string
	// sheet is the personal sheet how add writes (in HOW_DATA_DIR).
	sheet string
}

var sockSeq atomic.Int64

// start opens a session of shell and waits for its first prompt.
func start(t testing.TB, shell string, o startOpts) *session {
	t.Helper()
	needWorld(t)
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	if _, err := exec.LookPath(shell); err != nil {
		t.Skipf("%s is not installed", shell)
	}
	// Short: a socket path must fit in 108 bytes.
	dir, err := os.MkdirTemp("", "howsh")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	s := &session{
		t:       t,
		shell:   shell,
		dir:     dir,
		sock:    fmt.Sprintf("how%d_%d", os.Getpid(), sockSeq.Add(1)),
		tmuxEnv: append(os.Environ(), "TMUX_TMPDIR="+dir, "TMUX="),
		execLog: filepath.Join(dir, "exec.log"),
		sheet:   filepath.Join(dir, "data", "personal.md"),
	}
	home := filepath.Join(dir, "home")
	for _, d := range []string{home, filepath.Join(dir, "xdg")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	env := append([]string{"env", "-i"}, howEnv(home)...)
	env = append(env, "TERM=screen", "HOW_EXEC_LOG="+s.execLog, "HOW_DATA_DIR="+filepath.Dir(s.sheet),
		"XDG_CONFIG_HOME="+filepath.Join(dir, "xdg"), "XDG_DATA_HOME="+filepath.Join(dir, "xdg"),
		"XDG_STATE_HOME="+filepath.Join(dir, "xdg"), "XDG_CACHE_HOME="+filepath.Join(dir, "xdg"))
	for i, kv := range env {
		switch {
		case strings.HasPrefix(kv, "HOW_PATH=") && o.howPath != "":
			env[i] = "HOW_PATH=" + o.howPath
		case strings.HasPrefix(kv, "PATH=") && o.pathFirst != "":
			env[i] = "PATH=" + o.pathFirst + ":" + kv[len("PATH="):]
		case strings.HasPrefix(kv, "HOW_CACHE_DIR="):
			// An index of its own (built at the first key, in tens of
			// milliseconds): the personal sheet is one of its sources,
			// so the world's index is not this session's, and a shared
			// cache would let one session answer from another's index,
			// saved commands and all, while that one rebuilds.
			env[i] = "HOW_CACHE_DIR=" + filepath.Join(dir, "cache")
		}
	}
	argv := append(env, s.launch(o)...)
	t.Cleanup(func() { s.tmux("kill-server") })
	args := append([]string{"new-session", "-d", "-s", "t", "-c", home, "-x", strconv.Itoa(screenWidth), "-y", "30", "--"}, argv...)
	if out, err := s.tmux(args...); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	s.waitFor("^" + promptRE + `$`)
	return s
}

// launch writes the shell's startup file and returns its command line.
func (s *session) launch(o startOpts) []string {
	t := s.t
	write := func(name, body string) string {
		p := filepath.Join(s.dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	switch s.shell {
	case "bash":
		rc := "PS1='HOWPROMPT$ '; PS2=''; unset PROMPT_COMMAND; set +H; HISTFILE=/dev/null\n"
		if o.vi {
			rc += "set -o vi\nbind 'set show-mode-in-prompt on'; bind 'set vi-cmd-mode-string N:'; bind 'set vi-ins-mode-string I:'; bind 'set keyseq-timeout 20'\n"
		}
		rc += "journalctl() { printf 'EXECUTED %s\\n' \"$*\" >> \"$HOW_EXEC_LOG\"; }\n"
		if o.completion {
			rc += "source /usr/share/bash-completion/bash_completion\n"
		}
		rc += "eval \"$(how init bash)\"\n"
		return []string{"bash", "--noprofile", "--rcfile", write("bashrc", rc), "-i"}
	case "zsh":
		rc := "PROMPT='${__vimode}HOWPROMPT$ '; setopt prompt_subst; unsetopt prompt_sp; HISTFILE=/dev/null\n"
		if o.vi {
			rc += `bindkey -v; KEYTIMEOUT=1; __vimode='I:'
__test_vimode() { __vimode=${${KEYMAP/vicmd/N:}/(main|viins)/I:}; zle reset-prompt }
autoload -Uz add-zle-hook-widget; add-zle-hook-widget keymap-select __test_vimode; add-zle-hook-widget line-init __test_vimode
`
		}
		rc += "journalctl() { print -r -- \"EXECUTED $*\" >> \"$HOW_EXEC_LOG\" }\n"
		rc += "source <(how init zsh)\n"
		if o.completion {
			rc += "autoload -Uz compinit; compinit -u -D\n"
		}
		zdot := filepath.Dir(write("zdotdir/.zshrc", rc))
		args := []string{"ZDOTDIR=" + zdot, "zsh"}
		if o.noGlobalRcs || o.vi {
			args = append(args, "--no-globalrcs")
		}
		return append(args, "-i")
	case "fish":
		rc := "set -g fish_greeting ''\nfunction fish_prompt; printf 'HOWPROMPT$ '; end\n"
		if o.vi {
			rc += `set -g fish_key_bindings fish_vi_key_bindings; fish_vi_key_bindings
set -g fish_escape_delay_ms 10
function fish_mode_prompt; switch $fish_bind_mode; case default; printf 'N:'; case insert; printf 'I:'; end; end
`
		} else {
			rc += "function fish_mode_prompt; end\n"
		}
		rc += "function journalctl; printf 'EXECUTED %s\\n' \"$argv\" >> $HOW_EXEC_LOG; end\n"
		rc += "how init fish | source\n"
		return []string{"fish", "--no-config", "-i", "-C", "source " + write("init.fish", rc)}
	case "nu":
		// nushell sources files by name, at parse time: how init's
		// script is saved first, as its users do.
		initNu := filepath.Join(s.dir, "how.nu")
		cmd := exec.Command(world.bin, "init", "nu")
		cmd.Env = howEnv(s.dir)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("how init nu: %v", err)
		}
		write("how.nu", string(out))
		rc := `$env.config.show_banner = false
$env.config.history.file_format = "plaintext"
$env.PROMPT_COMMAND = {|| "" }
$env.PROMPT_COMMAND_RIGHT = {|| "" }
$env.PROMPT_INDICATOR = {|| "HOWPROMPT$ " }
$env.PROMPT_INDICATOR_VI_INSERT = {|| "I:HOWPROMPT$ " }
$env.PROMPT_INDICATOR_VI_NORMAL = {|| "N:HOWPROMPT$ " }
$env.PROMPT_MULTILINE_INDICATOR = {|| "" }
def --wrapped journalctl [...args] { $"EXECUTED ($args | str join ' ')\n" | save --append $env.HOW_EXEC_LOG }
`
		if o.vi {
			rc += "$env.config.edit_mode = \"vi\"\n"
		}
		rc += "source " + initNu + "\n"
		return []string{"nu", "--config", write("config.nu", rc), "--env-config", write("env.nu", "\n")}
	}
	t.Fatalf("no launcher for %s", s.shell)
	return nil
}

func (s *session) tmux(args ...string) (string, error) {
	cmd := exec.Command("tmux", append([]string{"-L", s.sock, "-f", "/dev/null"}, args...)...)
	cmd.Env = s.tmuxEnv
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// pane is the screen's text, wrapped lines joined.
func (s *session) pane() string {
	out, err := s.tmux("capture-pane", "-p", "-J", "-t", "t")
	if err != nil {
		s.t.Fatalf("capture-pane: %v\n%s", err, out)
	}
	return out
}

// waitFor polls the screen until re (multi-line mode) matches, and
// returns the screen.
func (s *session) waitFor(re string) string {
	s.t.Helper()
	rx := regexp.MustCompile("(?m)" + re)
	deadline := time.Now().Add(waitTimeout)
	for {
		p := s.pane()
		if rx.MatchString(p) {
			return p
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%s: timed out waiting for /%s/; the screen:\n%s", s.shell, re, indent(p))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitLine waits until the prompt line (the first line) holds exactly
// line, which may span lines. Continuation lines may be indented more
// than line says: fish indents them itself.
func (s *session) waitLine(line string) string {
	s.t.Helper()
	lines := strings.Split(line, "\n")
	re := `\A` + promptRE + regexp.QuoteMeta(lines[0]) + `[ \t]*\n`
	for _, l := range lines[1:] {
		re += `[ \t]*` + regexp.QuoteMeta(strings.TrimLeft(l, " \t")) + `[ \t]*\n`
	}
	return s.waitFor(re)
}

// waitLastLine waits until the last prompt on the screen holds exactly
// line, as waitLine does for the first: below it, only blank rows. After
// the add key the screen holds more than one prompt (how add asks below
// the line, and the shell draws the line again below its questions).
func (s *session) waitLastLine(line string) string {
	s.t.Helper()
	lines := strings.Split(line, "\n")
	re := `^` + promptRE + regexp.QuoteMeta(lines[0]) + `[ \t]*\n`
	for _, l := range lines[1:] {
		re += `[ \t]*` + regexp.QuoteMeta(strings.TrimLeft(l, " \t")) + `[ \t]*\n`
	}
	return s.waitFor(re + `(?:[ \t]*\n)*\z`)
}

// typ types text literally. tmux takes a trailing ; for its command
// separator unless it is escaped.
func (s *session) typ(text string) {
	s.t.Helper()
	if strings.HasSuffix(text, ";") {
		text = strings.TrimSuffix(text, ";") + `\;`
	}
	if out, err := s.tmux("send-keys", "-t", "t", "-l", "--", text); err != nil {
		s.t.Fatalf("send-keys: %v\n%s", err, out)
	}
}

// keys sends keys by tmux name: C-g, Enter, Escape, Down.
func (s *session) keys(keys ...string) {
	s.t.Helper()
	if out, err := s.tmux(append([]string{"send-keys", "-t", "t"}, keys...)...); err != nil {
		s.t.Fatalf("send-keys: %v\n%s", err, out)
	}
}

// settle waits until the shell reads keys again after a key whose command
// showed nothing (the add key on a blank line): nu drops keys typed while
// a keybinding's command runs. It types a probe letter until the prompt
// line, which holds line, shows it, then deletes what arrived.
func (s *session) settle(line string) {
	s.t.Helper()
	rx := regexp.MustCompile(`\A` + promptRE + regexp.QuoteMeta(line) + `(x+)[ \t]*\n`)
	for attempt := 0; attempt < 10; attempt++ {
		s.typ("x")
		for deadline := time.Now().Add(time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if m := rx.FindStringSubmatch(s.pane()); m != nil {
				for range m[1] {
					s.keys("BSpace")
				}
				s.waitLine(line)
				return
			}
		}
	}
	s.t.Fatalf("%s: the shell never read keys again; the screen:\n%s", s.shell, indent(s.pane()))
}

// typed types text and waits to see it on the prompt line, so that what
// follows is not taken for type-ahead.
func (s *session) typed(text string) {
	s.t.Helper()
	s.typ(text)
	s.waitLine(text)
}

// notRun checks that nothing ran: no sentinel log and one prompt on the
// screen (a command that ran would have printed another).
func (s *session) notRun() {
	s.t.Helper()
	s.sentinelQuiet()
	if p := s.pane(); len(regexp.MustCompile("(?m)^"+promptRE).FindAllString(p, -1)) != 1 {
		s.t.Fatalf("%s: want exactly one prompt on the screen:\n%s", s.shell, indent(p))
	}
}

// sentinelQuiet checks that the sentinel never ran, for screens that hold
// more than one prompt.
func (s *session) sentinelQuiet() {
	s.t.Helper()
	if b, err := os.ReadFile(s.execLog); err == nil {
		s.t.Fatalf("%s: a command ran: %q", s.shell, b)
	}
}

// ran presses Enter and waits for the sentinel to log want.
func (s *session) ran(want string) {
	s.t.Helper()
	s.keys("Enter")
	deadline := time.Now().Add(waitTimeout)
	for {
		b, _ := os.ReadFile(s.execLog)
		if strings.Contains(string(b), "EXECUTED "+want+"\n") {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%s: Enter did not run %q; the log: %q; the screen:\n%s", s.shell, want, b, indent(s.pane()))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// cursorX is the cursor's column.
func (s *session) cursorX() int {
	out, err := s.tmux("display-message", "-p", "-t", "t", "#{cursor_x}")
	if err != nil {
		s.t.Fatalf("display-message: %v", err)
	}
	n, _ := strconv.Atoi(strings.TrimSpace(out))
	return n
}

func indent(s string) string {
	return "  | " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n  | ")
}
