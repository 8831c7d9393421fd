package extract_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/howcli/how/internal/snippet"
	"github.com/howcli/how/internal/source"
	"github.com/howcli/how/internal/testfiles"
)

// realDocs holds a random sample of the commands extracted from READMEs
// and docs found on the machine the extractor was tuned on (the Go module
// cache and /usr/share/doc), each judged by hand: is it a command a person
// would want to find? Its README.md says how it was made. The files
// themselves are not kept, only their list (files.txt, with a hash of
// each) and the seed the sample is drawn with.
const realDocs = "testdata/realdocs"

// realDocsSample is how many snippets are drawn; realDocsBar the share of
// them that must be commands (DESIGN.md, quality bars).
const (
	realDocsSample = 220
	realDocsBar    = 0.95
)

// judgement is one sampled snippet and what a person made of it.
type judgement struct {
	Snippet string `json:"snippet"`
	File    string `json:"file"` // as files.txt names it
	Line    int    `json:"line"`
	// Verdict is "command" (one a person would want to find) or "not".
	Verdict string `json:"verdict"`
	Reason  string `json:"reason,omitempty"`
}

func (j judgement) key() string { return j.File + "\x00" + strconv.Itoa(j.Line) + "\x00" + j.Snippet }

// TestRealDocs draws the sample again from the files listed and checks
// that it is the one judged (an extractor that finds other commands
// needs its new ones judged: go test -update keeps the judgements that
// still apply and leaves the new ones to judge), then that at least 95%
// of it are commands. It skips when the files are not all here as they
// were, and in -short mode.
func TestRealDocs(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 576 files")
	}
	files := realDocFiles(t)
	seedText, err := os.ReadFile(filepath.Join(realDocs, "seed"))
	if err != nil {
		t.Fatal(err)
	}
	seed, err := strconv.ParseUint(strings.TrimSpace(string(seedText)), 10, 64)
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	sample := drawRealDocs(t, files, seed)

	path := filepath.Join(realDocs, "judgements.jsonl")
	judged, err := testfiles.JSONL[judgement](t, path)
	if err != nil && !testfiles.Update() {
		t.Fatal(err)
	}
	if testfiles.Update() {
		old := map[string]judgement{}
		for _, j := range judged {
			old[j.key()] = j
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		for _, s := range sample {
			if j, ok := old[s.key()]; ok {
				s = j
			}
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		judged, _ = testfiles.JSONL[judgement](t, path)
	}
	if len(judged) != len(sample) {
		t.Fatalf("%d judgements for a sample of %d: the extractor changed (go test -update, then judge the new ones)", len(judged), len(sample))
	}
	good := 0
	for i, j := range judged {
		if j.key() != sample[i].key() {
			t.Fatalf("judgement %d is of %s:%d %q, the sample's is %s:%d %q: the extractor changed (go test -update, then judge the new ones)",
				i+1, j.File, j.Line, j.Snippet, sample[i].File, sample[i].Line, sample[i].Snippet)
		}
		switch j.Verdict {
		case "command":
			good++
		case "not":
			t.Logf("not a command: %s:%d %q (%s)", j.File, j.Line, j.Snippet, j.Reason)
		default:
			t.Errorf("%s:%d %q is not judged yet (verdict %q)", j.File, j.Line, j.Snippet, j.Verdict)
		}
	}
	share := float64(good) / float64(len(judged))
	t.Logf("%d of %d sampled snippets are commands: %.3f", good, len(judged), share)
	if share < realDocsBar {
		t.Errorf("%.3f of the sample are commands, below the bar of %.2f", share, realDocsBar)
	}
}

// realDocFile is one file of the list: as the list names it, and where it
// is on this machine.
type realDocFile struct{ name, path string }

// realDocFiles reads files.txt, skipping the test unless every file is
// here with the content it had when the sample was judged.
func realDocFiles(t *testing.T) []realDocFile {
	t.Helper()
	f, err := os.Open(filepath.Join(realDocs, "files.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	modcache := ""
	if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
		modcache = strings.TrimSpace(string(out))
	}
	var files []realDocFile
	missing := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		hash, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("files.txt: %q is not HASH  PATH", sc.Text())
		}
		path := name
		if rest, ok := strings.CutPrefix(name, "$GOMODCACHE/"); ok {
			if modcache == "" {
				t.Skip("no Go module cache here")
			}
			path = filepath.Join(modcache, rest)
		}
		data, err := os.ReadFile(path)
		sum := sha256.Sum256(data)
		if err != nil || hex.EncodeToString(sum[:])[:len(hash)] != hash {
			missing++
			continue
		}
		files = append(files, realDocFile{name, path})
	}
	if missing > 0 {
		t.Skipf("%d of the %d files listed are not here as they were", missing, missing+len(files))
	}
	return files
}

// extractRealDocs extracts every file as `how extract` given them all
// would: the snippets of each file, in the list's order.
func extractRealDocs(files []realDocFile) [][]snippet.Snippet {
	names := make([]string, len(files))
	texts := make([][]byte, len(files))
	for i, f := range files {
		names[i] = f.path
		// A file that is empty or binary has nothing to extract, as how
		// extract says of it.
		texts[i], _, _ = source.ReadFile(f.path)
	}
	out := make([][]snippet.Snippet, len(files))
	for i, p := range source.ParseFiles(names, texts) {
		if texts[i] != nil {
			out[i] = p.Snippets
		}
	}
	return out
}

// drawRealDocs draws the sample: the snippets whose keys (file, line,
// command) hash lowest with the seed. A snippet the extractor gains or
// loses changes the sample by that snippet alone, so judgements keep.
func drawRealDocs(t *testing.T, files []realDocFile, seed uint64) []judgement {
	t.Helper()
	type drawn struct {
		rank string
		j    judgement
	}
	var all []drawn
	for i, snips := range extractRealDocs(files) {
		for _, s := range snips {
			j := judgement{Snippet: s.Command, File: files[i].name, Line: s.Line}
			sum := sha256.Sum256([]byte(strconv.FormatUint(seed, 10) + "\x00" + j.key()))
			all = append(all, drawn{hex.EncodeToString(sum[:]), j})
		}
	}
	if len(all) < realDocsSample {
		t.Fatalf("only %d snippets in all: no sample of %d", len(all), realDocsSample)
	}
	slices.SortFunc(all, func(a, b drawn) int { return strings.Compare(a.rank, b.rank) })
	out := make([]judgement, realDocsSample)
	for i := range out {
		out[i] = all[i].j
	}
	return out
}

// TestDumpRealDocs writes every command extracted from the files listed,
// with its description, to the file HOW_REALDOCS_DUMP names: for reading
// by eye while judging.
func TestDumpRealDocs(t *testing.T) {
	out := os.Getenv("HOW_REALDOCS_DUMP")
	if out == "" {
		t.Skip("set HOW_REALDOCS_DUMP to a file to write")
	}
	files := realDocFiles(t)
	var b strings.Builder
	for i, snips := range extractRealDocs(files) {
		for _, s := range snips {
			fmt.Fprintf(&b, "%s:%d\t%q\t%s\n", files[i].name, s.Line, s.Command, s.Description)
		}
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
