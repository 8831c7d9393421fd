// Package fetchtest makes archives and serves them over real HTTP on
// loopback, for the tests of fetch and of `how sources --get`.
package fetchtest

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"time"
)

// Entry is one entry of an archive made by Zip. A Mode with
// fs.ModeSymlink makes a link whose target is Data; one with fs.ModeDir a
// folder (Name should end in "/").
type Entry struct {
	Name string
	Data []byte
	Mode fs.FileMode
}

// Zip makes a zip archive of entries, in order, each dated modified.
// Names are written as given, however hostile.
func Zip(entries []Entry, modified time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.Name, Method: zip.Deflate, Modified: modified}
		mode := e.Mode
		if mode == 0 {
			mode = 0o644
		}
		h.SetMode(mode)
		if mode.IsDir() {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(e.Data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Tree reads the files below dir as entries named by their paths relative
// to it (with "/"), sorted; prefix is put before each name.
func Tree(dir, prefix string) ([]Entry, error) {
	var out []Entry
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out = append(out, Entry{Name: prefix + filepath.ToSlash(rel), Data: data})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

// SHA256Sums is a checksum listing as sha256sum writes it.
func SHA256Sums(name string, data []byte) []byte {
	sum := sha256.Sum256(data)
	return []byte(hex.EncodeToString(sum[:]) + "  " + name + "\n")
}

// Server serves files at paths over HTTP on loopback. What it serves can
// change between requests (an update), and a path can be made to hang
// after its first bytes (a stalled or interrupted download).
type Server struct {
	*httptest.Server
	mu    sync.Mutex
	files map[string][]byte
	// hang: path -> bytes sent before the handler waits for the client
	// to give up.
	hang map[string]int
	// fail: path -> the status answered instead.
	fail map[string]int
	// Reached receives the path of each request that hangs, once its
	// first bytes are sent.
	Reached chan string
	hits    map[string]int
}

// NewServer starts a Server; it is closed when t's test ends.
func NewServer(t interface{ Cleanup(func()) }) *Server {
	s := &Server{files: map[string][]byte{}, hang: map[string]int{}, fail: map[string]int{}, hits: map[string]int{}, Reached: make(chan string, 16)}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// Set serves data at path (nil stops serving it: 404).
func (s *Server) Set(path string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if data == nil {
		delete(s.files, path)
		return
	}
	s.files[path] = data
}

// Hang makes requests for path send its first n bytes and then nothing,
// until the client gives up.
func (s *Server) Hang(path string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hang[path] = n
}

// Fail makes requests for path answered with status code instead.
func (s *Server) Fail(path string, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail[path] = code
}

// Hits is how many times path was asked for.
func (s *Server) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	data, ok := s.files[r.URL.Path]
	hang, hangs := s.hang[r.URL.Path]
	code := s.fail[r.URL.Path]
	s.hits[r.URL.Path]++
	s.mu.Unlock()
	if code != 0 {
		http.Error(w, http.StatusText(code), code)
		return
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Content-Type", "application/zip")
	if !hangs {
		w.Write(data)
		return
	}
	w.Write(data[:min(hang, len(data))])
	w.(http.Flusher).Flush()
	select {
	case s.Reached <- r.URL.Path:
	default:
	}
	<-r.Context().Done()
}
