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
		{"scalar tag, comment, unknown keys", "---\n# a comment\ntags: linux # trailing\nimage: x.png\nnested:\n  key: value\n  list:\n  - item\n...\n", Front{Tags: []string{"linux"}}, 9, nil},
		// Words stay words: YAML 1.1 would read no as false and 1.0 as 1.
		{"words", "---\ntags: [no, yes, 1.0, ~, '']\nsyntax: off\n---\n", Front{Tags: []string{"no", "yes", "1.0"}, Syntax: "off"}, 4, nil},
		// All of YAML: a quoted value before a comment, a flow map, an
		// anchor.
		{"quoted value and comment", "---\nsyntax: \"bash\"   # highlighting\nmeta: {a: 1, b: [2]}\ntags: &t [x]\nalso: *t\n---\n", Front{Tags: []string{"x"}, Syntax: "bash"}, 6, nil},
		// A block that is not YAML is one problem, at its line, and says
		// nothing.
		{"junk line", "---\nthis is not yaml\ntags: [a]\n---\n", Front{}, 4, []string{`3: front matter: not YAML: mapping values are not allowed in this context`}},
		{"bad list", "---\ntags: [a, \"b\n---\n", Front{}, 3, []string{"2: front matter: not YAML: found unexpected end of stream"}},
		{"nested tags", "---\ntags: [a, [b]]\n---\n", Front{}, 3, []string{"2: front matter: tags: expected a word, found a list"}},
		{"not a mapping", "---\n- a\n- b\n---\n", Front{}, 4, []string{`2: front matter: expected "key: value" lines, found a list`}},
		{"twice", "---\ntags: [a]\nsyntax: sh\ntags: [b]\n---\n", Front{}, 5, []string{`4: front matter: tags: given twice (first on line 2)`}},
		{"unclosed", "---\ntags: [a]\nls -la\n", Front{}, 1, []string{`1: front matter is not closed by "---"`}},
		{"control characters stay on one line", "---\n0\r0\n---\n", Front{}, 3, []string{`2: front matter: expected "key: value" lines, found "0 0"`}},
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
		// Read back by a YAML library, in a list as sheets write tags.
		v, err := Decode([]byte("tags: [" + Quote(in) + "]"))
		if err != nil {
			t.Fatal(err)
		}
		tags, _ := v.Key("tags")
		if back, err := tags.Words(); err != nil || len(back) != 1 || back[0] != in {
			t.Errorf("Quote(%q) read back as %q, %v", in, back, err)
		}
	}
}
