package build

import (
	"runtime/debug"
	"testing"
)

func TestResolve(t *testing.T) {
	bi := &debug.BuildInfo{
		GoVersion: "go1.26.0",
		Main:      debug.Module{Path: "github.com/howcli/how", Version: "v0.0.0-20260101120000-0123456789ab+dirty"},
		Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	tests := []struct {
		name, version, commit string
		bi                    *debug.BuildInfo
		want                  string
	}{
		{"linker values win", "v1.2.3", "fedcba9", bi, "how v1.2.3 (commit fedcba9, modified; go1.26.0)"},
		{"build info alone", "", "", bi, "how v0.0.0-20260101120000-0123456789ab+dirty (commit 0123456789ab, modified; go1.26.0)"},
		{"a clean tagged build", "v1.2.3", "fedcba9", &debug.BuildInfo{GoVersion: "go1.26.0"}, "how v1.2.3 (commit fedcba9; go1.26.0)"},
		{"make on a dirty tree", "v1.2.3-4-gfedcba9-dirty", "fedcba9", &debug.BuildInfo{GoVersion: "go1.26.0"}, "how v1.2.3-4-gfedcba9-dirty (commit fedcba9, modified; go1.26.0)"},
		{"nothing known", "", "", &debug.BuildInfo{GoVersion: "go1.26.0"}, "how (devel) (go1.26.0)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := resolve(tt.version, tt.commit, tt.bi).String(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
