package config

import (
	"path/filepath"
	"testing"
)

// dirs are the folders of a Dirs.
type dirs struct{ config, cache, data string }

func TestPaths(t *testing.T) {
	j := filepath.Join
	tests := []struct {
		name    string
		goos    string
		home    string
		env     map[string]string
		want    dirs
		wantErr bool
		// warnings counts the settings ignored.
		warnings int
	}{
		{"linux defaults", "linux", "/home/u", nil,
			dirs{j("/home/u", ".config", "how"), j("/home/u", ".cache", "how"), j("/home/u", ".local", "share", "how")}, false, 0},
		{"macOS defaults", "darwin", "/Users/u", nil,
			dirs{j("/Users/u", ".config", "how"), j("/Users/u", "Library", "Caches", "how"), j("/Users/u", ".local", "share", "how")}, false, 0},
		{"windows defaults", "windows", `C:\Users\u`, map[string]string{"AppData": `C:\Users\u\AppData\Roaming`, "LocalAppData": `C:\Users\u\AppData\Local`},
			dirs{j(`C:\Users\u\AppData\Roaming`, "how"), j(`C:\Users\u\AppData\Local`, "how", "cache"), j(`C:\Users\u\AppData\Roaming`, "how", "data")}, false, 0},
		{"windows without AppData", "windows", `C:\Users\u`, nil,
			dirs{j(`C:\Users\u`, ".config", "how"), j(`C:\Users\u`, ".cache", "how"), j(`C:\Users\u`, ".local", "share", "how")}, false, 0},
		{"XDG", "linux", "/home/u", map[string]string{"XDG_CONFIG_HOME": "/x/config", "XDG_CACHE_HOME": "/x/cache", "XDG_DATA_HOME": "/x/data"},
			dirs{j("/x/config", "how"), j("/x/cache", "how"), j("/x/data", "how")}, false, 0},
		{"XDG on macOS", "darwin", "/Users/u", map[string]string{"XDG_CACHE_HOME": "/x/cache", "XDG_DATA_HOME": "/x/data"},
			dirs{j("/Users/u", ".config", "how"), j("/x/cache", "how"), j("/x/data", "how")}, false, 0},
		{"XDG on Windows", "windows", `C:\Users\u`, map[string]string{"AppData": `C:\R`, "XDG_DATA_HOME": "/x/data"},
			dirs{j(`C:\R`, "how"), j(`C:\Users\u`, ".cache", "how"), j("/x/data", "how")}, false, 0},
		{"relative XDG ignored", "linux", "/home/u", map[string]string{"XDG_CONFIG_HOME": "rel", "XDG_CACHE_HOME": "./rel", "XDG_DATA_HOME": "rel"},
			dirs{j("/home/u", ".config", "how"), j("/home/u", ".cache", "how"), j("/home/u", ".local", "share", "how")}, false, 0},
		{"HOW_ beats XDG", "linux", "/home/u", map[string]string{"HOW_CONFIG_DIR": "/c", "HOW_CACHE_DIR": "/k", "HOW_DATA_DIR": "/d",
			"XDG_CONFIG_HOME": "/x", "XDG_CACHE_HOME": "/y", "XDG_DATA_HOME": "/z"},
			dirs{"/c", "/k", "/d"}, false, 0},
		{"HOW_DATA_DIR on Windows", "windows", `C:\Users\u`, map[string]string{"AppData": `C:\R`, "HOW_DATA_DIR": `D:\notes\how`},
			dirs{j(`C:\R`, "how"), j(`C:\Users\u`, ".cache", "how"), `D:\notes\how`}, false, 0},
		{"no home, overrides set", "linux", "", map[string]string{"HOW_CONFIG_DIR": "/c", "HOW_CACHE_DIR": "/k", "HOW_DATA_DIR": "/d"}, dirs{"/c", "/k", "/d"}, false, 0},
		// Only how add and how edit need the data directory: without one
		// the others still run, and those two say what to set.
		{"no home, no data override", "linux", "", map[string]string{"HOW_CONFIG_DIR": "/c", "HOW_CACHE_DIR": "/k"}, dirs{"/c", "/k", ""}, false, 0},
		{"no home", "linux", "", nil, dirs{}, true, 0},
		// A relative HOW_*_DIR names another folder from every folder: it
		// is ignored, and said to be.
		{"relative HOW_ ignored", "linux", "/home/u", map[string]string{"HOW_CONFIG_DIR": "c", "HOW_CACHE_DIR": "./k", "HOW_DATA_DIR": "d"},
			dirs{j("/home/u", ".config", "how"), j("/home/u", ".cache", "how"), j("/home/u", ".local", "share", "how")}, false, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Paths(tt.goos, tt.home, func(k string) string { return tt.env[k] })
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if d := (dirs{got.Config, got.Cache, got.Data}); d != tt.want {
				t.Errorf("Paths = %+v, want %+v", d, tt.want)
			}
			if len(got.Warnings) != tt.warnings {
				t.Errorf("warnings %q, want %d", got.Warnings, tt.warnings)
			}
		})
	}
}
