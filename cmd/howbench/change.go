package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// change measures what a query costs right after the sources changed:
// the first query after how add, after an edit to one note, after a
// switch between two source sets seen before, and with a folder of 10,000
// notes, up to date and after an edit to one of them; and how show NAME,
// which makes its page of the index. Each is a fresh
// process, timed alone after the change (which is not timed).
func (b *bench) change(runs int) (string, []budget, error) {
	dir := filepath.Join(b.tmp, "change")
	notes := filepath.Join(dir, "notes")
	extra := filepath.Join(dir, "extra")
	big := filepath.Join(dir, "big")
	if err := writeNotes(notes, 200, "svc"); err != nil {
		return "", nil, err
	}
	if err := writeNotes(extra, 20, "extra"); err != nil {
		return "", nil, err
	}
	if err := writeNotes(big, 10000, "app"); err != nil {
		return "", nil, err
	}
	env := b.env(filepath.Join(dir, "cache"), "HOW_DATA_DIR="+filepath.Join(dir, "data"),
		"HOW_PATH="+strings.Join(append(slices.Clone(b.corpora), notes), string(os.PathListSeparator)))
	envBig := b.env(filepath.Join(dir, "cache-big"), "HOW_NO_BUNDLED=1", "HOW_PATH="+big)
	query := []string{b.how, "-n", "1", "follow", "svc0100", "logs"}
	bigQuery := []string{b.how, "-n", "1", "follow", "app5000", "logs"}
	for _, e := range []struct {
		env  []string
		argv []string
	}{{env, query}, {env, append(slices.Clone(query), "--source", extra)}, {envBig, bigQuery}} {
		if _, err := b.exec(e.env, "", e.argv[0], e.argv[1:]...); err != nil {
			return "", nil, err
		}
	}

	type row struct {
		what   string
		limit  time.Duration
		change func(i int) error
		argv   []string
		env    []string
	}
	edit := func(folder, prefix string) func(int) error {
		return func(i int) error {
			// Another command, so that the note's segment must change.
			return os.WriteFile(filepath.Join(folder, fmt.Sprintf("%s%04d.md", prefix, 100)), []byte(note(prefix, 100, i)), 0o644)
		}
	}
	rows := []row{
		{"up to date, corpora + notes + bundled", 8 * time.Millisecond, nil, query, env},
		{"first after how add", 150 * time.Millisecond, func(i int) error {
			_, err := b.exec(env, "", b.how, "add", "-d", fmt.Sprintf("list the zebras of pen %d", i), "--", fmt.Sprintf("ls /zoo/pen%d", i))
			return err
		}, query, env},
		{"first after editing one note", 150 * time.Millisecond, edit(notes, "svc"), query, env},
		{"switching --source, each set seen before", 150 * time.Millisecond, nil, nil, env},
		{"how show journalctl, up to date", 20 * time.Millisecond, nil, []string{b.how, "show", "journalctl"}, env},
		{"10,000 notes, up to date", 20 * time.Millisecond, nil, bigQuery, envBig},
		{"10,000 notes, first after editing one", 150 * time.Millisecond, edit(big, "app"), bigQuery, envBig},
	}
	var rep strings.Builder
	var budgets []budget
	rep.WriteString("## After a change\n\n")
	fmt.Fprintf(&rep, "A fresh process, timed alone, %d runs each, right after the change named (which is not timed): all of ../shared's corpora and notes, the bundled sheets and a folder of 200 notes; or a folder of 10,000 notes alone.\n\n", runs)
	rep.WriteString("| query | median | p10–p90 | budget |\n|---|---|---|---|\n")
	for _, r := range rows {
		var times []time.Duration
		for i := range runs {
			argv := r.argv
			if argv == nil {
				// Switching: every other run is the other set.
				argv = query
				if i%2 == 1 {
					argv = append(slices.Clone(query), "--source", extra)
				}
			}
			if r.change != nil {
				if err := r.change(i); err != nil {
					return "", nil, err
				}
			}
			d, err := timeOne(argv, r.env, "")
			if err != nil {
				return "", nil, err
			}
			times = append(times, d)
		}
		res := result{name: r.what, times: times}
		fmt.Fprintf(&rep, "| %s | %s | %s–%s | ≤ %s |\n", r.what, ms(res.median()), ms(res.pct(10)), ms(res.pct(90)), ms(r.limit))
		budgets = append(budgets, budget{"query " + r.what + " (median)", res.median(), r.limit, "≤ " + ms(r.limit)})
	}
	rep.WriteString("\n")
	return rep.String(), budgets, nil
}

// note is a note of a few commands for service n; edition changes one
// of them.
func note(prefix string, n, edition int) string {
	return fmt.Sprintf("# Service %[1]s%04[2]d\n\n```\njournalctl -u %[1]s%04[2]d -f    # follow %[1]s%04[2]d logs\n"+
		"systemctl restart %[1]s%04[2]d   # restart %[1]s%04[2]d\ncurl -sS http://host%04[2]d:%[3]d/health   # check health of %[1]s%04[2]d\n```\n",
		prefix, n, 8080+edition)
}

// writeNotes writes n notes in folder.
func writeNotes(folder string, n int, prefix string) error {
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return err
	}
	for i := range n {
		if err := os.WriteFile(filepath.Join(folder, fmt.Sprintf("%s%04d.md", prefix, i)), []byte(note(prefix, i, 0)), 0o644); err != nil {
			return err
		}
	}
	return nil
}
