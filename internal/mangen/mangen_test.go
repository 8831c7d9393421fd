package mangen

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestPages pins how help text is read: paragraphs, indented blocks kept
// as they are, a term over its indented explanation, a named section
// moved after OPTIONS, and text that roff would misread escaped.
func TestPages(t *testing.T) {
	root := &cobra.Command{
		Use:   "tool [flags] WORD",
		Short: "Do a thing",
		Long: `First paragraph,
on two lines.

.dotted line and a \backslash

    aligned   table
      kept    as is

TERM
    What the term means,
    on two lines.

EXIT STATUS
    0    fine`,
		Example: "  tool -x word",
		Run:     func(*cobra.Command, []string) {},
	}
	root.Flags().IntP("limit", "n", 5, "show at most `N`")
	root.Flags().Bool("json", false, "print JSON")
	sub := &cobra.Command{Use: "sub", Short: "A sub", Run: func(*cobra.Command, []string) {}}
	root.AddCommand(sub, &cobra.Command{Use: "hidden", Hidden: true, Run: func(*cobra.Command, []string) {}})

	pages := Pages(root, Header{Section: "1", Source: "tool", Manual: "User Commands"},
		map[string][]Section{"tool": {{Title: "ENVIRONMENT", Text: "VAR\n    a variable"}}})
	if len(pages) != 2 || pages[0].Name != "tool" || pages[1].Name != "tool-sub" {
		t.Fatalf("pages %v", pages)
	}
	want := `.TH "TOOL" "1" "" "tool" "User Commands"
.SH NAME
tool \- Do a thing
.SH SYNOPSIS
.B tool
[flags] WORD
.SH DESCRIPTION
.PP
First paragraph,
on two lines.
.PP
\&.dotted line and a \ebackslash
.PP
.RS 4
.nf
aligned   table
  kept    as is
.fi
.RE
.TP
.B TERM
What the term means,
on two lines.
.SH OPTIONS
.TP
\fB\-\-json\fR
print JSON
.TP
\fB\-n\fR, \fB\-\-limit\fR=\fIN\fR
show at most N (default 5)
.SH "EXIT STATUS"
.PP
.RS 4
.nf
0    fine
.fi
.RE
.SH "ENVIRONMENT"
.TP
.B VAR
a variable
.SH EXAMPLES
.PP
.RS 4
.nf
tool \-x word
.fi
.RE
.SH "SEE ALSO"
\fBtool\-sub\fR(1)
`
	if got := pages[0].Content; got != want {
		t.Errorf("page differs\n--- got ---\n%s\n--- want ---\n%s", got, want)
	}
	if !strings.Contains(pages[1].Content, ".SH \"SEE ALSO\"\n\\fBtool\\fR(1)\n") {
		t.Errorf("sub page does not point to its parent:\n%s", pages[1].Content)
	}
}
