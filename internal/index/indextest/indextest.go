// Package indextest provides snippets for the tests and benchmarks of the
// index and search packages: a small hand-written fixture that looks like
// real notes, and a synthetic generator for scale.
package indextest

import (
	"fmt"
	"math/rand"
	"strings"

	"github.com/howcli/how/internal/snippet"
)

// Fixture returns a realistic set of snippets around logs and services,
// with near neighbours for every command so that ranking has to choose:
// journalctl in several forms, tail, docker and kubectl logs, systemctl.
func Fixture() []snippet.Snippet {
	n := func(cmd, desc, tool, section string, line int) snippet.Snippet {
		return snippet.Snippet{
			Command: cmd, Description: desc, Tool: tool, Section: section,
			Tags: []string{"linux"}, Source: "notes/ops.md", Line: line, Origin: snippet.OriginNotes,
		}
	}
	return []snippet.Snippet{
		n("journalctl -u nginx", "logs for a specific service", "journalctl", "Checking Logs with journalctl", 10),
		n(`journalctl -u nginx --since "1 hour ago"`, "recent logs only", "journalctl", "Checking Logs with journalctl", 11),
		n("journalctl -u nginx -f", "follow logs in real-time (like tail -f)", "journalctl", "Checking Logs with journalctl", 12),
		n("journalctl -u nginx --no-pager", "dump all without paging", "journalctl", "Checking Logs with journalctl", 13),
		n("journalctl --disk-usage", "how much space logs are using", "journalctl", "Checking Logs with journalctl", 14),
		n("sudo journalctl --vacuum-size=500M", "clean up logs over 500MB", "journalctl", "Checking Logs with journalctl", 15),
		n("journalctl -b -p err", "errors since the last boot", "journalctl", "Checking Logs with journalctl", 16),
		n("tail -f /var/log/syslog", "watch the system log as it grows", "tail", "Viewing Files", 20),
		n("tail -n 100 app.log", "last 100 lines of a file", "tail", "Viewing Files", 21),
		n("head -20 access.log", "first 20 lines", "head", "Viewing Files", 22),
		n("less +F app.log", "page through a log, following new lines", "less", "Viewing Files", 23),
		n("docker logs -f my-app", "stream a container's logs", "docker", "Docker", 30),
		n("docker logs --tail 50 my-app", "last 50 lines", "docker", "Docker", 31),
		n("docker logs --since 10m my-app", "logs from the last ten minutes", "docker", "Docker", 32),
		n("docker compose logs -f web", "follow logs for one service", "docker", "Docker Compose", 33),
		n("kubectl logs -f deployment/api", "tail a deployment's logs", "kubectl", "Kubernetes", 40),
		n("kubectl logs my-pod --previous", "logs of the crashed container", "kubectl", "Kubernetes", 41),
		n("systemctl status nginx", "check if it's running + recent logs", "systemctl", "systemd", 50),
		n("systemctl restart nginx", "stop + start", "systemctl", "systemd", 51),
		n("sudo systemctl enable --now nginx", "start now and on every boot", "systemctl", "systemd", 52),
		n("systemctl list-units --type=service", "list all services", "systemctl", "systemd", 53),
		n("awk -F: '{print $1}' /etc/passwd", "print user names", "awk", "Text", 60),
		n("grep -F 'a.b' file.txt", "search for a fixed string, no regex", "grep", "Text", 61),
		n("grep -r TODO src/", "recursive search through directories", "grep", "Text", 62),
		n("ss -tlnp", "what is listening on which TCP port", "ss", "Networking", 70),
		n("curl -I https://example.com:8443/health", "HEAD request, headers only", "curl", "Networking", 71),
		n("ssh -L 8080:localhost:80 user@host", "forward a local port through ssh", "ssh", "Networking", 72),
		n("git push origin --delete feature", "Delete the remote branch", "git", "Git", 80),
		n("git reset --soft HEAD~1", "undo the last commit, keep the changes", "git", "Git", 81),
		n("rm -rf build/", "remove the build directory", "rm", "Files", 90),
		n("tar -xzvf archive.tar.gz", "extract a gzipped archive", "tar", "Files", 91),
		n("find . -size +100M", "find files larger than 100 MB", "find", "Files", 92),
		n("ansible-playbook -i inventory.yml site.yml", "run the playbook against the inventory", "ansible-playbook", "Ansible", 100),
		n("ansible all -m ping", "check that every host answers", "ansible", "Ansible", 101),
		n("kubectl create configmap app --from-env-file=.env", "config from an env file", "kubectl", "Kubernetes", 42),
		n("kubectl create configmap app --from-file=app.conf", "config from a file", "kubectl", "Kubernetes", 43),
	}
}

// Synthetic returns n generated snippets, the same for the same seed.
// Commands come from templates over a growing vocabulary (a quarter of the
// values are random identifiers), and about one in twenty repeats an
// earlier command from another source, as real collections do.
func Synthetic(n int, seed int64) []snippet.Snippet {
	r := rand.New(rand.NewSource(seed))
	pick := func(xs []string) string { return xs[r.Intn(len(xs))] }
	ident := func() string {
		const a = "abcdefghijklmnopqrstuvwxyz"
		b := make([]byte, 4+r.Intn(6))
		for i := range b {
			b[i] = a[r.Intn(len(a))]
		}
		return string(b)
	}
	val := func(xs []string) string {
		if r.Intn(4) == 0 {
			return ident()
		}
		return pick(xs)
	}
	services := []string{"nginx", "postgres", "redis", "api", "worker", "cron", "sshd", "docker"}
	pods := []string{"web", "db", "cache", "queue", "auth", "billing", "search"}
	files := []string{"app.log", "access.log", "config.yaml", "data.csv", "backup.tar.gz", "notes.md"}
	hosts := []string{"example.com", "db01", "10.0.0.5", "staging", "prod-api"}
	verbs := []string{"show", "list", "follow", "delete", "restart", "inspect", "copy", "find", "count", "watch"}
	objects := []string{"logs", "files", "pods", "containers", "services", "lines", "ports", "users", "processes"}
	templates := []struct {
		tool string
		cmd  func() string
		desc func() string
	}{
		{"journalctl", func() string { return fmt.Sprintf("journalctl -u %s -f", val(services)) }, func() string { return "follow the logs of a service" }},
		{"journalctl", func() string {
			return fmt.Sprintf("journalctl -u %s --since \"%d min ago\"", val(services), 1+r.Intn(90))
		}, func() string { return "recent logs of a service" }},
		{"systemctl", func() string {
			return fmt.Sprintf("systemctl %s %s", pick([]string{"start", "stop", "restart", "status"}), val(services))
		}, func() string { return pick(verbs) + " a service" }},
		{"kubectl", func() string { return fmt.Sprintf("kubectl logs -f deployment/%s -n %s", val(pods), val(pods)) }, func() string { return "tail the logs of a deployment" }},
		{"kubectl", func() string { return fmt.Sprintf("kubectl rollout undo deployment/%s", val(pods)) }, func() string { return "roll back a deployment" }},
		{"docker", func() string { return fmt.Sprintf("docker logs --tail %d %s", 10*(1+r.Intn(20)), val(pods)) }, func() string { return "last lines of a container's logs" }},
		{"docker", func() string {
			return fmt.Sprintf("docker run -d -p %d:%d %s", 8000+r.Intn(100), 3000+r.Intn(100), val(pods))
		}, func() string { return "run a container with a port mapping" }},
		{"tail", func() string { return fmt.Sprintf("tail -n %d %s", 10*(1+r.Intn(20)), val(files)) }, func() string { return "last lines of a file" }},
		{"grep", func() string {
			return fmt.Sprintf("grep -rn %q %s/", val([]string{"TODO", "error", "FIXME"}), val(pods))
		}, func() string { return "search files recursively" }},
		{"find", func() string {
			return fmt.Sprintf("find /var/log -name '*.%s' -mtime +%d -delete", val([]string{"log", "gz", "tmp"}), 1+r.Intn(30))
		}, func() string { return "delete old files" }},
		{"ssh", func() string {
			return fmt.Sprintf("ssh -L %d:localhost:%d %s", 8000+r.Intn(1000), 80+r.Intn(9000), val(hosts))
		}, func() string { return "forward a local port" }},
		{"tar", func() string { return fmt.Sprintf("tar -czf %s.tar.gz %s/", ident(), val(pods)) }, func() string { return "compress a directory" }},
		{"curl", func() string { return fmt.Sprintf("curl -sS https://%s/%s", val(hosts), val(objects)) }, func() string { return pick(verbs) + " " + pick(objects) + " over HTTP" }},
		{"", nil, nil}, // a made-up tool, as large heterogeneous collections have
	}
	out := make([]snippet.Snippet, 0, n)
	for i := 0; i < n; i++ {
		if i > 20 && r.Intn(20) == 0 {
			s := out[r.Intn(len(out))]
			s.Source = fmt.Sprintf("notes/other-%d.md", r.Intn(10))
			s.Line = 1 + r.Intn(500)
			s.Description = pick(verbs) + " " + strings.ToLower(s.Description)
			out = append(out, s)
			continue
		}
		t := templates[r.Intn(len(templates))]
		var s snippet.Snippet
		if t.cmd == nil {
			tool := "tool" + ident()[:3]
			s = snippet.Snippet{
				Command:     fmt.Sprintf("%s %s --%s %s", tool, pick(verbs), pick(objects), val(files)),
				Description: fmt.Sprintf("%s %s with %s", pick(verbs), pick(objects), tool),
				Tool:        tool,
			}
		} else {
			s = snippet.Snippet{Command: t.cmd(), Description: t.desc(), Tool: t.tool}
		}
		s.Section = strings.ToUpper(s.Tool[:1]) + s.Tool[1:]
		s.Tags = []string{s.Tool}
		s.Source = fmt.Sprintf("notes/n%03d.md", i%200)
		s.Line = 1 + i%400
		s.Origin = snippet.OriginNotes
		out = append(out, s)
	}
	return out
}
