// Package config finds where how keeps its configuration and its cache.
// Paths is pure (no environment or file system access) so that every
// OS and environment combination is a table test.
package config

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"strings"
)

// Dirs are how's directories.
type Dirs struct {
	// Config holds config.toml (from issue 4 on).
	Config string
	// Cache holds the index; everything in it can be rebuilt.
	Cache string
	// Data holds what the user made with how and cannot be rebuilt: the
	// personal sheet `how add` writes (see PersonalFile). Empty when it
	// cannot be found (no home directory and no HOW_DATA_DIR).
	Data string
	// Warnings say which settings were ignored: a relative HOW_DATA_DIR,
	// HOW_CACHE_DIR, HOW_CONFIG_DIR or HOME would mean another folder
	// from every working folder (an add in one not found from another).
	Warnings []string
}

// PersonalFile is the name of the personal sheet in the data directory.
const PersonalFile = "personal.md"

// Paths works out the directories for an OS (runtime.GOOS values), a home
// directory and an environment:
//
//   - config: HOW_CONFIG_DIR, else $XDG_CONFIG_HOME/how, else
//     %AppData%\how on Windows and ~/.config/how elsewhere (macOS too, where
//     terminal users keep their dotfiles there);
//   - cache: HOW_CACHE_DIR, else $XDG_CACHE_HOME/how, else
//     %LocalAppData%\how\cache on Windows, ~/Library/Caches/how on macOS
//     and ~/.cache/how elsewhere;
//   - data: HOW_DATA_DIR, else $XDG_DATA_HOME/how, else %AppData%\how\data
//     on Windows (roaming, like the config: it is the user's own work) and
//     ~/.local/share/how elsewhere (macOS too, for the reason the config
//     is in ~/.config there: it sits with the dotfiles people keep).
//
// XDG variables holding relative paths are ignored, as the XDG spec says.
func Paths(goos, home string, getenv func(string) string) (Dirs, error) {
	var d Dirs
	var err error
	// Relative paths are ignored, as the XDG spec has it for its own
	// variables, and said to be.
	env := getenv
	getenv = func(k string) string {
		v := env(k)
		if strings.HasPrefix(k, "HOW_") && strings.HasSuffix(k, "_DIR") && v != "" && !isAbs(goos, v) {
			d.Warnings = append(d.Warnings, fmt.Sprintf("%s=%s is a relative path, which would name another folder from every folder; ignored: make it absolute", k, v))
			return ""
		}
		return v
	}
	if d.Config, err = configDir(goos, home, getenv); err != nil {
		return Dirs{}, err
	}
	if d.Cache, err = cacheDir(goos, home, getenv); err != nil {
		return Dirs{}, err
	}
	// No data directory is no reason to fail a search: only `how add` and
	// `how edit` need it, and they say so (see ErrNoDataDir).
	d.Data = dataDir(goos, home, getenv)
	return d, nil
}

// ErrNoDataDir is the error of the commands that need the data directory
// when Paths could not find one.
var ErrNoDataDir = errors.New("cannot find the home directory for the data directory; set HOW_DATA_DIR")

func dataDir(goos, home string, getenv func(string) string) string {
	if v := getenv("HOW_DATA_DIR"); v != "" {
		return v
	}
	if v := getenv("XDG_DATA_HOME"); filepath.IsAbs(v) {
		return filepath.Join(v, "how")
	}
	if goos == "windows" {
		if v := getenv("AppData"); v != "" {
			return filepath.Join(v, "how", "data")
		}
	}
	if home == "" {
		return ""
	}
	return filepath.Join(home, ".local", "share", "how")
}

func configDir(goos, home string, getenv func(string) string) (string, error) {
	if v := getenv("HOW_CONFIG_DIR"); v != "" {
		return v, nil
	}
	if v := getenv("XDG_CONFIG_HOME"); filepath.IsAbs(v) {
		return filepath.Join(v, "how"), nil
	}
	if goos == "windows" {
		if v := getenv("AppData"); v != "" {
			return filepath.Join(v, "how"), nil
		}
	}
	if home == "" {
		return "", errors.New("cannot find the home directory for the config directory; set HOW_CONFIG_DIR")
	}
	return filepath.Join(home, ".config", "how"), nil
}

func cacheDir(goos, home string, getenv func(string) string) (string, error) {
	if v := getenv("HOW_CACHE_DIR"); v != "" {
		return v, nil
	}
	if v := getenv("XDG_CACHE_HOME"); filepath.IsAbs(v) {
		return filepath.Join(v, "how"), nil
	}
	switch goos {
	case "windows":
		if v := getenv("LocalAppData"); v != "" {
			return filepath.Join(v, "how", "cache"), nil
		}
	case "darwin", "ios":
		if home != "" {
			return filepath.Join(home, "Library", "Caches", "how"), nil
		}
	}
	if home == "" {
		return "", errors.New("cannot find the home directory for the cache directory; set HOW_CACHE_DIR")
	}
	return filepath.Join(home, ".cache", "how"), nil
}

// isAbs is filepath.IsAbs for goos, whatever this machine is: on
// Windows a path starts with a drive (C:\) or a share (\\server).
func isAbs(goos, p string) bool {
	if goos != "windows" {
		return strings.HasPrefix(p, "/")
	}
	return strings.HasPrefix(p, `\\`) || len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/')
}

// Default is Paths for this process. A relative HOME is not used: the
// home folder is then the user database's, with a warning.
func Default() (Dirs, error) {
	home, _ := os.UserHomeDir()
	var warning string
	if home != "" && !filepath.IsAbs(home) {
		warning = "HOME=" + home + " is a relative path, which would name another folder from every folder; ignored"
		home = ""
		if u, err := user.Current(); err == nil && filepath.IsAbs(u.HomeDir) {
			home = u.HomeDir
			warning += "; using " + home + ", this user's home folder"
		}
	}
	d, err := Paths(runtime.GOOS, home, os.Getenv)
	if warning != "" {
		d.Warnings = append([]string{warning}, d.Warnings...)
	}
	return d, err
}
