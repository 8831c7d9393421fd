package sheet

import (
	"reflect"
	"testing"
)

func TestPlaceholders(t *testing.T) {
	type ph struct{ Text, Short, Long string }
	for _, c := range []struct {
		cmd  string
		want []ph
	}{
		{"tar xf {{path/to/file.tar}}", []ph{{Text: "path/to/file.tar"}}},
		{"journalctl {{[-f|--follow]}}", []ph{{Text: "[-f|--follow]", Short: "-f", Long: "--follow"}}},
		// The outer braces are the placeholder; the inner pair is its text.
		{"git stash drop {{stash@{0}}}", []ph{{Text: "stash@{0}"}}},
		// Escaped braces are literal; a lone "\{" is shown as it is.
		{`echo '\{\{x\}\}' \{ {{y}}`, []ph{{Text: "y"}}},
		{"seq {{1..10}} {{a|b|c}} {{a b ...}}", []ph{{Text: "1..10"}, {Text: "a|b|c"}, {Text: "a b ..."}}},
		// Not an option placeholder: only one spelling. Two spellings of a
		// subcommand ("[a|add]") are read like an option's.
		{"x {{[-f]}} {{[a|add]}}", []ph{{Text: "[-f]"}, {Text: "[a|add]", Short: "a", Long: "add"}}},
		// Spellings of several words; blanks inside only.
		{"docker {{[ps|container ls]}} {{[-it|--interactive --tty]}}", []ph{
			{Text: "[ps|container ls]", Short: "ps", Long: "container ls"},
			{Text: "[-it|--interactive --tty]", Short: "-it", Long: "--interactive --tty"}}},
		{"x {{[a| b]}} {{[a|b  c]}} {{[a|b|c]}}", []ph{{Text: "[a| b]"}, {Text: "[a|b  c]"}, {Text: "[a|b|c]"}}},
		{"never {{closed", nil},
		{"{{}}", []ph{{Text: ""}}},
		{"awk '{print $1}'", nil},
		{"<Ctrl c>", nil},
	} {
		var got []ph
		for _, p := range Placeholders(c.cmd) {
			if c.cmd[p.Start:p.End] != "{{"+p.Text+"}}" {
				t.Errorf("%q: span %d:%d is %q, text %q", c.cmd, p.Start, p.End, c.cmd[p.Start:p.End], p.Text)
			}
			got = append(got, ph{p.Text, p.Short, p.Long})
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Placeholders(%q) = %+v, want %+v", c.cmd, got, c.want)
		}
	}
}

func TestPlatform(t *testing.T) {
	for _, c := range []struct{ path, plat, lang string }{
		{"pages/linux/tar.md", "linux", "en"},
		{"/home/u/tldr/pages.fr/osx/say.md", "osx", "fr"},
		{"tldr-pages/pages.en/common/ls.md", "common", "en"},
		{"pages.pt_BR/windows/dir.md", "windows", "pt_BR"},
		// A platform the specification does not list yet.
		{"pages/haiku/pkgman.md", "haiku", "en"},
		{"pages/macos/say.md", "osx", "en"},
		// A platform folder outside a pages tree, and folders that are none.
		{"mine/linux/ip.md", "linux", ""},
		{"notes/runbooks/deploy.md", "", ""},
		{"tar.md", "", ""},
	} {
		plat, lang := Platform(c.path)
		if plat != c.plat || lang != c.lang {
			t.Errorf("Platform(%q) = %q, %q; want %q, %q", c.path, plat, lang, c.plat, c.lang)
		}
	}
}

// TestFirst: a value's choices become their first alternative, wherever
// they are in it; bars that are not choices stay.
func TestFirst(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"path/to/file", "path/to/file"},
		{"on|off", "on"},
		{"url|magnet|path/to/file", "url"},
		{"path/to/source.tar[.gz|.bz2|.xz]", "path/to/source.tar.gz"},
		{"path/to/file.[qmd|rmd|ipynb]", "path/to/file.qmd"},
		{"a[1|2]b[3|4]", "a1b3"},
		{"[host]:port|unix:/path/to/socket", "[host]:port"},
		{"array[0]", "array[0]"},
		// Blanks around the bars: a pipeline, not choices.
		{"make | sed 10q", "make | sed 10q"},
		// Bars in parentheses belong to a pattern.
		{"^ca(t|r)$", "^ca(t|r)$"},
		{"unclosed[a|b", "unclosed[a|b"},
	} {
		if got := (Placeholder{Text: c.text}).First(); got != c.want {
			t.Errorf("First(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
