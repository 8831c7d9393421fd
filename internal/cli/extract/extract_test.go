package extract

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/howcli/how/internal/cli/cmdutil"
	"github.com/howcli/how/internal/iostreams"
)

func TestNewCmdExtract(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    Options
		wantErr bool
	}{
		{"files", []string{"a.md", "b.txt"}, Options{Files: []string{"a.md", "b.txt"}}, false},
		{"json", []string{"--json", "a.md"}, Options{Files: []string{"a.md"}, JSON: true}, false},
		{"output", []string{"-o", "out", "a.md"}, Options{Files: []string{"a.md"}, OutDir: "out"}, false},
		{"no files", nil, Options{}, true},
	}
	t.Chdir(t.TempDir())
	for _, name := range []string{"a.md", "b.txt"} {
		if err := os.WriteFile(name, []byte(note), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdExtract(&cmdutil.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr {
				var fe *cmdutil.FlagError
				if !errors.As(err, &fe) {
					t.Fatalf("err = %v, want a FlagError", err)
				}
				return
			}
			if err != nil || got == nil {
				t.Fatalf("err = %v, runF called: %v", err, got != nil)
			}
			g := *got
			g.IO = nil
			if !reflect.DeepEqual(g, tt.want) {
				t.Errorf("options %+v, want %+v", g, tt.want)
			}
		})
	}

	// Words that are not files are not extract's: how extract tar gz is
	// a question, which the root command searches.
	for _, args := range [][]string{{"tar", "gz"}, {"a.md", "tar.gz"}, {"--json", "missing.md"}} {
		ios, _, _, _ := iostreams.Test()
		cmd := NewCmdExtract(&cmdutil.Factory{IO: ios}, func(o *Options) error { t.Errorf("extract %q ran", args); return nil })
		cmd.SetArgs(args)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		if err := cmd.Execute(); err == nil || !strings.Contains(err.Error(), "no such file") {
			t.Errorf("extract %q: err = %v, want no such file", args, err)
		}
	}
}

const note = "# Disk\n\n```\ndf -h    # free space per filesystem\n```\n"

func Test_extractRun(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.md")
	empty := filepath.Join(dir, "empty.md")
	os.WriteFile(good, []byte(note), 0o644)
	os.WriteFile(empty, nil, 0o644)

	t.Run("JSON lines, bad files named on stderr", func(t *testing.T) {
		ios, _, stdout, stderr := iostreams.Test()
		err := extractRun(&Options{IO: ios, Files: []string{empty, good, dir}, JSON: true})
		if err != nil {
			t.Fatal(err)
		}
		wantErr := "how: " + empty + ": is empty\nhow: " + dir + ": is a directory\n"
		if stderr.String() != wantErr {
			t.Errorf("stderr %q, want %q", stderr.String(), wantErr)
		}
		for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
			var rec map[string]any
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Fatalf("not JSON: %q", line)
			}
			if rec["source"] != good || rec["origin"] != "notes" {
				t.Errorf("record %v", rec)
			}
		}
	})

	t.Run("nothing readable", func(t *testing.T) {
		ios, _, stdout, _ := iostreams.Test()
		err := extractRun(&Options{IO: ios, Files: []string{empty, filepath.Join(dir, "missing")}})
		if !errors.Is(err, cmdutil.ErrSilent) || stdout.Len() > 0 {
			t.Errorf("err = %v, stdout %q", err, stdout.String())
		}
	})

	t.Run("write sheets", func(t *testing.T) {
		ios, _, stdout, _ := iostreams.Test()
		out := filepath.Join(dir, "sheets")
		if err := extractRun(&Options{IO: ios, Files: []string{good}, OutDir: out}); err != nil {
			t.Fatal(err)
		}
		if stdout.Len() > 0 {
			t.Errorf("-o printed %q", stdout.String())
		}
		entries, _ := os.ReadDir(out)
		if len(entries) == 0 {
			t.Error("no sheets written (is the extractor still a stub?)")
		}
	})
}
