package frontmatter

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// Value is one value of a YAML document: a mapping, a list, a scalar, or
// nothing (an absent key, a null, an empty document). Only what how reads
// of YAML is offered, with errors in how's words and always with a line.
type Value struct{ n *yaml.Node }

// Decode parses a YAML document. Its error is a *Problem: the line where
// the parser noticed what is wrong (or where the construct it was reading
// began; 1 when it names none), and what.
func Decode(text []byte) (Value, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		return Value{}, syntaxProblem(text, err)
	}
	if len(doc.Content) == 0 {
		return Value{}, nil
	}
	return Value{doc.Content[0]}.resolved(), nil
}

// syntaxLine splits the parser's "yaml: line N: what" message.
var syntaxLine = regexp.MustCompile(`^(?:yaml: )?(?:line (\d+): )?`)

func syntaxProblem(text []byte, err error) *Problem {
	msg := oneLine(err.Error())
	m := syntaxLine.FindStringSubmatch(msg)
	line, _ := strconv.Atoi(m[1])
	// The parser counts some of its lines from 0 (go-yaml issue 205): when
	// the text up to the line it names reads well, the trouble is on the
	// next one. One more parse, so still linear.
	if line >= 1 {
		if end := nthLineEnd(text, line); end < len(text) && yaml.Unmarshal(text[:end], new(yaml.Node)) == nil {
			line++
		}
	}
	return &Problem{Line: max(line, 1), Msg: "not YAML: " + msg[len(m[0]):]}
}

// nthLineEnd is the offset of the end of text's nth line (1-based), or
// len(text) when it has no more lines.
func nthLineEnd(text []byte, n int) int {
	at := 0
	for ; n > 0; n-- {
		i := bytes.IndexByte(text[at:], '\n')
		if i < 0 {
			return len(text)
		}
		at += i + 1
	}
	return at - 1
}

// resolved follows an alias ("*name") to the value it stands for.
func (v Value) resolved() Value {
	for v.n != nil && v.n.Kind == yaml.AliasNode {
		v.n = v.n.Alias
	}
	return v
}

// IsZero reports nothing: an absent key, a null, an empty document.
func (v Value) IsZero() bool {
	return v.n == nil || v.n.Kind == yaml.ScalarNode && v.n.Tag == "!!null"
}

// Line is where the value starts, 1-based; 0 for an absent key.
func (v Value) Line() int {
	if v.n == nil {
		return 0
	}
	return v.n.Line
}

// Key returns the value of key in a mapping, nothing when the mapping has
// no such key or v is nothing. A key given twice, or a v that is a list or
// a scalar, is an error.
func (v Value) Key(key string) (Value, error) {
	if v.IsZero() {
		return Value{}, nil
	}
	if v.n.Kind != yaml.MappingNode {
		return Value{}, v.problem(fmt.Sprintf("expected \"key: value\" lines, found %s", v.kind()))
	}
	var found Value
	for i := 0; i+1 < len(v.n.Content); i += 2 {
		k := v.n.Content[i]
		if k.Kind != yaml.ScalarNode || k.Value != key {
			continue
		}
		if found.n != nil {
			return Value{}, &Problem{Line: k.Line, Msg: fmt.Sprintf("%s: given twice (first on line %d)", key, found.Line())}
		}
		found = Value{v.n.Content[i+1]}.resolved()
		if found.n.Kind == yaml.ScalarNode && found.n.Tag == "!!null" {
			// "key:" with nothing after it still says where it is.
			found.n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: found.n.Line}
		}
	}
	return found, nil
}

// List returns the items of a list; nothing has none. Anything else is an
// error.
func (v Value) List() ([]Value, error) {
	if v.IsZero() {
		return nil, nil
	}
	if v.n.Kind != yaml.SequenceNode {
		return nil, v.problem("expected a list, found " + v.kind())
	}
	out := make([]Value, len(v.n.Content))
	for i, c := range v.n.Content {
		out[i] = Value{c}.resolved()
	}
	return out, nil
}

// Word returns a scalar as written, quotes and escapes resolved: "no",
// "1.0" and "on" stay those words, whatever a YAML reader might make of
// them as booleans or numbers. Nothing gives "".
func (v Value) Word() (string, error) {
	if v.IsZero() {
		return "", nil
	}
	if v.n.Kind != yaml.ScalarNode {
		return "", v.problem("expected a word, found " + v.kind())
	}
	return v.n.Value, nil
}

// Words returns the words of a list of scalars, or of one scalar; empty
// words and nulls are left out.
func (v Value) Words() ([]string, error) {
	if v.IsZero() {
		return nil, nil
	}
	items := []Value{v}
	if v.n.Kind == yaml.SequenceNode {
		items, _ = v.List()
	}
	var out []string
	for _, it := range items {
		w, err := it.Word()
		if err != nil {
			return out, err
		}
		if w != "" {
			out = append(out, w)
		}
	}
	return out, nil
}

func (v Value) kind() string {
	switch v.n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return quote(v.n.Value)
}

func (v Value) problem(msg string) *Problem {
	return &Problem{Line: v.Line(), Msg: msg}
}

var plainTag = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_./+-]*$`)

// yamlWords would be read back as booleans or null by other YAML readers.
var yamlWords = map[string]bool{
	"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true,
	"y": true, "n": true, "null": true,
}

// Quote writes a tag so that any YAML reader gets the same string back.
func Quote(s string) string {
	if plainTag.MatchString(s) && !yamlWords[strings.ToLower(s)] {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02X`, s[i])
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02X`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}
