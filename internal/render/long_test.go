package render

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/howcli/how/internal/iostreams"
	"github.com/howcli/how/internal/snippet"
)

// longCommand is a command of n bytes or so, options and pipes.
func longCommand(n int) string {
	var b strings.Builder
	b.WriteString("echo")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, " --opt%d={{value}} | tee", i)
	}
	return b.String()
}

// allocated is how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestLongCommandLinear: a command a source makes long (one line of 300 KB
// in a note) is rendered in linear time and space, styled or not. Bytes
// allocated stand for time, without a clock: a renderer that copied the
// line so far at each character allocates the square of its length.
func TestLongCommandLinear(t *testing.T) {
	cs := iostreams.NewColorScheme(true)
	for _, c := range []struct {
		n      int
		origin string
	}{
		{maxStyled, snippet.OriginNotes}, // styled
		{maxStyled, snippet.OriginTldr},
		{300 << 10, snippet.OriginNotes}, // past what is styled
		{300 << 10, snippet.OriginTldr},
	} {
		cmd := longCommand(c.n)
		results := []Result{{Snippet: snippet.Snippet{Command: cmd, Description: "long", Source: "/n/long.md", Line: 1, Origin: c.origin}}}
		for name, render := range map[string]func(*bytes.Buffer){
			"terminal": func(b *bytes.Buffer) { _ = Terminal(b, cs, 80, results, false) },
			"plain":    func(b *bytes.Buffer) { _ = Plain(b, cs, results, '\n') },
		} {
			var out bytes.Buffer
			got := allocated(func() { render(&out) })
			if limit := uint64(400 * len(cmd)); got > limit {
				t.Errorf("%s, %s, %d bytes: %d bytes allocated, over %d: not linear", name, c.origin, len(cmd), got, limit)
			}
			if !strings.Contains(out.String(), "opt1") {
				t.Errorf("%s, %s: the command is not shown", name, c.origin)
			}
		}
	}
}

// BenchmarkLongCommand is a 1 MB command from a note printed for a
// terminal (budget: 50 ms).
func BenchmarkLongCommand(b *testing.B) {
	cs := iostreams.NewColorScheme(true)
	results := []Result{{Snippet: snippet.Snippet{Command: longCommand(1 << 20), Source: "/n/long.md", Line: 1, Origin: snippet.OriginNotes}}}
	var out bytes.Buffer
	for b.Loop() {
		out.Reset()
		_ = Terminal(&out, cs, 80, results, false)
	}
}
