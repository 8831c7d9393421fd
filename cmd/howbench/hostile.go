package main

import (
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// hostileRun is one fresh process on input made long on purpose.
type hostileRun struct {
	name      string
	argv, env []string
	// budget is the wall time (median) and memory (most) it may take; 0:
	// no memory budget.
	wall time.Duration
	rss  int64
}

// hostile measures what a source, a query or a config made long on purpose
// costs (issue 11's budgets): a 1 MB command printed to a terminal, a
// 40,000-word widget line, a config of 50,000 keys. Each is a fresh
// process on a warm cache, runs times; the median wall time and the most
// memory are kept.
func (b *bench) hostile(runs int) (string, []budget, error) {
	dir := filepath.Join(b.tmp, "hostile")
	notes := filepath.Join(dir, "notes")
	cfg := filepath.Join(dir, "config")
	for _, d := range []string{notes, cfg} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return "", nil, err
		}
	}
	// A navi cheat keeps a command whatever its length: one of 1 MB.
	var cmd strings.Builder
	cmd.WriteString("echo")
	for i := 0; cmd.Len() < 1<<20; i++ {
		fmt.Fprintf(&cmd, " --opt%d=value", i)
	}
	if err := os.WriteFile(filepath.Join(notes, "long.cheat"), []byte("% long\n\n# print a very long line\n"+cmd.String()+"\n"), 0o644); err != nil {
		return "", nil, err
	}
	var keys strings.Builder
	for i := range 50000 {
		fmt.Fprintf(&keys, "k%d = 1\n", i)
	}
	if err := os.WriteFile(filepath.Join(cfg, "config.toml"), []byte(keys.String()), 0o644); err != nil {
		return "", nil, err
	}
	// Two-letter words: a line of 40,000 of them is one argument the
	// kernel still takes (128 KB).
	r := rand.New(rand.NewSource(1))
	vocab := strings.Fields("df du ls ps ip ss go fd rg vi")
	words := make([]string, 40000)
	for i := range words {
		words[i] = vocab[r.Intn(len(vocab))]
	}

	longCache := filepath.Join(dir, "cache-long")
	envLong := b.env(longCache, "HOW_NO_BUNDLED=1", "HOW_PATH="+notes, "HOW_FORCE_TTY=1", "COLUMNS=100", "CLICOLOR_FORCE=1")
	if _, err := b.exec(envLong, "", b.how, "index"); err != nil {
		return "", nil, err
	}
	bundled := filepath.Join(b.tmp, "cache-bundled")
	specs := []hostileRun{
		{"a 1 MB command, printed to a terminal", []string{b.how, "-n", "1", "print", "a", "very", "long", "line"}, envLong, 50 * time.Millisecond, 0},
		{"a 40,000-word widget line", []string{b.how, "--widget", "--", strings.Join(words, " ")}, b.env(bundled), 100 * time.Millisecond, 100 << 20},
		{"a config.toml of 50,000 keys (refused)", []string{b.how, "journalctl", "follow"}, append(b.env(bundled), "HOW_CONFIG_DIR="+cfg), 100 * time.Millisecond, 0},
	}
	var rep strings.Builder
	rep.WriteString("## Hostile input\n\nInput made long on purpose (issue 11): fresh processes, warm cache, ")
	fmt.Fprintf(&rep, "%d runs each.\n\n| input | median | peak memory |\n|---|---|---|\n", runs)
	var budgets []budget
	for _, s := range specs {
		var walls []time.Duration
		var most int64
		for range runs {
			c := exec.Command(s.argv[0], s.argv[1:]...)
			c.Env = s.env
			c.Stdout, c.Stderr = io.Discard, io.Discard
			start := time.Now()
			err := c.Run()
			walls = append(walls, time.Since(start))
			if _, ok := err.(*exec.ExitError); err != nil && !ok {
				return "", nil, fmt.Errorf("%s: %v", s.name, err)
			}
			rss, err := b.measureRSS(s.argv, s.env)
			if err != nil {
				return "", nil, fmt.Errorf("%s: %v", s.name, err)
			}
			most = max(most, rss)
		}
		slices.Sort(walls)
		median := walls[len(walls)/2]
		fmt.Fprintf(&rep, "| %s | %s | %.0f MB |\n", s.name, ms(median), float64(most)/(1<<20))
		budgets = append(budgets, budget{s.name + " (median)", median, s.wall, "≤ " + ms(s.wall)})
		if s.rss > 0 {
			budgets = append(budgets, budget{s.name + ", peak memory", time.Duration(most), time.Duration(s.rss), fmt.Sprintf("≤ %d MB", s.rss>>20)})
		}
	}
	rep.WriteString("\n")
	return rep.String(), budgets, nil
}

// launchEnv, set in howbench's own environment, makes it a launcher: it
// runs its arguments and writes the child's peak memory to the file the
// variable names. A child started by howbench itself would report
// howbench's memory as its own peak: Linux keeps the high-water mark of
// the process a child is forked from across the child's exec.
const launchEnv = "HOWBENCH_RSS_FILE"

// measureRSS runs argv with env through a fresh howbench launcher and
// returns the peak memory of argv's process alone.
func (b *bench) measureRSS(argv, env []string) (int64, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, err
	}
	out := filepath.Join(b.tmp, "rss")
	c := exec.Command(self, argv...)
	c.Env = append(slices.Clone(env), launchEnv+"="+out)
	c.Stdout, c.Stderr = io.Discard, io.Discard
	if err := c.Run(); err != nil {
		return 0, err
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return 0, err
	}
	var rss int64
	_, err = fmt.Sscan(string(data), &rss)
	return rss, err
}

// launch is howbench as a launcher (see launchEnv).
func launch(file string, argv []string) {
	c := exec.Command(argv[0], argv[1:]...)
	c.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, launchEnv+"=") })
	c.Stdin, c.Stdout, c.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := c.Run(); err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			fmt.Fprintln(os.Stderr, "howbench:", err)
			os.Exit(2)
		}
	}
	if err := os.WriteFile(file, []byte(fmt.Sprint(peakRSS(c.ProcessState))), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "howbench:", err)
		os.Exit(2)
	}
}
