package picker

import (
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"
)

func TestMiddleTruncate(t *testing.T) {
	for _, tt := range []struct {
		s    string
		w    int
		want string
	}{
		{"Logs · notes/logs.md:12", 40, "Logs · notes/logs.md:12"},
		{"Logs · /very/long/path/to/notes/logs.md:12", 20, "Logs · /ve…ogs.md:12"},
		{"日本語のセクション · a.md:1", 12, "日本語….md:1"},
	} {
		got := middleTruncate(tt.s, tt.w)
		if runewidth.StringWidth(got) > tt.w || got != tt.want {
			t.Errorf("middleTruncate(%q, %d) = %q, want %q", tt.s, tt.w, got, tt.want)
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		final bool
		want  keyKind
		n     int
	}{
		{"letter", "a", false, keyRune, 1},
		{"multibyte", "é", false, keyRune, 2},
		{"partial multibyte", "\xc3", false, keyNone, 0},
		{"enter CR", "\r", false, keyEnter, 1},
		{"enter LF", "\n", false, keyEnter, 1},
		{"ctrl-c", "\x03", false, keyCancel, 1},
		{"ctrl-g", "\x07", false, keyCancel, 1},
		{"ctrl-y", "\x19", false, keyCopy, 1},
		{"ctrl-n", "\x0e", false, keyDown, 1},
		{"ctrl-p", "\x10", false, keyUp, 1},
		{"tab", "\t", false, keyDown, 1},
		{"backspace DEL", "\x7f", false, keyBackspace, 1},
		{"backspace BS", "\x08", false, keyBackspace, 1},
		{"ctrl-w", "\x17", false, keyKillWord, 1},
		{"ctrl-u", "\x15", false, keyKillHome, 1},
		{"CSI down", "\x1b[B", false, keyDown, 3},
		{"SS3 down (keypad mode)", "\x1bOB", false, keyDown, 3},
		{"CSI up", "\x1b[A", false, keyUp, 3},
		{"SS3 up", "\x1bOA", false, keyUp, 3},
		{"ctrl-up", "\x1b[1;5A", false, keyUp, 6},
		{"page down", "\x1b[6~", false, keyPageDown, 4},
		{"delete", "\x1b[3~", false, keyDelete, 4},
		{"home", "\x1b[H", false, keyHome, 3},
		{"home vt", "\x1b[1~", false, keyHome, 4},
		{"shift-tab", "\x1b[Z", false, keyUp, 3},
		{"paste start", "\x1b[200~", false, keyPaste, 6},
		{"lone ESC waits", "\x1b", false, keyNone, 0},
		{"lone ESC after the timeout", "\x1b", true, keyEsc, 1},
		{"split CSI waits", "\x1b[", false, keyNone, 0},
		{"split SS3 waits", "\x1bO", false, keyNone, 0},
		{"ESC O after the timeout is Esc", "\x1bO", true, keyEsc, 1},
		{"ESC ESC", "\x1b\x1b[B", false, keyEsc, 1},
		{"alt-b ignored, consumed", "\x1bb", false, keyNone, 2},
		{"alt-backspace", "\x1b\x7f", false, keyKillWord, 2},
		{"unknown CSI ignored", "\x1b[99x", false, keyNone, 5},
		{"other control ignored", "\x1c", false, keyNone, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, n := decode([]byte(tt.in), tt.final)
			if k.kind != tt.want || n != tt.n {
				t.Errorf("decode(%q, %v) = %v, %d; want %v, %d", tt.in, tt.final, k.kind, n, tt.want, tt.n)
			}
		})
	}
}

func items(cmds ...string) []Item {
	var out []Item
	for _, c := range cmds {
		out = append(out, Item{Command: c, Description: "does " + strings.Fields(c)[0], Source: "notes.md:1", Value: c})
	}
	return out
}

// fakeSearch answers with the items whose command holds every word.
func fakeSearch(all []Item) func(string) ([]Item, error) {
	return func(q string) ([]Item, error) {
		var out []Item
	next:
		for _, it := range all {
			for _, w := range strings.Fields(q) {
				if !strings.Contains(it.Command, w) {
					continue next
				}
			}
			if strings.TrimSpace(q) != "" {
				out = append(out, it)
			}
		}
		return out, nil
	}
}

func TestModel(t *testing.T) {
	all := items("journalctl -f", "journalctl -k -f", "journalctl -u nginx", "tar xf a.tar")
	press := func(m *model, keys ...key) (bool, Result) {
		for _, k := range keys {
			if done, res := m.handle(k); done {
				return done, res
			}
			if m.dirty {
				m.refresh()
			}
		}
		return false, Result{}
	}
	r := func(c rune) key { return key{kind: keyRune, r: c} }
	k := func(kind keyKind) key { return key{kind: kind} }
	newModel := func(q string) *model {
		m := &model{query: []rune(q), qcur: len([]rune(q)), search: fakeSearch(all)}
		m.refresh()
		return m
	}

	m := newModel("journalctl")
	if len(m.items) != 3 {
		t.Fatalf("seeded query found %d items", len(m.items))
	}
	if done, res := press(m, k(keyDown), k(keyDown), k(keyDown), k(keyUp), k(keyEnter)); !done || res.Action != Chosen || res.Item.Value != "journalctl -k -f" {
		t.Errorf("down, down, down (clamped), up, enter: %v %+v", done, res)
	}

	m = newModel("journalctl")
	press(m, r(' '), r('n'), r('g'))
	if got := string(m.query); got != "journalctl ng" || len(m.items) != 1 {
		t.Errorf("typing refines: query %q, %d items", got, len(m.items))
	}
	press(m, k(keyKillWord))
	if got := string(m.query); got != "journalctl " || len(m.items) != 3 {
		t.Errorf("ctrl-w: query %q, %d items", got, len(m.items))
	}
	press(m, k(keyHome), r('x'), k(keyEnd), r('y'), k(keyLeft), k(keyBackspace))
	if got := string(m.query); got != "xjournalctly" {
		t.Errorf("editing in place: %q", got)
	}
	press(m, k(keyLeft), k(keyKillEnd))
	if got := string(m.query); got != "xjournalct" {
		t.Errorf("ctrl-k: %q", got)
	}
	press(m, k(keyKillHome))
	if got := string(m.query); got != "" || len(m.items) != 0 {
		t.Errorf("ctrl-u: %q, %d items", got, len(m.items))
	}
	if done, _ := press(m, k(keyEnter)); done {
		t.Error("enter with no item ended the picker")
	}
	if done, res := press(m, k(keyEOF)); !done || res.Action != Cancelled {
		t.Error("ctrl-d on an empty query does not cancel")
	}

	m = newModel("tar")
	if done, res := press(m, k(keyCopy)); !done || res.Action != Copied || res.Item.Value != "tar xf a.tar" {
		t.Errorf("ctrl-y: %+v", res)
	}
	m = newModel("tar")
	if done, res := press(m, k(keyEsc)); !done || res.Action != Cancelled || res.Query != "tar" {
		t.Errorf("esc: %+v", res)
	}
	// A pasted line break is a blank, not Enter.
	m = newModel("")
	if done, _ := press(m, key{kind: keyPaste, r: 's'}, r('t'), k(keyEnter), r('a'), key{kind: keyPaste, r: 'e'}); done || string(m.query) != "t a" {
		t.Errorf("paste: query %q", string(m.query))
	}
}

var sgrRE = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// screenLines splits a frame into what each row shows.
func screenLines(frame string) []string {
	return strings.Split(sgrRE.ReplaceAllString(frame, ""), "\r\n")
}

func TestFrame(t *testing.T) {
	long := "kubectl get pods --all-namespaces --field-selector=status.phase!=Running -o wide --sort-by=.metadata.creationTimestamp"
	all := []Item{
		{Command: "journalctl -u <service> -f", Description: "follow a service's logs", Source: "Logs · notes.md:4"},
		{Command: long, Description: "pods that are not running, oldest first, with their node and IP", Source: "K8s · k8s.md:12"},
		{Command: "cat <<EOF > f\nhello\nworld\nEOF", Description: "write a file", Source: "x.md:1"},
		{Command: "echo 日本語のテキスト", Description: "wide characters \x1b]52;c;ZXZpbA==\x07evil", Source: "w.md:2"},
	}
	for _, w := range []int{20, 40, 80, 200} {
		for _, h := range []int{3, 8, 24} {
			m := &model{query: []rune("journalctl follow"), items: all, enter: "insert"}
			m.qcur = len(m.query)
			m.sel = 1
			frame := m.frame(w, h)
			lines := screenLines(frame)
			if len(lines) > h {
				t.Errorf("%dx%d: %d rows drawn", w, h, len(lines))
			}
			for _, l := range lines {
				if runewidth.StringWidth(l) > w {
					t.Errorf("%dx%d: row wider than the terminal (%d): %q", w, h, runewidth.StringWidth(l), l)
				}
			}
			if strings.Contains(frame, "52;c;") {
				t.Errorf("%dx%d: an escape sequence from a description reached the screen", w, h)
			}
			if !strings.HasPrefix(lines[0], "how> ") || w >= 40 && !strings.HasPrefix(lines[0], "how> journalctl follow") {
				t.Errorf("%dx%d: query line %q", w, h, lines[0])
			}
			if w >= 80 && h >= 8 {
				text := strings.Join(lines, "\n")
				for _, want := range []string{"> kubectl get pods", "follow a service's logs", "K8s · k8s.md:12", "enter insert · ctrl-y copy · esc cancel", "2/4"} {
					if !strings.Contains(text, want) {
						t.Errorf("%dx%d: %q not on the screen:\n%s", w, h, want, text)
					}
				}
			}
		}
	}
	// A multi-line command: its first line in the list, all of it below.
	m := &model{items: all, sel: 2, enter: "insert"}
	text := strings.Join(screenLines(m.frame(80, 24)), "\n")
	for _, want := range []string{"> cat <<EOF > f ⏎+3", "  hello", "  EOF", "write a file"} {
		if !strings.Contains(text, want) {
			t.Errorf("multi-line: %q not on the screen:\n%s", want, text)
		}
	}
	// The selection scrolls into view.
	many := make([]Item, 100)
	for i := range many {
		many[i] = Item{Command: fmt.Sprintf("cmd%d", i)}
	}
	m = &model{items: many, sel: 60}
	if text := strings.Join(screenLines(m.frame(80, 24)), "\n"); !strings.Contains(text, "> cmd60") {
		t.Errorf("selection not shown:\n%s", text)
	}
}

// fakeTerminal is a terminal made of a pipe (keys) and a buffer (screen).
type fakeTerminal struct {
	keys    *io.PipeReader
	mu      sync.Mutex
	screen  strings.Builder
	raw     bool
	resized chan os.Signal
}

func (f *fakeTerminal) Read(p []byte) (int, error) { return f.keys.Read(p) }
func (f *fakeTerminal) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.screen.Write(p)
}
func (f *fakeTerminal) Size() (int, int, error) { return 80, 24, nil }
func (f *fakeTerminal) Raw() (func() error, error) {
	f.raw = true
	return func() error { f.raw = false; return nil }, nil
}
func (f *fakeTerminal) Resized() <-chan os.Signal { return f.resized }
func (f *fakeTerminal) Close() error              { return nil }
func (f *fakeTerminal) String() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.screen.String()
}

// runKeys runs the picker on a fake terminal, feeding it chunks of input
// with a pause between them.
func runKeys(t *testing.T, pause time.Duration, chunks ...string) (Result, *fakeTerminal) {
	t.Helper()
	r, w := io.Pipe()
	ft := &fakeTerminal{keys: r, resized: make(chan os.Signal, 1)}
	go func() {
		for _, c := range chunks {
			time.Sleep(pause)
			if _, err := w.Write([]byte(c)); err != nil {
				return
			}
		}
	}()
	done := make(chan struct{})
	var res Result
	var err error
	go func() {
		res, err = Run(context.Background(), Options{Terminal: ft, Query: "journalctl",
			Search: fakeSearch(items("journalctl -f", "journalctl -k -f", "tar xf a.tar")), Enter: "insert"})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the picker did not end")
	}
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	if ft.raw {
		t.Error("the terminal was left in raw mode")
	}
	return res, ft
}

func TestRun(t *testing.T) {
	// An arrow split in transit (ESC, then [B 20 ms later) is still an
	// arrow, in both forms.
	for _, down := range [][2]string{{"\x1b", "[B"}, {"\x1b", "OB"}, {"\x1bO", "B"}} {
		res, ft := runKeys(t, 20*time.Millisecond, down[0], down[1], "\r")
		if res.Action != Chosen || res.Item.Value != "journalctl -k -f" {
			t.Errorf("split %q: %+v", down, res)
		}
		screen := ft.String()
		if !strings.HasPrefix(screen, "\x1b[?1049h") || !strings.HasSuffix(screen, "\x1b[?1049l") {
			t.Errorf("not drawn on the alternate screen: %q…%q", screen[:min(20, len(screen))], screen[max(len(screen)-20, 0):])
		}
	}
	// A lone ESC cancels once the timeout has passed.
	if res, _ := runKeys(t, 0, "\x1b"); res.Action != Cancelled {
		t.Errorf("esc: %+v", res)
	}
	// Typing refreshes the results.
	if res, _ := runKeys(t, 0, "\x15tar", "\r"); res.Action != Chosen || res.Item.Value != "tar xf a.tar" {
		t.Errorf("typed query: %+v", res)
	}
	// Ctrl-C is a key in raw mode, not a signal.
	if res, _ := runKeys(t, 0, "\x03"); res.Action != Cancelled {
		t.Errorf("ctrl-c: %+v", res)
	}
}
