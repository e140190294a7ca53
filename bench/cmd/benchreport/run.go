package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// command runs name with args and returns its standard output; standard
// error goes to ours.
func command(name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return out, nil
}

// quietCommand is command with standard error captured and shown only on
// failure (benchstat notes every sample set smaller than 6 there).
func quietCommand(name string, args ...string) ([]byte, error) {
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, stderr.Bytes())
	}
	return out, nil
}

// installBenchstat installs the pinned benchstat and returns its path.
func installBenchstat(noInstall bool) (string, error) {
	if !noInstall {
		fmt.Fprintf(os.Stderr, "benchreport: go install golang.org/x/perf/cmd/benchstat@%s\n", benchstatVersion)
		if _, err := command("go", "install", "golang.org/x/perf/cmd/benchstat@"+benchstatVersion); err != nil {
			return "", err
		}
	}
	if p, err := exec.LookPath("benchstat"); err == nil {
		return p, nil
	}
	gobin, err := command("go", "env", "GOBIN")
	if err != nil {
		return "", err
	}
	dir := strings.TrimSpace(string(gobin))
	if dir == "" {
		gopath, err := command("go", "env", "GOPATH")
		if err != nil {
			return "", err
		}
		dir = filepath.Join(strings.SplitN(strings.TrimSpace(string(gopath)), string(os.PathListSeparator), 2)[0], "bin")
	}
	p := filepath.Join(dir, "benchstat")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("benchstat not found in PATH or %s", dir)
	}
	return p, nil
}

// writeBehaviour regenerates behaviour.md with the same harness.
func writeBehaviour() error {
	fmt.Fprintln(os.Stderr, "benchreport: regenerating behaviour.md")
	_, err := command("go", "test", "-count=1", "-run", "^TestBehaviour$", ".", "-write-behaviour")
	return err
}

// runRounds builds the benchmark binary once and runs it o.rounds times,
// each round covering every benchmark once, appending to raw.
func runRounds(o options, raw string) error {
	dir, err := os.MkdirTemp("", "benchreport")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "bench.test")
	fmt.Fprintln(os.Stderr, "benchreport: building the benchmark binary")
	if _, err := command("go", "test", "-c", "-o", bin, "."); err != nil {
		return err
	}
	var all bytes.Buffer
	for i := 1; i <= o.rounds; i++ {
		start := time.Now()
		out, err := command(bin, "-test.run", "^$", "-test.bench", o.bench,
			"-test.benchtime", o.benchtime, "-test.benchmem", "-test.count", "1")
		if err != nil {
			return err
		}
		if i > 1 {
			out = stripPreamble(out)
		}
		all.Write(out)
		fmt.Fprintf(os.Stderr, "benchreport: round %d/%d done in %s\n", i, o.rounds, time.Since(start).Round(time.Second))
		if err := os.WriteFile(raw, all.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// stripPreamble drops the goos/goarch/pkg/cpu lines and the PASS/ok
// trailer repeated by every round, keeping the benchmark lines.
func stripPreamble(out []byte) []byte {
	var b bytes.Buffer
	for line := range strings.Lines(string(out)) {
		if strings.HasPrefix(line, "Benchmark") {
			b.WriteString(line)
		}
	}
	return b.Bytes()
}
