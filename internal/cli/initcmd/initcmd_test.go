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
		name      string
		args      []string
		env       map[string]string
		cfg       config.File
		cfgErr    error
		wantShell string
		wantKey   string
		wantBind  bool
		wantErr   bool
		wantWarn  bool
	}{
		{name: "default key", args: []string{"bash"}, wantShell: "bash", wantKey: "ctrl-g", wantBind: true},
		{name: "config key", args: []string{"zsh"}, cfg: config.File{Widget: config.Widget{Key: "alt-g"}}, wantShell: "zsh", wantKey: "alt-g", wantBind: true},
		{name: "HOW_WIDGET_KEY beats config", args: []string{"fish"}, env: map[string]string{"HOW_WIDGET_KEY": "ctrl-x"},
			cfg: config.File{Widget: config.Widget{Key: "alt-g"}}, wantShell: "fish", wantKey: "ctrl-x", wantBind: true},
		{name: "--key beats HOW_WIDGET_KEY", args: []string{"nu", "--key", "alt-h"}, env: map[string]string{"HOW_WIDGET_KEY": "ctrl-x"},
			wantShell: "nu", wantKey: "alt-h", wantBind: true},
		{name: "pwsh, --no-bind", args: []string{"pwsh", "--no-bind"}, wantShell: "powershell", wantKey: "ctrl-g"},
		{name: "broken config: default key, a warning", args: []string{"bash"}, cfgErr: errors.New("config.toml:1: bad"),
			wantShell: "bash", wantKey: "ctrl-g", wantBind: true, wantWarn: true},
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
			if got.Shell != tt.wantShell || got.Key != tt.wantKey || got.NoBind == tt.wantBind || got.Completion == nil {
				t.Errorf("got shell %q key %q no-bind %v", got.Shell, got.Key, got.NoBind)
			}
			if (stderr.Len() > 0) != tt.wantWarn {
				t.Errorf("stderr %q", stderr.String())
			}
		})
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
	for _, want := range []string{"__how_widget() {", "\n__how_bind '\\eh'\n", "# completion for bash\n"} {
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
	// A key that cannot be bound is a usage error.
	opts.Shell, opts.Key = "zsh", "ctrl-m"
	var fe *cmdutil.FlagError
	if err := initRun(opts); !errors.As(err, &fe) {
		t.Errorf("err = %v, want a usage error", err)
	}
}
