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
		{"linux defaults", "linux", "/home/u", nil, Dirs{j("/home/u", ".config", "how"), j("/home/u", ".cache", "how")}, false},
		{"macOS defaults", "darwin", "/Users/u", nil, Dirs{j("/Users/u", ".config", "how"), j("/Users/u", "Library", "Caches", "how")}, false},
		{"windows defaults", "windows", `C:\Users\u`, map[string]string{"AppData": `C:\Users\u\AppData\Roaming`, "LocalAppData": `C:\Users\u\AppData\Local`},
			Dirs{j(`C:\Users\u\AppData\Roaming`, "how"), j(`C:\Users\u\AppData\Local`, "how", "cache")}, false},
		{"XDG", "linux", "/home/u", map[string]string{"XDG_CONFIG_HOME": "/x/config", "XDG_CACHE_HOME": "/x/cache"},
			Dirs{j("/x/config", "how"), j("/x/cache", "how")}, false},
		{"XDG on macOS", "darwin", "/Users/u", map[string]string{"XDG_CACHE_HOME": "/x/cache"},
			Dirs{j("/Users/u", ".config", "how"), j("/x/cache", "how")}, false},
		{"relative XDG ignored", "linux", "/home/u", map[string]string{"XDG_CONFIG_HOME": "rel", "XDG_CACHE_HOME": "./rel"},
			Dirs{j("/home/u", ".config", "how"), j("/home/u", ".cache", "how")}, false},
		{"HOW_ beats XDG", "linux", "/home/u", map[string]string{"HOW_CONFIG_DIR": "/c", "HOW_CACHE_DIR": "/k", "XDG_CONFIG_HOME": "/x", "XDG_CACHE_HOME": "/y"},
			Dirs{"/c", "/k"}, false},
		{"no home, overrides set", "linux", "", map[string]string{"HOW_CONFIG_DIR": "/c", "HOW_CACHE_DIR": "/k"}, Dirs{"/c", "/k"}, false},
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
