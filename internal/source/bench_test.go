package source

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/howcli/how/sheets"
)

// The fingerprint is computed on every query, so it must stay far below the
// query budget. The bundled digest is cached per process; the first call
// (which real queries pay) is measured separately.
func BenchmarkFingerprintBundled(b *testing.B) {
	set := New(Options{Bundled: sheets.FS})
	for b.Loop() {
		set.Fingerprint()
	}
}

func BenchmarkBundledDigestCold(b *testing.B) {
	for b.Loop() {
		digestMu.Lock()
		clear(digestCache)
		digestMu.Unlock()
		bundledDigest(sheets.FS)
	}
}

// The tldr corpus is ~7000 files: the walk stats each one.
func BenchmarkFingerprintTldrCorpus(b *testing.B) {
	root := filepath.Join("..", "..", "..", "shared", "corpora", "tldr", "pages")
	if _, err := os.Stat(root); err != nil {
		b.Skip("no ../shared/corpora/tldr")
	}
	set := New(Options{Paths: []string{root}, NoBundled: true})
	for b.Loop() {
		set.Fingerprint()
	}
}

func BenchmarkLoadTldrCorpus(b *testing.B) {
	root := filepath.Join("..", "..", "..", "shared", "corpora", "tldr", "pages")
	if _, err := os.Stat(root); err != nil {
		b.Skip("no ../shared/corpora/tldr")
	}
	set := New(Options{Paths: []string{root}, NoBundled: true})
	for b.Loop() {
		set.Load(context.Background())
	}
}
