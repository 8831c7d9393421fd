package iostreams

// ColorScheme wraps text in SGR sequences. Every method returns its input
// unchanged when colour is off, so callers never branch on it.
//
// The palette is small on purpose and uses only the 8 basic colours, which
// every terminal theme maps to something readable on its background:
// weight and underline carry most of the meaning.
type ColorScheme struct {
	enabled bool
}

// NewColorScheme returns a scheme that colours when enabled is true.
func NewColorScheme(enabled bool) *ColorScheme { return &ColorScheme{enabled: enabled} }

// Enabled reports whether the scheme colours at all.
func (c *ColorScheme) Enabled() bool { return c.enabled }

func (c *ColorScheme) wrap(code, s string) string {
	if !c.enabled || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// Bold makes s stand out: a title, the program a command runs.
func (c *ColorScheme) Bold(s string) string { return c.wrap("1", s) }

// Dim recedes s: where a result came from, comments.
func (c *ColorScheme) Dim(s string) string { return c.wrap("2", s) }

// Cyan marks options (flags) in a command.
func (c *ColorScheme) Cyan(s string) string { return c.wrap("36", s) }

// Placeholder marks a value the user has to fill in (tldr's {{...}}):
// underlined, as the tldr client specification suggests, and green so it
// still shows where underline is not drawn.
func (c *ColorScheme) Placeholder(s string) string { return c.wrap("4;32", s) }

// Green marks a success.
func (c *ColorScheme) Green(s string) string { return c.wrap("32", s) }

// Yellow marks a warning.
func (c *ColorScheme) Yellow(s string) string { return c.wrap("33", s) }

// Red marks an error.
func (c *ColorScheme) Red(s string) string { return c.wrap("31", s) }
