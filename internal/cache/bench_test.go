package cache

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/howcli/how/internal/source"
)

// BenchmarkOpenUpToDate is the cost every query pays before searching:
// plan the sources (stats), read the set's manifest and open its
// segments. The notes are 10,000, in 25 shares.
func BenchmarkOpenUpToDate(b *testing.B) {
	root := b.TempDir()
	notes := filepath.Join(root, "notes")
	if err := os.MkdirAll(notes, 0o755); err != nil {
		b.Fatal(err)
	}
	for i := range 10000 {
		text := fmt.Sprintf("```\nls -la /srv/d%d    # list folder %d\n```\n", i, i)
		if err := os.WriteFile(filepath.Join(notes, fmt.Sprintf("n%04d.md", i)), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	// Written an hour ago: files changed within the file system's clock
	// tick are swept again at every plan, as they should be, and the
	// benchmark is of the steady state.
	old := time.Now().Add(-time.Hour)
	for i := range 10000 {
		if err := os.Chtimes(filepath.Join(notes, fmt.Sprintf("n%04d.md", i)), old, old); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.Chtimes(notes, old, old); err != nil {
		b.Fatal(err)
	}
	c := &Cache{Dir: filepath.Join(root, "cache", "index")}
	set := func() *source.Set {
		return source.New(source.Options{Paths: []string{notes}, NoBundled: true, StateDir: filepath.Join(root, "cache", "sources")})
	}
	ix, err := c.Open(context.Background(), set(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	ix.Close()
	b.ResetTimer()
	for range b.N {
		ix, err := c.Open(context.Background(), set(), Options{})
		if err != nil || ix.Built {
			b.Fatal(err, ix.Built)
		}
		ix.Close()
	}
}
