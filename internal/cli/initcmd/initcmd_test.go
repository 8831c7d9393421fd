package initcmd

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/config"
	"github.com/howcli/how/internal/iostreams"
)

func TestNewCmdInit(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		cfg        config.File
		cfgErr     error
		wantShell  string
		wantKey    string
		wantAddKey string
		wantBind   bool
		wantErr    bool
		wantWarn   string
	}{
		{name: "default keys", args: []string{"bash"}, wantShell: "bash", wantKey: "ctrl-g", wantBind: true},
		{name: "config keys", args: []string{"zsh"}, cfg: config.File{Widget: config.Widget{Key: "alt-g", AddKey: " alt-k "}},
			wantShell: "zsh", wantKey: "alt-g", wantAddKey: "alt-k", wantBind: true},
		{name: "HOW_WIDGET_KEY beats config", args: []string{"fish"}, env: map[string]string{"HOW_WIDGET_KEY": "ctrl-x"},
			cfg: config.File{Widget: config.Widget{Key: "alt-g"}}, wantShell: "fish", wantKey: "ctrl-x", wantBind: true},
		{name: "HOW_ADD_KEY beats config, which still gives the other key", args: []string{"fish"}, env: map[string]string{"HOW_ADD_KEY": "ctrl-o"},
			cfg: config.File{Widget: config.Widget{Key: "alt-g", AddKey: "alt-k"}}, wantShell: "fish", wantKey: "alt-g", wantAddKey: "ctrl-o", wantBind: true},
		{name: "--key beats HOW_WIDGET_KEY", args: []string{"nu", "--key", "alt-h"}, env: map[string]string{"HOW_WIDGET_KEY": "ctrl-x"},
			wantShell: "nu", wantKey: "alt-h", wantBind: true},
		{name: "--add-key beats HOW_ADD_KEY and config", args: []string{"bash", "--add-key", "alt-s"}, env: map[string]string{"HOW_ADD_KEY": "ctrl-o"},
			cfg: config.File{Widget: config.Widget{AddKey: "alt-k"}}, wantShell: "bash", wantKey: "ctrl-g", wantAddKey: "alt-s", wantBind: true},
		{name: "pwsh, --no-bind", args: []string{"pwsh", "--no-bind"}, wantShell: "powershell", wantKey: "ctrl-g"},
		{name: "broken config: default keys, a warning", args: []string{"bash"}, cfgErr: errors.New("config.toml:1: bad"),
			wantShell: "bash", wantKey: "ctrl-g", wantBind: true,
			wantWarn: "how: warning: config.toml:1: bad; the widget key is ctrl-g, the add key is alt-i\n"},
		{name: "broken config: only the key it would give", args: []string{"bash", "--key", "alt-h"}, cfgErr: errors.New("config.toml:1: bad"),
			wantShell: "bash", wantKey: "alt-h", wantBind: true,
			wantWarn: "how: warning: config.toml:1: bad; the add key is alt-i\n"},
		{name: "broken config not read when not needed", args: []string{"bash", "--key", "alt-h"}, env: map[string]string{"HOW_ADD_KEY": "alt-k"},
			cfgErr: errors.New("config.toml:1: bad"), wantShell: "bash", wantKey: "alt-h", wantAddKey: "alt-k", wantBind: true},
		{name: "unknown shell", args: []string{"tcsh"}, wantErr: true},
		{name: "no shell", args: nil, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, stderr := iostreams.Test()
			f := &cmdutil.Factory{IO: ios, Getenv: func(k string) string { return tt.env[k] },
				Config: func() (config.File, []string, error) { return tt.cfg, nil, tt.cfgErr }}
			var got *Options
			cmd := NewCmdInit(f, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(stdout)
			cmd.SetErr(stdout)
			err := cmd.Execute()
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if tt.wantErr {
				var fe *cmdutil.FlagError
				if !errors.As(err, &fe) {
					t.Errorf("err %v is not a usage error", err)
				}
				return
			}
			if got.Shell != tt.wantShell || got.Key != tt.wantKey || got.AddKey != tt.wantAddKey || got.NoBind == tt.wantBind || got.Completion == nil {
				t.Errorf("got shell %q key %q add key %q no-bind %v", got.Shell, got.Key, got.AddKey, got.NoBind)
			}
			if stderr.String() != tt.wantWarn {
				t.Errorf("stderr %q, want %q", stderr.String(), tt.wantWarn)
			}
		})
	}
}

// TestNewCmdInitBadKey: a key that cannot work is refused, wherever it
// was chosen, in one line naming where and giving the forms that work; a
// flag's is a usage error.
func TestNewCmdInitBadKey(t *testing.T) {
	tests := []struct {
		args     []string
		env      map[string]string
		cfg      config.Widget
		wantFrom string
		usage    bool
	}{
		{args: []string{"bash", "--key", "x"}, wantFrom: "--key: ", usage: true},
		{args: []string{"bash", "--key", ""}, wantFrom: "--key: ", usage: true},
		{args: []string{"zsh", "--add-key", "ctrl-shift-banana"}, wantFrom: "--add-key: ", usage: true},
		{args: []string{"bash", "--key", "ctrl-x"}, wantFrom: "--key: ", usage: true},
		{args: []string{"bash"}, env: map[string]string{"HOW_WIDGET_KEY": `x\`}, wantFrom: "HOW_WIDGET_KEY: "},
		{args: []string{"fish"}, env: map[string]string{"HOW_ADD_KEY": "q"}, wantFrom: "HOW_ADD_KEY: "},
		{args: []string{"nu"}, cfg: config.Widget{Key: `\C-g`}, wantFrom: "widget.key in config.toml: "},
		{args: []string{"powershell"}, cfg: config.Widget{AddKey: "Ctrl+Banana"}, wantFrom: "widget.add_key in config.toml: "},
	}
	for _, tt := range tests {
		ios, _, stdout, stderr := iostreams.Test()
		f := &cmdutil.Factory{IO: ios, Getenv: func(k string) string { return tt.env[k] },
			Config: func() (config.File, []string, error) { return config.File{Widget: tt.cfg}, nil, nil }}
		ran := false
		cmd := NewCmdInit(f, func(*Options) error { ran = true; return nil })
		cmd.SetArgs(tt.args)
		cmd.SetOut(stdout)
		cmd.SetErr(stderr)
		err := cmd.Execute()
		var fe *cmdutil.FlagError
		switch {
		case err == nil || ran:
			t.Errorf("%q %v: accepted", tt.args, tt.env)
		case !strings.HasPrefix(err.Error(), tt.wantFrom) || strings.Contains(err.Error(), "\n") ||
			!strings.Contains(err.Error(), "give it as ctrl-X, alt-X or ctrl-alt-X"):
			t.Errorf("%q %v: %q; want one line from %q, with the valid forms", tt.args, tt.env, err, tt.wantFrom)
		case errors.As(err, &fe) != tt.usage:
			t.Errorf("%q %v: usage error %v, want %v", tt.args, tt.env, errors.As(err, &fe), tt.usage)
		}
	}
}

func Test_initRun(t *testing.T) {
	ios, _, stdout, _ := iostreams.Test()
	opts := &Options{IO: ios, Shell: "bash", Key: "alt-h",
		Completion: func(sh string, w io.Writer) error {
			_, err := io.WriteString(w, "# completion for "+sh+"\n")
			return err
		}}
	if err := initRun(opts); err != nil {
		t.Fatal(err)
	}
	out := stdout.String()
	for _, want := range []string{"__how_widget() {", "__how_add_widget() {", "\n__how_bind '\\eh'\n__how_bind '\\ei' __how_add_widget\n", "# completion for bash\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	// nushell has no cobra completion.
	stdout.Reset()
	opts.Shell = "nu"
	if err := initRun(opts); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stdout.String(), "# completion") {
		t.Error("nu got a completion script")
	}
	// A widget key chosen before there was an add key, the add key's
	// default: the script loads, without the add key, and says so.
	ios, _, stdout, stderr := iostreams.Test()
	opts = &Options{IO: ios, Shell: "fish", Key: "alt-i", Completion: opts.Completion}
	if err := initRun(opts); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "\n__how_bind \\ei\n# The add key is not bound") ||
		!strings.HasPrefix(stderr.String(), "how: warning: alt-i, the add key's default, is the widget's key") {
		t.Errorf("stdout:\n%s\nstderr: %q", stdout, stderr)
	}
	// A key that cannot be bound is a usage error, and so is the same key
	// twice.
	for _, keys := range [][2]string{{"ctrl-m", ""}, {"ctrl-g", "ctrl-m"}, {"alt-k", "alt-k"}} {
		opts.Shell, opts.Key, opts.AddKey = "zsh", keys[0], keys[1]
		var fe *cmdutil.FlagError
		if err := initRun(opts); !errors.As(err, &fe) {
			t.Errorf("keys %q: err = %v, want a usage error", keys, err)
		}
	}
}

func TestNewCmdCompletion(t *testing.T) {
	tests := []struct {
		args      []string
		wantShell string
		noDesc    bool
		wantErr   bool
	}{
		{args: []string{"bash"}, wantShell: "bash"},
		{args: []string{"pwsh", "--no-descriptions"}, wantShell: "powershell", noDesc: true},
		{args: []string{"nu"}, wantErr: true},
		{args: []string{"tcsh"}, wantErr: true},
		{args: nil, wantErr: true},
		{args: []string{"bash", "zsh"}, wantErr: true},
	}
	for _, tt := range tests {
		ios, _, stdout, _ := iostreams.Test()
		var got *CompletionOptions
		cmd := NewCmdCompletion(&cmdutil.Factory{IO: ios}, func(o *CompletionOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		cmd.SetOut(stdout)
		cmd.SetErr(stdout)
		err := cmd.Execute()
		var fe *cmdutil.FlagError
		switch {
		case tt.wantErr && !errors.As(err, &fe):
			t.Errorf("%q: err = %v, want a usage error", tt.args, err)
		case !tt.wantErr && (err != nil || got.Shell != tt.wantShell || got.NoDesc != tt.noDesc || got.Write == nil):
			t.Errorf("%q: %+v, %v", tt.args, got, err)
		}
	}
}
