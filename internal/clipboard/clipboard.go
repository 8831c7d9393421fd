// Package clipboard puts a command on the user's clipboard: through the
// platform's clipboard tool (wl-copy, xclip, xsel, pbcopy, clip.exe, via
// atotto/clipboard) on a local session, and otherwise through what stands
// between how and the user's terminal: tmux's buffer, or the terminal
// itself with an OSC 52 escape sequence. On a remote session a tool would
// fill the remote machine's clipboard instead of the user's, so the
// terminal's ways come first.
//
// It says what it knows: a tool and tmux's buffer are copies; an OSC 52
// sequence is only sent, since terminals answer nothing and many ignore
// it (and tmux 3.3 drops a wrapped one unless allow-passthrough is on).
package clipboard

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/atotto/clipboard"
)

// MaxOSC52 bounds what is sent through the terminal: many terminals drop
// longer OSC 52 sequences silently, which would look like success.
const MaxOSC52 = 74994 // bytes of text; base64 makes it the common 100,000-byte cap

// Options says where the copy can go. The zero value uses the real
// environment and terminal.
type Options struct {
	// Getenv reads the environment (SSH_TTY, TMUX, WAYLAND_DISPLAY...).
	Getenv func(string) string
	// Terminal receives an OSC 52 sequence; nil opens /dev/tty.
	Terminal io.Writer
	// Tool writes to the platform clipboard; nil uses atotto/clipboard.
	Tool func(text string) error
}

// Delivery says where a copy went, and whether it is known to be there.
type Delivery struct {
	// Copied is set when the text is known to be on a clipboard (a tool
	// said so, or tmux holds it in a buffer); unset, it was only sent to
	// the terminal.
	Copied bool
	// How says how and where, after Verb: "with xclip", "to the terminal
	// (OSC 52)".
	How string
}

// With is a copy made by the tool named.
func With(tool string) Delivery { return Delivery{Copied: true, How: "with " + tool} }

// Verb is "copied", or "sent" when that is all that is known.
func (d Delivery) Verb() string {
	if d.Copied {
		return "copied"
	}
	return "sent"
}

// String is the whole phrase: "copied with xclip".
func (d Delivery) String() string { return d.Verb() + " " + d.How }

// Copy puts text on the clipboard and says how. It fails only when no way
// worked.
func Copy(text string, o Options) (Delivery, error) {
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	tool := o.Tool
	if tool == nil {
		tool = clipboard.WriteAll
	}
	remote := getenv("SSH_TTY") != "" || getenv("SSH_CONNECTION") != ""

	var errs []error
	viaTerminal := func() (Delivery, bool) {
		if tm, ok := tmuxOf(getenv); ok {
			d, err := tm.copy(text, o.Terminal, getenv)
			if err == nil {
				return d, true
			}
			// tmux could not be asked: the wrapped sequence, which it
			// may still pass on.
			errs = append(errs, fmt.Errorf("tmux: %w", err))
		}
		d, err := osc52(text, o.Terminal, getenv)
		if err != nil {
			errs = append(errs, err)
			return Delivery{}, false
		}
		return d, true
	}
	if remote {
		// Over SSH the terminal is the only way back to the user's machine.
		if d, ok := viaTerminal(); ok {
			return d, nil
		}
	}
	if name := toolName(getenv); name != "" {
		if err := tool(text); err == nil {
			return With(name), nil
		} else {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		}
	} else {
		errs = append(errs, errors.New("no clipboard tool for this session (wl-copy needs WAYLAND_DISPLAY, xclip and xsel need DISPLAY)"))
	}
	if !remote {
		if d, ok := viaTerminal(); ok {
			return d, nil
		}
	}
	return Delivery{}, &Error{Tries: errs}
}

// Error says why nothing could be copied: what each way tried answered.
type Error struct {
	Tries []error
}

// Error is one line, since it ends up as a one-line message on stderr.
func (e *Error) Error() string {
	msgs := make([]string, len(e.Tries))
	for i, err := range e.Tries {
		msgs[i] = strings.Join(strings.Fields(err.Error()), " ")
	}
	return "could not copy: " + strings.Join(msgs, "; ")
}

// Unwrap returns what each way tried answered.
func (e *Error) Unwrap() []error { return e.Tries }

// toolName names the tool atotto/clipboard will run, looked up in the same
// order it uses, so that the user is told what happened.
func toolName(getenv func(string) string) string {
	switch runtime.GOOS {
	case "darwin":
		return "pbcopy"
	case "windows":
		return "the Windows clipboard"
	}
	if getenv("WAYLAND_DISPLAY") != "" && onPath("wl-copy") && onPath("wl-paste") {
		return "wl-copy"
	}
	for _, t := range []string{"xclip", "xsel", "termux-clipboard-set", "clip.exe"} {
		if !onPath(t) {
			continue
		}
		// Without an X display xclip and xsel can only fail, and
		// atotto/clipboard would still run them: go on to OSC 52, with
		// a clearer message should that fail too.
		if (t == "xclip" || t == "xsel") && getenv("DISPLAY") == "" {
			return ""
		}
		return t
	}
	return ""
}

func onPath(name string) bool {
	_, err := exec.LookPath(name)
	return err == nil
}

// osc52 asks the terminal to set its clipboard. Inside tmux or screen the
// sequence is wrapped so the multiplexer passes it on to the real terminal.
func osc52(text string, w io.Writer, getenv func(string) string) (Delivery, error) {
	if len(text) > MaxOSC52 {
		return Delivery{}, fmt.Errorf("OSC 52: %d bytes is more than terminals accept", len(text))
	}
	if w == nil {
		tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
		if err != nil {
			return Delivery{}, fmt.Errorf("OSC 52: no terminal to write to: %w", err)
		}
		defer tty.Close()
		w = tty
	}
	seq, through := sequence(text, getenv)
	if _, err := io.WriteString(w, seq); err != nil {
		return Delivery{}, fmt.Errorf("OSC 52: %w", err)
	}
	how := "to the terminal (OSC 52)"
	if through != "" {
		how = "to the terminal (OSC 52, through " + through + ")"
	}
	return Delivery{How: how}, nil
}

// Sequence is the OSC 52 escape sequence that sets the clipboard to text,
// wrapped for tmux or screen when TMUX or STY says one is in between.
func Sequence(text string, getenv func(string) string) string {
	seq, _ := sequence(text, getenv)
	return seq
}

// sequence is Sequence, and the multiplexer it is wrapped for, if any.
func sequence(text string, getenv func(string) string) (seq, through string) {
	seq = "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)) + "\a"
	switch {
	case getenv("TMUX") != "":
		// tmux passes a DCS passthrough on, with its ESCs doubled.
		return "\x1bPtmux;" + strings.ReplaceAll(seq, "\x1b", "\x1b\x1b") + "\x1b\\", "tmux"
	case strings.HasPrefix(getenv("TERM"), "screen") && getenv("STY") != "":
		return "\x1bP" + seq + "\x1b\\", "screen"
	}
	return seq, ""
}

// tmux is the tmux server a session runs in: TMUX holds its socket (then
// the server's pid and the session), TMUX_PANE the pane.
type tmux struct{ socket, pane string }

// tmuxWait bounds each question to tmux: a server that does not answer
// must not hang a copy.
const tmuxWait = 3 * time.Second

func tmuxOf(getenv func(string) string) (tmux, bool) {
	socket, _, _ := strings.Cut(getenv("TMUX"), ",")
	if socket == "" {
		return tmux{}, false
	}
	return tmux{socket: socket, pane: getenv("TMUX_PANE")}, true
}

func (tm tmux) run(stdin string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), tmuxWait)
	defer cancel()
	cmd := exec.CommandContext(ctx, "tmux", append([]string{"-S", tm.socket}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("%s: %s", strings.Join(args[:1], " "), msg)
		}
		return "", err
	}
	return string(out), nil
}

// copy puts text where tmux allows. With set-clipboard on or external,
// tmux holds it in a buffer and sends it on to the terminal's clipboard
// (load-buffer -w); else, with allow-passthrough on, the wrapped sequence
// reaches the terminal; else (tmux 3.3 drops it) the buffer alone is
// what tmux allows, and the message says so.
func (tm tmux) copy(text string, w io.Writer, getenv func(string) string) (Delivery, error) {
	args := []string{"display-message", "-p"}
	if tm.pane != "" {
		args = append(args, "-t", tm.pane)
	}
	// Before 3.3 there is no allow-passthrough, and passthrough is
	// always allowed: the format then gives one word.
	out, err := tm.run("", append(args, "#{set-clipboard} #{allow-passthrough}")...)
	if err != nil {
		return Delivery{}, err
	}
	settings := strings.Fields(out)
	if len(settings) == 0 {
		return Delivery{}, fmt.Errorf("no answer about set-clipboard")
	}
	forwards := settings[0] != "off"
	passes := len(settings) < 2 || settings[1] != "0" && settings[1] != "off"
	switch {
	case forwards:
		if _, err := tm.run(text, "load-buffer", "-w", "-"); err != nil {
			return Delivery{}, err
		}
		return Delivery{Copied: true, How: "into tmux's buffer (and sent to the terminal)"}, nil
	case passes:
		return osc52(text, w, getenv)
	}
	if _, err := tm.run(text, "load-buffer", "-"); err != nil {
		return Delivery{}, err
	}
	return Delivery{Copied: true, How: "into tmux's buffer only (tmux's set-clipboard is off)"}, nil
}
