package iostreams

// ColorScheme wraps text in SGR sequences. Every method returns its input
// unchanged when colour is off, so callers never branch on it.
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

// Bold makes s stand out: the command, the thing the user came for.
func (c *ColorScheme) Bold(s string) string { return c.wrap("1", s) }

// Dim recedes s: where a result came from.
func (c *ColorScheme) Dim(s string) string { return c.wrap("2", s) }

// Cyan marks placeholders and headings.
func (c *ColorScheme) Cyan(s string) string { return c.wrap("36", s) }

// Green marks a success.
func (c *ColorScheme) Green(s string) string { return c.wrap("32", s) }

// Yellow marks a warning.
func (c *ColorScheme) Yellow(s string) string { return c.wrap("33", s) }

// Red marks an error.
func (c *ColorScheme) Red(s string) string { return c.wrap("31", s) }
