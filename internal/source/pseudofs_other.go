//go:build !linux

package source

// pseudoFSOf names the pseudo file system path is on; only Linux's are
// known (see pseudofs_linux.go): elsewhere, the walk's caps and the read
// deadline stand between how and a file system of kernel state.
func pseudoFSOf(path string) string { return "" }

// pseudoFSOfFile is pseudoFSOf for an open file.
func pseudoFSOfFile(fd uintptr) string { return "" }
