package cmdutil

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/howcli/how/internal/cache"
)

func TestProgressBar(t *testing.T) {
	if got := bar(1, 4); got != "["+strings.Repeat("#", barWidth/4)+strings.Repeat(".", barWidth-barWidth/4)+"]" {
		t.Errorf("bar(1, 4) = %s", got)
	}
	if got := bar(0, 0); got != "["+strings.Repeat(".", barWidth)+"]" {
		t.Errorf("bar(0, 0) = %s", got)
	}
	for tick := range 3 * barWidth {
		if b := bounce(tick); len(b) != barWidth+2 || strings.Count(b, "#") != 4 {
			t.Fatalf("bounce(%d) = %s", tick, b)
		}
	}
	// Nothing reported, nothing drawn, nothing erased.
	var buf bytes.Buffer
	p := NewProgressBar(&buf, ProgressLine, "", 0)
	p.Finish()
	p.Finish()
	if buf.Len() != 0 {
		t.Errorf("an unused bar wrote %q", buf.String())
	}
}

// TestProgressBarSilentAtFirst: a build over before the bar's time says
// nothing, and erases nothing.
func TestProgressBarSilentAtFirst(t *testing.T) {
	var buf bytes.Buffer
	p := NewProgressBar(&buf, ProgressLine, "building the index: ", time.Hour)
	p.Update(cache.StageRead, 0, 3)
	p.Update(cache.StageRead, 3, 3)
	p.Update(cache.StageIndex, 3, 3)
	p.Finish()
	if buf.Len() != 0 {
		t.Errorf("a quick build wrote %q", buf.String())
	}
}

// TestProgressBarBelow: drawn below the cursor, which is saved and
// restored around each draw, after making the line below (a prompt on the
// screen's last row scrolls up first); erased the same way.
func TestProgressBarBelow(t *testing.T) {
	var buf bytes.Buffer
	p := NewProgressBar(&buf, ProgressBelow, "building the index: ", 0)
	p.Update(cache.StageRead, 1, 3)
	p.Finish()
	out := buf.String()
	if !strings.HasPrefix(out, "\x1bD\x1bM\x1b7\x1bD\rbuilding the index: reading  [") || strings.Count(out, "\x1bD\x1bM") != 1 {
		t.Errorf("drew %q", out)
	}
	if !strings.HasSuffix(out, "\x1b[K\x1b8\x1b7\x1bD\r\x1b[K\x1b8") || strings.Contains(out, "\n") {
		t.Errorf("erased with %q", out)
	}
}
