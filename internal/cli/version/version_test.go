package version

import (
	"testing"

	"github.com/howcli/how/internal/build"
	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
)

func TestNewCmdVersion(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	called := false
	cmd := NewCmdVersion(&cmdutil.Factory{IO: ios}, func(o *Options) error { called = o.Build != nil; return nil })
	cmd.SetArgs(nil)
	if err := cmd.Execute(); err != nil || !called {
		t.Fatalf("err %v, runF called with Build: %v", err, called)
	}
	cmd.SetArgs([]string{"extra"})
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	if err := cmd.Execute(); err == nil {
		t.Error("version with an argument succeeded")
	}
	if cmd.Annotations[cmdutil.AnnotationNoConfig] == "" {
		t.Error("version must run with a broken config file")
	}
}

func Test_versionRun(t *testing.T) {
	ios, _, stdout, _ := iostreams.Test()
	info := build.Info{Version: "v1.2.3", Commit: "0123456789abcdef", Go: "go1.26.0"}
	if err := versionRun(&Options{IO: ios, Build: func() build.Info { return info }}); err != nil {
		t.Fatal(err)
	}
	if got, want := stdout.String(), "how v1.2.3 (commit 0123456789ab; go1.26.0)\n"; got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
}
