package extract

import "testing"

// TestJudge: what importers learn from the extractor about a line their
// format presents as a command.
func TestJudge(t *testing.T) {
	type want struct{ command, prose bool }
	for _, c := range []struct {
		text, program string
		want
		textOut, comment string
	}{
		{"nmap -sV 10.0.0.1", "", want{true, false}, "nmap -sV 10.0.0.1", ""},
		{"git fetch upstream        # Get branches", "", want{true, false}, "git fetch upstream", "Get branches"},
		{"$ git clone dotfiles", "", want{true, false}, "git clone dotfiles", ""},
		// Unknown programs count behind a prompt, or when the text around
		// names them.
		{"acmectl release prod", "", want{false, false}, "acmectl release prod", ""},
		{"acmectl release prod", "acmectl", want{true, false}, "acmectl release prod", ""},
		// Long options are flags as much as short ones.
		{"frobctl rotate --all --yes", "", want{true, false}, "frobctl rotate --all --yes", ""},
		// Prose and captions.
		{"- Open: This indicates that an application is listening on this port.", "", want{false, true}, "", ""},
		{"Where KEY_ID is the 8 character GPG key ID.", "", want{false, true}, "", ""},
		{"OpenJDK Runtime Environment (build 11.0.8+10-post-Ubuntu-0ubuntu120.04)", "", want{false, true}, "", ""},
		{"------------------------", "", want{false, true}, "", ""},
		// Neither: code the shell judge cannot read, or a program's
		// line it finds too wordy.
		{":q!", "", want{false, false}, ":q!", ""},
		{"Ctrl-b d", "", want{false, false}, "Ctrl-b d", ""},
		{"SHOW GRANTS FOR CURRENT_USER;", "", want{false, false}, "SHOW GRANTS FOR CURRENT_USER;", ""},
		{"C-x C-a, C-x a, C-x A", "", want{false, false}, "C-x C-a, C-x a, C-x A", ""},
		{"ip route get to 8.8.8.8", "", want{false, false}, "ip route get to 8.8.8.8", ""},
		{"for f in *; do\n  echo $f found\ndone", "", want{false, false}, "for f in *; do\n  echo $f found\ndone", ""},
		{"Red='\\e[0;31m'", "", want{false, false}, "Red='\\e[0;31m'", ""},
	} {
		v := Judge(c.text, c.program)
		if v.Command != c.command || v.Prose != c.prose || !v.Prose && (v.Text != c.textOut || v.Comment != c.comment) {
			t.Errorf("Judge(%q, %q) = %+v, want command %v prose %v text %q comment %q",
				c.text, c.program, v, c.command, c.prose, c.textOut, c.comment)
		}
	}
	if v := Judge("cat <<EOF", ""); !v.Incomplete || v.Command || v.Prose {
		t.Errorf("heredoc opening: %+v", v)
	}
}
