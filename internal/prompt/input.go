package prompt

import (
	"context"
	"errors"
	"io"
	"os"
	"sync"
	"time"
)

// errNoInput is what input.read returns when its wait ran out.
var errNoInput = errors.New("no input")

// input is the one reader of a TTY's input. A read ends when bytes come,
// when its wait runs out, or when its context ends; it never leaves a
// read of the terminal running behind it when it can stop one.
//
// A terminal opened by name is, on Linux, a file with read deadlines: a
// read that must end is stopped by moving its deadline, and the bytes the
// person types next stay in the terminal. Other inputs (pipes, a Windows
// console) are read by a goroutine that hands each chunk over: a chunk
// read after a question was abandoned is kept for the next question.
type input struct {
	r io.Reader
	// deadlines is r when it takes read deadlines, else nil.
	deadlines interface{ SetReadDeadline(time.Time) error }

	// For inputs without deadlines: the reading goroutine's chunks, and
	// the error that ended it, once received.
	start     sync.Once
	chunks    chan chunk
	stop      chan struct{}
	stopOnce  sync.Once
	stickyErr error
}

type chunk struct {
	b   []byte
	err error
}

func newInput(r io.Reader) *input {
	in := &input{r: r, stop: make(chan struct{})}
	if d, ok := r.(interface{ SetReadDeadline(time.Time) error }); ok && d.SetReadDeadline(time.Time{}) == nil {
		in.deadlines = d
	}
	return in
}

// read returns the next bytes, or errNoInput once wait (if not 0) has
// passed with none, or ctx's error once it ends.
func (in *input) read(ctx context.Context, wait time.Duration) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in.deadlines != nil {
		return in.readDeadline(ctx, wait)
	}
	return in.readChunk(ctx, wait)
}

func (in *input) readDeadline(ctx context.Context, wait time.Duration) ([]byte, error) {
	var at time.Time
	if wait > 0 {
		at = time.Now().Add(wait)
	}
	if err := in.deadlines.SetReadDeadline(at); err != nil {
		return nil, err
	}
	// The deadline is set before ctx is watched, so that a ctx already
	// done moves it after, never before.
	moved := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		in.deadlines.SetReadDeadline(time.Unix(1, 0))
		close(moved)
	})
	defer func() {
		if !stop() {
			// ctx ended during the read: let its deadline land now, not
			// in the middle of the next read.
			<-moved
		}
	}()
	buf := make([]byte, 512)
	for {
		n, err := in.r.Read(buf)
		switch {
		case n > 0:
			return buf[:n], nil
		case errors.Is(err, os.ErrDeadlineExceeded) && ctx.Err() != nil:
			return nil, ctx.Err()
		case errors.Is(err, os.ErrDeadlineExceeded):
			return nil, errNoInput
		case err != nil:
			return nil, err
		}
	}
}

func (in *input) readChunk(ctx context.Context, wait time.Duration) ([]byte, error) {
	if in.stickyErr != nil {
		return nil, in.stickyErr
	}
	in.start.Do(func() {
		in.chunks = make(chan chunk)
		go in.pump()
	})
	var timeout <-chan time.Time
	if wait > 0 {
		timer := time.NewTimer(wait)
		defer timer.Stop()
		timeout = timer.C
	}
	select {
	case c := <-in.chunks:
		if len(c.b) > 0 {
			return c.b, nil
		}
		in.stickyErr = c.err
		return nil, c.err
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-timeout:
		return nil, errNoInput
	}
}

// pump reads the input and hands each chunk over, holding it until it is
// taken, so that nothing read is lost when no question is waiting.
func (in *input) pump() {
	for {
		buf := make([]byte, 512)
		n, err := in.r.Read(buf)
		var c chunk
		switch {
		case n > 0:
			c.b = buf[:n]
		case err != nil:
			c.err = err
		default:
			continue
		}
		select {
		case in.chunks <- c:
		case <-in.stop:
			return
		}
		if n == 0 {
			return
		}
	}
}

// close lets the reading goroutine, if any, end once its read does.
func (in *input) close() {
	in.stopOnce.Do(func() { close(in.stop) })
}
