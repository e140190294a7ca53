package main

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
)

// environment describes where the numbers come from: the benchmark
// preamble's goos/goarch/cpu, the CPU count and the load average before
// and after the rounds, so a reader can judge the noise.
type environment struct {
	preamble   []string
	loadBefore string
	loadAfter  string
}

// loadAverage returns the 1-minute load average, or "" where unknown.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// readPreamble extracts the goos, goarch and cpu lines of raw benchmark
// output.
func readPreamble(raw []byte) []string {
	var out []string
	for line := range strings.Lines(string(raw)) {
		line = strings.TrimSpace(line)
		for _, p := range []string{"goos: ", "goarch: ", "cpu: "} {
			if strings.HasPrefix(line, p) && !slices.ContainsFunc(out, func(l string) bool { return strings.HasPrefix(l, p) }) {
				out = append(out, line)
			}
		}
	}
	return out
}

// String formats the environment as one Markdown sentence.
func (e environment) String() string {
	parts := append([]string{}, e.preamble...)
	parts = append(parts, fmt.Sprintf("%d CPUs", runtime.NumCPU()), runtime.Version())
	if e.loadBefore != "" || e.loadAfter != "" {
		parts = append(parts, fmt.Sprintf("load average %s before, %s after", orDash(e.loadBefore), orDash(e.loadAfter)))
	}
	return "Machine: " + strings.Join(parts, ", ") + "."
}

// countRounds returns how many samples raw output holds for its first
// benchmark, which is the number of rounds that produced it.
func countRounds(raw []byte) int {
	first, n := "", 0
	for line := range strings.Lines(string(raw)) {
		f := strings.Fields(line)
		if len(f) == 0 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if first == "" {
			first = f[0]
		}
		if f[0] == first {
			n++
		}
	}
	return n
}
