// Command benchreport runs the side-by-side CORS benchmarks of
// github.com/originguard/cors/bench in interleaved rounds, feeds the
// samples to benchstat, and writes the overhead table into the bench
// module's README.md between the markers <!-- bench:begin --> and
// <!-- bench:end -->. (The repository's README only summarises it.)
//
// Run it from the bench module (run.sh does):
//
//	go run ./cmd/benchreport -rounds 6 -benchtime 100ms
//
// It installs benchstat (a pinned golang.org/x/perf version) with
// go install, builds the benchmark binary once, runs it once per round
// with -count 1 (so that every stack is sampled in every round, spreading
// the machine's noise over all of them), then writes:
//
//	results/raw.txt        the benchmark output of every round (not committed)
//	results/benchstat.txt  benchstat's report (not committed)
//	summary.md             every stack's medians, intervals and overheads
//	behaviour.md           the observed responses (go test -write-behaviour)
//
// and replaces the text between the markers of README.md. If the markers are
// absent it prints the table and says so.
//
// The table compares CPU time per request (-metric cpu, the default): on
// a shared machine wall-clock ns/op also counts time spent waiting for a
// CPU, which swamps differences of a few hundred nanoseconds. -metric wall
// uses ns/op instead; summary.md always shows both.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// benchstatVersion is pinned: its go.mod needs go 1.24, so it builds with
// the go 1.25 and 1.26 toolchains.
const benchstatVersion = "v0.0.0-20250909190841-7e13e04d9366"

func main() {
	var o options
	flag.IntVar(&o.rounds, "rounds", 6, "interleaved rounds (benchstat needs 6 for a confidence interval)")
	flag.StringVar(&o.benchtime, "benchtime", "50ms", "-benchtime of each benchmark in each round")
	flag.StringVar(&o.bench, "bench", ".", "benchmark pattern (for quick partial runs)")
	flag.StringVar(&o.readme, "readme", "README.md", "file to update between the bench markers (the bench module's README)")
	flag.StringVar(&o.results, "results", "results", "directory for raw.txt and benchstat.txt")
	flag.StringVar(&o.summary, "summary", "summary.md", "where to write every stack's medians")
	flag.BoolVar(&o.noInstall, "no-install", false, "use the benchstat found in PATH or GOBIN instead of installing it")
	flag.BoolVar(&o.reuse, "reuse", false, "skip the rounds and report on the existing results/raw.txt")
	flag.BoolVar(&o.skipBehaviour, "skip-behaviour", false, "do not regenerate behaviour.md")
	flag.StringVar(&o.metric, "metric", "cpu", "time metric of the table: cpu (cpu-ns/op) or wall (ns/op)")
	flag.StringVar(&o.note, "note", "", "a line to print under the table's title (e.g. the machine's load)")
	flag.Parse()
	start := time.Now()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "benchreport: done in %s\n", time.Since(start).Round(time.Second))
}

// options are the command-line settings.
type options struct {
	rounds        int
	benchtime     string
	bench         string
	readme        string
	results       string
	summary       string
	noInstall     bool
	skipBehaviour bool
	reuse         bool
	metric        string
	note          string
	env           string // filled in by run
}

func run(o options) error {
	if o.rounds < 1 {
		return fmt.Errorf("-rounds must be at least 1")
	}
	if o.metric != "cpu" && o.metric != "wall" {
		return fmt.Errorf("-metric must be cpu or wall, not %q", o.metric)
	}
	if err := os.MkdirAll(o.results, 0o755); err != nil {
		return err
	}
	benchstat, err := installBenchstat(o.noInstall)
	if err != nil {
		return err
	}
	if !o.skipBehaviour && !o.reuse {
		if err := writeBehaviour(); err != nil {
			return err
		}
	}
	raw := filepath.Join(o.results, "raw.txt")
	env := environment{loadBefore: loadAverage()}
	if !o.reuse {
		if err := runRounds(o, raw); err != nil {
			return err
		}
		env.loadAfter = loadAverage()
	}
	rawData, err := os.ReadFile(raw)
	if err != nil {
		return err
	}
	if o.reuse {
		env.loadBefore = ""
		o.rounds = countRounds(rawData)
		o.benchtime += ", reused samples"
	}
	env.preamble = readPreamble(rawData)
	o.env = env.String()
	report, err := quietCommand(benchstat, raw)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(o.results, "benchstat.txt"), report, 0o644); err != nil {
		return err
	}
	csvOut, err := quietCommand(benchstat, "-format", "csv", raw)
	if err != nil {
		return err
	}
	samples, err := parseBenchstatCSV(csvOut)
	if err != nil {
		return err
	}
	res := newResults(samples, o.metric == "cpu")
	if err := os.WriteFile(o.summary, []byte(res.summary()), 0o644); err != nil {
		return err
	}
	table := res.readmeTable(o)
	return updateReadme(o.readme, table)
}
