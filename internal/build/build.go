// Package build says which build of how is running: its version and the
// commit it was built from.
//
// `make build` sets both with the linker:
//
//	go build -ldflags "-X github.com/howcli/how/internal/build.Version=v1.2.3 -X github.com/howcli/how/internal/build.Commit=0123abc"
//
// Without them (go install, go run), they come from what the Go toolchain
// recorded in the binary: the module version (a tag, or a pseudo-version
// such as v0.0.0-20260101120000-0123456789ab) and the VCS revision, when it
// stamped one.
package build

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Version and Commit are set with -ldflags -X; empty means "ask the
// binary's build information". Dirty, set to "true", says the work tree
// had uncommitted changes.
var (
	Version string
	Commit  string
	Dirty   string
)

// Info is what a binary knows about its build.
type Info struct {
	Version  string // "v1.2.3", a pseudo-version, or "(devel)"
	Commit   string // the full or short revision; "" when unknown
	Modified bool   // built from a work tree with uncommitted changes
	Go       string // the Go version it was built with
}

// Read returns this binary's Info.
func Read() Info {
	bi, _ := debug.ReadBuildInfo()
	info := resolve(Version, Commit, bi)
	if Dirty == "true" {
		info.Modified = true
	}
	return info
}

// resolve merges the linker's values with the build information; the
// linker's win, since `make build` knows the tag even when -buildvcs is off.
func resolve(version, commit string, bi *debug.BuildInfo) Info {
	info := Info{Version: version, Commit: commit, Go: runtime.Version()}
	if bi != nil {
		info.Go = bi.GoVersion
		if info.Version == "" {
			info.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if info.Commit == "" {
					info.Commit = s.Value
				}
			case "vcs.modified":
				info.Modified = s.Value == "true"
			}
		}
	}
	if info.Version == "" {
		info.Version = "(devel)"
	}
	// A pseudo-version ends in the commit already; a dirty tree built by
	// make has "-dirty" on its describe output.
	if strings.HasSuffix(info.Version, "-dirty") || strings.HasSuffix(info.Version, "+dirty") {
		info.Modified = true
	}
	return info
}

// String is the version line `how version` prints:
// "how v1.2.3 (commit 0123456789ab, modified; go1.26.0)".
func (i Info) String() string {
	var details []string
	if i.Commit != "" {
		c := i.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		c = "commit " + c
		if i.Modified {
			c += ", modified"
		}
		details = append(details, c)
	}
	if i.Go != "" {
		details = append(details, i.Go)
	}
	if len(details) == 0 {
		return "how " + i.Version
	}
	return fmt.Sprintf("how %s (%s)", i.Version, strings.Join(details, "; "))
}
