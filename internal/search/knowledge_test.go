package search

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/howcli/how/internal/index"
	"github.com/howcli/how/internal/snippet"
)

// knowledgeIndex holds commands whose notes say little, to check what the
// index adds on its own: the tool list's words (about), tags as text, the
// head of a command apart from its heredoc, and the prior for simple
// commands.
func knowledgeIndex(t *testing.T) *index.Index {
	t.Helper()
	n := func(cmd, desc, tool string, tags ...string) snippet.Snippet {
		return snippet.Snippet{Command: cmd, Description: desc, Tool: tool, Tags: tags,
			Section: "Ops", Source: "ops.md", Origin: snippet.OriginNotes}
	}
	snips := []snippet.Snippet{
		n("df -h", "check it", "df"),
		n("du -sh /var/log", "size of the log folder", "du"),
		n("pg_dump mydb > mydb.sql", "full copy before the migration", "pg_dump"),
		n("psql -d mydb", "open a prompt", "psql"),
		n("ss -tnp", "who talks to whom", "ss"),
		n("kubectl apply -f - <<EOF\napiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\nEOF", "deploy pgbouncer", "kubectl"),
		n("kubectl scale deployment api --replicas=3", "three of them", "kubectl"),
		n("journalctl -u nginx", "nginx output", "journalctl", "checking logs with journalctl"),
		n("kubectl get pods -n production -l app=api -o wide --sort-by=.status.startTime", "list pods", "kubectl"),
		n("kubectl get pods", "list pods", "kubectl"),
	}
	return buildIndex(t, snips)
}

func TestKnowledge(t *testing.T) {
	ix := knowledgeIndex(t)
	tests := []struct {
		query, first string
	}{
		// The notes never say what these programs do: the tool list does.
		{"free disk space", "df -h"},
		{"backup a postgres database to a file", "pg_dump mydb > mydb.sql"},
		{"tcp connections with process", "ss -tnp"},
		// Words of a heredoc do not make a command about them.
		{"replicas", "kubectl scale deployment api --replicas=3"},
		// Tags are phrases: their words match.
		{"checking nginx", "journalctl -u nginx"},
		// Equal answers: the simpler command first.
		{"list pods", "kubectl get pods"},
	}
	for _, tt := range tests {
		res, err := Run(ix, Query{Words: strings.Fields(tt.query), Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(res) == 0 || res[0].Command != tt.first {
			t.Errorf("%q ranked %q; want %q first", tt.query, commands(res), tt.first)
		}
	}
	// The heredoc's body is still found, below a command about the word.
	res, _ := Run(ix, Query{Words: []string{"apiVersion"}, Limit: 5})
	if len(res) == 0 || !strings.HasPrefix(res[0].Command, "kubectl apply -f - <<EOF") {
		t.Errorf("a word only in a heredoc found %q", commands(res))
	}
}

func TestSimplicityPrior(t *testing.T) {
	short := simplicityPrior("df -h")
	long := simplicityPrior("ssh node df -h /")
	heredoc := simplicityPrior("kubectl apply -f - <<EOF\na: 1\nb: 2\nc: 3\nEOF")
	if !(short > long && long > heredoc) {
		t.Errorf("prior: df -h %.3f, ssh node df -h / %.3f, heredoc %.3f: want decreasing", short, long, heredoc)
	}
	huge := simplicityPrior(strings.Repeat("word ", 500))
	if huge < 0.75 || short > 1 {
		t.Errorf("prior range [%.3f, %.3f]: it must stay a tie-breaker", huge, short)
	}
}

func TestSimplicityMin(t *testing.T) {
	if got := simplicityPrior(strings.Repeat("x ", 2*simplicityMaxWords)); math.Abs(got-simplicityMin) > 1e-9 {
		t.Errorf("simplicityMin = %v; the longest command's prior is %v", simplicityMin, got)
	}
}

// TestSystemAskedAbout: on a Debian host, apt comes before zypper; a
// question that names another distribution ("on Fedora") gets that
// distribution's package manager first, and one that names none leaves
// the order to the words.
func TestSystemAskedAbout(t *testing.T) {
	page := func(tool, summary, cmd, desc string) snippet.Snippet {
		return snippet.Snippet{Command: cmd, Description: desc, Tool: tool, Summary: summary,
			Tags: []string{"linux"}, Source: "pages/linux/" + tool + ".md", Origin: snippet.OriginTldr}
	}
	ix := buildIndex(t, []snippet.Snippet{
		page("zypper", "SUSE and openSUSE package manager.", "zypper install {{package}}", "Install a package"),
		page("apt", "Package manager for Debian-based distributions.", "apt install {{package}}", "Install a package"),
		page("dnf", "Package manager for Fedora and RHEL.", "dnf install {{package}}", "Install a package"),
		page("flatpak", "Build and run applications.", "flatpak install {{package}}", "Install a package"),
	})
	debian := &Host{Platform: "linux", Family: "debian"}
	for _, tt := range []struct {
		query string
		host  *Host
		first string
	}{
		{"install a package", debian, "apt install {{package}}"},
		{"how do I install a package on Fedora?", debian, "dnf install {{package}}"},
		{"install a package on openSUSE", nil, "zypper install {{package}}"},
	} {
		res, err := Run(ix, Query{Words: strings.Fields(tt.query), Limit: 4, Host: tt.host, Explain: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res) == 0 || res[0].Command != tt.first {
			t.Errorf("%q on %+v ranked %q; want %q first", tt.query, tt.host, commands(res), tt.first)
		}
	}
}

// TestPhrasingOrder: of two commands whose descriptions share the query's
// words, the one that says them in the query's order comes first: "copy a
// file out of a container to the host" is not "from the host to a
// container", though the host-to-container example comes first on its
// page.
func TestPhrasingOrder(t *testing.T) {
	n := func(cmd, desc string) snippet.Snippet {
		return snippet.Snippet{Command: cmd, Description: desc, Tool: "docker", Source: "pages/common/docker-cp.md", Origin: snippet.OriginTldr}
	}
	ix := buildIndex(t, []snippet.Snippet{
		n("docker cp {{host_path}} {{container}}:{{path}}", "Copy a file or directory from the host to a container"),
		n("docker cp {{container}}:{{path}} {{host_path}}", "Copy a file or directory from a container to the host"),
	})
	res, err := Run(ix, Query{Words: strings.Fields("copy a file out of a container to the host"), Limit: 2, Explain: true, AnyCoverage: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 || res[0].Command != "docker cp {{container}}:{{path}} {{host_path}}" {
		t.Errorf("ranked %q", commands(res))
		for _, r := range res {
			t.Log(r.Explanation)
		}
	}
}

// TestNamedListedProgram: naming a program the tool list knows says
// nothing of which of its subcommands is meant; the list still prefers
// its own (docker system prune) to a plugin's (docker janitor prune). A
// program the list does not know is as familiar as any once named.
func TestNamedListedProgram(t *testing.T) {
	n := func(cmd, desc string) snippet.Snippet {
		return snippet.Snippet{Command: cmd, Description: desc, Tool: snippet.ToolOf(cmd), Source: "d.md", Origin: snippet.OriginTldr}
	}
	ix := buildIndex(t, []snippet.Snippet{
		n("docker janitor prune", "Free up disk space used by docker"),
		n("docker system prune --all --force", "Free up disk space used by docker"),
		n("frobctl prune", "Free up disk space"),
		n("df -h", "Show free disk space"),
	})
	res, err := Run(ix, Query{Words: strings.Fields("free up disk space used by docker"), Limit: 4, Explain: true, AnyCoverage: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 || res[0].Command != "docker system prune --all --force" {
		t.Errorf("ranked %q", commands(res))
		for _, r := range res {
			t.Log(r.Explanation)
		}
	}
	res, _ = Run(ix, Query{Words: strings.Fields("frobctl free disk space"), Limit: 4, AnyCoverage: true})
	if len(res) == 0 || res[0].Command != "frobctl prune" {
		t.Errorf("frobctl named: ranked %q", commands(res))
	}
}

// TestOrdinaryWordNamesNoProgram: "ports" names a rare program but is an
// ordinary word of many descriptions: "check open ports" does not ask for
// that program, and its commands get no named program's prior. A word
// that is mostly a program's name (frobctl) names it.
func TestOrdinaryWordNamesNoProgram(t *testing.T) {
	n := func(cmd, desc string) snippet.Snippet {
		return snippet.Snippet{Command: cmd, Description: desc, Tool: snippet.ToolOf(cmd), Source: "p.md", Origin: snippet.OriginTldr}
	}
	snips := []snippet.Snippet{
		n("ports -d", "Check for updates"),
		n("frobctl rotate", "Rotate the keys"),
		n("frobctl list", "List the keys"),
	}
	for i := range 20 {
		snips = append(snips, n(fmt.Sprintf("tool%d --connect", i), fmt.Sprintf("Connect to the ports of server %d", i)))
	}
	ix := buildIndex(t, snips)
	r := ix.Reader()
	defer r.Close()
	p, err := newPlanner(ix, r)
	if err != nil {
		t.Fatal(err)
	}
	words := parseWords([]string{"frobctl", "open", "ports"})
	if err := p.weights(words); err != nil {
		t.Fatal(err)
	}
	if !p.names[0] || p.names[1] || p.names[2] {
		t.Errorf("names %v for %q: want frobctl only", p.names, "frobctl open ports")
	}
}
