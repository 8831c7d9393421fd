package vocab

import (
	"bufio"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Manuals. The tool list knows what a few hundred common programs do; the
// machine knows what every installed one does: each man page opens with a
// NAME line ("df - report file system disk space usage"). When an index is
// built for the user (see index.Knowledge), the programs the tool list
// does not know get their NAME line as their tool knowledge, so that "show
// disk space" can find a program whose examples never say so.

// manualSections are where commands are documented: user commands and
// administration.
var manualSections = []string{"1", "8"}

// Manuals returns a function that reads the NAME line of a program's man
// page under root (/usr/share/man), "" when it has none. Each call reads
// at most one page's first lines.
func Manuals(root string) func(program string) string {
	return func(program string) string {
		if program == "" || strings.ContainsAny(program, "/\\") || strings.HasPrefix(program, ".") {
			return ""
		}
		for _, sec := range manualSections {
			dir := filepath.Join(root, "man"+sec)
			for _, name := range []string{program + "." + sec + ".gz", program + "." + sec} {
				if d := manualName(filepath.Join(dir, name)); d != "" {
					return d
				}
			}
		}
		return ""
	}
}

// maxManualHead bounds what is read of a page looking for its NAME line:
// it comes first, after a header of a few lines.
const maxManualHead = 16 << 10

// manualName reads the description of a man page's NAME section: what
// follows "\-" in man(7) pages, or the .Nd line of mdoc(7) ones.
func manualName(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return ""
	}
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			return ""
		}
		defer z.Close()
		r = z
	}
	sc := bufio.NewScanner(io.LimitReader(r, maxManualHead))
	inName := false
	var text []string
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, ".SH") || strings.HasPrefix(line, ".Sh"):
			if inName {
				return nameDescription(strings.Join(text, " "))
			}
			inName = strings.EqualFold(strings.Trim(strings.TrimSpace(line[3:]), `"`), "NAME")
		case !inName:
		case strings.HasPrefix(line, ".Nd "):
			return cleanTroff(line[4:])
		case strings.HasPrefix(line, "."), strings.HasPrefix(line, "'"):
			// Other macros inside NAME (.Nm, .PP) carry no description.
		default:
			text = append(text, line)
		}
	}
	if inName {
		return nameDescription(strings.Join(text, " "))
	}
	return ""
}

// nameDescription is what a NAME line says after the names: "df \- report
// file system disk space usage".
func nameDescription(s string) string {
	for _, sep := range []string{`\-`, ` - `, ` -- `} {
		if _, d, ok := strings.Cut(s, sep); ok {
			return cleanTroff(d)
		}
	}
	return ""
}

// cleanTroff drops font escapes and other backslash sequences.
func cleanTroff(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'f': // \fB, \fR, \f(CW
			if i+1 < len(s) && s[i+1] == '(' {
				i += 3
			} else {
				i++
			}
		case '-', 'e':
			b.WriteByte('-')
		case '(': // \(em
			i += 2
			b.WriteByte(' ')
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
