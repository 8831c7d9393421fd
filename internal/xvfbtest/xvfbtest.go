// Package xvfbtest starts a private X server (Xvfb) for tests that copy
// through a real clipboard tool. Only tests import it.
package xvfbtest

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// Timeout bounds the wait for the server to say which display it took.
const Timeout = 30 * time.Second

// Start starts Xvfb on a display it picks itself and returns the display
// (":N") and a function that stops the server. Xvfb picks with
// -displayfd, which takes the first display no running server holds: a
// number chosen here could be held by a server of another test, and
// servers that were killed leave their sockets behind, so a socket on
// disk says nothing about whether its display is free.
func Start() (display string, stop func(), err error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", nil, err
	}
	defer r.Close()
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	err = cmd.Start()
	w.Close()
	if err != nil {
		return "", nil, err
	}
	stop = func() {
		// SIGTERM, not SIGKILL: Xvfb then removes its socket and lock.
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(Timeout):
			_ = cmd.Process.Kill()
			<-done
		}
	}
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			stop()
			return "", nil, errors.New("Xvfb exited without taking a display")
		}
		return ":" + n, stop, nil
	case <-time.After(Timeout):
		stop()
		return "", nil, fmt.Errorf("Xvfb took no display within %v", Timeout)
	}
}
