package iostreams

import (
	"testing"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestColorEnabled(t *testing.T) {
	tests := []struct {
		name string
		tty  bool
		mode string
		env  map[string]string
		want bool
	}{
		{"terminal", true, ColorAuto, nil, true},
		{"pipe", false, ColorAuto, nil, false},
		{"NO_COLOR on a terminal", true, ColorAuto, map[string]string{"NO_COLOR": "1"}, false},
		{"CLICOLOR_FORCE on a pipe", false, ColorAuto, map[string]string{"CLICOLOR_FORCE": "1"}, true},
		{"CLICOLOR_FORCE=0", false, ColorAuto, map[string]string{"CLICOLOR_FORCE": "0"}, false},
		{"NO_COLOR beats CLICOLOR_FORCE", false, ColorAuto, map[string]string{"NO_COLOR": "1", "CLICOLOR_FORCE": "1"}, false},
		{"CLICOLOR=0", true, ColorAuto, map[string]string{"CLICOLOR": "0"}, false},
		{"dumb terminal", true, ColorAuto, map[string]string{"TERM": "dumb"}, false},
		{"always on a pipe", false, ColorAlways, map[string]string{"NO_COLOR": "1"}, true},
		{"never on a terminal", true, ColorNever, map[string]string{"CLICOLOR_FORCE": "1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, _, _ := Test()
			s.SetStdoutTTY(tt.tty)
			s.SetEnv(env(tt.env))
			if err := s.SetColorMode(tt.mode); err != nil {
				t.Fatal(err)
			}
			if got := s.ColorEnabled(); got != tt.want {
				t.Errorf("ColorEnabled() = %v, want %v", got, tt.want)
			}
			if got := s.ColorScheme().Bold("x") != "x"; got != tt.want {
				t.Errorf("ColorScheme colours = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSetColorModeRejects(t *testing.T) {
	s, _, _, _ := Test()
	if err := s.SetColorMode("sometimes"); err == nil {
		t.Error("SetColorMode(sometimes) succeeded")
	}
}

func TestTerminalWidth(t *testing.T) {
	s, _, _, _ := Test()
	if w := s.TerminalWidth(); w != DefaultWidth {
		t.Errorf("default width %d", w)
	}
	s.SetEnv(env(map[string]string{"COLUMNS": "132"}))
	if w := s.TerminalWidth(); w != 132 {
		t.Errorf("COLUMNS width %d", w)
	}
	s.SetTerminalWidth(40)
	if w := s.TerminalWidth(); w != 40 {
		t.Errorf("pinned width %d", w)
	}
}

func TestForceTTY(t *testing.T) {
	t.Setenv("HOW_FORCE_TTY", "100")
	t.Setenv("NO_COLOR", "")
	s := System()
	if !s.IsStdoutTTY() || !s.IsStderrTTY() || s.TerminalWidth() != 100 {
		t.Errorf("HOW_FORCE_TTY=100: stdout tty %v, stderr tty %v, width %d", s.IsStdoutTTY(), s.IsStderrTTY(), s.TerminalWidth())
	}
	t.Setenv("HOW_FORCE_TTY", "0")
	if s := System(); s.stdoutTTY != nil || s.stderrTTY != nil {
		t.Error("HOW_FORCE_TTY=0 forced a terminal")
	}
}

// TestStderrColorScheme: warnings are coloured when stderr is a terminal,
// whatever stdout is (how tar | head), and the same settings apply.
func TestStderrColorScheme(t *testing.T) {
	tests := []struct {
		name           string
		stdout, stderr bool
		mode           string
		env            map[string]string
		want           bool
	}{
		{"stderr a terminal, stdout piped", false, true, ColorAuto, nil, true},
		{"stderr piped, stdout a terminal", true, false, ColorAuto, nil, false},
		{"NO_COLOR", false, true, ColorAuto, map[string]string{"NO_COLOR": "1"}, false},
		{"never", true, true, ColorNever, nil, false},
		{"always", false, false, ColorAlways, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, _, _ := Test()
			s.SetStdoutTTY(tt.stdout)
			s.SetStderrTTY(tt.stderr)
			s.SetEnv(env(tt.env))
			if err := s.SetColorMode(tt.mode); err != nil {
				t.Fatal(err)
			}
			if got := s.StderrColorScheme().Enabled(); got != tt.want {
				t.Errorf("StderrColorScheme().Enabled() = %v, want %v", got, tt.want)
			}
		})
	}
}
