package shell

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
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
		{"c-x", `\C-x`, "^X", `\cx`, "Ctrl+x", "control char_x"},
		{"^g", `\C-g`, "^G", `\cg`, "Ctrl+g", "control char_g"},
		{"alt-g", `\eg`, "^[g", `\eg`, "Alt+g", "alt char_g"},
		{"meta-h", `\eh`, "^[h", `\eh`, "Alt+h", "alt char_h"},
		{"ctrl-alt-g", `\e\C-g`, "^[^G", `\e\cg`, "Ctrl+Alt+g", "control_alt char_g"},
		{"alt-.", `\e.`, "^[.", `\e.`, "Alt+.", "alt char_."},
		{"alt-$", `\e$`, "^[$", `\e\$`, "Alt+$", "alt char_$"},
	}
	for _, tt := range tests {
		for shell, want := range map[string]string{"bash": tt.bash, "zsh": tt.zsh, "fish": tt.fish, "powershell": tt.pwsh} {
			got, err := Translate(shell, tt.key)
			if err != nil || got != want {
				t.Errorf("Translate(%s, %q) = %q, %v; want %q", shell, tt.key, got, err, want)
			}
		}
		got, err := Translate("nu", tt.key)
		mod, code, _ := strings.Cut(tt.nuMod, " ")
		if err != nil || !strings.Contains(got, "modifier: "+mod+"\n") || !strings.Contains(got, "keycode: "+code+"\n") {
			t.Errorf("Translate(nu, %q) = %q, %v; want %s", tt.key, got, err, tt.nuMod)
		}
	}
	// The shell's own notation passes through.
	for shell, raw := range map[string]string{"bash": `\C-x\C-g`, "zsh": "^X^G", "fish": `\cx\cg`, "powershell": "Ctrl+x,Ctrl+g"} {
		if got, err := Translate(shell, raw); err != nil || got != raw {
			t.Errorf("Translate(%s, %q) = %q, %v; want it as it is", shell, raw, got, err)
		}
	}
	// Keys that would break Enter or Tab, never reach the line editor,
	// or break out of the script's quotes.
	for _, bad := range []string{"ctrl-m", "ctrl-j", "ctrl-i", "ctrl-c", "ctrl-z", `\C-g'; rm -rf ~; '`, `"\C-g"`, "ctrl g", "a\nb", ""} {
		for _, shell := range Names {
			if got, err := Translate(shell, bad); err == nil {
				t.Errorf("Translate(%s, %q) = %q; want an error", shell, bad, got)
			}
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
		if err := Write(&b, shell, Options{Key: "alt-h", Completion: completion}); err != nil {
			t.Fatalf("%s: %v", shell, err)
		}
		out := b.String()
		if !strings.Contains(out, "__how_widget") || !strings.Contains(out, "# the completion") {
			t.Errorf("%s: widget or completion missing:\n%s", shell, out)
		}
		bind := map[string]string{"bash": `__how_bind '\eh'`, "zsh": `__how_bind '^[h'`, "fish": `__how_bind \eh`,
			"powershell": `__how_bind 'Alt+h'`, "nu": "modifier: alt\n"}[shell]
		if shell != "nu" {
			bind = "\n" + bind + "\n"
		}
		if !strings.Contains(out, bind) {
			t.Errorf("%s: no %q in:\n%s", shell, bind, out)
		}
		var nb bytes.Buffer
		if err := Write(&nb, shell, Options{NoBind: true}); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(nb.String(), "\n") {
			if strings.HasPrefix(l, "__how_bind ") || strings.HasPrefix(l, "$env.config") {
				t.Errorf("%s --no-bind still binds: %q", shell, l)
			}
		}
		if !strings.Contains(nb.String(), "# Not bound to a key") {
			t.Errorf("%s --no-bind does not say how to bind", shell)
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
	if err := Write(io.Discard, "bash", Options{Key: "ctrl-m"}); err == nil {
		t.Error("a bad key was accepted")
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
