package prompt

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// Off a terminal, each answer is a line of input; the questions are
// written as they are asked; the end of input cancels.
func TestLinesOffTerminal(t *testing.T) {
	var out bytes.Buffer
	tty := New(strings.NewReader("git log\r\nyes\n  n \nlast line without end"), &out)
	ctx := context.Background()
	if got, err := tty.Line(ctx, "Command: "); got != "git log" || err != nil {
		t.Errorf("Line = %q, %v", got, err)
	}
	if ok, err := tty.Confirm(ctx, "Add it?"); !ok || err != nil {
		t.Errorf("Confirm yes = %v, %v", ok, err)
	}
	if ok, err := tty.Confirm(ctx, "And this?"); ok || err != nil {
		t.Errorf("Confirm n = %v, %v", ok, err)
	}
	if got, err := tty.Line(ctx, "More: "); got != "last line without end" || err != nil {
		t.Errorf("last line = %q, %v", got, err)
	}
	if _, err := tty.Line(ctx, "Again: "); !errors.Is(err, ErrCancelled) {
		t.Errorf("end of input: %v", err)
	}
	if out.String() != "Command: Add it? [y/N] And this? [y/N] More: Again: " {
		t.Errorf("questions %q", out.String())
	}
}

// A cancelled context ends a wait for an answer that does not come; an
// answer that comes after is the next question's, read once.
func TestLineCancelled(t *testing.T) {
	r, w := io.Pipe()
	tty := New(r, io.Discard)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := tty.Line(ctx, "? "); !errors.Is(err, ErrCancelled) {
		t.Errorf("err = %v", err)
	}
	go io.WriteString(w, "late\nlater\n")
	ctx, cancel = context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, want := range []string{"late", "later"} {
		if got, err := tty.Line(ctx, "? "); got != want || err != nil {
			t.Errorf("Line = %q, %v; want %q", got, err, want)
		}
	}
}
