package extract

import (
	"strings"
	"testing"
)

// TestDetectSyntax: a note's markup is told from its content; its name
// decides only what the content leaves open.
func TestDetectSyntax(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       markupKind
	}{
		{"notes.md", "just words\n", syntaxMarkdown},
		{"README.Debian", "Title\n=====\n\n.. code-block:: bash\n\n   make\n", syntaxRST},
		{"notes", "#+TITLE: On call\n* Paging\n#+begin_src sh\nls\n#+end_src\n", syntaxOrg},
		{"release", "= Releases\n\n[source,bash]\n----\nmake release\n----\n", syntaxAsciiDoc},
		{"nightly-backup", "#!/bin/sh\nset -eu\npg_dump db > x\n", syntaxScript},
		{"deploy.sh", "docker push x\n", syntaxScript},
		{"README", "Some text\n```\nmake\n```\n", syntaxMarkdown},
		// "# words" lines are a runbook's comments as often as headings.
		{"runbook.txt", "# Show lag\nkafka-consumer-groups --describe\n# Count\nrabbitmqctl list_queues\n", syntaxPlain},
	} {
		if got := detectSyntax(c.name, strings.Split(c.text, "\n")); got != c.want {
			t.Errorf("detectSyntax(%q) = %d, want %d", c.name, got, c.want)
		}
	}
}

// TestMarkupRoles: each format's code blocks, headings and markup lines
// come out as the same roles.
func TestMarkupRoles(t *testing.T) {
	type want struct {
		line    int // 1-based
		lang    codeLang
		marker  bool
		data    bool
		heading int
	}
	for _, c := range []struct {
		name, text string
		want       []want
	}{
		{"setup.rst", `Setup
=====

.. code-block:: bash
   :linenos:

   make install

Pinned in requirements.txt::

   django==4.2

.. note::

   repctl talks to the scheduler.

=====  =====
name   why
=====  =====
`, []want{
			{1, langNone, false, false, 1}, {2, langNone, true, false, 0},
			{4, langNone, true, false, 0}, {5, langNone, true, false, 0}, {7, langShell, false, false, 0},
			{11, langUntagged, false, false, 0},
			{13, langNone, true, false, 0}, {15, langNone, false, false, 0},
			{17, langNone, false, true, 0}, {18, langNone, false, true, 0},
		}},
		{"oncall.org", `#+TITLE: On call
* Paging
#+begin_src sh
pagerctl incident list
#+end_src
#+begin_example
{"status": "green"}
#+end_example
| sev1 | primary |
`, []want{
			{1, langNone, false, false, 1}, {2, langNone, false, false, 2}, {3, langNone, true, false, 0},
			{4, langShell, false, false, 0}, {5, langNone, true, false, 0}, {7, langOther, false, false, 0},
			{9, langNone, false, true, 0},
		}},
		{"release.adoc", `= Releases
:toc:

[source,bash]
----
make release
----

----
anything
----

[source,toml]
----
x = 1
----
`, []want{
			{1, langNone, false, false, 1}, {2, langNone, true, false, 0}, {4, langNone, true, false, 0},
			{6, langShell, false, false, 0}, {10, langUntagged, false, false, 0}, {15, langOther, false, false, 0},
		}},
		{"README.md", "```console\n$ ls\nout\n```\n\n```yaml\na: 1\n```\n", []want{
			{1, langNone, true, false, 0}, {2, langShell, false, false, 0}, {7, langOther, false, false, 0},
		}},
	} {
		d := newDocument(c.name, []byte(c.text))
		for _, w := range c.want {
			r := d.roles[w.line-1]
			if r.lang != w.lang || r.marker != w.marker || r.data != w.data || r.heading != w.heading {
				t.Errorf("%s:%d %q: role %+v, want lang %d marker %v data %v heading %d",
					c.name, w.line, d.lines[w.line-1], r, w.lang, w.marker, w.data, w.heading)
			}
		}
	}
}
