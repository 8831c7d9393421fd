package config

import (
	"path/filepath"
	"testing"
)

func TestPaths(t *testing.T) {
	j := filepath.Join
	tests := []struct {
		name    string
		goos    string
		home    string
		env     map[string]string
		want    Dirs
		wantErr bool
	}{
		{"linux defaults", "linux", "/home/u", nil,
			Dirs{j("/home/u", ".config", "how"), j("/home/u", ".cache", "how"), j("/home/u", ".local", "share", "how")}, false},
		{"macOS defaults", "darwin", "/Users/u", nil,
			Dirs{j("/Users/u", ".config", "how"), j("/Users/u", "Library", "Caches", "how"), j("/Users/u", ".local", "share", "how")}, false},
		{"windows defaults", "windows", `C:\Users\u`, map[string]string{"AppData": `C:\Users\u\AppData\Roaming`, "LocalAppData": `C:\Users\u\AppData\Local`},
			Dirs{j(`C:\Users\u\AppData\Roaming`, "how"), j(`C:\Users\u\AppData\Local`, "how", "cache"), j(`C:\Users\u\AppData\Roaming`, "how", "data")}, false},
		{"windows without AppData", "windows", `C:\Users\u`, nil,
			Dirs{j(`C:\Users\u`, ".config", "how"), j(`C:\Users\u`, ".cache", "how"), j(`C:\Users\u`, ".local", "share", "how")}, false},
		{"XDG", "linux", "/home/u", map[string]string{"XDG_CONFIG_HOME": "/x/config", "XDG_CACHE_HOME": "/x/cache", "XDG_DATA_HOME": "/x/data"},
			Dirs{j("/x/config", "how"), j("/x/cache", "how"), j("/x/data", "how")}, false},
		{"XDG on macOS", "darwin", "/Users/u", map[string]string{"XDG_CACHE_HOME": "/x/cache", "XDG_DATA_HOME": "/x/data"},
			Dirs{j("/Users/u", ".config", "how"), j("/x/cache", "how"), j("/x/data", "how")}, false},
		{"XDG on Windows", "windows", `C:\Users\u`, map[string]string{"AppData": `C:\R`, "XDG_DATA_HOME": "/x/data"},
			Dirs{j(`C:\R`, "how"), j(`C:\Users\u`, ".cache", "how"), j("/x/data", "how")}, false},
		{"relative XDG ignored", "linux", "/home/u", map[string]string{"XDG_CONFIG_HOME": "rel", "XDG_CACHE_HOME": "./rel", "XDG_DATA_HOME": "rel"},
			Dirs{j("/home/u", ".config", "how"), j("/home/u", ".cache", "how"), j("/home/u", ".local", "share", "how")}, false},
		{"HOW_ beats XDG", "linux", "/home/u", map[string]string{"HOW_CONFIG_DIR": "/c", "HOW_CACHE_DIR": "/k", "HOW_DATA_DIR": "/d",
			"XDG_CONFIG_HOME": "/x", "XDG_CACHE_HOME": "/y", "XDG_DATA_HOME": "/z"},
			Dirs{"/c", "/k", "/d"}, false},
		{"HOW_DATA_DIR on Windows", "windows", `C:\Users\u`, map[string]string{"AppData": `C:\R`, "HOW_DATA_DIR": `D:\notes\how`},
			Dirs{j(`C:\R`, "how"), j(`C:\Users\u`, ".cache", "how"), `D:\notes\how`}, false},
		{"no home, overrides set", "linux", "", map[string]string{"HOW_CONFIG_DIR": "/c", "HOW_CACHE_DIR": "/k", "HOW_DATA_DIR": "/d"}, Dirs{"/c", "/k", "/d"}, false},
		// Only how add and how edit need the data directory: without one
		// the others still run, and those two say what to set.
		{"no home, no data override", "linux", "", map[string]string{"HOW_CONFIG_DIR": "/c", "HOW_CACHE_DIR": "/k"}, Dirs{"/c", "/k", ""}, false},
		{"no home", "linux", "", nil, Dirs{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Paths(tt.goos, tt.home, func(k string) string { return tt.env[k] })
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("Paths = %+v, want %+v", got, tt.want)
			}
		})
	}
}
