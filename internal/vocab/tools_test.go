package vocab

import (
	"strings"
	"testing"
)

func TestToolsList(t *testing.T) {
	known := toolsOnce()
	programs := map[string]bool{}
	for k, v := range known {
		if k != strings.ToLower(k) || strings.Join(strings.Fields(k), " ") != k {
			t.Errorf("key %q: want lower case, single spaces", k)
		}
		if strings.TrimSpace(v) == "" {
			t.Errorf("key %q has no words", k)
		}
		programs[strings.Fields(k)[0]] = true
	}
	if len(programs) < 300 {
		t.Errorf("%d programs; the list should cover at least 300", len(programs))
	}
	// Every subcommand key's program has an entry of its own.
	for k := range known {
		if f := strings.Fields(k); len(f) > 1 && known[f[0]] == "" {
			t.Errorf("%q: no entry for %q", k, f[0])
		}
	}
}

func TestParseTools(t *testing.T) {
	m := parseTools("# comment\n\ndf: free disk space\nA, B  c: x y\nno colon here\ndf: mounted\n")
	want := map[string]string{"df": "free disk space mounted", "a": "x y", "b c": "x y"}
	if len(m) != len(want) {
		t.Fatalf("parseTools = %q; want %q", m, want)
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("parseTools[%q] = %q; want %q", k, m[k], v)
		}
	}
}

func TestAbout(t *testing.T) {
	known := toolsOnce()
	tests := []struct {
		tool, head string
		sub        string // the subcommand key expected, "" for none
	}{
		{"docker", "docker logs -f my-app", "docker logs"},
		{"docker", "sudo docker compose logs -f web", "docker compose logs"},
		{"docker", "docker compose --profile dev up -d", "docker compose up"},
		{"kubectl", "kubectl rollout undo deployment/api", "kubectl rollout undo"},
		{"kubectl", "kubectl -n prod get pods", "kubectl get"},
		{"kubectl", "kubectl --context=prod get pods", "kubectl get"},
		{"apt-get", "sudo apt-get install -y nginx", "apt-get install"},
		{"git", "git stash pop", "git stash"},
		{"git", "/usr/bin/git status", "git status"},
		{"systemctl", "sudo systemctl restart nginx", "systemctl restart"},
		{"docker", "docker system prune -a", "docker system prune"},
		{"docker", "docker my-app logs", ""},
		{"df", "df -h | grep sda", ""},
		{"ssh", "ssh host docker ps", ""},
	}
	for _, tt := range tests {
		if got := subcommandKey(known, tt.tool, tt.head); got != tt.sub {
			t.Errorf("subcommandKey(%q, %q) = %q; want %q", tt.tool, tt.head, got, tt.sub)
		}
	}
	if a := About("df", "df -h"); !strings.Contains(a, "free disk space") {
		t.Errorf("About(df) = %q", a)
	}
	a := About("docker", "docker logs -f x")
	if !strings.HasPrefix(a, known["docker"]) || !strings.HasSuffix(a, known["docker logs"]) {
		t.Errorf("About(docker logs) = %q: want the program's and the subcommand's words", a)
	}
	if a := About("no-such-program", "no-such-program -x"); a != "" {
		t.Errorf("About(unknown) = %q", a)
	}
	if a := About("", "df -h"); a != "" {
		t.Errorf("About without a tool = %q", a)
	}
}
