// Package picker is how's interactive chooser: a query line and the ranked
// results under it, refreshed as the user types, drawn on the terminal
// itself (/dev/tty), never on stdout, which is left for the choice.
//
// It works whatever the standard streams are (a shell widget's stdout is
// captured, zsh gives a widget /dev/null as stdin), puts the terminal in
// raw mode and restores it, and draws on the alternate screen so that the
// shell's screen, prompt included, comes back untouched. It reads arrows
// in both the normal (ESC [ B) and the keypad (ESC O B) forms, and waits
// EscTimeout after an ESC for the rest of a sequence split in transit. It
// never runs anything.
package picker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// Terminal is where the picker reads keys and draws.
type Terminal interface {
	io.Reader
	io.Writer
	// Size is the width and height in cells.
	Size() (width, height int, err error)
	// Raw puts the terminal in raw mode and returns what restores it.
	Raw() (restore func() error, err error)
	// Resized signals a change of size (SIGWINCH); it may be nil.
	Resized() <-chan os.Signal
	Close() error
}

// Item is one result as the picker shows it.
type Item struct {
	// Command is shown as it would be used; it may span lines. It must be
	// cleaned of control characters by the caller.
	Command string
	// Description and Source (where the command was found) are shown for
	// the selected item, cleaned here.
	Description string
	Source      string
	// Value is the caller's, handed back with the choice.
	Value any
}

// Action is how the picker ended.
type Action int

const (
	// Cancelled: Esc, Ctrl-C or Ctrl-G, or Ctrl-D on an empty query.
	Cancelled Action = iota
	// Chosen: Enter on an item.
	Chosen
	// Copied: Ctrl-Y on an item; the caller copies it.
	Copied
)

// Result is the outcome of Run.
type Result struct {
	Action Action
	Item   Item
	// Query is the query as the user left it.
	Query string
}

// DefaultEscTimeout is how long an ESC waits for the rest of an escape
// sequence before it counts as the Esc key: long enough for a sequence
// split over a slow ssh link, short enough not to feel slow.
const DefaultEscTimeout = 100 * time.Millisecond

// Options configure Run.
type Options struct {
	// Terminal is where to draw; nil opens DefaultTTY.
	Terminal Terminal
	// Query is the query to start with.
	Query string
	// Search returns the items for a query, best first. It runs on every
	// change of the query, in the picker's goroutine.
	Search func(query string) ([]Item, error)
	// Enter names what Enter does, for the key help ("insert", "print").
	Enter string
	// EscTimeout replaces DefaultEscTimeout.
	EscTimeout time.Duration
}

// ErrNoTerminal means there is no terminal to draw on (no controlling
// terminal, as over ssh without -t).
var ErrNoTerminal = errors.New("no terminal to show the picker on")

// Run shows the picker until the user chooses, copies or cancels, or ctx
// is done (which cancels).
func Run(ctx context.Context, o Options) (res Result, err error) {
	t := o.Terminal
	if t == nil {
		if t, err = OpenTerminal(""); err != nil {
			return Result{}, fmt.Errorf("%w: %v", ErrNoTerminal, err)
		}
		defer t.Close()
	}
	if o.EscTimeout <= 0 {
		o.EscTimeout = DefaultEscTimeout
	}
	if o.Enter == "" {
		o.Enter = "choose"
	}
	restore, err := t.Raw()
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrNoTerminal, err)
	}
	defer restore()
	// Alternate screen; the cursor is shown again on the way out.
	io.WriteString(t, "\x1b[?1049h\x1b[H\x1b[2J")
	defer io.WriteString(t, "\x1b[0m\x1b[?25h\x1b[?1049l")

	m := &model{query: []rune(o.Query), search: o.Search, enter: o.Enter}
	m.qcur = len(m.query)
	m.refresh()

	chunks := make(chan []byte, 16)
	readErr := make(chan error, 1)
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := t.Read(buf)
			if n > 0 {
				chunks <- append([]byte(nil), buf[:n]...)
			}
			if err != nil {
				readErr <- err
				return
			}
		}
	}()

	draw := func() {
		w, h, err := t.Size()
		if err != nil || w <= 0 || h <= 0 {
			w, h = 80, 24
		}
		io.WriteString(t, m.frame(w, h))
	}
	draw()

	var pending []byte
	var escTimer <-chan time.Time
	for {
		final := false
		select {
		case <-ctx.Done():
			return Result{Action: Cancelled, Query: string(m.query)}, nil
		case <-t.Resized():
			draw()
			continue
		case err := <-readErr:
			if errors.Is(err, io.EOF) {
				return Result{Action: Cancelled, Query: string(m.query)}, nil
			}
			return Result{}, fmt.Errorf("read the terminal: %w", err)
		case b := <-chunks:
			pending = append(pending, b...)
		case <-escTimer:
			final = true
		}
		escTimer = nil
		for len(pending) > 0 {
			k, n := decode(pending, final)
			if n == 0 {
				escTimer = time.After(o.EscTimeout)
				break
			}
			pending = pending[n:]
			if done, res := m.handle(k); done {
				return res, nil
			}
		}
		if m.dirty {
			m.refresh()
		}
		draw()
	}
}

// model is the picker's state.
type model struct {
	query   []rune
	qcur    int // cursor in query, in runes
	items   []Item
	sel     int
	top     int // first item shown
	rows    int // item rows at the last draw, for PageUp/PageDown
	err     string
	dirty   bool // query changed since the last search
	pasting bool
	search  func(string) ([]Item, error)
	enter   string
}

func (m *model) refresh() {
	m.dirty = false
	m.sel, m.top = 0, 0
	m.err = ""
	if m.search == nil {
		return
	}
	items, err := m.search(string(m.query))
	if err != nil {
		m.items = nil
		m.err = err.Error()
		return
	}
	m.items = items
}

// handle applies a key; done means the picker ends with res.
func (m *model) handle(k key) (done bool, res Result) {
	end := func(a Action) (bool, Result) {
		r := Result{Action: a, Query: string(m.query)}
		if a != Cancelled {
			r.Item = m.items[m.sel]
		}
		return true, r
	}
	if m.pasting && k.kind == keyEnter {
		k = key{kind: keyRune, r: ' '} // a pasted line break
	}
	switch k.kind {
	case keyPaste:
		m.pasting = k.r == 's'
	case keyRune:
		if unicode.IsPrint(k.r) || k.r == ' ' {
			m.insert(k.r)
		}
	case keyEnter:
		if m.dirty {
			m.refresh()
		}
		if len(m.items) > 0 {
			return end(Chosen)
		}
	case keyCopy:
		if m.dirty {
			m.refresh()
		}
		if len(m.items) > 0 {
			return end(Copied)
		}
	case keyEsc, keyCancel:
		return end(Cancelled)
	case keyEOF:
		if len(m.query) == 0 {
			return end(Cancelled)
		}
		m.deleteAt(m.qcur)
	case keyUp:
		m.move(-1)
	case keyDown:
		m.move(1)
	case keyPageUp:
		m.move(-max(m.rows, 1))
	case keyPageDown:
		m.move(max(m.rows, 1))
	case keyLeft:
		m.qcur = max(m.qcur-1, 0)
	case keyRight:
		m.qcur = min(m.qcur+1, len(m.query))
	case keyHome:
		m.qcur = 0
	case keyEnd:
		m.qcur = len(m.query)
	case keyBackspace:
		if m.qcur > 0 {
			m.deleteAt(m.qcur - 1)
			m.qcur--
		}
	case keyDelete:
		m.deleteAt(m.qcur)
	case keyKillWord:
		i := m.qcur
		for i > 0 && m.query[i-1] == ' ' {
			i--
		}
		for i > 0 && m.query[i-1] != ' ' {
			i--
		}
		m.query = append(m.query[:i:i], m.query[m.qcur:]...)
		m.qcur = i
		m.dirty = true
	case keyKillHome:
		m.query = append([]rune(nil), m.query[m.qcur:]...)
		m.qcur = 0
		m.dirty = true
	case keyKillEnd:
		m.query = m.query[:m.qcur]
		m.dirty = true
	}
	return false, Result{}
}

func (m *model) insert(r rune) {
	m.query = append(m.query[:m.qcur], append([]rune{r}, m.query[m.qcur:]...)...)
	m.qcur++
	m.dirty = true
}

func (m *model) deleteAt(i int) {
	if i < 0 || i >= len(m.query) {
		return
	}
	m.query = append(m.query[:i:i], m.query[i+1:]...)
	m.dirty = true
}

func (m *model) move(d int) {
	if len(m.items) == 0 {
		return
	}
	m.sel = min(max(m.sel+d, 0), len(m.items)-1)
}

// SGR attributes; the picker uses no colours, only weight and inversion,
// which read on any background and under NO_COLOR.
const (
	sgrReset   = "\x1b[0m"
	sgrBold    = "\x1b[1m"
	sgrDim     = "\x1b[2m"
	sgrReverse = "\x1b[7m"
)

const prompt = "how> "

// frame draws the whole screen for a terminal w cells wide and h high:
// the query line, the results, and below them the selected result's
// description and source, with the keys.
func (m *model) frame(w, h int) string {
	w = max(w, 10)
	// Rows are joined, not ended, by line breaks: a break after the
	// bottom row would scroll the screen.
	var rowsOut []string
	line := func(s string) { rowsOut = append(rowsOut, s) }

	// The query line, with the position in the list (or the error) on the
	// right.
	right := fmt.Sprintf("%d/%d", min(m.sel+1, len(m.items)), len(m.items))
	if m.err != "" {
		right = "error: " + clean(m.err)
	}
	right = runewidth.Truncate(right, max(w/2, 8), "…")
	avail := w - runewidth.StringWidth(prompt) - runewidth.StringWidth(right) - 2
	before, after := string(m.query[:m.qcur]), string(m.query[m.qcur:])
	for runewidth.StringWidth(before) > avail && before != "" {
		_, size := utf8.DecodeRuneInString(before)
		before = before[size:]
	}
	after = runewidth.Truncate(after, max(avail-runewidth.StringWidth(before), 0), "")
	shown := before + after
	pad := max(w-runewidth.StringWidth(prompt+shown)-runewidth.StringWidth(right)-1, 1)
	cursorCol := runewidth.StringWidth(prompt+before) + 1
	line(sgrBold + prompt + sgrReset + shown + strings.Repeat(" ", pad) + sgrDim + right)

	// The details of the selected item, fitted under the list.
	var details []string
	if h >= 6 {
		// At most half the rows below the query: the list comes first.
		details = m.details(w, h)
		details = details[:min(len(details), (h-1)/2)]
	}
	rows := max(h-1-len(details), 0)
	m.rows = rows
	if m.sel < m.top {
		m.top = m.sel
	}
	if rows > 0 && m.sel >= m.top+rows {
		m.top = m.sel - rows + 1
	}
	// Descriptions start in one column, after the widest command shown,
	// within three fifths of the width.
	col := 0
	for i := m.top; i < min(m.top+rows, len(m.items)); i++ {
		first, more := commandHead(m.items[i].Command)
		col = max(col, runewidth.StringWidth(first+more))
	}
	col = min(col, w*3/5)
	for r := 0; r < rows; r++ {
		i := m.top + r
		switch {
		case i < len(m.items):
			line(m.itemLine(i, w, col))
		case r == 0 && len(m.items) == 0 && m.err == "":
			if len(m.query) == 0 {
				line(sgrDim + "  type what you want to do")
			} else {
				line(sgrDim + "  no match")
			}
		default:
			line("")
		}
	}
	rowsOut = append(rowsOut, details...)
	rowsOut = rowsOut[:min(len(rowsOut), h)]
	var b strings.Builder
	b.WriteString("\x1b[?25l\x1b[H")
	for i, r := range rowsOut {
		if i > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString(r + sgrReset + "\x1b[K")
	}
	b.WriteString("\x1b[J")
	fmt.Fprintf(&b, "\x1b[1;%dH\x1b[?25h", cursorCol)
	return b.String()
}

// commandHead is a command's first line, and a mark saying how many
// more it has.
func commandHead(cmd string) (first, more string) {
	lines := strings.Split(cmd, "\n")
	if len(lines) > 1 {
		more = fmt.Sprintf(" ⏎+%d", len(lines)-1)
	}
	return strings.ReplaceAll(lines[0], "\t", " "), more
}

// itemLine is one row of the list: the command's first line, and dimmed,
// from column col, what it does.
func (m *model) itemLine(i, w, col int) string {
	it := m.items[i]
	cmd, more := commandHead(it.Command)
	mark, style := "  ", ""
	if i == m.sel {
		mark, style = "> ", sgrBold
	}
	room := w - 2 - 1
	cmdShown := runewidth.Truncate(cmd, max(room-runewidth.StringWidth(more), 1), "…")
	s := mark + style + cmdShown + sgrReset + sgrDim + more
	used := runewidth.StringWidth(cmdShown + more)
	if desc := clean(it.Description); desc != "" && room-max(used, col) > 8 {
		pad := max(col-used, 0)
		s += strings.Repeat(" ", pad+2) + runewidth.Truncate(desc, room-used-pad-2, "…")
	}
	if i == m.sel {
		return sgrReverse + mark + sgrReset + s[len(mark):]
	}
	return s
}

// details are the lines under the list: a rule with the keys, then the
// selected item's whole command when it spans lines, its description
// (two lines at most) and its source.
func (m *model) details(w, h int) []string {
	keys := fmt.Sprintf(" enter %s · ctrl-y copy · esc cancel ", m.enter)
	rule := "──" + runewidth.Truncate(keys, w-2, "")
	rule += strings.Repeat("─", max(w-runewidth.StringWidth(rule), 0))
	out := []string{sgrDim + rule}
	if len(m.items) == 0 {
		return out
	}
	it := m.items[m.sel]
	budget := max(h/3, 3) // lines for the item, below the rule
	if lines := strings.Split(it.Command, "\n"); len(lines) > 1 {
		for i, l := range lines {
			if i == budget-2 && i < len(lines)-1 {
				out = append(out, sgrDim+fmt.Sprintf("  … %d more lines", len(lines)-i))
				break
			}
			out = append(out, "  "+runewidth.Truncate(strings.ReplaceAll(l, "\t", "    "), w-3, "…"))
		}
	}
	if desc := clean(it.Description); desc != "" {
		for _, l := range wrap(desc, w-1, 2) {
			out = append(out, l)
		}
	}
	if src := clean(it.Source); src != "" {
		out = append(out, sgrDim+middleTruncate(src, w-1))
	}
	return out
}

// middleTruncate fits s into w cells by cutting its middle, which keeps
// both ends of "Section · path/to/file:line".
func middleTruncate(s string, w int) string {
	if runewidth.StringWidth(s) <= w {
		return s
	}
	if w < 3 {
		return runewidth.Truncate(s, w, "")
	}
	rs := []rune(s)
	tail, tw := len(rs), 0
	for tail > 0 && tw+runewidth.RuneWidth(rs[tail-1]) <= (w-1)/2 {
		tail--
		tw += runewidth.RuneWidth(rs[tail])
	}
	return runewidth.Truncate(string(rs[:tail]), w-1-tw, "") + "…" + string(rs[tail:])
}

// wrap breaks s into at most n lines of at most w cells, at blanks where
// it can; the last line is cut with an ellipsis.
func wrap(s string, w, n int) []string {
	var out []string
	for s != "" && len(out) < n {
		if runewidth.StringWidth(s) <= w {
			out = append(out, s)
			break
		}
		if len(out) == n-1 {
			out = append(out, runewidth.Truncate(s, w, "…"))
			break
		}
		cut := runewidth.Truncate(s, w, "")
		if i := strings.LastIndexByte(cut, ' '); i > 0 {
			cut = cut[:i]
		}
		out = append(out, cut)
		s = strings.TrimLeft(s[len(cut):], " ")
	}
	return out
}

// clean makes text from a source fit one line of the terminal: no control
// characters or escape sequences (a sheet can be written by anyone).
func clean(s string) string {
	var b strings.Builder
	esc := false
	for _, r := range s {
		switch {
		case esc:
			// Drop an escape sequence up to its final letter.
			if r >= '@' && r <= '~' && r != '[' && r != ']' {
				esc = false
			}
		case r == 0x1b:
			esc = true
		case r == '\n' || r == '\t' || r == '\r':
			b.WriteByte(' ')
		case unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
