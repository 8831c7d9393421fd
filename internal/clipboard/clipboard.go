// Package clipboard puts a command on the user's clipboard: through the
// platform's clipboard tool (wl-copy, xclip, xsel, pbcopy, clip.exe, via
// atotto/clipboard) on a local session, and through the terminal itself
// with an OSC 52 escape sequence when no tool works or the session is
// remote, where a tool would fill the remote machine's clipboard instead
// of the user's.
package clipboard

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"

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

// ViaTerminal is what Copy answers when the text went through the
// terminal (OSC 52) rather than a tool.
const ViaTerminal = "OSC 52"

// Copy puts text on the clipboard and says how: the tool's name or
// ViaTerminal. It fails only when no way worked.
func Copy(text string, o Options) (string, error) {
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
	if remote {
		// Over SSH the terminal is the only way back to the user's machine.
		if err := osc52(text, o.Terminal, getenv); err == nil {
			return ViaTerminal, nil
		} else {
			errs = append(errs, err)
		}
	}
	if name := toolName(getenv); name != "" {
		if err := tool(text); err == nil {
			return name, nil
		} else {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		}
	} else {
		errs = append(errs, errors.New("no clipboard tool for this session (wl-copy needs WAYLAND_DISPLAY, xclip and xsel need DISPLAY)"))
	}
	if !remote {
		if err := osc52(text, o.Terminal, getenv); err == nil {
			return ViaTerminal, nil
		} else {
			errs = append(errs, err)
		}
	}
	return "", &Error{Tries: errs}
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
func osc52(text string, w io.Writer, getenv func(string) string) error {
	if len(text) > MaxOSC52 {
		return fmt.Errorf("OSC 52: %d bytes is more than terminals accept", len(text))
	}
	if w == nil {
		tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("OSC 52: no terminal to write to: %w", err)
		}
		defer tty.Close()
		w = tty
	}
	if _, err := io.WriteString(w, Sequence(text, getenv)); err != nil {
		return fmt.Errorf("OSC 52: %w", err)
	}
	return nil
}

// Sequence is the OSC 52 escape sequence that sets the clipboard to text,
// wrapped for tmux or screen when TMUX or STY says one is in between.
func Sequence(text string, getenv func(string) string) string {
	seq := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)) + "\a"
	switch {
	case getenv("TMUX") != "":
		// tmux passes a DCS passthrough on, with its ESCs doubled.
		return "\x1bPtmux;" + strings.ReplaceAll(seq, "\x1b", "\x1b\x1b") + "\x1b\\"
	case strings.HasPrefix(getenv("TERM"), "screen") && getenv("STY") != "":
		return "\x1bP" + seq + "\x1b\\"
	}
	return seq
}
