package cmdutil

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/howcli/how/internal/cache"
)

// ProgressStyle is where a progress line is drawn.
type ProgressStyle int

const (
	// ProgressLine draws on the cursor's line, redrawn in place (how
	// index, a query in a terminal).
	ProgressLine ProgressStyle = iota
	// ProgressBelow draws on the line below the cursor, which stays
	// where it is: a shell widget's prompt and command line are left as
	// they are while it waits. The line below is made first (moving down
	// and back up scrolls the screen if the prompt is on its last row),
	// so that the cursor saved and restored around each draw is still
	// the prompt's.
	ProgressBelow
)

// ProgressBar draws a build's progress on one line of a terminal. It is
// small enough not to be worth a dependency: one line, redrawn in place.
//
// Reading is counted per file. Indexing is mostly one bleve batch with no
// progress inside it, so until a batch is reported the bar moves on its
// own (a bouncing block and the elapsed time) to show that work goes on.
type ProgressBar struct {
	w     io.Writer
	start time.Time
	style ProgressStyle
	label string
	// after is how long the bar stays silent: a build quicker than that
	// is not worth a line.
	after time.Duration

	mu          sync.Mutex
	stage       cache.Stage
	done, total int
	// count is the stage's total as first reported: indexing starts with
	// the commands read and ends counting distinct ones, and the line
	// should not change its mind.
	count    int
	started  bool // a stage was reported: there is something to draw
	lastDraw time.Time
	lastLine string
	tick     int
	stopped  bool
	drawn    bool // something is on the screen, to erase
	stop     chan struct{}
	ticker   sync.WaitGroup
}

const (
	barWidth = 24
	// redrawEvery bounds redraws: terminals are slow, and a counter that
	// changes faster than this cannot be read anyway.
	redrawEvery = 100 * time.Millisecond
)

// NewProgressBar starts a bar drawn on w in style, each line starting
// with label, silent until after has passed.
func NewProgressBar(w io.Writer, style ProgressStyle, label string, after time.Duration) *ProgressBar {
	p := &ProgressBar{w: w, start: time.Now(), style: style, label: label, after: after, stop: make(chan struct{})}
	p.ticker.Add(1)
	go func() {
		defer p.ticker.Done()
		t := time.NewTicker(redrawEvery)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.mu.Lock()
				p.tick++
				p.draw(true)
				p.mu.Unlock()
			}
		}
	}()
	return p
}

// Update records progress; it has the signature of cache.Options.Progress.
func (p *ProgressBar) Update(stage cache.Stage, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	changed := !p.started || stage != p.stage
	if changed {
		p.count = total
	}
	p.stage, p.done, p.total, p.started = stage, done, total, true
	p.draw(changed || done == total)
}

// draw writes the line; the caller holds p.mu. Unless force, it skips
// redraws closer together than redrawEvery.
func (p *ProgressBar) draw(force bool) {
	if p.stopped || !p.started || time.Since(p.start) < p.after {
		return
	}
	now := time.Now()
	if !force && now.Sub(p.lastDraw) < redrawEvery {
		return
	}
	p.lastDraw = now
	var line string
	switch p.stage {
	case cache.StageRead:
		line = fmt.Sprintf("reading  %s %d/%d files", bar(p.done, p.total), p.done, p.total)
	default:
		b := bar(p.done, p.total)
		if p.done == 0 {
			b = bounce(p.tick)
		}
		line = fmt.Sprintf("indexing %s %d commands", b, p.count)
	}
	line = fmt.Sprintf("%s %.1fs", line, time.Since(p.start).Seconds())
	if line == p.lastLine {
		return
	}
	p.lastLine = line
	switch p.style {
	case ProgressBelow:
		if !p.drawn {
			// Make the line below: down (scrolling at the bottom) and
			// back up, the column kept.
			fmt.Fprint(p.w, "\x1bD\x1bM")
		}
		fmt.Fprintf(p.w, "\x1b7\x1bD\r%s%s\x1b[K\x1b8", p.label, line)
	default:
		fmt.Fprintf(p.w, "\r%s%s\x1b[K", p.label, line)
	}
	p.drawn = true
}

// Finish stops the bar and erases its line, so that what is printed next
// starts on a clean line. It may be called more than once.
func (p *ProgressBar) Finish() {
	p.mu.Lock()
	if p.stopped {
		p.mu.Unlock()
		return
	}
	p.stopped = true
	close(p.stop)
	drawn := p.drawn
	p.mu.Unlock()
	p.ticker.Wait()
	switch {
	case !drawn:
	case p.style == ProgressBelow:
		fmt.Fprint(p.w, "\x1b7\x1bD\r\x1b[K\x1b8")
	default:
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// bar is a bar of barWidth cells, filled in proportion to done/total.
func bar(done, total int) string {
	n := 0
	if total > 0 {
		n = min(barWidth, barWidth*done/total)
	}
	return "[" + strings.Repeat("#", n) + strings.Repeat(".", barWidth-n) + "]"
}

// bounce is a bar whose block moves back and forth with tick: work with no
// measure of how much is left.
func bounce(tick int) string {
	const block = 4
	span := barWidth - block
	pos := tick % (2 * span)
	if pos > span {
		pos = 2*span - pos
	}
	return "[" + strings.Repeat(".", pos) + strings.Repeat("#", block) + strings.Repeat(".", span-pos) + "]"
}
