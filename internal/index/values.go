package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/howcli/how/internal/safefile"
)

// A values file holds what is stored beside a segment (its statistics,
// its programs' families and pipe evidence, its commands' keys) or an
// index's manifest (the segments, and the knowledge and statistics of
// the whole): a magic line, then key and value pairs, each
// length-prefixed.
const (
	segmentMagic  = "how segment values 1\n"
	manifestMagic = "how index manifest 1\n"
)

// Keys of the stored values. A segment's are keyEntries, keyLengths,
// keyStats, keyFamilies, keyEvidence and keyKeys; a manifest's are
// keyParts, keyOverlay, keyEntries, keyLengths, keyFamilies, keyEvidence,
// keySynonyms, keyPhrases and, for an index of one segment, keyStats.
const (
	keyEntries  = "how.entries"
	keyLengths  = "how.lengths"
	keyStats    = "how.bm25"
	keyFamilies = "how.families"
	keyEvidence = "how.evidence"
	keyKeys     = "how.keys"
	keyParts    = "how.parts"
	keyOverlay  = "how.overlay"
	keySynonyms = "how.synonyms"
	keyPhrases  = "how.phrases"
)

var (
	segmentKeys  = []string{keyEntries, keyLengths, keyStats, keyFamilies, keyEvidence, keyKeys}
	manifestKeys = []string{keyParts, keyOverlay, keyEntries, keyLengths, keyFamilies, keyEvidence, keySynonyms, keyPhrases}
)

func encodeValues(magic string, values map[string][]byte) []byte {
	b := []byte(magic)
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = binary.AppendUvarint(b, uint64(len(values[k])))
		b = append(b, values[k]...)
	}
	return b
}

// writeValues writes a new values file at path, which must not exist.
func writeValues(path, magic string, values map[string][]byte) error {
	// Private, as zap makes the segment beside it: both hold what the
	// user's notes say.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(encodeValues(magic, values)); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

var errBadValues = errors.New("stored values are damaged")

// maxValues bounds the values file read: the statistics of 100,000
// commands are a few megabytes, and a file put in its place (a FIFO, a
// sparse file of gigabytes) must cost nothing.
const maxValues = 64 << 20

func readValues(path, magic string, required []string) (map[string][]byte, error) {
	data, err := safefile.Read(path, maxValues)
	if err != nil {
		return nil, err
	}
	return decodeValues(data, magic, required)
}

func decodeValues(data []byte, magic string, required []string) (map[string][]byte, error) {
	rest, ok := bytes.CutPrefix(data, []byte(magic))
	if !ok {
		return nil, errBadValues
	}
	values := map[string][]byte{}
	next := func() ([]byte, bool) {
		n, k := binary.Uvarint(rest)
		if k <= 0 || n > uint64(len(rest)-k) {
			return nil, false
		}
		v := rest[k : k+int(n)]
		rest = rest[k+int(n):]
		return v, true
	}
	for len(rest) > 0 {
		k, ok1 := next()
		v, ok2 := next()
		if !ok1 || !ok2 {
			return nil, errBadValues
		}
		values[string(k)] = v
	}
	// Every build writes every key: a file cut short at a pair's end
	// still parses, and must not pass for whole.
	for _, k := range required {
		if _, ok := values[k]; !ok {
			return nil, fmt.Errorf("%w: no %s", errBadValues, k)
		}
	}
	return values, nil
}
