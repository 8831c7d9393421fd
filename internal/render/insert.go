package render

import (
	"strings"
	"unicode/utf8"
)

// Inserted returns command (already cleaned) as the shell widget puts it
// on the command line, with the offsets, in characters, of its tldr value
// placeholders. It is Typed with the value placeholders' braces removed
// too ({{path/to/file}} becomes path/to/file, {{on|off}} on): on the
// command line the cursor, not braces, marks what to edit first. Commands
// of other origins are returned as they are, and so are their
// <placeholders>.
func Inserted(command, origin string) (string, []Span) {
	if !hasPlaceholders(origin) {
		return command, nil
	}
	var b strings.Builder
	var spans []Span
	pos := 0
	for _, a := range parseAtoms(command) {
		text := a.text(ModeDisplay)
		if a.kind == atomValue {
			text = a.word
		}
		n := utf8.RuneCountInString(text)
		if a.kind == atomValue {
			spans = append(spans, Span{Start: pos, End: pos + n})
		}
		b.WriteString(text)
		pos += n
	}
	return b.String(), spans
}

// Span is a stretch of a command, in characters; End is exclusive.
type Span struct{ Start, End int }
