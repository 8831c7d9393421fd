//go:build unix

package testfiles

import (
	"io"
	"os"
	"syscall"
)

// WriteExecutable writes a program or script that a test then runs, with
// no fork in between. A child forked while the file is open for writing
// inherits that descriptor until it execs its own program, and running
// the file meanwhile fails with "text file busy" (ETXTBSY): parallel tests
// fork all the time, and a loaded machine can leave a child between fork
// and exec for long enough. syscall.ForkLock is what os/exec holds while
// it forks.
func WriteExecutable(path string, data io.Reader) error {
	syscall.ForkLock.Lock()
	defer syscall.ForkLock.Unlock()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
