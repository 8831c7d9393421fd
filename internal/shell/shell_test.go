package shell

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestTranslate(t *testing.T) {
	tests := []struct {
		key                          string
		bash, zsh, fish, pwsh, nuMod string
	}{
		{"ctrl-g", `\C-g`, "^G", `\cg`, "Ctrl+g", "control char_g"},
		{"Ctrl+G", `\C-g`, "^G", `\cg`, "Ctrl+g", "control char_g"},
		{"c-t", `\C-t`, "^T", `\ct`, "Ctrl+t", "control char_t"},
		{"^g", `\C-g`, "^G", `\cg`, "Ctrl+g", "control char_g"},
		{"alt-g", `\eg`, "^[g", `\eg`, "Alt+g", "alt char_g"},
		{"meta-h", `\eh`, "^[h", `\eh`, "Alt+h", "alt char_h"},
		{"ctrl-alt-g", `\e\C-g`, "^[^G", `\e\cg`, "Ctrl+Alt+g", "control_alt char_g"},
		{"alt-.", `\e.`, "^[.", `\e.`, "Alt+.", "alt char_."},
		{"alt-$", `\e$`, "^[$", `\e\$`, "Alt+$", "alt char_$"},
	}
	for _, tt := range tests {
		for shell, want := range map[string]string{"bash": tt.bash, "zsh": tt.zsh, "fish": tt.fish, "powershell": tt.pwsh, "nu": tt.nuMod} {
			got, err := Translate(shell, tt.key)
			if err != nil || got != want {
				t.Errorf("Translate(%s, %q) = %q, %v; want %q", shell, tt.key, got, err, want)
			}
		}
	}
	// The shell's own notation passes through.
	for shell, raw := range map[string]string{"bash": `\C-x\C-g`, "zsh": "^X^G", "fish": `\cx\cg`, "powershell": "Ctrl+x,Ctrl+g"} {
		if got, err := Translate(shell, raw); err != nil || got != raw {
			t.Errorf("Translate(%s, %q) = %q, %v; want it as it is", shell, raw, got, err)
		}
	}
	// Keys that would break Enter or Tab, never reach the line editor,
	// break out of the script's quotes, bind a plain character (typing it
	// would run how), are Esc alone, or are no key at all.
	for _, bad := range []string{"ctrl-m", "ctrl-j", "ctrl-i", "ctrl-c", "ctrl-z", `\C-g'; rm -rf ~; '`, `"\C-g"`, "ctrl g", "a\nb", "",
		"x", "g", "ab", "x\\", "é", "ctrl-shift-banana", "ctrl-shift-x", "shift-x", "alt-", "ctrl-1", "hyper-g"} {
		for _, shell := range Names {
			if got, err := Translate(shell, bad); err == nil {
				t.Errorf("Translate(%s, %q) = %q; want an error", shell, bad, got)
			} else if !strings.Contains(err.Error(), "give it as ctrl-X, alt-X or ctrl-alt-X") || strings.Contains(err.Error(), "\n") {
				t.Errorf("Translate(%s, %q): %q; want the valid forms, on one line", shell, bad, err)
			}
		}
	}
	// Each shell's own notation, checked as that shell reads it.
	for shell, bads := range map[string][]string{
		"bash":       {`\e`, `\C-[`, `\C-x`, "ctrl-x", `x\`, `\C-x\\\`, `\C-`, `\M-`, `\q`, `\C-1`, `\x`, `\777`, `\C-m`, `\t`, `\C-?`, `\cg`},
		"zsh":        {`\e`, "^[", "^M", `^I`, `x\`, "^1", `\C-`, "\\", "q^X"},
		"fish":       {`\e`, `\cm`, `\c`, `\c1`, `\C-g`, `x\`},
		"powershell": {"Ctrl", "x", "Shift+x", "Ctrl+Banana", "Super+x", "Ctrl+m", "Ctrl+c", "x,Ctrl+g", "Ctrl+Shift"},
	} {
		for _, bad := range bads {
			if got, err := Translate(shell, bad); err == nil {
				t.Errorf("Translate(%s, %q) = %q; want an error", shell, bad, got)
			}
		}
	}
	for shell, goods := range map[string][]string{
		"bash":       {`\C-x\C-g`, `\eg`, `\M-g`, `\e\C-g`, `\C-xg`, `\C-t`, `\x07`, `\007`},
		"zsh":        {"^X^G", "^[g", `\eg`, `\M-g`, "^T", `\C-t`, "^Xg"},
		"fish":       {`\cx\cg`, `\eg`, `\ct`, `\e\cg`},
		"powershell": {"Ctrl+x,Ctrl+g", "Alt+g", "Ctrl+Alt+g", "Ctrl+Shift+g", "F5", "Shift+F5", "Ctrl+x,g", "Alt+UpArrow"},
	} {
		for _, good := range goods {
			if got, err := Translate(shell, good); err != nil || got != good {
				t.Errorf("Translate(%s, %q) = %q, %v; want it as it is", shell, good, got, err)
			}
		}
	}
	// Ctrl-X starts a dozen of readline's keys; zsh and fish tell it
	// from them.
	for _, shell := range []string{"zsh", "fish", "powershell", "nu"} {
		if _, err := Translate(shell, "ctrl-x"); err != nil {
			t.Errorf("%s: ctrl-x: %v", shell, err)
		}
	}
	if _, err := Translate("fish", `\cg;ls`); err == nil {
		t.Error("fish: a key with ; was accepted")
	}
	if _, err := Translate("nu", `\C-g`); err == nil {
		t.Error("nu: a key in another notation was accepted")
	}
}

func TestWrite(t *testing.T) {
	completion := func(w io.Writer) error {
		_, err := io.WriteString(w, "#compdef how\ncompdef _how how\n# the completion\n")
		return err
	}
	for _, shell := range Names {
		var b bytes.Buffer
		if err := Write(&b, shell, Options{Key: "alt-h", AddKey: "ctrl-o", Completion: completion}); err != nil {
			t.Fatalf("%s: %v", shell, err)
		}
		out := b.String()
		if !strings.Contains(out, "__how_widget") || !strings.Contains(out, "__how_add_widget") || !strings.Contains(out, "# the completion") {
			t.Errorf("%s: widgets or completion missing:\n%s", shell, out)
		}
		// The widget's line is the one it always was; the add key's names
		// its function.
		bind := map[string]string{"bash": `__how_bind '\eh'`, "zsh": `__how_bind '^[h'`, "fish": `__how_bind \eh`,
			"powershell": `__how_bind 'Alt+h'`, "nu": "modifier: alt\n        keycode: char_h\n"}[shell]
		addBind := map[string]string{"bash": `__how_bind '\C-o' __how_add_widget`, "zsh": `__how_bind '^O' __how_add_widget`,
			"fish": `__how_bind \co __how_add_widget`, "powershell": `__how_bind 'Ctrl+o' __how_add_widget`,
			"nu": "name: how_add_widget\n        modifier: control\n        keycode: char_o\n        mode: [emacs vi_normal vi_insert]\n        event: {send: executehostcommand, cmd: \"__how_add_widget\"}"}[shell]
		if shell != "nu" {
			bind, addBind = "\n"+bind+"\n", "\n"+addBind+"\n"
		}
		for _, want := range []string{bind, addBind} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: no %q in:\n%s", shell, want, out)
			}
		}
		// The defaults.
		var d bytes.Buffer
		if err := Write(&d, shell, Options{}); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{DefaultKey, DefaultAddKey} {
			k, _ := Translate(shell, key)
			if shell == "nu" {
				k = strings.Replace(k, " ", "\n        keycode: ", 1)
			}
			if !strings.Contains(d.String(), k) {
				t.Errorf("%s: default key %s (%q) not bound:\n%s", shell, key, k, d.String())
			}
		}
		// --no-bind binds neither key, and says how to bind both.
		var nb bytes.Buffer
		if err := Write(&nb, shell, Options{NoBind: true}); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(nb.String(), "\n") {
			if strings.HasPrefix(l, "__how_bind ") || strings.HasPrefix(l, "$env.config = ($env.config | upsert keybindings") {
				t.Errorf("%s --no-bind still binds: %q", shell, l)
			}
		}
		want := "\n# Not bound to keys (how init --no-bind); to bind them yourself:\n"
		for _, k := range [][2]string{{DefaultKey, widgetFunc}, {DefaultAddKey, addWidgetFunc}} {
			line, err := bindLine(shell, k[0], k[1])
			if err != nil {
				t.Fatal(err)
			}
			want += "# " + strings.ReplaceAll(line, "\n", "\n# ") + "\n"
		}
		if !strings.HasSuffix(nb.String(), want) {
			t.Errorf("%s --no-bind does not end saying how to bind both keys:\n%s\nwant it to end with:\n%s", shell, nb.String(), want)
		}
	}
	// zsh's compdef waits for compinit.
	var b bytes.Buffer
	if err := Write(&b, "zsh", Options{Completion: completion}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "\ncompdef _how how\n") || !strings.Contains(b.String(), "(( $+functions[compdef] ))") {
		t.Errorf("zsh: compdef not guarded:\n%s", b.String())
	}
	for _, o := range []Options{{Key: "ctrl-m"}, {AddKey: "ctrl-m"}} {
		if err := Write(io.Discard, "bash", o); err == nil {
			t.Errorf("a bad key was accepted: %+v", o)
		}
	}
}

// TestWriteSameKey: the add key cannot be the widget's key, however each
// is written, since binding one would unbind the other.
func TestWriteSameKey(t *testing.T) {
	tests := []struct {
		shell, key, addKey string
	}{
		{"bash", "", "ctrl-g"},
		{"bash", "alt-i", "alt-i"},
		{"bash", `\C-g`, "Ctrl+G"},
		{"zsh", "ctrl-x", "^X"},
		{"fish", "alt-k", `\ek`},
		{"powershell", "Alt+k", "meta-k"},
		{"nu", "ctrl-k", "control-k"},
	}
	for _, tt := range tests {
		err := Write(io.Discard, tt.shell, Options{Key: tt.key, AddKey: tt.addKey})
		var ke *KeyError
		if !errors.As(err, &ke) || !strings.Contains(err.Error(), "both the widget's key and the add key") {
			t.Errorf("%s: key %q, add key %q: err = %v, want a KeyError", tt.shell, tt.key, tt.addKey, err)
		}
	}
	// The widget's key chosen as the add key's default before there was
	// one: the add key is left unbound, and the script says so.
	for _, shell := range Names {
		var b bytes.Buffer
		if err := Write(&b, shell, Options{Key: DefaultAddKey}); err != nil {
			t.Fatalf("%s: %v", shell, err)
		}
		out := b.String()
		if regexp.MustCompile(`(?m)^__how_bind .* __how_add_widget$`).MatchString(out) ||
			strings.Contains(out, "name: how_add_widget") || !strings.Contains(out, "\n# The add key is not bound: alt-i") {
			t.Errorf("%s: the add key is bound over the widget's, or not said:\n%s", shell, out)
		}
	}
	// Different keys are fine, even when one is in the shell's notation.
	if err := Write(io.Discard, "bash", Options{Key: `\C-x\C-g`, AddKey: "ctrl-g"}); err != nil {
		t.Error(err)
	}
}

// TestScriptsSyntax checks how init's scripts with each shell's parser
// (and shellcheck for bash), when the shell is installed: bash -n, zsh
// -n, fish --no-execute, nu's nu-check, and PowerShell's own parser, or
// without pwsh, the tree-sitter PowerShell grammar when
// HOW_TEST_PS_NODE_PATH names a node_modules folder holding it.
func TestScriptsSyntax(t *testing.T) {
	dir := t.TempDir()
	var psFiles []string
	for _, shell := range Names {
		for _, noBind := range []bool{false, true} {
			var b bytes.Buffer
			if err := Write(&b, shell, Options{NoBind: noBind}); err != nil {
				t.Fatal(err)
			}
			ext := map[string]string{"bash": "bash", "zsh": "zsh", "fish": "fish", "powershell": "ps1", "nu": "nu"}[shell]
			file := filepath.Join(dir, fmt.Sprintf("how-%v.%s", noBind, ext))
			if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			switch shell {
			case "bash":
				check(t, "bash", "-n", file)
				check(t, "shellcheck", "-s", "bash", "-S", "warning", file)
			case "zsh":
				check(t, "zsh", "-n", file)
			case "fish":
				check(t, "fish", "--no-execute", file)
			case "nu":
				check(t, "nu", "--no-config-file", "-c", "if not (nu-check '"+file+"') { nu-check --debug '"+file+"'; exit 1 }")
			case "powershell":
				check(t, "pwsh", "-NoProfile", "-NonInteractive", "-Command",
					"$e = $null; [System.Management.Automation.Language.Parser]::ParseFile('"+file+"', [ref]$null, [ref]$e) > $null; if ($e.Count) { $e; exit 1 }")
				psFiles = append(psFiles, file)
			}
		}
	}
	// What makes cobra's bash completion work without bash-completion.
	compat := filepath.Join("..", "..", "completions", "compat.bash")
	check(t, "bash", "-n", compat)
	check(t, "shellcheck", "-s", "bash", "-S", "warning", compat)
	if _, err := exec.LookPath("pwsh"); err != nil && os.Getenv("HOW_TEST_PS_NODE_PATH") != "" && !testing.Short() {
		// No pwsh (it cannot be installed here): the tree-sitter
		// PowerShell grammar, which .ci/run installs. Loading it takes
		// seconds, so it reads every file at once.
		script, _ := filepath.Abs(filepath.Join("testdata", "ps-syntax.cjs"))
		check(t, "node", append([]string{script}, psFiles...)...)
	}
}

// check runs a checker; a checker that is not installed is skipped.
func check(t *testing.T, name string, args ...string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Logf("%s not installed: not checked", name)
		return
	}
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "NODE_PATH="+os.Getenv("HOW_TEST_PS_NODE_PATH"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// TestCompletion: cobra's bash script calls how's own functions instead
// of bash-completion's, which follow it; a script that no longer makes
// those calls is an error (make completions then fails), not a script
// that half works. Other shells' scripts are left as they are.
func TestCompletion(t *testing.T) {
	cobra := []byte("__how_init_completion()\n{\n    COMPREPLY=()\n    _get_comp_words_by_ref \"$@\" cur prev words cword\n}\n" +
		"# the call to _filedir fills COMPREPLY\n        _filedir -d\n    filteringCmd=\"_filedir $fullFilter\"\n")
	got, err := Completion("bash", cobra)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"    __how_comp_words \"$@\"\n", "the call to __how_filedir fills", "        __how_filedir -d\n",
		"filteringCmd=\"__how_filedir $fullFilter\"", "\n__how_comp_words()\n{\n", "\n__how_filedir()\n{\n"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
	if _, err := Completion("bash", []byte("complete -F __start_how how\n")); err == nil {
		t.Error("a script without the calls was adapted")
	}
	if got, err := Completion("zsh", cobra); err != nil || string(got) != string(cobra) {
		t.Errorf("zsh: %q, %v", got, err)
	}
}

func TestCanonical(t *testing.T) {
	for in, want := range map[string]string{"bash": "bash", "ZSH": "zsh", "pwsh": "powershell", "nushell": "nu", "nu": "nu"} {
		if got, ok := Canonical(in); !ok || got != want {
			t.Errorf("Canonical(%q) = %q, %v", in, got, ok)
		}
	}
	if _, ok := Canonical("tcsh"); ok {
		t.Error("tcsh is known")
	}
}
