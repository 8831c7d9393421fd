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

// The values file holds what is stored beside the segment: the entry
// count, the phrase groups, the BM25 statistics, the field lengths, the
// synonym table. It is
// a magic line, then key and value pairs, each length-prefixed.
const valuesMagic = "how index values 1\n"

// Keys of the stored values.
const (
	internalEntries  = "how.entries"
	internalPhrases  = "how.phrases"
	internalStats    = "how.bm25"
	internalSynonyms = "how.synonyms"
	internalLengths  = "how.lengths"
)

func writeValues(path string, values map[string][]byte) error {
	b := []byte(valuesMagic)
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
	// Private, as zap makes the segment beside it: both hold what the
	// user's notes say.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
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

// maxValues bounds the values file read: the synonym table and the
// statistics of 100,000 commands are a few megabytes, and a file put in
// its place (a FIFO, a sparse file of gigabytes) must cost nothing.
const maxValues = 64 << 20

func readValues(path string) (map[string][]byte, error) {
	data, err := safefile.Read(path, maxValues)
	if err != nil {
		return nil, err
	}
	rest, ok := bytes.CutPrefix(data, []byte(valuesMagic))
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
	for _, k := range []string{internalEntries, internalPhrases, internalStats, internalSynonyms, internalLengths} {
		if _, ok := values[k]; !ok {
			return nil, fmt.Errorf("%w: no %s", errBadValues, k)
		}
	}
	return values, nil
}
