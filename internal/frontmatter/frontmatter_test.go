package frontmatter

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	for _, c := range []struct {
		name     string
		text     string
		want     Front
		body     int
		problems []string
	}{
		{"flow list and syntax", "---\ntags: [ compression, \"a b\", 'it''s' ]\nsyntax: bash\n---\nbody", Front{Tags: []string{"compression", "a b", "it's"}, Syntax: "bash"}, 4, nil},
		{"block list", "---\ntags:\n  - net\n  - \"dns: lookups\"\n---\n", Front{Tags: []string{"net", "dns: lookups"}}, 5, nil},
		{"scalar tag, comment, unknown keys", "---\n# a comment\ntags: linux # trailing\nimage: x.png\nnested:\n  key: value\n  - item\n...\n", Front{Tags: []string{"linux"}}, 8, nil},
		{"junk line", "---\nthis is not yaml\ntags: [a]\n---\n", Front{Tags: []string{"a"}}, 4, []string{`2: front matter: expected "key: value", got "this is not yaml"`}},
		{"bad list", "---\ntags: [a, \"b\n---\n", Front{}, 3, []string{"2: tags: list is not closed by ]"}},
		{"bad quote", "---\ntags: [a, \"b]\n---\n", Front{Tags: []string{"a"}}, 3, []string{"2: tags: unterminated quoted tag"}},
		{"unclosed", "---\ntags: [a]\nls -la\n", Front{}, 1, []string{`1: front matter is not closed by "---"`}},
		{"control characters stay on one line", "---\n0\r0\n---\n", Front{}, 3, []string{`2: front matter: expected "key: value", got "0…"`}},
	} {
		lines := strings.Split(c.text, "\n")
		if !Opens(lines[0]) {
			t.Fatalf("%s: does not open", c.name)
		}
		f, body, problems := Read(lines)
		var msgs []string
		for _, p := range problems {
			msgs = append(msgs, strconv.Itoa(p.Line)+": "+p.Msg)
		}
		if !reflect.DeepEqual(f, c.want) || body != c.body || !reflect.DeepEqual(msgs, c.problems) {
			t.Errorf("%s: got %+v body %d %q; want %+v body %d %q", c.name, f, body, msgs, c.want, c.body, c.problems)
		}
	}
	if Opens("--- x") || Opens("") || !Opens("---  ") {
		t.Error("Opens")
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{"linux": "linux", "yes": `"yes"`, "a b": `"a b"`, `q"uote`: `"q\"uote"`, "日本": `"日本"`} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
		if back, err := Scalar(Quote(in)); err != nil || back != in {
			t.Errorf("Scalar(Quote(%q)) = %q, %v", in, back, err)
		}
	}
}
