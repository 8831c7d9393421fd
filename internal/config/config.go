// Package config finds where how keeps its configuration and its cache.
// Paths is pure (no environment or file system access) so that every
// OS and environment combination is a table test.
package config

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// Dirs are how's directories.
type Dirs struct {
	// Config holds config.toml (from issue 4 on).
	Config string
	// Cache holds the index; everything in it can be rebuilt.
	Cache string
}

// Paths works out the directories for an OS (runtime.GOOS values), a home
// directory and an environment:
//
//   - config: HOW_CONFIG_DIR, else $XDG_CONFIG_HOME/how, else
//     %AppData%\how on Windows and ~/.config/how elsewhere (macOS too, where
//     terminal users keep their dotfiles there);
//   - cache: HOW_CACHE_DIR, else $XDG_CACHE_HOME/how, else
//     %LocalAppData%\how\cache on Windows, ~/Library/Caches/how on macOS
//     and ~/.cache/how elsewhere.
//
// XDG variables holding relative paths are ignored, as the XDG spec says.
func Paths(goos, home string, getenv func(string) string) (Dirs, error) {
	var d Dirs
	var err error
	if d.Config, err = configDir(goos, home, getenv); err != nil {
		return Dirs{}, err
	}
	if d.Cache, err = cacheDir(goos, home, getenv); err != nil {
		return Dirs{}, err
	}
	return d, nil
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

// Default is Paths for this process.
func Default() (Dirs, error) {
	home, _ := os.UserHomeDir()
	return Paths(runtime.GOOS, home, os.Getenv)
}
