package extract

import "strings"

// A code block that does not say what it holds may hold a file rather than
// commands: a go.mod, a requirements.txt, a package.json, a Dockerfile, a
// config. Some of its lines parse as commands ("module example.com", "go
// 1.22"); the block as a whole does not. fileBlocks judges such blocks by
// the shape of their lines, and drops the commands found in those that are
// mostly the lines of a file.

// fileShapes are the shapes of lines of the files notes paste: brackets
// opening or closing a section, JSON and YAML keys, INI sections, settings,
// version pins and requirements, a module and its version, a Dockerfile's
// instructions.
var fileShapes = []*lazyRegexp{
	lazy(`^[)\]}],?;?$`),                      // ) ] }
	lazy(`^[\w.-]+(?:\s+"[^"]*")*\s*[({\[]$`), // require (   resource "a" "b" {
	lazy(`^[{\[]`),                            // JSON
	lazy(`^"[^"]+"\s*:`),                      // "key": value
	lazy(`^-?\s*[A-Za-z_][\w.-]*:(?:\s|$)`),   // key: value, - name: x
	lazy(`^\[[^\]]+\]$`),                      // [section]
	lazy(`^[A-Za-z_][\w.-]*\s+=\s+\S`),        // key = value
	lazy(`^[A-Za-z0-9][\w.-]*\s*(?:\[[\w,\s-]+\])?\s*(?:==|>=|<=|~=|!=|===|<|>)\s*\S.*$`), // pkg==1.2, pkg >= 1.2, < 2.0
	lazy(`^[A-Za-z0-9][\w.-]*\s*(?:\[[\w,\s-]+\])?\s+@\s+\S+`),                            // pkg [extra] @ https://...
	lazy(`^[\w.-]+(?:/[\w.-]+)+\s+v\d+\.\d+\S*(?:\s*//.*)?$`),                             // example.com/mod v1.2.3
	lazy(`^[\w.@/-]+\s*[:=]?\s+v?\d+(?:\.\d+)+\S*$`),                                      // name 1.2.3
	lazy(`^(?:FROM|RUN|CMD|COPY|ADD|ENV|WORKDIR|EXPOSE|ENTRYPOINT|ARG|LABEL|USER|VOLUME|HEALTHCHECK|SHELL|ONBUILD|STOPSIGNAL)\s`),
}

func fileShaped(line string) bool {
	for _, re := range fileShapes {
		if re.MatchString(line) {
			return true
		}
	}
	return false
}

// unitOf is the code block that does not say what it holds line i is in:
// an untagged fenced (or literal) block, or a run of markdown's indented
// code; 0 when it is in none.
func (d *document) unitOf(i int) int {
	if r := d.roles[i]; r.block > 0 {
		if r.lang == langUntagged {
			return r.block
		}
		return 0
	}
	return -d.indentRun[i]
}

// fileBlocks drops the commands of the blocks most of whose lines are
// shaped like a file's, where at least two are.
func (d *document) fileBlocks() {
	type tally struct{ file, lines int }
	var units map[int]*tally
	for i, l := range d.lines {
		u := d.unitOf(i)
		if u == 0 || d.roles[i].lang == langOther {
			continue // (lines already read as a file or output)
		}
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//") || len(t) > maxLineBytes {
			continue
		}
		if units == nil {
			units = map[int]*tally{}
		}
		if units[u] == nil {
			units[u] = &tally{}
		}
		units[u].lines++
		if fileShaped(t) {
			units[u].file++
		}
	}
	if units == nil {
		return
	}
	for k := range d.items {
		it := &d.items[k]
		if it.kind != itemCommand || it.prompt || it.inline {
			continue
		}
		if t := units[d.unitOf(it.line-1)]; t != nil && t.file >= 2 && t.file*2 >= t.lines {
			it.v.strength = notCommand
		}
	}
}
