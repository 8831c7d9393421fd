//go:build !unix

package source

import (
	"os"
	"path/filepath"
)

// statIn stats the files named names in the folder dir, following links,
// into out. A file that cannot be stat'ed gets ok false.
func statIn(dir string, names []string, out []fileStat) {
	for i, n := range names {
		info, err := os.Stat(filepath.Join(dir, n))
		if err != nil {
			out[i] = fileStat{}
			continue
		}
		out[i] = fileStat{ok: true, size: info.Size(), mtime: info.ModTime().UnixNano(), mode: uint32(info.Mode())}
	}
}
